"""The QA index kept beside the built graph (sharaka/qa/index_cache.py): read back at a warm start instead of built,
never read when it is damaged or belongs to another graph, and never in the way when it cannot be written."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from sharaka.kg.build import read_manifest
from sharaka.qa.engine import QAEngine
from sharaka.qa.index_cache import KEEP, PREFIX, IndexCache, index_cache_for
from sharaka.qa.lexicon import EntityIndex, build_index
from sharaka.qa.vocabulary import load_vocabulary
from sharaka.settings import Settings
from sharaka.store import MemoryStore
from tests.mini_data import OIC_MEMBERS, OIC_MEMBERS_QUESTION, write_small_data_dir

QUESTIONS = (OIC_MEMBERS_QUESTION, "Which agreements has Pakistan signed?", "Is Turkey in the OIC?",
             "Who are the partners of Pakistn?", "Rank the countries by number of agreements")


@pytest.fixture()
def mini(tmp_path: Path) -> tuple[Path, MemoryStore, IndexCache]:
    directory = write_small_data_dir(tmp_path / "data")
    sha256 = read_manifest(directory)["graph_sha256"]  # type: ignore[index]
    return directory, MemoryStore.from_nquads(directory / "sharaka.nq"), IndexCache(directory, str(sha256))


class Counting:
    """A build function that counts its calls."""

    def __init__(self, store: MemoryStore) -> None:
        self.store, self.calls = store, 0

    def __call__(self) -> EntityIndex:
        self.calls += 1
        return build_index(self.store, load_vocabulary("en"))


def untimed(answer: dict[str, Any]) -> dict[str, Any]:
    """An answer without the times it took (they differ between any two runs)."""
    return {**answer, "elapsed_ms": None, "explanation": {**answer["explanation"], "stages_ms": None}}


def cached_files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.glob(f"{PREFIX}*"))


def test_the_second_start_reads_the_index_and_answers_the_same(mini: tuple[Path, MemoryStore, IndexCache]) -> None:
    directory, store, cache = mini
    build = Counting(store)
    cache.load_or_build(EntityIndex, build)
    assert build.calls == 1 and len(cached_files(directory)) == 2  # the index and its checksum
    assert isinstance(cache.load_or_build(EntityIndex, build), EntityIndex) and build.calls == 1  # read, not built
    fresh, warm = QAEngine(store), QAEngine(store, index_cache=cache)
    for question in QUESTIONS:
        assert untimed(warm.answer(question).to_dict()) == untimed(fresh.answer(question).to_dict()), question
    members = {row["iso3"] for row in warm.answer(OIC_MEMBERS_QUESTION).to_dict()["answers"]}
    assert members == OIC_MEMBERS


def test_a_damaged_index_is_built_again_not_read(mini: tuple[Path, MemoryStore, IndexCache]) -> None:
    _, store, cache = mini
    build = Counting(store)
    cache.load_or_build(EntityIndex, build)
    path = cache.path()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    cache.load_or_build(EntityIndex, build)
    assert build.calls == 2
    cache.load_or_build(EntityIndex, build)
    assert build.calls == 2  # the rebuilt file is whole again
    path.with_suffix(".json").unlink()  # a pickle without its checksum (a crash between the two writes)
    cache.load_or_build(EntityIndex, build)
    assert build.calls == 3


def test_each_graph_gets_its_own_index_and_old_ones_go(mini: tuple[Path, MemoryStore, IndexCache]) -> None:
    directory, store, cache = mini
    build = Counting(store)
    cache.load_or_build(EntityIndex, build)
    others = [IndexCache(directory, str(n) * 64) for n in range(KEEP)]
    assert len({other.key() for other in others} | {cache.key()}) == KEEP + 1
    for other in others:
        other.load_or_build(EntityIndex, build)
        os.utime(other.path(), (time.time() + build.calls, time.time() + build.calls))  # written in this order
    assert build.calls == KEEP + 1
    assert cached_files(directory) == sorted(name for other in others
                                             for name in (other.path().name, other.path().with_suffix(".json").name))
    others[-1].load_or_build(EntityIndex, build)
    assert build.calls == KEEP + 1  # the newest is still read


def test_an_unwritable_place_still_starts(mini: tuple[Path, MemoryStore, IndexCache], tmp_path: Path) -> None:
    """A place the index cannot be written (as root, CI's user, a read-only mode stops nothing: a directory that
    does not exist does)."""
    _, store, cache = mini
    missing = IndexCache(tmp_path / "not-there", cache.graph)
    build = Counting(store)
    assert isinstance(missing.load_or_build(EntityIndex, build), EntityIndex) and build.calls == 1
    assert not (tmp_path / "not-there").exists()


def test_the_graph_is_named_by_its_checksum_or_by_the_version_a_remote_store_holds(tmp_path: Path) -> None:
    embedded = Settings.load({"data_dir": str(tmp_path), "store": "memory"}, environ={})
    remote = Settings.load({"data_dir": str(tmp_path), "store": "http://127.0.0.1:9/query"}, environ={})
    assert index_cache_for(embedded, {"graph_sha256": "ab" * 32, "dataset_version": "v1"}) == IndexCache(tmp_path,
                                                                                                         "ab" * 32)
    assert index_cache_for(remote, {"dataset_version": "v1", "triples": 5}) == IndexCache(tmp_path,
                                                                                          "dataset-version v1")
    assert index_cache_for(embedded, {}) is None  # a store given by a test, with no manifest
    assert index_cache_for(remote, {}) is None  # a remote store that did not answer at start


def test_the_service_keeps_its_index_beside_its_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sharaka.qa import engine as engine_module
    from sharaka.service.app import create_app

    directory = write_small_data_dir(tmp_path / "data")
    settings = Settings.load({"data_dir": str(directory), "store": "memory", "rate_limit": 0}, environ={})
    builds: list[int] = []
    real_build = engine_module.build_index
    monkeypatch.setattr(engine_module, "build_index", lambda *a: builds.append(1) or real_build(*a))
    for _ in range(2):
        app = create_app(settings)
        try:
            answer = app.test_client().get("/api/v1/answer", query_string={"q": OIC_MEMBERS_QUESTION}).get_json()
            assert {row["iso3"] for row in answer["answers"]} == OIC_MEMBERS
        finally:
            app.extensions["sharaka"].close()
    assert len(builds) == 1 and len(cached_files(directory)) == 2  # built at the first start, read at the second


def test_a_remote_store_keeps_its_index_by_the_version_it_holds(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """`sharaka serve --store URL`: built from the remote store once (its start-up queries given more time than an
    answer), then read at the next start as long as the store describes the same dataset version."""
    from sharaka.qa import engine as engine_module
    from sharaka.service.app import create_app
    from sharaka.service.state import INDEX_TIMEOUT_S
    from tests.oxigraph_server import OxigraphServer, bulk_load, remote_settings

    mini = write_small_data_dir(tmp_path / "graph")
    bulk_load(tmp_path / "db", mini / "sharaka.nq")
    data_dir = tmp_path / "service-data"
    data_dir.mkdir()
    builds: list[float] = []
    real_build = engine_module.build_index

    def counting_build(store: Any, vocabulary: Any) -> EntityIndex:
        builds.append(store.http.limits.timeout)
        return real_build(store, vocabulary)

    monkeypatch.setattr(engine_module, "build_index", counting_build)
    with OxigraphServer(location=tmp_path / "db", log_dir=tmp_path) as server:
        for _ in range(2):
            app = create_app(remote_settings(data_dir, server.query_url))
            try:
                answer = app.test_client().get("/api/v1/answer", query_string={"q": OIC_MEMBERS_QUESTION})
                assert {row["iso3"] for row in answer.get_json()["answers"]} == OIC_MEMBERS
            finally:
                app.extensions["sharaka"].close()
    assert builds == [INDEX_TIMEOUT_S]
    assert len(cached_files(data_dir)) == 2
