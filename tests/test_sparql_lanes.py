"""The two SPARQL lanes: a normal query is served while pathological ones hold the slow lane, a query over
the fast lane's CPU slice moves to the slow lane, a full slow lane refuses at once, and a killed worker is
replaced; two services with two graphs in one directory keep each their own. On the small graph of
tests/small_graph.py (the mechanics do not depend on the data; its 26 organizations stand in for COW IGO's)."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sharaka.errors import QueryBusy, QueryTimeout
from sharaka.sparql.lanes import OutOfTime, QueryRunner, fingerprint
from sharaka.sparql.pool import Lane, Limits, Worker
from sharaka.sparql.worker import Query

JSON = "application/sparql-results+json"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ORG_CLASS = "https://w3id.org/sharaka/ontology#InternationalOrganization"
# The 26 organizations of the small graph's COW IGO graph.
NORMAL = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <https://w3id.org/sharaka/graph/cow_igo> {{ ?s a <{ORG_CLASS}> }} }}"
ANY_ORGANIZATION = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{ORG_CLASS}> }}"
ORG, GRAPH = "https://w3id.org/sharaka/id/org/test", "https://w3id.org/sharaka/graph/test"


def query(text: str, max_bytes: int | None = None) -> Query:
    return Query(text, JSON, "text/turtle", None, 20000, max_bytes)


def limits(seconds: float, cpu_seconds: float | None = None) -> Limits:
    return Limits(seconds, cpu_seconds, 512 << 20, 512)


def admitted(lane: Lane) -> Worker:
    worker = lane.admit(wait=10)
    assert worker is not None
    return worker


@pytest.fixture(scope="module")
def runner(small_graph_file: Path) -> Iterator[QueryRunner]:
    found = QueryRunner(small_graph_file, fast_workers=1, slow_workers=1)
    assert found.wait_started(60)
    yield found
    found.close()


def test_two_graphs_in_one_directory_each_keep_their_workers(small_graph_file: Path, tmp_path: Path) -> None:
    """Two service processes with two graph files side by side: neither removes what the other's workers read
    (each loads its own file; there is no shared on-disk copy to clean up)."""
    small = tmp_path / "small.nq"
    small.write_text(f"<{ORG}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ORG_CLASS}> <{GRAPH}> .\n")
    big_copy = tmp_path / "sharaka.nq"
    big_copy.write_bytes(small_graph_file.read_bytes())
    first = QueryRunner(big_copy, fast_workers=1, slow_workers=0)
    try:
        assert first.wait_started(60)
        assert b'"26"' in first.run(query(NORMAL), timeout=10, fast_slice=5).body
        second = QueryRunner(small, fast_workers=1, slow_workers=0)
        try:
            assert b'"1"' in second.run(query(ANY_ORGANIZATION), timeout=10, fast_slice=5).body
            assert b'"26"' in first.run(query(NORMAL), timeout=10, fast_slice=5).body
        finally:
            second.close()
        assert sorted(p.name for p in tmp_path.iterdir()) == ["sharaka.nq", "small.nq"]
    finally:
        first.close()


def test_normal_query_served_while_pathological_ones_hold_the_slow_lane(runner: QueryRunner) -> None:
    results: list[BaseException] = []

    def pathological(client: str) -> None:
        try:
            runner.run(query(RUNAWAY), timeout=4, fast_slice=0.2, client=client)
        except (QueryTimeout, QueryBusy) as exc:
            results.append(exc)

    threads = [threading.Thread(target=pathological, args=(f"c{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)  # both have used their fast slice: one holds the slow worker, the other was refused
    started = time.monotonic()
    body = runner.run(query(NORMAL), timeout=4, fast_slice=0.2, client="someone else").body
    assert b'"26"' in body
    assert time.monotonic() - started < 1.5
    for thread in threads:
        thread.join(timeout=10)
    assert sorted(type(e).__name__ for e in results) == ["QueryBusy", "QueryTimeout"]


def test_pathological_query_is_cut_within_the_limit(runner: QueryRunner) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        runner.run(query(RUNAWAY + " LIMIT 7"), timeout=2, fast_slice=0.2, client="a")
    assert time.monotonic() - started < 2 + 1
    # remembered: sent again, it skips the fast lane (and is still cut in time)
    assert runner.known_expensive(fingerprint(query(RUNAWAY + " LIMIT 7")))
    # the next query is served normally
    assert b'"26"' in runner.run(query(NORMAL), timeout=2, fast_slice=0.2).body


def test_one_client_cannot_hold_every_slow_worker(small_graph_file: Path) -> None:
    two = QueryRunner(small_graph_file, fast_workers=1, slow_workers=2)
    try:
        assert two.wait_started(60)
        assert two.per_client == 1
        a, why = two._admit_slow("a")
        assert a is not None and why == ""
        assert "share" in two._admit_slow("a")[1]  # a second long query from the same client
        b, why = two._admit_slow("b")  # another client still gets in
        assert b is not None and why == ""
        assert "busy" in two._admit_slow("c")[1]
        two._release_slow("a", a)
        two._release_slow("b", b)
        a, why = two._admit_slow("a")
        assert a is not None and why == ""
        two._release_slow("a", a)
    finally:
        two.close()


def test_a_killed_slow_worker_is_replaced(runner: QueryRunner) -> None:
    lane = runner.slow
    assert lane is not None
    for how in (limits(1.0), limits(10, cpu_seconds=0.2)):  # the time limit, then the CPU limit
        worker = admitted(lane)
        before = worker.pid
        started = time.monotonic()
        try:
            with pytest.raises(OutOfTime):
                lane.run(worker, query(RUNAWAY), how)
        finally:
            lane.release(worker)
        if how.cpu_seconds is None:  # (CPU time passes slower than the clock on a busy machine)
            assert time.monotonic() - started < how.seconds + 1
        started = time.monotonic()
        worker = admitted(lane)  # a new worker, same lane, forked in milliseconds
        try:
            assert worker.pid != before
            assert b'"26"' in lane.run(worker, query(NORMAL), limits(10)).body
        finally:
            lane.release(worker)
        assert time.monotonic() - started < 2


# Expensive, but not by its shape (one connected join): only the fast lane's CPU slice finds it out.
HIDDEN_RUNAWAY = ("PREFIX sk: <https://w3id.org/sharaka/ontology#> "
                  "SELECT (COUNT(*) AS ?n) WHERE { ?a sk:hasParty ?x . ?b sk:hasParty ?x . ?c sk:hasParty ?x }")


def fast_pids(runner: QueryRunner) -> set[int]:
    return runner.fast.pids()


def test_an_obviously_expensive_shape_skips_the_fast_slice(runner: QueryRunner) -> None:
    runner.run(query(NORMAL), timeout=4, fast_slice=0.2)  # the fast worker is up
    before = fast_pids(runner)
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        runner.run(query(RUNAWAY + " LIMIT 11"), timeout=1.5, fast_slice=0.2, client="shape")
    assert time.monotonic() - started < 1.5 + 1
    assert fast_pids(runner) == before, "the fast worker was killed: the query ran there"
    assert runner.known_expensive(fingerprint(query(RUNAWAY + " LIMIT 11")))
    assert not runner.on_probation("shape")  # judged by its shape, it overran nothing


def test_the_fast_slice_still_catches_what_the_shape_does_not_show(runner: QueryRunner) -> None:
    before = fast_pids(runner)
    with pytest.raises(QueryTimeout):
        runner.run(query(HIDDEN_RUNAWAY), timeout=2, fast_slice=0.2, client="hidden")
    assert fast_pids(runner) != before  # killed by its CPU limit, replaced
    assert runner.known_expensive(fingerprint(query(HIDDEN_RUNAWAY)))
    assert b'"26"' in runner.run(query(NORMAL), timeout=4, fast_slice=0.2).body


def test_a_client_whose_queries_overran_goes_to_the_slow_lane_for_a_while(runner: QueryRunner) -> None:
    client, other = "10.0.0.66", "10.0.0.7"
    runner.client_probation_s = 1.5
    try:
        for limit in (1, 2):  # two fresh texts, each overrunning the slice
            with pytest.raises(QueryTimeout):
                runner.run(query(f"{HIDDEN_RUNAWAY} LIMIT {limit}"), timeout=1.5, fast_slice=0.2, client=client)
        assert runner.on_probation(client) and not runner.on_probation(other)
        before = fast_pids(runner)
        # a third fresh one goes straight to the slow lane: no fast slice spent, no fast worker killed
        with pytest.raises(QueryTimeout):
            runner.run(query(f"{HIDDEN_RUNAWAY} LIMIT 3"), timeout=1.5, fast_slice=0.2, client=client)
        assert fast_pids(runner) == before
        assert not runner.known_expensive(fingerprint(query(f"{HIDDEN_RUNAWAY} LIMIT 3"))), "it never ran fast"
        # a normal query from that client is still answered (in the slow lane), and from others as ever
        assert b'"26"' in runner.run(query(NORMAL), timeout=4, fast_slice=0.2, client=client).body
        assert b'"26"' in runner.run(query(NORMAL), timeout=4, fast_slice=0.2, client=other).body
        time.sleep(1.6)
        assert not runner.on_probation(client)  # the while is over
    finally:
        runner.client_probation_s = QueryRunner.client_probation_s


def test_overruns_far_apart_do_not_make_probation() -> None:
    runner = QueryRunner.__new__(QueryRunner)  # only the bookkeeping, no worker processes
    runner._lock = threading.Lock()
    runner._overruns = OrderedDict()
    runner.client_window_s = 0.2
    runner._note_overrun("a")
    time.sleep(0.3)
    runner._note_overrun("a")
    assert not runner.on_probation("a")
    runner._note_overrun("a")  # the second within the window
    assert runner.on_probation("a")
    runner._note_overrun("")  # no address known: never remembered
    assert not runner.on_probation("")


def test_the_apps_workers_answer_from_the_apps_store(small_settings: Any) -> None:
    """The workers load the graph the app was given (here one built in memory, so dumped once), not data_dir's."""
    from sharaka.service.app import create_app
    from tests.hostile_graph import ORGANIZATION, hostile_store
    from tests.sparql_helpers import RESULTS_JSON, result_rows, send

    store = hostile_store()
    assert store.source is None
    app = create_app(small_settings, store=store)
    try:
        names = SK_LABELS.format(org=ORG_CLASS)
        rows = result_rows(send(app.test_client(), "post_form", names).data, RESULTS_JSON)
        assert ORGANIZATION in {row["label"] for row in rows}  # the hostile graph's organization
        assert len(rows) < 26  # not the 26 organizations of the graph in data_dir
    finally:
        app.extensions["sharaka"].close()
    assert app.extensions["sharaka"].sparql._dump is None  # the dump goes with the app


