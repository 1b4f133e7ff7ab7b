"""Opening the configured store: build or load the graph for the embedded store, or connect to a remote one."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.build import GRAPH_FILE, ensure_built, read_manifest
from sharaka.settings import Settings
from sharaka.store import MemoryStore, Store

log = logging.getLogger(__name__)


@dataclass
class GraphInfo:
    """What /version and answers say about the loaded data."""

    dataset_version: str
    triples: int
    store: str


def open_memory_store(settings: Settings) -> tuple[MemoryStore, dict[str, Any]]:
    data_dir = Path(settings.data_dir)
    path = ensure_built(data_dir, log=log.info)
    store = MemoryStore.from_nquads(path)
    return store, read_manifest(data_dir) or {}


def open_store(settings: Settings) -> tuple[Store, dict[str, Any]]:
    """The store named by the `store` setting, with the manifest of the graph it holds."""
    if settings.store == "memory":
        return open_memory_store(settings)
    from sharaka.remote_store import RemoteStore

    remote = RemoteStore.from_settings(settings)
    return remote, remote.manifest()


def built_graph_path(settings: Settings) -> Path:
    data_dir = Path(settings.data_dir)
    return ensure_built(data_dir, log=log.info) if data_dir else data_dir / GRAPH_FILE


def manifest_json(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, indent=2, sort_keys=True)
