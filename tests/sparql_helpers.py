"""Shared by the SPARQL tests: the queries they ask, how they send them, how they read the answers."""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox

SK = "PREFIX sk: <https://w3id.org/sharaka/ontology#>\n"
ID = "https://w3id.org/sharaka/id/"
G = "https://w3id.org/sharaka/graph/"
PAK, SAU = ID + "nation/PAK", ID + "nation/SAU"
ATOP_3222 = ID + "agreement/atop-3222"
HAS_PARTY = "https://w3id.org/sharaka/ontology#hasParty"

PARTIES_3222 = SK + f"SELECT ?party WHERE {{ <{ATOP_3222}> sk:hasParty ?party }} ORDER BY ?party"
ASK_3222 = SK + f"ASK {{ <{ATOP_3222}> sk:hasParty <{PAK}> }}"
CONSTRUCT_3222 = SK + f"CONSTRUCT {{ <{ATOP_3222}> sk:hasParty ?p }} WHERE {{ <{ATOP_3222}> sk:hasParty ?p }}"
DESCRIBE_3222 = f"DESCRIBE <{ATOP_3222}>"
COUNT_AGREEMENTS = SK + "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a sk:Agreement }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

RESULTS_JSON = "application/sparql-results+json"
RESULTS_XML = "application/sparql-results+xml"
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
PROBLEM = "application/problem+json"


def send(client: Any, how: str, query: str, params: list[tuple[str, str]] | None = None,
         accept: str | None = RESULTS_JSON) -> Any:
    """One query the three ways the protocol allows: get, post_form, post_direct."""
    params = params or []
    headers = {"Accept": accept} if accept else {}
    if how == "get":
        return client.get("/sparql?" + urlencode([("query", query), *params]), headers=headers)
    if how == "post_form":
        return client.post("/sparql", data=urlencode([("query", query), *params]), content_type=FORM,
                           headers=headers)
    if how == "post_direct":
        suffix = "?" + urlencode(params) if params else ""
        return client.post("/sparql" + suffix, data=query.encode(), content_type=DIRECT, headers=headers)
    raise ValueError(how)


def mime(response: Any) -> str:
    return str(response.headers.get("Content-Type", "")).split(";")[0].strip()


def result_rows(body: bytes, media_type: str) -> list[dict[str, str]]:
    """SELECT results as plain {variable: value} rows, read by a parser other than the one that wrote them
    where one exists (csv module, json module); Oxigraph's for XML and TSV."""
    if media_type == "text/csv":
        return list(csv.DictReader(io.StringIO(body.decode())))
    if media_type in (RESULTS_JSON, "application/json"):
        data = json.loads(body)
        return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.from_media_type(media_type))
    assert isinstance(parsed, ox.QuerySolutions)
    names = [v.value for v in parsed.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in parsed]


def boolean(body: bytes, media_type: str) -> bool:
    if media_type in (RESULTS_JSON, "application/json"):
        return bool(json.loads(body)["boolean"])
    return bool(ox.parse_query_results(body, format=ox.QueryResultsFormat.from_media_type(media_type)))


def triples(body: bytes, media_type: str) -> set[tuple[str, str, str]]:
    fmt = ox.RdfFormat.from_media_type("application/ld+json" if media_type == "application/json" else media_type)
    return {(q.subject.value, q.predicate.value, q.object.value) for q in ox.parse(body, format=fmt)}


def assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert mime(response) == PROBLEM
    problem = response.get_json(force=True)
    assert problem["status"] == status
    assert problem["code"] == code
    assert problem["type"].endswith("/" + code)
    assert problem["detail"]
    # (a 405 is decided by routing, before any view: it does not depend on Accept)
    if status != 405 and response.request.path.startswith(("/sparql", "/id/", "/graph/", "/ontology",
                                                            "/.well-known/")):
        assert response.headers["Vary"] == "Accept"
    return problem


class Unchecked:
    """What the guard would return for a query it let through unread: for the sealing tests, which must run what a
    future parser gap might let pass (a SERVICE call) in a real worker."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.kind = "SELECT"
        self.expensive = ""
        from sharaka.store import DatasetSpec

        self.dataset = DatasetSpec()


def unchecked(query: Any, graphs: Any, judge_cost: bool) -> Unchecked:
    """A worker's `check` that checks nothing (tests only: the production workers always ask the guard)."""
    return Unchecked(query.text)


def count(response: Any) -> int:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return int(result_rows(response.data, mime(response))[0]["n"])


ATOP_AGREEMENTS = SK + f"SELECT ?a WHERE {{ GRAPH <{G}atop> {{ ?a a sk:Agreement }} }}"
# SERVICE in the forms a read-only check must see through.
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


def settings_changer(app: Any, monkeypatch: Any) -> Any:
    """A function that changes settings of a running app for one test: `change(query_timeout=1)`."""
    from sharaka.settings import Settings

    service_state = app.extensions["sharaka"]

    def change(**values: Any) -> None:
        monkeypatch.setattr(service_state, "settings",
                            Settings.load({**service_state.settings.values, **values}, environ={}))
    return change
