"""Running the queries of strangers: in worker processes that can be killed.

No SPARQL engine we embed can stop a query from inside (see FINDINGS), so /sparql queries on the
embedded store run in a pebble process pool; each worker loads its own copy of the built graph once.
A query that outlives `query_timeout` is cancelled: pebble kills its worker and starts a new one, and
the caller gets QueryTimeout (503). Results come back as bytes, already cut at `max_results`.

Workers start with "forkserver" (or "spawn"), never "fork": the service has threads, and a forked
child would inherit their locks. The pool is created on first use and stopped at exit.
With a remote store there is no pool: the remote server has its own timeout.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import signal
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sharaka.errors import QueryTimeout, SharakaError, StoreUnavailable
from sharaka.settings import Settings
from sharaka.sparql_safety import check_graph_iri, check_query
from sharaka.store import DatasetSpec, MemoryStore, RawResult, Store

log = logging.getLogger(__name__)

# The store of this worker process and the graphs it holds (set by the pool's initializer).
_WORKER_STORE: MemoryStore | None = None
_WORKER_GRAPHS: frozenset[str] = frozenset()


def _load_worker_store(graph_path: str) -> None:
    global _WORKER_STORE, _WORKER_GRAPHS
    # pebble's SIGTERM handler is Python code, which cannot run until Oxigraph returns, so a stopped
    # worker would live on until pebble's SIGKILL 3 s later. The default action ends it at once.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER_STORE = MemoryStore.from_nquads(Path(graph_path))
    _WORKER_GRAPHS = frozenset(g.value for g in _WORKER_STORE.inner.named_graphs())


def _run_in_worker(query: Query) -> RawResult:
    """Parse, check and run: parsing a contrived query can take seconds, so it happens here too,
    under the timeout, where it can be killed."""
    if _WORKER_STORE is None:
        raise StoreUnavailable("the query worker has no graph loaded")
    return _check_and_run(_WORKER_STORE, query, _WORKER_GRAPHS)


def _check_and_run(store: Store, query: Query, graphs: frozenset[str] | None) -> RawResult:
    parsed = check_query(query.text, query.max_length, graphs)
    if query.dataset is not None:  # the protocol's dataset replaces the query's FROM
        for iri in (*query.dataset.default_graphs, *query.dataset.named_graphs):
            check_graph_iri(iri, "default-graph-uri or named-graph-uri", graphs)
    return store.raw(parsed.text, query.result_media_type, query.graph_media_type,
                     query.dataset or parsed.dataset, limit=query.limit)


def _noop() -> None:
    return None


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        # Workers forked from the server start with these imported: a replaced worker is ready sooner.
        context.set_forkserver_preload(["sharaka.sparql_runner"])
    return context


@dataclass(frozen=True)
class Query:
    """A query from outside (pre-checked, not yet parsed) and how to serialize its result."""

    text: str
    result_media_type: str
    graph_media_type: str
    dataset: DatasetSpec | None  # from the protocol's parameters; None: the query's own FROM
    limit: int
    max_length: int


class QueryRunner:
    """A pool of worker processes, each with its own copy of the graph."""

    def __init__(self, graph_path: Path, workers: int) -> None:
        from pebble import ProcessPool

        self.graph_path = graph_path
        self.broken = False
        self._warmed = False
        self.pool = ProcessPool(max_workers=max(1, workers), initializer=_load_worker_store,
                                initargs=(str(graph_path),), context=_context())
        # Admission: a few queries may wait for a worker, more are turned away, so that time in the
        # queue (which pebble's timeout does not count) stays bounded too.
        self._slots = threading.BoundedSemaphore(max(1, workers) * 2)

    def warm(self) -> None:
        """Start the workers now (they load the graph), so that the first query does not wait."""
        if not self._warmed:
            self._warmed = True
            self.pool.schedule(_noop)

    def run(self, query: Query, timeout: float) -> RawResult:
        if not self._slots.acquire(timeout=timeout):
            raise QueryTimeout(f"the endpoint is busy with other queries; none finished within {timeout:g} s. "
                               "Try again shortly")
        try:
            return self._run(query, timeout)
        finally:
            self._slots.release()

    def _run(self, query: Query, timeout: float) -> RawResult:
        from pebble import ProcessExpired

        future = self.pool.schedule(_run_in_worker, args=(query,), timeout=timeout)
        try:
            # pebble's timeout counts from when a worker starts the task; this bound counts the wait too.
            return future.result(timeout=2 * timeout + 5)
        except FutureTimeout:
            future.cancel()
            raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped; "
                               "narrow it (more patterns bound, a LIMIT) and try again") from None
        except ProcessExpired as exc:
            log.warning("query worker died: %s", exc)
            raise StoreUnavailable("the query worker stopped unexpectedly; try again") from None
        except BrokenProcessPool as exc:  # workers cannot start (e.g. the graph file is unreadable)
            log.error("query pool broken: %s", exc)
            self.broken = True
            raise StoreUnavailable("the query workers could not start; try again later") from None
        except SharakaError:
            raise
        except (OSError, ValueError) as exc:  # Oxigraph errors that are not syntax errors
            raise StoreUnavailable(f"the query failed in the store: {exc}") from None

    def close(self) -> None:
        self.pool.stop()
        self.pool.join(timeout=10)


_RUNNERS: dict[tuple[str, int], QueryRunner] = {}
_RUNNERS_LOCK = threading.Lock()


def runner_for(settings: Settings) -> QueryRunner:
    """The pool for this graph and worker count: created on first use, shared, stopped at exit."""
    from kg.build import ensure_built

    key = (str(settings.data_dir), int(settings.sparql_workers))
    with _RUNNERS_LOCK:
        runner = _RUNNERS.get(key)
        if runner is not None and runner.broken:
            runner.close()
            runner = None
        if runner is None:
            if not _RUNNERS:
                atexit.register(close_all)
            # The graph the service loaded; built only if it is missing or stale, never per worker.
            graph_path = ensure_built(Path(settings.data_dir), log=log.info)
            runner = _RUNNERS[key] = QueryRunner(graph_path, key[1])
    return runner


def close_all() -> None:
    with _RUNNERS_LOCK:
        runners = list(_RUNNERS.values())
        _RUNNERS.clear()
    for runner in runners:
        runner.close()


def run_query(store: Store, settings: Settings, query: Query) -> RawResult:
    """Run a query from outside: in a killable worker for the embedded store; for a remote store,
    checked here and run on the server (which has its own timeout)."""
    if store.kind == "memory":
        return runner_for(settings).run(query, float(settings.query_timeout))
    return _check_and_run(store, query, None)
