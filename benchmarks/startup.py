"""Start-up and build, each in a fresh interpreter: cold build from the sources, warm start from the cached
graph (load + QA index), time to the first answer, peak RSS after loading.

    python -m sharaka.benchmarks --only startup

Targets: warm start (interpreter start → engine ready) ≤ 2 s, peak RSS ≤ 400 MB at 1×. Measured on both embedded
stores: in memory (the default: faster answers) and on the read-only on-disk copy (store=disk: opens at once, small).
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path
from typing import Any

from sharaka.benchmarks.common import run_probe, say

TARGET_WARM_S, TARGET_RSS_MB = 2.0, 400.0


def _median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    keys = ("import_s", "load_s", "index_s", "ready_s", "first_answer_ms", "time_to_first_answer_s",
            "rss_after_load_mb", "peak_rss_mb", "process_wall_s")
    median: dict[str, Any] = {k: round(statistics.median(r[k] for r in runs), 3) for k in keys}
    for k in ("quads", "first_answer_status", "index_cache", "store"):
        median[k] = runs[0][k]
    return median


def run(graph: Path, repeat: int = 3) -> dict[str, Any]:
    say("startup: cold build in a fresh process …")
    with tempfile.TemporaryDirectory(prefix="sharaka-bench-build-") as tmp:
        cold = run_probe(["build", "--out", tmp])
    say("startup: first start after the build (the QA index is built and kept beside the graph) …")
    first = run_probe(["warm", "--graph", str(graph)])
    say(f"startup: warm start × {repeat} in fresh processes, in memory and on the on-disk copy, interleaved …")
    run_probe(["warm", "--graph", str(graph), "--store", "disk"])  # builds the on-disk copy once (not timed)
    runs: dict[str, list[dict[str, Any]]] = {"memory": [], "disk": []}
    for _ in range(repeat):
        for kind, kept in runs.items():
            kept.append(run_probe(["warm", "--graph", str(graph), "--store", kind]))
    warm, disk = (_median(runs[kind]) for kind in ("memory", "disk"))
    return {
        "cold_build": cold, "first_start": first, "warm": warm, "warm_disk": disk, "repeat": repeat,
        "targets": {"warm_start_s": TARGET_WARM_S, "peak_rss_mb": TARGET_RSS_MB,
                    "warm_ratio": round(warm["ready_s"] / TARGET_WARM_S, 3),
                    "rss_ratio": round(warm["peak_rss_mb"] / TARGET_RSS_MB, 3),
                    "met": warm["ready_s"] <= TARGET_WARM_S and warm["peak_rss_mb"] <= TARGET_RSS_MB},
    }
