"""Linked-data pages tell the time: a nation's memberships and agreements with their years and whether they
are in force at the end of their source's coverage. Gold facts come from the source CSVs, not the graph."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from rdflib import URIRef

from sharaka.service.nation_history import (
    ENDED,
    EVENT,
    IN_FORCE,
    UNKNOWN,
    agreement_status,
    membership_status,
    nation_agreements,
    nation_memberships,
)
from sharaka.store import MemoryStore

SOURCES = Path(__file__).resolve().parents[1] / "kg" / "sources"
PAK = URIRef("https://w3id.org/sharaka/id/nation/PAK")
BROWSER = {"Accept": "text/html"}


def _rows(*parts: str) -> list[dict[str, str]]:
    with (SOURCES.joinpath(*parts)).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize(("ended", "left", "still_party", "in_force", "coverage", "state", "text"), [
    (1979, 1979, False, False, 2018, ENDED, "ended in 1979"),
    (None, 1972, False, True, 2018, ENDED, "left in 1972"),  # the alliance went on without this party
    (None, 1972, True, True, 2018, IN_FORCE, "in force in 2018 (end of the source's coverage)"),  # left, rejoined
    (None, None, True, True, 2018, IN_FORCE, "in force in 2018 (end of the source's coverage)"),
    (None, None, True, False, 2010, ENDED, "terminated (year not recorded)"),  # DCAD's `terminated` flag
    (None, None, True, None, 2003, UNKNOWN, "no end recorded up to 2003"),  # NCA: no end, no statement
    (None, None, True, None, None, UNKNOWN, "no end recorded"),  # curated: no coverage end
    (1990, 1985, False, False, 2018, ENDED, "left in 1985"),  # left before the end
])
def test_agreement_status_rules(ended: int | None, left: int | None, still_party: bool, in_force: bool | None,
                                coverage: int | None, state: str, text: str) -> None:
    status = agreement_status(ended, left, still_party, in_force, coverage)
    assert (status.state, status.text) == (state, text)


@pytest.mark.parametrize(("left", "coverage", "state", "text"), [
    (1979, 2014, ENDED, "member until 1979"), (None, 2014, IN_FORCE, "member in 2014 (end of the source's coverage)"),
    (None, None, IN_FORCE, "member (no exit recorded)"),
])
def test_membership_status_rules(left: int | None, coverage: int | None, state: str, text: str) -> None:
    status = membership_status(left, coverage)
    assert (status.state, status.text) == (state, text)


def test_memberships_of_pakistan_have_their_years(memory_store: MemoryStore) -> None:
    """CENTO and SEATO ended in 1979 and 1977: the page must not show them as current."""
    acronyms = {row["code"]: row["acronym"] for row in _rows("cow_igo", "organizations.csv")}
    ended_by = {"0", "2", "3", "-1", "absent"}  # kg/organizations.py: these end a full membership
    gold = {(acronyms[r["org_code"]], int(r["start_year"]), int(r["end_year"]) if r["ended_by"] in ended_by else None)
            for r in _rows("cow_igo", "igo_memberships.csv") if r["ccode"] == "770"}
    assert ("CENTO", 1955, 1979) in gold and ("SEATO", 1954, 1977) in gold  # the example
    rows = nation_memberships(memory_store, PAK)
    cow_rows = {(m.acronym, m.joined, m.left) for m in rows if "Correlates of War" in m.sources}
    # The OIC's membership comes from the OIC list (docs/semantics.md); COW IGO's spell is its second record.
    oic_list = next(r for r in _rows("oic", "oic_membership_sis2023_factbook2026_cow.csv") if r["iso3c"] == "PAK")
    cow_oic = next(g for g in gold if g[0] == "OIC")
    assert cow_rows == gold - {cow_oic}
    oic = next(m for m in rows if m.acronym == "OIC")
    assert (oic.joined, oic.left) == (int(oic_list["joined_year"]), None) and "Correlates of War" not in oic.sources
    assert oic.also_recorded.startswith("Correlates of War") and oic.also_recorded.endswith(f": {cow_oic[1]}")
    for m in rows:
        assert m.status.state == (ENDED if m.left is not None else IN_FORCE), m


def test_alliances_of_pakistan_say_whether_they_are_in_force(memory_store: MemoryStore) -> None:
    """Every ATOP alliance of Pakistan (COW 770): ended or left exactly when ATOP gives an end or an exit."""
    exits: dict[str, list[int]] = defaultdict(list)
    for row in _rows("atop", "atop5_1m.csv"):
        if row["member"] == "770":
            exits[row["atopid"]].append(int(row["yrexit"] or 0))
    ends = {row["atopid"]: int(row["endyr"] or 0) for row in _rows("atop", "atop5_1a.csv") if row["atopid"] in exits}
    rows, truncated = nation_agreements(memory_store, PAK, 10_000)
    assert not truncated
    atop = {str(r.agreement.iri).rsplit("-", 1)[-1]: r for r in rows if "/agreement/atop-" in str(r.agreement.iri)}
    assert set(atop) == set(exits)
    for atopid, row in atop.items():
        still_party = 0 in exits[atopid]  # a spell without an exit year
        expected = ENDED if ends[atopid] or not still_party else IN_FORCE
        assert row.status.state == expected, (atopid, row.status)
    assert atop["3275"].status.text == "ended in 1979"  # CENTO's alliance
    assert atop["3260"].status.text == "left in 1972"  # SEATO's: Pakistan left, the others went on
    assert atop["3222"].status.text.startswith("in force in 2018")


def test_arms_deals_and_exercises_are_events(memory_store: MemoryStore) -> None:
    """docs/semantics.md (Time): an arms transfer or an exercise happened in its year; it is never "in force"."""
    rows, _ = nation_agreements(memory_store, PAK, 10_000)
    events = [r for r in rows if re.search(r"/agreement/(sipri|mme)-", str(r.agreement.iri))]
    assert len(events) > 100  # Pakistan's SIPRI deals
    assert all(r.status.state == EVENT and r.status.text == f"event of {r.year}" for r in events)
    assert all(r.status.state != EVENT for r in rows if r not in events)


def test_the_nation_page_shows_years_and_status(client: Any) -> None:
    page = client.get("/id/nation/PAK", headers=BROWSER).get_data(as_text=True)
    cento = re.search(r"<tr data-state=\"(\w[\w-]*)\">(?:(?!</tr>).)*Central Treaty Organization(?:(?!</tr>).)*</tr>",
                      page, re.S)
    assert cento is not None and cento.group(1) == ENDED
    assert "<td>1955</td><td>1979</td>" in cento.group(0) and "member until 1979" in cento.group(0)
    oic = re.search(r"<tr data-state=\"([\w-]+)\">(?:(?!</tr>).)*>OIC<(?:(?!</tr>).)*</tr>", page, re.S)
    assert oic is not None and oic.group(1) == IN_FORCE
    assert re.search(r"Status at the end of each\s+source's coverage: \d+ in force", page)


def test_a_nation_without_memberships_says_so(client: Any) -> None:
    page = client.get("/id/nation/cow-300", headers=BROWSER).get_data(as_text=True)  # Austria-Hungary
    assert "Memberships" in page
    assert "No memberships of international organizations are recorded." in page
    assert "class=\"memberships\"" not in page
