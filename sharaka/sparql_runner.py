"""Running the queries of strangers: in worker processes that can be killed, in two lanes.

No SPARQL engine we embed can stop a query from inside (see FINDINGS), so /sparql queries on the
embedded store run in pebble process pools (worker side: sharaka.query_workers). A worker running a
query past its time is killed and replaced.

Two lanes, so that normal queries never wait behind expensive ones:
- every query first runs in the *fast lane* (`sparql_workers` processes) until it has used
  `query_fast_slice` seconds of CPU time (CPU, not wall time: on a busy machine a normal query waits
  longer but does not cost more); nearly every real query ends there, in milliseconds;
- a query that uses more is killed there and re-run in the *slow lane* (`query_slow_workers`
  processes started with nice 10, so the service and the fast lane get the CPU first) for the rest of
  `query_timeout`. The slow lane takes no queue: when its workers are busy, or this client already holds
  its share of them, or the host already runs `query_slow_slots` long queries across all its service
  processes (sharaka.host_slots), the query is refused at once (503 query_busy, Retry-After). Only queries known to be
  expensive are ever refused that way. A query that overran the slice is remembered (by its text), so
  that sending it again goes straight to the slow lane instead of burning another fast slice.
- Before running a query the fast lane looks at its parsed shape (sharaka.query_cost): an obvious cross
  product, a `?s ?p ?o` joined by nothing, an open `*` path… goes to the slow lane having cost only its parse
  (milliseconds), not a whole slice, and without a fast worker killed and replaced.
- A client (its address, as the rate limiter sees it) whose queries overran the slice `client_overruns`
  times within `client_window_s` sends its next queries straight to the slow lane for `client_probation_s`:
  fresh pathological texts from one client cost the fast lane a couple of slices, not one each.
- A query ends within `query_timeout` (+ the time to notice) in every case: 503 query_timeout.

Workers start with "forkserver" (or "spawn"), never "fork": the service has threads, and a forked
child would inherit their locks. The lanes are created on first use and stopped at exit.
With a remote store there are no lanes: the remote server has its own timeout.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import multiprocessing
import signal
import threading
import time
from collections import Counter, OrderedDict, deque
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from sharaka.errors import QueryBusy, QueryTimeout, SharakaError, StoreUnavailable
from sharaka.host_slots import HostSlots
from sharaka.query_workers import (
    ObviouslyExpensive,
    Query,
    check_and_run,
    disk_copy,
    noop,
    open_worker_store,
    run_in_worker,
)
from sharaka.settings import Settings
from sharaka.store import RawResult, Store

__all__ = ["Lane", "Query", "QueryRunner", "close_all", "run_query", "runner_for"]

log = logging.getLogger(__name__)

SLOW_NICE = 10
# Beyond its own time limit, how long a lane may take to hand a result back (a killed worker being
# replaced, pickling): the difference between "limit" and "limit + the time to notice".
GRACE_S = 0.5
REMEMBERED_QUERIES = 1024
REMEMBERED_CLIENTS = 4096


class OutOfTime(Exception):
    """The lane stopped the query at its time limit (internal: the runner decides what the client sees)."""


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        # Workers forked from the server start with these imported: a replaced worker is ready sooner.
        context.set_forkserver_preload(["sharaka.query_workers"])
    return context


class Lane:
    """A pebble pool of worker processes at one priority; at most one query per worker is admitted, so
    pebble's own queue stays empty and its timeout (counted from the start of the task) is the real one."""

    def __init__(self, name: str, graph_path: Path, disk_path: Path | None, workers: int, nice: int = 0) -> None:
        from pebble import ProcessPool

        self.name = name
        self.workers = max(1, workers)
        self.broken = False
        self.pool = ProcessPool(max_workers=self.workers, initializer=open_worker_store,
                                initargs=(str(graph_path), str(disk_path) if disk_path else None, nice),
                                context=_context())
        self._free = threading.BoundedSemaphore(self.workers)

    def admit(self, wait: float) -> bool:
        """Take a worker, waiting at most `wait` seconds (0: only if one is free now)."""
        return self._free.acquire(timeout=wait) if wait > 0 else self._free.acquire(blocking=False)

    def release(self) -> None:
        self._free.release()

    def warm(self) -> None:
        self.pool.schedule(noop)

    def run(self, query: Query, limit: float, cpu_limit: float | None = None, judge_cost: bool = False) -> RawResult:
        """Run an admitted query for at most `limit` seconds (and `cpu_limit` seconds of CPU time);
        OutOfTime if it was stopped; ObviouslyExpensive (not run) if `judge_cost` and its shape says so."""
        from pebble import ProcessExpired

        future = self.pool.schedule(run_in_worker, args=(query, cpu_limit, judge_cost), timeout=limit)
        try:
            return future.result(timeout=limit + GRACE_S)
        except (FutureTimeout, TimeoutError):  # pebble's timeout, or ours while a worker was replaced
            future.cancel()
            raise OutOfTime() from None
        except ProcessExpired as exc:
            if exc.exitcode == -signal.SIGPROF:  # the CPU limit
                raise OutOfTime() from None
            log.warning("%s-lane query worker died: %s", self.name, exc)
            raise StoreUnavailable("the query worker stopped unexpectedly; try again") from None
        except BrokenProcessPool as exc:  # workers cannot start (e.g. the graph file is unreadable)
            log.error("%s-lane query pool broken: %s", self.name, exc)
            self.broken = True
            raise StoreUnavailable("the query workers could not start; try again later") from None
        except SharakaError:
            raise
        except (OSError, ValueError) as exc:  # Oxigraph errors that are not syntax errors
            raise StoreUnavailable(f"the query failed in the store: {exc}") from None

    def close(self) -> None:
        self.pool.stop()
        self.pool.join(timeout=10)


