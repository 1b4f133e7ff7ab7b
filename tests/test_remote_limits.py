"""The places for long /sparql queries on a remote store (sharaka.sparql.remote_limits): a query expensive by its
shape is refused at once, before anything is sent, when its process, its client or its host has no place left;
other queries need none. The sending is a stand-in here; tests/test_store_supervisor.py uses a real store."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sharaka import errors
from sharaka.sparql.remote_limits import RemoteLimits


class Sender:
    """Stands for the store: counts what is sent; holds a query until released."""

    def __init__(self) -> None:
        self.sent = 0
        self.release = threading.Event()

    def __call__(self) -> str:
        self.sent += 1
        self.release.wait(10)
        return "answer"


@contextmanager
def running(limits: RemoteLimits, client: str, sender: Sender, expensive: str = "cross product") -> Iterator[None]:
    """A long query holding its place in a thread, until the block ends."""
    thread = threading.Thread(target=limits.run, args=(expensive, client, sender))
    thread.start()
    deadline = time.monotonic() + 5
    while sender.sent == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield
    finally:
        sender.release.set()
        thread.join(5)


def refused(limits: RemoteLimits, client: str, expensive: str = "cross product") -> str:
    sender = Sender()
    started = time.monotonic()
    with pytest.raises(errors.QueryBusy) as refusal:
        limits.run(expensive, client, sender)
    assert sender.sent == 0, "a refused query must not reach the store"
    assert time.monotonic() - started < 0.5  # at once, not after a wait
    return refusal.value.detail


def test_a_client_gets_half_the_places(tmp_path: Path) -> None:
    limits = RemoteLimits(per_process=2, host_slots=0, slots_dir=tmp_path)
    with running(limits, "10.0.0.1", Sender()):
        assert "your long queries already take every place" in refused(limits, "10.0.0.1")
        with running(limits, "10.0.0.2", Sender()):  # another client still gets in
            assert "other long queries already take every place" in refused(limits, "10.0.0.3")


def test_the_host_wide_cap_counts_every_process(tmp_path: Path) -> None:
    """Two service processes (two RemoteLimits on one data dir), one long query allowed on the host."""
    first, second = (RemoteLimits(per_process=2, host_slots=1, slots_dir=tmp_path) for _ in range(2))
    with running(first, "10.0.0.1", Sender()):
        assert "this host already runs as many long queries as it allows" in refused(second, "10.0.0.2")
    sender = Sender()
    sender.release.set()
    assert second.run("cross product", "10.0.0.2", sender) == "answer"  # the slot came back


def test_normal_queries_need_no_place(tmp_path: Path) -> None:
    limits = RemoteLimits(per_process=1, host_slots=1, slots_dir=tmp_path)
    with running(limits, "10.0.0.1", Sender()):
        sender = Sender()
        sender.release.set()
        assert limits.run("", "10.0.0.1", sender) == "answer"


def test_the_refusal_names_the_shape(tmp_path: Path) -> None:
    limits = RemoteLimits(per_process=1, host_slots=0, slots_dir=tmp_path)
    with running(limits, "10.0.0.1", Sender()):
        assert refused(limits, "10.0.0.2", "a cross product").startswith(
            "this query is expensive by its shape (a cross product), and other long queries")
