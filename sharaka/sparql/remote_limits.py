"""/sparql on a remote store gets the embedded store's protection (issue 13, item 3), as far as the service can
give it; the store itself must stop the work it is no longer asked for (docs/scaling-out.md: store-supervisor).

A query is *long* when its shape is obviously expensive (sharaka.sparql.cost, the same static check as the
embedded fast lane). A long query needs a place of its own, or it is refused at once with 503 query_busy, before
anything is sent:
- at most `query_slow_workers` long queries per service process, a client at most half of them (at least one);
- at most `query_slow_slots` on the host, across every service process (sharaka.sparql.host_slots: lock files
  in data_dir; 0 = no host-wide cap).
Other queries are sent at once: the store's front stops any query at its time limit and caps how many run.

Unlike the embedded lanes, nothing is learnt from how long a query took: the service cannot see the store's CPU,
and wall time misleads. Measured: remembering queries that took over 1 s, or timed out, marked ordinary queries
as long whenever the store was slow or frozen (benchmarks/faults.py: 31 query_busy refusals of normal queries
around a frozen store), so that rule was dropped.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sharaka.errors import QueryBusy
from sharaka.settings import Settings
from sharaka.sparql.host_slots import HostSlots

T = TypeVar("T")
_REGISTRY: dict[tuple[int, int, int, str], RemoteLimits] = {}
_REGISTRY_LOCK = threading.Lock()


class RemoteLimits:
    """The long-query places of one service process on a remote store."""

    def __init__(self, per_process: int, host_slots: int, slots_dir: Path) -> None:
        self.per_process = max(1, per_process)
        self.per_client = max(1, (self.per_process + 1) // 2)
        self.host: HostSlots | None = None
        if host_slots > 0:
            with contextlib.suppress(OSError):  # else HostSlots says once that there is no host-wide cap
                slots_dir.mkdir(parents=True, exist_ok=True)
            self.host = HostSlots(slots_dir, "slow-lane", host_slots)
        self._lock = threading.Lock()
        self._running = 0
        self._by_client: Counter[str] = Counter()

    @classmethod
    def from_settings(cls, settings: Settings) -> RemoteLimits:
        return cls(settings.query_slow_workers, settings.query_slow_slots, Path(settings.data_dir))

    @classmethod
    def of_process(cls, settings: Settings) -> RemoteLimits:
        """This process's limits for these settings (a forked process makes its own: counts are per process)."""
        key = (os.getpid(), settings.query_slow_workers, settings.query_slow_slots, settings.data_dir)
        with _REGISTRY_LOCK:
            if key not in _REGISTRY:
                _REGISTRY[key] = cls.from_settings(settings)
            return _REGISTRY[key]

    def run(self, expensive: str, client: str, send: Callable[[], T]) -> T:
        """Send a query (`send`) within the limits; `expensive` is the cost check's reason ("" if none)."""
        if not expensive:
            return send()
        with self._place(client, f"this query is expensive by its shape ({expensive})"):
            return send()

    @contextmanager
    def _place(self, client: str, why: str) -> Iterator[None]:
        with self._lock:
            if self._running >= self.per_process or self._by_client[client] >= self.per_client:
                mine = self._by_client[client] >= self.per_client
                raise QueryBusy(f"{why}, and {'your' if mine else 'other'} long queries already take every place "
                                "for them; try again shortly, or narrow it (more patterns bound, a LIMIT)")
            self._running += 1
            self._by_client[client] += 1
        slot = self.host.try_acquire() if self.host is not None else None
        try:
            if self.host is not None and slot is None:
                raise QueryBusy(f"{why}, and this host already runs as many long queries as it allows "
                                "(query_slow_slots); try again shortly, or narrow it (more patterns bound, a LIMIT)")
            yield
        finally:
            if slot is not None:
                HostSlots.release(slot)
            with self._lock:
                self._running -= 1
                self._by_client[client] -= 1
                if not self._by_client[client]:
                    del self._by_client[client]
