"""SPARQL speed: researcher queries (benchmarks/sparql/*.rq) on four stores holding the same graph, one run.

    python -m sharaka.benchmarks --only sparql

Stores: `embedded` (pyoxigraph in-process: Sharaka's default, MemoryStore), `oxrdflib` (the same data through
rdflib's API: Dataset on the Oxigraph store, query strings), `server` (`oxigraph serve` on 127.0.0.1, loaded
with the same N-Quads, over HTTP with JSON results) and `rdflib` (rdflib's default in-memory store, its own
Python engine). Each timing fetches every row. The first three are timed interleaved (each query on each
store in turn, rotating the order), after a warm-up; rdflib is timed afterwards in a forked child that is
killed when one run passes the cap (its figure is then "> cap"). Row counts must agree across stores.

The question mix of the old store_compare.py (the QA pipeline on the embedded store and on the server) runs
here too, since the server is up: it is what `SHARAKA_STORE=<server>` costs per question.
"""

from __future__ import annotations

import json
import multiprocessing
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sharaka.benchmarks.common import REPO, interleaved, read_questions, say, summary

SPARQL_DIR = Path(__file__).resolve().parent / "sparql"


@dataclass(frozen=True)
class MixQuery:
    name: str
    about: str  # the comment at the top of the file: what the query asks
    text: str


