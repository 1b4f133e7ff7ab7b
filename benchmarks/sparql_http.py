"""/sparql over HTTP against `oxigraph serve` over HTTP: the same 13 queries (benchmarks/sparql/*.rq), the same
N-Quads, one run, interleaved.

    python benchmarks/sparql_http.py [--repeat 15] [--servers serve,werkzeug] [--data-dir DIR]

Targets, each a server process of its own on 127.0.0.1, asked by the same client (urllib, one connection
per request, POST form, Accept: SPARQL JSON, the whole body read; as SPARQLWrapper does):
- `oxigraph`: `oxigraph serve --union-default-graph`, in memory, loaded with the graph's N-Quads;
- `serve`: Sharaka as people run it in production, `sharaka serve --workers 2 --threads 16`;
- `werkzeug`: Sharaka in one process under werkzeug's threaded server (`run_simple`).
Every query runs on every target in turn (the order rotates each round) after one warm-up round, so
noise from the neighbours hits all alike. Prints per query the p50 of each target and its ratio to
Oxigraph's, and the mix ratio (sum of the p50s over Oxigraph's sum); the targets of issue 17 are every
query ≤ 1.5× and the mix ≤ 1.1×. Row counts must agree. A query that Sharaka stops at its time limit
(`query_timeout`: on the 1.6 M-quad graph, the property path of query 10) cannot be compared: it is asked once
on every target, its outcome (Sharaka's status and problem code, each target's time) is reported under
`over_time_limit`, and it is left out of the timed rounds and the mix.
Writes benchmarks/results/sparql-http-latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sharaka.benchmarks.common import interleaved, real_graph, say
from sharaka.benchmarks.server_process import free_port, http_get, sharaka_server, stop_process_group
from sharaka.benchmarks.sparql_mix import load_mix

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent
JSON = "application/sparql-results+json"
QUERY_TARGET, MIX_TARGET = 1.5, 1.1
# No rate limit (one client sends everything), no access log lines (the terminal is not what is measured).
SERVER_ENV = {"SHARAKA_RATE_LIMIT": "0", "SHARAKA_LOG_LEVEL": "WARNING"}
WERKZEUG_MAIN = """
import sys
from werkzeug.serving import run_simple
from sharaka.service.app import create_app
app = create_app()
app.extensions["sharaka"].sparql.warm()
run_simple("127.0.0.1", int(sys.argv[1]), app, threaded=True)
"""


def asker(base_url: str, path: str, timeout: float = 120.0) -> Callable[[str], int]:
    """A client for one endpoint: the number of rows of a query's answer."""
    url = base_url + path

    def ask(query: str) -> int:
        request = urllib.request.Request(url, data=urllib.parse.urlencode({"query": query}).encode(),
                                         headers={"Accept": JSON,
                                                  "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return len(json.loads(response.read())["results"]["bindings"])
    return ask


@contextmanager
def oxigraph_server(graph: Path, tmp: Path) -> Iterator[str]:
    from sharaka.settings import Settings
    from sharaka.store.remote import load_into_remote
    from tests.oxigraph_server import OxigraphServer

    # In memory, as Sharaka's embedded store: a store on disk (`oxigraph load`, RocksDB) is several times slower
    # on the long queries (measured: 07 and 13 took 1.4 and 2.2 s on disk), which would flatter the ratios.
    with OxigraphServer(location=None, log_dir=tmp) as server:
        load_into_remote(graph, server.store_url, Settings.load({"data_dir": str(graph.parent),
                                                                 "store": server.query_url}, environ={}))
        yield server.base_url


@contextmanager
def werkzeug_server(graph: Path, tmp: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, **SERVER_ENV, "SHARAKA_DATA_DIR": str(graph.parent), "PYTHONPATH": str(ROOT)}
    with (tmp / "werkzeug.log").open("wb") as log:
        process = subprocess.Popen([sys.executable, "-c", WERKZEUG_MAIN, str(port)], env=env, cwd=ROOT,
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while http_get(base + "/readyz", timeout=2)[0] != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("werkzeug server did not start: " + (tmp / "werkzeug.log").read_text()[-2000:])
            time.sleep(0.2)
        yield base
    finally:
        stop_process_group(process)


def wait_for_workers(base: str, timeout_s: float = 600.0) -> None:
    """Until /sparql answers ten times in a row (each server process starts its workers at its first query and
    says 503 graph_not_ready while they load the graph)."""
    deadline, in_a_row = time.monotonic() + timeout_s, 0
    ask = asker(base, "/sparql")
    while in_a_row < 10:
        try:
            ask("SELECT * WHERE { } LIMIT 1")
            in_a_row += 1
        except OSError:  # urllib's HTTPError (503) is an OSError
            in_a_row = 0
            if time.monotonic() > deadline:
                raise RuntimeError(f"the /sparql workers at {base} did not get ready") from None
            time.sleep(1.0)


def first_answers(mix: list[Any], askers: dict[str, Callable[[str], int]]
                  ) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, Any]]]:
    """Each query asked once on each target: its rows, or, for a query some target stopped (a Sharaka server at its
    time limit), what each target did and how long it took."""
    rows: dict[str, dict[str, int]] = {name: {} for name in askers}
    outcomes: dict[str, dict[str, Any]] = {}
    for q in mix:
        seen: dict[str, Any] = {}
        for name, ask in askers.items():
            started = time.perf_counter()
            try:
                rows[name][q.text] = ask(q.text)
                seen[name] = {"status": 200, "rows": rows[name][q.text]}
            except urllib.error.HTTPError as exc:
                body = exc.read()
                code = json.loads(body).get("code") if exc.headers.get_content_type().endswith("json") else None
                seen[name] = {"status": exc.code, "code": code}
            except OSError as exc:  # no answer within the client's timeout (Oxigraph has no limit of its own)
                seen[name] = {"status": 0, "code": f"no answer: {exc}"}
            seen[name]["seconds"] = round(time.perf_counter() - started, 2)
        if any(outcome["status"] != 200 for outcome in seen.values()):
            outcomes[q.name] = seen
    return rows, outcomes


