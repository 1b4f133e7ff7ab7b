"""Intergovernmental organizations (OIC, GCC, Arab League, NATO …) and their full members, from COW IGO v3."""

from __future__ import annotations

from collections import defaultdict

from rdflib import Literal
from rdflib.namespace import RDF, RDFS, SKOS

from kg.model import BuildContext, PartialDate
from kg.sources import read_rows
from kg.vocab import SK, nation_uri, organization_uri

DATASET = "cow_igo"
# ended_by values (see derive_igo_memberships.py) that mean full membership ended that year:
# no longer a member, downgraded to associate or observer, organization dissolved, state gone.
ENDED = {"0", "2", "3", "-1", "absent"}


def load(ctx: BuildContext) -> None:
    for _, row in read_rows(DATASET, "organizations.csv"):
        uri = organization_uri(row["code"])
        label = row.get("current_name") or row["name"]
        ctx.add(DATASET, uri, RDF.type, SK.InternationalOrganization)
        ctx.add(DATASET, uri, RDFS.label, Literal(label, lang="en"))
        ctx.add(DATASET, uri, SKOS.prefLabel, Literal(label, lang="en"))
        ctx.add(DATASET, uri, SK.acronym, Literal(row["acronym"]))
        for name in {row["name"], *(n.strip() for n in row.get("alt_names", "").split(";"))} - {label, ""}:
            ctx.add(DATASET, uri, SKOS.altLabel, Literal(name, lang="en"))
        ctx.add(DATASET, uri, SK.sourceId, Literal(f"{DATASET}:{row['cow_column']}"))
    spells: dict[tuple[str, str], int] = defaultdict(int)
    for _, row in read_rows(DATASET, "igo_memberships.csv"):
        start = PartialDate.parse(row["start_year"])
        key = ctx.codes.from_cow(DATASET, row["ccode"], start.year if start else None)
        if key is None or start is None:
            ctx.report.skip(DATASET, f"member code {row['ccode']} not mapped")
            continue
        org = row["org_code"]
        spells[(org, key)] += 1
        # A spell that runs to the end of the data (2014) or into missing data is not an exit.
        exit_date = PartialDate.parse(row["end_year"]) if row["ended_by"] in ENDED else None
        record = ctx.record(DATASET, "memberships", f"{org}-{row['ccode']}-{row['start_year']}")
        ctx.participation(DATASET, organization_uri(org), f"org-{org}", key, record=record, join=start,
                          exit=exit_date, spell=spells[(org, key)], shortcut=SK.hasMember)
        ctx.add(DATASET, nation_uri(key), SK.memberOf, organization_uri(org))
