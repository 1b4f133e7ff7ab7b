"""The README's ways of running the service really serve: `sharaka serve` and gunicorn with several
workers (whose /sparql runs queries in worker processes), each started as a real process on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
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
def running(command: list[str], port: int, env: dict[str, str], cwd: Path) -> Iterator[str]:
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
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
                output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                pytest.fail(f"{command[0]} did not become ready:\n{output[-3000:]}")
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


def test_sharaka_serve(data_dir: Path, tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "sharaka", "serve", "--port", str(port), "--host", "127.0.0.1"]
    with running(command, port, environment(data_dir), tmp_path) as base:
        status, body = get(f"{base}/api/v1/answer?q=Who+left+CENTO%3F")
        answer = json.loads(body)
        assert status == 200 and answer["status"] == "answered"
        assert {a["iso3"] for a in answer["answers"]} >= {"IRQ", "IRN", "PAK", "TUR"}
        status, page = get(f"{base}/", accept="text/html")
        assert status == 200 and b"<form" in page


def test_gunicorn_with_preload_and_two_workers(data_dir: Path, tmp_path: Path) -> None:
    gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).with_name("gunicorn"))
    if not Path(gunicorn).exists():
        pytest.fail("gunicorn is a dependency of the package but is not installed")
    port = free_port()
    command = [gunicorn, "-w", "2", "--preload", "-b", f"127.0.0.1:{port}", "service.app:create_app()"]
    env = environment(data_dir)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent)
    with running(command, port, env, tmp_path) as base:
        for _ in range(4):  # several requests reach both workers
            status, body = get(f"{base}/api/v1/answer?q=Is+Turkey+in+NATO%3F")
            assert status == 200 and json.loads(body)["value"] is True
        query = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { ?s a "
                                   "<https://w3id.org/sharaka/ontology#InternationalOrganization> }")
        status, csv = get(f"{base}/sparql?query={query}", accept="text/csv")
        assert status == 200 and csv.decode().split() == ["n", "26"]


def test_gunicorn_workers_share_one_rate_limit(data_dir: Path, tmp_path: Path) -> None:
    """Two workers, one SQLite file: a client gets the burst once, not once per worker (the access log's
    process ids show both workers answered)."""
    import concurrent.futures
    import urllib.error

    gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).with_name("gunicorn"))
    port, burst, access_log = free_port(), 6, tmp_path / "access.log"
    command = [gunicorn, "-w", "2", "--preload", "-b", f"127.0.0.1:{port}", "--access-logfile", str(access_log),
               "--access-logformat", "%(p)s %(s)s %(U)s", "service.app:create_app()"]
    env = environment(data_dir)
    env.update(PYTHONPATH=str(Path(__file__).resolve().parent.parent), SHARAKA_RATE_LIMIT="1",
               SHARAKA_RATE_LIMIT_BURST=str(burst), SHARAKA_RATE_LIMIT_BACKEND=f"sqlite://{tmp_path}/rate.db")

    def status(_: int) -> int:
        try:
            return get(f"http://127.0.0.1:{port}/api/v1/questions")[0]
        except urllib.error.HTTPError as exc:
            return exc.code

    with running(command, port, env, tmp_path), concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(status, range(24)))
    assert sorted(statuses) == [200] * burst + [429] * (24 - burst)
    served = [line.split() for line in access_log.read_text().splitlines() if line.endswith("/api/v1/questions")]
    assert len(served) == 24
    assert len({pid for pid, _, _ in served}) == 2, "one worker answered everything: the test proves nothing"
