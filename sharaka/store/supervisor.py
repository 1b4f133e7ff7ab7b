"""`sharaka store-supervisor`: an Oxigraph store whose runaway queries really stop (issue 13, item 3).

`oxigraph serve` 0.5.13 does not stop a query it has timed out: measured, a cartesian COUNT under
`--timeout-s 5` kept the server at 100 % of a core long after its client had given up, and a client that hangs up
does not stop it either (docs/scaling-out.md). Nothing in its options does. What does stop it is ending the
process that computes it. So the store runs as `processes` copies of `oxigraph serve-read-only` on one on-disk
database (RocksDB read-only, shared by the page cache: ~20 MB each, started in ~50 ms), each answering one query
at a time, behind this small front on `bind`:

- a query (GET or POST /query, passed on as it came) takes an idle copy, or waits for one at most `wait_s`
  (then 503: the store's own cap on concurrent queries);
- if its copy has not answered within `query_timeout` seconds, the copy is killed (SIGKILL: its CPU is free at
  once) and replaced, and the client gets 503;
- copies die with the supervisor (the kernel's parent-death signal).

The database is written offline (`oxigraph load --location DIR --file sharaka.nq`); every copy only reads it.
"""

from __future__ import annotations

import contextlib
import http.client
import logging
import queue
import signal
import socket
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sharaka.errors import StoreUnavailable

log = logging.getLogger(__name__)

START_S = 30.0
PASSED_ON = ("Content-Type", "Accept")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_us() -> None:
    """In the copy, before exec: SIGKILL when the supervisor dies, however it dies."""
    import ctypes

    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class Copy:
    """One `oxigraph serve-read-only` process on a port of its own."""

    def __init__(self, oxigraph: str, location: Path) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [oxigraph, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{self.port}",
             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_die_with_us)

    def wait_answering(self, timeout: float = START_S) -> Copy:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                why = (self.process.stderr.read() if self.process.stderr else b"").decode(errors="replace").strip()
                raise StoreUnavailable(f"oxigraph serve-read-only ended at start: {why[-500:]}")
            with contextlib.suppress(OSError):
                status, _, _ = self.send("POST", "/query", b"query=ASK%7B%7D",
                                         {"Content-Type": "application/x-www-form-urlencoded"}, timeout=1.0)
                if status == 200:
                    return self
            time.sleep(0.02)
        self.kill()
        raise StoreUnavailable(f"oxigraph serve-read-only did not answer within {timeout:g} s")

    def send(self, method: str, target: str, body: bytes | None, headers: dict[str, str],
             timeout: float) -> tuple[int, str, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, target, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.getheader("Content-Type", ""), response.read()
        finally:
            connection.close()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        self.process.wait()
        if self.process.stderr:
            self.process.stderr.close()


@dataclass(frozen=True)
class Reply:
    status: str
    headers: list[tuple[str, str]]
    body: bytes


class StoreSupervisor:
    """The copies, and the rule: one query per copy, killed at `query_timeout`."""

    def __init__(self, oxigraph: str, location: Path, processes: int, query_timeout: float, wait_s: float) -> None:
        self.oxigraph, self.location = oxigraph, location
        self.query_timeout, self.wait_s = query_timeout, wait_s
        self.idle: queue.Queue[Copy] = queue.Queue()
        self.copies: set[Copy] = set()
        self.lock = threading.Lock()
        self.killed = 0
        self._wanted: queue.Queue[str | None] = queue.Queue()
        for _ in range(max(1, processes)):
            self._add(Copy(oxigraph, location).wait_answering())
        threading.Thread(target=self._starter, name="store-copy-starter", daemon=True).start()

    def _add(self, copy: Copy) -> None:
        with self.lock:
            self.copies.add(copy)
        self.idle.put(copy)

    def _replace(self, copy: Copy) -> None:
        copy.kill()
        with self.lock:
            self.copies.discard(copy)
            self.killed += 1
        self._wanted.put(None)

    def _starter(self) -> None:
        """Replacements are started by this one thread, which lives as long as the supervisor: the kernel's
        parent-death signal fires when the *thread* that started a process ends, not only its process."""
        while True:
            if self._wanted.get() == "stop":
                return
            try:
                self._add(Copy(self.oxigraph, self.location).wait_answering())
            except StoreUnavailable as exc:
                log.error("a store copy could not be replaced: %s", exc.detail)

    def answer(self, method: str, target: str, body: bytes | None, headers: dict[str, str]) -> Reply:
        try:
            copy = self.idle.get(timeout=self.wait_s)
        except queue.Empty:
            return _refusal(f"every store process is busy with a query; none was free within {self.wait_s:g} s")
        try:
            status, media_type, content = copy.send(method, target, body, headers, timeout=self.query_timeout)
        except TimeoutError:
            log.warning("a query ran past %g s: store process %d killed and replaced", self.query_timeout,
                        copy.process.pid)
            self._replace(copy)
            return _refusal(f"the query ran longer than {self.query_timeout:g} s and was stopped")
        except (OSError, http.client.HTTPException) as exc:
            self._replace(copy)
            return _refusal(f"the store process failed ({exc}); try again")
        self.idle.put(copy)
        reason = http.client.responses.get(status, "")
        return Reply(f"{status} {reason}", [("Content-Type", media_type)] if media_type else [], content)

    def pids(self) -> set[int]:
        with self.lock:
            return {copy.process.pid for copy in self.copies}

    def close(self) -> None:
        self._wanted.put("stop")
        with self.lock:
            copies, self.copies = list(self.copies), set()
        for copy in copies:
            copy.kill()


def _refusal(detail: str) -> Reply:
    return Reply("503 Service Unavailable", [("Content-Type", "text/plain; charset=utf-8"), ("Retry-After", "5")],
                 detail.encode() + b"\n")


def wsgi_app(supervisor: StoreSupervisor, max_body: int = 1 << 20) -> Callable[..., Iterable[bytes]]:
    """The front: /query passed on (GET, POST), everything else 404 (this store is read-only)."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        if path != "/query" or method not in ("GET", "POST"):
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"this read-only store answers SPARQL queries at /query only\n"]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > max_body:
            start_response("413 Payload Too Large", [("Content-Type", "text/plain")])
            return [b"query too large\n"]
        body = environ["wsgi.input"].read(length) if method == "POST" else None
        query_string = environ.get("QUERY_STRING", "")
        target = "/query" + (f"?{query_string}" if query_string else "")
        headers = {name: environ[key] for name in PASSED_ON
                   if (key := "CONTENT_TYPE" if name == "Content-Type" else "HTTP_" + name.upper()) in environ}
        reply = supervisor.answer(method, target, body, headers)
        start_response(reply.status, [*reply.headers, ("Content-Length", str(len(reply.body)))])
        return [reply.body]

    return app


def parse_bind(bind: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit("//" + bind)
    if not parts.hostname or not parts.port:
        raise ValueError(f"--bind must be HOST:PORT, not {bind!r}")
    return parts.hostname, parts.port
