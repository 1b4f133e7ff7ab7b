"""What the rate limiter costs per request: each backend alone, and two processes sharing one SQLite file.

    python benchmarks/rate_limit.py [--checks 20000] [--clients 1000]

Prints p50/p99 microseconds per check for the memory and SQLite backends (one process; a file in a
temporary directory, WAL mode, one transaction per check), then the checks per second two processes get
together on one SQLite file, and the ratio SQLite/memory. A request to /api/* costs ~1-10 ms
(`python -m sharaka.benchmarks --only qa`); the limiter should add well under 10% of that.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sharaka.service.rate_limit import Backend, MemoryBackend, Policy, RateLimiter, SQLiteBackend

POLICY = Policy(per_minute=300, burst=60)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def per_check_us(backend: Backend, checks: int, clients: int) -> list[float]:
    limiter = RateLimiter(POLICY, backend)
    times = []
    for i in range(checks):
        started = time.perf_counter()
        decision = limiter.check(f"198.51.{i % clients // 256}.{i % 256}")
        times.append((time.perf_counter() - started) * 1e6)
        if decision is None:
            raise SystemExit("the backend failed: see the log")
    return times


def _hammer(path: str, checks: int, clients: int, offset: int, start: float) -> float:
    limiter = RateLimiter(POLICY, SQLiteBackend(path, busy_timeout=5.0))
    limiter.check("warm-up")  # the file and table exist before the clock starts
    while time.time() < start:  # both processes begin together
        time.sleep(0.001)
    started = time.perf_counter()
    for i in range(checks):
        limiter.check(f"client-{(i + offset) % clients}")
    return time.perf_counter() - started


def shared_rate(path: str, checks: int, clients: int) -> float:
    """Checks per second of two processes on one file at once, together (process start not counted)."""
    context = multiprocessing.get_context("spawn")
    start = time.time() + 2.0
    with context.Pool(2) as pool:
        elapsed = pool.starmap(_hammer, [(path, checks, clients, n, start) for n in range(2)])
    return 2 * checks / max(elapsed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checks", type=int, default=20000)
    parser.add_argument("--clients", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        memory = per_check_us(MemoryBackend(), args.checks, args.clients)
        sqlite = per_check_us(SQLiteBackend(str(Path(tmp) / "one.db")), args.checks, args.clients)
        print(f"{'backend':<10} {'p50 µs':>8} {'p99 µs':>8}")
        for name, times in (("memory", memory), ("sqlite", sqlite)):
            print(f"{name:<10} {percentile(times, 50):8.1f} {percentile(times, 99):8.1f}")
        print(f"ratio sqlite/memory p50: {percentile(sqlite, 50) / percentile(memory, 50):.1f}")
        rate = shared_rate(str(Path(tmp) / "shared.db"), args.checks // 2, args.clients)
        print(f"two processes, one SQLite file: {rate:,.0f} checks/s together ({1e6 / rate:.0f} µs a check)")


if __name__ == "__main__":
    main()
