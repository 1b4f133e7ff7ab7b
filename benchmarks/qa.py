"""Question answering in-process: the dev question set on the real graph, per question type.

    python -m sharaka.benchmarks --only qa

Every dev question is answered once as a warm-up, then `rounds` times; figures are per answer:
questions/s (one thread, back to back), p50/p95/p99 overall and per question type (the `type` of the dev
line), and the share of each pipeline stage. Targets: p50 ≤ 10 ms, p99 ≤ 100 ms.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from sharaka.benchmarks.common import read_questions, say, summary

TARGET_P50_MS, TARGET_P99_MS = 10.0, 100.0


def run(graph: Path, rounds: int = 3, limit: int | None = None) -> dict[str, Any]:
    from sharaka.qa.engine import QAEngine
    from sharaka.store import MemoryStore

    started = time.perf_counter()
    store = MemoryStore.from_nquads(graph)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    engine = QAEngine(store)
    index_s = time.perf_counter() - started
    lines = read_questions()[:limit]
    say(f"qa: {len(lines)} dev questions × {rounds} rounds in-process")
    for line in lines:
        engine.answer(line["question"])
    by_type: dict[str, list[float]] = defaultdict(list)
    everything: list[float] = []
    stages: dict[str, float] = defaultdict(float)
    started = time.perf_counter()
    for _ in range(rounds):
        for line in lines:
            t0 = time.perf_counter()
            answer = engine.answer(line["question"])
            ms = (time.perf_counter() - t0) * 1000
            everything.append(ms)
            by_type[line.get("type") or answer.template or answer.status].append(ms)
            for stage, stage_ms in answer.explanation.get("stages_ms", {}).items():
                stages[stage] += stage_ms
    wall = time.perf_counter() - started
    overall = summary(everything)
    total = sum(stages.values()) or 1.0
    return {
        "questions": len(lines), "rounds": rounds, "answers": len(everything),
        "questions_per_s": round(len(everything) / wall, 1),
        "load_s": round(load_s, 3), "index_s": round(index_s, 3),
        "overall": overall,
        "by_type": {t: summary(v) for t, v in sorted(by_type.items())},
        "stage_share": {s: round(ms / total, 3) for s, ms in sorted(stages.items())},
        "targets": {"p50_ms": TARGET_P50_MS, "p99_ms": TARGET_P99_MS,
                    "p50_ratio": round(overall["p50"] / TARGET_P50_MS, 3),
                    "p99_ratio": round(overall["p99"] / TARGET_P99_MS, 3),
                    "met": overall["p50"] <= TARGET_P50_MS and overall["p99"] <= TARGET_P99_MS},
    }
