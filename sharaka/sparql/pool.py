"""The service side of the query workers: the graph holder's handle, the workers' handles, and a lane of them.

A request takes an idle worker of a lane, writes the query to its pipe and waits for the reply. While it waits
(and only once a query has run longer than WATCH_S, so quick queries pay nothing) it watches the worker every
WATCH_S: past its time, past its CPU slice or grown past its memory allowance, the worker is killed with SIGKILL
(through a pidfd: never another process that got the same pid) and the request learns why. A lane replaces a
killed, dead or retired worker in the background by asking the holder for a fork (milliseconds).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import queue
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe
from multiprocessing.reduction import send_handle
from typing import Any

from sharaka.errors import SharakaError, StoreUnavailable
from sharaka.sparql.seal import Sealing
from sharaka.sparql.serialize import Answer
from sharaka.sparql.worker import HolderSpec, Query, Ready, hold_graph, memory_limit_error, rss_bytes, unpack

log = logging.getLogger(__name__)

WATCH_S = 0.02  # how often a running query's worker is looked at
HOLDER_START_S = 300.0  # loading the graph: seconds at 1×, minutes for the largest benchmark graphs
WORKER_START_S = 30.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


class OutOfTime(Exception):
    """The worker was stopped at the query's time or CPU limit (the runner decides what the client sees)."""


class ObviouslyExpensive(Exception):
    """The fast lane declines a query whose shape says it is expensive (sharaka.sparql.cost), before running it."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _context() -> Any:
    """The fork server: the holder starts from a clean single-threaded process, never from a fork of the
    service (which has threads, whose locks a forked child would inherit held)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["sharaka.sparql.worker"])
    return context


class GraphHolder:
    """The process that holds the graph in memory and forks the workers (sharaka.sparql.worker.hold_graph)."""

    def __init__(self, spec: HolderSpec) -> None:
        self.spec = spec
        self._connection, child = Pipe(duplex=True)
        self.process = _context().Process(target=hold_graph, args=(child, spec), name="sharaka-graph-holder",
                                          daemon=True)
        self.process.start()
        child.close()
        self._lock = threading.Lock()  # one conversation with the holder at a time (forks, statuses)
        self.sealing: Sealing | None = None
        self.failure = ""
        self.closed = False
        # Loading the graph takes seconds (tens on a big graph): waited for in a thread of its own, so that nobody
        # holds the lock meanwhile and every caller waits only as long as it chooses to.
        self._ready = threading.Event()
        threading.Thread(target=self._await_ready, name="sharaka-graph-holder-start", daemon=True).start()

    def _await_ready(self) -> None:
        try:
            if not self._connection.poll(HOLDER_START_S):
                self.failure = "the query workers' graph did not load in time"
            else:
                _, sealing, _ = self._connection.recv()
                if not sealing.sealed:
                    log.warning("SPARQL query workers run WITHOUT network sealing (%s)", sealing.detail)
                else:
                    log.info("SPARQL query workers sealed off the network by %s", sealing.method)
                self.sealing = sealing
        except (EOFError, OSError, TypeError):  # the holder died, or we closed it while it loaded
            self.failure = "the query workers' graph could not be loaded"
        finally:
            self._ready.set()

    def wait_ready(self, timeout: float = HOLDER_START_S) -> Sealing:
        """How the workers are sealed, once the graph is loaded (StoreUnavailable if it is not within `timeout`)."""
        if not self._ready.wait(timeout):
            raise StoreUnavailable("the query workers are still loading the graph")
        if self.closed:
            raise StoreUnavailable("the service is shutting down")
        if self.sealing is None:
            raise StoreUnavailable(self.failure)
        return self.sealing

    def fork(self, nice: int) -> Worker:
        self.wait_ready()
        ours, theirs = Pipe(duplex=True)
        try:
            with self._lock:
                if self.closed:
                    raise StoreUnavailable("the service is shutting down")
                self._connection.send(("fork", nice))
                send_handle(self._connection, theirs.fileno(), self.process.pid)
                pid = self._connection.recv()
        except (EOFError, OSError):
            raise StoreUnavailable("the query workers' graph holder is gone") from None
        finally:
            theirs.close()
        try:
            if not ours.poll(WORKER_START_S):
                raise EOFError
            ready: Ready = pickle.loads(ours.recv_bytes())
            if ready.pid != pid:  # the pipe reached some other process: never use it
                raise OSError(f"worker {pid} answered as {ready.pid}")
        except (EOFError, OSError):
            ours.close()
            raise StoreUnavailable("a query worker did not start") from None
        return Worker(ours, ready)

    def wait_status(self, pid: int) -> int | None:
        """How a worker whose pipe closed ended (its wait status), when the holder still knows."""
        try:
            with self._lock:
                if self.closed:
                    return None
                self._connection.send(("ended", pid))
                if not self._connection.poll(5.0):
                    return None
                status: int | None = self._connection.recv()
                return status
        except (EOFError, OSError):
            return None

    def close(self) -> None:
        locked = self._lock.acquire(timeout=5)  # not while a fork is being asked for
        try:
            self.closed = True
            self._connection.close()  # the holder kills its workers and leaves
        finally:
            if locked:
                self._lock.release()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)


