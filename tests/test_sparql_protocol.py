"""The /sparql endpoint against the SPARQL 1.1 Protocol's query operation.

Derived from the W3C protocol test cases (https://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/):
the positive query_* cases and the bad_* negatives, written again for our graph (our graph IRIs stand
in for the tests' data1.rdf … data3.rdf), plus what this endpoint refuses on purpose."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from sharaka.queries import load_templates
from sharaka.settings import Settings
from tests.sparql_helpers import (
    ASK_3222,
    ATOP_3222,
    CONSTRUCT_3222,
    COUNT_AGREEMENTS,
    DESCRIBE_3222,
    DIRECT,
    FORM,
    HAS_PARTY,
    PAK,
    PARTIES_3222,
    RESULTS_JSON,
    RESULTS_XML,
    RUNAWAY,
    SAU,
    SK,
    G,
    assert_problem,
    boolean,
    mime,
    result_rows,
    send,
    triples,
)

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's JSON-LD
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
CURATED, ATOP = 99, 789  # agreements in those graphs
HOWS = ["get", "post_form", "post_direct"]


def count(response: Any) -> int:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return int(result_rows(response.data, mime(response))[0]["n"])


@pytest.fixture()
def app_settings(app: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Change settings of the running service for one test: `app_settings(query_timeout=1)`."""
    service_state = app.extensions["sharaka"]

    def change(**values: Any) -> None:
        monkeypatch.setattr(service_state, "settings",
                            Settings.load({**service_state.settings.values, **values}, environ={}))
    return change


# -- query_get, query_post_form, query_post_direct -----------------------------------------------------
@pytest.mark.parametrize("how", HOWS)
def test_query_operation_select(client: Any, how: str) -> None:
    response = send(client, how, PARTIES_3222)
    assert response.status_code == 200
    assert mime(response) == RESULTS_JSON
    assert [row["party"] for row in result_rows(response.data, RESULTS_JSON)] == [PAK, SAU]
    assert response.headers["Vary"] == "Accept"


@pytest.mark.parametrize("how", HOWS)
def test_query_operation_ask(client: Any, how: str) -> None:
    assert boolean(send(client, how, ASK_3222).data, RESULTS_JSON) is True
    assert boolean(send(client, how, ASK_3222.replace("PAK", "IND")).data, RESULTS_JSON) is False


# -- query_dataset_*: default-graph-uri / named-graph-uri, and FROM / FROM NAMED -------------------------
DEFAULT_GRAPH_CASES = [
    # (W3C test or our case, how, query, protocol parameters, agreements counted)
    ("query_dataset_default_graph", "get", COUNT_AGREEMENTS, [("default-graph-uri", G + "curated")], CURATED),
    ("query_dataset_default_graph_direct", "post_direct", COUNT_AGREEMENTS,
     [("default-graph-uri", G + "atop")], ATOP),
    ("query_dataset_default_graphs_get", "get", COUNT_AGREEMENTS,
     [("default-graph-uri", G + "curated"), ("default-graph-uri", G + "atop")], CURATED + ATOP),
    ("query_dataset_default_graphs_post", "post_form", COUNT_AGREEMENTS,
     [("default-graph-uri", G + "curated"), ("default-graph-uri", G + "atop")], CURATED + ATOP),
    ("a graph without agreements", "get", COUNT_AGREEMENTS, [("default-graph-uri", G + "nations")], 0),
    ("FROM in the query", "get", COUNT_AGREEMENTS.replace("WHERE", f"FROM <{G}curated> WHERE"), [], CURATED),
    ("two FROM in the query", "post_form",
     COUNT_AGREEMENTS.replace("WHERE", f"FROM <{G}curated> FROM <{G}atop> WHERE"), [], CURATED + ATOP),
    ("query_multiple_dataset: the protocol's dataset replaces FROM", "get",
     COUNT_AGREEMENTS.replace("WHERE", f"FROM <{G}nations> WHERE"), [("default-graph-uri", G + "curated")],
     CURATED),
    ("FROM NAMED only: the default graph is empty", "get",
     COUNT_AGREEMENTS.replace("WHERE", f"FROM NAMED <{G}atop> WHERE"), [], 0),
]


@pytest.mark.parametrize(("case", "how", "query", "params", "expected"), DEFAULT_GRAPH_CASES,
                         ids=[c[0] for c in DEFAULT_GRAPH_CASES])
