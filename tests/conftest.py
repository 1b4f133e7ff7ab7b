"""Shared fixtures: the full graph is built once per test session into a temporary data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import BuildResult, build, input_fingerprint, write_graph, write_manifest
from sharaka.settings import Settings
from sharaka.store import MemoryStore

# The Oxigraph server fixtures (oxigraph_server, remote_store, remote_app), shared by the session.
pytest_plugins = ("tests.oxigraph_server",)


@pytest.fixture(scope="session")
def build_result() -> BuildResult:
    return build()


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory, build_result: BuildResult) -> Path:
    directory = tmp_path_factory.mktemp("sharaka-data")
    write_graph(build_result, directory / "sharaka.nq")
    write_manifest(build_result, directory, input_fingerprint())
    return directory


@pytest.fixture(scope="session")
def graph_file(data_dir: Path) -> Path:
    return data_dir / "sharaka.nq"


@pytest.fixture(scope="session")
def settings(data_dir: Path) -> Settings:
    # No rate limit: the session's app answers thousands of requests from one address. The limiter has its
    # own tests (tests/test_rate_limit.py).
    return Settings.load({"data_dir": str(data_dir), "store": "memory", "rate_limit": 0}, environ={})


@pytest.fixture(scope="session")
def memory_store(graph_file: Path) -> MemoryStore:
    return MemoryStore.from_nquads(graph_file)


@pytest.fixture(scope="session")
def app(settings: Settings, memory_store: MemoryStore):  # type: ignore[no-untyped-def]
    """The service on the full graph (embedded store), shared by the test session."""
    from service.app import create_app

    return create_app(settings, store=memory_store)


@pytest.fixture()
def client(app):  # type: ignore[no-untyped-def]
    return app.test_client()


@pytest.fixture(scope="session")
def live_url(app):  # type: ignore[no-untyped-def]
    """Base URL of a real server on 127.0.0.1 serving the app."""
    from tests.live_server import serve

    with serve(app) as url:
        yield url


@pytest.fixture(scope="session")
def engine(memory_store: MemoryStore):  # type: ignore[no-untyped-def]
    """The QA engine on the full graph (embedded store)."""
    from sharaka.qa.engine import QAEngine

    return QAEngine(memory_store)
