"""What the static cost check and the per-client memory of the SPARQL lanes save, measured in-process on the
real graph, side by side: the same stream of researcher queries, alone ("none") and with fresh pathological
queries from two clients, through lanes without the two defences ("off": every fresh pathological text spends a
fast CPU slice and kills a fast worker) and with them ("on"). The conditions alternate in blocks (none, off, on,
none, off, on, …) so that other work on the machine weighs on all three alike.

    python benchmarks/lanes.py [--block 8] [--blocks 3] [--users 2] [--every 0.5] [--query-timeout 3]

Prints, per condition: normal queries n, p50/p95/p99 ms, p99 ratio to "none", pathological queries and how
they ended, fast workers killed (replaced); writes benchmarks/results/lanes-latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sharaka.benchmarks.loadgen import percentile
from sharaka.benchmarks.request_mix import PATHOLOGICAL_QUERIES, RESEARCHER_QUERIES
from sharaka.errors import SharakaError
from sharaka.sparql.lanes import QueryRunner
from sharaka.sparql.worker import Query

RESULTS = Path(__file__).resolve().parent / "results"
JSON = "application/sparql-results+json"


def query(text: str) -> Query:
    return Query(text, JSON, "text/turtle", None, 20000, 32 << 20)


def fast_pids(runner: QueryRunner) -> set[int]:
    return runner.fast.pids()


def block(target: QueryRunner, pathological_too: bool, seconds: float, users: int, every: float, timeout: float,
          slice_s: float, seed: int) -> dict[str, Any]:
    """One block: `users` closed-loop researchers and, if `pathological_too`, one fresh pathological query every
    `every` seconds from two clients."""
    runner = target if pathological_too else None
    stop = time.monotonic() + seconds
    normal: list[float] = []
    endings: Counter[str] = Counter()
    lock = threading.Lock()
    pids: set[int] = set()

    def ending(text: str, client: str) -> str:
        """How a query ended: "200", or the code of the error it got."""
        try:
            target.run(query(text), timeout, slice_s, client=client)
            return "200"
        except SharakaError as exc:
            return exc.code

    def researcher(i: int) -> None:
        rng = random.Random(seed * 100 + i)
        while time.monotonic() < stop:
            text = rng.choice(RESEARCHER_QUERIES)
            t0 = time.monotonic()
            ok = ending(text, f"10.1.0.{i}")
            with lock:
                normal.append(time.monotonic() - t0)
                if ok != "200":
                    endings[f"normal {ok}"] += 1
            time.sleep(rng.expovariate(1 / 0.05))

    def pathological(n: int) -> None:
        text = PATHOLOGICAL_QUERIES[n % len(PATHOLOGICAL_QUERIES)] + f" LIMIT {seed * 100000 + n}"
        code = ending(text, f"10.66.0.{n % 2}")
        with lock:
            endings[code] += 1

    threads = [threading.Thread(target=researcher, args=(i,)) for i in range(users)]
    for thread in threads:
        thread.start()
    n = 0
    while runner is not None and time.monotonic() < stop:
        pids |= fast_pids(runner)
        thread = threading.Thread(target=pathological, args=(n,))
        thread.start()
        threads.append(thread)
        n += 1
        time.sleep(every)
    for thread in threads:
        thread.join()
    if runner is not None:
        pids |= fast_pids(runner)
    workers = runner.fast.workers if runner is not None else 0
    return {"normal": normal, "endings": endings, "pathological": n, "fast_killed": max(0, len(pids) - workers)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--block", type=float, default=8.0, help="seconds per block")
    parser.add_argument("--blocks", type=int, default=3, help="blocks per condition")
    parser.add_argument("--users", type=int, default=2, help="closed-loop researchers (think time ~50 ms)")
    parser.add_argument("--every", type=float, default=0.5, help="seconds between fresh pathological queries")
    parser.add_argument("--query-timeout", type=float, default=3.0)
    parser.add_argument("--fast-slice", type=float, default=0.25)
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("SHARAKA_DATA_DIR",
                                                                               Path.home() / ".cache/sharaka")))
    parser.add_argument("--out", type=Path, default=RESULTS / "lanes-latest")
    args = parser.parse_args()

    from sharaka.kg.build import ensure_built

    graph = ensure_built(args.data_dir, log=lambda *_: None)
    # Three runners with the service's default lanes (2 fast, 1 slow): plain for "none", then off and on.
    plain = QueryRunner(graph, 2, 1)
    off = QueryRunner(graph, 2, 1, judge_cost=False)
    off.client_overruns = 0
    on = QueryRunner(graph, 2, 1)
    conditions = {"none": plain, "off": off, "on": on}
    try:
        for runner in (plain, off, on):
            runner.wait_started(300)
            runner.run(query(RESEARCHER_QUERIES[0]), 30, 5)
        results: dict[str, list[dict[str, Any]]] = {name: [] for name in conditions}
        for i in range(args.blocks):
            for name, runner in conditions.items():
                results[name].append(block(runner, name != "none", args.block, args.users, args.every,
                                           args.query_timeout, args.fast_slice, seed=i + 1))
            print(f"block {i + 1}/{args.blocks} done", flush=True)
    finally:
        for runner in (plain, off, on):
            runner.close()

    summary: dict[str, Any] = {"settings": {k: str(v) for k, v in vars(args).items()}}
    print(f"\n{args.users} researchers, a fresh pathological query every {args.every:g} s in 'off'/'on' "
          f"(query_timeout {args.query_timeout:g} s, fast slice {args.fast_slice:g} s), "
          f"{args.blocks} × {args.block:g} s per condition\n")
    print("| condition | normal n | p50 ms | p95 ms | p99 ms | p99 / none | pathological | how they ended "
          "| fast workers killed |")
    print("|---|---|---|---|---|---|---|---|---|")
    base = 0.0
    for name in conditions:
        ms = [t * 1000 for r in results[name] for t in r["normal"]]
        endings = sum((r["endings"] for r in results[name]), Counter())
        row = {"n": len(ms), "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
               "p99_ms": round(percentile(ms, 99), 1), "pathological": sum(r["pathological"] for r in results[name]),
               "endings": dict(sorted(endings.items())), "fast_killed": sum(r["fast_killed"] for r in results[name])}
        base = base or row["p99_ms"]
        row["p99_ratio"] = round(row["p99_ms"] / base, 2) if base else None
        summary[name] = row
        print(f"| {name} | {row['n']} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['p99_ratio']} "
              f"| {row['pathological']} | {', '.join(f'{k} × {v}' for k, v in row['endings'].items()) or '-'} "
              f"| {row['fast_killed']} |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"\nwritten: {args.out.with_suffix('.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
