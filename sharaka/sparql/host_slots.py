"""A count of things running at once on this host, shared by every service process (gunicorn -w N).

Each slot is a lock file held with flock(2): the kernel releases it when its holder closes it or dies,
so a killed process never leaves a slot taken. Used to cap long /sparql queries per host: per process,
`query_slow_workers` alone would let N gunicorn workers run N runaway queries at once on the same cores.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)
UNCAPPED = -1  # the lock files cannot be made: the cap is not applied rather than every query refused


class HostSlots:
    def __init__(self, directory: Path, name: str, count: int) -> None:
        self.paths = [directory / f".{name}-slot-{i}.lock" for i in range(max(0, count))]
        self.warned = False

    def try_acquire(self) -> int | None:
        """The file descriptor of a free slot (hold it; give it to `release`), or None when all are taken."""
        for path in self.paths:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as exc:
                if not self.warned:  # once: the data directory's one warning at start already said so
                    self.warned = True
                    log.warning("no host-wide cap on long queries: cannot open %s (%s)", path, exc)
                return UNCAPPED
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            return fd
        return None

    @staticmethod
    def release(fd: int) -> None:
        if fd != UNCAPPED:
            os.close(fd)  # closing the descriptor drops its flock
