"""Opening the configured store: build or load the graph for the embedded store, or connect to a remote one."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from sharaka.errors import BuildError
from sharaka.kg.build import CacheCheck, ensure_built, prepare_graph, read_manifest
from sharaka.settings import Settings
from sharaka.store import MemoryStore, Store

log = logging.getLogger(__name__)

EMBEDDED = ("memory", "disk")  # values of the `store` setting that mean the embedded Oxigraph store


def built_graph_path(settings: Settings) -> Path:
    """The built graph of the data directory, built (and cached) when missing, stale or damaged."""
    return ensure_built(Path(settings.data_dir), log=log.info, exclude_noncommercial=settings.exclude_noncommercial)


def open_store(settings: Settings) -> tuple[Store, dict[str, Any]]:
    """The store named by the `store` setting, with the manifest of the graph it holds (for the embedded store,
    with `cache_check`: how the cached graph was checked against its manifest, shown at /readyz)."""
    if settings.store in EMBEDDED:
        data_dir = Path(settings.data_dir)
        path, check = prepare_graph(data_dir, log=log.info, exclude_noncommercial=settings.exclude_noncommercial)
        warn_if_unwritable(data_dir, check, settings)
        try:
            # 'disk': the read-only on-disk copy, opened in milliseconds and ~60 MB; 'memory': loaded, faster queries.
            store = MemoryStore.open_built(path) if settings.store == "disk" else MemoryStore.from_nquads(path)
        except (OSError, ValueError, SyntaxError) as exc:  # checked just now: only a file changed under us
            raise BuildError(f"the graph file {path} could not be loaded ({exc}); start again to rebuild it") from None
        return store, {**(read_manifest(path.parent) or {}), "cache_check": check.as_dict()}
    from sharaka.store.remote import RemoteStore

    remote = RemoteStore.from_settings(settings)
    return remote, remote.manifest()


def warn_if_unwritable(data_dir: Path, check: CacheCheck, settings: Settings) -> None:
    """One line for a data directory the service cannot write (a read-only mount): what works, what does not."""
    if os.access(data_dir, os.W_OK) and check.cached:
        return
    cap = (f"the host-wide cap on long /sparql queries (query_slow_slots={settings.query_slow_slots}) is off, each "
           f"process still runs at most query_slow_workers={settings.query_slow_workers}"
           if settings.query_slow_slots > 0 else "")
    graph = ("its cached graph was checked and is used" if check.cached
             else f"{check.detail}, and built again at the next start")
    log.warning("the data directory %s cannot be written: %s%s", data_dir, graph, f"; {cap}" if cap else "")
