"""Read-only, and nothing ever goes out: every update form refused every way, no FROM or graph parameter that
fetches or reads files, no outbound connection from the embedded or a remote store (a listener on 127.0.0.1
counts them)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.sparql_helpers import (
    RemoteLike,
    assert_problem,
    send,
)

HOWS = ["get", "post_form", "post_direct"]


# -- read-only: no update, no SERVICE, no FROM that fetches or reads files; nothing ever goes out -------------
UPDATES = ["INSERT DATA { <http://a/s> <http://a/p> <http://a/o> }", "DELETE WHERE { ?s ?p ?o }",
           "DELETE DATA { <http://a/s> <http://a/p> <http://a/o> }", "LOAD <http://example.org/data.ttl>",
           "LOAD SILENT <file:///etc/passwd> INTO GRAPH <http://a/g>", "CLEAR ALL", "CLEAR DEFAULT",
           "DROP GRAPH <https://w3id.org/sharaka/graph/atop>", "DROP ALL", "CREATE GRAPH <http://a/g>",
           "ADD DEFAULT TO <http://a/g>", "COPY DEFAULT TO <http://a/g>", "MOVE DEFAULT TO <http://a/g>",
           "WITH <http://a/g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }"]


@pytest.mark.parametrize("update", UPDATES)
@pytest.mark.parametrize("how", HOWS)
def test_updates_are_refused_every_way(client: Any, how: str, update: str) -> None:
    problem = assert_problem(send(client, how, update), 400, "forbidden_query")
    assert "Update" in problem["detail"]


FOREIGN = ["file:///etc/passwd", "http://example.org/data.ttl", "https://w3id.org/sharaka/graph/../../etc/passwd",
           "file:///proc/self/environ"]
FOREIGN_DATASETS = [
    *[(f"SELECT * FROM <{iri}> WHERE {{ ?s ?p ?o }}", []) for iri in FOREIGN],
    *[(f"SELECT * FROM NAMED <{iri}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", []) for iri in FOREIGN],
    *[("SELECT * WHERE { ?s ?p ?o } LIMIT 1", [("default-graph-uri", iri)]) for iri in FOREIGN],
    *[("SELECT * WHERE { ?s ?p ?o } LIMIT 1", [("named-graph-uri", iri)]) for iri in FOREIGN],
]


@pytest.mark.parametrize(("query", "params"), FOREIGN_DATASETS)
@pytest.mark.parametrize("how", HOWS)
def test_foreign_graphs_are_refused_every_way(client: Any, how: str, query: str,
                                               params: list[tuple[str, str]]) -> None:
    problem = assert_problem(send(client, how, query, params), 400, "forbidden_query")
    assert "not a graph of this store" in problem["detail"]


def outbound_attempts(port: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every way a query could make the service open a connection to 127.0.0.1:port."""
    here = f"http://127.0.0.1:{port}"
    return [
        (f"SELECT * WHERE {{ SERVICE <{here}/sparql> {{ ?s ?p ?o }} }}", []),
        (f"SELECT * WHERE {{ SERVICE SILENT <{here}/sparql> {{ ?s ?p ?o }} }}", []),
        (f"SELECT * WHERE {{ \\u0053ERVICE <{here}/sparql> {{ ?s ?p ?o }} }}", []),
        (f"SELECT * WHERE {{ ?s ?p ?o # x\r SERVICE <{here}/> {{ ?s ?p ?o }} \n }}", []),
        (f"PREFIX x: <{here}/>\nASK {{ SERVICE x:sparql {{ ?s ?p ?o }} }}", []),
        (f"SELECT * FROM <{here}/data.ttl> WHERE {{ ?s ?p ?o }}", []),
        (f"SELECT * FROM NAMED <{here}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", []),
        (f"LOAD <{here}/data.ttl>", []),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", [("default-graph-uri", f"{here}/data.ttl")]),
        ("SELECT * WHERE { ?s ?p ?o } LIMIT 1", [("named-graph-uri", f"{here}/data.ttl")]),
        (f"DESCRIBE <{here}/thing>", []),  # describing an IRI is not dereferencing it: answered, from our graph
    ]


@pytest.mark.parametrize("store", ["embedded", "remote"])
def test_no_outbound_request_is_ever_attempted(client: Any, remote_like: tuple[Any, RemoteLike], listener: Any,
                                               store: str) -> None:
    import socket

    user = client if store == "embedded" else remote_like[0].test_client()
    for query, params in outbound_attempts(listener.port):
        for how in HOWS:
            response = send(user, how, query, params, accept=None)
            assert response.status_code in (200, 400), (query, response.get_data(as_text=True)[:300])
            assert response.status_code == 200 or response.get_json()["code"] in ("forbidden_query",
                                                                                "malformed_query")
    time.sleep(0.5)  # a connection on its way would have arrived by now
    assert listener.connections == 0
    with socket.create_connection(("127.0.0.1", listener.port), timeout=5):
        pass  # the listener does see a connection when one is made
    deadline = time.monotonic() + 5
    while listener.connections == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert listener.connections == 1