def report(mix: list[Any], times: dict[str, dict[str, list[float]]], rows: dict[str, dict[str, int]],
           targets: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"queries": {}, "mix": {}}
    for q in mix:
        entry: dict[str, Any] = {name: {"p50_ms": round(statistics.median(times[name][q.text]), 3),
                                        "rows": rows[name][q.text]} for name in times}
        for name in targets:
            entry[name]["ratio"] = round(entry[name]["p50_ms"] / entry["oxigraph"]["p50_ms"], 2)
        out["queries"][q.name] = entry
    total = {name: sum(out["queries"][q.name][name]["p50_ms"] for q in mix) for name in times}
    for name in targets:
        ratios = [out["queries"][q.name][name]["ratio"] for q in mix]
        out["mix"][name] = {"sum_p50_ms": round(total[name], 1), "ratio": round(total[name] / total["oxigraph"], 3),
                            "worst_query_ratio": max(ratios),
                            "met": max(ratios) <= QUERY_TARGET and total[name] / total["oxigraph"] <= MIX_TARGET}
    out["mix"]["oxigraph"] = {"sum_p50_ms": round(total["oxigraph"], 1)}
    out["row_count_mismatches"] = [q.name for q in mix if len({rows[n][q.text] for n in times}) > 1]
    return out


def print_table(out: dict[str, Any], targets: list[str]) -> None:
    head = f"{'query':32s} {'oxigraph':>9s}" + "".join(f" {t:>9s} {'ratio':>6s}" for t in targets)
    print(head)
    for name, entry in out["queries"].items():
        print(f"{name:32s} {entry['oxigraph']['p50_ms']:9.2f}"
              + "".join(f" {entry[t]['p50_ms']:9.2f} {entry[t]['ratio']:5.2f}×" for t in targets))
    print(f"{'mix (sum of p50s)':32s} {out['mix']['oxigraph']['sum_p50_ms']:9.1f}"
          + "".join(f" {out['mix'][t]['sum_p50_ms']:9.1f} {out['mix'][t]['ratio']:5.2f}×" for t in targets))
    for t in targets:
        m = out["mix"][t]
        print(f"{t}: worst query {m['worst_query_ratio']}× (target ≤ {QUERY_TARGET}), mix {m['ratio']}× "
              f"(target ≤ {MIX_TARGET}): {'met' if m['met'] else 'NOT met'}")
    for name, seen in out.get("over_time_limit", {}).items():
        print(f"{name}: not timed, asked once: " + ", ".join(
            f"{target} {o['status']}{' ' + o['code'] if o.get('code') else ''} in {o['seconds']} s"
            for target, o in seen.items()))
    if out["row_count_mismatches"]:
        print("ROW COUNTS DIFFER:", out["row_count_mismatches"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="timed rounds (after one warm-up round)")
    parser.add_argument("--servers", default="serve,werkzeug", help="Sharaka servers to compare, comma-separated")
    parser.add_argument("--data-dir", type=Path, default=None, help="data directory holding the built graph")
    parser.add_argument("--out", type=Path, default=RESULTS / "sparql-http-latest",
                        help="where to write the results (.json is appended)")
    args = parser.parse_args(argv)
    graph = real_graph(args.data_dir)
    mix = load_mix()
    targets = [t for t in args.servers.split(",") if t]
    with tempfile.TemporaryDirectory(prefix="sharaka-sparql-http-") as tmp_name, ExitStack() as stack:
        tmp = Path(tmp_name)
        say("sparql_http: starting oxigraph serve and the Sharaka servers …")
        urls = {"oxigraph": (stack.enter_context(oxigraph_server(graph, tmp)), "/query")}
        if "serve" in targets:
            base = stack.enter_context(sharaka_server(2, SERVER_ENV, graph.parent, threads=16,
                                                      log_path=tmp / "serve.log"))
            urls["serve"] = (base, "/sparql")
        if "werkzeug" in targets:
            urls["werkzeug"] = (stack.enter_context(werkzeug_server(graph, tmp)), "/sparql")
        for base, path in urls.values():
            if path == "/sparql":
                wait_for_workers(base)
        askers = {name: asker(base, path) for name, (base, path) in urls.items()}
        rows, over_time_limit = first_answers(mix, askers)
        for name, seen in over_time_limit.items():
            say(f"sparql_http: {name} left out of the timed rounds: {seen}")
        mix = [q for q in mix if q.name not in over_time_limit]
        say(f"sparql_http: {len(mix)} queries × {args.repeat} rounds on {', '.join(askers)} (interleaved)")
        times = interleaved([q.text for q in mix], askers, args.repeat)
    out = report(mix, times, rows, targets)
    out.update({"over_time_limit": over_time_limit,
                "repeat": args.repeat, "client": "urllib, one connection per request, POST form, JSON results",
                "servers": {"serve": "sharaka serve --workers 2 --threads 16", "werkzeug": "run_simple threaded",
                            "oxigraph": "oxigraph serve --union-default-graph (in memory)"}})
    print_table(out, targets)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(out, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
