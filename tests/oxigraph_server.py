"""A real Oxigraph server (PyPI package `oxigraph`) for the remote-store tests, and its fixtures.

`OxigraphServer` starts `oxigraph serve --bind 127.0.0.1:PORT --union-default-graph` (with
`--location DIR` when persistent) as a subprocess, waits until it answers, and can be killed and
restarted on the same port and location. Without the `oxigraph` command the tests are skipped,
except in CI (CI=true), where they fail: CI must run them.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib.namespace import RDFS

from sharaka.kg.vocab import BASE, GRAPH
from sharaka.settings import Settings
from sharaka.store.remote import RemoteStore, load_into_remote

OXIGRAPH = shutil.which("oxigraph")


def require_oxigraph() -> str:
    if OXIGRAPH is None:
        reason = "the `oxigraph` command is not installed (pip install oxigraph)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI must run the remote-store tests")
        pytest.skip(reason)
    return OXIGRAPH


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class OxigraphServer:
    """One `oxigraph serve` process; in memory unless `location` is given."""

    def __init__(self, location: Path | None = None, port: int | None = None, union_default_graph: bool = True,
                 log_dir: Path | None = None, extra_args: tuple[str, ...] = ()) -> None:
        self.location = location
        self.extra_args = extra_args  # e.g. ("--timeout-s", "3")
        self.port = port or free_port()
        self.union_default_graph = union_default_graph
        self.log_path = (log_dir or location or Path("/tmp")) / f"oxigraph-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def query_url(self) -> str:
        return self.base_url + "/query"

    @property
    def store_url(self) -> str:
        return self.base_url + "/store"

    def command(self) -> list[str]:
        command = [require_oxigraph(), "serve", "--bind", f"127.0.0.1:{self.port}"]
        if self.location is not None:
            command += ["--location", str(self.location)]
        if self.union_default_graph:
            command.append("--union-default-graph")
        return command + list(self.extra_args)

    # A restart after SIGKILL replays RocksDB's log: measured at ~18 s on a busy 2-core machine (benchmarks/faults.py).
    def start(self, wait: float = 60.0) -> OxigraphServer:
        assert self.process is None or self.process.poll() is not None, "already running"
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT)
        self.wait_until_answering(wait)
        return self

    def answers(self) -> bool:
        request = urllib.request.Request(self.query_url, data=urllib.parse.urlencode({"query": "ASK {}"}).encode(),
                                         headers={"Accept": "application/sparql-results+json"})
        try:
            with urllib.request.urlopen(request, timeout=1) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def wait_until_answering(self, wait: float) -> None:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"oxigraph exited with {self.process.returncode}; see {self.log_path}")
            if self.answers():
                return
            time.sleep(0.05)
        raise RuntimeError(f"oxigraph did not answer within {wait} s; see {self.log_path}")

    def stop(self) -> None:
        """Terminate (SIGTERM), then kill if it does not stop."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def kill(self) -> None:
        """SIGKILL: the store dies as in a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def restart(self, wait: float = 60.0) -> OxigraphServer:
        self.stop()
        return self.start(wait)

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def __enter__(self) -> OxigraphServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# A few quads in one of our named graphs: enough for tests of what is sent to a remote store, or refused before,
# that need a real `oxigraph serve` but not the full graph (loading 1.6 M quads takes minutes on a busy machine).
SMALL_GRAPH = f"{GRAPH}small"
SMALL_NQUADS = "".join(f"<{BASE}id/{s}> <{RDFS}label> \"{label}\"@en <{SMALL_GRAPH}> .\n" for s, label in [
    ("nation/PAK", "Pakistan"), ("nation/EGY", "Egypt"), ("organization/OIC", "Organisation of Islamic Cooperation")])


def remote_settings(data_dir: Path, url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {"data_dir": str(data_dir), "store": url, "store_connect_timeout": 2.0,
                                 "store_timeout": 10.0, "store_retries": 2, "rate_limit": 0}
    values.update(overrides)
    return Settings.load(values, environ={})


def bulk_load(location: Path, graph_file: Path) -> None:
    """`oxigraph load` into a store directory before its server starts: ~10 s for the full graph's 1.6 M quads,
    where the Graph Store PUT of `load_into_remote` takes minutes on a busy machine. `load_into_remote` itself is
    tested on small graphs (tests/test_remote_store.py)."""
    subprocess.run([require_oxigraph(), "load", "--location", str(location), "--file", str(graph_file)],
                   check=True, capture_output=True, timeout=600)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory, graph_file: Path) -> Iterator[OxigraphServer]:
    """A persistent Oxigraph server (RocksDB in a temp dir) holding the full built graph, for the whole session."""
    location = tmp_path_factory.mktemp("oxigraph") / "db"
    bulk_load(location, graph_file)
    server = OxigraphServer(location=location, log_dir=tmp_path_factory.mktemp("oxigraph-log"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def remote_store(oxigraph_server: OxigraphServer, data_dir: Path) -> RemoteStore:
    return RemoteStore.from_settings(remote_settings(data_dir, oxigraph_server.query_url))


@pytest.fixture(scope="session")
def remote_app(remote_store: RemoteStore, data_dir: Path):  # type: ignore[no-untyped-def]
    """The service on the Oxigraph server, started the way `sharaka serve --store URL` starts it, and ready (its QA
    index built from the store in the background, as a deployment waits for /readyz)."""
    from sharaka.service.app import create_app

    return wait_ready(create_app(remote_settings(data_dir, remote_store.query_url)))


def wait_ready(app: Any, seconds: float = 300) -> Any:
    """The app once /readyz says 200 (503 until then), within `seconds`."""
    client, deadline = app.test_client(), time.monotonic() + seconds
    while (ready := client.get("/readyz")).status_code != 200 and time.monotonic() < deadline:
        assert ready.status_code == 503, ready.get_data(as_text=True)
        time.sleep(0.5)
    assert ready.status_code == 200, ready.get_data(as_text=True)
    return app


@pytest.fixture(scope="session")
def small_oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """An in-memory Oxigraph server holding SMALL_NQUADS (3 quads) only, for the session."""
    require_oxigraph()
    directory = tmp_path_factory.mktemp("oxigraph-small")
    graph = directory / "small.nq"
    graph.write_text(SMALL_NQUADS, encoding="utf-8")
    with OxigraphServer(log_dir=directory) as server:
        load_into_remote(graph, server.store_url, remote_settings(directory, server.query_url))
        yield server


@pytest.fixture(scope="session")
def small_remote_app(small_oxigraph_server: OxigraphServer, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The service on the small Oxigraph server, started the way `sharaka serve --store URL` starts it."""
    from sharaka.service.app import create_app

    return create_app(remote_settings(tmp_path_factory.mktemp("small-remote-data"), small_oxigraph_server.query_url))
