"""A fake SPARQL endpoint on 127.0.0.1 that misbehaves on purpose: slow, garbage, HTML, 5xx, flaky.

Each request is answered by the next behaviour of the script; the last one repeats.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Behaviour = Callable[[BaseHTTPRequestHandler], None]

RESULTS_JSON = "application/sparql-results+json"
EMPTY_SELECT = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
    {"x": {"type": "literal", "value": "1", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]}})


def reply(status: int = 200, body: bytes | str = EMPTY_SELECT, content_type: str = RESULTS_JSON,
          delay: float = 0.0) -> Behaviour:
    data = body.encode() if isinstance(body, str) else body

    def behave(handler: BaseHTTPRequestHandler) -> None:
        if delay:
            time.sleep(delay)
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    return behave


def not_http(handler: BaseHTTPRequestHandler) -> None:
    handler.wfile.write(b"\x00\x01 this is not HTTP\r\n\r\n")
    handler.close_connection = True


def cut_short(handler: BaseHTTPRequestHandler) -> None:
    """Headers and half an answer, then the connection drops: a store killed mid-answer."""
    body = EMPTY_SELECT.encode()
    handler.send_response(200)
    handler.send_header("Content-Type", RESULTS_JSON)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body[: len(body) // 2])
    handler.wfile.flush()
    handler.close_connection = True


HTML_ERROR_PAGE = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"


class StubStore:
    def __init__(self, *script: Behaviour) -> None:
        self.script = list(script) or [reply()]
        self.requests = 0
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with stub._lock:
                    behaviour = stub.script[min(stub.requests, len(stub.script) - 1)]
                    stub.requests += 1
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    behaviour(self)  # the client may give up first: that is the point of some tests

            do_GET = do_POST

            def log_message(self, format: str, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/query"


@contextmanager
def stub_store(*script: Behaviour) -> Iterator[StubStore]:
    stub = StubStore(*script)
    thread = threading.Thread(target=stub.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        stub.server.shutdown()
        stub.server.server_close()
        thread.join(timeout=5)
