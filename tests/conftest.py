"""Shared fixtures: the full graph is built once per test session into a temporary data dir."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sharaka.kg.build import BuildResult, build, input_fingerprint, write_graph, write_manifest
from sharaka.settings import Settings
from sharaka.store import MemoryStore

# The Oxigraph server fixtures (oxigraph_server, remote_store, remote_app), shared by the session; the browser
# fixtures of the chat's tests (browser, chat, phone_chat).
pytest_plugins = ("tests.oxigraph_server", "tests.browser_chat")


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
def reduced_data_dir(tmp_path_factory: pytest.TempPathFactory, build_result: BuildResult) -> Path:
    """The real graph without its largest named graph (SIPRI's 1.2 M quads): for tests of whole-pipeline tools
    (the benchmark run, the synthetic generator) whose subject is the tool, not the SIPRI data. Its manifest
    carries today's fingerprint, so a process started on it uses it as it is."""
    from tests.fixture_manifest import write_fixture_manifest

    directory = tmp_path_factory.mktemp("sharaka-reduced-data")
    sipri = "<https://w3id.org/sharaka/graph/sipri> ."
    lines = [line for line in build_result.lines if not line.rstrip().endswith(sipri)]
    (directory / "sharaka.nq").write_text("".join(lines), encoding="utf-8")
    return write_fixture_manifest(directory, len(lines), {"reduced": len(lines)}, build_result.version)


@pytest.fixture(scope="session")
def mini_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding the small hand-made graph (tests/fixtures/mini.trig), its manifest checking out:
    for tests of the server's mechanics, where the data does not matter (a server starts in seconds on it)."""
    from tests.mini_data import write_small_data_dir

    return write_small_data_dir(tmp_path_factory.mktemp("sharaka-mini-data"))


@pytest.fixture(scope="session")
def graph_file(data_dir: Path) -> Path:
    return data_dir / "sharaka.nq"


@pytest.fixture(scope="session")
def small_graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A graph of ~4,100 quads (tests/small_graph.py), for tests of mechanics where the data does not matter."""
    from tests.small_graph import write_small_graph

    return write_small_graph(tmp_path_factory.mktemp("small-graph") / "sharaka.nq")


@pytest.fixture(scope="session")
def small_data_dir(small_graph_file: Path) -> Path:
    """A data directory whose built graph is the small graph: its manifest carries the sources' fingerprint, so a
    process started on it (`sharaka serve`, gunicorn, the load scripts) uses it as it is and builds nothing."""
    from tests.small_graph import write_small_manifest

    return write_small_manifest(small_graph_file.parent)


@pytest.fixture(scope="session")
def small_settings(small_graph_file: Path) -> Settings:
    """Settings whose data directory holds only the small graph (apps made with them are given their store)."""
    return Settings.load({"data_dir": str(small_graph_file.parent), "store": "memory", "rate_limit": 0}, environ={})


@pytest.fixture(scope="session")
def settings(data_dir: Path) -> Settings:
    # No rate limit: the session's app answers thousands of requests from one address. The limiter has its
    # own tests (tests/test_rate_limit.py).
    return Settings.load({"data_dir": str(data_dir), "store": "memory", "rate_limit": 0}, environ={})


@pytest.fixture(scope="session")
def memory_store(graph_file: Path) -> MemoryStore:
    return MemoryStore.from_nquads(graph_file)


@pytest.fixture(scope="session")
def reduced_memory_store(reduced_data_dir: Path) -> MemoryStore:
    """The graph without SIPRI's register in an embedded store: for tests that run every benchmark query, twice, to
    compare two ways of running them (the full graph's path queries take Oxigraph tens of seconds)."""
    return MemoryStore.from_nquads(reduced_data_dir / "sharaka.nq")


@pytest.fixture(scope="session")
def app(settings: Settings, memory_store: MemoryStore):  # type: ignore[no-untyped-def]
    """The service on the full graph (embedded store), shared by the test session. Its /sparql workers are started
    and waited for here, once (loading the full graph takes tens of seconds on a busy machine; a query that came
    first would get 503 graph_not_ready after query_timeout)."""
    from sharaka.service.app import create_app

    made = create_app(settings, store=memory_store)
    assert made.extensions["sharaka"].sparql.runner().wait_started(600), "the /sparql workers did not load the graph"
    return made


@pytest.fixture()
def app_settings(app: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Change settings of the running service for one test: `app_settings(query_timeout=1)`."""
    from tests.sparql_helpers import settings_changer

    return settings_changer(app, monkeypatch)


@pytest.fixture(scope="module")
def remote_like(settings: Settings, memory_store: MemoryStore) -> Any:
    """(app, store): the service on the embedded store dressed as a remote one (tests/sparql_helpers.RemoteLike)."""
    from sharaka.service.app import create_app
    from tests.sparql_helpers import RemoteLike

    store = RemoteLike(memory_store)
    return create_app(settings, store=store), store


@pytest.fixture()
def listener() -> Any:
    """A listener on 127.0.0.1 counting the connections made to it (tests/net_listener.py)."""
    from tests.net_listener import Listener

    found = Listener()
    yield found
    found.close()


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
