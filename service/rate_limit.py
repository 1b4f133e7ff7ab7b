"""Rate limiting per client: `rate_limit` requests a minute, bursts of `rate_limit_burst`.

The algorithm is GCRA (the generic cell rate algorithm, a token bucket kept as one number per client):
each client has a theoretical arrival time (TAT); a request at `now` is allowed when
`TAT + interval - burst·interval <= now`, and then moves TAT one interval on. One float per client, one
read and one write per request, exact Retry-After.

Backends hold the TATs: `memory` (one process) or `sqlite:///path/to/file.db` (every worker process on
one host; WAL mode, one short transaction per request). A backend that fails lets the request through
(fail open, logged): the limiter protects the service, it must never be what takes it down.

Response headers follow draft-ietf-httpapi-ratelimit-headers-06 (RateLimit-Limit, RateLimit-Remaining,
RateLimit-Reset, RateLimit-Policy): the quota is the burst, and it is fully back after `burst·interval`
seconds, so 300 a minute with bursts of 60 reads `RateLimit-Policy: 60;w=12`.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from flask import Flask, Response, g, request

from sharaka.errors import RateLimited
from sharaka.settings import Settings

log = logging.getLogger(__name__)

Clock = Callable[[], float]
# Routes that cost store work. Static files, the chat page, /healthz, /readyz and /version are never
# limited (health checks must not be throttled); neither are CORS preflights.
LIMITED_PREFIXES = ("/api/", "/sparql", "/id/", "/graph/", "/ontology", "/.well-known/void")
EXPOSED_HEADERS = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy", "Retry-After")
SQLITE_PREFIX = "sqlite://"
_EPSILON = 1e-9  # float slack, so that a request exactly on time is on time


@dataclass(frozen=True)
class Policy:
    per_minute: int
    burst: int

    @property
    def interval(self) -> float:
        """Seconds between two requests at the sustained rate."""
        return 60.0 / self.per_minute

    @property
    def window(self) -> float:
        """Seconds for an empty bucket to fill again: the burst at the sustained rate."""
        return 60.0 * self.burst / self.per_minute


@dataclass(frozen=True)
class Decision:
    allowed: bool
    remaining: int  # requests that could be made at once after this one
    reset: float  # seconds until the bucket is full again
    retry_after: float  # seconds until a request is allowed again (0 when this one was)


def decide(policy: Policy, tat: float | None, now: float) -> tuple[Decision, float | None]:
    """GCRA: the decision for a request at `now`, and the TAT to store (None: leave it as it was)."""
    # A TAT further ahead than a full window can only come from a clock that went back: cap it.
    tat = now if tat is None or tat < now else min(tat, now + policy.window)
    new_tat = tat + policy.interval
    allowed_from = new_tat - policy.window
    if now + _EPSILON < allowed_from:
        return Decision(False, 0, tat - now, allowed_from - now), None
    remaining = math.floor((now + policy.window - new_tat) / policy.interval + _EPSILON)
    return Decision(True, max(remaining, 0), new_tat - now, 0.0), new_tat


class Backend(Protocol):
    def update(self, key: str, policy: Policy, now: float) -> Decision: ...


class MemoryBackend:
    """TATs in a dict: right for one process (`sharaka serve`, or gunicorn -w 1)."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self.max_keys = max_keys
        self._tats: dict[str, float] = {}
        self._lock = threading.Lock()

    def update(self, key: str, policy: Policy, now: float) -> Decision:
        with self._lock:
            decision, new_tat = decide(policy, self._tats.get(key), now)
            if new_tat is not None:
                self._tats[key] = new_tat
                if len(self._tats) > self.max_keys:
                    self._forget(now)
        return decision

    def _forget(self, now: float) -> None:
        # A TAT in the past is a full bucket, the same as no entry; past that, keep the busiest half.
        kept = {k: t for k, t in self._tats.items() if t > now}
        if len(kept) > self.max_keys:
            kept = dict(sorted(kept.items(), key=lambda item: item[1])[-(self.max_keys // 2):])
        self._tats = kept


class SQLiteBackend:
    """TATs in one SQLite file shared by the worker processes of one host."""

    def __init__(self, path: str, busy_timeout: float = 0.25, prune_every: float = 60.0) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self.prune_every = prune_every
        self._local = threading.local()
        self._last_prune = 0.0

    def _connection(self) -> sqlite3.Connection:
        # One connection per thread and per process: a connection must not cross a fork (gunicorn --preload).
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None or getattr(self._local, "pid", None) != os.getpid():
            connection = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")  # losing the last counts in a crash is fine
            connection.execute("CREATE TABLE IF NOT EXISTS rate_limit (key TEXT PRIMARY KEY, tat REAL NOT NULL)")
            self._local.connection, self._local.pid = connection, os.getpid()
        return connection

    def update(self, key: str, policy: Policy, now: float) -> Decision:
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")  # the write lock first: read-modify-write without a race
        try:
            row = connection.execute("SELECT tat FROM rate_limit WHERE key = ?", (key,)).fetchone()
            decision, new_tat = decide(policy, float(row[0]) if row else None, now)
            if new_tat is not None:
                connection.execute("INSERT INTO rate_limit (key, tat) VALUES (?, ?) "
                                   "ON CONFLICT(key) DO UPDATE SET tat = excluded.tat", (key, new_tat))
            if now - self._last_prune > self.prune_every:
                self._last_prune = now
                connection.execute("DELETE FROM rate_limit WHERE tat < ?", (now,))  # full buckets
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        return decision


def backend_for(setting: str) -> Backend:
    """The backend a `rate_limit_backend` value names; ValueError for anything else (a start-up error)."""
    if setting == "memory":
        return MemoryBackend()
    if setting.startswith(SQLITE_PREFIX) and len(setting) > len(SQLITE_PREFIX) + 1:
        return SQLiteBackend(setting[len(SQLITE_PREFIX):])  # sqlite:///var/lib/x.db → /var/lib/x.db
    raise ValueError(f"rate_limit_backend must be 'memory' or sqlite:///path/to/file.db, not {setting!r}")


def client_key(address: str | None) -> str:
    """Who is counted: the client's address; an IPv6 client by its /64, which one host can rotate within."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return address or "unknown"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


class RateLimiter:
    def __init__(self, policy: Policy, backend: Backend, clock: Clock = time.time,
                 complain_every: float = 60.0) -> None:
        self.policy = policy
        self.backend = backend
        self.clock = clock
        self.complain_every = complain_every
        self._last_complaint = -math.inf

    def check(self, key: str) -> Decision | None:
        """The decision for one request of `key`; None when the backend failed (the request goes through)."""
        try:
            return self.backend.update(key, self.policy, self.clock())
        except Exception as exc:  # fail open, and say so without flooding the log
            now = time.monotonic()
            if now - self._last_complaint >= self.complain_every:
                self._last_complaint = now
                log.warning("rate limit backend failed, requests are not limited: %s: %s", type(exc).__name__, exc)
            return None

    def headers(self, decision: Decision) -> dict[str, str]:
        return {"RateLimit-Limit": str(self.policy.burst), "RateLimit-Remaining": str(decision.remaining),
                "RateLimit-Reset": str(math.ceil(decision.reset - _EPSILON)),
                "RateLimit-Policy": f"{self.policy.burst};w={math.ceil(self.policy.window)}"}

    def refusal(self, decision: Decision) -> RateLimited:
        wait = max(1, math.ceil(decision.retry_after - _EPSILON))
        return RateLimited(f"more than {self.policy.per_minute} requests a minute (bursts of {self.policy.burst}) "
                           f"from your address; try again in {wait} s", retry_after=wait,
                           setting="rate_limit", limit=self.policy.per_minute, burst=self.policy.burst)


def is_limited(method: str, path: str) -> bool:
    return method != "OPTIONS" and path.startswith(LIMITED_PREFIXES)


def install(app: Flask, settings: Settings, clock: Clock = time.time) -> RateLimiter | None:
    """Limit the app's routes per client, as the settings say; nothing when `rate_limit` is 0."""
    if settings.rate_limit <= 0:
        return None
    if settings.rate_limit_burst < 1:
        raise ValueError("rate_limit_burst must be at least 1")
    limiter = RateLimiter(Policy(settings.rate_limit, settings.rate_limit_burst),
                          backend_for(settings.rate_limit_backend), clock)
    app.extensions["sharaka_rate_limiter"] = limiter

    @app.before_request
    def limit() -> None:
        if not is_limited(request.method, request.path):
            return
        decision = limiter.check(client_key(request.remote_addr))
        if decision is None:
            return
        g.rate_limit = decision
        if not decision.allowed:
            raise limiter.refusal(decision)

    @app.after_request
    def rate_limit_headers(response: Response) -> Response:
        decision: Decision | None = g.get("rate_limit")
        if decision is not None:
            response.headers.update(limiter.headers(decision))
        return response

    return limiter