def test_dataset_default_graph(client: Any, case: str, how: str, query: str, params: list[tuple[str, str]],
                               expected: int) -> None:
    assert count(send(client, how, query, params)) == expected


def test_default_graph_is_the_union(client: Any, memory_store: Any) -> None:
    everything = count(send(client, "get", COUNT_AGREEMENTS))
    assert everything > CURATED + ATOP
    assert everything == int(memory_store.select(COUNT_AGREEMENTS).rows[0]["n"])


BY_GRAPH = SK + "SELECT ?g (COUNT(DISTINCT ?a) AS ?n) WHERE { GRAPH ?g { ?a a sk:Agreement } } GROUP BY ?g"


@pytest.mark.parametrize(("case", "how", "query", "params", "expected"), [
    ("query_dataset_named_graphs_get", "get", BY_GRAPH,
     [("named-graph-uri", G + "atop"), ("named-graph-uri", G + "curated")], {G + "atop": ATOP, G + "curated": CURATED}),
    ("query_dataset_named_graphs_post", "post_form", BY_GRAPH,
     [("named-graph-uri", G + "curated")], {G + "curated": CURATED}),
    ("FROM NAMED in the query", "get", BY_GRAPH.replace("WHERE", f"FROM NAMED <{G}atop> WHERE"), [],
     {G + "atop": ATOP}),
    ("no dataset: every named graph", "get", BY_GRAPH, [], None),
], ids=["query_dataset_named_graphs_get", "query_dataset_named_graphs_post", "from_named", "all_named"])
def test_dataset_named_graphs(client: Any, case: str, how: str, query: str, params: list[tuple[str, str]],
                              expected: dict[str, int] | None) -> None:
    response = send(client, how, query, params)
    found = {row["g"]: int(row["n"]) for row in result_rows(response.data, mime(response))}
    if expected is None:
        assert found[G + "atop"] == ATOP and found[G + "curated"] == CURATED and len(found) >= 5
    else:
        assert found == expected


def test_query_dataset_full(client: Any) -> None:
    """Default graph and named graphs both given: each part of the query sees its own."""
    query = SK + """SELECT ?inDefault ?inNamed WHERE {
      { SELECT (COUNT(DISTINCT ?a) AS ?inDefault) WHERE { ?a a sk:Agreement } }
      { SELECT (COUNT(DISTINCT ?b) AS ?inNamed) WHERE { GRAPH ?g { ?b a sk:Agreement } } } }"""
    response = send(client, "get", query, [("default-graph-uri", G + "curated"), ("named-graph-uri", G + "atop")])
    row = result_rows(response.data, RESULTS_JSON)[0]
    assert (int(row["inDefault"]), int(row["inNamed"])) == (CURATED, ATOP)


def test_named_graphs_only_leave_the_default_graph_empty(client: Any) -> None:
    response = send(client, "get", "ASK { ?s ?p ?o }", [("named-graph-uri", G + "atop")])
    assert boolean(response.data, RESULTS_JSON) is False


# -- content negotiation ----------------------------------------------------------------------------------
SELECT_FORMATS = [
    # (Accept, response media type)
    (RESULTS_JSON, RESULTS_JSON), (RESULTS_XML, RESULTS_XML), ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"), ("application/json", "application/json"),
    ("*/*", RESULTS_JSON), (None, RESULTS_JSON), ("text/csv;q=0.5, application/sparql-results+xml", RESULTS_XML),
    (f"{RESULTS_JSON};q=0, */*;q=0.1", RESULTS_XML),  # q=0 refuses JSON even though */* would allow it
    ("application/xml", "application/xml"), ("text/*", "text/csv"),
]


@pytest.mark.parametrize(("accept", "media_type"), SELECT_FORMATS)
def test_content_type_select(client: Any, accept: str | None, media_type: str) -> None:
    response = send(client, "get", PARTIES_3222, accept=accept)
    assert response.status_code == 200
    assert mime(response) == media_type
    assert sorted(row["party"] for row in result_rows(response.data, media_type)) == [PAK, SAU]


@pytest.mark.parametrize(("accept", "media_type"), [(RESULTS_JSON, RESULTS_JSON), (RESULTS_XML, RESULTS_XML),
                                                    ("application/json", "application/json")])
