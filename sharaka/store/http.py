"""HTTP to a remote SPARQL server, with its failures handled: never a hang, never a raw urllib error.

- connect timeout: our connection classes connect with `connect_timeout`, then read with what is
  left of the deadline (SPARQLWrapper's own `setTimeout` is per socket operation, not a total deadline);
- total deadline: each attempt runs in a short-lived daemon thread and the caller waits at most
  until the deadline, so a server that trickles bytes cannot hold a request (the abandoned thread
  ends at its next socket timeout or deadline check);
- retries: connection failures, 5xx and 429 are tried again with exponential backoff and jitter,
  within the same deadline; 4xx are not. While the server was unreachable in the last few seconds,
  calls try once instead of retrying (a short cool-down, never a permanent "down" flag);
- errors: every failure becomes a SharakaError through the tables below.
"""

from __future__ import annotations

import functools
import http.client
import logging
import random
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sharaka.errors import (
    MalformedQuery,
    NotAcceptable,
    ResultTooLarge,
    SharakaError,
    StoreError,
    StoreTimeout,
    StoreUnavailable,
)

log = logging.getLogger(__name__)

T = TypeVar("T")
COOL_DOWN_S = 2.0  # after the server was found unreachable, calls try once for this long
CHUNK = 1 << 16
MAX_ERROR_TEXT = 300  # characters of a server's error message kept in our detail
REJECTED = "the store rejected the query: "

# HTTP status from the store → (our error, retry?). 429/502/503 say "not now"; 504 is a gateway's
# timeout; 400 is the store rejecting the query; 406 a format it cannot write.
STATUS_ERRORS: dict[int, tuple[type[SharakaError], bool]] = {
    400: (MalformedQuery, False),
    406: (NotAcceptable, False),
    429: (StoreUnavailable, True),
    502: (StoreUnavailable, True),
    503: (StoreUnavailable, True),
    504: (StoreTimeout, True),
}
OTHER_5XX = (StoreError, True)  # 500 and the rest: the store failed; retry, then 502 store_error
OTHER_4XX = (StoreError, False)  # 401/403/404/405/414/415…: a misconfigured URL or server


@dataclass(frozen=True)
class Limits:
    connect_timeout: float = 3.0
    timeout: float = 10.0  # total seconds for one call, retries and backoff included
    retries: int = 2  # extra attempts for retryable failures
    backoff: float = 0.1  # first pause between attempts; doubles each time


@dataclass(frozen=True)
class Reply:
    status: int
    media_type: str  # Content-Type without parameters, lower case
    body: bytes


class _Failure(Exception):
    """One failed attempt: the error to raise if it is the last, and whether to try again."""

    def __init__(self, error: SharakaError, retryable: bool) -> None:
        super().__init__(error.detail)
        self.error = error
        self.retryable = retryable


class _TimedConnectionMixin:
    """Connect within `connect_timeout`; afterwards each socket operation may take `timeout`."""

    connect_timeout: float
    timeout: float | None
    sock: Any

    def connect(self) -> None:
        read_timeout = self.timeout
        self.timeout = self.connect_timeout
        try:
            super().connect()  # type: ignore[misc]
        finally:
            self.timeout = read_timeout
        self.sock.settimeout(read_timeout)


class _HTTPConnection(_TimedConnectionMixin, http.client.HTTPConnection):
    def __init__(self, *args: Any, connect_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.connect_timeout = connect_timeout


class _HTTPSConnection(_TimedConnectionMixin, http.client.HTTPSConnection):
    def __init__(self, *args: Any, connect_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.connect_timeout = connect_timeout


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, connect_timeout: float) -> None:
        super().__init__()
        self.connect_timeout = connect_timeout

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_HTTPConnection, connect_timeout=self.connect_timeout), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, connect_timeout: float) -> None:
        super().__init__()
        self.connect_timeout = connect_timeout

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(functools.partial(_HTTPSConnection, connect_timeout=self.connect_timeout), req,
                            context=self._context)  # type: ignore[attr-defined]


