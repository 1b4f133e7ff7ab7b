"""Every error leaves the service as RFC 9457 problem details, the same shape everywhere."""

from __future__ import annotations

import json
import logging

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException

from sharaka.errors import PROBLEM_TYPE_BASE, SharakaError
from sharaka.service.state import state

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"

# Werkzeug's HTTP errors → our stable codes.
HTTP_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 406: "not_acceptable",
              413: "payload_too_large", 415: "unsupported_media_type", 429: "too_many_requests"}


# An error that comes from a limit names it (RFC 9457 extension members `setting` and `limit`), so a
# client can see what it ran into; raised where the value is known, filled in here where it is not
# (a body refused by Werkzeug, a query stopped in a worker).
LIMIT_SETTINGS = {"payload_too_large": "max_request_bytes", "query_too_long": "max_query_length",
                  "query_too_deep": "max_query_nesting", "query_timeout": "query_timeout",
                  "query_busy": "query_slow_workers", "result_too_large": "max_result_bytes",
                  "query_memory": "query_memory_mb", "store_timeout": "store_timeout", "rate_limited": "rate_limit"}


def name_the_limit(problem: dict[str, object]) -> dict[str, object]:
    setting = LIMIT_SETTINGS.get(str(problem.get("code")))
    if setting is not None:
        problem.setdefault("setting", setting)
        problem.setdefault("limit", state().settings.values.get(str(problem["setting"])))
    return problem


def problem_response(problem: dict[str, object], status: int, headers: dict[str, str] | None = None) -> Response:
    response = Response(json.dumps(problem, ensure_ascii=False), status=status, mimetype=PROBLEM_JSON)
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(SharakaError)
    def sharaka_error(exc: SharakaError) -> Response:
        if exc.status >= 500:
            log.warning("%s %s: %s", exc.status, exc.code, exc.detail)
        headers = {"Retry-After": "5"} if exc.status == 503 else {}
        headers.update(exc.headers())
        return problem_response(name_the_limit(exc.to_problem(request.path)), exc.status, headers)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> Response:
        status = exc.code or 500
        code = HTTP_CODES.get(status, "http_error")
        problem = {"type": PROBLEM_TYPE_BASE + code, "title": exc.name, "status": status,
                   "detail": exc.description or exc.name, "code": code, "instance": request.path}
        if status == 413:  # Werkzeug's words do not say what the capacity is
            problem["detail"] = f"the request body is larger than {current_app.config['MAX_CONTENT_LENGTH']:,} bytes"
        name_the_limit(problem)
        headers = {}
        if status == 405 and exc.valid_methods:  # type: ignore[attr-defined]
            headers["Allow"] = ", ".join(exc.valid_methods)  # type: ignore[attr-defined]
        return problem_response(problem, status, headers)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> Response:
        # Never a stack trace to the client; the log keeps it with the request id.
        log.exception("unhandled error on %s %s", request.method, request.path)
        problem = {"type": PROBLEM_TYPE_BASE + "internal_error", "title": "Internal error", "status": 500,
                   "detail": "Something went wrong on our side; the error has been logged.",
                   "code": "internal_error", "instance": request.path}
        return problem_response(problem, 500)
