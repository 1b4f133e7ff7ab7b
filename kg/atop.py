"""ATOP 5.1: formal alliances (defence pacts), their obligations and their members by phase."""

from __future__ import annotations

from collections import defaultdict

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.model import BuildContext, PartialDate
from kg.nations import english_name
from kg.sources import read_rows
from kg.vocab import OBLIGATION, SK

DATASET = "atop"

# ATOP flag column → obligation concept (ontology: skid:obligation scheme).
OBLIGATIONS = {"defense": "defence", "offense": "offence", "neutral": "neutrality",
               "nonagg": "non_aggression", "consul": "consultation"}


def alliance_label(atopid: str, year: int, member_names: list[str]) -> str:
    """ATOP gives alliances no names; the label says what the record says: id, year, members."""
    if len(member_names) <= 3:
        who = ", ".join(member_names)
    else:
        who = f"{', '.join(member_names[:3])} and {len(member_names) - 3} others"
    return f"ATOP alliance {atopid} ({year}): {who}"


def load(ctx: BuildContext) -> None:
    members: dict[str, list[tuple[int, dict[str, str]]]] = defaultdict(list)
    for number, row in read_rows(DATASET, "atop5_1m.csv"):
        members[row["atopid"]].append((number, row))

    for _, row in read_rows(DATASET, "atop5_1a.csv"):
        atopid = row["atopid"]
        start = PartialDate.parse(row["begyr"], row["begmo"], row["begday"])
        if start is None:
            ctx.report.skip(DATASET, "alliance without a start year")
            continue
        member_keys = [k for k in (ctx.codes.from_cow(DATASET, row[f"mem{i}"], start.year)
                                   for i in range(1, 60) if row.get(f"mem{i}")) if k]
        record = ctx.record(DATASET, "a", atopid)
        uri = ctx.agreement(DATASET, atopid, "defence_pact",
                            alliance_label(atopid, start.year, [english_name(k) for k in member_keys]),
                            start, record)
        g = DATASET
        end = PartialDate.parse(row["endyr"], row["endmo"], row["endday"])
        if end is None:  # endyr = 0: in force on 2018-12-31
            ctx.add(g, uri, SK.inForceAtCoverageEnd, Literal(True))
        else:
            ctx.dates(g, uri, end, SK.endYear, None, SK.endDate)
            ctx.add(g, uri, SK.inForceAtCoverageEnd, Literal(False))
        for column, concept in OBLIGATIONS.items():
            if row[column] == "1":
                ctx.add(g, uri, SK.obligation, OBLIGATION[concept])
        sectors = ["defence"]
        if row["milaid"] in {"1", "2", "3", "4"}:
            sectors.append("military_assistance")
        if row["ecaid"] in {"1", "2", "3"}:
            sectors.append("economy")
        ctx.sectors(g, uri, sectors)
        ctx.add(g, uri, SK.bilateral, Literal(row["bilat"] == "1", datatype=XSD.boolean))
        _memberships(ctx, uri, atopid, members.get(atopid, []))


def _memberships(ctx: BuildContext, alliance: URIRef, atopid: str,
                 rows: list[tuple[int, dict[str, str]]]) -> None:
    """One participation per membership spell: phases that follow each other without a gap
    (a phase starts the month the previous one ends) are one spell, so a renegotiation is not
    mistaken for a member leaving."""
    by_member: dict[str, list[dict[str, str]]] = defaultdict(list)
    for _, row in rows:
        by_member[row["member"]].append(row)
    spell_count: dict[str, int] = defaultdict(int)  # per nation key: 255 and 260 are both Germany
    for member in sorted(by_member, key=int):
        phases = sorted(by_member[member], key=lambda r: int(r["phase"] or 0))
        spells: list[list[dict[str, str]]] = []
        for row in phases:
            if spells and (row["yrent"], row["moent"]) == (spells[-1][-1]["yrexit"], spells[-1][-1]["moexit"]):
                spells[-1].append(row)
            else:
                spells.append([row])
        for spell in spells:
            first, last = spell[0], spell[-1]
            join = PartialDate.parse(first["yrent"], first["moent"], first["dayent"])
            key = ctx.codes.from_cow(DATASET, member, join.year if join else None)
            if key is None:
                ctx.report.skip(DATASET, f"member code {member} not mapped")
                continue
            spell_count[key] += 1
            record = ctx.record(DATASET, "m", f"{atopid}-{member}-{'+'.join(r['phase'] for r in spell)}")
            ctx.participation(DATASET, alliance, f"atop-{atopid}", key, record=record, join=join,
                              exit=PartialDate.parse(last["yrexit"], last["moexit"], last["dayexit"]),
                              spell=spell_count[key])
