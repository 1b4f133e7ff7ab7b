"""The README's way of running the service really serves: `sharaka serve`, with several processes (whose /sparql
runs queries in worker processes), each started as a real process on 127.0.0.1, on the small hand-made graph
(tests/mini_data.py): what is tested is the server, and its answers there are checked by hand."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.mini_data import OIC_MEMBERS, OIC_MEMBERS_QUESTION, ORGANIZATIONS

pytestmark = pytest.mark.server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str, accept: str = "application/json") -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read()


@contextmanager
def running(command: list[str], port: int, env: dict[str, str], cwd: Path, log: Path | None = None) -> Iterator[str]:
    log = log or cwd / f"server-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if get(f"{base}/readyz")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"{command} did not become ready:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def environment(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["SHARAKA_DATA_DIR"] = str(data_dir)
    env["SHARAKA_STORE"] = "memory"
    return env


def test_sharaka_serve(mini_data_dir: Path, tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "sharaka", "serve", "--port", str(port), "--host", "127.0.0.1"]
    with running(command, port, environment(mini_data_dir), tmp_path) as base:
        status, body = get(f"{base}/api/v1/answer?q=" + urllib.parse.quote(OIC_MEMBERS_QUESTION))
        answer = json.loads(body)
        assert status == 200 and answer["status"] == "answered"
        assert {a["iso3"] for a in answer["answers"]} == OIC_MEMBERS
        status, page = get(f"{base}/", accept="text/html")
        assert status == 200 and b"<form" in page


def test_sharaka_serve_runs_several_processes_that_share_one_rate_limit(mini_data_dir: Path, tmp_path: Path) -> None:
    """Two processes, one SQLite file: a client gets the burst once, not once per process (the log's process ids
    show both answered)."""
    import concurrent.futures
    import urllib.error

    port, burst, log = free_port(), 6, tmp_path / "serve.log"
    command = [sys.executable, "-m", "sharaka", "serve", "--port", str(port), "--workers", "2"]
    env = environment(mini_data_dir)
    env.update(SHARAKA_RATE_LIMIT="1", SHARAKA_RATE_LIMIT_BURST=str(burst),
               SHARAKA_RATE_LIMIT_BACKEND=f"sqlite://{tmp_path}/rate.db")

    def status(_: int) -> int:
        try:
            return get(f"http://127.0.0.1:{port}/api/v1/questions")[0]
        except urllib.error.HTTPError as exc:
            return exc.code

    def answered_by() -> tuple[int, set[str]]:
        served = [line for line in log.read_text().splitlines()
                  if "sharaka.access" in line and "/api/v1/questions" in line]
        return len(served), {line.split("[", 1)[1].split("]", 1)[0] for line in served}

    # Which process accepts a connection is the kernel's choice: on a busy machine one process can take a round of
    # requests alone, so rounds are sent until both have answered (the limit holds whatever the split).
    statuses: list[int] = []
    with running(command, port, env, tmp_path, log=log), concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(10):
            statuses += pool.map(status, range(24))
            time.sleep(0.2)  # the access log is written after the response
            if len(answered_by()[1]) == 2:
                break
    assert sorted(statuses) == [200] * burst + [429] * (len(statuses) - burst)
    logged, pids = answered_by()
    assert logged == len(statuses)
    assert len(pids) == 2, "one process answered everything: the test proves nothing"


def test_sharaka_serve_sparql_in_worker_processes(mini_data_dir: Path, tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "sharaka", "serve", "--port", str(port), "--workers", "2"]
    with running(command, port, environment(mini_data_dir), tmp_path) as base:
        for _ in range(4):  # several requests reach both processes
            status, body = get(f"{base}/api/v1/answer?q=Is+Pakistan+in+the+OIC%3F")
            assert status == 200 and json.loads(body)["value"] is True
        query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s a "
                                   "<https://w3id.org/sharaka/ontology#InternationalOrganization> }")
        status, csv = get(f"{base}/sparql?query={query}", accept="text/csv")
        assert status == 200 and csv.decode().split() == ["n", str(ORGANIZATIONS)]


def test_a_port_in_use_is_one_line_and_no_traceback(mini_data_dir: Path, tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "sharaka", "serve", "--port", str(port)], cwd=tmp_path,
                                env=environment(mini_data_dir), capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
