"""Opening the configured store: build or load the graph for the embedded store, or connect to a remote one."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from kg.build import ensure_built, read_manifest
from sharaka.settings import Settings
from sharaka.store import MemoryStore, Store

log = logging.getLogger(__name__)


def built_graph_path(settings: Settings) -> Path:
    """The built graph of the data directory, built (and cached) when missing or stale."""
    return ensure_built(Path(settings.data_dir), log=log.info)


def open_store(settings: Settings) -> tuple[Store, dict[str, Any]]:
    """The store named by the `store` setting, with the manifest of the graph it holds."""
    if settings.store == "memory":
        store = MemoryStore.from_nquads(built_graph_path(settings))
        return store, read_manifest(Path(settings.data_dir)) or {}
    from sharaka.remote_store import RemoteStore

    remote = RemoteStore.from_settings(settings)
    return remote, remote.manifest()