def load_mix(directory: Path = SPARQL_DIR) -> list[MixQuery]:
    queries = []
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        about = " ".join(line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#"))
        queries.append(MixQuery(path.stem, about, text))
    return queries


# -- the stores ------------------------------------------------------------------------------------
def embedded_runner(store: Any) -> Callable[[str], int]:
    def run(query: str) -> int:
        return sum(1 for _ in store.inner.query(query, use_default_graph_as_union=True))
    return run


def oxrdflib_runner(store: Any) -> Callable[[str], int]:
    def run(query: str) -> int:
        return len(list(store.rdflib.query(query)))
    return run


def server_runner(query_url: str) -> Callable[[str], int]:
    def run(query: str) -> int:
        request = urllib.request.Request(query_url, data=urllib.parse.urlencode({"query": query}).encode(),
                                         headers={"Accept": "application/sparql-results+json",
                                                  "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=120) as response:
            return len(json.loads(response.read())["results"]["bindings"])
    return run


def _rdflib_child(graph: Path, queries: list[str], repeat: int, connection: Any) -> None:
    """In a fresh child: load rdflib's memory store, then report (query index, ms, rows) run by run."""
    from rdflib import Dataset

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(str(graph), format="nquads")
    connection.send(("loaded", (time.perf_counter() - started) * 1000, len(dataset)))
    for index, query in enumerate(queries):
        for _ in range(1 + repeat):  # one warm-up
            t0 = time.perf_counter()
            rows = len(list(dataset.query(query)))
            connection.send((index, (time.perf_counter() - t0) * 1000, rows))


def time_rdflib(graph: Path, queries: list[str], repeat: int, cap_s: float,
                load_cap_s: float = 300.0) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Medians per query on rdflib's memory store; a query whose run passes `cap_s` stops the child
    (rdflib has no query timeout) and is reported as over the cap; the next query gets a new child."""
    context = multiprocessing.get_context("spawn")  # no copy of this process's stores
    results: list[dict[str, Any]] = [{"ms": [], "rows": None, "over_cap": False} for _ in queries]
    load: dict[str, Any] = {}
    start = 0
    while start < len(queries):
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_rdflib_child, args=(graph, queries[start:], repeat, sender), daemon=True)
        child.start()
        sender.close()
        next_start = len(queries)
        try:
            if not receiver.poll(load_cap_s):
                load = {"over_cap": True}
                for r in results[start:]:
                    r["over_cap"] = True
                break
            _, load_ms, quads = receiver.recv()
            load = {"load_s": round(load_ms / 1000, 2), "quads": quads}
            runs_of: dict[int, int] = {}
            while True:
                if not receiver.poll(cap_s):
                    # The query after the last report ran past the cap.
                    current = max(runs_of, default=-1)
                    stuck = current if current >= 0 and runs_of[current] < 1 + repeat else current + 1
                    if start + stuck < len(queries):
                        results[start + stuck]["over_cap"] = True
                    next_start = start + stuck + 1
                    break
                try:
                    index, ms, rows = receiver.recv()
                except EOFError:
                    break
                runs_of[index] = runs_of.get(index, 0) + 1
                if runs_of[index] > 1:  # the first run is the warm-up
                    results[start + index]["ms"].append(ms)
                results[start + index]["rows"] = rows
                if index == len(queries) - start - 1 and runs_of[index] == 1 + repeat:
                    break
        finally:
            if child.is_alive():
                child.kill()
            child.join(10)
            receiver.close()
        start = next_start
    return load, results


# -- the run ---------------------------------------------------------------------------------------
def run(graph: Path, repeat: int = 5, rdflib_cap_s: float = 10.0, with_rdflib: bool = True,
        question_repeat: int = 3, quick: bool = False) -> dict[str, Any]:
    from sharaka.qa.engine import QAEngine
    from sharaka.settings import Settings
    from sharaka.store import MemoryStore
    from sharaka.store.http import Limits
    from sharaka.store.remote import RemoteStore, load_into_remote

    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))  # the Oxigraph server helper of the tests
    from tests.oxigraph_server import OxigraphServer

    mix = load_mix()
    texts = [q.text for q in mix]
    memory = MemoryStore.from_nquads(graph)
    out: dict[str, Any] = {"queries": {q.name: {"about": q.about} for q in mix}}
    with tempfile.TemporaryDirectory(prefix="sharaka-bench-oxigraph-") as tmp:
        server = OxigraphServer(location=None, log_dir=Path(tmp))
        with server:
            settings = Settings.load({"data_dir": str(graph.parent), "store": server.query_url}, environ={})
            started = time.perf_counter()
            count = load_into_remote(graph, server.store_url, settings)
            out["server"] = {"load_s": round(time.perf_counter() - started, 2), "quads": count,
                             "command": " ".join(server.command())}
            runners = {"embedded": embedded_runner(memory), "oxrdflib": oxrdflib_runner(memory),
                       "server": server_runner(server.query_url)}
            say(f"sparql: {len(mix)} queries × {repeat} on {', '.join(runners)} (interleaved)")
            rows = {name: {t: runner(t) for t in texts} for name, runner in runners.items()}
            times = interleaved(texts, runners, repeat)

            # The question mix of store_compare.py: the whole QA pipeline on each store.
            questions = [q["question"] for q in read_questions()]
            if quick:
                questions = questions[:20]
            engines = {"embedded": QAEngine(memory),
                       "server": QAEngine(RemoteStore(server.query_url, Limits(timeout=30.0)))}
            say(f"sparql: {len(questions)} questions × {question_repeat} on the embedded store and the server")
            answered = interleaved(questions, {n: e.answer for n, e in engines.items()}, question_repeat)
            out["questions_by_store"] = {n: summary([ms for v in answered[n].values() for ms in v])
                                         for n in engines}
            out["questions_by_store"]["server_over_embedded_p50"] = round(
                out["questions_by_store"]["server"]["p50"] / out["questions_by_store"]["embedded"]["p50"], 2)

    rdflib_results: list[dict[str, Any]] = []
    if with_rdflib:
        say(f"sparql: rdflib memory store (cap {rdflib_cap_s} s per run) …")
        load, rdflib_results = time_rdflib(graph, texts, max(1, repeat // 2), rdflib_cap_s)
        out["rdflib_load"] = load

    mismatches = []
    for i, q in enumerate(mix):
        entry = out["queries"][q.name]
        for name in runners:
            entry[name] = {"ms": round(statistics.median(times[name][q.text]), 3), "rows": rows[name][q.text]}
        if with_rdflib:
            r = rdflib_results[i]
            entry["rdflib"] = ({"ms": None, "over_cap_s": rdflib_cap_s, "rows": r["rows"]} if r["over_cap"]
                               else {"ms": round(statistics.median(r["ms"]), 3), "rows": r["rows"]})
        server_ms = entry["server"]["ms"]
        for name in ("embedded", "oxrdflib", "rdflib"):
            ms = entry.get(name, {}).get("ms")
            if ms is not None:
                entry[name]["vs_server"] = round(ms / server_ms, 2)
        counts = {name: entry[name]["rows"] for name in (*runners, "rdflib") if name in entry
                  and entry[name]["rows"] is not None}
        if len(set(counts.values())) > 1:
            mismatches.append({"query": q.name, "rows": counts})
    out["row_count_mismatches"] = mismatches
    totals: dict[str, Any] = {}
    for name in ("embedded", "oxrdflib", "server", "rdflib")[:4 if with_rdflib else 3]:
        values = [out["queries"][q.name].get(name, {}).get("ms") for q in mix]
        if any(v is None for v in values):
            totals[name] = None  # some query over the cap
            continue
        totals[name] = round(sum(v for v in values if v is not None), 3)
    out["total_ms"] = totals
    out["total_vs_server"] = {n: (round(v / totals["server"], 2) if v is not None else None)
                              for n, v in totals.items()}
    out["geomean_vs_server"] = {
        n: round(statistics.geometric_mean([out["queries"][q.name][n]["vs_server"] for q in mix]), 3)
        for n in ("embedded", "oxrdflib", "rdflib")
        if all(out["queries"][q.name].get(n, {}).get("vs_server") for q in mix)}
    out["repeat"] = repeat
    out["rdflib_cap_s"] = rdflib_cap_s if with_rdflib else None
    return out
