"""Shared fixtures: the full graph is built once per test session into a temporary data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import BuildResult, build, input_fingerprint, write_graph, write_manifest
from sharaka.settings import Settings
from sharaka.store import MemoryStore


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
    return Settings.load({"data_dir": str(data_dir), "store": "memory"}, environ={})


@pytest.fixture(scope="session")
def memory_store(graph_file: Path) -> MemoryStore:
    return MemoryStore.from_nquads(graph_file)