SK_LABELS = ("SELECT ?label WHERE {{ ?o a <{org}> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label }}")


def test_a_dead_graph_holder_is_replaced_by_the_next_query(small_settings: Any, small_graph_file: Path) -> None:
    """The holder killed (as the OOM killer would): the query in its way gets a 503 problem, the next ones start a
    new holder and are answered."""
    import os
    import signal

    from sharaka.service.app import create_app
    from sharaka.store import MemoryStore
    from tests.sparql_helpers import RESULTS_JSON, boolean, send

    ask = f"ASK {{ <{ORG}-3> a <{ORG_CLASS}> }}"
    app = create_app(small_settings, store=MemoryStore.from_nquads(small_graph_file))
    client, queries = app.test_client(), app.extensions["sharaka"].sparql
    try:
        assert queries.runner().wait_started(60)
        os.kill(queries.runner().holder.process.pid, signal.SIGKILL)
        time.sleep(0.5)
        first = send(client, "get", ask)
        assert first.status_code in (200, 503), first.get_data(as_text=True)[:300]
        deadline = time.monotonic() + 60
        while send(client, "get", ask).status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert boolean(send(client, "get", ask).data, RESULTS_JSON) is True
    finally:
        app.extensions["sharaka"].close()


def test_with_the_on_disk_store_the_workers_open_the_same_copy(small_settings: Any, small_graph_file: Path) -> None:
    """store=disk: the app's store is the read-only on-disk copy, and so is each worker's (no graph in memory)."""
    from sharaka.service.app import create_app
    from sharaka.store import MemoryStore
    from tests.sparql_helpers import RESULTS_JSON, result_rows, send

    store = MemoryStore.open_built(small_graph_file)
    assert store.disk is not None and store.source == small_graph_file
    app = create_app(small_settings, store=store)
    try:
        runner = app.extensions["sharaka"].sparql.runner()
        assert runner.wait_started(60) and runner.holder.spec.disk == str(store.disk)
        rows = result_rows(send(app.test_client(), "post_form", NORMAL).data, RESULTS_JSON)
        assert rows == [{"n": "26"}]
    finally:
        app.extensions["sharaka"].close()
