"""The two SPARQL lanes: a normal query is served while pathological ones hold the slow lane, a query over
the fast lane's CPU slice moves to the slow lane, a full slow lane refuses at once, and a killed worker is
replaced."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path

import pytest

from sharaka.errors import QueryBusy, QueryTimeout
from sharaka.query_workers import Query, disk_copy
from sharaka.sparql_runner import Lane, OutOfTime, QueryRunner, fingerprint

JSON = "application/sparql-results+json"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
NORMAL = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/sharaka/ontology#InternationalOrganization> }"


def query(text: str) -> Query:
    return Query(text, JSON, "text/turtle", None, 500, 20000)


@pytest.fixture(scope="module")
def runner(graph_file: Path) -> Iterator[QueryRunner]:
    found = QueryRunner(graph_file, fast_workers=1, slow_workers=1)
    found.warm()
    yield found
    found.close()


def test_disk_copy_is_built_once_and_shared(graph_file: Path) -> None:
    first = disk_copy(graph_file)
    assert first is not None and (first / "ready.json").exists()
    assert disk_copy(graph_file) == first


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


def test_one_client_cannot_hold_every_slow_worker(graph_file: Path) -> None:
    two = QueryRunner(graph_file, fast_workers=1, slow_workers=2)
    try:
        assert two.per_client == 1
        assert two._admit_slow("a") == ""
        assert "share" in two._admit_slow("a")  # a second long query from the same client
        assert two._admit_slow("b") == ""  # another client still gets in
        assert "busy" in two._admit_slow("c")
        for client in ("a", "b"):
            two._release_slow(client)
        assert two._admit_slow("a") == ""
        two._release_slow("a")
    finally:
        two.close()


def test_a_killed_slow_worker_is_replaced(graph_file: Path) -> None:
    lane = Lane("slow", graph_file, disk_copy(graph_file), 1, nice=10)
    try:
        assert lane.admit(0)
        with pytest.raises(OutOfTime):
            lane.run(query(RUNAWAY), limit=1.0)
        started = time.monotonic()
        assert b'"26"' in lane.run(query(NORMAL), limit=10).body  # a new worker, same lane
        assert time.monotonic() - started < 5
        with pytest.raises(OutOfTime):  # the CPU limit kills the worker too
            lane.run(query(RUNAWAY), limit=10, cpu_limit=0.2)
        assert b'"26"' in lane.run(query(NORMAL), limit=10).body
    finally:
        lane.release()
        lane.close()


# Expensive, but not by its shape (one connected join): only the fast lane's CPU slice finds it out.
HIDDEN_RUNAWAY = ("PREFIX sk: <https://w3id.org/sharaka/ontology#> "
                  "SELECT (COUNT(*) AS ?n) WHERE { ?a sk:hasParty ?x . ?b sk:hasParty ?x . ?c sk:hasParty ?x }")


def fast_pids(runner: QueryRunner) -> set[int]:
    return {worker.pid for worker in runner.fast.pool._pool_manager.worker_manager.workers.values()}


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
