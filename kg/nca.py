"""NCA 2.0: nuclear cooperation pledges, one record per supplier and recipient (directed)."""

from __future__ import annotations

from rdflib import Literal

from sharaka.kg.model import BuildContext, PartialDate
from sharaka.kg.nations import english_name
from sharaka.kg.sources import read_rows
from sharaka.kg.vocab import NUCLEAR_ASSISTANCE, ROLE, SK, nation_uri

DATASET = "nca"

TYPE_WORDS = {"1": "nuclear safety", "2": "research and training", "3": "nuclear materials",
              "4": "research programme", "5": "nuclear power, restricted", "6": "nuclear power, unrestricted",
              "7": "military"}
# nca_type → sectors beyond nuclear: power programmes are energy, type 7 is military.
TYPE_SECTORS = {"5": ["energy"], "6": ["energy"], "7": ["defence"]}


def load(ctx: BuildContext) -> None:
    # NCA has no record ids and repeats identical rows; the row number is the record id.
    for number, row in read_rows(DATASET, "nca_dataset_v2.0.csv"):
        record_id = str(number)
        start = PartialDate.parse(row["year"])
        if start is None:
            ctx.report.skip(DATASET, "no year")
            continue
        supplier = ctx.codes.from_cow(DATASET, row["ccode1"], start.year)
        recipient = ctx.codes.from_cow(DATASET, row["ccode2"], start.year)
        if supplier is None or recipient is None:
            ctx.report.skip(DATASET, "party code not mapped")
            continue
        kind = row["nca_type"]
        label = (f"{english_name(supplier)} → {english_name(recipient)} nuclear cooperation "
                 f"({TYPE_WORDS.get(kind, 'unspecified')}, {start.year})")
        record = ctx.record(DATASET, "dyads", record_id)
        uri = ctx.agreement(DATASET, record_id, "nuclear_cooperation", label, start, record)
        if kind in TYPE_WORDS:
            ctx.add(DATASET, uri, SK.nuclearAssistanceType, NUCLEAR_ASSISTANCE[kind])
        ctx.add(DATASET, uri, SK.bilateral, Literal(True))
        ctx.sectors(DATASET, uri, ["nuclear", *TYPE_SECTORS.get(kind, [])])
        slug = f"nca-{record_id}"
        ctx.participation(DATASET, uri, slug, supplier, record=record, join=start, role=ROLE.supplier)
        ctx.add(DATASET, uri, SK.supplier, nation_uri(supplier))
        if recipient != supplier:
            ctx.participation(DATASET, uri, slug, recipient, record=record, join=start, role=ROLE.recipient)
            ctx.add(DATASET, uri, SK.recipient, nation_uri(recipient))
