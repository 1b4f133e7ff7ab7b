"""A small, standard-library-only load client for the Sharaka service, reused by the load and fault runs.

    from sharaka.benchmarks.loadgen import run_load
    from sharaka.benchmarks.request_mix import realistic_mix
    from sharaka.benchmarks.server_process import sharaka_server
    with sharaka_server(workers=2, env={"SHARAKA_RATE_LIMIT": "0"}, data_dir=Path("~/.cache/sharaka")) as url:
        report = run_load(url, realistic_mix(url), duration_s=60, concurrency=8, seed=1)
    print(report.to_markdown())

- `sharaka_server` (server_process.py) starts `python -m sharaka serve` on a free 127.0.0.1 port in its own
  process group, waits for /readyz, yields the base URL and stops the whole group (the server, its processes and
  their SPARQL worker processes) when the block ends, whatever happens in it.
- `run_load` runs virtual users (one thread and one keep-alive connection each) for `duration_s`: closed-loop
  (the next request as soon as the answer is in: the service's capacity) or paced, each user thinking between
  requests (exponential, mean `think_s`). With `forwarded=True` each user sends `X-Forwarded-For: 10.0.x.y` of its
  own and pathological requests come from their own few addresses (`PATHOLOGICAL_ADDRESSES`), as clients behind a
  reverse proxy look to a service started with SHARAKA_TRUSTED_PROXIES=1. Every request is recorded (kind,
  status, latency, problem code, client). It always ends: no request is started after the duration and none may
  take longer than `request_timeout`.
- `LoadReport` gives requests/s, p50/p95/p99 per kind and for normal vs pathological requests, status counts,
  5xx on well-formed requests, a per-second timeline, and JSON / Markdown renderings.
- `realistic_mix` (request_mix.py) draws from the real question sets (tests/questions/*.jsonl), the bound SPARQL
  the service itself returns for template examples, a fixed list of researcher queries, and optionally a share
  of pathological SPARQL queries.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from sharaka.benchmarks.common import percentile

PROBLEM_JSON = "application/problem+json"
# A user opens a fresh connection after this long idle, as browsers do: a server closes idle keep-alive connections
# at its own time (idle_timeout), and a request written into one it is closing fails with no answer.
IDLE_RECONNECT_S = 1.0
# The few clients the pathological queries come from (the users are 10.0.x.y).
PATHOLOGICAL_ADDRESSES = ("10.66.0.1", "10.66.0.2", "10.66.0.3")


def user_address(index: int) -> str:
    return f"10.0.{index // 250}.{index % 250 + 1}"


# -- requests --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class RequestSpec:
    """One request a virtual user sends; `pathological` marks queries meant to be cut by the time limit."""

    kind: str
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    pathological: bool = False


@dataclass(frozen=True)
class Sample:
    kind: str
    pathological: bool
    status: int  # 0: no HTTP answer (connection refused or reset, or the request timed out)
    started_s: float  # since the start of the run
    latency_s: float
    problem: str = ""  # the problem+json `code` of an error, or why there was no answer
    problem_json: bool = False  # the error came as application/problem+json
    what: str = ""  # for errors on normal requests: what was sent and the error's detail, shortened
    client: str = ""  # the X-Forwarded-For address it was sent with ("" when none)


Pick = Callable[[random.Random], RequestSpec]


def _send(conn: http.client.HTTPConnection, spec: RequestSpec, client: str) -> tuple[int, str, bool, str]:
    headers = {"Connection": "keep-alive", **spec.headers}
    if client:
        headers["X-Forwarded-For"] = client
    conn.request(spec.method, spec.path, body=spec.body, headers=headers)
    response = conn.getresponse()
    body = response.read()
    problem, is_problem, detail = "", False, ""
    if response.status >= 400:
        is_problem = (response.getheader("Content-Type") or "").startswith(PROBLEM_JSON)
        try:
            found = json.loads(body) if is_problem else {}
            problem, detail = str(found.get("code", "")), str(found.get("detail", ""))
        except (ValueError, AttributeError):
            problem = "unreadable problem body"
    if response.getheader("Connection", "").lower() == "close":
        conn.close()
    return response.status, problem, is_problem, detail


def run_load(base_url: str, pick: Pick, duration_s: float, concurrency: int, seed: int,
             request_timeout: float = 30.0, max_background: int = 64,
             on_tick: Callable[[float], None] | None = None, think_s: float = 0.0,
             forwarded: bool = False) -> LoadReport:
    """`concurrency` users each send a request, wait for the answer, think (exponential, mean `think_s`; 0:
    closed loop, no thinking), send the next. With `forwarded`, each user names its own address in
    X-Forwarded-For, and pathological requests one of PATHOLOGICAL_ADDRESSES.

    Pathological requests are sent aside on their own connections (at most `max_background` at a time), so
    they stay their share of the requests started. No request starts after `duration_s`; a request still
    unanswered after `request_timeout` counts as status 0.
    `on_tick(elapsed_s)` is called about every 0.1 s from the calling thread (the fault run drives its faults
    from it)."""
    parts = urllib.parse.urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    samples: list[Sample] = []
    lock = threading.Lock()
    started = time.monotonic()
    stop_at = started + duration_s

    background = threading.BoundedSemaphore(max_background)
    extra_threads: list[threading.Thread] = []

    def record(spec: RequestSpec, conn: http.client.HTTPConnection, client: str) -> None:
        t0 = time.monotonic()
        try:
            status, problem, is_problem, detail = _send(conn, spec, client)
        except Exception as exc:  # no answer, whatever the reason: recorded, and the user goes on
            status, problem, is_problem, detail = 0, type(exc).__name__, False, str(exc)
            conn.close()  # a fresh connection for the next request
            if time.monotonic() - t0 < 0.05:
                time.sleep(0.05)  # refused at once (server down): do not spin
        t1 = time.monotonic()
        with lock:
            failed = not spec.pathological and (status == 0 or status >= 500)
            sent = f"{spec.method} {spec.path[:200]} {(spec.body or b'').decode()[:100]}"
            what = f"{sent} → {detail[:200]}" if failed else ""
            samples.append(Sample(spec.kind, spec.pathological, status, t0 - started, t1 - t0, problem, is_problem,
                                  what, client))

    def send_aside(spec: RequestSpec, client: str) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=request_timeout)
        try:
            record(spec, conn, client)
        finally:
            conn.close()
            background.release()

    def user(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        conn = http.client.HTTPConnection(host, port, timeout=request_timeout)
        own = user_address(index) if forwarded else ""
        last_answer = time.monotonic()
        if think_s > 0:  # users do not start in step
            time.sleep(min(rng.uniform(0, 2 * think_s), max(0.0, stop_at - time.monotonic())))
        try:
            while time.monotonic() < stop_at:
                spec = pick(rng)
                # A pathological query is sent aside (by another client) so that it is its share of the requests
                # started, rather than holding this user for its whole time limit.
                if spec.pathological and background.acquire(blocking=False):
                    other = rng.choice(PATHOLOGICAL_ADDRESSES) if forwarded else ""
                    thread = threading.Thread(target=send_aside, args=(spec, other), daemon=True)
                    with lock:
                        extra_threads.append(thread)
                    thread.start()
                else:
                    if time.monotonic() - last_answer > IDLE_RECONNECT_S:
                        conn.close()  # http.client connects again for the next request
                    record(spec, conn, own)
                    last_answer = time.monotonic()
                if think_s > 0:
                    time.sleep(min(rng.expovariate(1 / think_s), max(0.0, stop_at - time.monotonic())))
        finally:
            conn.close()

    threads = [threading.Thread(target=user, args=(i,), daemon=True, name=f"load-user-{i}")
               for i in range(concurrency)]
    for thread in threads:
        thread.start()
    hard_deadline = stop_at + request_timeout + 5
    while time.monotonic() < hard_deadline:
        with lock:
            alive = any(t.is_alive() for t in (*threads, *extra_threads))
        if not alive:
            break
        if on_tick is not None:
            on_tick(time.monotonic() - started)
        time.sleep(0.1)
    elapsed = time.monotonic() - started
    with lock:
        return LoadReport(list(samples), duration_s=min(elapsed, duration_s), wall_s=elapsed,
                          concurrency=concurrency, think_s=think_s)


# -- the report ------------------------------------------------------------------------------------
def _latency(samples: Sequence[Sample]) -> dict[str, float]:
    ms = [s.latency_s * 1000 for s in samples]
    return {"n": len(ms), "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
            "p99_ms": round(percentile(ms, 99), 1), "max_ms": round(max(ms, default=0.0), 1)}


def _kind_key(sample: Sample) -> str:
    return sample.kind + (" (pathological)" if sample.pathological else "")


@dataclass
class LoadReport:
    samples: list[Sample]
    duration_s: float
    wall_s: float
    concurrency: int
    think_s: float = 0.0

    @property
    def normal(self) -> list[Sample]:
        return [s for s in self.samples if not s.pathological]

    @property
    def pathological(self) -> list[Sample]:
        return [s for s in self.samples if s.pathological]

    @property
    def requests_per_s(self) -> float:
        return len(self.samples) / self.duration_s if self.duration_s else 0.0

    def latency(self) -> dict[str, dict[str, float]]:
        """Latency figures per kind, then for all normal and all pathological requests."""
        by_kind: dict[str, list[Sample]] = defaultdict(list)
        for s in self.samples:
            by_kind[_kind_key(s)].append(s)
        table = {kind: _latency(group) for kind, group in sorted(by_kind.items())}
        table["normal (all kinds)"] = _latency(self.normal)
        if self.pathological:
            table["pathological"] = _latency(self.pathological)
        return table

    def status_counts(self, samples: Sequence[Sample] | None = None) -> dict[str, int]:
        counts = Counter(str(s.status) for s in (self.samples if samples is None else samples))
        return dict(sorted(counts.items()))

    def status_by_kind(self) -> dict[str, dict[str, int]]:
        by_kind: dict[str, Counter[str]] = defaultdict(Counter)
        for s in self.samples:
            by_kind[_kind_key(s)][str(s.status)] += 1
        return {kind: dict(sorted(c.items())) for kind, c in sorted(by_kind.items())}

    def server_errors_on_normal(self) -> list[Sample]:
        """5xx (or no answer at all) on a well-formed, normal request: the load target is none."""
        return [s for s in self.normal if s.status >= 500 or s.status == 0]

    def problems(self) -> dict[str, int]:
        """Error answers by status and problem code; `not problem+json` flags an error in another shape."""
        counts = Counter(f"{s.status} {s.problem or '-'}" + ("" if s.problem_json or s.status == 0
                                                            else " (not problem+json)")
                         for s in self.samples if s.status >= 400 or s.status == 0)
        return dict(sorted(counts.items()))

    def timeline(self, bucket_s: float = 1.0) -> list[dict[str, Any]]:
        """Status counts per second of the run (by request start), for the fault runs."""
        rows: dict[int, Counter[str]] = defaultdict(Counter)
        for s in self.samples:
            rows[int(s.started_s // bucket_s)][str(s.status)] += 1
        last = int(self.wall_s // bucket_s)
        return [{"t_s": round(i * bucket_s, 1), **dict(sorted(rows[i].items()))} for i in range(last + 1)]

    def summary(self) -> dict[str, Any]:
        return {
            "requests": len(self.samples), "duration_s": round(self.duration_s, 1),
            "wall_s": round(self.wall_s, 1), "concurrency": self.concurrency, "think_s": round(self.think_s, 3),
            "clients": len({s.client for s in self.normal}),
            "pathological_clients": sorted({s.client for s in self.pathological}),
            "requests_per_s": round(self.requests_per_s, 1), "latency": self.latency(),
            "status": self.status_counts(), "status_by_kind": self.status_by_kind(),
            "errors": self.problems(), "server_errors_on_normal": len(self.server_errors_on_normal()),
        }

    @classmethod
    def merged(cls, reports: Sequence[LoadReport]) -> LoadReport:
        """Several runs (e.g. interleaved blocks of one phase) as one report; start times are shifted so the
        timeline stays in order."""
        samples: list[Sample] = []
        offset = 0.0
        for report in reports:
            samples += [replace(s, started_s=s.started_s + offset) for s in report.samples]
            offset += report.wall_s
        return cls(samples, duration_s=sum(r.duration_s for r in reports), wall_s=offset,
                   concurrency=max((r.concurrency for r in reports), default=0),
                   think_s=max((r.think_s for r in reports), default=0.0))

    def to_json(self, samples: bool = False) -> str:
        data = self.summary()
        if samples:
            data["samples"] = [asdict(s) for s in self.samples]
        return json.dumps(data, indent=2, ensure_ascii=False)

    def to_markdown(self, title: str = "Load run") -> str:
        s = self.summary()
        lines = [f"### {title}", "",
                 f"{s['requests']} requests in {s['duration_s']} s with {s['concurrency']} users "
                 + (f"thinking {s['think_s']:g} s on average" if s["think_s"] else "in a closed loop (no think time)")
                 + ": "
                 f"**{s['requests_per_s']} requests/s**; 5xx or no answer on well-formed requests: "
                 f"**{s['server_errors_on_normal']}**", "",
                 "| kind | n | p50 ms | p95 ms | p99 ms | max ms | statuses |", "|---|---|---|---|---|---|---|"]
        by_kind = s["status_by_kind"]
        for kind, row in s["latency"].items():
            statuses = by_kind.get(kind) or self.status_counts(self.normal if kind.startswith("normal")
                                                               else self.pathological)
            text = ", ".join(f"{k}: {v}" for k, v in statuses.items())
            lines.append(f"| {kind} | {row['n']} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} "
                         f"| {row['max_ms']} | {text} |")
        if s["errors"]:
            lines += ["", "Errors: " + ", ".join(f"{k} × {v}" for k, v in s["errors"].items())]
        return "\n".join(lines)


