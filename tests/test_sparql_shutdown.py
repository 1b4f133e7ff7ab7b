"""Shutdown of a real `sharaka serve` process (issue 13, item 7): SIGTERM during a query lets it finish with its
answer or a clean 503 problem, then every child process is gone; a service killed outright (SIGKILL) takes its
query workers with it, even one busy at 100 % CPU."""

from __future__ import annotations

import json
import os
import signal
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

from tests.oxigraph_server import free_port
from tests.processes import alive, wait_until
from tests.sparql_helpers import RUNAWAY

pytestmark = pytest.mark.server
QUERY_TIMEOUT = 4


def descendants(root: int) -> set[int]:
    """Every living process below `root` (children of children too)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                parents[int(entry.name)] = int(fields[1])
    found, frontier = set(), {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier and pid not in found}
        found |= frontier
    return found


def get_json(url: str) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, {}
    except OSError:
        return 0, {}


@pytest.fixture()
def served(small_data_dir: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], str]]:
    """`python -m sharaka serve` on a free port, its workers ready (on the small graph: the shutdown is tested)."""
    port = free_port()
    env = {**os.environ, "SHARAKA_DATA_DIR": str(small_data_dir), "SHARAKA_PORT": str(port), "SHARAKA_RATE_LIMIT": "0",
           "SHARAKA_QUERY_TIMEOUT": str(QUERY_TIMEOUT), "SHARAKA_LOG_LEVEL": "WARNING"}
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "sharaka", "serve"], env=env, stdout=log,
                               stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        ready = wait_until(lambda: get_json(base + "/readyz")[1].get("sparql", {}).get("workers") == "ready", 120)
        assert ready, (tmp_path / "serve.log").read_text()[-3000:]
        yield process, base
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
        log.close()


def run_in_background(base: str, query: str) -> tuple[threading.Thread, dict[str, Any]]:
    """Send a query from a thread; the outcome is filled in when it ends: status and body, or the error."""
    outcome: dict[str, Any] = {}

    def ask() -> None:
        request = urllib.request.Request(base + "/sparql", data=urllib.parse.urlencode({"query": query}).encode(),
                                         headers={"Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                outcome.update(status=response.status, body=response.read())
        except urllib.error.HTTPError as exc:
            outcome.update(status=exc.code, body=exc.read(), type=exc.headers.get("Content-Type"))
        except OSError as exc:
            outcome.update(error=repr(exc))

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    return thread, outcome


def test_sigterm_during_a_query_ends_it_cleanly_and_leaves_no_process(served: Any) -> None:
    process, base = served
    thread, outcome = run_in_background(base, RUNAWAY)
    time.sleep(1.5)  # the query runs in the slow lane by now
    below = descendants(process.pid)
    assert len(below) >= 4, below  # fork server, graph holder, fast and slow workers
    process.send_signal(signal.SIGTERM)
    thread.join(QUERY_TIMEOUT + 10)
    assert "error" not in outcome, outcome  # never a dropped connection
    assert outcome["status"] == 503 and outcome["type"] == "application/problem+json", outcome
    assert json.loads(outcome["body"])["code"] == "query_timeout"
    assert process.wait(timeout=15) == 0
    assert wait_until(lambda: not alive(below), 5), f"left running: {alive(below)}"


def test_a_killed_service_takes_its_workers_with_it(served: Any) -> None:
    process, base = served
    run_in_background(base, RUNAWAY)
    time.sleep(1.5)  # a worker is at 100 % CPU on the runaway query
    below = descendants(process.pid)
    assert len(below) >= 4, below
    process.kill()  # no handler, no atexit: only the kernel's death signals
    process.wait(timeout=10)
    assert wait_until(lambda: not alive(below), 5), f"orphaned: {alive(below)}"