def test_content_type_ask(client: Any, accept: str, media_type: str) -> None:
    response = send(client, "post_form", ASK_3222, accept=accept)
    assert mime(response) == media_type
    assert boolean(response.data, media_type) is True


GRAPH_FORMATS = [("text/turtle", "text/turtle"), ("application/n-triples", "application/n-triples"),
                 ("application/ld+json", "application/ld+json"), ("application/rdf+xml", "application/rdf+xml"),
                 ("*/*", "text/turtle"), ("application/json", "application/json"),
                 ("text/plain", "text/plain")]


@pytest.mark.parametrize(("accept", "media_type"), GRAPH_FORMATS)
@pytest.mark.parametrize("query", [CONSTRUCT_3222, DESCRIBE_3222], ids=["construct", "describe"])
def test_content_type_graph(client: Any, query: str, accept: str, media_type: str) -> None:
    response = send(client, "get", query, accept=accept)
    assert response.status_code == 200
    assert mime(response) == media_type
    found = triples(response.data, "application/n-triples" if media_type == "text/plain" else media_type)
    assert {(ATOP_3222, HAS_PARTY, PAK), (ATOP_3222, HAS_PARTY, SAU)} <= found
    if query == CONSTRUCT_3222:
        assert len(found) == 2


@pytest.mark.parametrize(("query", "accept"), [
    (PARTIES_3222, "text/turtle"), (PARTIES_3222, "image/png"), (ASK_3222, "application/rdf+xml"),
    (CONSTRUCT_3222, RESULTS_JSON), (CONSTRUCT_3222, "text/csv"), (DESCRIBE_3222, RESULTS_XML),
])
def test_not_acceptable(client: Any, query: str, accept: str) -> None:
    assert_problem(send(client, "get", query, accept=accept), 406, "not_acceptable")


@pytest.mark.parametrize(("query", "format_name", "media_type"), [
    (PARTIES_3222, "csv", "text/csv"), (PARTIES_3222, "tsv", "text/tab-separated-values"),
    (PARTIES_3222, "xml", RESULTS_XML), (CONSTRUCT_3222, "turtle", "text/turtle"),
    (CONSTRUCT_3222, "jsonld", "application/ld+json"), (CONSTRUCT_3222, "json", "application/ld+json"),
    (CONSTRUCT_3222, "n3", "text/turtle"),  # what SPARQLWrapper sends for N3
])
def test_format_parameter_overrides_accept(client: Any, query: str, format_name: str, media_type: str) -> None:
    response = send(client, "get", query, [("format", format_name)], accept=RESULTS_JSON)
    assert response.status_code == 200
    assert mime(response) == media_type
    assert response.headers["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize(("query", "format_name", "status", "code"), [
    (PARTIES_3222, "turtle", 406, "not_acceptable"), (CONSTRUCT_3222, "csv", 406, "not_acceptable"),
    (PARTIES_3222, "excel", 400, "bad_request"),
])
def test_format_parameter_refusals(client: Any, query: str, format_name: str, status: int, code: str) -> None:
    assert_problem(send(client, "get", query, [("format", format_name)]), status, code)


# -- a result is whole or refused: no row cap at /sparql, a byte limit that fails loudly -------------------
ATOP_AGREEMENTS = SK + f"SELECT ?a WHERE {{ GRAPH <{G}atop> {{ ?a a sk:Agreement }} }}"
ATOP_GRAPH = SK + f"CONSTRUCT {{ ?a a sk:Agreement }} WHERE {{ GRAPH <{G}atop> {{ ?a a sk:Agreement }} }}"


@pytest.mark.parametrize(("query", "accept"), [
    (ATOP_AGREEMENTS, "text/csv"), (ATOP_AGREEMENTS, RESULTS_JSON), (ATOP_GRAPH, "application/n-triples"),
])
def test_no_row_cap_at_the_endpoint(client: Any, app_settings: Any, query: str, accept: str) -> None:
    """max_results caps the chat's and the API's answers, not /sparql: every row comes, and nothing says "cut"."""
    app_settings(max_results=3)
    response = send(client, "get", query, accept=accept)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    body = response.data
    assert len(triples(body, accept) if "triples" in accept else result_rows(body, accept)) == ATOP
    assert not any(name.startswith("X-Sharaka") for name, _ in response.headers)


