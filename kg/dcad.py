"""DCAD 1.0: bilateral defence cooperation agreements (1980-2010) with their categories."""

from __future__ import annotations

from rdflib import Literal

from sharaka.kg.model import BuildContext, PartialDate
from sharaka.kg.nations import english_name
from sharaka.kg.sources import read_rows
from sharaka.kg.vocab import SK

DATASET = "dcad"

# DCAD category → narrower defence sector (ontology: sector scheme). DCA is general cooperation.
CATEGORY_SECTORS = {
    "DCA": None, "DIC": "defence_industry", "TREX": "training_exercises",
    "PROCUREMENT": "arms_procurement", "RESEARCH": "defence_research", "COMMISSION": "defence_commission",
}
CATEGORY_WORDS = {
    "DCA": "general", "DIC": "defence industry", "TREX": "training and exercises",
    "PROCUREMENT": "procurement", "RESEARCH": "research", "COMMISSION": "joint commission",
}


def load(ctx: BuildContext) -> None:
    for _, row in read_rows(DATASET, "DCAD-v1.0-main.csv"):
        record_id = row["DCAid"]
        start = PartialDate.parse(row["signYear"], row["signMonth"], row["signDay"])
        if start is None:
            ctx.report.skip(DATASET, "no signature year")
            continue
        parties = [ctx.codes.from_cow(DATASET, row[c], start.year) for c in ("ccode1", "ccode2")]
        if None in parties:
            ctx.report.skip(DATASET, "party code not mapped")
            continue
        if parties[0] == parties[1]:
            # Three rows give the same code twice (e.g. DCADv1.0-0297): one party, as the codes say.
            ctx.report.skip(DATASET, "same party code twice (one party kept)")
            parties = parties[:1]
        categories = [row[c] for c in ("category1", "category2", "category3") if row[c] in CATEGORY_SECTORS]
        label = (f"{'–'.join(english_name(p) for p in parties if p)} defence cooperation agreement "
                 f"({', '.join(CATEGORY_WORDS[c] for c in categories) or 'general'}, {start.year})")
        record = ctx.record(DATASET, "main", record_id)
        uri = ctx.agreement(DATASET, record_id, "defence_cooperation", label, start, record)
        eif = PartialDate.parse(row["EIFYear"], row["EIFMonth"], row["EIFDay"])
        if eif is not None:
            ctx.add(DATASET, uri, SK.entryIntoForceYear, Literal(eif.year))
        # terminated: 1 = terminated by 2010, 0 = not; other codes (-88, -99) say nothing.
        if row["terminated"] in ("0", "1"):
            ctx.add(DATASET, uri, SK.inForceAtCoverageEnd, Literal(row["terminated"] == "0"))
        ctx.add(DATASET, uri, SK.bilateral, Literal(len(parties) == 2))
        ctx.sectors(DATASET, uri, ["defence", *(s for c in categories if (s := CATEGORY_SECTORS[c]))])
        for key in parties:
            assert key is not None
            ctx.participation(DATASET, uri, f"dcad-{record_id}", key, record=record, join=start)
