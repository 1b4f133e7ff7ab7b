"""Slow clients against the server (issue 13, item 4): does the service stay fast while hostile connections
are open? Standard library only; loopback targets only; every loop is bounded.

    python benchmarks/slow_clients.py                         # starts `sharaka serve`; the acceptance attack
    python benchmarks/slow_clients.py --against serve,gunicorn,dev   # side by side in one run (same machine load)
    python benchmarks/slow_clients.py --port 8000             # a server already running on 127.0.0.1:8000
    python benchmarks/slow_clients.py --silent 100 --slow-body 100   # the other kinds of hostile connection
    python benchmarks/slow_clients.py --against serve,gunicorn --throughput-s 15   # answers/s side by side first

Hostile connections: `--idle` keep-alive connections (one request, then silence), `--slow` slow-header
connections (`GET /healthz HTTP/1.1`, `Host:`, then one header byte every ~`--trickle-s` s, never finished),
`--silent` connections (connect, send nothing), `--slow-body` POSTs to /sparql (whole headers with a
Content-Length, then one body byte every ~`--trickle-s` s). While they are open, probes on fresh connections
alternate GET /healthz and an answer request, one per second. PASS: every probe answers 200 in under
`--limit-s` (1 s). Also reported per kind: how many connections the server closed, and after how long (its
timeouts, as a client sees them). `--against gunicorn` runs the README's former command (`gunicorn -w 2
--threads 16 --preload`, if gunicorn is installed: no longer a dependency), `dev` is `sharaka serve --dev`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sharaka.benchmarks.common import percentile
from sharaka.benchmarks.server_process import ROOT, free_port, http_get, sharaka_server, stop_process_group

ANSWER_PATH = "/api/v1/answer?q=" + urllib.parse.quote_plus(
    "Which countries has Pakistan signed defence pacts with since 2000?")
KINDS = ("idle", "slow", "silent", "slow_body")


@dataclass(frozen=True)
class Plan:
    idle: int = 200
    slow: int = 200
    silent: int = 0
    slow_body: int = 0
    duration_s: float = 60.0  # probing time
    trickle_s: float = 2.0
    ramp_s: float = 2.0
    probe_every_s: float = 1.0
    probe_timeout_s: float = 10.0
    limit_s: float = 1.0
    answer_path: str = ANSWER_PATH


def check_loopback(host: str) -> None:
    address = socket.gethostbyname(host)
    if not ipaddress.ip_address(address).is_loopback:
        raise SystemExit(f"refusing to target {host} ({address}): loopback addresses only")


async def read_response(reader: asyncio.StreamReader) -> int:
    """Read one HTTP/1.1 response with a Content-Length body; its status."""
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
    length = 0
    for line in head.split("\r\n")[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    return int(head.split()[1])


class Attacker:
    """The hostile connections, on an asyncio loop in a thread of their own (the probes run in the caller's)."""

    def __init__(self, host: str, port: int, plan: Plan) -> None:
        self.host, self.port, self.plan = host, port, plan
        self.records: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
        self.loop = asyncio.new_event_loop()
        self.ready = threading.Event()
        self.stop: asyncio.Event | None = None
        self.writers: list[asyncio.StreamWriter] = []

    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()

    async def _open(self, kind: str) -> tuple[dict[str, Any], Any, Any]:
        record: dict[str, Any] = {"opened_at": time.monotonic(), "closed_after_s": None, "error": None}
        self.records[kind].append(record)
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(self.host, self.port), 10)
        except (TimeoutError, OSError) as exc:
            record["error"] = f"connect: {type(exc).__name__}"
            return record, None, None
        self.writers.append(writer)
        record["opened_at"] = time.monotonic()
        return record, reader, writer

    async def _watch_close(self, record: dict[str, Any], reader: asyncio.StreamReader) -> None:
        """Wait until the server closes the connection (or the attack ends); note when."""
        with contextlib.suppress(ConnectionError, OSError):
            while not self.stopped():
                if not await reader.read(65536):
                    break
            else:
                return
        if record["closed_after_s"] is None and not self.stopped():
            record["closed_after_s"] = round(time.monotonic() - record["opened_at"], 1)

    async def _trickle(self, record: dict[str, Any], writer: asyncio.StreamWriter, head: bytes, drip: bytes) -> None:
        assert self.stop is not None
        with contextlib.suppress(ConnectionError, OSError):
            writer.write(head)
            await writer.drain()
            for i in range(10**6):
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(self.stop.wait(), self.plan.trickle_s * (0.5 + random.random()))
                    return
                if record["closed_after_s"] is not None:
                    return
                writer.write(drip[i % len(drip):i % len(drip) + 1])
                await writer.drain()

    async def idle(self) -> None:
        record, reader, writer = await self._open("idle")
        if writer is None:
            return
        try:
            writer.write(f"GET /healthz HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
            await writer.drain()
            await asyncio.wait_for(read_response(reader), 15)
            record["opened_at"] = time.monotonic()  # idle from the end of its answer
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
            record["error"] = f"first request: {type(exc).__name__}"
            return
        await self._watch_close(record, reader)

    async def slow(self) -> None:
        record, reader, writer = await self._open("slow")
        if writer is not None:
            head = f"GET /healthz HTTP/1.1\r\nHost: {self.host}\r\n".encode()
            await asyncio.gather(self._trickle(record, writer, head, b"X-Pad: 0\r\n"),
                                 self._watch_close(record, reader))

    async def slow_body(self) -> None:
        record, reader, writer = await self._open("slow_body")
        if writer is not None:
            head = (f"POST /sparql HTTP/1.1\r\nHost: {self.host}\r\nContent-Type: application/sparql-query\r\n"
                    "Content-Length: 2000\r\n\r\n").encode()
            await asyncio.gather(self._trickle(record, writer, head, b"ASK{}" + b" " * 1000),
                                 self._watch_close(record, reader))

    async def silent(self) -> None:
        record, reader, writer = await self._open("silent")
        if writer is not None:
            await self._watch_close(record, reader)

    async def main(self) -> None:
        self.stop = asyncio.Event()
        tasks: list[asyncio.Task[None]] = []
        for kind in KINDS:  # idle first: they need an answered request before the others arrive
            count = getattr(self.plan, kind)
            for _ in range(count):
                tasks.append(asyncio.ensure_future(getattr(self, kind)()))
                await asyncio.sleep(self.plan.ramp_s / count)
        self.ready.set()
        await self.stop.wait()
        for writer in self.writers:
            writer.close()
        if tasks:
            await asyncio.wait(tasks, timeout=5)

    def summary(self) -> dict[str, Any]:
        out = {}
        for kind, records in self.records.items():
            if records:
                closed = [r["closed_after_s"] for r in records if r["closed_after_s"] is not None and not r["error"]]
                out[kind] = {"opened": sum(1 for r in records if not r["error"]),
                             "errors": dict(Counter(r["error"] for r in records if r["error"])),
                             "closed_by_server": len(closed),
                             "closed_after_s": [min(closed), percentile(closed, 50), max(closed)] if closed else None}
        return out


def probe(host: str, port: int, path: str, timeout: float) -> tuple[float, int]:
    """One GET on a fresh connection: (seconds, status; 0 when it failed or timed out)."""
    started = time.monotonic()
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        return time.monotonic() - started, int(data.split(b" ", 2)[1])
    except (OSError, ValueError, IndexError):
        return time.monotonic() - started, 0


def run_attack(host: str, port: int, plan: Plan) -> dict[str, Any]:
    """Open the hostile connections, probe for `plan.duration_s`, close them; the result with its verdict."""
    check_loopback(host)
    attacker = Attacker(host, port, plan)
    thread = threading.Thread(target=attacker.loop.run_until_complete, args=(attacker.main(),), daemon=True)
    thread.start()
    attacker.ready.wait(timeout=plan.ramp_s * 4 + 60)
    time.sleep(1.0)
    probes: dict[str, list[tuple[float, int]]] = {"healthz": [], "answer": []}
    end = time.monotonic() + min(plan.duration_s, 600.0)
    while time.monotonic() < end:
        kind = "healthz" if len(probes["healthz"]) <= len(probes["answer"]) else "answer"
        seconds, status = probe(host, port, "/healthz" if kind == "healthz" else plan.answer_path,
                                plan.probe_timeout_s)
        probes[kind].append((seconds, status))
        time.sleep(max(0.0, plan.probe_every_s - seconds))
    assert attacker.stop is not None
    attacker.loop.call_soon_threadsafe(attacker.stop.set)
    thread.join(timeout=15)
    result: dict[str, Any] = {"plan": asdict(plan), "probes": {}, "connections": attacker.summary()}
    passed = True
    for kind, samples in probes.items():
        seconds = [s for s, _ in samples]
        good = sum(1 for s, status in samples if status == 200 and s < plan.limit_s)
        passed &= bool(samples) and good == len(samples)
        result["probes"][kind] = {"n": len(samples), "ok": good, "p50_ms": round(percentile(seconds, 50) * 1000, 1),
                                  "max_ms": round(max(seconds) * 1000, 1),
                                  "statuses": dict(Counter(str(status) for _, status in samples))}
    result["verdict"] = "PASS" if passed else "FAIL"
    return result


@contextlib.contextmanager
def gunicorn_server(data_dir: Path) -> Iterator[str]:
    """The README's former production command, for comparison (gunicorn installed beside this Python)."""
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        raise SystemExit("--against gunicorn: gunicorn is not installed beside this Python (pip install gunicorn)")
    port = free_port()
    env = {**os.environ, "SHARAKA_DATA_DIR": str(data_dir), "SHARAKA_RATE_LIMIT": "0", "SHARAKA_LOG_LEVEL": "WARNING"}
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen([str(gunicorn), "-w", "2", "--threads", "16", "--preload", "-b", f"127.0.0.1:{port}",
                                    "sharaka.service.app:create_app()"], env=env, cwd=str(ROOT), stdout=log,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        try:
            deadline = time.monotonic() + 120
            while http_get(f"http://127.0.0.1:{port}/readyz", timeout=2)[0] != 200:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("gunicorn did not become ready")
                time.sleep(0.3)
            yield f"http://127.0.0.1:{port}"
        finally:
            stop_process_group(process)


def server(name: str, data_dir: Path) -> contextlib.AbstractContextManager[str]:
    env = {"SHARAKA_RATE_LIMIT": "0", "SHARAKA_LOG_LEVEL": "WARNING"}
    if name == "serve":
        return sharaka_server(2, env, data_dir)
    if name == "dev":
        return sharaka_server(1, env, data_dir, extra_args=["--dev"])
    if name == "gunicorn":
        return gunicorn_server(data_dir)
    raise SystemExit(f"unknown server {name!r}: serve, dev or gunicorn")


def server_pids(port: int) -> set[int]:
    """The server listening on `port` (found by its command line) and every process under it."""
    from sharaka.service.server import _descendants

    roots = set()
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit():
                args = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                if f"--port {port} " in args + " " or f"127.0.0.1:{port} " in args + " ":
                    roots.add(int(entry.name))
    return roots | {pid for root in roots for pid in _descendants(root)}


def cpu_seconds(pids: set[int]) -> float:
    total = 0.0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def throughput(urls: dict[str, str], rounds: int, block_s: float, users: int) -> dict[str, Any]:
    """Closed-loop answers (the dev questions, keep-alive users) in rounds, the servers' order rotating each
    round: answers/s, and the ratio to the first server in the same round; server CPU per answer."""
    from sharaka.benchmarks.common import read_questions
    from sharaka.benchmarks.http_load import answer_picker
    from sharaka.benchmarks.loadgen import run_load

    pick = answer_picker([q["question"] for q in read_questions()])
    names = list(urls)
    found: dict[str, dict[str, list[float]]] = {n: {"answers_per_s": [], "ratio": [], "cpu_ms": []} for n in names}
    for r in range(rounds):
        this: dict[str, float] = {}
        for name in names[r % len(names):] + names[:r % len(names)]:
            pids = server_pids(int(urls[name].rsplit(":", 1)[1]))
            before = cpu_seconds(pids)
            report = run_load(urls[name], pick, block_s, users, seed=r)
            answers = report.summary()["status"].get("200", 0)
            this[name] = answers / report.duration_s
            found[name]["cpu_ms"].append(round((cpu_seconds(pids) - before) * 1000 / max(1, answers), 2))
        for name in names:
            found[name]["answers_per_s"].append(round(this[name], 1))
            found[name]["ratio"].append(round(this[name] / this[names[0]], 2) if this[names[0]] else 0.0)
    return {name: {**values, "median_ratio": percentile(values["ratio"], 50),
                   "median_cpu_ms_per_answer": percentile(values["cpu_ms"], 50)} for name, values in found.items()}


def print_result(name: str, result: dict[str, Any]) -> None:
    plan = result["plan"]
    print(f"{name}: {result['verdict']} (idle {plan['idle']}, slow {plan['slow']}, silent {plan['silent']}, "
          f"slow body {plan['slow_body']}; probes {plan['duration_s']:g} s, limit {plan['limit_s']:g} s)")
    for kind, p in result["probes"].items():
        print(f"  {kind:8s} {p['ok']}/{p['n']} under the limit; p50 {p['p50_ms']} ms, max {p['max_ms']} ms; "
              f"statuses {p['statuses']}")
    for kind, c in result["connections"].items():
        closed = c["closed_after_s"]
        when = f" after {closed[0]}–{closed[2]} s (p50 {closed[1]})" if closed else ""
        errors = f" errors {c['errors']}" if c["errors"] else ""
        print(f"  {kind:9s} opened {c['opened']}, closed by the server {c['closed_by_server']}{when}{errors}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, help="attack a server already running on 127.0.0.1:PORT")
    parser.add_argument("--against", default="serve", help="servers to start, in order: serve, gunicorn, dev")
    for kind, default in (("idle", 200), ("slow", 200), ("silent", 0), ("slow-body", 0)):
        parser.add_argument(f"--{kind}", type=int, default=default, help=f"{kind} connections")
    parser.add_argument("--duration-s", type=float, default=60.0, help="probing time (at most 600)")
    parser.add_argument("--limit-s", type=float, default=1.0, help="every probe must answer 200 under this")
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("SHARAKA_DATA_DIR",
                                                                               Path.home() / ".cache/sharaka")))
    parser.add_argument("--throughput-s", type=float, default=0.0,
                        help="first, closed-loop answers on every server, rounds of this many seconds (0: none)")
    parser.add_argument("--rounds", type=int, default=4, help="throughput rounds")
    parser.add_argument("--users", type=int, default=16, help="throughput users (keep-alive connections)")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    plan = Plan(idle=args.idle, slow=args.slow, silent=args.silent, slow_body=args.slow_body,
                duration_s=args.duration_s, limit_s=args.limit_s)
    results: dict[str, Any] = {}
    if args.port:
        results[f"127.0.0.1:{args.port}"] = run_attack("127.0.0.1", args.port, plan)
    else:
        with contextlib.ExitStack() as running:
            urls = {name.strip(): running.enter_context(server(name.strip(), args.data_dir))
                    for name in args.against.split(",")}
            if args.throughput_s > 0:
                speed = throughput(urls, args.rounds, args.throughput_s, args.users)
                print(f"Throughput, closed loop, {args.users} users, {args.rounds} rounds of {args.throughput_s:g} s, "
                      "the servers' order rotating (all running at once, same machine load):")
                for name, figures in speed.items():
                    print(f"  {name:9s} answers/s {figures['answers_per_s']}; ratio to {next(iter(urls))} "
                          f"(median) {figures['median_ratio']}; server CPU ms/answer (median) "
                          f"{figures['median_cpu_ms_per_answer']}")
                results["throughput"] = speed
            for name, url in urls.items():
                results[name] = run_attack("127.0.0.1", int(url.rsplit(":", 1)[1]), plan)
    print("Attacks, one server after the other:")
    for name, result in results.items():
        if name != "throughput":
            print_result(name, result)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0 if all(r["verdict"] == "PASS" for n, r in results.items() if n != "throughput") else 1


if __name__ == "__main__":
    sys.exit(main())
