"""Watching the processes a test starts: which are still alive, and waiting for a condition with a deadline."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any


def alive(pids: set[int]) -> set[int]:
    """The pids that still run (a zombie, ended but not yet reaped, does not count)."""
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            living.add(pid)
    return living


def wait_until(check: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return bool(check())
