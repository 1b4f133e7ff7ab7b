"""What every benchmark section shares: percentiles, interleaved timing, the real graph, memory figures."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEV_QUESTIONS = REPO / "tests" / "questions" / "dev.jsonl"


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def summary(ms: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99/max/mean of latencies in milliseconds, rounded for the report."""
    return {"n": len(ms), "p50": round(percentile(ms, 50), 3), "p95": round(percentile(ms, 95), 3),
            "p99": round(percentile(ms, 99), 3), "max": round(max(ms, default=0.0), 3),
            "mean": round(statistics.fmean(ms), 3) if ms else 0.0}


def time_ms(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def interleaved(items: Sequence[str], runners: Mapping[str, Callable[[str], object]], repeat: int,
                warmup: int = 1) -> dict[str, dict[str, list[float]]]:
    """Milliseconds per (runner, item): every item runs on every runner in turn (ABAB…), `warmup`
    rounds first (not counted), so a burst of noise from the neighbours hits all runners alike.
    The runner order rotates each round so none always goes first."""
    names = list(runners)
    times: dict[str, dict[str, list[float]]] = {n: {i: [] for i in items} for n in names}
    for round_ in range(warmup + repeat):
        order = names[round_ % len(names):] + names[:round_ % len(names)]
        for item in items:
            for name in order:
                ms = time_ms(lambda: runners[name](item))  # noqa: B023 (called at once)
                if round_ >= warmup:
                    times[name][item].append(ms)
    return times


def read_questions(path: Path = DEV_QUESTIONS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def real_graph(data_dir: Path | None = None) -> Path:
    """The built graph (N-Quads) of the data directory, built and cached when missing or stale."""
    from sharaka.kg.build import ensure_built
    from sharaka.settings import Settings

    return ensure_built(data_dir or Path(Settings.load({}).data_dir))


def peak_rss_mb() -> float:
    """Peak resident memory of this process (VmHWM), in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_probe(args: Iterable[str], timeout: float = 3600) -> dict[str, Any]:
    """Run `python -m sharaka.benchmarks.probe ARGS` in a fresh interpreter; its last stdout line is JSON.

    A fresh process measures start-up and memory without inheriting the benchmark's own."""
    command = [sys.executable, "-m", "sharaka.benchmarks.probe", *args]
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=REPO)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"probe {' '.join(command[3:])} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = round(wall, 3)
    return result


def say(text: str) -> None:
    """Progress on stderr, so stdout stays the report."""
    print(text, file=sys.stderr, flush=True)
