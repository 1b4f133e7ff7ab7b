"""Stage 4, binding: only typed terms reach a query — IRIs from the graph's own index and integers we
parsed. Quotes, backslashes, \\u0022, '>' or newlines typed by a user cannot change a query."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from sharaka.qa.bind import SlotFill, UnsafeBinding, bind, term_text
from sharaka.qa.engine import QAEngine
from sharaka.queries import load_templates

PARTNERS = next(t for t in load_templates() if t.id == "partners")
HOSTILE = ['Pakistan" } ; DROP ALL ; #', "Pakistan\\u0022 ) }", "Pakistan> <x", "Pakistan\n}\nSELECT * {",
           "Pakistan' UNION { ?s ?p ?o }", "Pakistan\\", "PREFIX x: <file:///etc/passwd>"]


@pytest.mark.parametrize("term", [
    URIRef('https://w3id.org/sharaka/id/nation/PAK> } ; DROP ALL ; #'),
    URIRef("https://w3id.org/sharaka/id/nation/PAK\n"),
    URIRef('https://w3id.org/sharaka/id/nation/"x'),
    URIRef("file:///etc/passwd"),
    Literal('Pakistan" }'),
    Literal("1999", datatype=XSD.string),
    Literal("1999 } SELECT", datatype=XSD.integer),
    Literal("x", lang="en"),
    BNode("b1"),
])
def test_unsafe_values_are_refused(term: object) -> None:
    with pytest.raises(UnsafeBinding):
        term_text(term)  # type: ignore[arg-type]


@pytest.mark.parametrize(("term", "text"), [
    (URIRef("https://w3id.org/sharaka/id/nation/PAK"), "<https://w3id.org/sharaka/id/nation/PAK>"),
    (Literal(2000, datatype=XSD.integer), "2000"),
    (Literal(True), "true"),
])
def test_safe_values_are_written_as_terms(term: object, text: str) -> None:
    assert term_text(term) == text  # type: ignore[arg-type]


def test_bind_writes_a_values_block_and_leaves_the_rest_of_the_query_alone() -> None:
    fill = SlotFill(values={"nation": [URIRef("https://w3id.org/sharaka/id/nation/PAK")],
                            "from": [Literal(2000, datatype=XSD.integer)]})
    bound = bind(PARTNERS, fill)
    assert "VALUES (?nation ?from) {\n    (<https://w3id.org/sharaka/id/nation/PAK> 2000)\n  }" in bound.text
    assert "?to" not in bound.text.split("WHERE")[1].split("}")[0]  # unbound: left out of the block
    # Optional filters: kept when their variable is bound, dropped when not.
    assert "FILTER(?year >= ?from)" in bound.text
    assert "FILTER(?year <= ?to)" not in bound.text and "?agreement a ?category" not in bound.text
    wanted = {"from", "!participation", "!inforce", "!volume"}
    kept = [line for line in PARTNERS.query.split("\n")
            if "# if " not in line or set(line.rsplit("# if ", 1)[1].split()) <= wanted]
    values = bound.text[bound.text.index("VALUES"):bound.text.index("}", bound.text.index("VALUES")) + 1]
    assert bound.text.replace(values, "# {{values}}") == "\n".join(kept)
    assert bound.bindings == {"nation": ["https://w3id.org/sharaka/id/nation/PAK"], "from": ["2000"]}


def test_bind_refuses_a_fill_with_an_unsafe_value() -> None:
    fill = SlotFill(values={"nation": [URIRef('https://w3id.org/x> } ; DROP ALL #')]})
    with pytest.raises(UnsafeBinding):
        bind(PARTNERS, fill)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_in_a_question_never_reaches_the_query(engine: QAEngine, hostile: str) -> None:
    answer = engine.answer(f"Which countries has {hostile} signed defence pacts with?")
    if answer.sparql is not None:
        body = answer.sparql
        for fragment in ("DROP", "etc/passwd", "UNION { ?s ?p ?o }", "\\u0022", "<x"):
            assert fragment not in body
        bound_values = [v for k, vs in answer.bindings.items() if k != "flags" for v in vs]
        assert set(answer.bindings.get("flags", [])) <= set(PARTNERS.flags)  # switches of the shape, not text
        assert all(v.startswith("https://w3id.org/sharaka/") or v.lstrip("-").isdigit() for v in bound_values)
        assert answer.template == "partners" and answer.bindings["nation"] == ["https://w3id.org/sharaka/id/nation/PAK"]


def test_a_large_product_of_values_becomes_filters() -> None:
    from sharaka.qa.bind import MAX_VALUES_ROWS

    nations = [URIRef(f"https://w3id.org/sharaka/id/nation/N{i}") for i in range(80)]
    agreements = [URIRef(f"https://w3id.org/sharaka/id/agreement/a-{i}") for i in range(600)]
    bound = bind(load_templates_by_id()["parties"], SlotFill(values={"agreement": agreements, "party": nations}))
    assert "FILTER(?party IN (<https://w3id.org/sharaka/id/nation/N0>," in bound.text  # narrows: a filter
    assert "FILTER(?agreement IN (<https://w3id.org/sharaka/id/agreement/a-0>," not in bound.text  # drives the query
    big = bind(load_templates_by_id()["parties"], SlotFill(values={"agreement": agreements,
                                                                   "from": [Literal(1990, datatype=XSD.integer),
                                                                            Literal(1991, datatype=XSD.integer)]}))
    assert "FILTER(?agreement IN (<https://w3id.org/sharaka/id/agreement/a-0>," in big.text  # 1200 rows: too many
    assert big.text.count("\n    (") <= MAX_VALUES_ROWS
    assert bound.text.count("    (<https://w3id.org/sharaka/id/agreement/") == 600  # one driver: rows, whatever many


def load_templates_by_id() -> dict[str, object]:
    return {t.id: t for t in load_templates()}