class Worker:
    """The service's handle on one worker process: its pipe, and what is known of its size and CPU time."""

    def __init__(self, connection: Connection, ready: Ready) -> None:
        self.connection = connection
        self.pid = ready.pid
        self.base_rss = ready.rss
        self.cpu_s = ready.cpu_s
        self.usable = True
        try:
            self._pidfd: int | None = os.pidfd_open(self.pid)
        except (AttributeError, OSError):
            self._pidfd = None

    def cpu_now(self) -> float:
        with open(f"/proc/{self.pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime

    def grown(self) -> int:
        return rss_bytes(self.pid) - self.base_rss

    def kill(self) -> None:
        self.usable = False
        try:
            if self._pidfd is not None:
                signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)
            else:
                os.kill(self.pid, signal.SIGKILL)
        except (ProcessLookupError, OSError):
            pass

    def close(self) -> None:
        self.usable = False
        self.connection.close()
        if self._pidfd is not None:
            os.close(self._pidfd)
            self._pidfd = None


@dataclass(frozen=True)
class Limits:
    seconds: float
    cpu_seconds: float | None  # the fast lane's slice
    memory_bytes: int
    memory_mb: int  # named in the error


class Lane:
    """`size` workers at one priority; a request holds one worker from `admit` to `release`."""

    def __init__(self, name: str, holder: GraphHolder, size: int, nice: int = 0) -> None:
        self.name = name
        self.holder = holder
        self.size = max(1, size)
        self.nice = nice
        self.broken = False
        self.closed = False
        self._idle: queue.Queue[Worker | None] = queue.Queue()
        self._replacing = 0
        self._lock = threading.Lock()
        self._all: set[Worker] = set()
        for _ in range(self.size):
            self._replace()

    def _replace(self) -> None:
        with self._lock:
            self._replacing += 1
        threading.Thread(target=self._start_one, name=f"sharaka-{self.name}-lane-start", daemon=True).start()

    def _start_one(self) -> None:
        try:
            worker = None if self.closed else self.holder.fork(self.nice)
        except SharakaError as exc:
            worker = None
            if not self.closed:
                log.error("%s lane: no worker could be started: %s", self.name, exc.detail)
                self.broken = True
        with self._lock:
            self._replacing -= 1
            if worker is not None:
                if self.closed:
                    worker.kill()
                    worker.close()
                    return
                self._all.add(worker)
        self._idle.put(worker)  # None wakes a waiting request to say the lane is broken or closed

    def admit(self, wait: float, starting: float = 1.0) -> Worker | None:
        """An idle worker, waiting at most `wait` s; with `wait` 0, only one free now, or one being started (for at
        most `starting` s: a query is not refused because a worker is being replaced, which takes milliseconds)."""
        if wait <= 0 and self._replacing:
            wait = starting
        try:
            worker = self._idle.get(timeout=wait) if wait > 0 else self._idle.get_nowait()
        except queue.Empty:
            return None
        if worker is None:
            self._idle.put(None)  # for the next waiter
            raise StoreUnavailable("the service is shutting down" if self.closed
                                   else "the query workers could not start; try again later")
        return worker

    def release(self, worker: Worker) -> None:
        if worker.usable and not self.closed:
            self._idle.put(worker)
            return
        worker.kill()  # a worker that retired has already left; one that was killed is gone
        worker.close()
        with self._lock:
            self._all.discard(worker)
        if not self.closed:
            self._replace()

    def started(self) -> bool:
        """Whether every worker of the lane is up (none starting)."""
        with self._lock:
            return not self._replacing and len(self._all) == self.size

    def run(self, worker: Worker, query: Query, limits: Limits, judge_cost: bool = False) -> Answer:
        """Run a query on an admitted worker within `limits`: the answer; OutOfTime; ObviouslyExpensive (not
        run); the query's own error (400s, 413); QueryOutOfMemory; StoreUnavailable if the worker died."""
        started = time.monotonic()
        try:
            worker.connection.send_bytes(pickle.dumps((query, judge_cost)))
        except OSError:
            worker.usable = False
            raise StoreUnavailable("the query worker stopped unexpectedly; try again") from None
        cpu_start = worker.cpu_s
        while not worker.connection.poll(WATCH_S):
            self._watch(worker, limits, started, cpu_start)
        try:
            reply, body = unpack(worker.connection.recv_bytes())
        except (EOFError, OSError):
            worker.usable = False
            raise self._death(worker, limits) from None
        worker.cpu_s = reply.cpu_s
        if reply.retire:
            worker.usable = False
        if reply.expensive:
            raise ObviouslyExpensive(reply.expensive)
        if reply.error is not None:
            raise reply.error
        return Answer(body, reply.media_type, reply.kind)

    def _watch(self, worker: Worker, limits: Limits, started: float, cpu_start: float) -> None:
        try:
            over_time = time.monotonic() - started >= limits.seconds
            over_cpu = limits.cpu_seconds is not None and worker.cpu_now() - cpu_start >= limits.cpu_seconds
            over_memory = worker.grown() > limits.memory_bytes
        except (OSError, ValueError, IndexError):  # /proc of a worker that has just ended: its reply tells
            return
        if over_time or over_cpu or over_memory:
            worker.kill()
            if over_memory and not over_time:
                log.info("%s lane: worker %d killed over query_memory_mb", self.name, worker.pid)
                raise memory_limit_error(limits.memory_mb)
            raise OutOfTime()

    def _death(self, worker: Worker, limits: Limits) -> SharakaError:
        if self.closed:
            return StoreUnavailable("the service is shutting down; try again shortly")
        status = self.holder.wait_status(worker.pid)
        if status is not None and os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGABRT:
            return memory_limit_error(limits.memory_mb)  # an allocation failed at the worker's hard limit
        log.warning("%s lane: query worker %d died (wait status %s)", self.name, worker.pid, status)
        return StoreUnavailable("the query worker stopped unexpectedly; try again")

    def pids(self) -> set[int]:
        with self._lock:
            return {w.pid for w in self._all}

    def close(self) -> None:
        self.closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.kill()
        self._idle.put(None)
