"""SERVICE smuggling (issue 13 item 1): queries that hide a SERVICE call from a checker that reads them differently
from the executor. Each goes through the real service, on the embedded store (its query workers) and on a remote
Oxigraph server, the three ways the protocol allows; a listener on 127.0.0.1 counts the connections made to it.
Every one is a 400 problem and the listener sees nothing; with a remote store nothing is even sent to the store.

Beside them, the controls that make the test mean something: run by Oxigraph directly, the issue's query does call
the listener; and the near-misses (SERVICE in a comment or a string) are answered, still without a connection."""

from __future__ import annotations

import contextlib
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest

from tests.net_listener import Listener
from tests.sparql_helpers import PROBLEM, send

HOWS = ["get", "post_form", "post_direct"]


def smuggled(here: str) -> list[str]:
    """Queries whose SERVICE call to `here` some reader could miss."""
    host = here.removeprefix("http://")
    escaped_host = "".join(f"\\u{ord(c):04X}" for c in host)
    return [
        # the issue's query (its line end restored): rdflib saw a string where Oxigraph saw `.SERVICE`
        f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o != 'A\\u0027 || \"\"\"B' ) .SERVICE <{here}/x> {{ ?a ?b ?c }} "
        f"# \"\"\" )\n}} LIMIT 1",
        f"SELECT * WHERE {{ ?s ?p ?o . \\u0053ERVICE <{here}/x> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o . SERVIC\\u0045 <{here}/x> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ SERVICE <http://{escaped_host}/x> {{ ?a ?b ?c }} }}",  # escapes in the IRI
        f"SELECT * WHERE {{ SERVICE <\\u0068ttp://{host}/x> {{ ?a ?b ?c }} }}",
        f"PREFIX x: <\\u0068ttp://{host}/>\nSELECT * WHERE {{ SERVICE x:sparql {{ ?a ?b ?c }} }}",  # … in a prefix
        f"PREFIX \\u0078: <{here}/>\nSELECT * WHERE {{ SERVICE x:sparql {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p \"# not a comment\" .SERVICE <{here}/x> {{ ?a ?b ?c }} }}",  # comments, strings
        f"SELECT * WHERE {{ ?s ?p '''it's \"nested\" ''' . SERVICE <{here}/x> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p \"\\\"\" . SERVICE <{here}/x> {{ ?a ?b ?c }} }} # \"",
        f"SELECT * WHERE {{ ?s ?p ?o # x\rSERVICE <{here}/x> {{ ?a ?b ?c }}\n }}",  # a CR-only line end
        f"SELECT * WHERE {{ ?s ?p ?o # x\r\n.SERVICE <{here}/x> {{ ?a ?b ?c }} }}",
        f"select * where {{ ?s ?p ?o . service <{here}/x> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o . SeRvIcE SiLeNt <{here}/x> {{ ?a ?b ?c }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE SILENT <{here}/x> {{ ?a ?b ?c }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE SILENT <{here}/x> {{ ?a ?b ?c }} }} }}",
        f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE SILENT <{here}/x> {{ ?a ?b ?c }} }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE SILENT <{here}/x> {{ ?a ?b ?c }} }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ SERVICE SILENT <{here}/x> {{ ?a ?b ?c }} }} }}",
        f"SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE SILENT <{here}/x> {{ ?a ?b ?c }} }} }}",
        f"SELECT * WHERE {{ GRAPH ?g {{ SERVICE SILENT <{here}/x> {{ ?a ?b ?c }} }} }}",
        f"SELECT * WHERE {{ VALUES ?e {{ <{here}/x> }} SERVICE ?e {{ ?a ?b ?c }} }}",
        f"ASK {{ SERVICE <{here}/x> {{ }} }}",
        f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ SERVICE <{here}/x> {{ ?a ?b ?c }} }}",
        f"DESCRIBE ?a WHERE {{ SERVICE <{here}/x> {{ ?a ?b ?c }} }}",
    ]


