"""`sharaka serve`: `workers` processes forked from one parent that built the app, each a waitress front
(sharaka.service.http_front) on the same listening socket.

Why this shape (measured, docs/production.md): the app and its graph are built once, before the fork, and shared
copy-on-write, as gunicorn --preload did; the front reads requests without a thread per slow client, which
gunicorn's threaded worker does not; and the parent owns shutdown, which the `waitress-serve` command does not
(it drops requests in flight on SIGTERM).

- Parent: raises its open-files limit, binds, forks the workers, replaces a worker that dies (and gives up if
  they keep dying at once), and on SIGTERM or Ctrl-C asks every worker to stop, then kills what is left.
  It starts no thread: nothing is running in it when it forks.
- Worker: serves until SIGTERM (or its parent's death); then takes the connections already queued, accepts no
  new one, closes idle ones, lets the requests in progress finish (their responses say Connection: close),
  stops the app's query workers and exits 0. The kernel tells it when its parent dies (PR_SET_PDEATHSIG), so a
  killed parent leaves no worker.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import resource
import signal
import socket
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from waitress import wasyncore

from sharaka.errors import SharakaError
from sharaka.service.http_front import FrontServer
from sharaka.settings import Settings

log = logging.getLogger(__name__)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
PR_SET_PDEATHSIG = 1
LOOP_WAKE_S = 0.5  # a worker notices SIGTERM within this
RAPID_DEATHS = 5  # this many worker deaths within RAPID_WINDOW_S: something is wrong at start, stop trying
RAPID_WINDOW_S = 30.0
KILL_MARGIN_S = 5.0  # after the drain, the parent waits this long before SIGKILL
DRAIN_QUIET_S = 1.0  # while draining, a connection silent this long with nothing in progress is closed


class ServeError(SharakaError):
    """The server cannot start as its settings ask (the port is taken, the host is not this machine's)."""

    status, code, title = 400, "serve_error", "The server could not start"


@dataclass(frozen=True)
class WorkerHooks:
    """What a worker process does with the app around serving: start its query workers, stop them."""

    started: Callable[[], None] = lambda: None
    stopping: Callable[[float], None] = lambda drain_s: None


def drain_seconds(settings: Settings) -> float:
    return max(settings.shutdown_timeout, settings.query_timeout + 2)


def listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except (OSError, OverflowError) as exc:  # in use, not an address of this host, or a port over 65535
        sock.close()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ServeError(f"cannot listen on {host}:{port}: {reason}") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def raise_open_files_limit() -> None:
    """Each connection is a descriptor; a systemd service starts with a soft limit of 1,024."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))


def serve(app: Any, settings: Settings, hooks: WorkerHooks, sock: socket.socket | None = None,
          announce: Callable[[str], None] = print) -> int:
    """Serve `app` until SIGTERM or Ctrl-C on `sock` (listen(): bound before the app is built, so that a port in
    use is said at once); 0 after a clean stop."""
    raise_open_files_limit()
    sock = sock or listen(settings.host, settings.port)
    host, port = sock.getsockname()[:2]
    # Stop signals wait in the parent's queue until it asks for them, so none is lost between two checks.
    signal.pthread_sigmask(signal.SIG_BLOCK, {*STOP_SIGNALS, signal.SIGCHLD})
    try:
        return Supervisor(app, settings, hooks, sock).run(announce, f"http://{host}:{port}/")
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {*STOP_SIGNALS, signal.SIGCHLD})
        sock.close()  # (again: closing twice is harmless)


class Supervisor:
    def __init__(self, app: Any, settings: Settings, hooks: WorkerHooks, sock: socket.socket) -> None:
        self.app, self.settings, self.hooks, self.sock = app, settings, hooks, sock
        self.workers: set[int] = set()
        self.deaths: list[float] = []

    def run(self, announce: Callable[[str], None], url: str) -> int:
        for _ in range(max(1, self.settings.workers)):
            self.spawn()
        announce(f" * Sharaka on {url} ({len(self.workers)} processes × {self.settings.threads} threads; "
                 "Ctrl-C or SIGTERM stops it)")
        sys.stdout.flush()
        while True:
            info = signal.sigtimedwait({*STOP_SIGNALS, signal.SIGCHLD}, 5.0)
            if info is not None and info.si_signo in STOP_SIGNALS:
                break
            if not self.reap_and_replace():
                log.error("the server's processes keep failing at start; stopping (see the log above)")
                self.stop()
                return 1
        self.stop()
        return 0

    def spawn(self) -> None:
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = run_worker(self.app, self.settings, self.hooks, self.sock, parent)
            except BaseException:
                log.exception("a server process failed")
            finally:
                logging.shutdown()
                os._exit(code)
        self.workers.add(pid)

    def reap_and_replace(self) -> bool:
        """Replace workers that died; False when they die too often to keep trying."""
        for pid, status in _reap():
            if pid not in self.workers:
                continue
            self.workers.discard(pid)
            log.warning("server process %d ended (%s); starting another", pid, _describe(status))
            now = time.monotonic()
            self.deaths = [t for t in self.deaths if now - t < RAPID_WINDOW_S] + [now]
            if len(self.deaths) >= RAPID_DEATHS:
                return False
            self.spawn()
        return True

    def stop(self) -> None:
        self.sock.close()  # with the workers' copies closed too, new connections are refused, not left waiting
        for pid in self.workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + drain_seconds(self.settings) + KILL_MARGIN_S
        while self.workers and time.monotonic() < deadline:
            signal.sigtimedwait({signal.SIGCHLD}, 0.2)
            self.workers -= {pid for pid, _ in _reap()}
        for pid in self.workers:  # past the drain: the worker and everything it started
            log.warning("server process %d did not stop in time; killing it", pid)
            for victim in [*_descendants(pid), pid]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(victim, signal.SIGKILL)
        for pid in list(self.workers):
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self.workers.clear()


def _reap() -> Iterable[tuple[int, int]]:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        yield pid, status


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError), open(f"/proc/{entry}/stat", "rb") as stat:
                parents[int(entry)] = int(stat.read().rsplit(b")", 1)[1].split()[1])
    found: list[int] = []
    frontier = {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier and pid not in found}
        found.extend(frontier)
    return found


def die_with(parent: int) -> None:
    """Ask the kernel for SIGTERM when the parent dies (Linux); and leave at once if it already has."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:
        os.kill(os.getpid(), signal.SIGTERM)


def run_worker(app: Any, settings: Settings, hooks: WorkerHooks, sock: socket.socket, parent: int) -> int:
    stopping: list[int] = []
    for signum in STOP_SIGNALS:  # Ctrl-C reaches the whole process group: a worker drains on it too
        signal.signal(signum, lambda signum, frame: stopping.append(signum))
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, set())  # the parent's blocked signals are inherited: unblock
    die_with(parent)
    channels: dict[int, Any] = {}
    server = FrontServer(app, sock, settings, channels)
    hooks.started()
    while not stopping:
        wasyncore.loop(timeout=LOOP_WAKE_S, map=channels, use_poll=True, count=1)
    server.draining = True  # answers from now on close their connections (Connection: close)
    server.stop_accepting()
    drain_s = drain_seconds(settings)
    deadline = time.monotonic() + drain_s
    while time.monotonic() < deadline:
        server.close_idle_channels(quiet_s=DRAIN_QUIET_S)
        if not server.active_channels:
            break
        wasyncore.loop(timeout=0.05, map=channels, use_poll=True, count=1)
    hooks.stopping(max(0.0, deadline - time.monotonic()))
    server.task_dispatcher.shutdown(timeout=2)
    return 0