@pytest.mark.parametrize(("query", "accept"), [
    (ATOP_AGREEMENTS, "text/csv"), (ATOP_AGREEMENTS, RESULTS_JSON), (ATOP_AGREEMENTS, RESULTS_XML),
    (ATOP_GRAPH, "application/n-triples"), (ATOP_GRAPH, "text/turtle"),
])
def test_a_result_over_the_byte_limit_is_refused_whole(client: Any, app_settings: Any, query: str,
                                                       accept: str) -> None:
    whole = send(client, "get", query, accept=accept)
    assert whole.status_code == 200
    size = len(whole.data)
    app_settings(max_result_bytes=size - 1)  # one byte short: refused, never cut
    problem = assert_problem(send(client, "get", query, accept=accept), 413, "result_too_large")
    assert (problem["setting"], problem["limit"]) == ("max_result_bytes", size - 1)
    app_settings(max_result_bytes=size)  # exactly enough: the same bytes
    assert send(client, "get", query, accept=accept).data == whole.data


# -- the bad_* negatives -------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_bad_query_method(client: Any, method: str) -> None:
    response = client.open("/sparql?" + urlencode({"query": "ASK {}"}), method=method)
    assert_problem(response, 405, "method_not_allowed")
    assert {"GET", "POST"} <= {m.strip() for m in response.headers["Allow"].split(",")}


@pytest.mark.parametrize(("how", "query", "params"), [
    ("get", "ASK {}", [("query", "SELECT * {}")]),  # bad_multiple_queries
    ("post_form", "ASK {}", [("query", "ASK {}")]),
    ("post_direct", "ASK {}", [("query", "ASK {}")]),  # one in the body, one in the URL
])
def test_bad_multiple_queries(client: Any, how: str, query: str, params: list[tuple[str, str]]) -> None:
    assert_problem(send(client, how, query, params), 400, "bad_request")


@pytest.mark.parametrize(("case", "content_type", "body"), [
    ("bad_query_wrong_media_type", "text/plain", b"ASK {}"),
    ("bad_query_missing_form_type", None, b"query=ASK%20%7B%7D"),
    ("bad_query_missing_direct_type", None, b"ASK {}"),
    ("bad_query_non_utf8", "application/sparql-query; charset=UTF-16", "ASK {}".encode("utf-16")),
    ("form in another charset", "application/x-www-form-urlencoded; charset=ISO-8859-1", b"query=ASK%20%7B%7D"),
    ("JSON body", "application/json", b'{"query": "ASK {}"}'),
])
def test_bad_post_media_types(client: Any, case: str, content_type: str | None, body: bytes) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/sparql", data=body, headers=headers)
    assert_problem(response, 415, "unsupported_media_type")


@pytest.mark.parametrize(("case", "send_request"), [
    ("direct body in Latin-1", lambda c: c.post("/sparql", data='ASK { ?s ?p "é" }'.encode("latin-1"),
                                                 content_type=DIRECT)),
    ("percent-encoded Latin-1 in the URL", lambda c: c.get("/sparql?query=ASK%20%7B%3Fs%20%3Fp%20%22%E9%22%7D")),
    ("percent-encoded Latin-1 in a form", lambda c: c.post("/sparql", data="query=ASK%20%7B%22%E9%22%7D",
                                                           content_type=FORM)),
])
def test_bad_query_non_utf8(client: Any, case: str, send_request: Any) -> None:
    assert_problem(send_request(client), 400, "malformed_query")


@pytest.mark.parametrize(("how", "query"), [("get", "ASK {"), ("post_form", "SELECT ?x WHERE { ?x }"),
                                             ("post_direct", "SELEKT * {}"), ("get", "SELECT * { ?s ?p ?o } LIMIT x"),
                                             ("get", "SELECT * { ?s nope:p ?o }")])
def test_bad_query_syntax(client: Any, how: str, query: str) -> None:
    problem = assert_problem(send(client, how, query), 400, "malformed_query")
    assert "syntax" in problem["detail"]


@pytest.mark.parametrize("how", HOWS)
def test_a_syntax_error_says_where(client: Any, how: str) -> None:
    """Issue 17 item 3: the line and column of the fault itself, in the detail and as problem members."""
    problem = assert_problem(send(client, how, SK + "SELECT * WHERE {\n  ?s ?p ?o .\n  FILTER(?s = )\n}"),
                             400, "malformed_query")
    assert (problem["line"], problem["column"]) == (4, 15)
    assert problem["detail"] == "syntax error at line 4, column 15: expected an expression, found ')'"


