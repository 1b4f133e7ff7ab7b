"""The host-wide cap on long /sparql queries: lock files shared by every service process."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from sharaka.errors import QueryBusy
from sharaka.sparql.host_slots import UNCAPPED, HostSlots
from tests.test_sparql_lanes import RUNAWAY, query


def test_slots_are_counted_and_given_back(tmp_path: Path) -> None:
    mine, theirs = HostSlots(tmp_path, "t", 2), HostSlots(tmp_path, "t", 2)
    first, second = mine.try_acquire(), theirs.try_acquire()
    assert first is not None and second is not None and first != UNCAPPED
    assert theirs.try_acquire() is None  # both taken
    HostSlots.release(first)
    again = theirs.try_acquire()
    assert again is not None
    for fd in (second, again):
        HostSlots.release(fd)


def _holder(directory: Path) -> subprocess.Popen[bytes]:
    code = ("import sys, time; from pathlib import Path; from sharaka.sparql.host_slots import HostSlots;"
            "fd = HostSlots(Path(sys.argv[1]), 't', 1).try_acquire(); print(fd is not None, flush=True);"
            "time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(directory)], stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline().strip() == b"True"
    return holder


def test_another_process_holds_the_slot_until_it_dies(tmp_path: Path) -> None:
    holder = _holder(tmp_path)
    try:
        assert HostSlots(tmp_path, "t", 1).try_acquire() is None
    finally:
        holder.kill()
        holder.wait()
    deadline = time.monotonic() + 5
    fd = None
    while fd is None and time.monotonic() < deadline:  # the kernel drops a dead process's locks
        fd = HostSlots(tmp_path, "t", 1).try_acquire()
    assert fd is not None
    HostSlots.release(fd)


def test_unusable_directory_fails_open(tmp_path: Path) -> None:
    assert HostSlots(tmp_path / "missing", "t", 1).try_acquire() == UNCAPPED
    HostSlots.release(UNCAPPED)  # nothing to give back, no error


@pytest.mark.timeout(120)
def test_a_long_query_is_refused_when_the_host_is_full(small_graph_file: Path) -> None:
    from sharaka.sparql.lanes import QueryRunner

    runner = QueryRunner(small_graph_file, fast_workers=1, slow_workers=1, host_slots=1)
    assert runner.wait_started(60)  # the graph loaded and the workers up: only the long query is measured
    taken = HostSlots(small_graph_file.parent, "slow-lane", 1).try_acquire()  # as if another service process ran one
    assert taken is not None and taken != UNCAPPED
    try:
        started = time.monotonic()
        with pytest.raises(QueryBusy, match="this host already runs"):
            runner.run(query(RUNAWAY), timeout=5.0, fast_slice=0.25, client="10.0.0.1")
        assert time.monotonic() - started < 5.0  # refused at once, not after the limit
        assert runner.slow is not None
        worker = runner.slow.admit(wait=0)
        assert worker is not None  # the process's own slot was given back
        runner.slow.release(worker)
    finally:
        HostSlots.release(taken)
        runner.close()
