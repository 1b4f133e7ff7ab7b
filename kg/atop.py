"""ATOP 5.1: formal alliances, typed by their obligations (defence, offence, neutrality, non-aggression,
consultation pacts), and their members by phase."""

from __future__ import annotations

from collections import defaultdict

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from sharaka.kg.model import BuildContext, PartialDate
from sharaka.kg.nations import english_name
from sharaka.kg.sources import read_rows
from sharaka.kg.vocab import OBLIGATION, SK

DATASET = "atop"

# ATOP flag column → obligation concept (ontology: skid:obligation scheme).
OBLIGATIONS = {"defense": "defence", "offense": "offence", "neutral": "neutrality",
               "nonagg": "non_aggression", "consul": "consultation"}
# ATOP flag column → the kind of alliance it makes (docs/semantics.md, "Several kinds per agreement").
OBLIGATION_KINDS = {"defense": "defence_pact", "offense": "offence_pact", "neutral": "neutrality_pact",
                    "nonagg": "non_aggression_pact", "consul": "consultation_pact"}


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
        kinds = ["alliance", *(kind for column, kind in OBLIGATION_KINDS.items() if row[column] == "1")]
        uri = ctx.agreement(DATASET, atopid, kinds,
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


def continues(previous: dict[str, str], row: dict[str, str]) -> bool:
    """A phase continues the previous one when it starts in the month that one ends or the month after
    (docs/semantics.md, "ATOP spells": a hand-over from December 1992 to January 1993 is one spell)."""
    if not previous["yrexit"] or previous["yrexit"] == "0":
        return False
    year, month = int(previous["yrexit"]), int(previous["moexit"] or 0)
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    return (int(row["yrent"]), int(row["moent"] or 0)) in {(year, month), after}


def _memberships(ctx: BuildContext, alliance: URIRef, atopid: str,
                 rows: list[tuple[int, dict[str, str]]]) -> None:
    """One participation per membership spell of a nation: phases that follow each other without a
    gap (a phase starts the month the previous one ends, or the month after) are one spell, so a renegotiation is not
    mistaken for a member leaving; West Germany (260) handing over to Germany (255) in 1990 is
    one spell of DEU for the same reason."""
    by_key: dict[str, list[dict[str, str]]] = defaultdict(list)
    for _, row in rows:
        key = ctx.codes.from_cow(DATASET, row["member"], int(row["yrent"]) if row["yrent"] else None)
        if key is None:
            ctx.report.skip(DATASET, f"member code {row['member']} not mapped")
            continue
        by_key[key].append(row)
    for key in sorted(by_key):
        phases = sorted(by_key[key], key=lambda r: (int(r["yrent"]), int(r["moent"] or 0), int(r["phase"] or 0)))
        spells: list[list[dict[str, str]]] = []
        for row in phases:
            if spells and continues(spells[-1][-1], row):
                spells[-1].append(row)
            else:
                spells.append([row])
        for number, spell in enumerate(spells, start=1):
            first, last = spell[0], spell[-1]
            record_id = "+".join(f"{r['member']}-{r['phase']}" for r in spell)
            ctx.participation(DATASET, alliance, f"atop-{atopid}", key,
                              record=ctx.record(DATASET, "m", f"{atopid}-{record_id}"),
                              join=PartialDate.parse(first["yrent"], first["moent"], first["dayent"]),
                              exit=PartialDate.parse(last["yrexit"], last["moexit"], last["dayexit"]),
                              spell=number)
