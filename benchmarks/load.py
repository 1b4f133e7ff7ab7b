"""Load run: `sharaka serve` with several processes on the embedded store, a realistic mix, with and without
pathological SPARQL queries. Bounded in time; 127.0.0.1 only.

    python benchmarks/load.py [--duration 60] [--workers 2] [--users 32] [--think auto] [--pathological 0.05]
                              [--query-timeout 10] [--repeat-pathological]

The service runs as behind one reverse proxy (SHARAKA_TRUSTED_PROXIES=1): every virtual user names its own
address in X-Forwarded-For, and the pathological queries come from three addresses of their own, so the
per-client rules (the slow lane's share, the memory of clients whose queries overran) work as in production.
Rate limiting is off (SHARAKA_RATE_LIMIT=0) so that it measures the lanes, not the limiter.

Capacity: the normal mix in a closed loop (`--capacity-users` users, no think time) for one block: the
requests/s the service can take. Phase A: the normal mix (chat 45 %, API 30 %, SPARQL 25 %) from `--users`
users thinking between requests (exponential; `--think auto` picks the mean so that phase A runs at about
half the capacity). Phase B: the same with `--pathological` of all requests being pathological SPARQL queries
(each a fresh text unless --repeat-pathological). A and B alternate in `--blocks` blocks (A B A B …) so that
other load on the machine weighs on both.
Prints, and writes to benchmarks/results/load-latest.{json,md}: requests/s, p50/p95/p99 per kind, status
counts, 5xx on well-formed requests (target 0), how pathological queries ended (status, time vs the
limit + 1 s), the p99 ratio B/A of normal requests (target ≤ 2), and the RSS of every service process.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sharaka.benchmarks.loadgen import PATHOLOGICAL_ADDRESSES, LoadReport, percentile, run_load
from sharaka.benchmarks.request_mix import RESEARCHER_QUERIES, Mix, answer_queries, load_questions, realistic_mix
from sharaka.benchmarks.server_process import sharaka_server

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_P99_RATIO = 2.0


def process_tree_rss(base_url: str) -> list[dict[str, Any]]:
    """RSS of every process listening behind `base_url` and its descendants (the server, its processes, lanes)."""
    port = base_url.rsplit(":", 1)[1]
    out = subprocess.run(["ps", "-eo", "pid=,ppid=,stat=,rss=,args="], capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        pid, ppid, stat, rss, args = line.split(None, 4)
        if stat.startswith(("Z", "X")) or rss == "0":
            # a worker killed a moment ago (not yet reaped) or one being forked: no memory of its own to count
            continue
        rows.append((int(pid), int(ppid), int(rss), args))
    roots = [pid for pid, _, _, args in rows if "sharaka serve" in args and f"--port {port}" in args]
    found, frontier = set(roots), set(roots)
    while frontier:
        frontier = {pid for pid, ppid, _, _ in rows if ppid in frontier and pid not in found}
        found |= frontier
    result = []
    for pid, _, rss, args in rows:
        if pid in found:
            # The query processes are forks of multiprocessing's fork server and keep its command line: the fork
            # server's child is the graph holder, whose children are the SPARQL workers.
            parent = next(pp for p, pp, _, _ in rows if p == pid)
            parent_args = next((a for p, _, _, a in rows if p == parent), "")
            grandparent = next((pp for p, pp, _, _ in rows if p == parent), 0)
            grandparent_args = next((a for p, _, _, a in rows if p == grandparent), "")
            role = ("server" if "sharaka serve" in args and "forkserver" not in args
                    else "sparql worker" if "forkserver" in parent_args and "forkserver" in grandparent_args
                    else "graph holder" if "forkserver" in parent_args
                    else "forkserver" if "forkserver" in args else "other")
            result.append({"pid": pid, "role": role, "rss_mb": round(rss / 1024, 1)})
    return result


def pathological_summary(report: LoadReport, limit_s: float) -> dict[str, Any]:
    """How the pathological queries ended: statuses, problem codes, time to the answer vs limit + 1 s."""
    samples = report.pathological
    times = [s.latency_s for s in samples]
    return {
        "n": len(samples),
        "status": report.status_counts(samples),
        "codes": dict(sorted({c: sum(1 for s in samples if s.problem == c)
                              for c in {s.problem for s in samples}}.items())),
        "all_problem_json": all(s.problem_json for s in samples if s.status >= 400),
        "p50_s": round(percentile(times, 50), 2), "p99_s": round(percentile(times, 99), 2),
        "max_s": round(max(times, default=0.0), 2), "limit_plus_1_s": limit_s + 1,
        "over_limit_plus_1": sum(1 for t in times if t > limit_s + 1),
        "answered_200": sum(1 for s in samples if s.status == 200),
    }


def auto_think(capacity: LoadReport, users: int) -> float:
    """The mean think time that makes `users` send about half of the measured capacity: each user's cycle
    (think + answer) is users / (capacity / 2); the answer time is taken as the capacity run's median, an
    over-estimate at half the load, so the rate comes out at half or a little under."""
    rate = capacity.requests_per_s / 2
    if rate <= 0:
        return 1.0
    answer_s = percentile([s.latency_s for s in capacity.normal], 50)
    return max(0.05, users / rate - answer_s)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per phase")
    parser.add_argument("--workers", type=int, default=2, help="server processes (--workers of sharaka serve)")
    parser.add_argument("--threads", type=int, default=16, help="threads per server process")
    parser.add_argument("--users", type=int, default=32, help="virtual users of phases A and B (they think)")
    parser.add_argument("--think", default="auto",
                        help="mean think time of a user in seconds, or 'auto': phase A at about half the capacity")
    parser.add_argument("--capacity-users", type=int, default=8, help="closed-loop users of the capacity run")
    parser.add_argument("--capacity-duration", type=float, default=0.0,
                        help="seconds of the capacity run (0: one block)")
    parser.add_argument("--pathological", type=float, default=0.05, help="share of pathological requests in B")
    parser.add_argument("--repeat-pathological", action="store_true",
                        help="send the same few pathological texts (as a client retrying) instead of fresh ones")
    parser.add_argument("--query-timeout", type=float, default=10.0)
    parser.add_argument("--blocks", type=int, default=3,
                        help="each phase runs in this many blocks, alternating A B A B …")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("SHARAKA_DATA_DIR",
                                                                               Path.home() / ".cache/sharaka")))
    parser.add_argument("--out", type=Path, default=RESULTS / "load-latest")
    args = parser.parse_args()

    env = {"SHARAKA_RATE_LIMIT": "0", "SHARAKA_STORE": "memory", "SHARAKA_QUERY_TIMEOUT": str(args.query_timeout),
           "SHARAKA_LOG_LEVEL": "WARNING", "SHARAKA_TRUSTED_PROXIES": "1"}
    print(f"sharaka serve --workers {args.workers} --threads {args.threads} on 127.0.0.1, as behind one reverse proxy "
          "(SHARAKA_TRUSTED_PROXIES=1: each virtual user has its own X-Forwarded-For address, the pathological "
          f"queries come from {len(PATHOLOGICAL_ADDRESSES)} addresses of their own); rate limiting off "
          f"(SHARAKA_RATE_LIMIT=0); {args.duration:g} s per phase")
    started = time.monotonic()
    with sharaka_server(args.workers, env, args.data_dir, threads=args.threads,
                        ready_timeout_s=600.0) as url:  # the full graph loads slowly on a busy machine
        questions = load_questions()
        queries = answer_queries(url, questions[::7])
        sparql = [*RESEARCHER_QUERIES, *queries]
        # Warm-up (not counted): every server process starts its SPARQL lanes on its first query.
        run_load(url, realistic_mix(url, Mix(), questions, sparql), min(5.0, args.duration), args.capacity_users,
                 seed=999, forwarded=True)
        mix_b = Mix(pathological=args.pathological, fresh_pathological=not args.repeat_pathological)
        pick_a, pick_b = (realistic_mix(url, mix, questions, sparql) for mix in (Mix(), mix_b))
        block = args.duration / args.blocks
        # Capacity: the normal mix as fast as the service answers it.
        capacity = run_load(url, pick_a, args.capacity_duration or block, args.capacity_users, args.seed + 100,
                            forwarded=True)
        think = auto_think(capacity, args.users) if args.think == "auto" else float(args.think)
        print(f"capacity (closed loop, {args.capacity_users} users): {capacity.requests_per_s:.1f} req/s; "
              f"phases A and B: {args.users} users thinking {think:.2f} s on average", flush=True)
        # The phases alternate in blocks (A B A B …), so that other work on the machine weighs on both alike.
        blocks_a, blocks_b = [], []
        for i in range(args.blocks):
            blocks_a.append(run_load(url, pick_a, block, args.users, args.seed + i, think_s=think, forwarded=True))
            blocks_b.append(run_load(url, pick_b, block, args.users, args.seed + i, think_s=think, forwarded=True))
            print(f"block {i + 1}/{args.blocks}: A {blocks_a[-1].requests_per_s:.1f} req/s, "
                  f"B {blocks_b[-1].requests_per_s:.1f} req/s", flush=True)
        phase_a, phase_b = LoadReport.merged(blocks_a), LoadReport.merged(blocks_b)
        print(capacity.to_markdown("Capacity: normal mix, closed loop"), "\n", flush=True)
        print(phase_a.to_markdown("Phase A: normal mix"), "\n", flush=True)
        print(phase_b.to_markdown(f"Phase B: with {args.pathological:.0%} pathological SPARQL"), "\n", flush=True)
        rss = process_tree_rss(url)

    p99_a = phase_a.latency()["normal (all kinds)"]["p99_ms"]
    p99_b = phase_b.latency()["normal (all kinds)"]["p99_ms"]
    ratio = p99_b / p99_a if p99_a else float("inf")
    patho = pathological_summary(phase_b, args.query_timeout)
    server_errors = len(phase_a.server_errors_on_normal()) + len(phase_b.server_errors_on_normal())
    verdict = {
        "5xx_on_well_formed": server_errors, "5xx_target": 0,
        "p99_normal_a_ms": p99_a, "p99_normal_b_ms": p99_b, "p99_ratio_b_over_a": round(ratio, 2),
        "p99_ratio_target": TARGET_P99_RATIO,
        "pathological_cut_within_limit_plus_1s": patho["over_limit_plus_1"] == 0 and patho["answered_200"] == 0,
        "capacity_requests_per_s": round(capacity.requests_per_s, 1),
        "phase_a_share_of_capacity": round(phase_a.requests_per_s / capacity.requests_per_s, 2)
        if capacity.requests_per_s else None,
    }
    summary = {"settings": {**vars(args), "data_dir": str(args.data_dir), "out": str(args.out),
                            "rate_limit": "0 (off)", "trusted_proxies": 1, "think_s": round(think, 3)},
               "capacity": capacity.summary(), "phase_a": phase_a.summary(), "phase_b": phase_b.summary(),
               "pathological": patho,
               "processes": rss, "total_rss_mb": round(sum(p["rss_mb"] for p in rss), 1),
               "verdict": verdict, "wall_s": round(time.monotonic() - started, 1)}

    lines = [f"Capacity (closed loop, {args.capacity_users} users, no think time): "
             f"**{capacity.requests_per_s:.1f} requests/s**; phase A ran at {phase_a.requests_per_s:.1f} requests/s "
             f"({verdict['phase_a_share_of_capacity']} of it) with {args.users} users thinking {think:.2f} s",
             f"Pathological queries: {patho['n']}, statuses {patho['status']}, codes {patho['codes']}, "
             f"time to answer p50 {patho['p50_s']} s / max {patho['max_s']} s "
             f"(limit + 1 s = {patho['limit_plus_1_s']} s; {patho['over_limit_plus_1']} over), "
             f"all problem+json: {patho['all_problem_json']}",
             f"Normal requests p99: A {p99_a} ms, B {p99_b} ms, ratio B/A **{ratio:.2f}** "
             f"(target ≤ {TARGET_P99_RATIO})",
             f"5xx or no answer on well-formed requests: **{server_errors}** (target 0)",
             "Processes (RSS MB): " + ", ".join(f"{p['role']} {p['rss_mb']}" for p in rss)
             + f"; total {summary['total_rss_mb']} MB (page cache of the shared on-disk graph not included)"]
    print("\n".join(lines))
    for sample in phase_a.server_errors_on_normal() + phase_b.server_errors_on_normal():
        print(f"  5xx on a normal request: {sample.status} {sample.problem} after {sample.latency_s:.2f} s: "
              f"{urllib.parse.unquote_plus(sample.what)[:200]}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    markdown = [f"# Load run ({time.strftime('%Y-%m-%d %H:%M')})", "",
                f"`python benchmarks/load.py --duration {args.duration:g} --workers {args.workers} --users {args.users}"
                f" --think {args.think} --pathological {args.pathological}"
                f"{' --repeat-pathological' if args.repeat_pathological else ''}`"
                " (SHARAKA_RATE_LIMIT=0; SHARAKA_TRUSTED_PROXIES=1, a client address per user)", "",
                capacity.to_markdown("Capacity: normal mix, closed loop"), "",
                phase_a.to_markdown("Phase A: normal mix"), "",
                phase_b.to_markdown(f"Phase B: with {args.pathological:.0%} pathological SPARQL"), "",
                *[f"- {line}" for line in lines]]
    args.out.with_suffix(".md").write_text("\n".join(markdown) + "\n")
    print(f"\nwritten: {args.out.with_suffix('.json')}, {args.out.with_suffix('.md')}")
    ok = server_errors == 0 and verdict["pathological_cut_within_limit_plus_1s"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
