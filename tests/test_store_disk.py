"""The read-only on-disk copy of the graph (sharaka.store.disk): built once per graph version, and never removed
while a process uses it (issue 13, item 8: a second process with another graph file in the same directory deleted
the first one's copy)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from sharaka.store.disk import DISK_PREFIX, disk_copy, release

ORG = "<https://w3id.org/sharaka/id/organization/{n}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " \
      "<https://w3id.org/sharaka/ontology#InternationalOrganization> <https://w3id.org/sharaka/graph/test> .\n"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def graph(path: Path, organizations: int) -> Path:
    path.write_text("".join(ORG.format(n=n) for n in range(organizations)))
    return path


def count(copy: Path) -> int:
    store = ox.Store.read_only(str(copy))
    return int(next(iter(store.query(COUNT)))["n"].value)  # type: ignore[call-overload, index]


def holder(graph_file: Path) -> tuple[subprocess.Popen[str], Path]:
    """Another process that opens the copy of `graph_file` and keeps using it."""
    code = ("import sys, time; from pathlib import Path; from sharaka.store.disk import disk_copy;"
            "print(disk_copy(Path(sys.argv[1])), flush=True); time.sleep(120)")
    process = subprocess.Popen([sys.executable, "-c", code, str(graph_file)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    return process, Path(process.stdout.readline().strip())


def test_the_copy_is_built_once_per_version(tmp_path: Path) -> None:
    first = disk_copy(graph(tmp_path / "g.nq", 3))
    assert first is not None and first.name.startswith(DISK_PREFIX) and count(first) == 3
    assert disk_copy(tmp_path / "g.nq") == first
    release(first)


def test_a_copy_in_use_by_another_process_is_kept(tmp_path: Path) -> None:
    process, theirs = holder(graph(tmp_path / "theirs.nq", 2))
    try:
        assert count(theirs) == 2
        mine = disk_copy(graph(tmp_path / "mine.nq", 5))  # another version built in the same directory
        assert mine is not None and mine != theirs and count(mine) == 5
        assert theirs.exists() and count(theirs) == 2  # the other process's copy was left alone
    finally:
        process.kill()
        process.wait()
    time.sleep(0.1)
    newer = disk_copy(graph(tmp_path / "mine.nq", 7))  # a new version again: now the unused old copy goes
    assert newer is not None and count(newer) == 7
    assert not theirs.exists()
    assert mine.exists()  # held by this process (until it ends, or `release`)
    for copy in (mine, newer):
        release(copy)