def test_an_error_only_the_store_finds_says_where_too(client: Any) -> None:
    """Oxigraph's scoping rules are checked by Oxigraph, on the canonical text; the position comes back mapped to
    the user's text (here the query's last line: Oxigraph reports where it gave up)."""
    problem = assert_problem(send(client, "post_direct", "SELECT ?o (COUNT(*) AS ?n)\nWHERE {\n ?s ?p ?o\n}"),
                             400, "malformed_query")
    assert "The SELECT contains a variable that is unbound" in problem["detail"]
    assert 1 <= problem["line"] <= 4 and problem["column"] >= 1


@pytest.mark.parametrize("how", HOWS)
def test_query_content_type_construct_relative_iris(client: Any, how: str) -> None:
    """W3C protocol test query_content_type_construct (the 21st): relative IRIs resolve against the endpoint's URL,
    as Jena does."""
    response = send(client, how, "CONSTRUCT { <s> <p> 1 } WHERE {}", [("default-graph-uri", G + "curated")],
                    accept="text/turtle")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert mime(response) == "text/turtle"
    integer = '"1"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert {(s, p, o if o != "1" else integer) for s, p, o in triples(response.data, "text/turtle")} == {
        ("http://localhost/s", "http://localhost/p", integer)}
    in_base = send(client, how, "BASE <http://example.org/b/> ASK { FILTER(<s> = <http://example.org/b/s>) }")
    assert boolean(in_base.data, RESULTS_JSON) is True  # the query's own BASE comes first


UPDATES = ["INSERT DATA { <http://a/s> <http://a/p> <http://a/o> }", "DELETE WHERE { ?s ?p ?o }",
           "LOAD <http://example.org/data.ttl>", "CLEAR ALL", "DROP GRAPH <https://w3id.org/sharaka/graph/atop>",
           "CREATE GRAPH <http://a/g>", "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }"]


@pytest.mark.parametrize("update", UPDATES)
def test_update_via_query_is_refused(client: Any, update: str) -> None:
    problem = assert_problem(send(client, "post_form", update), 400, "forbidden_query")
    assert "Update" in problem["detail"]


@pytest.mark.parametrize("send_update", [
    lambda c: c.get("/sparql?" + urlencode({"update": "CLEAR ALL"})),  # bad_update_get
    lambda c: c.post("/sparql", data=urlencode({"update": "CLEAR ALL"}), content_type=FORM),
    lambda c: c.post("/sparql", data=b"CLEAR ALL", content_type="application/sparql-update"),
    lambda c: c.get("/sparql?" + urlencode({"query": "ASK {}", "update": "CLEAR ALL"})),
], ids=["bad_update_get", "update_form", "update_direct", "query_and_update"])
def test_update_operation_is_refused(client: Any, send_update: Any) -> None:
    assert_problem(send_update(client), 400, "forbidden_query")


@pytest.mark.parametrize(("case", "send_request", "code"), [
    ("form without a query", lambda c: c.post("/sparql", data="default-graph-uri=x", content_type=FORM),
     "bad_request"),
    ("empty direct body", lambda c: c.post("/sparql", data=b"", content_type=DIRECT), "malformed_query"),
    ("GET with a dataset but no query",
     lambda c: c.get("/sparql?" + urlencode({"default-graph-uri": G + "atop"}), headers={"Accept": RESULTS_JSON}),
     "bad_request"),
    ("GET without a query asking for results", lambda c: c.get("/sparql", headers={"Accept": RESULTS_JSON}),
     "bad_request"),
    ("empty query", lambda c: c.get("/sparql?query=%20%0A"), "malformed_query"),
])
def test_missing_query(client: Any, case: str, send_request: Any, code: str) -> None:
    assert_problem(send_request(client), 400, code)


# -- what this endpoint refuses on purpose -----------------------------------------------------------
SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://example.org/sparql> { ?s ?p ?o } }",
    "select * where { ?x ?y ?z . service<http://example.org/sparql>{ ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://example.org/> { ?s ?p ?o } } }",
    "SELECT * WHERE { OPTIONAL { { SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } } } } }",
    "PREFIX ex: <http://example.org/>\nASK { SERVICE ex:sparql { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    # rdflib ends a comment at LF only, Oxigraph also at CR: this one hid SERVICE from the parser check
    "SELECT * WHERE { ?s ?p ?o # note\r SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } \n }",
]


