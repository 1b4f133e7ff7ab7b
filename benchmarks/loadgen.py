"""A small, standard-library-only load client for the Sharaka service, reused by the load and fault runs.

    from sharaka.benchmarks.loadgen import realistic_mix, run_load, sharaka_server
    with sharaka_server(workers=2, env={"SHARAKA_RATE_LIMIT": "0"}, data_dir=Path("~/.cache/sharaka")) as url:
        report = run_load(url, realistic_mix(url), duration_s=60, concurrency=8, seed=1)
    print(report.to_markdown())

- `sharaka_server` starts `python -m sharaka serve` on a free 127.0.0.1 port in its own process group, waits for
  /readyz, yields the base URL and stops the whole group (the server, its processes and their SPARQL worker
  processes) when the block ends, whatever happens in it.
- `run_load` runs virtual users (one thread and one keep-alive connection each) for `duration_s`: closed-loop
  (the next request as soon as the answer is in: the service's capacity) or paced, each user thinking between
  requests (exponential, mean `think_s`). With `forwarded=True` each user sends `X-Forwarded-For: 10.0.x.y` of its
  own and pathological requests come from their own few addresses (`PATHOLOGICAL_ADDRESSES`), as clients behind a
  reverse proxy look to a service started with SHARAKA_TRUSTED_PROXIES=1. Every request is recorded (kind,
  status, latency, problem code, client). It always ends: no request is started after the duration and none may
  take longer than `request_timeout`.
- `LoadReport` gives requests/s, p50/p95/p99 per kind and for normal vs pathological requests, status counts,
  5xx on well-formed requests, a per-second timeline, and JSON / Markdown renderings.
- `realistic_mix` draws from the real question sets (tests/questions/*.jsonl), the bound SPARQL the service
  itself returns for template examples, a fixed list of researcher queries, and optionally a share of
  pathological SPARQL queries.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from sharaka.benchmarks.common import percentile

ROOT = Path(__file__).resolve().parent.parent
PROBLEM_JSON = "application/problem+json"
# A user opens a fresh connection after this long idle, as browsers do: a server closes idle keep-alive connections
# at its own time (idle_timeout), and a request written into one it is closing fails with no answer.
IDLE_RECONNECT_S = 1.0
# The few clients the pathological queries come from (the users are 10.0.x.y).
PATHOLOGICAL_ADDRESSES = ("10.66.0.1", "10.66.0.2", "10.66.0.3")


def user_address(index: int) -> str:
    return f"10.0.{index // 250}.{index % 250 + 1}"


# -- the server ------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_get(url: str, timeout: float = 5.0, accept: str = "application/json") -> tuple[int, bytes]:
    """One GET on a fresh connection; (0, b"") when nothing answers."""
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port or 80, timeout=timeout)
    try:
        conn.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""), headers={"Accept": accept})
        response = conn.getresponse()
        return response.status, response.read()
    except OSError:
        return 0, b""
    finally:
        conn.close()


def stop_process_group(process: subprocess.Popen[bytes], grace_s: float = 15.0) -> None:
    """SIGTERM to the group we started (the server and every process under it), SIGKILL what is left."""
    if process.poll() is None:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=grace_s)
    # Children (SPARQL workers, the forkserver) may outlive the master briefly: the group goes too.
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    if process.poll() is None:
        process.wait(timeout=10)


@contextmanager
def sharaka_server(workers: int, env: dict[str, str], data_dir: Path, *, threads: int = 16,
                   ready_timeout_s: float = 120.0, log_path: Path | None = None,
                   extra_args: Sequence[str] = ()) -> Iterator[str]:
    """`python -m sharaka serve --workers N --threads T` on 127.0.0.1 (what people run); yields the base URL.

    `env` is added to this process's environment (SHARAKA_* settings); the graph is taken from `data_dir`.
    The server runs in its own process group, so stopping it stops every process it started."""
    port = free_port()
    full_env = dict(os.environ)
    full_env.update({"SHARAKA_DATA_DIR": str(data_dir), "PYTHONPATH": str(ROOT), **env})
    command = [sys.executable, "-m", "sharaka", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers), "--threads", str(threads), *extra_args]
    with tempfile.TemporaryDirectory(prefix="sharaka-serve-") as tmp:
        log = log_path or Path(tmp) / "serve.log"
        with log.open("wb") as log_file:
            process = subprocess.Popen(command, env=full_env, cwd=str(ROOT), stdout=log_file,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + ready_timeout_s
            ready_in_a_row = 0
            # Ready means every server process's SPARQL workers hold the graph, not only /readyz's 200: each
            # process loads its own (sharaka serve warms them at start), and a request reaches any of them.
            while ready_in_a_row < 4 * workers:
                ready_in_a_row = ready_in_a_row + 1 if _workers_ready(base) else 0
                if process.poll() is not None or time.monotonic() > deadline:
                    tail = log.read_bytes()[-3000:].decode(errors="replace")
                    raise RuntimeError(f"sharaka serve did not become ready (exit {process.poll()}):\n{tail}")
                time.sleep(0.05 if ready_in_a_row else 0.2)
            yield base
        finally:
            stop_process_group(process, grace_s=30.0)


def _workers_ready(base: str) -> bool:
    status, body = http_get(base + "/readyz", timeout=2)
    if status != 200:
        return False
    try:
        sparql = json.loads(body).get("sparql") or {}
    except ValueError:
        return False
    workers = str(sparql.get("workers", "ready"))
    return workers == "ready" or workers.startswith("none")  # "none: …": a remote store has no workers


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


# -- request mixes ---------------------------------------------------------------------------------
# What a researcher types at /sparql: counts, lists, joins, a CONSTRUCT, an ASK; each bounded and fast.
SK = "PREFIX sk: <https://w3id.org/sharaka/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
RESEARCHER_QUERIES: tuple[str, ...] = (
    SK + "SELECT (COUNT(*) AS ?n) WHERE { ?a a sk:Agreement }",
    SK + "SELECT ?org ?label WHERE { ?org a sk:InternationalOrganization ; rdfs:label ?label } ORDER BY ?label",
    SK + "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY DESC(?n)",
    SK + "SELECT ?kind (COUNT(?a) AS ?n) WHERE { ?a a ?kind . ?kind rdfs:subClassOf sk:Agreement } GROUP BY ?kind",
    SK + "SELECT ?a ?y WHERE { ?a sk:hasParty <https://w3id.org/sharaka/id/nation/PAK> ; sk:startYear ?y } "
         "ORDER BY DESC(?y) LIMIT 50",
    SK + "SELECT ?p (COUNT(?a) AS ?n) WHERE { ?a sk:hasParty <https://w3id.org/sharaka/id/nation/TUR> , ?p . "
         "FILTER(?p != <https://w3id.org/sharaka/id/nation/TUR>) } GROUP BY ?p ORDER BY DESC(?n) LIMIT 20",
    SK + "ASK { ?a sk:hasParty <https://w3id.org/sharaka/id/nation/EGY> , <https://w3id.org/sharaka/id/nation/SAU> }",
    SK + "SELECT ?m WHERE { <https://w3id.org/sharaka/id/organization/OIC> sk:hasMember ?m }",
    SK + "CONSTRUCT { ?a ?p ?o } WHERE { ?a sk:sourceId \"atop:3222\" ; ?p ?o }",
    SK + "SELECT ?s ?label WHERE { ?s rdfs:label ?label . FILTER(CONTAINS(LCASE(STR(?label)), \"abraham\")) } "
         "LIMIT 20",
    "DESCRIBE <https://w3id.org/sharaka/id/nation/JOR>",
    SK + "SELECT ?y (COUNT(?a) AS ?n) WHERE { ?a sk:startYear ?y . FILTER(?y >= 1990) } GROUP BY ?y ORDER BY ?y",
)

# Queries that do far too much work: each must be cut by the time limit (they are never well-formed load).
PATHOLOGICAL_QUERIES: tuple[str, ...] = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i",
    'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?x . ?t ?q ?y . '
    'FILTER regex(CONCAT(STR(?x), STR(?y), STR(?x), STR(?y)), "^(a+)+$") }',
    # Expensive, but not by its shape (one connected join: ~10^9 rows): only the fast lane's CPU slice tells.
    SK + "SELECT (COUNT(*) AS ?n) WHERE { ?a sk:hasParty ?x . ?b sk:hasParty ?x . ?c sk:hasParty ?x }",
)

NATIONS = ("PAK", "TUR", "EGY", "SAU", "IRN", "IDN", "MYS", "QAT", "ARE", "JOR", "MAR", "DZA", "NGA", "USA", "CHN")
PREFIXES = ("pak", "tur", "sau", "ara", "gul", "nat", "ind", "ma", "eg", "ira")


def load_questions(paths: Sequence[Path] | None = None) -> list[str]:
    """The questions of the real evaluation sets (tests/questions/*.jsonl)."""
    paths = paths or sorted((ROOT / "tests" / "questions").glob("*.jsonl"))
    found: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(json.loads(line)["question"])
    return found


def answer_queries(base_url: str, questions: Sequence[str], limit: int = 40) -> list[str]:
    """The bound SPARQL the service returns for some answered questions: what a researcher copies to /sparql."""
    found: list[str] = []
    for question in questions:
        if len(found) >= limit:
            break
        status, body = http_get(f"{base_url}/api/v1/answer?" + urllib.parse.urlencode({"q": question}), timeout=30)
        if status == 200:
            sparql = json.loads(body).get("sparql")
            if sparql and json.loads(body).get("status") == "answered":
                found.append(sparql)
    return found


def sparql_request(query: str, rng: random.Random, pathological: bool = False) -> RequestSpec:
    kind = "sparql"
    accept = rng.choice(("application/sparql-results+json", "text/csv", "application/sparql-results+xml"))
    if query.lstrip().upper().startswith(("CONSTRUCT", "DESCRIBE")) or "\nCONSTRUCT" in query:
        accept = "text/turtle"
    if rng.random() < 0.5:
        return RequestSpec(kind, "GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                           headers={"Accept": accept}, pathological=pathological)
    return RequestSpec(kind, "POST", "/sparql", body=query.encode(),
                       headers={"Accept": accept, "Content-Type": "application/sparql-query"},
                       pathological=pathological)


@dataclass(frozen=True)
class Mix:
    """Weights of the kinds of requests (the rest of a share goes to the others), and the share of
    /sparql requests replaced by pathological queries (of all requests)."""

    chat: float = 0.45
    api: float = 0.30
    sparql: float = 0.25
    pathological: float = 0.0
    # Each pathological query made new (a LIMIT that changes nothing), so the service cannot know it from
    # an earlier one; False sends the same few texts again, as a client retrying would.
    fresh_pathological: bool = True


def realistic_mix(base_url: str, mix: Mix | None = None, questions: Sequence[str] | None = None,
                  sparql_queries: Sequence[str] | None = None) -> Pick:
    """A request picker: chat (the chat page's POST /api/v1/answer and its autocomplete), API calls (GET
    answer, nation summaries, linked data) and SPARQL (researcher queries and the service's own bound
    queries), with `mix.pathological` of all requests being pathological SPARQL."""
    mix = mix or Mix()
    questions = list(questions or load_questions())
    rng0 = random.Random(7)
    if sparql_queries is None:
        sparql_queries = [*RESEARCHER_QUERIES, *answer_queries(base_url, rng0.sample(questions, 80))]
    queries = list(sparql_queries)
    total = mix.chat + mix.api + mix.sparql

    def pick(rng: random.Random) -> RequestSpec:
        if mix.pathological and rng.random() < mix.pathological:
            query = rng.choice(PATHOLOGICAL_QUERIES)
            if mix.fresh_pathological:
                query += f" LIMIT {rng.randrange(10**6, 10**9)}"
            return sparql_request(query, rng, pathological=True)
        r = rng.random() * total
        if r < mix.chat:
            if rng.random() < 0.2:
                return RequestSpec("chat", "GET", "/api/v1/entities?" + urllib.parse.urlencode(
                    {"limit": 8, "prefix": rng.choice(PREFIXES)}), headers={"Accept": "application/json"})
            body = json.dumps({"question": rng.choice(questions)}).encode()
            return RequestSpec("chat", "POST", "/api/v1/answer", body=body,
                               headers={"Content-Type": "application/json", "Accept": "application/json"})
        if r < mix.chat + mix.api:
            choice = rng.random()
            if choice < 0.6:
                return RequestSpec("api", "GET", "/api/v1/answer?" + urllib.parse.urlencode(
                    {"q": rng.choice(questions)}), headers={"Accept": "application/json"})
            if choice < 0.8:
                return RequestSpec("api", "GET", f"/api/v1/nations/{rng.choice(NATIONS)}",
                                   headers={"Accept": "application/json"})
            return RequestSpec("api", "GET", f"/id/nation/{rng.choice(NATIONS)}", headers={"Accept": "text/turtle"})
        return sparql_request(rng.choice(queries), rng)

    return pick
