"""Answer latency in-process on the full graph, and what loading costs once per process.

    python benchmarks/qa_latency.py [--rounds 3] [--questions tests/questions/dev.jsonl]

Prints load figures (build, store load, engine index), then p50/p90/p99/max per-question latency
over every template example and the dev questions, repeated `rounds` times, with the targets
(p50 ≤ 10 ms, p99 ≤ 100 ms) beside them, and the share of time spent in each stage.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

from kg.build import build, input_fingerprint, write_graph, write_manifest
from queries import load_templates
from sharaka.qa.engine import QAEngine
from sharaka.store import MemoryStore

TARGET_P50_MS, TARGET_P99_MS = 10.0, 100.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--questions", default="tests/questions/dev.jsonl")
    args = parser.parse_args()

    started = time.perf_counter()
    result = build()
    build_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sharaka.nq"
        write_graph(result, path)
        write_manifest(result, Path(tmp), input_fingerprint())
        tracemalloc.start()
        started = time.perf_counter()
        store = MemoryStore.from_nquads(path)
        load_s = time.perf_counter() - started
        started = time.perf_counter()
        engine = QAEngine(store)
        engine_s = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    questions = [ex for t in load_templates() for ex in t.examples]
    dev = Path(args.questions)
    if dev.exists():
        questions += [json.loads(line)["question"] for line in dev.read_text(encoding="utf-8").splitlines() if line]
    latencies: list[float] = []
    stages: dict[str, float] = defaultdict(float)
    for _ in range(args.rounds):
        for question in questions:
            t0 = time.perf_counter()
            answer = engine.answer(question)
            latencies.append((time.perf_counter() - t0) * 1000)
            for stage, ms in answer.explanation.get("stages_ms", {}).items():
                stages[stage] += ms

    print(f"graph: {len(result.lines):,} triples, built in {build_s:.2f} s")
    print(f"load once per process: store {load_s:.2f} s, engine index {engine_s:.2f} s, "
          f"Python heap peak {peak / 2**20:.0f} MiB (Oxigraph's own memory is not counted)")
    print(f"questions: {len(questions)} × {args.rounds} rounds = {len(latencies)} answers")
    p50, p90, p99 = (percentile(latencies, p) for p in (50, 90, 99))
    print(f"latency ms: p50 {p50:.2f} (target ≤ {TARGET_P50_MS}, ratio {p50 / TARGET_P50_MS:.2f})  "
          f"p90 {p90:.2f}  p99 {p99:.2f} (target ≤ {TARGET_P99_MS}, ratio {p99 / TARGET_P99_MS:.2f})  "
          f"max {max(latencies):.2f}  mean {statistics.fmean(latencies):.2f}")
    total = sum(stages.values()) or 1.0
    print("time by stage: " + ", ".join(f"{s} {100 * ms / total:.0f}%" for s, ms in sorted(stages.items())))


if __name__ == "__main__":
    main()
