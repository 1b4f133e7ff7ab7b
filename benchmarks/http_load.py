"""Answers over HTTP: `sharaka serve` with 2 processes on 127.0.0.1, driven by benchmarks/loadgen.py.

    python -m sharaka.benchmarks --only http

Closed-loop users (each waits for its answer before asking the next) send GET /api/v1/answer?q=… with the
dev questions; after a warm-up run, one run per concurrency level. The load client runs on the same
machine and takes its share of the CPU, so the figure is a floor for what the server does alone.
Target: ≥ 300 answers/s with 2 workers.
"""

from __future__ import annotations

import random
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sharaka.benchmarks.common import read_questions, say
from sharaka.benchmarks.loadgen import RequestSpec, run_load
from sharaka.benchmarks.server_process import sharaka_server

TARGET_ANSWERS_PER_S = 300.0
# A rate limit from another branch's settings (if merged) must not throttle the benchmark.
SERVER_ENV = {"SHARAKA_RATE_LIMIT": "0", "SHARAKA_LOG_LEVEL": "WARNING"}


def answer_picker(questions: Sequence[str]) -> Any:
    paths = ["/api/v1/answer?" + urllib.parse.urlencode({"q": q}) for q in questions]

    def pick(rng: random.Random) -> RequestSpec:
        return RequestSpec("answer", "GET", rng.choice(paths), headers={"Accept": "application/json"})
    return pick


def run(graph: Path, duration_s: float = 15.0, concurrency: Sequence[int] = (4, 8), workers: int = 2,
        warmup_s: float = 3.0) -> dict[str, Any]:
    questions = [q["question"] for q in read_questions()]
    pick = answer_picker(questions)
    runs: dict[str, Any] = {}
    with sharaka_server(workers=workers, env=SERVER_ENV, data_dir=graph.parent) as url:
        say(f"http: sharaka serve --workers {workers} at {url}; warm-up {warmup_s} s")
        run_load(url, pick, duration_s=warmup_s, concurrency=max(concurrency), seed=0)
        for users in concurrency:
            say(f"http: {users} users × {duration_s} s …")
            report = run_load(url, pick, duration_s=duration_s, concurrency=users, seed=users)
            s = report.summary()
            ok = s["status"].get("200", 0)
            runs[str(users)] = {"answers_per_s": round(ok / report.duration_s, 1),
                                "requests_per_s": s["requests_per_s"], "requests": s["requests"],
                                "ok": ok, "latency": s["latency"], "status": s["status"],
                                "server_errors": s["server_errors_on_normal"]}
    best = max(runs.values(), key=lambda r: r["answers_per_s"])
    return {"workers": workers, "duration_s": duration_s, "questions": len(questions), "runs": runs,
            "best_answers_per_s": best["answers_per_s"],
            "targets": {"answers_per_s": TARGET_ANSWERS_PER_S,
                        "ratio": round(best["answers_per_s"] / TARGET_ANSWERS_PER_S, 3),
                        "met": best["answers_per_s"] >= TARGET_ANSWERS_PER_S}}
