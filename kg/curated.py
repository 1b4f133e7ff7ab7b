"""Sharaka's curated agreements: partnerships, exercises, normalization, operations (1979 on)."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from sharaka.kg.model import BuildContext, PartialDate
from sharaka.kg.sources import read_rows
from sharaka.kg.vocab import ROLE, SK, nation_uri

DATASET = "curated"

# Curated sector codes → ontology sector notations.
SECTORS = {"defense": "defence", "economy": "economy", "technology": "technology",
           "intelligence": "intelligence", "humanitarian": "humanitarian",
           "disaster_response": "disaster_response", "diplomacy": "diplomacy", "energy": "energy",
           "nuclear": "nuclear"}
# Kinds whose narrower defence sector follows from the kind itself.
KIND_SECTORS = {"military_assistance": "military_assistance", "defense_industry": "defence_industry",
                "joint_exercise": "training_exercises"}


def load(ctx: BuildContext) -> None:
    groups = _group_names()
    for _, row in read_rows(DATASET, "agreements.csv"):
        record_id = row["id"]
        start = PartialDate.from_iso(row["start_date"])
        if start is None:
            ctx.report.skip(DATASET, "no start date")
            continue
        record = ctx.record(DATASET, "agreements", record_id)
        ctx.add(DATASET, record, SK.sourceUrl, URIRef(row["source_url"]))
        # Its category, and every kind its source also makes it (a strategic partnership with a mutual-defence
        # clause is also a defence pact); kinds are ontology notations.
        kinds = [row["category"], *(k for k in row["also_kinds"].split(";") if k)]
        uri = ctx.agreement(DATASET, record_id, kinds, row["name"], start, record)
        g = DATASET
        end = PartialDate.from_iso(row["end_date"])
        if end is not None:
            ctx.dates(g, uri, end, SK.endYear, None, SK.endDate)
        ctx.add(g, uri, DCTERMS.description, Literal(row["description"], lang="en"))
        ctx.add(g, uri, SK.sourceUrl, URIRef(row["source_url"]))
        for name in groups.get(f"{DATASET}:{record_id}", []):
            # A name people use for a group of agreements (the Abraham Accords), from the lexicon.
            ctx.add(g, uri, SKOS.hiddenLabel, Literal(name, lang="en"))
            ctx.add(g, uri, PROV.wasDerivedFrom, ctx.record("lexicon", "agreement_groups", name))
        ctx.add(g, uri, SK.recurring, Literal(row["recurring"] == "true"))
        ctx.add(g, uri, SK.partiesComplete, Literal(row["parties_complete"] == "true"))
        sectors = [SECTORS[s] for s in row["sectors"].split(";") if s]
        sectors += [KIND_SECTORS[k] for k in kinds if k in KIND_SECTORS]
        ctx.sectors(g, uri, sectors)
        lead = ctx.codes.from_iso3(DATASET, row["lead_party"]) if row["lead_party"] else None
        if lead:
            ctx.add(g, uri, SK.leadParty, nation_uri(lead))
        parties = [p for p in row["parties"].split(";") if p]
        ctx.add(g, uri, SK.bilateral, Literal(len(parties) == 2))
        for code in parties:
            key = ctx.codes.from_iso3(DATASET, code)
            if key is None:
                ctx.report.skip(DATASET, f"party code {code} not mapped")
                continue
            # No join or exit dates: the file does not say when each party joined a series.
            ctx.participation(g, uri, f"curated-{record_id}", key, record=record,
                              role=ROLE.lead if key == lead else None)


def _group_names() -> dict[str, list[str]]:
    """source id → group names (lexicon/agreement_groups.csv)."""
    names: dict[str, list[str]] = {}
    for _, row in read_rows("lexicon", "agreement_groups.csv"):
        for sid in row["source_ids"].split(";"):
            names.setdefault(sid, []).append(row["alias"])
    return names
