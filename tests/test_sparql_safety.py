"""The checks every outside query passes (sharaka.sparql.guard: one reading by sharaka.sparql.lexer and
sharaka.sparql.grammar, whose canonical text is the only text executed) and the media-type table
(sharaka.sparql.formats), tested alone: no service, no store."""

from __future__ import annotations

import pytest

from sharaka.errors import (
    BadRequest,
    ForbiddenQuery,
    MalformedQuery,
    NotAcceptable,
    QueryTooDeep,
    QueryTooLong,
    SharakaError,
)
from sharaka.sparql.formats import (
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
from sharaka.sparql.guard import check, protocol_dataset
from sharaka.store import DatasetSpec

G = "https://w3id.org/sharaka/graph/"
LIMIT = 20000
BASE = "http://localhost:8000/sparql"


def checked(query: str | None, **options: object) -> object:
    return check(query, max_length=LIMIT, max_nesting=options.pop("max_nesting", 20), **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(("query", "kind", "canonical"), [
    ("SELECT * WHERE { ?s ?p ?o }", "SELECT", "SELECT * WHERE { ?s ?p ?o }"),
    ("ASK {}", "ASK", "ASK { }"), ("ask { ?s ?p ?o }", "ASK", "ASK { ?s ?p ?o }"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", "CONSTRUCT WHERE { ?s ?p ?o }"),
    ("DESCRIBE <https://w3id.org/sharaka/id/nation/PAK>", "DESCRIBE", "DESCRIBE <https://w3id.org/sharaka/id/nation/PAK>"),
    ("PREFIX sk: <https://w3id.org/sharaka/ontology#>\nSELECT ?a { ?a a sk:Agreement } LIMIT 5", "SELECT",
     "PREFIX sk: <https://w3id.org/sharaka/ontology#> SELECT ?a { ?a a sk:Agreement } LIMIT 5"),
    ("# a comment\r\nSELECT * {\r\n ?s ?p ?o }\r\n", "SELECT", "SELECT * { ?s ?p ?o }"),  # CRLF, as forms send
])
def test_query_kinds(query: str, kind: str, canonical: str) -> None:
    found = check(query, max_length=LIMIT, max_nesting=None)
    assert (found.kind, found.dataset, found.text) == (kind, DatasetSpec(), canonical)


# What the canonical text makes of each form: the user's text on the left, the text executed on the right.
CANONICAL = [
    ('ASK { ?s ?p "a\\u0027b" }', "ASK { ?s ?p \"a'b\" }"),  # \u decoded inside a string …
    ("ASK { ?s ?p 'a\\u0027 || \"\"\"b' }", 'ASK { ?s ?p "a\' || \\"\\"\\"b" }'),  # … and never ends it
    ('ASK { ?s ?p "\\u005Cn" }', 'ASK { ?s ?p "\\\\n" }'),  # an escaped backslash stays a backslash
    ("ASK { ?s ?p '''two\nlines \"q\"''' }", 'ASK { ?s ?p "two\\nlines \\"q\\"" }'),
    ('ASK { ?s ?p """a""b""" }', 'ASK { ?s ?p "a\\"\\"b" }'),
    ("ASK { ?s ?p 'tab\\there' }", 'ASK { ?s ?p "tab\\there" }'),
    ("ASK { ?s <http://a/\\u0062> ?o }", "ASK { ?s <http://a/b> ?o }"),  # \u decoded inside an IRI
    ("ASK { ?s <http://a/\\U00000062> ?o }", "ASK { ?s <http://a/b> ?o }"),
    ('ASK { ?s ?p "x" @en , "y"^^<http://t/> , "z" ^^ <http://t/> }',
     'ASK { ?s ?p "x"@en , "y"^^<http://t/> , "z"^^<http://t/> }'),
    ("ask{?s?p?o}#c\n", "ASK { ?s ?p ?o }"),
    ("SELECT $x { $x ?p ?o }", "SELECT ?x { ?x ?p ?o }"),
    ("ASK { FILTER(?a<?b&&?b>?c) }", "ASK { FILTER ( ?a < ?b && ?b > ?c ) }"),  # `<` after an operand is less-than
    ("ASK { FILTER(?a<=?b||?a!=?b) }", "ASK { FILTER ( ?a <= ?b || ?a != ?b ) }"),
    ("ASK { ?s <http://a/p>+1 }", "ASK { ?s <http://a/p> + 1 }"),  # as Oxigraph reads it: the + modifier, then 1
    ("ASK { ?s <http://a/p>?o }", "ASK { ?s <http://a/p> ?o }"),  # ?o is a variable, not the ? modifier
    ("ASK { ?s <http://a/p>? ?o }", "ASK { ?s <http://a/p> ? ?o }"),
    ("ASK { ?s ?p 1. }", "ASK { ?s ?p 1 . }"),
    ("ASK { ?s ?p .5,1e5,-1,+1.5E-3 }", "ASK { ?s ?p .5 , 1e5 , -1 , +1.5E-3 }"),
    ("ASK { FILTER(STR (?x) = CONCAT (?y)) }", "ASK { FILTER ( STR( ?x ) = CONCAT( ?y ) ) }"),  # Oxigraph needs CONCAT(
    ("ASK { FILTER(TRUE || false) }", "ASK { FILTER ( true || false ) }"),
    ("ASK { [] ?p ( ) ; ?q [ ?r _:b1 ] }", "ASK { [ ] ?p ( ) ; ?q [ ?r _:b1 ] }"),
    ("PREFIX e: <http://e/> ASK { ?s e:a\\.b e: }", "PREFIX e: <http://e/> ASK { ?s e:a\\.b e: }"),
    ("ASK { <s> <#p> <../o> }",
     "ASK { <http://localhost:8000/s> <http://localhost:8000/sparql#p> <http://localhost:8000/o> }"),
    ("BASE <http://b/x/>\nASK { <s> ?p ?o }", "ASK { <http://b/x/s> ?p ?o }"),  # BASE is applied, then dropped
    ("BASE <y/> PREFIX e: <z/> ASK { ?s e:p ?o }", "PREFIX e: <http://localhost:8000/y/z/> ASK { ?s e:p ?o }"),
    ("ASK { ?s ?p <http://a/b/../c> }", "ASK { ?s ?p <http://a/b/../c> }"),  # an absolute IRI is kept as written
]


@pytest.mark.parametrize(("query", "canonical"), CANONICAL)
def test_canonical_text(query: str, canonical: str) -> None:
    assert checked(query, base_iri=BASE).text == canonical  # type: ignore[attr-defined]


@pytest.mark.parametrize(("query", "default", "named"), [
    (f"SELECT * FROM <{G}atop> WHERE {{ ?s ?p ?o }}", (G + "atop",), ()),
    (f"SELECT * FROM <{G}atop> FROM <{G}curated> WHERE {{ ?s ?p ?o }}", (G + "atop", G + "curated"), ()),
    (f"SELECT * FROM NAMED <{G}nca> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", (), (G + "nca",)),
    (f"ASK FROM <{G}meta> FROM NAMED <{G}atop> {{ }}", (G + "meta",), (G + "atop",)),
    (f"BASE <{G}>\nSELECT * FROM <desta> WHERE {{ ?s ?p ?o }}", (G + "desta",), ()),  # relative IRI resolved
    (f"PREFIX g: <{G}>\nSELECT * FROM g:atop FROM NAMED g:nca WHERE {{ ?s ?p ?o }}", (G + "atop",), (G + "nca",)),
    (f"SELECT * FROM <{G}\\u0061top> WHERE {{ ?s ?p ?o }}", (G + "atop",), ()),
])
def test_dataset_from_the_query(query: str, default: tuple[str, ...], named: tuple[str, ...]) -> None:
    assert checked(query).dataset == DatasetSpec(default, named)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("query", "error"), [
    ("", MalformedQuery), ("   \n ", MalformedQuery), (None, MalformedQuery),
    ("SELECT * WHERE { ?s ?p ?o", MalformedQuery), ("SELECT * WHERE { ?s ex:p ?o }", MalformedQuery),
    ("INSERT DATA { <http://a/b> <http://a/c> 1 }", ForbiddenQuery), ("CLEAR ALL", ForbiddenQuery),
    ("LOAD <http://example.org/x>", ForbiddenQuery), ("DROP ALL", ForbiddenQuery),
    ("CREATE GRAPH <http://a/g>", ForbiddenQuery), ("WITH <http://a/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                                    ForbiddenQuery),
    ("PREFIX e: <http://e/> INSERT DATA { e:a e:b e:c }", ForbiddenQuery),
    ("SELECT * WHERE { SERVICE <http://a/> { ?s ?p ?o } }", ForbiddenQuery),
    ("SELECT * WHERE { { SELECT * WHERE { MINUS { SERVICE <http://a/> { ?s ?p ?o } } } } }", ForbiddenQuery),
    ("SELECT * WHERE { ?s ?p ?o .SERVICE <http://a/> { ?s ?p ?o } }", ForbiddenQuery),
    ("select * where { ?s ?p ?o . service silent ?x { ?s ?p ?o } }", ForbiddenQuery),
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", ForbiddenQuery),
    ("SELECT * FROM <https://w3id.org/sharaka/graph/atop/../x> WHERE { ?s ?p ?o }", ForbiddenQuery),
    ("SELECT * FROM NAMED <https://w3id.org/sharaka/id/nation/PAK> WHERE { ?s ?p ?o }", ForbiddenQuery),
    ("SELECT * FROM <atop> WHERE { ?s ?p ?o }", MalformedQuery),  # relative, and no base to resolve it
    ("SELECT * WHERE { ?s ?p ?o } # a lone CR\r SERVICE", MalformedQuery),
    ("SELECT * WHERE " + "{" * 200 + "}" * 200, QueryTooDeep),  # above the ceiling, whatever the setting
    ("ASK {}" + " " * LIMIT, QueryTooLong),
])
def test_refused(query: str | None, error: type[Exception]) -> None:
    with pytest.raises(error):
        check(query, max_length=LIMIT, max_nesting=None)


# What the lexer refuses outright: readers disagree on it, or the canonical text could not write it.
@pytest.mark.parametrize(("query", "column", "words"), [
    ("ASK { \\u0053ERVICE <http://a/> { } }", 7, "backslash outside a string"),
    ("PREFIX e\\u0078: <http://a/> ASK { }", 8, "expected a prefix such as ex: after PREFIX"),
    ("ASK { ?s ?p ?o } # x\r SERVICE", 21, "carriage return"),
    ("ASK { ?s ?p '\x01' }", 14, "U+0001"),
    ("ASK { ?s ?p '\\u0001' }", 13, "control character U+0001"),
    ("ASK { ?s ?p 'open }", 13, "not closed"), ('ASK { ?s ?p """open }', 13, "not closed"),
    ("ASK { ?s ?p 'a\nb' }", 13, "not closed"), ("ASK { ?s ?p 'a\\qb' }", 15, "must start an escape"),
    ("ASK { ?s ?p '\\uD83D\\uDE00' }", 14, "does not name a character"),
    ("ASK { ?s ?p <http://a/\\u003E> }", 13, "U+003E"), ("ASK { ?s ?p <http://a/\\u0020x> }", 13, "U+0020"),
    ("ASK { ?s ?p ?o }\u00a0", 17, "U+00A0"), ("ASK { ?s ?p @en }", 13, "found the language tag"),
    ("ASK { ?s ?p $ }", 13, "'$' must start a variable"), ("ASK { _ ?p ?o }", 7, "blank node label"),
    ("ASK { ?s ?p ?o } LIMIT 1.", 25, "end of the query"),
])
def test_lexical_refusals_say_where(query: str, column: int, words: str) -> None:
    with pytest.raises(MalformedQuery) as refused:
        checked(query)
    assert words in refused.value.detail
    assert refused.value.extra == {"line": 1, "column": column}


# Issue 17 item 3: a syntax error names the token where the query stops being SPARQL, with its line and column.
@pytest.mark.parametrize(("query", "line", "column", "words"), [
    ("SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?s = )\n}", 3, 15, "expected an expression, found ')'"),
    ("SELECT * WHERE { ?s ?p ?o FILTER(?s = ) }", 1, 39, "expected an expression, found ')'"),
    ("SELECT * WHERE { ?s ?p }", 1, 24, "expected a variable, an IRI, a literal"),
    ("SELECT ?x WHERE { ?x ?p ?o } ORDER BY", 1, 38, "found the end of the query"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT x", 1, 35, "expected a whole number"),
    ("PREFIX ex: <http://e/>\nSELECT * WHERE { ?s nope:p ?o }", 2, 21, "the prefix nope: is not declared"),
    ("SELECT (COUNT(?x) ?n) WHERE { ?x ?p ?o }", 1, 19, "expected AS"),
    ("SELECT * WHERE { ?s ?p ?o OPTIONAL ?s }", 1, 36, "expected '{'"),
    ("ASK {\r\n  ?s ?p ?o . FILTER(REGEX(?o)) }\r\n", 2, 21, "REGEX takes 2 to 3 arguments, not 1"),
    ("SELECT * { VALUES (?a ?b) { (1) } }", 1, 29, "this VALUES row has 1 value for 2 variables"),
    ("ASK { ?s ?p \"é\" . FILTER(?s = ) }", 1, 31, "found ')'"),  # columns count characters
    ("SELECT * WHERE { ?s ?p ?o } LIMIT 1 OFFSET 2 LIMIT 3", 1, 46, "expected the end of the query"),
    ("SELECT * { ?s ?p ?o } GROUP BY ?s", 1, 23, "SELECT * cannot be used with GROUP BY"),
    ("SELEKT * {}", 1, 1, "expected SELECT, ASK, CONSTRUCT or DESCRIBE, found 'SELEKT'"),
    ("ASK { ?s ?p ?o ?q }", 1, 16, "expected '.', ';', ',' or '}'"),
    ("ASK { FILTER(!!true) }", 1, 15, "expected an expression, found '!'"),
])
def test_syntax_errors_say_where(query: str, line: int, column: int, words: str) -> None:
    with pytest.raises(MalformedQuery) as refused:
        checked(query)
    assert words in refused.value.detail, refused.value.detail
    assert refused.value.detail.startswith(f"syntax error at line {line}, column {column}: ")
    assert refused.value.extra == {"line": line, "column": column}


def test_an_error_the_store_finds_is_placed_in_the_users_text(memory_store: object) -> None:
    """Errors only Oxigraph finds (its scoping rules) are mapped back from the canonical text to the user's."""
    query = "SELECT ?o (COUNT(*) AS ?n)\n# comment\nWHERE {\n   ?s ?p ?o\n}"
    found = check(query, max_length=LIMIT, max_nesting=20)
    try:
        memory_store.inner.query(found.text)  # type: ignore[attr-defined]
    except SyntaxError as exc:
        located = found.locate(MalformedQuery(str(exc)))
    else:
        pytest.fail("Oxigraph accepted an ungrouped variable")
    assert isinstance(located, MalformedQuery)
    assert "The SELECT contains a variable that is unbound" in located.detail
    line, column = located.extra["line"], located.extra["column"]
    assert 1 <= line <= 5 and query.split("\n")[line - 1][column - 1] not in " \n"  # on a token the user wrote
    assert found.locate(SharakaError("no position here")).detail == "no position here"


def test_nesting_limit() -> None:
    deep = "SELECT * WHERE " + "{ " * 6 + "?s ?p ?o" + " }" * 6
    assert checked(deep, max_nesting=6).depth == 6  # type: ignore[attr-defined]
    with pytest.raises(QueryTooDeep) as refused:
        checked(deep, max_nesting=5)
    assert refused.value.extra == {"setting": "max_query_nesting", "limit": 5}
    assert "line 1, column 26" in refused.value.detail  # the bracket that went too deep


def test_near_misses_pass() -> None:
    """Beside each refusal, the allowed query that looks like it."""
    checked("SELECT * WHERE " + "{" * 10 + "?s ?p ?o" + "}" * 10)
    checked("ASK {}" + " " * (LIMIT - 6))
    checked(f"SELECT * FROM <{G}atop_2> WHERE {{ ?s ?p ?o }}")
    checked(f"BASE <{G}> SELECT * FROM <atop> WHERE {{ ?s ?p ?o }}")
    for service_as_data in ("SELECT ?service WHERE { ?service <http://example.org/service> ?o }",
                            "PREFIX e: <http://e/> SELECT * WHERE { ?s e:SERVICE ?o }",
                            "SELECT * WHERE { ?s ?p 'SERVICE <http://a/> { }' }",
                            "SELECT * WHERE { ?s ?p <http://a/SERVICE> } # SERVICE <http://a/> { }"):
        assert "SERVICE" not in checked(service_as_data).text.replace("e:SERVICE", "").replace(  # type: ignore[attr-defined]
            "'SERVICE", "").replace("/SERVICE", "").replace('"SERVICE', "")
    checked("ASK { ?s ?p '\\u00e9\\t' }")  # escapes that name characters are fine


def test_a_bad_base_is_refused_only_when_used() -> None:
    assert checked("ASK { ?s ?p ?o }", base_iri="http://a b/").kind == "ASK"  # type: ignore[attr-defined]
    with pytest.raises(BadRequest):
        checked("ASK { <s> ?p ?o }", base_iri="http://a b/")
    with pytest.raises(BadRequest):
        checked("ASK { <s> ?p ?o }", base_iri="http://x/> } SERVICE <http://evil/> {")


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
