"""Growth: the graph at 1×, 10× and 100× its agreement records (benchmarks/synthetic.py), one fresh process
per size: generation time, load time, peak RSS, QA index build, and per question type the answer latency
of a fixed question (the first example of the type's template); then the growth exponent per type, the
slope of log(latency) against log(size).

    python -m sharaka.benchmarks --only growth --sizes 1,10,100

A slope of 1 is linear growth, 0 is none. Target: sublinear (< 1) up to 100× for lookups of one nation
(the types whose only required slot is one nation). A generated graph is deleted after its probe.
"""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sharaka.benchmarks.common import run_probe, say
from sharaka.benchmarks.synthetic import generate

# Replicas share the words of their original's name, so a name linked by one distinctive word ("the
# Shusha Declaration": a word no other agreement name has) stops being distinctive in a synthetic graph,
# which more real agreements would not do. Those types are asked by source id instead.
NAME_BOUND_TYPES = {"agreement_coverage": "What obligations does ATOP alliance 3222 include?"}


def growth_questions() -> dict[str, str]:
    """One fixed question per question type: its template's first example (see NAME_BOUND_TYPES)."""
    from sharaka.queries import load_templates

    return {t.id: NAME_BOUND_TYPES.get(t.id, t.examples[0]) for t in load_templates()}


def nation_lookup_types() -> list[str]:
    """Question types about one nation: the only required slot is a nation."""
    from sharaka.queries import load_templates

    return [t.id for t in load_templates() if [s.type for s in t.required] == ["nation"]]


def slope(sizes: Sequence[float], values: Sequence[float]) -> float | None:
    """Least-squares slope of log(value) on log(size): the growth exponent (None below two sizes)."""
    points = [(math.log(s), math.log(v)) for s, v in zip(sizes, values, strict=True) if s > 0 and v > 0]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def run(real: Path, sizes: Sequence[int], rounds: int = 5, work_dir: Path | None = None,
        questions: dict[str, str] | None = None) -> dict[str, Any]:
    questions = questions or growth_questions()
    by_size: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="sharaka-bench-growth-", dir=work_dir) as tmp:
        for size in sizes:
            entry: dict[str, Any] = {}
            graph = real
            if size > 1:
                say(f"growth: generating {size}× …")
                made = generate(real, Path(tmp) / f"sharaka-{size}x.nq", size)
                entry["generate_s"] = round(made.seconds, 2)
                entry["file_mb"] = round(made.bytes / 2**20, 1)
                graph = made.path
            say(f"growth: {size}× — load, index, {len(questions)} question types × {rounds} …")
            try:
                entry.update(run_probe(["growth", "--graph", str(graph), "--rounds", str(rounds),
                                        "--questions", json.dumps(questions)]))
            except (RuntimeError, OSError) as exc:  # e.g. out of memory: say so, keep the smaller sizes
                entry["error"] = str(exc)[-2000:]
            if graph != real:
                graph.unlink(missing_ok=True)
            by_size[str(size)] = entry
    return {"sizes": list(sizes), "rounds": rounds, "questions": questions, "by_size": by_size,
            **exponents(by_size, list(questions))}


def exponents(by_size: dict[str, Any], types: Sequence[str]) -> dict[str, Any]:
    measured = [(int(s), e) for s, e in by_size.items() if "per_type" in e]
    sizes = [s for s, _ in measured]
    per_type: dict[str, Any] = {}
    for kind in types:
        values = [e["per_type"][kind]["p50"] for _, e in measured]
        statuses = sorted({e["per_type"][kind]["status"] for _, e in measured})
        fitted = slope(sizes, values)
        per_type[kind] = {"p50_ms": dict(zip(map(str, sizes), values, strict=True)),
                          "slope": None if fitted is None else round(fitted, 3),
                          "statuses": statuses}
    lookups = nation_lookup_types()
    lookup_slopes = {k: per_type[k]["slope"] for k in lookups if k in per_type}
    worst = max((v for v in lookup_slopes.values() if v is not None), default=None)
    return {
        "exponents": per_type,
        "load_slope": _fit(measured, "load_s"), "index_slope": _fit(measured, "index_s"),
        "rss_slope": _fit(measured, "peak_rss_mb"),
        "nation_lookups": {"types": lookups, "worst_slope": worst,
                           "sublinear": worst is not None and worst < 1.0},
    }


def _fit(measured: list[tuple[int, dict[str, Any]]], key: str) -> float | None:
    fitted = slope([s for s, _ in measured], [e[key] for _, e in measured])
    return None if fitted is None else round(fitted, 3)
