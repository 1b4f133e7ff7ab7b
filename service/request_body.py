"""A request body without a Content-Length (chunked) is held to max_request_bytes too, with a 413.

Werkzeug caps such a body by cutting it silently at MAX_CONTENT_LENGTH: a 2 MB chunked query was read as its
first 1 MiB and refused as a 400 about a query that nobody sent. `sharaka serve` (waitress) de-chunks bodies and
sets their length before the app sees them; this is for every other server (the --dev server, a WSGI server of
your own): the body is read here up to one byte past the limit, and either refused or handed on with its length.
"""

from __future__ import annotations

import io

from flask import Flask, request
from werkzeug.exceptions import RequestEntityTooLarge


def install(app: Flask, max_bytes: int) -> None:
    @app.before_request
    def measure_unsized_body() -> None:
        environ = request.environ
        if not _unsized(environ):
            return
        body = environ["wsgi.input"].read(max_bytes + 1)
        if len(body) > max_bytes:
            raise RequestEntityTooLarge()  # rendered as the payload_too_large problem naming max_request_bytes
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        environ["wsgi.input_terminated"] = False
        request.__dict__.pop("stream", None)  # not read yet; dropped anyway, so that it is made from the new input


def _unsized(environ: dict[str, object]) -> bool:
    """A body whose length is not known: chunked (which overrides any Content-Length, RFC 9112 6.3), or one the
    server says ends where its input ends."""
    chunked = "chunked" in str(environ.get("HTTP_TRANSFER_ENCODING", "")).lower()
    return chunked or (not environ.get("CONTENT_LENGTH") and bool(environ.get("wsgi.input_terminated")))
