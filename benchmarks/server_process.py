"""`sharaka serve` as the load and fault runs start it: in its own process group on a free 127.0.0.1 port, ready
when every process's SPARQL workers hold the graph, and stopped with everything it started."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_get(url: str, timeout: float = 5.0, accept: str = "application/json") -> tuple[int, bytes]:
    """One GET on a fresh connection; (0, b"") when nothing answers."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=timeout)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers={"Accept": accept})
        response = conn.getresponse()
        return response.status, response.read()
    except OSError:
        return 0, b""
    finally:
        conn.close()


def stop_process_group(process: subprocess.Popen[bytes], grace_s: float = 15.0) -> None:
    """SIGTERM to the group we started (the server and every process under it), SIGKILL what is left."""
    if process.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace_s)
    # Children (SPARQL workers, the forkserver) may outlive the master briefly: the group goes too.
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    if process.poll() is None:
        process.wait(timeout=10)


@contextmanager
def sharaka_server(workers: int, env: dict[str, str], data_dir: Path, *, threads: int = 16,
                   ready_timeout_s: float = 120.0, log_path: Path | None = None,
                   extra_args: Sequence[str] = ()) -> Iterator[str]:
    """`python -m sharaka serve --workers N --threads T` on 127.0.0.1 (what people run); yields the base URL.

    `env` is added to this process's environment (SHARAKA_* settings); the graph is taken from `data_dir`.
    The server runs in its own process group, so stopping it stops every process it started."""
    port = free_port()
    full_env = dict(os.environ)
    full_env.update({"SHARAKA_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT), **env})
    command = [sys.executable, "-m", "sharaka", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers), "--threads", str(threads), *extra_args]
    with tempfile.TemporaryDirectory(prefix="sharaka-serve-") as tmp:
        log = log_path or Path(tmp) / "serve.log"
        with log.open("wb") as log_file:
            process = subprocess.Popen(command, env=full_env, cwd=str(ROOT), stdout=log_file,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + ready_timeout_s
            ready_in_a_row = 0
            # Ready means every server process's SPARQL workers hold the graph, not only /readyz's 200: each
            # process loads its own (sharaka serve warms them at start), and a request reaches any of them.
            while ready_in_a_row < 4 * workers:
                ready_in_a_row = ready_in_a_row + 1 if _workers_ready(base) else 0
                if process.poll() is not None or time.monotonic() > deadline:
                    tail = log.read_bytes()[-3000:].decode(errors="replace")
                    raise RuntimeError(f"sharaka serve did not become ready (exit {process.poll()}):\n{tail}")
                time.sleep(0.05 if ready_in_a_row else 0.2)
            yield base
        finally:
            stop_process_group(process, grace_s=30.0)


def _workers_ready(base: str) -> bool:
    status, body = http_get(base + "/readyz", timeout=2)
    if status != 200:
        return False
    try:
        sparql = json.loads(body).get("sparql") or {}
    except ValueError:
        return False
    workers = str(sparql.get("workers", "ready"))
    return workers == "ready" or workers.startswith("none")  # "none: …": a remote store has no workers
