"""One exception hierarchy; every surface (CLI, API, SPARQL endpoint) renders it the same way."""

from __future__ import annotations

from typing import Any

PROBLEM_TYPE_BASE = "https://w3id.org/sharaka/problems/"


class SharakaError(Exception):
    """An error a user can act on. `code` is stable; `status` is the HTTP status."""

    status: int = 500
    code: str = "internal_error"
    title: str = "Internal error"

    def __init__(self, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra

    def headers(self) -> dict[str, str]:
        """HTTP headers the response carries besides the problem (Retry-After …)."""
        return {}

    def to_problem(self, instance: str | None = None) -> dict[str, Any]:
        """RFC 9457 problem details."""
        problem: dict[str, Any] = {
            "type": PROBLEM_TYPE_BASE + self.code,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
        }
        if instance:
            problem["instance"] = instance
        problem.update(self.extra)
        return problem


class BadRequest(SharakaError):
    status, code, title = 400, "bad_request", "Bad request"


class InvalidQuestion(BadRequest):
    code, title = "invalid_question", "Invalid question"


class QueryTooLong(BadRequest):
    code, title = "query_too_long", "Query too long"


class MalformedQuery(BadRequest):
    code, title = "malformed_query", "Malformed SPARQL query"


class QueryTooDeep(MalformedQuery):
    code, title = "query_too_deep", "Query nested too deeply"


class QueryFailed(BadRequest):
    """A query that parsed and was allowed, but that the store could not evaluate or write in the format asked."""

    code, title = "query_failed", "Query failed"


class ForbiddenQuery(BadRequest):
    code, title = "forbidden_query", "Query not allowed"


class NotFound(SharakaError):
    status, code, title = 404, "not_found", "Not found"


class NotAcceptable(SharakaError):
    status, code, title = 406, "not_acceptable", "Not acceptable"


class ResultTooLarge(SharakaError):
    """A /sparql result over `max_result_bytes`: refused whole, never sent cut (a shorter result would look
    complete to SPARQL clients). 413: the request asks for more than the server will send; narrow it."""

    status, code, title = 413, "result_too_large", "Result too large"

    @classmethod
    def beyond(cls, max_bytes: int) -> ResultTooLarge:
        return cls(f"the result is larger than {max_bytes:,} bytes, the most this endpoint sends; it was stopped, "
                   "not cut. Narrow the query (a LIMIT, fewer variables, more patterns bound) or page through it "
                   "with LIMIT and OFFSET", setting="max_result_bytes", limit=max_bytes)


class UnsupportedMediaType(SharakaError):
    status, code, title = 415, "unsupported_media_type", "Unsupported media type"


class RateLimited(SharakaError):
    status, code, title = 429, "rate_limited", "Too many requests"

    def __init__(self, detail: str, retry_after: int, **extra: Any) -> None:
        super().__init__(detail, retry_after=retry_after, **extra)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class StoreUnavailable(SharakaError):
    status, code, title = 503, "store_unavailable", "Store unavailable"


class QueryTimeout(SharakaError):
    status, code, title = 503, "query_timeout", "Query timed out"


class QueryBusy(SharakaError):
    """A query known to be expensive, refused because the workers for long queries are taken."""

    status, code, title = 503, "query_busy", "Too many long queries"


class QueryOutOfMemory(SharakaError):
    """A /sparql query that needed more memory than a query worker may use (`query_memory_mb`); its worker was
    replaced. 507 (Insufficient Storage): the server could not hold what the query builds."""

    status, code, title = 507, "query_memory", "Query needs too much memory"


class StoreTimeout(SharakaError):
    status, code, title = 504, "store_timeout", "Store timed out"


class StoreError(SharakaError):
    status, code, title = 502, "store_error", "Store returned an unusable response"


class GraphNotReady(SharakaError):
    status, code, title = 503, "graph_not_ready", "Graph not loaded yet"


class BuildError(SharakaError):
    status, code, title = 500, "build_error", "Graph build failed"