def fingerprint(query: Query) -> str:
    """Same text (up to whitespace), same dataset: the same work."""
    dataset = query.dataset
    graphs = (tuple(dataset.default_graphs), tuple(dataset.named_graphs)) if dataset is not None else None
    return hashlib.sha256(repr((" ".join(query.text.split()), graphs)).encode()).hexdigest()


class QueryRunner:
    """The fast and the slow lane of one service process, and what it remembers about past queries and clients."""

    # A client with this many fast-slice overruns within the window goes straight to the slow lane for a while.
    client_overruns = 2
    client_window_s = 60.0
    client_probation_s = 60.0

    def __init__(self, graph_path: Path, fast_workers: int, slow_workers: int, judge_cost: bool = True,
                 host_slots: int = 0) -> None:
        self.graph_path = graph_path
        # Across the processes of this host (gunicorn -w N), at most this many long queries at once.
        self.host_slots = HostSlots(graph_path.parent, "slow-lane", host_slots) if host_slots > 0 else None
        self._slot_of: dict[str, list[int]] = {}
        self.judge_cost = judge_cost  # off only to measure what the static check saves (benchmarks/lanes.py)
        disk_path = disk_copy(graph_path)
        self.fast = Lane("fast", graph_path, disk_path, fast_workers)
        self.slow = Lane("slow", graph_path, disk_path, slow_workers, nice=SLOW_NICE) if slow_workers > 0 else None
        # One client may hold half the slow workers (at least one), so another can still get in.
        self.per_client = max(1, (slow_workers + 1) // 2)
        self._warmed = False
        self._lock = threading.Lock()
        self._expensive: OrderedDict[str, None] = OrderedDict()
        self._slow_by_client: Counter[str] = Counter()
        self._overruns: OrderedDict[str, deque[float]] = OrderedDict()  # client → times of its recent overruns

    @property
    def broken(self) -> bool:
        return self.fast.broken or (self.slow is not None and self.slow.broken)

    def warm(self) -> None:
        """Start the workers now (they open the graph), so that the first query does not wait."""
        if not self._warmed:
            self._warmed = True
            self.fast.warm()
            if self.slow is not None:
                self.slow.warm()

    def run(self, query: Query, timeout: float, fast_slice: float, client: str = "") -> RawResult:
        deadline = time.monotonic() + timeout
        key = fingerprint(query)
        why = ("this query runs longer than the fast lane allows" if self.known_expensive(key)
               else "your recent queries ran longer than the fast lane allows" if self.on_probation(client)
               else "")
        if not why:
            if not self.fast.admit(wait=timeout):
                raise QueryTimeout(f"the endpoint is busy with other queries; none finished within {timeout:g} s. "
                                   "Try again shortly")
            try:
                return self.fast.run(query, deadline - time.monotonic(), cpu_limit=fast_slice,
                                     judge_cost=self.judge_cost)
            except OutOfTime:
                self._remember(key)
                self._note_overrun(client)
                why = "this query runs longer than the fast lane allows"
            except ObviouslyExpensive as exc:
                self._remember(key)
                why = f"this query is expensive by its shape ({exc.reason})"
            finally:
                self.fast.release()
        return self._run_slow(query, key, deadline, timeout, client, why)

    def _run_slow(self, query: Query, key: str, deadline: float, timeout: float, client: str, why: str) -> RawResult:
        remaining = deadline - time.monotonic()
        if self.slow is None or remaining <= GRACE_S:
            raise self._timeout(timeout)
        refused = self._admit_slow(client)
        if refused:
            raise QueryBusy(f"{why}, and {refused}; try again shortly, or narrow it (more patterns bound, a LIMIT)")
        started = time.monotonic()
        try:
            result = self.slow.run(query, remaining)
        except OutOfTime:
            raise self._timeout(timeout) from None
        finally:
            self._release_slow(client)
        if time.monotonic() - started < GRACE_S:
            self._forget(key)  # it was slow only then (a busy machine): give it the fast lane again
        return result

    @staticmethod
    def _timeout(timeout: float) -> QueryTimeout:
        return QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped; "
                            "narrow it (more patterns bound, a LIMIT) and try again")

    def known_expensive(self, key: str) -> bool:
        with self._lock:
            if key in self._expensive:
                self._expensive.move_to_end(key)
                return True
            return False

    def _remember(self, key: str) -> None:
        with self._lock:
            self._expensive[key] = None
            self._expensive.move_to_end(key)
            while len(self._expensive) > REMEMBERED_QUERIES:
                self._expensive.popitem(last=False)

    def _forget(self, key: str) -> None:
        with self._lock:
            self._expensive.pop(key, None)

    def _note_overrun(self, client: str) -> None:
        if not client or self.client_overruns <= 0:
            return
        now = time.monotonic()
        with self._lock:
            times = self._overruns.setdefault(client, deque(maxlen=self.client_overruns))
            times.append(now)
            self._overruns.move_to_end(client)
            while len(self._overruns) > REMEMBERED_CLIENTS:
                self._overruns.popitem(last=False)

    def on_probation(self, client: str) -> bool:
        """Whether this client's queries overran the fast slice `client_overruns` times within `client_window_s`,
        the last less than `client_probation_s` ago."""
        with self._lock:
            times = self._overruns.get(client)
            if not times or len(times) < self.client_overruns:
                return False
            now = time.monotonic()
            if now - times[-1] > self.client_probation_s:
                del self._overruns[client]
                return False
            return times[-1] - times[0] <= self.client_window_s

    def _admit_slow(self, client: str) -> str:
        """A slow worker for this client, or why not ("" when admitted)."""
        assert self.slow is not None
        with self._lock:
            if self._slow_by_client[client] >= self.per_client:
                return "your other long queries already use your share of the workers for long queries"
            if not self.slow.admit(wait=0):
                return "every worker for long queries is busy"
            if self.host_slots is not None:
                fd = self.host_slots.try_acquire()
                if fd is None:
                    self.slow.release()
                    return "this host already runs as many long queries as it allows"
                self._slot_of.setdefault(client, []).append(fd)
            self._slow_by_client[client] += 1
            return ""

    def _release_slow(self, client: str) -> None:
        assert self.slow is not None
        with self._lock:
            self._slow_by_client[client] -= 1
            if self._slow_by_client[client] <= 0:
                del self._slow_by_client[client]
            if self.host_slots is not None:
                fds = self._slot_of[client]
                HostSlots.release(fds.pop())
                if not fds:
                    del self._slot_of[client]
            self.slow.release()

    def close(self) -> None:
        self.fast.close()
        if self.slow is not None:
            self.slow.close()


_RUNNERS: dict[tuple[str, int, int, int], QueryRunner] = {}
_RUNNERS_LOCK = threading.Lock()


def runner_for(settings: Settings) -> QueryRunner:
    """The lanes for this graph and worker counts: created on first use, shared, stopped at exit."""
    from kg.build import ensure_built

    key = (str(settings.data_dir), int(settings.sparql_workers), int(settings.query_slow_workers),
           int(settings.query_slow_slots))
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
            runner = _RUNNERS[key] = QueryRunner(graph_path, key[1], key[2], host_slots=key[3])
    return runner


def close_all() -> None:
    with _RUNNERS_LOCK:
        runners = list(_RUNNERS.values())
        _RUNNERS.clear()
    for runner in runners:
        runner.close()


def run_query(store: Store, settings: Settings, query: Query, client: str = "") -> RawResult:
    """Run a query from outside: in the killable lanes for the embedded store; for a remote store,
    checked here and run on the server (which has its own timeout). `client` identifies the sender
    for the slow lane's fair share."""
    if store.kind == "memory":
        return runner_for(settings).run(query, float(settings.query_timeout), float(settings.query_fast_slice),
                                        client)
    return check_and_run(store, query, None)
