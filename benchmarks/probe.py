"""One measurement in a fresh interpreter, printed as one JSON line (run by benchmarks.common.run_probe).

    python -m sharaka.benchmarks.probe build --out DIR           cold build from kg/sources
    python -m sharaka.benchmarks.probe warm --graph FILE.nq [--store disk]  the built graph, QA index, first answer
    python -m sharaka.benchmarks.probe growth --graph FILE.nq [--rounds 5] [--questions JSON]

Times are taken from the start of this interpreter (before the heavy imports), so `ready_s` is what a
user waits for from `python` to an answer; peak RSS is this process's VmHWM.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402 (the clock starts first)
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

FIRST_QUESTION = "Which countries has Pakistan signed defence pacts with since 2000?"


def since_start() -> float:
    return round(time.perf_counter() - STARTED, 3)


def probe_build(out: Path) -> dict[str, Any]:
    from sharaka.benchmarks.common import peak_rss_mb
    from sharaka.kg.build import build, input_fingerprint, write_graph, write_manifest

    imported = since_start()
    started = time.perf_counter()
    result = build()
    write_graph(result, out / "sharaka.nq")
    write_manifest(result, out, input_fingerprint())
    return {"import_s": imported, "build_s": round(time.perf_counter() - started, 3),
            "quads": len(result.lines), "peak_rss_mb": round(peak_rss_mb(), 1), "total_s": since_start()}


def _open(graph: Path, store_kind: str = "memory") -> tuple[Any, dict[str, Any]]:
    from sharaka.benchmarks.common import peak_rss_mb
    from sharaka.kg.build import read_manifest
    from sharaka.qa.engine import QAEngine
    from sharaka.qa.index_cache import IndexCache
    from sharaka.store import MemoryStore

    figures: dict[str, Any] = {"import_s": since_start()}
    started = time.perf_counter()
    # 'disk': the read-only on-disk copy the service opens with store=disk (built first if missing: run it once).
    store = MemoryStore.open_built(graph) if store_kind == "disk" else MemoryStore.from_nquads(graph)
    figures["store"] = store_kind
    figures["load_s"] = round(time.perf_counter() - started, 3)
    figures["rss_after_load_mb"] = round(peak_rss_mb(), 1)
    figures["quads"] = store.triple_count()
    started = time.perf_counter()
    # As the service does: the QA index is kept beside a built graph that has a manifest (sharaka/qa/index_cache.py).
    sha256 = (read_manifest(graph.parent) or {}).get("graph_sha256")
    cache = IndexCache(graph.parent, sha256) if isinstance(sha256, str) else None
    figures["index_cache"] = "none" if cache is None else ("read" if cache.path().exists() else "written")
    engine = QAEngine(store, index_cache=cache)
    figures["index_s"] = round(time.perf_counter() - started, 3)
    figures["ready_s"] = since_start()
    figures["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return engine, figures


def probe_warm(graph: Path, store_kind: str = "memory") -> dict[str, Any]:
    engine, figures = _open(graph, store_kind)
    started = time.perf_counter()
    answer = engine.answer(FIRST_QUESTION)
    figures["first_answer_ms"] = round((time.perf_counter() - started) * 1000, 3)
    figures["first_answer_status"] = answer.status
    figures["time_to_first_answer_s"] = since_start()
    return figures


def probe_growth(graph: Path, questions: dict[str, str], rounds: int) -> dict[str, Any]:
    """Per question type: the median and best of `rounds` timed answers after one warm-up."""
    from sharaka.benchmarks.common import peak_rss_mb

    engine, figures = _open(graph)
    per_type: dict[str, Any] = {}
    for kind, question in questions.items():
        answer = engine.answer(question)  # warm-up
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            engine.answer(question)
            times.append((time.perf_counter() - started) * 1000)
        per_type[kind] = {"p50": round(statistics.median(times), 3), "min": round(min(times), 3),
                          "status": answer.status, "rows": len(answer.answers),
                          "stages_ms": answer.explanation.get("stages_ms", {})}
    figures["per_type"] = per_type
    figures["peak_rss_mb"] = round(peak_rss_mb(), 1)
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["build", "warm", "growth"])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--graph", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--questions", help="JSON object: question type → question")
    parser.add_argument("--store", choices=["memory", "disk"], default="memory")
    args = parser.parse_args(argv)
    if args.mode == "build":
        result = probe_build(args.out)
    elif args.mode == "warm":
        result = probe_warm(args.graph, args.store)
    else:
        result = probe_growth(args.graph, json.loads(args.questions), args.rounds)
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