@pytest.mark.parametrize("query", SERVICE_QUERIES)
def test_service_is_refused(client: Any, query: str) -> None:
    response = send(client, "post_form", query)
    assert response.status_code == 400
    assert response.get_json()["code"] in ("forbidden_query", "malformed_query")


@pytest.mark.parametrize("query", [
    "SELECT ?s WHERE { ?s <http://example.org/service> ?o } LIMIT 1",  # the word, not the keyword
    "SELECT ?service WHERE { BIND(\"customer service\" AS ?service) }",
])
def test_service_as_a_word_is_fine(client: Any, query: str) -> None:
    assert send(client, "get", query).status_code == 200


@pytest.mark.parametrize(("query", "params"), [
    ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }", []),
    ("SELECT * FROM NAMED <http://example.org/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }", []),
    ("SELECT * FROM <https://w3id.org/sharaka/graph/../../etc> WHERE { ?s ?p ?o }", []),
    ("SELECT * WHERE { ?s ?p ?o }", [("default-graph-uri", "file:///etc/passwd")]),
    ("SELECT * WHERE { ?s ?p ?o }", [("named-graph-uri", "http://example.org/data.ttl")]),
])
def test_foreign_graphs_are_refused(client: Any, query: str, params: list[tuple[str, str]]) -> None:
    problem = assert_problem(send(client, "get", query, params), 400, "forbidden_query")
    assert "not a graph of this store" in problem["detail"]


@pytest.mark.parametrize("query", [
    "SELECT * WHERE " + "{ " * 40 + "?s ?p ?o" + " }" * 40,
    "SELECT * WHERE { FILTER(" + "(" * 40 + "1" + ")" * 40 + ") }",
])
def test_deep_nesting_is_a_bad_request(client: Any, query: str) -> None:
    problem = assert_problem(send(client, "post_form", query), 400, "query_too_deep")
    assert "deep" in problem["detail"] and problem["setting"] == "max_query_nesting"


def test_query_too_long(client: Any, settings: Settings) -> None:
    query = "ASK {}" + " " * settings.max_query_length
    assert_problem(send(client, "post_direct", query), 400, "query_too_long")


def test_body_too_large(client: Any) -> None:
    response = client.post("/sparql", data=b"#" * (1 << 21), content_type=DIRECT)
    assert_problem(response, 413, "payload_too_large")


def test_runaway_query_times_out(client: Any, app_settings: Any) -> None:
    app_settings(query_timeout=1)
    started = time.perf_counter()
    response = send(client, "post_form", RUNAWAY)
    elapsed = time.perf_counter() - started
    assert_problem(response, 503, "query_timeout")
    assert response.headers["Retry-After"]
    assert elapsed < 5
    # the killed worker was replaced: the endpoint still answers
    assert boolean(send(client, "get", ASK_3222).data, RESULTS_JSON) is True


