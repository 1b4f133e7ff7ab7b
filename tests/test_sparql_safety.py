"""The checks every outside query passes (sharaka.sparql_safety) and the media-type table
(sharaka.media_types), tested alone: no service, no store."""

from __future__ import annotations

import pytest

from sharaka.errors import BadRequest, ForbiddenQuery, MalformedQuery, NotAcceptable, QueryTooDeep, QueryTooLong
from sharaka.media_types import (
    JSON,
    JSONLD,
    NTRIPLES,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    cli_format,
    from_format_param,
    negotiate,
    quality,
)
from sharaka.sparql_safety import check_query, protocol_dataset
from sharaka.store import DatasetSpec

G = "https://w3id.org/sharaka/graph/"
LIMIT = 20000


@pytest.mark.parametrize(("query", "kind"), [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT"), ("ASK {}", "ASK"), ("ask { ?s ?p ?o }", "ASK"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"), ("DESCRIBE <https://w3id.org/sharaka/id/nation/PAK>", "DESCRIBE"),
    ("PREFIX sk: <https://w3id.org/sharaka/ontology#>\nSELECT ?a { ?a a sk:Agreement } LIMIT 5", "SELECT"),
    ("# a comment\r\nSELECT * {\r\n ?s ?p ?o }\r\n", "SELECT"),  # CRLF, as browsers send forms
])
def test_query_kinds(query: str, kind: str) -> None:
    parsed = check_query(query, LIMIT)
    assert parsed.kind == kind
    assert parsed.dataset == DatasetSpec()
    assert parsed.text == query


@pytest.mark.parametrize(("query", "default", "named"), [
    (f"SELECT * FROM <{G}atop> WHERE {{ ?s ?p ?o }}", (G + "atop",), ()),
    (f"SELECT * FROM <{G}atop> FROM <{G}curated> WHERE {{ ?s ?p ?o }}", (G + "atop", G + "curated"), ()),
    (f"SELECT * FROM NAMED <{G}nca> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", (), (G + "nca",)),
    (f"ASK FROM <{G}meta> FROM NAMED <{G}atop> {{ }}", (G + "meta",), (G + "atop",)),
    (f"BASE <{G}>\nSELECT * FROM <desta> WHERE {{ ?s ?p ?o }}", (G + "desta",), ()),  # relative IRI resolved
])
def test_dataset_from_the_query(query: str, default: tuple[str, ...], named: tuple[str, ...]) -> None:
    assert check_query(query, LIMIT).dataset == DatasetSpec(default, named)