def media_type_of(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _read_body(response: Any, deadline: float, max_bytes: int | None = None) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError("deadline reached while reading the response")
        chunk = response.read(CHUNK)
        size += len(chunk)
        if max_bytes is not None and size > max_bytes:  # not read further, not held: refused whole
            raise ResultTooLarge.beyond(max_bytes)
        if not chunk:
            body = b"".join(chunks)
            if getattr(response, "length", None):  # read(amt) returns short instead of raising
                raise http.client.IncompleteRead(body, response.length)
            return body
        chunks.append(chunk)


def _status_failure(url: str, status: int, text: str) -> _Failure:
    error_type, retryable = STATUS_ERRORS.get(status) or (OTHER_5XX if status >= 500 else OTHER_4XX)
    message = " ".join(text.split())[:MAX_ERROR_TEXT] or "no message"
    if error_type is MalformedQuery:
        return _Failure(MalformedQuery(REJECTED + message), retryable)
    return _Failure(error_type(f"the store at {url} answered HTTP {status}: {message}"), retryable)


def run_within(deadline: float, work: Callable[[], T], what: str) -> T:
    """Run `work` in a daemon thread; give up (StoreTimeout) at the deadline."""
    done = threading.Event()
    outcome: list[tuple[bool, Any]] = []

    def target() -> None:
        try:
            outcome.append((True, work()))
        except BaseException as exc:  # handed to the caller below
            outcome.append((False, exc))
        finally:
            done.set()

    threading.Thread(target=target, name="sharaka-remote-store", daemon=True).start()
    if not done.wait(max(0.0, deadline - time.monotonic())):
        raise StoreTimeout(f"{what} took longer than the deadline")
    ok, value = outcome[0]
    if ok:
        return value
    raise value


Open = Callable[[urllib.request.OpenerDirector, float], Any]  # (opener, read timeout) → HTTP response


class StoreHttp:
    """Sends requests to one remote store with the limits above; thread-safe."""

    def __init__(self, url: str, limits: Limits) -> None:
        self.url = url
        self.limits = limits
        self.opener = urllib.request.build_opener(_HTTPHandler(limits.connect_timeout),
                                                  _HTTPSHandler(limits.connect_timeout))
        self._unreachable_until = 0.0

    def send(self, open_request: Open, *, retries: int | None = None, timeout: float | None = None,
             max_bytes: int | None = None) -> Reply:
        """One call: attempts until success, a final failure or the deadline; a body over `max_bytes` is
        ResultTooLarge (not retried)."""
        total = self.limits.timeout if timeout is None else timeout
        deadline = time.monotonic() + total
        attempts = 1 + (self.limits.retries if retries is None else retries)
        if time.monotonic() < self._unreachable_until:
            attempts = 1
        failure: _Failure | None = None
        for attempt in range(attempts):
            try:
                reply = run_within(deadline, lambda: self._attempt(open_request, deadline, max_bytes),
                                   f"the store at {self.url}")
            except _Failure as exc:
                failure = exc
            except StoreTimeout as exc:
                raise StoreTimeout(f"{exc.detail} ({total:g} s)") from None
            else:
                self._unreachable_until = 0.0
                return reply
            pause = self.limits.backoff * (2 ** attempt) * random.uniform(0.5, 1.0)
            if not failure.retryable or attempt + 1 >= attempts or time.monotonic() + pause >= deadline:
                break
            log.info("store attempt %d failed (%s); trying again in %.2f s", attempt + 1, failure.error.detail, pause)
            time.sleep(pause)
        assert failure is not None
        if isinstance(failure.error, StoreUnavailable):
            self._unreachable_until = time.monotonic() + COOL_DOWN_S
        raise failure.error

    def _attempt(self, open_request: Open, deadline: float, max_bytes: int | None = None) -> Reply:
        try:
            response = open_request(self.opener, max(0.05, deadline - time.monotonic()))
            with response:
                body = _read_body(response, deadline, max_bytes)
                return Reply(response.status, media_type_of(response.headers.get("Content-Type")), body)
        except urllib.error.HTTPError as exc:
            try:
                text = exc.read(4096).decode("utf-8", "replace")
            except (OSError, http.client.HTTPException):
                text = ""
            raise _status_failure(self.url, exc.code, text) from None
        except urllib.error.URLError as exc:  # refused, DNS, unreachable, connect timeout
            raise _Failure(StoreUnavailable(f"cannot reach the store at {self.url}: {exc.reason}"), True) from None
        except TimeoutError:
            raise _Failure(StoreTimeout(f"the store at {self.url} did not answer in time"), False) from None
        except (ConnectionError, http.client.IncompleteRead) as exc:  # killed or restarted mid-answer
            raise _Failure(StoreUnavailable(f"the store at {self.url} closed the connection: {exc!r}"),
                           True) from None
        except http.client.HTTPException as exc:  # not HTTP at all
            raise _Failure(StoreError(f"the store at {self.url} did not answer in HTTP: {exc!r}"), False) from None
        except OSError as exc:
            raise _Failure(StoreUnavailable(f"cannot reach the store at {self.url}: {exc}"), True) from None
