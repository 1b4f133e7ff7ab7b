"""Fault run on the remote store: the service under load while its Oxigraph server is killed, restarted and
frozen. Bounded in time; 127.0.0.1 only.

    python benchmarks/faults.py [--duration 60] [--workers 2] [--users 6] [--store-timeout 3] [--freeze 4]

Loads the built graph offline (`oxigraph load`, the bulk loader) and starts `oxigraph serve --location TMP
--union-default-graph` on it, the service under `sharaka serve` with SHARAKA_STORE=http://127.0.0.1:PORT/query,
and the normal load mix. During
the run: at 20 % of it the store is killed (SIGKILL); at 40 % it is restarted on the same port and location;
at 65 % it is frozen (SIGSTOP) for `--freeze` seconds, then resumed (SIGCONT). The service is never restarted.

Prints, and writes to benchmarks/results/faults-latest.{json,md}: a per-second timeline of statuses and of
/readyz, the errors while the store was down or frozen (each must be 503 store_unavailable / 504
store_timeout problem+json, never a 500, none slower than store_timeout + 1 s), and the time from the
store answering again (restart, resume) to the last failed request.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sharaka.benchmarks.loadgen import LoadReport, run_load
from sharaka.benchmarks.request_mix import RESEARCHER_QUERIES, Mix, load_questions, realistic_mix
from sharaka.benchmarks.server_process import http_get, sharaka_server

RESULTS = Path(__file__).resolve().parent / "results"
CLEAR_CODES = {"store_unavailable", "store_timeout"}


class Faults:
    """The fault schedule, run from the load's tick: each event happens once, its time is kept."""

    def __init__(self, server: Any, duration: float, freeze_s: float) -> None:
        self.server = server
        self.plan = [(0.20 * duration, "kill"), (0.40 * duration, "restart"), (0.65 * duration, "freeze"),
                     (0.65 * duration + freeze_s, "resume")]
        self.done: list[tuple[float, str]] = []
        self._busy = threading.Lock()
        self.t0 = time.monotonic()

    def tick(self, elapsed: float) -> None:
        if len(self.done) == len(self.plan) or self.plan[len(self.done)][0] > elapsed:
            return
        if not self._busy.acquire(blocking=False):
            return
        try:
            _, event = self.plan[len(self.done)]
            process = self.server.process
            if event == "kill":
                self.server.kill()
            elif event == "restart":
                self.server.start(wait=30)
            elif event == "freeze":
                os.kill(process.pid, signal.SIGSTOP)
            elif event == "resume":
                os.kill(process.pid, signal.SIGCONT)
            # the time the event took effect (a restart: when the store answered again)
            at = time.monotonic() - self.t0
            self.done.append((round(at, 2), event))
            print(f"  t={at:5.1f} s: store {event} (took {at - elapsed:.2f} s)", flush=True)
        finally:
            self._busy.release()

    def at(self, event: str) -> float:
        """When the event happened (infinity if the run ended before it)."""
        return next((t for t, e in self.done if e == event), float("inf"))


def watch_readyz(base_url: str, stop: threading.Event, started: float, out: list[tuple[float, int]]) -> None:
    while not stop.is_set():
        out.append((round(time.monotonic() - started, 2), http_get(base_url + "/readyz", timeout=10)[0]))
        stop.wait(0.5)


def recovery_s(report: LoadReport, since: float, until: float) -> float:
    """Seconds from `since` (the store answers again) to the start of the last failed request before `until`
    (the next fault): 0 when every request started after `since` succeeded."""
    failed = [s.started_s for s in report.samples
              if since <= s.started_s < until and (s.status >= 500 or s.status == 0)]
    return round(max(failed) - since, 1) if failed else 0.0


def main() -> int:
    from sharaka.store.remote import count_quads
    from tests.oxigraph_server import OxigraphServer, require_oxigraph

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--users", type=int, default=6)
    parser.add_argument("--store-timeout", type=float, default=3.0)
    parser.add_argument("--freeze", type=float, default=4.0, help="seconds the store is frozen (SIGSTOP)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("SHARAKA_DATA_DIR",
                                                                               Path.home() / ".cache/sharaka")))
    parser.add_argument("--out", type=Path, default=RESULTS / "faults-latest")
    args = parser.parse_args()

    from sharaka.kg.build import ensure_built

    graph = ensure_built(args.data_dir)
    with tempfile.TemporaryDirectory(prefix="sharaka-faults-") as tmp:
        # Loaded offline with the bulk loader, as docs/scaling-out.md says to run a store: a PUT of the 1.6 M
        # quads over HTTP took over 600 s on a busy 2-core machine; and no RocksDB log to replay at the restart.
        subprocess.run([require_oxigraph(), "load", "--location", str(Path(tmp) / "db"), "--file", str(graph),
                        "--lenient"], check=True, capture_output=True, timeout=1200)
        server = OxigraphServer(location=Path(tmp) / "db", log_dir=Path(tmp)).start(wait=300)
        try:
            print(f"oxigraph on {server.base_url}: {count_quads(graph):,} quads loaded offline")
            env = {"SHARAKA_STORE": server.query_url, "SHARAKA_RATE_LIMIT": "0", "SHARAKA_LOG_LEVEL": "WARNING",
                   "SHARAKA_STORE_TIMEOUT": str(args.store_timeout), "SHARAKA_STORE_CONNECT_TIMEOUT": "1",
                   "SHARAKA_STORE_RETRIES": "1"}
            with sharaka_server(args.workers, env, args.data_dir, ready_timeout_s=600.0) as url:
                questions = load_questions()
                pick = realistic_mix(url, Mix(), questions, list(RESEARCHER_QUERIES))
                run_load(url, pick, 3.0, args.users, seed=999)  # warm-up, not counted
                faults = Faults(server, args.duration, args.freeze)
                readyz: list[tuple[float, int]] = []
                stop = threading.Event()
                started = faults.t0 = time.monotonic()
                watcher = threading.Thread(target=watch_readyz, args=(url, stop, started, readyz), daemon=True)
                watcher.start()
                report = run_load(url, pick, args.duration, args.users, args.seed,
                                  request_timeout=args.store_timeout * 4 + 10, on_tick=faults.tick)
                stop.set()
                watcher.join(timeout=15)
        finally:
            server.stop()
            if server.process is not None and server.process.poll() is None:  # still frozen: SIGCONT then kill
                os.kill(server.process.pid, signal.SIGCONT)
                server.kill()

    return write_report(args, report, faults, readyz)


