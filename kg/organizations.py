"""Intergovernmental organizations (OIC, GCC, Arab League, NATO …) and their full members, from COW IGO v3."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from sharaka.kg import oic
from sharaka.kg.model import BuildContext, PartialDate
from sharaka.kg.sources import read_rows
from sharaka.kg.vocab import SK, nation_uri, organization_uri

DATASET = "cow_igo"
# ended_by values (see derive_igo_memberships.py) that mean full membership ended that year:
# no longer a member, downgraded to associate or observer, organization dissolved, state gone.
ENDED = {"0", "2", "3", "-1", "absent"}
# Organizations whose membership the graph answers from another source (docs/semantics.md, "OIC membership"):
# COW IGO's spells of the nations that source lists are kept as a second, cited record
# (sk:secondaryParticipation). Nations it does not list (North and South Yemen, members until 1990) keep
# COW IGO's spells as their membership.
MEMBERSHIP_ELSEWHERE: dict[str, Callable[[], frozenset[str]]] = {"OIC": oic.listed_nations}


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
    for _, row in read_rows("lexicon", "organization_aliases.csv"):
        # Names people use for an organization's members ("Muslim countries": the OIC), from the lexicon.
        uri = organization_uri(row["code"])
        ctx.add(DATASET, uri, SKOS.hiddenLabel, Literal(row["alias"], lang="ar" if _is_arabic(row["alias"]) else "en"))
        ctx.add(DATASET, uri, PROV.wasDerivedFrom, ctx.record("lexicon", "organization_aliases", row["alias"]))
    # Spells per (organization, nation), merged when one code hands over to another the next
    # year (West Germany 260 until 1989, Germany 255 from 1990): a new code is not a new member.
    spells: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for _, row in read_rows(DATASET, "igo_memberships.csv"):
        key = ctx.codes.from_cow(DATASET, row["ccode"], int(row["start_year"]))
        if key is None:
            ctx.report.skip(DATASET, f"member code {row['ccode']} not mapped")
            continue
        spells[(row["org_code"], key)].append(row)
    for (org, key), rows in sorted(spells.items()):
        merged: list[list[dict[str, str]]] = []
        for row in sorted(rows, key=lambda r: int(r["start_year"])):
            if merged and int(row["start_year"]) == int(merged[-1][-1]["end_year"]) + 1 \
                    and merged[-1][-1]["ended_by"] == "absent":
                merged[-1].append(row)
            else:
                merged.append([row])
        for number, spell in enumerate(merged, start=1):
            first, last = spell[0], spell[-1]
            # A spell that runs to the end of the data (2014) or into missing data is not an exit.
            exit_date = PartialDate.parse(last["end_year"]) if last["ended_by"] in ENDED else None
            record_id = "+".join(f"{r['ccode']}-{r['start_year']}" for r in spell)
            record = ctx.record(DATASET, "memberships", f"{org}-{record_id}")
            join = PartialDate.parse(first["start_year"])
            if org in MEMBERSHIP_ELSEWHERE and key in MEMBERSHIP_ELSEWHERE[org]():
                ctx.participation(DATASET, organization_uri(org), f"org-{org}-{DATASET}", key, record=record,
                                  join=join, exit=exit_date, spell=number, shortcut=None,
                                  link=SK.secondaryParticipation)
                continue
            ctx.participation(DATASET, organization_uri(org), f"org-{org}", key, record=record, join=join,
                              exit=exit_date, spell=number, shortcut=SK.hasMember)
            ctx.add(DATASET, nation_uri(key), SK.memberOf, organization_uri(org))


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)
