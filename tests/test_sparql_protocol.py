"""The /sparql endpoint against the SPARQL 1.1 Protocol's query operation.

Derived from the W3C protocol test cases (https://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/):
the positive query_* cases and the bad_* negatives, written again for our graph (our graph IRIs stand
in for the tests' data1.rdf … data3.rdf), plus what this endpoint refuses on purpose."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest
from rdflib import Namespace

from tests.sparql_helpers import (
    ASK_3222,
    ATOP_3222,
    ATOP_AGREEMENTS,
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
    SAU,
    SK,
    G,
    assert_problem,
    boolean,
    count,
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