@pytest.mark.parametrize(("query", "error"), [
    ("", MalformedQuery), ("   \n ", MalformedQuery), (None, MalformedQuery),
    ("SELECT * WHERE { ?s ?p ?o", MalformedQuery), ("SELECT * WHERE { ?s ex:p ?o }", MalformedQuery),
    ("INSERT DATA { <http://a/b> <http://a/c> 1 }", ForbiddenQuery), ("CLEAR ALL", ForbiddenQuery),
    ("LOAD <http://example.org/x>", ForbiddenQuery), ("DROP ALL", ForbiddenQuery),
    ("CREATE GRAPH <http://a/g>", ForbiddenQuery), ("WITH <http://a/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                                    ForbiddenQuery),
    ("SELECT * WHERE { SERVICE <http://a/> { ?s ?p ?o } }", ForbiddenQuery),
    ("SELECT * WHERE { { SELECT * WHERE { MINUS { SERVICE <http://a/> { ?s ?p ?o } } } } }", ForbiddenQuery),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", ForbiddenQuery),
    ("SELECT * FROM <https://w3id.org/sharaka/graph/atop/../x> WHERE { ?s ?p ?o }", ForbiddenQuery),
    ("SELECT * FROM NAMED <https://w3id.org/sharaka/id/nation/PAK> WHERE { ?s ?p ?o }", ForbiddenQuery),
    ("SELECT * WHERE { ?s ?p ?o } # a lone CR\r SERVICE", MalformedQuery),
    ("SELECT * WHERE " + "{" * 40 + "}" * 40, QueryTooDeep),  # the parser's RecursionError, as a 400
    ("ASK {}" + " " * LIMIT, QueryTooLong),
])
def test_refused(query: str | None, error: type[Exception]) -> None:
    with pytest.raises(error):
        check_query(query, LIMIT)


def test_nesting_limit() -> None:
    deep = "SELECT * WHERE " + "{ " * 6 + "?s ?p ?o" + " }" * 6
    assert check_query(deep, LIMIT, max_nesting=6).kind == "SELECT"
    with pytest.raises(QueryTooDeep) as refused:
        check_query(deep, LIMIT, max_nesting=5)
    assert refused.value.extra == {"setting": "max_query_nesting", "limit": 5}


def test_near_misses_pass() -> None:
    """Beside each refusal, the allowed query that looks like it."""
    check_query("SELECT * WHERE " + "{" * 10 + "?s ?p ?o" + "}" * 10, LIMIT)
    check_query("ASK {}" + " " * (LIMIT - 6), LIMIT)
    check_query(f"SELECT * FROM <{G}atop_2> WHERE {{ ?s ?p ?o }}", LIMIT)
    check_query("SELECT ?service WHERE { ?service <http://example.org/service> ?o }", LIMIT)


def test_protocol_dataset() -> None:
    assert protocol_dataset([], []) is None
    assert protocol_dataset([G + "atop"], [G + "nca"]) == DatasetSpec((G + "atop",), (G + "nca",))
    with pytest.raises(ForbiddenQuery):
        protocol_dataset(["http://example.org/g"], [])


# -- the media-type table ------------------------------------------------------------------------------
@pytest.mark.parametrize(("accept", "kind", "fmt", "content_type"), [
    ([("*/*", 1.0)], "results", JSON, "application/sparql-results+json"),
    ([], "results", JSON, "application/sparql-results+json"),
    ([], "graph", TURTLE, "text/turtle"),
    ([("application/sparql-results+xml", 1.0)], "results", XML, "application/sparql-results+xml"),
    ([("text/tab-separated-values", 0.2), ("text/csv", 0.1)], "results", TSV, "text/tab-separated-values"),
    ([("application/json", 1.0)], "graph", JSONLD, "application/json"),
    ([("application/xml", 1.0)], "graph", RDFXML, "application/xml"),
    ([("text/plain", 1.0)], "graph", NTRIPLES, "text/plain"),
    ([("text/turtle; charset=utf-8", 1.0)], "graph", TURTLE, "text/turtle"),
    ([("text/turtle", 0.0), ("*/*", 0.5)], "graph", NTRIPLES, "application/n-triples"),
])
def test_negotiate(accept: list[tuple[str, float]], kind: str, fmt: object, content_type: str) -> None:
    choice = negotiate(accept, kind)  # type: ignore[arg-type]
    assert (choice.format, choice.content_type) == (fmt, content_type)


@pytest.mark.parametrize(("accept", "kind"), [
    ([("text/turtle", 1.0)], "results"), ([("application/sparql-results+json", 1.0)], "graph"),
    ([("text/html", 1.0)], "results"), ([("*/*", 0.0)], "graph"),
])
def test_negotiate_refuses(accept: list[tuple[str, float]], kind: str) -> None:
    with pytest.raises(NotAcceptable):
        negotiate(accept, kind)  # type: ignore[arg-type]


def test_quality_takes_the_most_specific_range() -> None:
    accept = [("text/*", 0.3), ("text/csv", 0.0), ("*/*", 0.9)]
    assert quality(accept, "text/csv") == 0.0
    assert quality(accept, "text/turtle") == 0.3
    assert quality(accept, "application/json") == 0.9


@pytest.mark.parametrize(("values", "kind", "media_type"), [
    (["csv"], "results", "text/csv"), (["tsv", "text/tab-separated-values"], "results", "text/tab-separated-values"),
    (["json-ld", "application/ld+json"], "graph", "application/ld+json"), (["JSON"], "results",
                                                                            "application/sparql-results+json"),
    (["rdf+xml"], "graph", "application/rdf+xml"), (["text/turtle"], "graph", "text/turtle"),
])
def test_format_parameter(values: list[str], kind: str, media_type: str) -> None:
    choice = from_format_param(values, kind)  # type: ignore[arg-type]
    assert choice is not None and choice.format.media_type == media_type


def test_format_parameter_refusals() -> None:
    assert from_format_param([], "results") is None
    with pytest.raises(BadRequest):
        from_format_param(["excel"], "results")
    with pytest.raises(NotAcceptable):
        from_format_param(["turtle"], "results")


@pytest.mark.parametrize(("name", "kind", "expected"), [
    ("json", "SELECT", ("application/sparql-results+json", "text/turtle")),
    ("csv", "ASK", ("text/csv", "text/turtle")),
    ("xml", "SELECT", ("application/sparql-results+xml", "text/turtle")),
    ("turtle", "CONSTRUCT", ("application/sparql-results+json", "text/turtle")),
    ("ntriples", "DESCRIBE", ("application/sparql-results+json", "application/n-triples")),
    ("json", "CONSTRUCT", ("application/sparql-results+json", "application/ld+json")),
])
def test_cli_format(name: str, kind: str, expected: tuple[str, str]) -> None:
    assert cli_format(name, kind) == expected
