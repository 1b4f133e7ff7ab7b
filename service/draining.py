"""Stopping `sharaka serve` without dropping anyone: on SIGTERM (or Ctrl-C) the server takes no new connection,
the requests it is answering finish (a /sparql query at the latest at its time limit, with its answer or a
clean 503 problem), then the app's query workers stop. A process that is killed outright takes its workers with
it anyway (sharaka.sparql.seal.die_with_parent)."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from werkzeug.serving import make_server
from werkzeug.wsgi import ClosingIterator

StartResponse = Callable[..., Any]


class CountingApp:
    """A WSGI wrapper that knows how many requests are being answered (until their body is written)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.active = 0
        self._idle = threading.Condition()

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        with self._idle:
            self.active += 1
        try:
            return ClosingIterator(self.app(environ, start_response), self._done)
        except BaseException:
            self._done()
            raise

    def _done(self) -> None:
        with self._idle:
            self.active -= 1
            self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._idle:
            while self.active > 0:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(left)
        return True


def serve_until_stopped(app: Flask, host: str, port: int, drain_s: float) -> None:
    """Werkzeug's threaded server (never its debugger) until SIGTERM or Ctrl-C; then drain and close the app."""
    counting = CountingApp(app)
    server = make_server(host, port, counting, threaded=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=server.serve_forever, name="sharaka-http", daemon=True).start()
    print(f" * Sharaka on http://{host}:{server.server_port}/ (Ctrl-C or SIGTERM stops it)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    server.shutdown()  # no new connections
    counting.wait_idle(drain_s)
    server.server_close()
    app.extensions["sharaka"].close()
