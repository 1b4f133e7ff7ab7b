"""Rate limiting per client (service/rate_limit.py): the GCRA arithmetic with an injected clock, the 429
problem and headers in the app, exempt routes, the client's address behind proxies, the SQLite backend
shared by processes, and failing open."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from sharaka.service.openapi import openapi_spec
from sharaka.service.rate_limit import (
    LIMITED_PREFIXES,
    MemoryBackend,
    Policy,
    RateLimiter,
    SQLiteBackend,
    backend_for,
    client_key,
)
from sharaka.settings import Settings
from tests.sparql_helpers import ASK_3222, assert_problem


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


# -- the arithmetic, with an injected clock ------------------------------------------------------------------
@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_burst_then_refill(backend: str, tmp_path: Path) -> None:
    clock = Clock()
    store = MemoryBackend() if backend == "memory" else SQLiteBackend(str(tmp_path / "rl.db"))
    limiter = RateLimiter(Policy(per_minute=60, burst=3), store, clock)  # one a second, three at once
    decisions = [limiter.check("a") for _ in range(4)]
    assert [d.allowed for d in decisions if d] == [True, True, True, False]
    assert [d.remaining for d in decisions if d] == [2, 1, 0, 0]
    assert decisions[3] is not None and decisions[3].retry_after == pytest.approx(1.0)
    assert limiter.check("b") is not None  # another client has its own bucket
    clock.now += 0.5
    refused = limiter.check("a")
    assert refused is not None and not refused.allowed and refused.retry_after == pytest.approx(0.5)
    clock.now += 0.5  # exactly on time
    assert limiter.check("a").allowed  # type: ignore[union-attr]
    assert not limiter.check("a").allowed  # type: ignore[union-attr]
    clock.now += 10  # long idle: the bucket is full again, not fuller
    assert [limiter.check("a").allowed for _ in range(4)] == [True, True, True, False]  # type: ignore[union-attr]


def test_retry_after_and_headers_are_exact() -> None:
    clock = Clock()
    limiter = RateLimiter(Policy(per_minute=300, burst=60), MemoryBackend(), clock)
    for _ in range(60):
        last = limiter.check("a")
    assert last is not None and last.allowed and last.remaining == 0
    assert limiter.headers(last) == {"RateLimit-Limit": "60", "RateLimit-Remaining": "0",
                                     "RateLimit-Reset": "12", "RateLimit-Policy": "60;w=12"}
    refused = limiter.check("a")
    assert refused is not None and not refused.allowed
    problem = limiter.refusal(refused)
    assert refused.retry_after == pytest.approx(0.2)
    assert problem.headers() == {"Retry-After": "1"}  # whole seconds, at least one
    assert (problem.extra["setting"], problem.extra["limit"], problem.extra["burst"]) == ("rate_limit", 300, 60)
    slow = RateLimiter(Policy(per_minute=2, burst=1), MemoryBackend(), clock)
    slow.check("a")
    assert slow.refusal(slow.check("a")).headers() == {"Retry-After": "30"}  # type: ignore[arg-type]


def test_a_clock_that_goes_back_does_not_lock_a_client_out() -> None:
    clock = Clock()
    limiter = RateLimiter(Policy(per_minute=60, burst=2), MemoryBackend(), clock)
    limiter.check("a"), limiter.check("a")
    clock.now -= 3600
    refused = limiter.check("a")
    assert refused is not None and refused.retry_after <= 2.0  # at most one window, not an hour


def test_memory_backend_forgets_full_buckets() -> None:
    clock = Clock()
    backend = MemoryBackend(max_keys=10)
    limiter = RateLimiter(Policy(per_minute=60, burst=5), backend, clock)
    for i in range(10):
        limiter.check(f"old{i}")
    assert len(backend._tats) == 10
    clock.now += 60
    limiter.check("new")  # over max_keys: the full buckets go (forgetting them changes no decision)
    assert set(backend._tats) == {"new"}
    for i in range(10):  # all busy: the busiest half is kept
        clock.now += 0.01
        limiter.check(f"busy{i}")
    assert len(backend._tats) == 5 and "busy9" in backend._tats


@pytest.mark.parametrize(("address", "key"), [
    ("203.0.113.7", "203.0.113.7"), ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
    ("2001:db8:1:2:ffff::9", "2001:db8:1:2::/64"), ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
    ("::ffff:203.0.113.7", "203.0.113.7"), (None, "unknown"), ("not an address", "not an address"),
])
def test_client_key(address: str | None, key: str) -> None:
    assert client_key(address) == key


@pytest.mark.parametrize("value", ["redis://localhost", "sqlite://", "sqlite:///", "Memory", ""])
def test_unknown_backend_is_a_start_up_error(value: str) -> None:
    with pytest.raises(ValueError, match="rate_limit_backend"):
        backend_for(value)


def test_sqlite_url() -> None:
    backend = backend_for("sqlite:///var/lib/sharaka/rate.db")
    assert isinstance(backend, SQLiteBackend) and backend.path == "/var/lib/sharaka/rate.db"


# -- in the app ------------------------------------------------------------------------------------------------
def limited_app(settings: Settings, memory_store: Any, **values: Any) -> Any:
    from sharaka.service.app import create_app

    return create_app(Settings.load({**settings.values, "rate_limit": 1, "rate_limit_burst": 3, **values},
                                    environ={}), store=memory_store)


@pytest.fixture(scope="module")
def app3(settings: Settings, memory_store: Any) -> Any:
    """A service allowing bursts of 3 requests, then one a minute, per client (so that nothing refills
    during a test on a slow machine; the exact arithmetic is tested above with a clock)."""
    return limited_app(settings, memory_store)


def from_address(app: Any, address: str) -> Any:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def test_429_is_a_problem_with_retry_after(app3: Any) -> None:
    client = from_address(app3, "198.51.100.1")
    allowed = [client.get("/api/v1/answer?q=Who+left+CENTO%3F") for _ in range(3)]
    assert [r.status_code for r in allowed] == [200, 200, 200]
    assert [r.headers["RateLimit-Remaining"] for r in allowed] == ["2", "1", "0"]
    assert allowed[0].headers["RateLimit-Limit"] == "3" and allowed[0].headers["RateLimit-Policy"] == "3;w=180"
    refused = client.get("/api/v1/answer?q=Who+left+CENTO%3F")
    problem = assert_problem(refused, 429, "rate_limited")
    assert problem["type"] == "https://w3id.org/sharaka/problems/rate_limited"
    assert (problem["setting"], problem["limit"], problem["burst"]) == ("rate_limit", 1, 3)
    assert set(problem) <= set(openapi_spec()["components"]["schemas"]["Problem"]["properties"])
    assert 55 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["Retry-After"] == str(problem["retry_after"])
    assert f"try again in {problem['retry_after']} s" in problem["detail"]
    assert refused.headers["RateLimit-Remaining"] == "0"
    exposed = {h.strip() for h in refused.headers["Access-Control-Expose-Headers"].split(",")}
    assert {"Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"} <= exposed
    # the SPARQL endpoint shares the client's bucket; another client is not affected
    assert_problem(client.get("/sparql", query_string={"query": ASK_3222}), 429, "rate_limited")
    assert from_address(app3, "198.51.100.2").get("/sparql", query_string={"query": ASK_3222}).status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/version", "/", "/static/css/sharaka.css"])
def test_exempt_routes_are_never_limited(app3: Any, path: str) -> None:
    client = from_address(app3, "198.51.100.3")
    for _ in range(4):
        client.get("/api/v1/questions")
    assert client.get("/api/v1/questions").status_code == 429
    responses = [client.get(path) for _ in range(10)]
    assert {r.status_code for r in responses} == {200}
    assert "RateLimit-Remaining" not in responses[0].headers


def test_preflights_are_never_limited(app3: Any) -> None:
    client = from_address(app3, "198.51.100.4")
    preflight = {"Origin": "https://example.org", "Access-Control-Request-Method": "POST"}
    assert {client.options("/sparql", headers=preflight).status_code for _ in range(10)} == {200}
    assert client.get("/api/v1/questions").status_code == 200  # and they used none of the budget
    assert client.get("/api/v1/questions").headers["RateLimit-Remaining"] == "1"


def test_every_limited_prefix_is_a_route() -> None:
    """The table names routes that exist (a renamed route would silently become unlimited)."""
    from sharaka.service.app import create_app

    app = create_app(Settings.load({"rate_limit": 0}, environ={}), store=_NoStore())
    rules = [rule.rule for rule in app.url_map.iter_rules()]
    for prefix in LIMITED_PREFIXES:
        assert any(rule.startswith(prefix.rstrip("/")) for rule in rules), prefix


class _NoStore:
    kind = "remote"  # a store that is never asked: the engine is built lazily for remote stores


def test_forwarded_for_is_ignored_by_default(app3: Any) -> None:
    """A client cannot dodge the limit by sending a new X-Forwarded-For each time."""
    client = from_address(app3, "198.51.100.5")
    statuses = [client.get("/api/v1/questions", headers={"X-Forwarded-For": f"10.0.0.{i}"}).status_code
                for i in range(5)]
    assert statuses == [200, 200, 200, 429, 429]


def test_forwarded_for_from_a_trusted_proxy(settings: Settings, memory_store: Any) -> None:
    app = limited_app(settings, memory_store, trusted_proxies=1)
    proxy = from_address(app, "127.0.0.1")

    def status(forwarded: str) -> int:
        return int(proxy.get("/api/v1/questions", headers={"X-Forwarded-For": forwarded}).status_code)

    assert [status("203.0.113.1") for _ in range(4)] == [200, 200, 200, 429]
    assert status("203.0.113.2") == 200  # another client behind the same proxy
    # one proxy trusted: only the address it appended counts, not what the client wrote before it
    assert [status(f"10.9.9.{i}, 203.0.113.1") for i in range(2)] == [429, 429]


def test_rate_limit_zero_turns_it_off(client: Any) -> None:
    """The test session's app (rate_limit 0): no limit, no headers."""
    responses = [client.get("/api/v1/questions") for _ in range(70)]
    assert {r.status_code for r in responses} == {200}
    assert "RateLimit-Limit" not in responses[-1].headers


