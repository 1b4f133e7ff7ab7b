"""A nation's agreements and memberships in time, for its page: the years it joined and left, when each
agreement ended, and whether its source records it in force — so CENTO (1955–1979) is not shown as current.

What "in force" may say is bounded by each source: a source knows nothing after its last covered day
(`sk:coverageEnd` of its dataset), so a status reads "in force in 2018 (end of ATOP's coverage)", never
"in force today". The rules are in docs/semantics.md ("Linked-data pages: time")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import URIRef
from rdflib.term import Node

from sharaka.kg.vocab import dataset_uri
from sharaka.qa.bind import named
from sharaka.service.resources import Value
from sharaka.store import Store

IN_FORCE, ENDED, UNKNOWN, EVENT = "in-force", "ended", "unknown", "event"  # CSS classes and data attributes
# Sources whose records are events, not agreements that stay in force (docs/semantics.md, "Time"): an arms
# deal (SIPRI) or an exercise (MME) happened in its year; "in force" says nothing about it.
EVENT_DATASETS = frozenset(str(dataset_uri(name)) for name in ("sipri", "mme"))


@dataclass(frozen=True)
class Status:
    """Whether something holds at the end of its source's coverage, and the words that say so."""

    state: str  # IN_FORCE, ENDED, UNKNOWN or EVENT
    text: str


@dataclass(frozen=True)
class AgreementRow:
    agreement: Value
    year: int | None  # signed (or started)
    kinds: str
    joined: int | None  # the nation's own join year, when later than the start
    status: Status


@dataclass(frozen=True)
class MembershipRow:
    organization: Value
    acronym: str
    role: str
    joined: int | None
    left: int | None
    sources: str
    status: Status
    also_recorded: str = ""  # a second record of the membership: "<dataset>: <joined>–<left>"


def _year(node: Node | None) -> int | None:
    text = str(node) if node is not None else ""
    return int(text) if text.lstrip("-").isdigit() else None


def _coverage_year(node: Node | None) -> int | None:
    return _year(str(node)[:4]) if node is not None else None  # type: ignore[arg-type]


def agreement_status(ended: int | None, left: int | None, still_party: bool, in_force: bool | None,
                     coverage_end: int | None) -> Status:
    """The status of an agreement for one of its parties (rules: docs/semantics.md)."""
    if ended is not None and (still_party or left is None or left >= ended):
        return Status(ENDED, f"ended in {ended}")
    if not still_party and left is not None:
        return Status(ENDED, f"left in {left}")
    if in_force is False:
        return Status(ENDED, "terminated (year not recorded)")
    if in_force is True:
        return Status(IN_FORCE, f"in force in {coverage_end} (end of the source's coverage)" if coverage_end
                      else "in force")
    if coverage_end is not None:
        return Status(UNKNOWN, f"no end recorded up to {coverage_end}")
    return Status(UNKNOWN, "no end recorded")


def membership_status(left: int | None, coverage_end: int | None) -> Status:
    if left is not None:
        return Status(ENDED, f"member until {left}")
    if coverage_end is not None:
        return Status(IN_FORCE, f"member in {coverage_end} (end of the source's coverage)")
    return Status(IN_FORCE, "member (no exit recorded)")


def dataset_coverage(store: Store) -> dict[str, int]:
    """Dataset IRI → the year of its last covered day."""
    found = {str(row["dataset"]): _coverage_year(row.get("coverageEnd"))
             for row in store.select(named("dataset_coverage")).rows}
    return {dataset: year for dataset, year in found.items() if year is not None}


def nation_agreements(store: Store, nation: URIRef, limit: int) -> tuple[list[AgreementRow], bool]:
    """The nation's agreements by year (at most `limit`), and whether there are more."""
    coverage = dataset_coverage(store)
    rows = store.select(named("nation_agreements", limit + 1, nation=nation)).rows
    found = []
    for row in rows[:limit]:
        year, joined = _year(row.get("year")), _year(row.get("joined"))
        in_force = row.get("inForceAtCoverageEnd")
        dataset = str(row.get("dataset", ""))
        status = Status(EVENT, f"event of {year}" if year is not None else "event") if dataset in EVENT_DATASETS \
            else agreement_status(_year(row.get("ended")), _year(row.get("left")), str(row.get("stillParty")) == "1",
                                  None if in_force is None else str(in_force) == "true",
                                  coverage.get(dataset))
        found.append(AgreementRow(Value.of(row["agreement"], row.get("label")), year, str(row.get("kinds", "")),
                                  joined if joined is not None and year is not None and joined > year else None,
                                  status))
    return found, len(rows) > limit


def nation_memberships(store: Store, nation: URIRef) -> list[MembershipRow]:
    """The nation's memberships of organizations, one row per spell."""
    found = []
    for row in store.select(named("nation_memberships", nation=nation)).rows:
        left = _year(row.get("left"))
        found.append(MembershipRow(Value.of(row["organization"], row.get("label")), str(row.get("acronym", "")),
                                   str(row.get("role", "")), _year(row.get("joined")), left,
                                   str(row.get("sources", "")),
                                   membership_status(left, _coverage_year(row.get("coverageEnd"))),
                                   str(row.get("alsoRecorded", ""))))
    return found


def counts(rows: list[Any]) -> dict[str, int]:
    """How many rows are in each state (the page's one-line summary)."""
    tally = {IN_FORCE: 0, ENDED: 0, UNKNOWN: 0, EVENT: 0}
    for row in rows:
        tally[row.status.state] += 1
    return tally
