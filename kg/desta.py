"""DESTA 2.03: trade agreements (base treaties), with accessions and withdrawals of members."""

from __future__ import annotations

from rdflib import Literal, URIRef

from sharaka.kg.model import BuildContext, PartialDate
from sharaka.kg.sources import read_rows
from sharaka.kg.vocab import SK

DATASET = "desta"
MEMBER_COLUMNS = range(1, 92)
# Entries that are not agreements of their own: they change or restate a base treaty, or were
# never signed. They are counted in the build report, not loaded.
NOT_AGREEMENTS = {"negotiation", "protocol or amendment", "consolidated"}


def _members(row: dict[str, str]) -> list[tuple[str, str]]:
    """(ISO numeric code, mc flag) for every member column that is filled."""
    return [(row[f"c{i}"], row.get(f"mc{i}", "")) for i in MEMBER_COLUMNS if row.get(f"c{i}")]


def load(ctx: BuildContext) -> None:
    rows = [row for _, row in read_rows(DATASET, "desta_list_of_treaties_02_03.csv")]
    agreements: dict[str, URIRef] = {}
    parties: dict[str, set[str]] = {}
    for row in rows:
        if row["entry_type"] == "base_treaty":
            _base_treaty(ctx, row, agreements, parties)
        elif row["entry_type"] in NOT_AGREEMENTS:
            ctx.report.skip(DATASET, f"entry type '{row['entry_type']}' is not an agreement")
    for row in rows:
        if row["entry_type"] == "accession":
            _accession(ctx, row, agreements, parties)
    for row in rows:
        if row["entry_type"] == "withdrawal":
            _withdrawal(ctx, row, agreements, parties)
    for number, uri in agreements.items():  # after accessions: "bilateral" means two parties at any time
        ctx.add(DATASET, uri, SK.bilateral, Literal(len(parties[number]) == 2))


def _base_treaty(ctx: BuildContext, row: dict[str, str], agreements: dict[str, URIRef],
                 parties: dict[str, set[str]]) -> None:
    number = row["number"]
    start = PartialDate.parse(row["year"])
    if start is None:
        ctx.report.skip(DATASET, "base treaty without a year")
        return
    record = ctx.record(DATASET, "treaties", number)
    uri = ctx.agreement(DATASET, number, "economic_partnership", row["name"].strip(), start, record)
    eif = PartialDate.parse(row["entryforceyear"])
    if eif is not None:
        ctx.add(DATASET, uri, SK.entryIntoForceYear, Literal(eif.year))
    ctx.sectors(DATASET, uri, ["economy"])
    agreements[number] = uri
    parties[number] = set()
    for code, _ in _members(row):
        key = ctx.codes.from_iso_numeric(DATASET, code)
        if key is None or key in parties[number]:
            continue
        parties[number].add(key)
        ctx.participation(DATASET, uri, f"desta-{number}", key, record=record, join=start)


def _accession(ctx: BuildContext, row: dict[str, str], agreements: dict[str, URIRef],
               parties: dict[str, set[str]]) -> None:
    """New members are those listed in the accession that were not parties already."""
    base = row["base_treaty"]
    if base not in agreements:
        ctx.report.skip(DATASET, "accession to a treaty that is not a base treaty in the file")
        return
    join = PartialDate.parse(row["year"])
    record = ctx.record(DATASET, "treaties", row["number"])
    for code, _ in _members(row):
        key = ctx.codes.from_iso_numeric(DATASET, code)
        if key is None or key in parties[base]:
            continue
        parties[base].add(key)
        ctx.participation(DATASET, agreements[base], f"desta-{base}", key, record=record, join=join)


def _withdrawal(ctx: BuildContext, row: dict[str, str], agreements: dict[str, URIRef],
                parties: dict[str, set[str]]) -> None:
    """Members flagged mc = 1 in a withdrawal entry leave the base treaty that year."""
    base = row["base_treaty"]
    exit_date = PartialDate.parse(row["year"])
    if base not in agreements or exit_date is None:
        ctx.report.skip(DATASET, "withdrawal from a treaty that is not a base treaty in the file")
        return
    record = ctx.record(DATASET, "treaties", row["number"])
    for code, flag in _members(row):
        if flag != "1":
            continue
        key = ctx.codes.from_iso_numeric(DATASET, code)
        if key is None:
            continue
        if key not in parties[base]:
            ctx.report.skip(DATASET, "withdrawal of a state that is not a party")
            continue
        ctx.participation_exit(DATASET, f"desta-{base}", key, exit=exit_date, record=record)
