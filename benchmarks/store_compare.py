"""Memory vs Oxigraph server: the same query mix and question set on both stores, one run, side by side.

    python benchmarks/store_compare.py [--url http://127.0.0.1:7878/query] [--repeat 3]
                                       [--questions tests/questions/dev.jsonl] [--in-memory-server]

Query mix: the bound SPARQL of every template example (what the QA engine sends). Question set:
every template example plus the dev questions. Without --url, a temporary `oxigraph serve
--location TMP --union-default-graph` is started on 127.0.0.1 and loaded with `load_into_remote`
(the load time is printed too). Prints p50/p95/p99 per store and the ratio remote/memory.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from pathlib import Path

from kg.build import build, input_fingerprint, write_graph, write_manifest
from queries import load_templates
from sharaka.qa.engine import QAEngine
from sharaka.remote_http import Limits
from sharaka.remote_store import RemoteStore, load_into_remote
from sharaka.settings import Settings
from sharaka.store import MemoryStore, Store


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def timed(items: Iterable[str], run: Callable[[str], object], repeat: int) -> list[float]:
    """Milliseconds per call; one warm-up pass first, not counted."""
    items = list(items)
    for item in items:
        run(item)
    times = []
    for _ in range(repeat):
        for item in items:
            started = time.perf_counter()
            run(item)
            times.append((time.perf_counter() - started) * 1000)
    return times


def report(title: str, memory: list[float], remote: list[float]) -> None:
    print(f"\n{title} ({len(memory)} calls per store)")
    print(f"{'':>8} {'memory ms':>10} {'remote ms':>10} {'remote/memory':>14}")
    for p in (50, 95, 99):
        m, r = percentile(memory, p), percentile(remote, p)
        print(f"{'p' + str(p):>8} {m:>10.2f} {r:>10.2f} {r / m:>13.1f}×")
    m, r = sum(memory), sum(remote)
    print(f"{'total':>8} {m / 1000:>9.2f}s {r / 1000:>9.2f}s {r / m:>13.1f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="query URL of an Oxigraph server that already holds the graph")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--questions", default="tests/questions/dev.jsonl")
    parser.add_argument("--in-memory-server", action="store_true", help="start oxigraph without --location")
    args = parser.parse_args()

    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        result = build()
        path = tmp / "sharaka.nq"
        write_graph(result, path)
        write_manifest(result, tmp, input_fingerprint())
        memory_store = MemoryStore.from_nquads(path)

        url = args.url
        if url is None:
            sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the server helper of the tests
            from tests.oxigraph_server import OxigraphServer

            server = OxigraphServer(location=None if args.in_memory_server else tmp / "db", log_dir=tmp)
            stack.enter_context(server)
            url = server.query_url
            settings = Settings.load({"data_dir": str(tmp), "store": url}, environ={})
            started = time.perf_counter()
            count = load_into_remote(path, server.store_url, settings)
            storage = "in memory" if args.in_memory_server else "RocksDB"
            print(f"loaded {count:,} quads into oxigraph serve ({storage}) in {time.perf_counter() - started:.1f} s")
        remote_store = RemoteStore(url, Limits(timeout=30.0))

        engines: dict[str, QAEngine] = {}
        for name, store in (("memory", memory_store), ("remote", remote_store)):
            started = time.perf_counter()
            engines[name] = QAEngine(store)
            print(f"{name}: QA engine (entity index) built in {time.perf_counter() - started:.2f} s")

        examples = [ex for t in load_templates() for ex in t.examples]
        questions = list(examples)
        dev = Path(args.questions)
        if dev.exists():
            questions += [json.loads(line)["question"] for line in dev.read_text(encoding="utf-8").splitlines()
                          if line.strip()]
        queries = [a.sparql for a in map(engines["memory"].answer, examples) if a.sparql]

        def select_on(store: Store) -> Callable[[str], object]:
            return lambda query: store.select(query, limit=500)

        report("query mix: bound SPARQL of every template example",
               timed(queries, select_on(memory_store), args.repeat),
               timed(queries, select_on(remote_store), args.repeat))
        report("questions: template examples + dev set, whole pipeline",
               timed(questions, engines["memory"].answer, args.repeat),
               timed(questions, engines["remote"].answer, args.repeat))


if __name__ == "__main__":
    main()