def harmless(here: str) -> list[str]:
    """Near-misses: SERVICE where it is not a keyword. Answered, and still nothing goes out."""
    return [
        f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT 1 # SERVICE <{here}/x> {{ ?a ?b ?c }}",
        f"SELECT * WHERE {{ ?s ?p ?o # note\u2028 SERVICE <{here}/x> {{ ?a ?b ?c }} \n }} LIMIT 1",
        f"SELECT ?x WHERE {{ BIND(\"\\\" SERVICE <{here}/x> {{ ?a ?b ?c }} \\\"\" AS ?x) }}",
        f"SELECT ?x WHERE {{ BIND('''SERVICE <{here}/x> {{ }}''' AS ?x) }}",
        f"PREFIX x: <{here}/>\nSELECT ?service WHERE {{ ?service x:SERVICE ?o }} LIMIT 1",
    ]


def check_nothing_went_out(listener: Listener, user: Any, queries: list[str], statuses: set[int]) -> None:
    for query in queries:
        for how in HOWS:
            response = send(user, how, query, accept=None)
            assert response.status_code in statuses, (query, how, response.get_data(as_text=True)[:300])
            if response.status_code == 400:
                assert response.mimetype == PROBLEM
                assert response.get_json()["code"] in ("forbidden_query", "malformed_query")
    time.sleep(0.5)  # a connection on its way would have arrived by now
    assert listener.connections == 0


@pytest.fixture()
def here(listener: Listener) -> str:
    return f"http://127.0.0.1:{listener.port}"


def test_smuggled_service_on_the_embedded_store(client: Any, listener: Listener, here: str) -> None:
    check_nothing_went_out(listener, client, smuggled(here), {400})


def test_service_as_data_on_the_embedded_store(client: Any, listener: Listener, here: str) -> None:
    check_nothing_went_out(listener, client, harmless(here), {200})


def _counting(store: Any, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    sent: list[str] = []
    send_query: Callable[..., Any] = store.send_query  # what /sparql forwards to a remote store goes through it

    def counted(query: str, *args: Any, **kwargs: Any) -> Any:
        sent.append(query)
        return send_query(query, *args, **kwargs)
    monkeypatch.setattr(store, "send_query", counted)
    return sent


@pytest.mark.remote
def test_smuggled_service_on_a_remote_store(small_remote_app: Any, listener: Listener, here: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """With `SHARAKA_STORE` set to an Oxigraph server (a small graph: what matters is what is sent to it): refused
    before anything is sent to it."""
    sent = _counting(small_remote_app.extensions["sharaka"].store, monkeypatch)
    check_nothing_went_out(listener, small_remote_app.test_client(), smuggled(here), {400})
    assert sent == []
    check_nothing_went_out(listener, small_remote_app.test_client(), harmless(here), {200})
    assert len(sent) == len(harmless(here)) * len(HOWS)
    assert not any("SERVICE" in text.replace("x:SERVICE", "").replace("\" SERVICE", "").replace("'SERVICE", "")
                   .replace('"SERVICE', "") for text in sent)  # what was sent holds no SERVICE keyword


# -- the controls: the attack is real when the check is bypassed -------------------------------------------------
def _wait_for(listener: Listener, count: int = 1, within: float = 5.0) -> int:
    deadline = time.monotonic() + within
    while listener.connections < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return listener.connections


def test_control_oxigraph_alone_runs_the_issues_query(listener: Listener, here: str) -> None:
    import pyoxigraph as ox

    store = ox.Store()  # one triple: with no rows before it, Oxigraph would not evaluate the SERVICE at all
    store.add(ox.Quad(ox.NamedNode("http://a/s"), ox.NamedNode("http://a/p"), ox.Literal("x")))
    with pytest.raises(OSError):  # it called the listener, which hung up
        list(store.query(smuggled(here)[0]))  # solutions are computed as they are read
    assert _wait_for(listener) == 1


@pytest.mark.remote
def test_control_the_oxigraph_server_alone_runs_the_issues_query(small_oxigraph_server: Any, listener: Listener,
                                                                  here: str) -> None:
    body = urllib.parse.urlencode({"query": smuggled(here)[0]}).encode()  # its graph has rows: SERVICE is evaluated
    request = urllib.request.Request(small_oxigraph_server.query_url, data=body,
                                     headers={"Accept": "application/sparql-results+json"})
    with contextlib.suppress(OSError):  # the server reports the failed SERVICE call; what matters is that it made it
        urllib.request.urlopen(request, timeout=10).close()
    assert _wait_for(listener) == 1
