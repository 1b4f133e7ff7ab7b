"""Every query shape runs on a small hand-made graph (tests/fixtures/mini.trig) and gives the answers
worked out by hand from that file, for its filters and switches one by one; and the shape files
themselves are well-formed."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef
from rdflib.term import Node

from sharaka.ontology import ONTOLOGY_FILE
from sharaka.qa.bind import SlotFill, UnsafeBinding, bind, year_term
from sharaka.queries import VALUES_MARKER, TemplateError, load_templates, parse_template
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
OIC_NOW = [nation("PAK"), nation("SAU")]  # Turkey left in 1990
ROLE = {r: URIRef(f"{ID}role/{r}") for r in ("supplier", "recipient")}
DEFENCE_PACT, DCA, EXERCISE, NORMALIZATION = (URIRef(SK + k) for k in (
    "DefencePact", "DefenceCooperationAgreement", "JointMilitaryExercise", "NormalizationAgreement"))


@pytest.fixture(scope="module")
def mini_store() -> MemoryStore:
    inner = ox.Store()
    inner.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    inner.load(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode("https://w3id.org/sharaka/graph/ontology"))
    return MemoryStore(inner)


def run(store: MemoryStore, shape: str, years: tuple[int | None, int | None] | None = None,
        flags: tuple[str, ...] = (), limit: int | None = None,
        **slots: URIRef | list[URIRef]) -> list[dict[str, object]]:
    fill = SlotFill(flags=set(flags), limit=limit)
    for name, value in slots.items():
        fill.values[name] = list(value) if isinstance(value, list) else [value]
    for var, year in zip(("from", "to"), years or (None, None), strict=True):
        if year is not None:
            fill.values[var] = [year_term(year)]
    return store.select(bind(TEMPLATES[shape], fill).text).rows  # type: ignore[return-value]


def keys(rows: list[dict[str, object]], var: str) -> set[str]:
    return {str(r[var]).rsplit("/", 1)[-1] for r in rows if var in r}


def source_ids(rows: list[dict[str, object]]) -> set[str]:
    return {str(r["sourceId"]) for r in rows}


IN_FORCE = ("participation", "inforce", "pair")
# (shape, slots, years, flags, variable read, expected keys) — worked out by hand from mini.trig.
# Near-misses sit beside the cases: a filter that must drop a partner, a year one off.
NATION_CASES: list[tuple[str, dict[str, Node | list[URIRef]], tuple[int | None, int | None] | None,
                         tuple[str, ...], str, set[str]]] = [
    ("partners", {"nation": nation("PAK")}, None, (), "partner", {"SAU", "TUR", "USA"}),
    ("partners", {"nation": nation("PAK"), "category": DEFENCE_PACT}, None, (), "partner", {"SAU"}),
    ("partners", {"nation": nation("PAK"), "sector": URIRef(ID + "sector/defence")}, None, (), "partner",
     {"SAU", "TUR", "USA"}),
    ("partners", {"nation": nation("PAK"), "sector": URIRef(ID + "sector/economy")}, None, (), "partner",
     {"TUR", "USA"}),
    ("partners", {"nation": nation("PAK")}, (2003, None), (), "partner", {"TUR", "USA"}),
    ("partners", {"nation": nation("PAK")}, (None, 2000), (), "partner", {"SAU", "USA"}),
    ("partners", {"nation": nation("PAK")}, (2006, 2010), (), "partner", set()),
    ("partners", {"nation": nation("PAK"), "category": [DEFENCE_PACT, DCA]}, None, (), "partner", {"SAU", "TUR"}),
    # in force: each party's own entry and exit count (Saudi Arabia left the pact in 1960)
    ("partners", {"nation": nation("PAK")}, (1958, 1958), IN_FORCE, "partner", {"SAU", "USA"}),
    ("partners", {"nation": nation("PAK")}, (1965, 1965), IN_FORCE, "partner", {"USA"}),
    ("partners", {"nation": nation("TUR")}, (2012, 2012), IN_FORCE, "partner", {"PAK", "USA", "SAU"}),
    ("partners", {"nation": nation("TUR")}, (2013, 2013), IN_FORCE, "partner", {"PAK", "USA"}),
    ("partners", {"nation": nation("TUR")}, (2013, None), IN_FORCE, "partner", {"PAK", "USA"}),
    ("partners", {"nation": nation("TUR")}, (2016, None), IN_FORCE, "partner", {"PAK", "USA"}),  # via the exercise
    ("partners", {"nation": nation("USA"), "category": URIRef(SK + "EconomicPartnership")}, (None, 2009),
     IN_FORCE, "partner", set()),  # the US joined the trade agreement in 2010
    ("partners", {"nation": nation("USA"), "category": URIRef(SK + "EconomicPartnership")}, (None, 2010),
     IN_FORCE, "partner", {"TUR", "PAK"}),
    ("partners", {"nation": nation("PAK"), "obligation": URIRef(ID + "obligation/defence")}, None, (), "partner",
     {"SAU"}),
    ("partners", {"nation": nation("TUR"), "obligation": URIRef(ID + "obligation/defence")}, None, (), "partner",
     set()),
    # roles: who supplied Pakistan, whom the United States supplied
    ("partners", {"nation": nation("PAK"), "nationRole": ROLE["recipient"], "partnerRole": ROLE["supplier"]}, None,
     ("participation",), "partner", {"USA"}),
    ("partners", {"nation": nation("USA"), "nationRole": ROLE["recipient"]}, None, ("participation",), "partner",
     set()),
    ("partners", {"nation": nation("USA"), "nationRole": ROLE["supplier"]}, None, ("participation",), "partner",
     {"PAK"}),
    ("partners", {"nation": nation("USA"), "nationRole": ROLE["supplier"]}, (1956, None), ("participation",),
     "partner", set()),
    # only members of the OIC now (the partner bound to them)
    ("partners", {"nation": nation("USA"), "partner": OIC_NOW}, None, (), "partner", {"PAK"}),
    ("partners", {"nation": nation("USA"), "partner": OIC_NOW, "category": DEFENCE_PACT}, None, (), "partner",
     set()),
    ("common_partners", {"nation": nation("SAU"), "other": nation("USA")}, None, (), "partner", {"PAK", "TUR"}),
    ("common_partners", {"nation": nation("SAU"), "other": nation("USA"), "partner": OIC_NOW}, None, (), "partner",
     {"PAK"}),
    ("parties", {"agreement": agreement("desta-1")}, None, (), "party", {"TUR", "PAK", "USA"}),
    ("parties", {"agreement": agreement("atop-1")}, None, (), "party", {"PAK", "SAU"}),
    ("parties", {"agreement": agreement("desta-1")}, (2016, 2016), ("inforce",), "party", {"TUR", "PAK"}),
    ("parties", {"agreement": agreement("desta-1")}, (2012, 2012), ("inforce",), "party", {"TUR", "PAK", "USA"}),
    ("parties", {"agreement": agreement("desta-1")}, (2003, 2003), ("inforce",), "party", set()),
    ("parties", {"agreement": agreement("desta-1")}, None, ("joined",), "party", {"USA"}),
    ("parties", {"agreement": agreement("desta-1")}, None, ("left",), "party", {"USA"}),
    ("parties", {"agreement": agreement("atop-1")}, None, ("left",), "party", {"SAU"}),
    ("parties", {"agreement": agreement("curated-ex")}, None, ("lead",), "party", {"TUR"}),
    ("parties", {"agreement": agreement("desta-1")}, None, ("lead",), "party", set()),
    ("parties", {"agreement": agreement("atop-1"), "nation": nation("SAU")}, None, (), "party", {"SAU"}),
    ("parties", {"agreement": agreement("atop-1"), "nation": nation("TUR")}, None, (), "party", set()),
    ("parties", {"agreement": agreement("desta-1"), "party": OIC_NOW}, None, (), "party", {"PAK"}),
    ("members", {"organization": OIC}, None, ("current",), "member", {"PAK", "SAU"}),
    ("members", {"organization": OIC}, (1980, 1980), ("inforce",), "member", {"PAK", "SAU", "TUR"}),
    ("members", {"organization": OIC}, (1972, 1972), ("inforce",), "member", {"PAK", "SAU"}),
    ("members", {"organization": OIC}, (1991, None), ("inforce",), "member", {"PAK", "SAU"}),
    ("members", {"organization": OIC}, None, ("left",), "member", {"TUR"}),
    ("members", {"organization": OIC}, (1970, None), ("joined",), "member", {"TUR"}),
    ("members", {"organization": OIC}, (None, 1969), ("joined",), "member", {"PAK", "SAU"}),
    ("members", {"organization": OIC}, (1977, 1990), ("joined",), "member", set()),
    ("members", {"organization": OIC, "member": nation("TUR")}, None, (), "member", {"TUR"}),
    ("members", {"organization": OIC, "member": nation("USA")}, None, (), "member", set()),
    ("organizations", {"nation": nation("TUR")}, None, (), "organization", {"OIC"}),
    ("organizations", {"nation": nation("USA")}, None, (), "organization", set()),
    ("agreement_coverage", {"agreement": agreement("dcad-1")}, None, (), "concept", {"defence", "defence_industry"}),
    ("agreement_coverage", {"agreement": agreement("atop-1")}, None, (), "concept", {"defence"}),
    ("summary", {"nation": nation("PAK")}, None, (), "kind", {
        "SK#DefencePact", "SK#DefenceCooperationAgreement", "SK#JointMilitaryExercise",
        "SK#NuclearCooperationAgreement", "SK#EconomicPartnership"}),
    ("nations", {"nationRole": ROLE["supplier"]}, None, ("participation",), "nation", {"USA"}),
    ("nations", {"nation": OIC_NOW, "category": DEFENCE_PACT}, None, (), "nation", {"PAK", "SAU"}),
]


@pytest.mark.parametrize(("shape", "slots", "years", "flags", "var", "expected"), NATION_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(NATION_CASES)])
def test_shape_gives_hand_checked_entities(mini_store: MemoryStore, shape: str, slots: dict[str, URIRef],
                                           years: tuple[int | None, int | None] | None, flags: tuple[str, ...],
                                           var: str, expected: set[str]) -> None:
    rows = run(mini_store, shape, years=years, flags=flags, **slots)
    got = keys(rows, var)
    if shape == "summary":
        got = {"SK#" + str(r["kind"]).rsplit("#", 1)[-1] for r in rows}
    assert got == expected


PAIR = ("participation", "inforce", "pair")
AGREEMENT_CASES: list[tuple[dict[str, Node | list[URIRef]], tuple[int | None, int | None] | None,
                            tuple[str, ...], set[str]]] = [
    ({"nation": nation("PAK")}, None, (), {"atop:1", "dcad:1", "curated:ex", "nca:1", "desta:1"}),
    ({"nation": nation("PAK"), "category": EXERCISE}, None, (), {"curated:ex"}),
    ({"nation": nation("SAU")}, (2010, 2010), (), {"curated:norm"}),
    ({"nation": nation("TUR"), "other": nation("PAK")}, None, (), {"dcad:1", "curated:ex", "desta:1"}),
    ({"nation": nation("TUR"), "other": nation("PAK")}, (2005, None), (), {"dcad:1"}),
    ({"nation": nation("PAK"), "other": nation("SAU")}, None, (), {"atop:1"}),
    ({"nation": nation("PAK"), "other": nation("SAU"), "category": NORMALIZATION}, None, (), set()),
    ({"nation": nation("TUR")}, None, ("lead",), {"curated:ex"}),
    ({"nation": nation("PAK")}, None, ("lead",), set()),
    ({}, (2000, 2005), (), {"curated:ex", "desta:1", "dcad:1"}),
    ({"category": DCA}, (2000, 2005), (), {"dcad:1"}),
    ({"agreement": agreement("atop-1")}, None, (), {"atop:1"}),
    ({"nation": nation("USA"), "nationRole": ROLE["supplier"], "other": nation("PAK"),
      "otherRole": ROLE["recipient"]}, None, ("participation",), {"nca:1"}),
    ({"nation": nation("PAK"), "nationRole": ROLE["supplier"]}, None, ("participation",), set()),
    # in force together in 2016: the US had left the trade agreement in 2015
    ({"nation": nation("TUR"), "other": nation("PAK")}, (2016, 2016), PAIR, {"dcad:1", "desta:1", "curated:ex"}),
    ({"nation": nation("TUR"), "other": nation("USA")}, (2016, 2016), PAIR, {"curated:ex"}),
    ({"nation": nation("SAU")}, (1961, None), ("participation", "inforce"), {"curated:norm"}),  # left the pact
    ({"category": NORMALIZATION}, (2011, None), ("inforce", "solo"), {"curated:norm"}),
    ({"category": NORMALIZATION}, (2013, None), ("inforce", "solo"), set()),
]


@pytest.mark.parametrize(("slots", "years", "flags", "expected"), AGREEMENT_CASES,
                         ids=[f"agreements-{i}" for i in range(len(AGREEMENT_CASES))])
def test_agreements_shape_gives_hand_checked_records(mini_store: MemoryStore, slots: dict[str, URIRef],
                                                     years: tuple[int | None, int | None] | None,
                                                     flags: tuple[str, ...], expected: set[str]) -> None:
    assert source_ids(run(mini_store, "agreements", years=years, flags=flags, **slots)) == expected


@pytest.mark.parametrize(("slots", "expected"), [
    ({"nation": nation("PAK")}, 5),
    ({"nation": nation("PAK"), "sector": URIRef(ID + "sector/economy")}, 1),
    ({"nation": nation("TUR"), "other": nation("PAK")}, 3),
])
def test_agreement_count_and_the_records_counted(mini_store: MemoryStore, slots: dict[str, URIRef],
                                                  expected: int) -> None:
    rows = run(mini_store, "agreements", flags=("count",), **slots)
    assert int(rows[0]["count"]) == expected  # type: ignore[call-overload]
    assert len(str(rows[0]["sources"]).split()) == expected  # a count cites what it counted


def test_oldest_first_switch(mini_store: MemoryStore) -> None:
    rows = run(mini_store, "agreements", flags=("oldest",), nation=nation("TUR"), other=nation("PAK"))
    assert [str(r["sourceId"]) for r in rows] == ["curated:ex", "desta:1", "dcad:1"]
    rows = run(mini_store, "agreements", nation=nation("TUR"), other=nation("PAK"))
    assert [str(r["sourceId"]) for r in rows] == ["dcad:1", "desta:1", "curated:ex"]


@pytest.mark.parametrize(("key", "year", "in_force"), [("atop-1", 1951, True), ("curated-norm", 2010, False),
                                                       ("dcad-1", 2005, True)])
def test_agreement_facts(mini_store: MemoryStore, key: str, year: int, in_force: bool) -> None:
    rows = run(mini_store, "agreement_facts", agreement=agreement(key))
    assert [(int(r["year"]), r["inForce"].toPython()) for r in rows] == [(year, in_force)]  # type: ignore


def test_partners_limit_and_tie_order(mini_store: MemoryStore) -> None:
    # Turkey and the United States share three agreements each with Pakistan: the name breaks the tie.
    assert keys(run(mini_store, "partners", limit=1, nation=nation("PAK")), "partner") == {"TUR"}
    assert keys(run(mini_store, "partners", limit=2, nation=nation("PAK")), "partner") == {"TUR", "USA"}
    assert keys(run(mini_store, "nations", limit=1), "nation") == {"PAK"}


def test_membership_records_are_cited(mini_store: MemoryStore) -> None:
    rows = run(mini_store, "members", flags=("current",), organization=OIC)
    assert {int(r["joinYear"]) for r in rows} == {1969}  # type: ignore[call-overload]


def test_meta_shapes(mini_store: MemoryStore) -> None:
    kinds = run(mini_store, "capabilities")
    assert len(kinds) >= 13 and all(int(r["agreements"]) >= 0 for r in kinds)  # type: ignore[call-overload]
    assert {str(r["label"]) for r in run(mini_store, "sources")} == {"Curated"}
    definition = run(mini_store, "definition", concept=URIRef(SK + "NormalizationAgreement"))
    assert "diplomatic relations" in str(definition[0]["definition"])


def test_every_shape_is_tested_here() -> None:
    tested = {c[0] for c in NATION_CASES} | {"agreements", "agreement_facts", "capabilities", "sources",
                                             "definition"}
    assert set(TEMPLATES) <= tested, f"shapes without a fixture test: {sorted(set(TEMPLATES) - tested)}"


@pytest.mark.parametrize("shape", sorted(TEMPLATES))
def test_raw_shape_file_runs_as_an_example_query(mini_store: MemoryStore, shape: str) -> None:
    """Without bindings the marker is a comment: every .rq file is itself a valid, runnable query."""
    template = TEMPLATES[shape]
    assert template.query.count(VALUES_MARKER) >= (1 if any(s.type != "number" for s in template.slots) else 0)
    mini_store.select(template.example_query)


def test_shape_headers_are_complete() -> None:
    assert len(TEMPLATES) >= 12
    for template in TEMPLATES.values():
        assert template.title and template.description
        assert len(template.examples) >= 3
        assert len(set(template.examples)) == len(template.examples)


def test_the_binder_refuses_what_a_shape_does_not_declare() -> None:
    with pytest.raises(UnsafeBinding, match="no flag"):
        bind(TEMPLATES["partners"], SlotFill(values={"nation": [nation("PAK")]}, flags={"count"}))
    with pytest.raises(UnsafeBinding, match="no slot"):
        bind(TEMPLATES["partners"], SlotFill(values={"nation": [nation("PAK")], "organization": [OIC]}))


@pytest.mark.parametrize(("header", "error"), [
    ("# id: other\n", "differs from the file name"),
    ("# answer: poems\n", "unknown answer kind"),
    ("# slots: nation=country\n", "unknown type"),
    ("# examples:\n#   - only one\n", "at least 3 example"),
    ("# flags: inforce\n", "neither a slot variable nor a flag"),
])
def test_malformed_shape_is_refused(tmp_path: Path, header: str, error: str) -> None:
    good = {"id": "# id: broken\n", "answer": "# answer: nations\n", "slots": "# slots: nation=nation\n",
            "examples": "# examples:\n#   - a\n#   - b\n#   - c\n", "flags": "# flags: current\n"}
    key = header.split(":")[0].lstrip("# ").strip()
    good[key] = header
    text = ("# title: t\n# description: d\n" + "".join(good.values())
            + "SELECT ?x WHERE {\n  # {{values}}\n  ?x ?p ?o .  # if current\n}\n")
    path = tmp_path / "broken.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError, match=error):
        parse_template(path)
