"""The on-disk copy of the built graph (Oxigraph/RocksDB), opened read-only by the service and the query workers.

Why: a graph of ~1.6 million quads (with the SIPRI register) takes ~600 MB and several seconds to load into
memory in every process; the read-only copy opens in milliseconds and costs ~60 MB, the processes sharing its
pages through the OS cache. Queries are ~1.5–2× slower than in memory, still milliseconds (docs/sources.md,
"Sizes"). The copy is built once per graph version, next to the graph, under a file lock; if it cannot be built
the caller loads the graph into memory instead.

A process that uses a copy holds a shared lock on its `in-use.lock` for as long as it lives (the kernel drops it
when the process ends, however it ends). Building a new version removes only the old copies that no process
holds: a second service with another graph file in the same directory no longer deletes the first one's copy.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

log = logging.getLogger(__name__)

DISK_PREFIX = "oxigraph-ro-"
IN_USE = "in-use.lock"
_HELD: dict[Path, int] = {}  # copies this process uses → the descriptor holding their shared lock


def disk_copy(graph_path: Path) -> Path | None:
    """The read-only on-disk copy of the graph at `graph_path`, built if missing and held in use by this process
    until it ends; None if it cannot be."""
    try:
        return _disk_copy(graph_path)
    except OSError as exc:
        log.warning("no on-disk copy of the graph (%s): it is loaded in memory instead", exc)
        return None


def _disk_copy(graph_path: Path) -> Path:
    stat = graph_path.stat()
    version = f"{stat.st_size}-{stat.st_mtime_ns}"
    target = graph_path.parent / f"{DISK_PREFIX}{version}"
    with (graph_path.parent / f".{DISK_PREFIX}lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder; the other processes wait and then open it
        if not (target / "ready.json").exists():
            _remove_unused(graph_path.parent, keep=target)
            _build(graph_path, target, version)
        _hold(target)  # under the builder's lock: no other process can remove it between the two
        return target


def _build(graph_path: Path, target: Path, version: str) -> None:
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=graph_path.parent))
    store = ox.Store(str(building))
    # Lenient: the file is our own build output (canonical N-Quads, checked by the build and SHACL).
    store.bulk_load(path=str(graph_path), format=ox.RdfFormat.N_QUADS, lenient=True)
    store.flush()
    del store  # closes RocksDB before the rename
    (building / "ready.json").write_text(json.dumps({"graph": str(graph_path), "version": version}))
    building.rename(target)
    log.info("built the read-only on-disk copy of the graph at %s", target)


def _hold(copy: Path) -> None:
    if copy in _HELD:
        return
    fd = os.open(copy / IN_USE, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_SH)
    _HELD[copy] = fd


def _remove_unused(directory: Path, keep: Path) -> None:
    """Remove the copies of other versions that no process holds (tried without waiting)."""
    for stale in directory.glob(DISK_PREFIX + "*"):
        if stale == keep or stale in _HELD:
            continue
        try:
            fd = os.open(stale / IN_USE, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:  # a copy left half-built, or not ours to open: leave it
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.info("kept %s: another process is using it", stale)
            continue
        finally:
            os.close(fd)  # (a successful exclusive lock is dropped with it: the directory goes next)
        shutil.rmtree(stale, ignore_errors=True)


def release(copy: Path) -> None:
    """Stop holding a copy (tests; a process's copies are otherwise released when it ends)."""
    fd = _HELD.pop(copy, None)
    if fd is not None:
        os.close(fd)