def write_report(args: argparse.Namespace, report: LoadReport, faults: Faults,
                 readyz: list[tuple[float, int]]) -> int:
    kill, restart, freeze, resume = (faults.at(e) for e in ("kill", "restart", "freeze", "resume"))
    if resume == float("inf"):
        print(f"the run ended ({report.wall_s:.1f} s) before every fault happened: {faults.done}")
        print(report.to_markdown(), report.timeline())
        return 1
    errors = [s for s in report.samples if s.status != 200 and not (400 <= s.status < 500)]
    unclear = [s for s in errors if not (s.problem_json and s.problem in CLEAR_CODES)]
    slow_errors = [s for s in errors if s.latency_s > args.store_timeout + 1]
    outside = [s for s in errors
               if not (kill - 1 <= s.started_s <= restart + 5 or freeze - 1 <= s.started_s <= resume + 5)]
    readyz_down = sorted({code for t, code in readyz if kill + 1 <= t <= restart - 0.5})
    readyz_frozen = sorted({code for t, code in readyz if freeze + args.store_timeout <= t <= resume - 0.5})
    readyz_end = readyz[-1][1] if readyz else 0
    timeline = report.timeline()
    summary: dict[str, Any] = {
        "settings": {k: str(v) for k, v in vars(args).items()},
        "events": dict((e, t) for t, e in faults.done),
        "load": report.summary(),
        "errors_by_code": report.problems(),
        "errors_not_clear_problem_json": len(unclear),
        "errors_slower_than_store_timeout_plus_1s": len(slow_errors),
        "errors_outside_faults": len(outside),
        "recovery_after_restart_s": recovery_s(report, restart, freeze - 1),
        "recovery_after_resume_s": recovery_s(report, resume, float("inf")),
        "readyz_while_down": readyz_down, "readyz_while_frozen": readyz_frozen, "readyz_at_end": readyz_end,
        "timeline": timeline,
        "readyz": readyz,
    }
    ok = not unclear and not slow_errors and readyz_end == 200 and all(c == 503 for c in readyz_down)
    summary["ok"] = ok

    marks = {int(t): e for t, e in faults.done}
    codes = sorted({k for row in timeline for k in row if k != "t_s"}, key=int)
    table = ["| t (s) | event | " + " | ".join(codes) + " | /readyz |", "|---" * (len(codes) + 3) + "|"]
    for row in timeline:
        t = int(row["t_s"])
        ready = sorted({code for when, code in readyz if int(when) == t})
        table.append(f"| {t} | {marks.get(t, '')} | " + " | ".join(str(row.get(c, "")) for c in codes)
                     + f" | {','.join(map(str, ready))} |")
    lines = [
        f"Events (s): kill {kill}, restart {restart}, freeze {freeze}, resume {resume}; the service was not restarted",
        f"Errors: {summary['errors_by_code']}; not 503/504 problem+json with a store code: {len(unclear)}; "
        f"slower than store_timeout + 1 s ({args.store_timeout + 1:g} s): {len(slow_errors)}; "
        f"outside the faults: {len(outside)}",
        f"Recovery: {summary['recovery_after_restart_s']} s after restart, {summary['recovery_after_resume_s']} s "
        f"after resume; /readyz while down {readyz_down}, while frozen {readyz_frozen}, at the end {readyz_end}",
        f"Load: {report.summary()['requests']} requests, {report.requests_per_s:.1f} requests/s",
    ]
    print("\n".join(table))
    print("\n".join(lines))
    print("OK" if ok else "NOT OK")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    args.out.with_suffix(".md").write_text("\n".join([
        f"# Fault run ({time.strftime('%Y-%m-%d %H:%M')})", "",
        f"`python benchmarks/faults.py --duration {args.duration:g} --workers {args.workers} --users {args.users} "
        f"--store-timeout {args.store_timeout:g} --freeze {args.freeze:g}` (SHARAKA_RATE_LIMIT=0)", "",
        *[f"- {line}" for line in lines], "", *table]) + "\n")
    print(f"\nwritten: {args.out.with_suffix('.json')}, {args.out.with_suffix('.md')}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
