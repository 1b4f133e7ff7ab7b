"""Runaway queries on a remote store (issue 13, item 3), with a real Oxigraph: `oxigraph serve --timeout-s`
does not stop a cartesian COUNT (the control, which documents why the supervisor exists); behind
`sharaka store-supervisor` the store's CPU drops within the limit, the next query is answered, and the
service refuses a second long query from the same client before sending it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sharaka.service.server import _descendants
from tests.mini_data import RUNAWAY_SMALL as RUNAWAY
from tests.oxigraph_server import OxigraphServer, free_port, remote_settings, require_oxigraph

pytestmark = [pytest.mark.remote, pytest.mark.server]
LIMIT_S = 3.0
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: set[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended: it uses no CPU any more
        total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def cpu_rate(pids: Any, seconds: float = 2.0) -> float:
    """Cores used by the processes over the next `seconds` (`pids`: a set, or a function giving the set now)."""
    current = pids if callable(pids) else (lambda: pids)
    before = cpu_seconds(current())
    time.sleep(seconds)
    return (cpu_seconds(current()) - before) / seconds


def query(url: str, text: str, timeout: float = 30.0) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": text}).encode(),
                                     headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except OSError:
        return 0, b""


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory, mini_data_dir: Path) -> Path:
    """A graph in an on-disk Oxigraph database (written offline, as docs/scaling-out.md says): the small hand-made
    one (tests/mini_data.py), on which a product of five patterns still runs for hours."""
    graph_file = mini_data_dir / "sharaka.nq"
    location = tmp_path_factory.mktemp("oxigraph-db") / "db"
    subprocess.run([require_oxigraph(), "load", "--location", str(location), "--file", str(graph_file), "--lenient"],
                   check=True, capture_output=True, timeout=600)
    return location


@pytest.fixture(scope="module")
def supervisor(database: Path,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    port = free_port()
    log = tmp_path_factory.mktemp("supervisor") / "supervisor.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "sharaka", "store-supervisor", "--location", str(database),
                                    "--bind", f"127.0.0.1:{port}", "--processes", "2", "--query-timeout",
                                    str(LIMIT_S), "--wait", "1"], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 60
    while query(url, "ASK {}", timeout=2)[0] != 200:
        assert process.poll() is None and time.monotonic() < deadline, log.read_text()
        time.sleep(0.2)
    yield process, url
    process.terminate()
    process.wait(timeout=20)


def test_oxigraph_serve_timeout_does_not_stop_a_runaway_count(database: Path, tmp_path: Path) -> None:
    """The control (oxigraph 0.5.13): --timeout-s 2 and a client that gives up at 3 s, yet the server computes on.
    Its cancellation is looked at only at some points of a query's evaluation: measured, 1 run in 13 was
    cancelled (a 200 whose body ends "The SPARQL operation has been cancelled"); so up to three tries."""
    outcomes = []
    for _ in range(3):
        server = OxigraphServer(location=database, log_dir=tmp_path, extra_args=("--timeout-s", "2"))
        server.command = lambda s=server: [require_oxigraph(), "serve-read-only",  # type: ignore[method-assign]
                                           "--location", str(database), "--bind", f"127.0.0.1:{s.port}",
                                           "--union-default-graph", "--timeout-s", "2"]
        with server:
            assert server.process is not None
            status, _ = query(server.query_url, RUNAWAY, timeout=3)
            time.sleep(2)  # 5 s after the query began, well past --timeout-s 2
            outcomes.append((status, cpu_rate({server.process.pid})))
        if status == 0 and outcomes[-1][1] > 0.1:
            return  # no answer, and the server still at work on the query nobody waits for
    pytest.fail(f"oxigraph stopped the query every time ({outcomes}): is the supervisor still needed?")


def test_the_supervisor_stops_a_runaway_query_and_frees_the_cpu(supervisor: Any) -> None:
    process, url = supervisor
    copies_before = set(_descendants(process.pid))
    assert len(copies_before) == 2
    outcome: dict[str, Any] = {}

    def runaway() -> None:
        started = time.monotonic()
        outcome["status"], outcome["body"] = query(url, RUNAWAY)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(1.0)
    assert cpu_rate(lambda: set(_descendants(process.pid)), 1.0) > 0.1  # the store is at work on it
    thread.join(LIMIT_S + 10)
    assert outcome["status"] == 503 and b"ran longer than 3 s and was stopped" in outcome["body"]
    assert LIMIT_S - 0.1 < outcome["seconds"] < LIMIT_S + 2
    assert cpu_rate(lambda: set(_descendants(process.pid))) < 0.05  # within a second of the limit: idle
    copies_after = set(_descendants(process.pid))
    assert len(copies_before - copies_after) == 1  # the copy that ran it is gone …
    assert query(url, "ASK {}")[0] == 200  # … and the store answers


def test_one_query_per_process_and_a_503_when_all_are_busy(supervisor: Any) -> None:
    process, url = supervisor
    deadline = time.monotonic() + 10
    while len(_descendants(process.pid)) < 2 and time.monotonic() < deadline:  # a replaced copy may be starting
        time.sleep(0.1)
    threads = [threading.Thread(target=query, args=(url, RUNAWAY)) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)  # both copies have their runaway (a busy machine may take a while to send them)
    started = time.monotonic()
    status, body = query(url, "ASK {}")
    assert status == 503 and b"every store process is busy" in body
    assert 0.9 < time.monotonic() - started < 2.5  # it waited --wait 1 s for a free process
    for thread in threads:
        thread.join(LIMIT_S + 10)
    assert query(url, "ASK {}")[0] == 200


def test_the_service_on_the_supervised_store(supervisor: Any, tmp_path: Path) -> None:
    """SHARAKA_STORE=the supervisor: a runaway is refused by the cost check's rules when a place is taken, ends
    with a problem at the limit otherwise, and the next query is answered."""
    from sharaka.service.app import create_app

    _, url = supervisor
    # data_dir: where the host-wide slots' lock files go (this test's own)
    settings = remote_settings(tmp_path, url, store_timeout=LIMIT_S + 3, store_retries=0, query_slow_workers=1,
                               query_slow_slots=1)
    client = create_app(settings).test_client()
    outcome: dict[str, Any] = {}

    def first() -> None:
        outcome["response"] = client.post("/sparql", data={"query": RUNAWAY}, environ_base={"REMOTE_ADDR": "10.1.1.1"})

    thread = threading.Thread(target=first)
    thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    second = client.post("/sparql", data={"query": RUNAWAY.replace("?n2", "?n3")},
                         environ_base={"REMOTE_ADDR": "10.1.1.1"})
    assert second.status_code == 503 and second.get_json()["code"] == "query_busy"
    assert time.monotonic() - started < 1.0  # refused before anything was sent
    thread.join(LIMIT_S + 10)
    first_response = outcome["response"]
    assert first_response.status_code in (502, 503, 504) and first_response.mimetype == "application/problem+json"
    answered = client.post("/sparql", data={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/json"})
    assert answered.status_code == 200