# -- failing open ----------------------------------------------------------------------------------------------
class BrokenBackend:
    def update(self, key: str, policy: Policy, now: float) -> Any:
        raise OSError("disk I/O error")


def test_a_failing_backend_lets_requests_through(app3: Any, caplog: pytest.LogCaptureFixture,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    limiter = app3.extensions["sharaka_rate_limiter"]
    monkeypatch.setattr(limiter, "backend", BrokenBackend())
    monkeypatch.setattr(limiter, "_last_complaint", float("-inf"))
    client = from_address(app3, "198.51.100.6")
    with caplog.at_level(logging.WARNING, logger="sharaka.service.rate_limit"):
        statuses = {client.get("/api/v1/questions").status_code for _ in range(10)}
    assert statuses == {200}
    complaints = [r for r in caplog.records if "rate limit backend failed" in r.getMessage()]
    assert len(complaints) == 1  # said once, not per request


def test_an_unusable_sqlite_file_fails_open(settings: Settings, memory_store: Any, tmp_path: Path) -> None:
    app = limited_app(settings, memory_store, rate_limit_backend=f"sqlite://{tmp_path}/missing-dir/rl.db")
    client = from_address(app, "198.51.100.7")
    assert {client.get("/api/v1/questions").status_code for _ in range(6)} == {200}


# -- one SQLite file, several processes -------------------------------------------------------------------------
COUNTER = textwrap.dedent("""
    import json, sys, time
    from sharaka.service.rate_limit import Policy, RateLimiter, SQLiteBackend
    path, start, n = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    while time.time() < start:  # both processes begin together
        time.sleep(0.005)
    limiter = RateLimiter(Policy(per_minute=1, burst=25), SQLiteBackend(path, busy_timeout=5.0))
    decisions = [limiter.check("one client") for _ in range(n)]
    print(json.dumps({"allowed": sum(1 for d in decisions if d and d.allowed),
                      "failed": sum(1 for d in decisions if d is None)}))
""")


def test_sqlite_backend_is_shared_by_processes(tmp_path: Path) -> None:
    """Two processes hammer one client's bucket at once: together they get exactly the burst."""
    import time

    path, start = str(tmp_path / "shared.db"), time.time() + 1.5
    root = str(Path(__file__).resolve().parent.parent)
    processes = [subprocess.Popen([sys.executable, "-c", COUNTER, path, str(start), "40"], cwd=root,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    results = []
    for process in processes:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err.decode()[-2000:]
        results.append(json.loads(out))
    assert sum(r["failed"] for r in results) == 0
    assert sum(r["allowed"] for r in results) == 25
