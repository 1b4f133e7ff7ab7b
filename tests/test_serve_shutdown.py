"""Stopping a real `sharaka serve` (issue 13, item 7, the server's side): on SIGTERM or Ctrl-C the requests in
flight end with their answer or a clean 503 problem, idle connections are closed, new ones are refused, the
exit code is 0 and no process is left; a server killed outright (SIGKILL) takes its processes with it."""

from __future__ import annotations

import json
import os
import signal
import socket
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
from tests.oxigraph_server import free_port
from tests.processes import alive, wait_until

pytestmark = pytest.mark.server
QUERY_TIMEOUT = 3


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


@pytest.fixture()
def served(mini_data_dir: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """`python -m sharaka serve` (2 processes) in a session of its own, ready, its query workers started."""
    port = free_port()
    env = {**os.environ, "SHARAKA_DATA_DIR": str(mini_data_dir), "SHARAKA_RATE_LIMIT": "0", "SHARAKA_STORE": "memory",
           "SHARAKA_QUERY_TIMEOUT": str(QUERY_TIMEOUT), "SHARAKA_LOG_LEVEL": "WARNING"}
    with (tmp_path / "serve.log").open("wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "sharaka", "serve", "--port", str(port)], env=env,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert wait_until(lambda: status_of(f"http://127.0.0.1:{port}/readyz") == 200, 120), \
            (tmp_path / "serve.log").read_text()[-3000:]
        yield process, port
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def in_background(port: int, path: str, data: dict[str, str] | None = None) -> dict[str, Any]:
    """Send a request from a thread; the outcome (status, content type, body, or the error) is filled in."""
    outcome: dict[str, Any] = {}

    def send() -> None:
        body = urllib.parse.urlencode(data).encode() if data else None
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body,
                                         headers={"Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                outcome.update(status=response.status, body=response.read())
        except urllib.error.HTTPError as exc:
            outcome.update(status=exc.code, type=exc.headers.get("Content-Type"), body=exc.read())
        except OSError as exc:
            outcome.update(error=repr(exc))

    outcome["thread"] = threading.Thread(target=send, daemon=True)
    outcome["thread"].start()
    return outcome


def idle_connection(port: int) -> socket.socket:
    """A keep-alive connection that has had its answer and says nothing more."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    response = b""
    while not response.endswith(b'{"status":"ok"}\n'):
        response += sock.recv(65536)
    assert response.startswith(b"HTTP/1.1 200 OK")
    return sock


@pytest.mark.parametrize("how", ["SIGTERM", "Ctrl-C"])
def test_stopping_lets_requests_in_flight_end_and_leaves_no_process(served: Any, how: str) -> None:
    process, port = served
    query = in_background(port, "/sparql", {"query": RUNAWAY})
    idle = idle_connection(port)
    time.sleep(1.0)  # the query is running (in a query worker of one of the server's processes)
    below = set(_descendants(process.pid))
    assert len(below) >= 4, below  # 2 server processes, each with its query workers
    if how == "SIGTERM":
        process.send_signal(signal.SIGTERM)
    else:
        os.killpg(process.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole process group
    assert idle.recv(65536) == b"", "the idle connection was not closed"
    idle.close()
    assert wait_until(lambda: status_of(f"http://127.0.0.1:{port}/healthz") == 0, 5)  # no new connection
    query["thread"].join(QUERY_TIMEOUT + 15)
    assert "error" not in query, query  # never a dropped connection
    assert query["status"] == 503 and query["type"] == "application/problem+json", query
    assert json.loads(query["body"])["code"] == "query_timeout"
    assert process.wait(timeout=20) == 0
    assert wait_until(lambda: not alive(below), 5), f"left running: {alive(below)}"


def test_an_answer_in_flight_is_finished_not_dropped(served: Any) -> None:
    process, port = served
    answers = [in_background(port, "/api/v1/answer?q=" + urllib.parse.quote(q))
               for q in ("Is Pakistan in the OIC?", "Is Turkey in the OIC?", "Which countries are in the OIC?")]
    process.send_signal(signal.SIGTERM)
    for answer in answers:
        answer["thread"].join(20)
        # Sent before the signal: answered (200), or refused cleanly if it had not reached a process yet.
        assert answer.get("status") == 200 or ("error" in answer and "Connection refused" in answer["error"]), answer
    assert sum(a.get("status") == 200 for a in answers) >= 1
    assert process.wait(timeout=20) == 0


def test_a_killed_server_takes_its_processes_with_it(served: Any) -> None:
    process, port = served
    in_background(port, "/sparql", {"query": RUNAWAY})
    time.sleep(1.0)
    below = set(_descendants(process.pid))
    assert len(below) >= 4, below
    process.kill()  # no handler runs: only the kernel's parent-death signal tells the processes
    process.wait(timeout=10)
    assert wait_until(lambda: not alive(below), QUERY_TIMEOUT + 20), f"orphaned: {alive(below)}"
