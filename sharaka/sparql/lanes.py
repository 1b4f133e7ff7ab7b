"""Running the queries of strangers: in worker processes that can be killed, in two lanes.

No SPARQL engine we embed can stop a query from inside (pyoxigraph has no query timeout, and a thread cannot
be stopped), so /sparql queries on the embedded store run in worker processes (sharaka.sparql.pool,
sharaka.sparql.worker) that the service kills at the query's limits: time (`query_timeout`), memory
(`query_memory_mb`), and in the fast lane CPU time.

Two lanes, so that normal queries never wait behind expensive ones:
- every query first runs in the *fast lane* (`sparql_workers` processes) until it has used
  `query_fast_slice` seconds of CPU time (CPU, not wall time: on a busy machine a normal query waits
  longer but does not cost more); nearly every real query ends there, in milliseconds;
- a query that uses more is killed there and re-run in the *slow lane* (`query_slow_workers`
  processes at nice 10, so the service and the fast lane get the CPU first) for the rest of
  `query_timeout`. The slow lane takes no queue: when its workers are busy, or this client already holds
  its share of them, or the host already runs `query_slow_slots` long queries across all its service
  processes (sharaka.sparql.host_slots), the query is refused at once (503 query_busy, Retry-After). Only
  queries known to be expensive are ever refused that way. A query that overran the slice is remembered
  (by its text), so that sending it again goes straight to the slow lane instead of burning another fast slice.
- Before running a query the fast lane looks at its parsed shape (sharaka.sparql.cost): an obvious cross
  product, a `?s ?p ?o` joined by nothing, an open `*` path… goes to the slow lane having cost only its parse
  (milliseconds), not a whole slice, and without a fast worker killed and replaced.
- A client (its address, as the rate limiter sees it) whose queries overran the slice `client_overruns`
  times within `client_window_s` sends its next queries straight to the slow lane for `client_probation_s`:
  fresh pathological texts from one client cost the fast lane a couple of slices, not one each.
- A query ends within `query_timeout` (+ the time to notice) in every case: 503 query_timeout.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from collections import Counter, OrderedDict, deque
from pathlib import Path

from sharaka.errors import QueryBusy, QueryTimeout, StoreUnavailable
from sharaka.sparql.host_slots import HostSlots
from sharaka.sparql.pool import GraphHolder, Lane, Limits, ObviouslyExpensive, OutOfTime, Worker
from sharaka.sparql.seal import Sealing
from sharaka.sparql.serialize import Answer
from sharaka.sparql.worker import MIB, Check, HolderSpec, Query, guarded

__all__ = ["Lane", "ObviouslyExpensive", "OutOfTime", "Query", "QueryRunner", "fingerprint"]

log = logging.getLogger(__name__)

SLOW_NICE = 10
REMEMBERED_QUERIES = 1024
REMEMBERED_CLIENTS = 4096


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

    def __init__(self, graph_path: Path, fast_workers: int, slow_workers: int, *, judge_cost: bool = True,
                 host_slots: int = 0, slots_dir: Path | None = None, memory_mb: int = 512, recycle_mb: int = 128,
                 check: Check = guarded, disk: Path | None = None) -> None:
        self.graph_path = graph_path
        self.pid = os.getpid()  # a runner belongs to the process that made it (gunicorn forks after --preload)
        # Across the processes of this host (gunicorn -w N), at most this many long queries at once.
        self.host_slots = (HostSlots(slots_dir or graph_path.parent, "slow-lane", host_slots)
                           if host_slots > 0 else None)
        self._slot_of: dict[str, list[int]] = {}
        self.judge_cost = judge_cost  # off only to measure what the static check saves (benchmarks/lanes.py)
        self.memory_mb = memory_mb
        self.holder = GraphHolder(HolderSpec(str(graph_path), os.getpid(), recycle_mb * MIB, memory_mb * MIB, check,
                                             str(disk) if disk is not None else None))
        self.fast = Lane("fast", self.holder, fast_workers)
        self.slow = Lane("slow", self.holder, slow_workers, nice=SLOW_NICE) if slow_workers > 0 else None
        # One client may hold half the slow workers (at least one), so another can still get in.
        self.per_client = max(1, (slow_workers + 1) // 2)
        self._lock = threading.Lock()
        self._expensive: OrderedDict[str, None] = OrderedDict()
        self._slow_by_client: Counter[str] = Counter()
        self._overruns: OrderedDict[str, deque[float]] = OrderedDict()  # client → times of its recent overruns
        self._in_flight = 0
        self._idle = threading.Condition(self._lock)

    @property
    def broken(self) -> bool:
        return self.fast.broken or (self.slow is not None and self.slow.broken)

    def sealing(self, wait: float = 0.0) -> Sealing | None:
        """How the workers are sealed off the network; None while the graph is still loading."""
        if self.holder.sealing is None and wait > 0:
            try:
                self.holder.wait_ready(wait)
            except StoreUnavailable:
                return None
        return self.holder.sealing

    def wait_started(self, timeout: float) -> bool:
        """Wait until the graph is loaded and every worker is up (for tests and benchmarks; queries just wait)."""
        deadline = time.monotonic() + timeout
        if self.sealing(wait=timeout) is None:
            return False
        lanes = [self.fast] + ([self.slow] if self.slow is not None else [])
        while not all(lane.started() for lane in lanes):
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def _limits(self, seconds: float, cpu_seconds: float | None = None) -> Limits:
        return Limits(seconds, cpu_seconds, self.memory_mb * MIB, self.memory_mb)

    def run(self, query: Query, timeout: float, fast_slice: float, client: str = "") -> Answer:
        with self._lock:
            self._in_flight += 1
        try:
            return self._run(query, timeout, fast_slice, client)
        finally:
            with self._lock:
                self._in_flight -= 1
                self._idle.notify_all()

    def _run(self, query: Query, timeout: float, fast_slice: float, client: str) -> Answer:
        deadline = time.monotonic() + timeout
        key = fingerprint(query)
        why = ("this query runs longer than the fast lane allows" if self.known_expensive(key)
               else "your recent queries ran longer than the fast lane allows" if self.on_probation(client)
               else "")
        if not why:
            worker = self.fast.admit(wait=timeout)
            if worker is None:
                raise QueryTimeout(f"the endpoint is busy with other queries; none finished within {timeout:g} s. "
                                   "Try again shortly")
            try:
                return self.fast.run(worker, query, self._limits(deadline - time.monotonic(), fast_slice),
                                     judge_cost=self.judge_cost)
            except OutOfTime:
                self._remember(key)
                self._note_overrun(client)
                why = "this query runs longer than the fast lane allows"
            except ObviouslyExpensive as exc:
                self._remember(key)
                why = f"this query is expensive by its shape ({exc.reason})"
            finally:
                self.fast.release(worker)
        return self._run_slow(query, key, deadline, timeout, client, why)

    def _run_slow(self, query: Query, key: str, deadline: float, timeout: float, client: str, why: str) -> Answer:
        remaining = deadline - time.monotonic()
        if self.slow is None or remaining <= 0:
            raise self._timeout(timeout)
        worker, refused = self._admit_slow(client, remaining)
        if worker is None:
            raise QueryBusy(f"{why}, and {refused}; try again shortly, or narrow it (more patterns bound, a LIMIT)")
        started = time.monotonic()
        try:
            answer = self.slow.run(worker, query, self._limits(remaining))
        except OutOfTime:
            raise self._timeout(timeout) from None
        finally:
            self._release_slow(client, worker)
        if time.monotonic() - started < 0.5:
            self._forget(key)  # it was slow only then (a busy machine): give it the fast lane again
        return answer

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

    def _admit_slow(self, client: str, remaining: float = 1.0) -> tuple[Worker | None, str]:
        """A slow worker for this client, or why not."""
        assert self.slow is not None
        with self._lock:
            if self._slow_by_client[client] >= self.per_client:
                return None, "your other long queries already use your share of the workers for long queries"
            slot = None
            if self.host_slots is not None:
                slot = self.host_slots.try_acquire()
                if slot is None:
                    return None, "this host already runs as many long queries as it allows"
            self._slow_by_client[client] += 1
        worker = self.slow.admit(wait=0, starting=remaining)
        with self._lock:
            if worker is None:
                self._slow_by_client[client] -= 1
                if self._slow_by_client[client] <= 0:
                    del self._slow_by_client[client]
                if slot is not None:
                    HostSlots.release(slot)
                return None, "every worker for long queries is busy"
            if slot is not None:
                self._slot_of.setdefault(client, []).append(slot)
            return worker, ""

    def _release_slow(self, client: str, worker: Worker) -> None:
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
        self.slow.release(worker)

    def drain(self, timeout: float) -> bool:
        """Wait until no query is running (at most `timeout` s): True when none is."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._in_flight:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True

    def worker_pids(self) -> set[int]:
        return self.fast.pids() | (self.slow.pids() if self.slow is not None else set())

    def close(self) -> None:
        """Stop every worker and the graph holder; queries still running get 503 store_unavailable."""
        self.fast.close()
        if self.slow is not None:
            self.slow.close()
        self.holder.close()
