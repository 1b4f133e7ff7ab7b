"""`python -m sharaka.benchmarks` (or `sharaka bench`): every benchmark in one run, side by side.

    python -m sharaka.benchmarks [--quick] [--only qa,sparql,startup,growth,http] [--sizes 1,10,100]

Writes benchmarks/results/latest.json (every figure), latest.md (the tables) and latest.svg (p50 latency
against data size per question type, log-log) and prints the Markdown. --quick is the CI smoke run: small
sizes, one round, a few seconds per section. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sharaka.benchmarks.common import REPO, real_graph, say

SECTIONS = ("qa", "sparql", "startup", "growth", "http")
RESULTS_DIR = REPO / "benchmarks" / "results"


def _sizes(text: str) -> list[int]:
    sizes = sorted({int(s) for s in text.split(",") if s.strip()})
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes are whole factors ≥ 1, e.g. 1,10,100")
    return sizes


def _sections(text: str) -> list[str]:
    chosen = [s.strip() for s in text.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in SECTIONS]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown sections {unknown}; choose from {', '.join(SECTIONS)}")
    return chosen


def build_parser(prog: str = "python -m sharaka.benchmarks") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="CI smoke run: small sizes, one round")
    parser.add_argument("--only", type=_sections, default=list(SECTIONS), help="comma-separated sections")
    parser.add_argument("--sizes", type=_sizes, help="growth factors (default 1,10,100; --quick 1,2)")
    parser.add_argument("--rounds", type=int, help="repetitions per measurement (default 3–5; --quick 1)")
    parser.add_argument("--out", type=Path, help="directory for latest.json/.md/.svg (default benchmarks/results; "
                                                 "--quick: benchmarks/results/quick, so a smoke run never replaces "
                                                 "the figures of a full one)")
    parser.add_argument("--work-dir", type=Path, help="where synthetic graphs are written (default: temp dir)")
    parser.add_argument("--rdflib-cap", type=float, default=10.0, help="seconds per run on rdflib's memory store")
    parser.add_argument("--http-seconds", type=float, default=15.0, help="duration of each HTTP load run")
    return parser


def run(args: argparse.Namespace, argv: Sequence[str]) -> dict[str, Any]:
    quick = args.quick
    rounds = args.rounds or (1 if quick else None)
    graph = real_graph()
    results: dict[str, Any] = {"meta": {
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "command": " ".join(["python -m sharaka.benchmarks", *argv]),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()), "quick": quick, "graph": str(graph)}}
    runners: dict[str, Callable[[], dict[str, Any]]] = {}
    from sharaka.benchmarks import growth, http_load, qa, sparql_mix, startup

    runners["qa"] = lambda: qa.run(graph, rounds=rounds or 3, limit=40 if quick else None)
    runners["sparql"] = lambda: sparql_mix.run(graph, repeat=rounds or 5, rdflib_cap_s=args.rdflib_cap,
                                               with_rdflib=not quick, question_repeat=rounds or 3, quick=quick)
    runners["startup"] = lambda: startup.run(graph, repeat=rounds or 3)
    sizes = args.sizes or ([1, 2] if quick else [1, 10, 100])
    questions = dict(list(growth.growth_questions().items())[:6]) if quick else None
    runners["growth"] = lambda: growth.run(graph, sizes, rounds=rounds or 5, work_dir=args.work_dir,
                                           questions=questions)
    runners["http"] = lambda: (http_load.run(graph, duration_s=2.0, concurrency=(4,), warmup_s=1.0) if quick
                               else http_load.run(graph, duration_s=args.http_seconds))
    started = time.perf_counter()
    for section in SECTIONS:
        if section not in args.only:
            continue
        t0 = time.perf_counter()
        results[section] = runners[section]()
        results[section]["seconds"] = round(time.perf_counter() - t0, 1)
        say(f"{section}: done in {results[section]['seconds']:.0f} s")
    results["meta"]["seconds"] = round(time.perf_counter() - started, 1)
    return results


def write(results: dict[str, Any], out: Path) -> dict[str, Path]:
    from sharaka.benchmarks.chart import latency_chart
    from sharaka.benchmarks.report import to_markdown

    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "latest.json", "md": out / "latest.md", "svg": out / "latest.svg"}
    paths["json"].write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    paths["md"].write_text(to_markdown(results), encoding="utf-8")
    growth = results.get("growth")
    series: dict[str, dict[float, float]] = {}
    highlight: list[str] = []
    if growth:
        series = {kind: {float(s): v for s, v in e["p50_ms"].items()} for kind, e in growth["exponents"].items()}
        highlight = growth["nation_lookups"]["types"]
    paths["svg"].write_text(latency_chart(series, "Sharaka: p50 answer latency vs data size, per question type",
                                          highlight), encoding="utf-8")
    return paths


def main(argv: Sequence[str] | None = None, prog: str = "python -m sharaka.benchmarks") -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(prog).parse_args(argv)
    results = run(args, argv)
    paths = write(results, args.out or (RESULTS_DIR / "quick" if args.quick else RESULTS_DIR))
    print(paths["md"].read_text(encoding="utf-8"))
    say("wrote " + ", ".join(str(p) for p in paths.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
