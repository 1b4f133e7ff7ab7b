"""Where answering spends its time: cProfile over the dev questions, and the time per pipeline stage.

    python -m sharaka.benchmarks.profiling [--graph FILE.nq] [--rounds 2] [--top 15]

The graph defaults to the real one; give a synthetic one (python -m sharaka.benchmarks.synthetic) to see
what grows with the data. Prints the share of each stage (link, route, bind, execute, render) and
the functions with the most cumulative and own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from collections import defaultdict
from pathlib import Path
from typing import Any


def profile_answers(graph: Path, rounds: int = 2, top: int = 15) -> dict[str, Any]:
    from sharaka.benchmarks.common import read_questions
    from sharaka.qa.engine import QAEngine
    from sharaka.queries import load_templates
    from sharaka.store import MemoryStore

    engine = QAEngine(MemoryStore.from_nquads(graph))
    questions = [q["question"] for q in read_questions()] + [ex for t in load_templates() for ex in t.examples]
    for question in questions:  # warm-up
        engine.answer(question)
    stages: dict[str, float] = defaultdict(float)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(rounds):
        for question in questions:
            for stage, ms in engine.answer(question).explanation.get("stages_ms", {}).items():
                stages[stage] += ms
    profiler.disable()
    wall = time.perf_counter() - started
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    answers = rounds * len(questions)
    total = sum(stages.values()) or 1.0
    return {"graph": str(graph), "answers": answers, "ms_per_answer_profiled": round(1000 * wall / answers, 3),
            "stage_ms_per_answer": {s: round(ms / answers, 3) for s, ms in sorted(stages.items())},
            "stage_share": {s: round(ms / total, 3) for s, ms in sorted(stages.items())},
            "profile": text.getvalue()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    from sharaka.benchmarks.common import real_graph

    result = profile_answers(args.graph or real_graph(), args.rounds, args.top)
    print(result.pop("profile"))
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
