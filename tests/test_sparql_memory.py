"""Ceilings on memory and bytes at /sparql (issue 13, item 6), on the full graph, through HTTP requests:
a query that builds more than `query_memory_mb` is stopped and its worker replaced; a worker that grew past
`query_worker_recycle_mb` is replaced after answering; results are bounded by `max_result_bytes`, stopped early,
never cut; the service process does not keep what it passed on; and no query text gets a 5xx other than the
documented limits."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from typing import Any

import pytest

from sharaka.settings import Settings
from sharaka.sparql.worker import rss_bytes
from tests.small_graph import ASK_SMALL
from tests.sparql_helpers import ASK_3222, RESULTS_JSON, assert_problem, boolean, result_rows, send

MEMORY_MB, RECYCLE_MB = 400, 64
TIGHT_TIMEOUT = 60.0  # the memory ceiling's test: memory, not time, must stop the query
MIB = 1 << 20


def doubling(times: int) -> str:
    """A ~600–900 character query whose string doubles `times` times: 10 × 2^times characters at the end, about
    twice that built in all."""
    binds = " ".join(f"BIND(CONCAT(?x{i}, ?x{i}) AS ?x{i + 1})" for i in range(times))
    return f'SELECT (STRLEN(?x{times}) AS ?n) WHERE {{ BIND("0123456789" AS ?x0) {binds} }}'


@pytest.fixture(scope="module")
def tight(small_settings: Settings, small_graph_file: Any) -> Iterator[Any]:
    """The service with a 400 MiB memory allowance per query and workers recycled past 64 MiB, on the small graph
    (the allowance counts what a worker grows by, whatever the graph it shares)."""
    from sharaka.service.app import create_app
    from sharaka.store import MemoryStore

    values = {**small_settings.values, "query_memory_mb": MEMORY_MB, "query_worker_recycle_mb": RECYCLE_MB}
    app = create_app(Settings.load(values, environ={}), store=MemoryStore.from_nquads(small_graph_file))
    assert app.test_client().get("/readyz").status_code == 200
    assert app.extensions["sharaka"].sparql.runner().wait_started(120)
    yield app
    app.extensions["sharaka"].close()


def workers(app: Any) -> set[int]:
    runner = app.extensions["sharaka"].sparql.runner()
    deadline = time.monotonic() + 10
    while not runner.wait_started(0.1) and time.monotonic() < deadline:  # a replacement may be starting
        pass
    return set(runner.worker_pids())


def test_a_query_over_the_memory_ceiling_is_stopped_and_its_worker_replaced(tight: Any,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    # A long time limit here: building 335 MB of string takes ~2 s of CPU, but in the slow lane (nice 10) on a busy
    # machine it took over 10 s; what is tested is that memory stops it.
    service_state = tight.extensions["sharaka"]
    monkeypatch.setattr(service_state, "settings",
                        Settings.load({**service_state.settings.values, "query_timeout": TIGHT_TIMEOUT}, environ={}))
    client, before = tight.test_client(), workers(tight)
    started = time.monotonic()
    problem = assert_problem(send(client, "post_form", doubling(25)), 507, "query_memory")  # 335 MB, ~670 built
    assert (problem["setting"], problem["limit"]) == ("query_memory_mb", MEMORY_MB)
    assert time.monotonic() - started < TIGHT_TIMEOUT
    assert boolean(send(client, "get", ASK_SMALL).data, RESULTS_JSON) is True  # served by a fresh worker
    assert workers(tight) - before, "the worker over the ceiling was not replaced"


def test_under_the_memory_ceiling_the_answer_is_right(tight: Any) -> None:
    response = send(tight.test_client(), "post_form", doubling(20))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert result_rows(response.data, RESULTS_JSON) == [{"n": str(10 * 2**20)}]  # 10 characters doubled 20 times


def test_a_worker_that_grew_is_replaced_after_answering(tight: Any) -> None:
    client = tight.test_client()
    assert send(client, "post_form", "ASK {}").status_code == 200
    kept = workers(tight)
    assert send(client, "post_form", doubling(20)).status_code == 200  # ~40 MiB kept by the allocator: under 64
    assert workers(tight) == kept
    response = send(client, "post_form", doubling(22))  # ~100+ MiB kept: over 64, so the worker leaves
    assert result_rows(response.data, RESULTS_JSON) == [{"n": str(10 * 2**22)}]
    assert workers(tight) != kept
    assert boolean(send(client, "get", ASK_SMALL).data, RESULTS_JSON) is True


def test_group_concat_over_every_triple_is_answered_or_refused_whole(client: Any, settings: Settings) -> None:
    """Was a 500 (MemoryError from a 16 MB buffer in the service process). On the 248k-quad graph the answer was
    9 MB; on the 1.6 M-quad graph the one string is over max_result_bytes, so it is refused whole (or, on a busy
    machine, stopped at the time limit): a limit that names its setting, never a 500."""
    query = "SELECT (GROUP_CONCAT(STR(?o)) AS ?all) WHERE { ?s ?p ?o }"
    response = send(client, "post_form", query)
    assert response.status_code in (200, 413, 503), response.get_data(as_text=True)[:300]
    if response.status_code == 413:
        problem = assert_problem(response, 413, "result_too_large")
        assert (problem["setting"], problem["limit"]) == ("max_result_bytes", settings.max_result_bytes)
    elif response.status_code == 503:  # on a busy machine, reading 1.6 M triples may take past the time limit
        problem = assert_problem(response, 503, "query_timeout")
        assert (problem["setting"], problem["limit"]) == ("query_timeout", settings.query_timeout)
    else:
        assert len(response.data) <= settings.max_result_bytes
        assert len(result_rows(response.data, RESULTS_JSON)) == 1


# The kinds of query: ~600 characters that asked for 78 MB and 149 MB bodies, strings built until a
# worker held a gigabyte, everything concatenated, products and patterns a backtracking engine chokes on.
BIG_BODIES = [
    "SELECT * WHERE { ?s ?p ?o . ?s ?q ?v }",
    "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } ?s a ?type . OPTIONAL { ?s <http://www.w3.org/2000/01/rdf-schema#label> "
    "?label } }",
    "CONSTRUCT { ?s ?p ?o . ?o ?p ?s } WHERE { ?s ?p ?o }",
]
HOSTILE = [*BIG_BODIES, doubling(25), doubling(30),
           "SELECT (GROUP_CONCAT(CONCAT(STR(?s), STR(?o))) AS ?all) WHERE { ?s ?p ?o }",
           "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
           'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?x . ?c ?d ?y FILTER regex(CONCAT(STR(?x), STR(?y)), "^(a+)+$") }']
# Beyond 4xx (the query's own fault, or a format that does not fit it), the only 5xx a query may get are the
# limits of time and memory, named in their problem. Never 500 or 502.
LIMIT_5XX = {503: ("query_timeout", "query_busy"), 507: ("query_memory",)}


@pytest.mark.timeout(300)
def test_no_query_text_gets_a_server_error(tight: Any) -> None:
    client = tight.test_client()
    for query in HOSTILE:
        for accept in (RESULTS_JSON, "text/csv", "text/turtle"):
            response = send(client, "post_form", query, accept=accept)
            if response.status_code == 200:
                continue
            problem = response.get_json()
            assert problem["status"] == response.status_code and problem["detail"]
            if response.status_code >= 500:
                assert problem["code"] in LIMIT_5XX.get(response.status_code, ()), (query[:60], accept, problem)
                assert problem.get("setting"), problem  # a limit: it says which setting it came from


def test_big_results_leave_the_service_process_small(client: Any, settings: Settings) -> None:
    """The result is serialized once, in the worker, and passed on as bytes: the service holds one body at a time
    and gives it back (was +240 MB kept after two large answers)."""
    send(client, "get", ASK_3222)
    gc.collect()
    before = rss_bytes()
    sizes = []
    for query in BIG_BODIES * 2:
        response = send(client, "post_form", query, accept="text/csv")
        sizes.append(len(response.data) if response.status_code == 200 else 0)
        # 507: on the 1.6 M-quad graph the join's hash table may pass query_memory_mb before any row is written
        assert response.status_code in (200, 413, 507), response.get_data(as_text=True)[:300]
        del response
    gc.collect()
    assert rss_bytes() - before < 64 * MIB, f"the service kept {(rss_bytes() - before) / MIB:.0f} MiB ({sizes})"
