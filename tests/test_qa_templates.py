"""Every template runs on a small hand-made graph (tests/fixtures/mini.trig) and gives the answers
worked out by hand from that file; and the template files themselves are well-formed."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ontology import ONTOLOGY_FILE
from queries import VALUES_MARKER, TemplateError, load_templates, parse_template
from sharaka.qa.bind import bind
from sharaka.qa.route import SlotFill
from sharaka.store import MemoryStore

FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"
SK = "https://w3id.org/sharaka/ontology#"
ID = "https://w3id.org/sharaka/id/"
TEMPLATES = {t.id: t for t in load_templates()}


def nation(code: str) -> URIRef:
    return URIRef(f"{ID}nation/{code}")


def agreement(key: str) -> URIRef:
    return URIRef(f"{ID}agreement/{key}")


OIC = URIRef(f"{ID}organization/OIC")


@pytest.fixture(scope="module")
def mini_store() -> MemoryStore:
    inner = ox.Store()
    inner.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    inner.load(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode("https://w3id.org/sharaka/graph/ontology"))
    return MemoryStore(inner)


def run(store: MemoryStore, template_id: str, years: tuple[int | None, int | None] | None = None,
        limit: int | None = None, **slots: URIRef | int) -> list[dict[str, object]]:
    template = TEMPLATES[template_id]
    fill = SlotFill(limit=limit if limit is not None else template.default_limit)
    for name, value in slots.items():
        fill.values[name] = [Literal(value, datatype=XSD.integer) if isinstance(value, int) else value]
    if years is not None:
        fill.years = years
        for var, bound in zip(("from", "to"), years, strict=True):
            if bound is not None:
                fill.values[var] = [Literal(bound, datatype=XSD.integer)]
    return store.select(bind(template, fill).text).rows  # type: ignore[return-value]


def keys(rows: list[dict[str, object]], var: str) -> set[str]:
    return {str(r[var]).rsplit("/", 1)[-1] for r in rows if var in r}


def source_ids(rows: list[dict[str, object]]) -> set[str]:
    return {str(r["sourceId"]) for r in rows}


# (template, slots, variable to read, expected keys) — worked out by hand from mini.trig.
# Near-misses sit beside the cases: a filter that must drop a partner, a year one off.
NATION_CASES = [
    ("partners", {"nation": nation("PAK")}, None, "partner", {"SAU", "TUR", "USA"}),
    ("partners", {"nation": nation("PAK"), "category": URIRef(SK + "DefencePact")}, None, "partner", {"SAU"}),
    ("partners", {"nation": nation("PAK"), "sector": URIRef(ID + "sector/defence")}, None, "partner",
     {"SAU", "TUR", "USA"}),
    ("partners", {"nation": nation("PAK"), "sector": URIRef(ID + "sector/economy")}, None, "partner",
     {"TUR", "USA"}),
    ("partners", {"nation": nation("PAK")}, (2003, None), "partner", {"TUR", "USA"}),
    ("partners", {"nation": nation("PAK")}, (None, 2000), "partner", {"SAU", "USA"}),
    ("partners", {"nation": nation("PAK")}, (2006, 2010), "partner", set()),
    ("partners_at_year", {"nation": nation("PAK"), "year": 1958}, None, "partner", {"SAU", "USA"}),
    ("partners_at_year", {"nation": nation("PAK"), "year": 1965}, None, "partner", {"USA"}),
    ("partners_at_year", {"nation": nation("TUR"), "year": 2012}, None, "partner", {"PAK", "USA", "SAU"}),
    ("partners_at_year", {"nation": nation("TUR"), "year": 2013}, None, "partner", {"PAK", "USA"}),
    ("partners_by_obligation", {"nation": nation("PAK"), "obligation": URIRef(ID + "obligation/defence")}, None,
     "partner", {"SAU"}),
    ("partners_by_obligation", {"nation": nation("TUR"), "obligation": URIRef(ID + "obligation/defence")}, None,
     "partner", set()),
    ("top_partners", {"nation": nation("PAK")}, None, "partner", {"TUR", "USA", "SAU"}),
    ("common_partners", {"nation": nation("SAU"), "other": nation("USA")}, None, "partner", {"PAK", "TUR"}),
    ("agreement_parties", {"agreement": agreement("desta-1")}, None, "party", {"TUR", "PAK", "USA"}),
    ("agreement_parties", {"agreement": agreement("atop-1")}, None, "party", {"PAK", "SAU"}),
    ("agreement_parties_at_year", {"agreement": agreement("desta-1"), "year": 2016}, None, "party", {"TUR", "PAK"}),
    ("agreement_parties_at_year", {"agreement": agreement("desta-1"), "year": 2012}, None, "party",
     {"TUR", "PAK", "USA"}),
    ("agreement_parties_at_year", {"agreement": agreement("desta-1"), "year": 2003}, None, "party", set()),
    ("agreement_joined", {"agreement": agreement("desta-1")}, None, "party", {"USA"}),
    ("agreement_left", {"agreement": agreement("desta-1")}, None, "party", {"USA"}),
    ("agreement_left", {"agreement": agreement("atop-1")}, None, "party", {"SAU"}),
    ("org_members", {"organization": OIC}, None, "member", {"PAK", "SAU"}),
    ("org_members_at_year", {"organization": OIC, "year": 1980}, None, "member", {"PAK", "SAU", "TUR"}),
    ("org_members_at_year", {"organization": OIC, "year": 1972}, None, "member", {"PAK", "SAU"}),
    ("org_left", {"organization": OIC}, None, "member", {"TUR"}),
    ("org_joined_in_period", {"organization": OIC}, (1970, None), "member", {"TUR"}),
    ("org_joined_in_period", {"organization": OIC}, (None, 1969), "member", {"PAK", "SAU"}),
    ("org_joined_in_period", {"organization": OIC}, (1977, 1990), "member", set()),
    ("agreement_lead", {"agreement": agreement("curated-ex")}, None, "party", {"TUR"}),
    ("agreement_lead", {"agreement": agreement("desta-1")}, None, "party", set()),
    ("org_members_with", {"organization": OIC, "nation": nation("USA")}, None, "member", {"PAK", "TUR"}),
    ("org_members_with", {"organization": OIC, "nation": nation("USA"), "category": URIRef(SK + "DefencePact")},
     None, "member", set()),
    ("org_membership", {"nation": nation("TUR"), "organization": OIC}, None, "nation", {"TUR"}),
    ("org_membership", {"nation": nation("USA"), "organization": OIC}, None, "nation", set()),
    ("nation_organizations", {"nation": nation("TUR")}, None, "organization", {"OIC"}),
    ("nation_organizations", {"nation": nation("USA")}, None, "organization", set()),
    ("nuclear_suppliers", {"nation": nation("PAK")}, None, "partner", {"USA"}),
    ("nuclear_suppliers", {"nation": nation("USA")}, None, "partner", set()),
    ("nuclear_recipients", {"nation": nation("USA")}, None, "partner", {"PAK"}),
    ("nuclear_recipients", {"nation": nation("USA")}, (1956, None), "partner", set()),
    ("agreement_coverage", {"agreement": agreement("dcad-1")}, None, "concept", {"defence", "defence_industry"}),
    ("agreement_coverage", {"agreement": agreement("atop-1")}, None, "concept", {"defence"}),
    ("nation_summary", {"nation": nation("PAK")}, None, "kind", set()),  # checked below by count
]


@pytest.mark.parametrize(("template_id", "slots", "years", "var", "expected"), NATION_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(NATION_CASES)])
def test_template_gives_hand_checked_entities(mini_store: MemoryStore, template_id: str,
                                              slots: dict[str, URIRef | int],
                                              years: tuple[int | None, int | None] | None,
                                              var: str, expected: set[str]) -> None:
    rows = run(mini_store, template_id, years=years, **slots)
    if template_id == "nation_summary":
        assert {str(r["kind"]).rsplit("#", 1)[-1] for r in rows} == {
            "DefencePact", "DefenceCooperationAgreement", "JointMilitaryExercise", "NuclearCooperationAgreement",
            "EconomicPartnership"}
        return
    assert keys(rows, var) == expected


AGREEMENT_CASES = [
    ("agreements_of_nation", {"nation": nation("PAK")}, None, {"atop:1", "dcad:1", "curated:ex", "nca:1", "desta:1"}),
    ("agreements_of_nation", {"nation": nation("PAK"), "category": URIRef(SK + "JointMilitaryExercise")}, None,
     {"curated:ex"}),
    ("agreements_of_nation", {"nation": nation("SAU")}, (2010, 2010), {"curated:norm"}),
    ("agreements_between", {"nation": nation("TUR"), "other": nation("PAK")}, None,
     {"dcad:1", "curated:ex", "desta:1"}),
    ("agreements_between", {"nation": nation("TUR"), "other": nation("PAK")}, (2005, None), {"dcad:1"}),
    ("has_agreement_with", {"nation": nation("PAK"), "other": nation("SAU")}, None, {"atop:1"}),
    ("has_agreement_with", {"nation": nation("PAK"), "other": nation("SAU"),
                            "category": URIRef(SK + "NormalizationAgreement")}, None, set()),
    ("first_agreement_between", {"nation": nation("TUR"), "other": nation("PAK")}, None, {"curated:ex"}),
    ("latest_agreement_between", {"nation": nation("TUR"), "other": nation("PAK")}, None, {"dcad:1"}),
    ("latest_agreement_between", {"nation": nation("TUR"), "other": nation("PAK"),
                                  "sector": URIRef(ID + "sector/economy")}, None, {"desta:1"}),
    ("led_by", {"nation": nation("TUR")}, None, {"curated:ex"}),
    ("led_by", {"nation": nation("PAK")}, None, set()),
    ("agreements_in_period", {}, (2000, 2005), {"curated:ex", "desta:1", "dcad:1"}),
    ("agreements_in_period", {"category": URIRef(SK + "DefenceCooperationAgreement")}, (2000, 2005), {"dcad:1"}),
    ("agreement_dates", {"agreement": agreement("atop-1")}, None, {"atop:1"}),
    ("first_agreement_of_nation", {"nation": nation("PAK")}, None, {"atop:1"}),
    ("first_agreement_of_nation", {"nation": nation("PAK"), "sector": URIRef(ID + "sector/economy")}, None,
     {"desta:1"}),
    ("latest_agreement_of_nation", {"nation": nation("PAK")}, None, {"dcad:1"}),
    ("latest_agreement_of_nation", {"nation": nation("SAU")}, None, {"curated:norm"}),
]


@pytest.mark.parametrize(("template_id", "slots", "years", "expected"), AGREEMENT_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(AGREEMENT_CASES)])
def test_template_gives_hand_checked_agreements(mini_store: MemoryStore, template_id: str,
                                                slots: dict[str, URIRef | int],
                                                years: tuple[int | None, int | None] | None,
                                                expected: set[str]) -> None:
    assert source_ids(run(mini_store, template_id, years=years, **slots)) == expected


@pytest.mark.parametrize(("template_id", "slots", "var", "expected"), [
    ("count_agreements", {"nation": nation("PAK")}, "count", 5),
    ("count_agreements", {"nation": nation("PAK"), "sector": URIRef(ID + "sector/economy")}, "count", 1),
    ("count_agreements_between", {"nation": nation("TUR"), "other": nation("PAK")}, "count", 3),
    ("count_partners", {"nation": nation("PAK")}, "count", 3),
    ("count_partners", {"nation": nation("SAU")}, "count", 2),
    ("count_org_members", {"organization": OIC}, "count", 2),  # Turkey left in 1990
    ("org_join_year", {"nation": nation("TUR"), "organization": OIC}, "year", 1976),
    ("agreement_dates", {"agreement": agreement("atop-1")}, "year", 1951),
    ("first_agreement_between", {"nation": nation("TUR"), "other": nation("PAK")}, "year", 2001),
])
def test_template_gives_hand_checked_values(mini_store: MemoryStore, template_id: str,
                                            slots: dict[str, URIRef | int], var: str, expected: int) -> None:
    rows = run(mini_store, template_id, **slots)
    assert [int(r[var]) for r in rows][:1] == [expected]  # type: ignore[call-overload]


def test_org_join_year_of_a_non_member_is_empty(mini_store: MemoryStore) -> None:
    assert run(mini_store, "org_join_year", nation=nation("USA"), organization=OIC) == []


@pytest.mark.parametrize(("key", "in_force"), [("atop-1", True), ("curated-norm", False), ("dcad-1", True)])
def test_agreement_in_force(mini_store: MemoryStore, key: str, in_force: bool) -> None:
    rows = run(mini_store, "agreement_in_force", agreement=agreement(key))
    assert [r["inForce"].toPython() for r in rows] == [in_force]  # type: ignore[union-attr]


def test_top_partners_limit_and_tie_order(mini_store: MemoryStore) -> None:
    # Turkey and the United States share three agreements each with Pakistan: the name breaks the tie.
    rows = run(mini_store, "top_partners", limit=1, nation=nation("PAK"))
    assert keys(rows, "partner") == {"TUR"}
    assert keys(run(mini_store, "top_partners", limit=2, nation=nation("PAK")), "partner") == {"TUR", "USA"}


def test_rank_nations(mini_store: MemoryStore) -> None:
    assert keys(run(mini_store, "rank_nations", limit=1), "nation") == {"PAK"}
    rows = run(mini_store, "rank_nations", organization=OIC, category=URIRef(SK + "DefencePact"))
    assert keys(rows, "nation") == {"PAK", "SAU"}


def test_meta_templates(mini_store: MemoryStore) -> None:
    kinds = run(mini_store, "capabilities")
    assert len(kinds) == 13  # every kind of the ontology, each counted
    assert {str(r["label"]) for r in run(mini_store, "sources")} == {"Curated"}
    definition = run(mini_store, "definition", concept=URIRef(SK + "NormalizationAgreement"))
    assert "diplomatic relations" in str(definition[0]["definition"])


def test_every_template_is_tested_here() -> None:
    tested = {c[0] for c in NATION_CASES + AGREEMENT_CASES} | {
        "count_agreements", "count_agreements_between", "count_partners", "count_org_members", "org_join_year",
        "agreement_in_force",
        "rank_nations", "capabilities", "sources", "definition"}
    assert set(TEMPLATES) <= tested, f"templates without a fixture test: {sorted(set(TEMPLATES) - tested)}"


@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
def test_raw_template_file_runs_as_an_example_query(mini_store: MemoryStore, template_id: str) -> None:
    """Without bindings the marker is a comment: every .rq file is itself a valid, runnable query."""
    template = TEMPLATES[template_id]
    assert template.query.count(VALUES_MARKER) >= (1 if any(s.type != "number" for s in template.slots) else 0)
    mini_store.select(template.query)


def test_template_headers_are_complete() -> None:
    from sharaka.qa.values import VALUE_RULES

    assert len(TEMPLATES) >= 25
    for template in TEMPLATES.values():
        assert template.extra.get("value", "none") in VALUE_RULES
        assert template.title and template.description and template.text
        assert len(template.examples) >= 3
        assert len(set(template.examples)) == len(template.examples)


@pytest.mark.parametrize(("header", "error"), [
    ("# id: other\n", "differs from the file name"),
    ("# answer: poems\n", "unknown answer kind"),
    ("# slots: nation=country\n", "unknown type"),
    ("# examples:\n#   - only one\n", "at least 3 example"),
])
def test_malformed_template_is_refused(tmp_path: Path, header: str, error: str) -> None:
    good = {"id": "# id: broken\n", "answer": "# answer: nations\n", "slots": "# slots: nation=nation\n",
            "examples": "# examples:\n#   - a\n#   - b\n#   - c\n"}
    key = header.split(":")[0].lstrip("# ").strip()
    good[key] = header
    text = ("# title: t\n# description: d\n# text: t\n" + "".join(good.values())
            + "SELECT ?x WHERE {\n  # {{values}}\n  ?x ?p ?o }\n")
    path = tmp_path / "broken.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError, match=error):
        parse_template(path)
