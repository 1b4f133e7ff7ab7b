"""Start-up and build, each in a fresh interpreter: cold build from the sources, warm start from the cached
graph (load + QA index), time to the first answer, peak RSS after loading.

    python -m sharaka.benchmarks --only startup

Targets: warm start (interpreter start → engine ready) ≤ 2 s, peak RSS ≤ 400 MB at 1×.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path
from typing import Any

from sharaka.benchmarks.common import run_probe, say

TARGET_WARM_S, TARGET_RSS_MB = 2.0, 400.0


def run(graph: Path, repeat: int = 3) -> dict[str, Any]:
    say("startup: cold build in a fresh process …")
    with tempfile.TemporaryDirectory(prefix="sharaka-bench-build-") as tmp:
        cold = run_probe(["build", "--out", tmp])
    say(f"startup: warm start × {repeat} in fresh processes …")
    warm_runs = [run_probe(["warm", "--graph", str(graph)]) for _ in range(repeat)]
    keys = ("import_s", "load_s", "index_s", "ready_s", "first_answer_ms", "time_to_first_answer_s",
            "rss_after_load_mb", "peak_rss_mb", "process_wall_s")
    warm = {k: round(statistics.median(r[k] for r in warm_runs), 3) for k in keys}
    warm["quads"] = warm_runs[0]["quads"]
    warm["first_answer_status"] = warm_runs[0]["first_answer_status"]
    return {
        "cold_build": cold, "warm": warm, "repeat": repeat,
        "targets": {"warm_start_s": TARGET_WARM_S, "peak_rss_mb": TARGET_RSS_MB,
                    "warm_ratio": round(warm["ready_s"] / TARGET_WARM_S, 3),
                    "rss_ratio": round(warm["peak_rss_mb"] / TARGET_RSS_MB, 3),
                    "met": warm["ready_s"] <= TARGET_WARM_S and warm["peak_rss_mb"] <= TARGET_RSS_MB},
    }
