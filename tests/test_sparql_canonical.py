"""The canonical text (sharaka.sparql.guard.check) means what the user's text means: every query we ship, every
query the service writes for a question, and a table of queries written to stress the lexer give the same results
on the full graph through the canonical text as through the raw text (both run by Oxigraph); canonicalizing
twice changes nothing (hypothesis)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sharaka.benchmarks.request_mix import RESEARCHER_QUERIES
from sharaka.errors import SharakaError
from sharaka.sparql.guard import check, precheck
from tests import sparql_helpers

ROOT = Path(__file__).resolve().parent.parent
BASE = "http://localhost:8000/sparql"
SK = "PREFIX sk: <https://w3id.org/sharaka/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
PAK = "<https://w3id.org/sharaka/id/nation/PAK>"
# The question templates are run bound, as the service runs them (unbound, some take minutes on the full graph).
BENCHMARK_FILES = sorted((ROOT / "benchmarks" / "sparql").glob("*.rq"))
# The query shapes (queries/*.rq) with `# if` switches are SPARQL only once bound: they are checked bound, in
# test_every_question_template_bound_means_the_same; those without switches are SPARQL as they are.
RQ_FILES = sorted([*(p for p in (ROOT / "queries").glob("*.rq") if "  # if " not in p.read_text(encoding="utf-8")),
                   *BENCHMARK_FILES])

# Written to stress what the lexer and the canonical writer must keep: each line a form that reads differently
# if a token boundary, an escape or a comment is handled wrongly. Every one is answered by the graph.
STRESS = [
    SK + "SELECT ?n WHERE { ?n sk:iso3 'PAK' }",
    SK + 'SELECT ?n WHERE { ?n sk:iso3 """PAK""" }',
    SK + "SELECT ?n WHERE { ?n sk:iso3 '''PAK''' }",
    SK + 'SELECT ?n WHERE { ?n sk:iso3 "P\\u0041K" }',  # an escape inside a string: decoded
    SK + 'SELECT ?n WHERE { ?n sk:iso3 "P\\U00000041K" }',
    SK + 'SELECT ?l WHERE { ?n sk:iso3 "PAK" ; rdfs:label ?l FILTER(?l != "a\\"b\\\\c\\td\\ne\'f") }',
    SK + "SELECT ?l WHERE { ?n sk:iso3 \"PAK\" ; rdfs:label ?l FILTER(?l != '''x''y\n\"z\"''') }",
    SK + 'SELECT ?l WHERE { ?n sk:iso3 "PAK" ; rdfs:label ?l FILTER(LANG(?l) = "en" || LANG(?l)="FR") }',
    SK + 'SELECT ?l WHERE { ?n sk:iso3 "PAK" ; rdfs:label ?l FILTER(?l = "Pakistan"@en) }',
    SK + 'SELECT ?l WHERE { ?n sk:iso3 "PAK" ; rdfs:label ?l FILTER(?l = "Pakistan" @en) }',
    SK + "SELECT ?n WHERE { ?n sk:iso3 \"PAK\"^^<http://www.w3.org/2001/XMLSchema#string> }",
    SK + "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\nSELECT ?n WHERE { ?n sk:iso3 'PAK' ^^ xsd:string }",
    SK + "SELECT ?a WHERE { ?a sk:hasParty ?n . ?n sk:iso3 'PAK' . ?a sk:startYear ?y FILTER(?y>=1990&&?y<2000) }",
    SK + "SELECT ?a WHERE { ?a sk:hasParty ?n . ?n sk:iso3 'PAK' . ?a sk:startYear ?y FILTER(?y<2000&&?y>=1990) }",
    SK + "SELECT ?a WHERE { ?a sk:hasParty ?n . ?n sk:iso3 'PAK' . ?a sk:startYear ?y FILTER(?y<=1990) }",
    SK + "SELECT ?a WHERE { ?a sk:hasParty ?n . ?n sk:iso3 'PAK' . ?a sk:startYear ?y FILTER(?y < 1.99e3) }",
    SK + "SELECT ?a WHERE { ?a sk:hasParty ?n . ?n sk:iso3 'PAK' . ?a sk:startYear ?y FILTER(?y-1 > 1998.0) }",
    SK + "SELECT ?a WHERE { ?a sk:hasParty ?n . ?n sk:iso3 'PAK' . ?a sk:startYear ?y FILTER(?y - -1 > +1998.5) }",
    SK + "SELECT ?a (?y*.5 AS ?h) WHERE { ?a sk:hasParty ?n . ?n sk:iso3 'PAK' . ?a sk:startYear ?y }",
    SK + "SELECT ?a WHERE { ?a sk:hasParty " + PAK + " ; sk:startYear 1954. }",
    SK + "SELECT ?a WHERE { ?a sk:hasParty " + PAK + ";sk:startYear 1954.0 }",
    SK + "select ?a where { ?a sk:hasParty " + PAK + " }",
    SK + "SELECT $a WHERE { $a sk:hasParty " + PAK + " } LIMIT 3",
    SK + "SELECT ?a WHERE { ?a a sk:DefencePact ; sk:hasParty " + PAK + " }",
    SK + "SELECT ?x WHERE { " + PAK + " ^sk:hasParty/sk:hasParty ?x }",
    SK + "SELECT ?x WHERE { " + PAK + " (^sk:hasParty/sk:hasParty)? ?x }",
    SK + "SELECT ?x WHERE { " + PAK + " ^sk:hasParty?/sk:hasParty? ?x }",
    SK + "SELECT ?c WHERE { ?c rdfs:subClassOf* sk:Agreement }",
    SK + "SELECT ?c WHERE { ?c rdfs:subClassOf+sk:Agreement }",
    SK + "SELECT ?c WHERE { ?c (rdfs:subClassOf)+ sk:Agreement }",
    SK + "SELECT ?p WHERE { " + PAK + " !(rdfs:label|^sk:hasParty) ?o BIND(1 AS ?p) } LIMIT 5",
    SK + "SELECT ?p WHERE { " + PAK + " ?p ?o FILTER(?p IN (rdfs:label, sk:iso3)) }",
    SK + "SELECT ?p WHERE { " + PAK + " ?p ?o FILTER(?p NOT IN (rdfs:label)) } LIMIT 5",
    SK + "SELECT ?a WHERE { [ sk:hasParty " + PAK + " ] sk:hasParty ?a }",
    SK + "SELECT ?a WHERE { ?a sk:hasParty [ sk:iso3 'PAK' ] }",
    SK + "SELECT ?a WHERE { _:x sk:iso3 'PAK' . ?a sk:hasParty _:x }",
    SK + "ASK { ?a sk:hasParty ( ) }",
    SK + "ASK { ?a sk:hasParty ( 1 ?x ) }",
    SK + "# a comment {{{ with \"quotes\" and SERVICE\nSELECT ?n WHERE { ?n sk:iso3 'PAK' } # another",
    SK + "SELECT ?n\r\nWHERE {\r\n  ?n sk:iso3 'PAK'\r\n}\r\n",
    SK + "SELECT ?n WHERE { ?n sk:iso3 'PAK' . OPTIONAL { ?n sk:iso2 ?i } MINUS { ?n sk:iso3 'TUR' } }",
    SK + "SELECT ?n WHERE { { ?n sk:iso3 'PAK' } UNION { ?n sk:iso3 'TUR' } }",
    SK + "SELECT ?n WHERE { ?n sk:iso3 ?c FILTER EXISTS { ?a sk:hasParty ?n } FILTER(?c = 'PAK') }",
    SK + "SELECT ?n WHERE { ?n sk:iso3 'PAK' FILTER NOT EXISTS { ?n sk:iso3 'TUR' } }",
    SK + "SELECT ?n ?k WHERE { { SELECT ?n (COUNT(?a) AS ?k) WHERE { ?a sk:hasParty ?n } GROUP BY ?n } "
         "?n sk:iso3 'PAK' }",
    SK + "SELECT (GROUP_CONCAT(DISTINCT ?c ; SEPARATOR = ', ') AS ?all) WHERE { ?n sk:iso3 ?c "
         "FILTER(STRSTARTS(?c, 'PA')) }",
    SK + "SELECT ?c WHERE { VALUES (?c ?x) { ('PAK' UNDEF) ('TUR' 1) } ?n sk:iso3 ?c }",
    SK + "SELECT ?c WHERE { ?n sk:iso3 ?c } VALUES ?c { 'PAK' 'TUR' }",
    SK + "SELECT ?y (COUNT(*) AS ?k) WHERE { ?a sk:hasParty " + PAK + " ; sk:startYear ?y } GROUP BY ?y "
         "HAVING (COUNT(*) > 1) ORDER BY DESC(?k) ?y LIMIT 3 OFFSET 1",
    SK + "SELECT ?n WHERE { ?n sk:iso3 ?c FILTER(REGEX(?c, '^P.K$', 'i') && sameTerm(?c, 'PAK')) }",
    SK + "SELECT ?n WHERE { ?n sk:iso3 ?c FILTER(CONCAT(?c, \"\") = 'PAK' && STRLEN(?c) = 3 && true) }",
    SK + "CONSTRUCT { ?n sk:iso3 ?c } WHERE { ?n sk:iso3 ?c FILTER(?c = 'PAK') }",
    SK + "CONSTRUCT WHERE { ?n sk:iso3 'PAK' }",
    "DESCRIBE " + PAK,
    "BASE <https://w3id.org/sharaka/id/>\nSELECT ?p WHERE { <nation/PAK> ?p ?o } LIMIT 3",
    "BASE <https://w3id.org/sharaka/id/nation/>\nPREFIX n: <>\nSELECT ?p WHERE { n:PAK ?p ?o } LIMIT 3",
    "SELECT ?p WHERE { <https://w3id.org/sharaka/id/nation/P\\u0041K> ?p ?o } LIMIT 3",
    "PREFIX n: <https://w3id.org/sharaka/id/nation/>\nSELECT ?p WHERE { n:PAK ?p ?o . FILTER(?p != n:a\\.b) }",
    "PREFIX : <https://w3id.org/sharaka/id/nation/>\nSELECT ?p WHERE { :PAK ?p ?o } LIMIT 2",
    SK + "SELECT ?n WHERE { ?n sk:iso3 'PAK' . } # trailing dot",
    SK + "SELECT ?n WHERE { ?n sk:iso3 'PAK' . FILTER(true) . ?n sk:iso3 ?c }",
]
# A \u escape in a text: an odd number of backslashes before the u.
UNICODE_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\[uU]")


def _term(term: Any) -> str:
    return "_:b" if isinstance(term, ox.BlankNode) else str(term)


def results(store: Any, query: str, base_iri: str | None = None) -> Any:
    """Oxigraph's answer as comparable data (blank nodes made equal), or the error it raised."""
    try:
        answer = store.query(query, use_default_graph_as_union=True, base_iri=base_iri)
    except SyntaxError as exc:
        return ("error", str(exc).split(":")[0])
    if isinstance(answer, ox.QueryBoolean):
        return bool(answer)
    if isinstance(answer, ox.QueryTriples):
        return Counter((_term(t.subject), _term(t.predicate), _term(t.object)) for t in answer)
    names = [v.value for v in answer.variables]
    # SPARQL leaves the order inside a GROUP_CONCAT open (Oxigraph's follows its hash tables, which differ between
    # two parses of one query): its values are compared as bags of words.
    unordered = "GROUP_CONCAT" in query.upper()
    rows = [tuple(_concat(_term(row[n]), unordered) if row[n] is not None else None for n in names) for row in answer]
    return names, Counter(rows), rows if "ORDER BY" in query.upper() else None


