"""Headers every response carries: a strict Content-Security-Policy, CORS on the machine-facing
routes, a request id, and an access log line with timing."""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Flask, Response, g, request

from sharaka.service.rate_limit import EXPOSED_HEADERS as RATE_LIMIT_HEADERS

access_log = logging.getLogger("sharaka.access")

# No inline script or style anywhere: every page loads its code from /static.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")
CORS_PREFIXES = ("/api/", "/sparql", "/.well-known/void")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}\Z")
# Response headers a cross-origin script may read: the request id, and the rate limit's state and wait.
EXPOSED_HEADERS = ("X-Request-Id", *RATE_LIMIT_HEADERS)
_LINE_BREAKING = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")  # a decoded %0A in a path would forge a log line


def install(app: Flask, cors_origin: str) -> None:
    @app.before_request
    def start_timer() -> None:
        g.started = time.perf_counter()
        incoming = request.headers.get("X-Request-Id", "")
        g.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex[:16]

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers["X-Request-Id"] = getattr(g, "request_id", "-")
        if request.path.startswith(CORS_PREFIXES):
            response.headers["Access-Control-Allow-Origin"] = cors_origin
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept, X-Request-Id"
            response.headers["Access-Control-Expose-Headers"] = ", ".join(EXPOSED_HEADERS)
        elapsed = (time.perf_counter() - getattr(g, "started", time.perf_counter())) * 1000
        access_log.info("%s %s %s %d %.1fms", getattr(g, "request_id", "-"), request.method,
                        _LINE_BREAKING.sub(lambda m: f"\\x{ord(m.group()):02x}", request.full_path.rstrip("?")),
                        response.status_code, elapsed)
        return response
