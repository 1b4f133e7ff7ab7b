"""The worker-process side of /sparql: what a query worker holds and runs.

Each worker opens one on-disk copy of the graph read-only (Oxigraph/RocksDB): the workers of every lane
and of every gunicorn process share it through the OS page cache, so a worker costs ~60 MB instead of a
~150 MB in-memory copy, and a killed worker is replaced in a few hundred ms instead of re-loading the graph
(measured: open 0.03 s vs load 0.7 s; queries ~1.5× slower than in memory, still ms). The copy is built
once per graph version, next to the graph, under a file lock; if it cannot be built the workers load the
graph into memory as before.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import signal
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from sharaka.errors import StoreUnavailable
from sharaka.sparql_safety import check_graph_iri, check_query
from sharaka.store import DatasetSpec, MemoryStore, RawResult, Store

log = logging.getLogger(__name__)

DISK_PREFIX = "oxigraph-ro-"

# The store of this worker process and the graphs it holds (set by the pool's initializer).
_WORKER_STORE: MemoryStore | None = None
_WORKER_GRAPHS: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Query:
    """A query from outside (pre-checked, not yet parsed) and how to serialize its result."""

    text: str
    result_media_type: str
    graph_media_type: str
    dataset: DatasetSpec | None  # from the protocol's parameters; None: the query's own FROM
    limit: int
    max_length: int


def disk_copy(graph_path: Path) -> Path | None:
    """The read-only on-disk copy of the graph at `graph_path`, built if missing; None if it cannot be."""
    try:
        return _disk_copy(graph_path)
    except OSError as exc:
        log.warning("no on-disk copy of the graph for the query workers (%s); they load it in memory", exc)
        return None


def _disk_copy(graph_path: Path) -> Path:
    stat = graph_path.stat()
    version = f"{stat.st_size}-{stat.st_mtime_ns}"
    target = graph_path.parent / f"{DISK_PREFIX}{version}"
    with (graph_path.parent / f".{DISK_PREFIX}lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder; the other processes wait and then open it
        if (target / "ready.json").exists():
            return target
        for stale in graph_path.parent.glob(DISK_PREFIX + "*"):
            shutil.rmtree(stale, ignore_errors=True)
        building = Path(tempfile.mkdtemp(prefix=".building-", dir=graph_path.parent))
        store = ox.Store(str(building))
        store.bulk_load(path=str(graph_path), format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store  # closes RocksDB before the rename
        (building / "ready.json").write_text(json.dumps({"graph": str(graph_path), "version": version}))
        building.rename(target)
        log.info("built the query workers' read-only copy of the graph at %s", target)
        return target


def open_worker_store(graph_path: str, disk_path: str | None, nice: int) -> None:
    """Pool initializer: open (or load) the graph in this worker, at the lane's priority."""
    global _WORKER_STORE, _WORKER_GRAPHS
    # pebble's SIGTERM handler is Python code, which cannot run until Oxigraph returns, so a stopped
    # worker would live on until pebble's SIGKILL 3 s later. The default action ends it at once.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGPROF, signal.SIG_DFL)  # the CPU limit of run_in_worker ends the process
    if nice:
        os.nice(nice)  # the slow lane yields the CPU to the service and the fast lane
    if disk_path is not None:
        _WORKER_STORE = MemoryStore(ox.Store.read_only(disk_path))
    else:
        _WORKER_STORE = MemoryStore.from_nquads(Path(graph_path))
    _WORKER_GRAPHS = frozenset(g.value for g in _WORKER_STORE.inner.named_graphs())


class ObviouslyExpensive(Exception):
    """The fast lane declines a query whose shape says it is expensive (sharaka.query_cost), before running it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def run_in_worker(query: Query, cpu_limit: float | None = None, judge_cost: bool = False) -> RawResult:
    """Parse, check and run: parsing a contrived query can take seconds, so it happens here too,
    under the time limit, where it can be killed. With `judge_cost` (the fast lane), a query whose shape is
    obviously expensive is not run: ObviouslyExpensive, having cost only its parse.

    With `cpu_limit`, the kernel ends this worker with SIGPROF once the query has used that much CPU time
    (SIGPROF's default action; no Python handler, which could not run while Oxigraph holds the interpreter).
    CPU time, not wall time: a normal query on a busy machine waits for the CPU but does not use more of it."""
    if _WORKER_STORE is None:
        raise StoreUnavailable("the query worker has no graph loaded")
    if cpu_limit is not None:
        signal.setitimer(signal.ITIMER_PROF, max(cpu_limit, 0.001))
    try:
        return check_and_run(_WORKER_STORE, query, _WORKER_GRAPHS, judge_cost)
    finally:
        if cpu_limit is not None:
            signal.setitimer(signal.ITIMER_PROF, 0)


def check_and_run(store: Store, query: Query, graphs: frozenset[str] | None, judge_cost: bool = False) -> RawResult:
    parsed = check_query(query.text, query.max_length, graphs, judge_cost=judge_cost)
    if query.dataset is not None:  # the protocol's dataset replaces the query's FROM
        for iri in (*query.dataset.default_graphs, *query.dataset.named_graphs):
            check_graph_iri(iri, "default-graph-uri or named-graph-uri", graphs)
    if parsed.expensive:  # after every check that refuses it: a bad query gets its 400 from the fast lane
        raise ObviouslyExpensive(parsed.expensive)
    return store.raw(parsed.text, query.result_media_type, query.graph_media_type,
                     query.dataset or parsed.dataset, limit=query.limit)


def noop() -> None:
    return None