# -- service description, editor page, CORS -------------------------------------------------------------
@pytest.mark.parametrize(("accept", "rdflib_format", "media_type"), [
    ("text/turtle", "turtle", "text/turtle"), (None, "turtle", "text/turtle"),
    ("application/ld+json", "json-ld", "application/ld+json"), ("application/rdf+xml", "xml", "application/rdf+xml"),
])
def test_service_description(client: Any, accept: str | None, rdflib_format: str, media_type: str) -> None:
    response = client.get("/sparql", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200
    assert mime(response) == media_type
    graph = Graph().parse(data=response.data, format=rdflib_format)
    endpoint = URIRef("http://localhost/sparql")
    assert (endpoint, RDF.type, SD.Service) in graph
    assert (endpoint, SD.endpoint, endpoint) in graph
    assert (endpoint, SD.supportedLanguage, SD.SPARQL11Query) in graph
    formats = set(graph.objects(endpoint, SD.resultFormat))
    assert URIRef("http://www.w3.org/ns/formats/SPARQL_Results_JSON") in formats
    assert URIRef("http://www.w3.org/ns/formats/Turtle") in formats
    assert len(formats) == 8
    names = {str(n) for n in graph.objects(None, SD.name)}
    assert {G + "atop", G + "curated", G + "meta", G + "nations"} <= names
    assert len(list(graph.objects(None, SD.defaultGraph))) == 1


def test_editor_page(client: Any) -> None:
    response = client.get("/sparql", headers={"Accept": BROWSER})
    assert response.status_code == 200
    assert mime(response) == "text/html"
    page = response.get_data(as_text=True)
    assert '<textarea id="query" name="query"' in page
    assert page.count('class="example"') == len(load_templates())
    assert urlencode({"q": PAK})[2:] in page  # partners' first example (a permalink) binds Pakistan, as the chat does
    assert 'src="/static/vendor/yasgui/yasgui.min.js"' in page and 'src="/static/js/sparql-yasgui.js"' in page
    assert "<script>" not in page and "onclick" not in page  # the CSP forbids inline code
    for format_name in ("json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "rdfxml"):
        assert f'data-format="{format_name}"' in page
    plain = client.get("/sparql?plain=1", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert 'src="/static/js/sparql-editor.js"' in plain and "yasgui" not in plain  # no editor library
    assert '<textarea id="query" name="query"' in plain


def test_editor_opens_a_query_without_running_it(client: Any) -> None:
    query = 'SELECT ?x WHERE { ?x ?p "</textarea><script>alert(1)</script>" }'
    response = client.get("/sparql?" + urlencode({"query": query}), headers={"Accept": BROWSER})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and mime(response) == "text/html"
    assert "&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert 'data-run="false"' in page
    assert 'name="format" value="csv"' in page  # the download form (its script puts in the query)
    plain = client.get("/sparql?" + urlencode({"query": query, "plain": "1"}), headers={"Accept": BROWSER})
    assert "format=csv" in plain.get_data(as_text=True)  # the plain page's download links carry the query
    ran = client.get("/sparql?" + urlencode({"query": query, "run": "1"}), headers={"Accept": BROWSER})
    assert 'data-run="true"' in ran.get_data(as_text=True)


def test_cors_on_the_endpoint(client: Any) -> None:
    response = send(client, "get", ASK_3222)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/sparql", headers={"Origin": "https://example.org",
                                                   "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]


# -- /.well-known/void -----------------------------------------------------------------------------------
VOID = Namespace("http://rdfs.org/ns/void#")


@pytest.mark.parametrize(("accept", "rdflib_format", "media_type"), [
    (None, "turtle", "text/turtle"), ("application/n-triples", "nt", "application/n-triples"),
    ("application/ld+json", "json-ld", "application/ld+json"), ("application/rdf+xml", "xml", "application/rdf+xml"),
])
def test_void_description(client: Any, accept: str | None, rdflib_format: str, media_type: str) -> None:
    response = client.get("/.well-known/void", headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and mime(response) == media_type
    assert response.headers["Vary"] == "Accept"
    graph = Graph().parse(data=response.data, format=rdflib_format)
    whole = URIRef("https://w3id.org/sharaka/id/dataset/sharaka")
    assert (whole, VOID.sparqlEndpoint, URIRef("http://localhost/sparql")) in graph
    assert (whole, VOID.subset, URIRef("https://w3id.org/sharaka/id/dataset/atop")) in graph
    assert len(graph) > 100


def test_void_for_a_browser(client: Any) -> None:
    response = client.get("/.well-known/void", headers={"Accept": BROWSER})
    assert mime(response) == "text/html"
    assert "void:sparqlEndpoint" in response.get_data(as_text=True)
    assert_problem(client.get("/.well-known/void", headers={"Accept": "image/png"}), 406, "not_acceptable")



# -- a remote store: the same checks, no worker pool, the store's bytes passed on within the byte limit ------
class RemoteLike:
    """Stands in for a remote store: answers `send_query` like RemoteStore (the negotiated format, refused over
    `max_bytes`), from the embedded store."""

    kind = "remote"

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.asked: list[tuple[str, str, int | None]] = []

    def send_query(self, query: str, media_type: str, dataset: Any = None, max_bytes: int | None = None) -> bytes:
        from sharaka.errors import ResultTooLarge
        from sharaka.sparql.execution import run_here

        self.asked.append((query, media_type, max_bytes))
        body = run_here(self.inner, query, "", media_type, dataset).body
        if max_bytes is not None and len(body) > max_bytes:
            raise ResultTooLarge.beyond(max_bytes)
        return body

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@pytest.fixture()
def remote(settings: Settings, memory_store: Any) -> tuple[Any, RemoteLike]:
    from sharaka.service.app import create_app

    store = RemoteLike(memory_store)
    small = Settings.load({**settings.values, "max_results": 1, "max_result_bytes": 5000}, environ={})
    return create_app(small, store=store).test_client(), store


@pytest.mark.parametrize(("query", "accept", "found"), [
    (PARTIES_3222, "text/csv", 2), (PARTIES_3222, RESULTS_XML, 2), (CONSTRUCT_3222, "text/turtle", 2),
    (ASK_3222, RESULTS_JSON, None),
])
def test_remote_store_results_are_whole(remote: Any, query: str, accept: str, found: int | None) -> None:
    client, store = remote
    response = send(client, "get", query, accept=accept)
    assert response.status_code == 200 and mime(response) == accept
    _, media_type, max_bytes = store.asked[-1]  # the store is asked for the negotiated format, within the limit
    assert media_type == accept and max_bytes == 5000
    if found is None:
        assert boolean(response.data, accept) is True
    else:
        rows = triples(response.data, accept) if accept == "text/turtle" else result_rows(response.data, accept)
        assert len(rows) == found  # both parties of ATOP 3222 (Pakistan and Saudi Arabia), max_results=1 or not


def test_remote_store_results_over_the_byte_limit_are_refused(remote: Any) -> None:
    client, _ = remote
    problem = assert_problem(send(client, "get", ATOP_AGREEMENTS, accept="text/csv"), 413, "result_too_large")
    assert (problem["setting"], problem["limit"]) == ("max_result_bytes", 5000)


def test_remote_store_gets_only_checked_queries(remote: Any) -> None:
    client, store = remote
    assert_problem(send(client, "get", SERVICE_QUERIES[0]), 400, "forbidden_query")
    assert_problem(send(client, "get", "SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }"), 400, "forbidden_query")
    assert store.asked == []


def test_every_editor_example_runs(app: Any, client: Any) -> None:
    """The examples the editor offers pass the safety checks and answer within the timeout."""
    from sharaka.service.views.sparql_editor import examples

    with app.test_request_context():
        offered = examples()
    assert len(offered) == len(load_templates())
    for example in offered:
        response = send(client, "post_form", example.query)
        assert response.status_code == 200, (example.id, response.get_data(as_text=True)[:300])


# -- limits that protect the service: slow parsing, a queue of runaway queries, unknown graphs ---------
def test_a_query_slow_to_parse_is_stopped_by_the_timeout(client: Any, app_settings: Any) -> None:
    # ~19,000 characters of legal SPARQL: our reading of it takes tens of ms, Oxigraph's parser seconds (it is
    # superlinear in the length of a sum). Both happen in the killable worker, under the timeout.
    slow = "ASK { FILTER(" + "+".join(["1"] * 9000) + ") }"
    app_settings(query_timeout=1, max_query_length=len(slow) + 1)
    started = time.perf_counter()
    response = send(client, "post_direct", slow)
    assert_problem(response, 503, "query_timeout")
    assert time.perf_counter() - started < 5
    assert boolean(send(client, "get", ASK_3222).data, RESULTS_JSON) is True


def test_waiting_for_a_worker_is_bounded_too(client: Any, app_settings: Any, app: Any) -> None:
    import concurrent.futures

    app_settings(query_timeout=1)
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(app.test_client().post, "/sparql", data=RUNAWAY, content_type=DIRECT)
                   for _ in range(8)]
        statuses = [f.result().status_code for f in futures]
    # two workers × two places: the rest are turned away after waiting one timeout, not queued for ever
    assert set(statuses) == {503}
    assert time.perf_counter() - started < 12
    assert boolean(send(client, "get", ASK_3222).data, RESULTS_JSON) is True


@pytest.mark.parametrize("how", ["from", "protocol"])
def test_unknown_graph_under_our_base_is_refused(client: Any, how: str) -> None:
    nope = "https://w3id.org/sharaka/graph/nope"
    if how == "from":
        response = send(client, "get", f"SELECT * FROM <{nope}> WHERE {{ ?s ?p ?o }} LIMIT 1")
    else:
        response = client.get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
                                                       "default-graph-uri": nope})
    assert_problem(response, 400, "forbidden_query")