def _concat(term: str, unordered: bool) -> str:
    if not (unordered and term.startswith('"') and term.endswith('"')):
        return term
    return '"' + " ".join(sorted(term[1:-1].split())) + '"'


def assert_same_meaning(memory_store: Any, query: str) -> None:
    checked = check(query, max_length=20000, max_nesting=20, base_iri=BASE)
    assert results(memory_store.inner, checked.text) == results(memory_store.inner, query, BASE), checked.text


@pytest.mark.parametrize("path", BENCHMARK_FILES, ids=[p.name for p in BENCHMARK_FILES])
def test_benchmark_queries_mean_the_same(reduced_memory_store: Any, path: Path) -> None:
    assert_same_meaning(reduced_memory_store, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("query", [*RESEARCHER_QUERIES, sparql_helpers.PARTIES_3222, sparql_helpers.ASK_3222,
                                   sparql_helpers.CONSTRUCT_3222, sparql_helpers.DESCRIBE_3222,
                                   sparql_helpers.COUNT_AGREEMENTS])
def test_researcher_queries_mean_the_same(memory_store: Any, query: str) -> None:
    assert_same_meaning(memory_store, query)


@pytest.mark.parametrize("query", STRESS)
def test_stress_queries_mean_the_same(memory_store: Any, query: str) -> None:
    assert_same_meaning(memory_store, query)


def test_stress_queries_find_something(memory_store: Any) -> None:
    """The table is only a test if its queries answer: most find rows (a FILTER that matches nothing proves less)."""
    found = 0
    for query in STRESS:
        answer = results(memory_store.inner, check(query, max_length=20000, max_nesting=20, base_iri=BASE).text)
        found += bool(answer[1] if isinstance(answer, tuple) and len(answer) == 3 else answer)
    assert found >= len(STRESS) - 6


def test_every_question_template_bound_means_the_same(engine: Any, memory_store: Any) -> None:
    """Every queries/*.rq template, bound for each of its example questions as the service binds it."""
    from sharaka.queries import load_templates

    templates = load_templates()
    assert len(templates) == len(list((ROOT / "queries").glob("*.rq")))
    for template in templates:
        bound = [engine.answer(question).sparql for question in template.examples]
        assert any(bound), template.id
        for sparql in filter(None, bound):
            assert_same_meaning(memory_store, sparql)


# -- canonicalizing twice changes nothing ------------------------------------------------------------------------
PIECES = ["SELECT", "select", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "FILTER", "OPTIONAL", "UNION", "MINUS", "BIND",
          "AS", "VALUES", "GRAPH", "LIMIT", "ORDER BY", "GROUP BY", "DISTINCT", "COUNT", "STR", "REGEX", "EXISTS",
          "NOT", "IN", "a", "true", "UNDEF", "{", "}", "(", ")", "[", "]", ".", ",", ";", "*", "/", "|", "^", "!",
          "=", "!=", "<", "<=", ">", ">=", "&&", "||", "+", "-", "?", "^^", "?s", "?p", "?o", "$x", "_:b", "1", "1.",
          ".5", "1e5", "-1", "+1", "'a'", '"b"', "'''c\nd'''", '"""e"f"""', '"\\u0041"', '"x"@en', "@en",
          "<http://a/b>", "<http://a/\\u0062>", "<rel>", "ex:p", "ex:", ":", "ex:a\\.b", "#c\n", "\n", "\r\n",
          "\t", "PREFIX ex: <http://e/>", "BASE <http://b/>", "SERVICE", "\\u0053", "\\", "'", '"']
SEPARATORS = ["", " ", "  ", "\n", "#x\n"]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), min_size=1, max_size=30))
def test_canonicalizing_twice_is_a_fixed_point(pieces: list[tuple[str, str]]) -> None:
    text = "".join(piece + separator for piece, separator in pieces)
    for prefix in ("", "SELECT * WHERE { ", "PREFIX ex: <http://e/> ASK { "):
        try:
            once = check(prefix + text, max_length=20000, max_nesting=20, base_iri=BASE)
        except SharakaError:
            continue
        twice = check(once.text, max_length=20000, max_nesting=20)
        assert (twice.text, twice.kind, twice.dataset) == (once.text, once.kind, once.dataset)
        assert not UNICODE_ESCAPE.search(once.text) and "\n" not in once.text
        precheck(prefix + text, 20000, 20)  # the request's quick look never refuses what the reading accepts
        precheck(once.text, 20000, 20)


@pytest.mark.parametrize("query", STRESS + [p.read_text(encoding="utf-8") for p in RQ_FILES])
def test_canonical_corpus_is_a_fixed_point(query: str) -> None:
    once = check(query, max_length=20000, max_nesting=20, base_iri=BASE)
    assert check(once.text, max_length=20000, max_nesting=20).text == once.text
