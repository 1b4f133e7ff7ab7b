"""The build as a function: deterministic, canonical, guarded by checksums, cached by fingerprint,
and driven from the command line."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from sharaka import kg
from sharaka.errors import BuildError, SharakaError
from sharaka.kg.build import (
    GRAPH_FILE,
    MANIFEST_FILE,
    BuildResult,
    ensure_built,
    input_fingerprint,
    write_manifest,
)
from sharaka.store import MemoryStore

REPO = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/sharaka/"


# --- determinism and canonical output -------------------------------------------------------

# Two builds in two processes with other set orders give the same bytes: test_cli_build.


def test_lines_are_sorted_unique_quads(build_result: BuildResult) -> None:
    lines = build_result.lines
    assert lines == sorted(lines)
    assert len(lines) == len(set(lines))
    assert all(line.endswith("> .\n") and f" <{BASE}graph/" in line for line in lines)


def test_no_blank_nodes(build_result: BuildResult, memory_store: MemoryStore) -> None:
    assert not [line for line in build_result.lines if line.startswith("_:") or "> _:" in line]
    assert not memory_store.ask("ASK { GRAPH ?g { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) } }")


def test_store_holds_every_line(build_result: BuildResult, memory_store: MemoryStore) -> None:
    """No two lines are the same quad written differently (Oxigraph would merge them)."""
    held = memory_store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0]["n"]
    assert int(held) == len(build_result.lines)


# --- checksums of the vendored sources ------------------------------------------------------

@pytest.fixture
def sources_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The source files copied to a temporary folder that the build reads instead of kg/sources."""
    copy = tmp_path / "sources"
    shutil.copytree(kg.sources.SOURCES_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    monkeypatch.setattr(kg.sources, "SOURCES_DIR", copy)
    return copy


def test_checksums_of_an_unaltered_copy_pass(sources_copy: Path) -> None:
    sums = kg.sources.verify_checksums()
    pinned = {f.path: f.sha256 for d in kg.sources.datasets().values() for f in d.files}
    assert sums == pinned
    locations = [f.location for d in kg.sources.datasets().values() for f in d.files]
    assert all(location.is_relative_to(sources_copy) for location in locations)


def append_byte(path: Path) -> None:
    path.write_bytes(path.read_bytes() + b"\n")


def change_one_character(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-5] = ord("9") if data[-5] != ord("9") else ord("8")  # same size, one digit different
    path.write_bytes(bytes(data))


ALTERATIONS = [
    # (file, alteration, message)
    ("atop/atop5_1m.csv", append_byte, "checksum mismatch for kg/sources/atop/atop5_1m.csv"),
    ("dcad/DCAD-v1.0-main.csv", change_one_character,
     "checksum mismatch for kg/sources/dcad/DCAD-v1.0-main.csv"),
    ("curated/agreements.csv", append_byte, "checksum mismatch for kg/sources/curated/agreements.csv"),
    ("nca/nca_dataset_v2.0.csv", Path.unlink, "source file missing: kg/sources/nca/nca_dataset_v2.0.csv"),
]


@pytest.mark.parametrize(("name", "alter", "message"), ALTERATIONS)
def test_altered_source_is_refused(sources_copy: Path, name: str, alter: Callable[[Path], None],
                                   message: str) -> None:
    alter(sources_copy / name)
    with pytest.raises(BuildError, match=message) as caught:
        kg.sources.verify_checksums()
    assert isinstance(caught.value, SharakaError)
    with pytest.raises(BuildError, match=message):
        kg.build.build()  # the build checks before it reads anything


# --- ensure_built: build when missing or stale, reuse when fresh ----------------------------

@pytest.fixture
def counted_builds(monkeypatch: pytest.MonkeyPatch, build_result: BuildResult) -> list[int]:
    """kg.build.build replaced by one that returns the session's build and counts its calls."""
    calls: list[int] = []
    # A slice of the real build: what is tested is when ensure_built builds, not the 300 MB it writes.
    excerpt = dataclasses.replace(build_result, lines=build_result.lines[:20000])

    def fake_build(exclude_noncommercial: bool = False) -> BuildResult:
        calls.append(1)
        return excerpt

    monkeypatch.setattr(kg.build, "build", fake_build)
    return calls


def make_fresh(data_dir: Path) -> None:
    ensure_built(data_dir)


def make_stale(data_dir: Path) -> None:
    ensure_built(data_dir)
    manifest = json.loads((data_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    manifest["fingerprint"] = "0" * 64
    (data_dir / MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")


def lose_graph(data_dir: Path) -> None:
    ensure_built(data_dir)
    (data_dir / GRAPH_FILE).unlink()


def corrupt_manifest(data_dir: Path) -> None:
    ensure_built(data_dir)
    (data_dir / MANIFEST_FILE).write_text("{not json", encoding="utf-8")


def lose_manifest(data_dir: Path) -> None:
    ensure_built(data_dir)
    (data_dir / MANIFEST_FILE).unlink()


ENSURE_BUILT = [
    # (state of the data dir, builds expected from the call under test)
    ("missing", lambda d: None, 1),
    ("fresh", make_fresh, 0),
    ("stale fingerprint", make_stale, 1),
    ("graph file lost", lose_graph, 1),
    ("manifest corrupt", corrupt_manifest, 1),
    ("manifest lost", lose_manifest, 1),
]


@pytest.mark.parametrize(("prepare", "builds"), [pytest.param(p, b, id=n) for n, p, b in ENSURE_BUILT])
def test_ensure_built(tmp_path: Path, counted_builds: list[int], build_result: BuildResult,
                      prepare: Callable[[Path], None], builds: int) -> None:
    data_dir = tmp_path / "data"
    prepare(data_dir)
    before = len(counted_builds)
    mtime = (data_dir / GRAPH_FILE).stat().st_mtime_ns if (data_dir / GRAPH_FILE).exists() else None
    out = ensure_built(data_dir)
    assert len(counted_builds) - before == builds
    assert out == data_dir / GRAPH_FILE
    assert out.read_bytes() == "".join(build_result.lines[:20000]).encode("utf-8")
    manifest = json.loads((data_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["fingerprint"] == input_fingerprint()
    assert manifest["triples"] == 20000
    if builds == 0:
        assert out.stat().st_mtime_ns == mtime  # reused, not rewritten


def test_fresh_data_dir_never_calls_build(tmp_path: Path, counted_builds: list[int],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    ensure_built(tmp_path)

    def refuse(exclude_noncommercial: bool = False) -> BuildResult:
        raise AssertionError("rebuilt a fresh graph")

    monkeypatch.setattr(kg.build, "build", refuse)
    assert ensure_built(tmp_path) == tmp_path / GRAPH_FILE


def test_fingerprint_covers_all_build_code(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[Path] = []
    original = Path.read_bytes

    def recording(path: Path) -> bytes:
        read.append(path.resolve())
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", recording)
    input_fingerprint()
    build_code = {p.resolve() for p in (REPO / "kg").rglob("*.py")
                  if "__pycache__" not in p.parts and not p.name.startswith("derive_")}
    assert build_code - set(read) == set()


# --- the command line -----------------------------------------------------------------------

def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHARAKA_")}
    env["PYTHONHASHSEED"] = "12345"  # another process with other set orders: output must not change
    return subprocess.run([sys.executable, "-m", "sharaka.cli", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=240, check=False)


def test_cli_build(tmp_path: Path, build_result: BuildResult) -> None:
    """A build in another process, with another hash seed (other set orders), writes the session build's bytes."""
    done = cli("build", "--data-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line.split()[1:] for line in done.stdout.splitlines() if line.strip()}
    for graph, triples in build_result.graph_counts().items():
        assert graph in rows, f"no line for graph {graph}"
        assert int(rows[graph][0].replace(",", "")) == triples
    assert (tmp_path / GRAPH_FILE).read_bytes() == "".join(build_result.lines).encode("utf-8")
    manifest = json.loads((tmp_path / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert manifest["fingerprint"] == input_fingerprint()


SK = f"{BASE}ontology#"
FOLLOW = (f"<{SK}hasParty>", f"<{SK}participation>", "<http://www.w3.org/ns/prov#wasDerivedFrom>")


def excerpt(lines: list[str], root: str) -> list[str]:
    """The lines of one agreement, its participations, parties and records, and the dataset
    description and ontology graphs: a small graph that conforms on its own."""
    keep = {f"<{root}>"}
    for _ in range(3):
        for line in lines:
            s, p, o = line.split(" ", 3)[:3]
            if s in keep and p in FOLLOW:
                keep.add(o)
    whole = (f"<{BASE}graph/meta> .\n", f"<{BASE}graph/ontology> .\n")
    return [line for line in lines if line.split(" ", 1)[0] in keep or line.endswith(whole)]


@pytest.mark.parametrize(("drop_predicate", "exit_code", "says"), [
    (None, 0, "conforms: 0 violations"),
    (f"<{SK}startYear>", 1, "An agreement has one start year"),
    (f"<{SK}hasParty>", 1, "An agreement has at least one party"),
])
def test_cli_validate(tmp_path: Path, build_result: BuildResult, drop_predicate: str | None, exit_code: int,
                      says: str) -> None:
    """Validation of the full graph is test_kg_shape's (25 s); here the command runs on a data dir
    holding a fresh excerpt, so its exit code and output are checked for both outcomes."""
    alliance = f"<{BASE}id/agreement/atop-3222>"
    lines = [line for line in excerpt(build_result.lines, alliance[1:-1])
             if not (drop_predicate and line.startswith(f"{alliance} {drop_predicate} "))]
    assert 1000 < len(lines) < 5000  # an excerpt, not the graph
    (tmp_path / GRAPH_FILE).write_text("".join(lines), encoding="utf-8")
    write_manifest(dataclasses.replace(build_result, lines=lines), tmp_path, input_fingerprint())  # its checksum
    done = cli("validate", "--data-dir", str(tmp_path))
    assert done.returncode == exit_code, done.stdout[-2000:] + done.stderr[-2000:]
    assert says in done.stdout
    assert (tmp_path / GRAPH_FILE).read_text(encoding="utf-8") == "".join(lines)  # not rebuilt
