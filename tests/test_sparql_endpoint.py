"""/sparql beyond the query operation: what it refuses on purpose (SERVICE, foreign graphs, deep nesting, size),
its service description, editor page, CORS and VoID; a remote store behind the same checks; the limits that
protect the service (slow parsing, a queue of runaway queries, unknown graphs). The query operation itself:
tests/test_sparql_protocol.py."""

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
    ATOP_AGREEMENTS,
    CONSTRUCT_3222,
    DIRECT,
    PAK,
    PARTIES_3222,
    RESULTS_JSON,
    RESULTS_XML,
    RUNAWAY,
    SERVICE_QUERIES,
    G,
    RemoteLike,
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


# -- what this endpoint refuses on purpose -----------------------------------------------------------


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
