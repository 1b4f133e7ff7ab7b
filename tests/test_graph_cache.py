"""The graph cache in the data directory is checked before it is served (issue 13, item 5): a file cut cleanly at
a line, cut in the middle of one, or changed in one byte does not match its manifest (size, SHA-256) and is
rebuilt; /readyz says how the cache was found; the manifest is written atomically by processes starting at
once; a data directory that cannot be written gives one clear line, not a traceback. The mechanics do not depend
on the data: the cache here holds the small hand-made graph (tests/mini_data.py), and a "build" returns it."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from sharaka import kg
from sharaka.kg.build import (
    GRAPH_FILE,
    MANIFEST_FILE,
    BuildResult,
    input_fingerprint,
    prepare_graph,
    write_graph,
    write_manifest,
)
from sharaka.settings import Settings
from sharaka.store.opening import open_store
from tests.mini_data import small_build_result

REPO = Path(__file__).resolve().parents[1]


# In a subprocess: builds return the small graph too.
PATCH_BUILD = "from tests.mini_data import patch_build_in_this_process; patch_build_in_this_process(); "


@pytest.fixture(scope="module")
def build_result() -> BuildResult:
    return small_build_result()


@pytest.fixture()
def builds(monkeypatch: pytest.MonkeyPatch, build_result: BuildResult) -> list[int]:
    """Counts the builds (each one returns the small graph, not 20 s of work)."""
    calls: list[int] = []

    def counted(exclude_noncommercial: bool = False) -> BuildResult:
        calls.append(1)
        return build_result

    monkeypatch.setattr(kg.build, "build", counted)
    return calls


@pytest.fixture()
def cached(tmp_path: Path, build_result: BuildResult) -> Path:
    """A data directory holding a good cache of the small graph, as a build leaves it."""
    target = tmp_path / "data"
    write_graph(build_result, target / GRAPH_FILE)
    write_manifest(build_result, target, input_fingerprint())
    return target


def cut_at_line(path: Path, keep: int = 60) -> None:
    with path.open("rb") as fh:
        lines = [fh.readline() for _ in range(keep)]
    path.write_bytes(b"".join(lines))


def cut_mid_line(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 17])


def change_one_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    year = data.index(b'"1990"')
    data[year + 4] = ord("1")  # a year 1990 becomes 1991: same size, other truth
    path.write_bytes(bytes(data))


def no_checksum_in_manifest(path: Path) -> None:
    manifest_path = path.parent / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text())
    del manifest["graph_sha256"]
    manifest_path.write_text(json.dumps(manifest))


DAMAGE: list[tuple[str, Callable[[Path], None], str]] = [
    ("cut cleanly at a line", cut_at_line, "bytes, its manifest says"),
    ("cut in the middle of a line", cut_mid_line, "bytes, its manifest says"),
    ("one byte changed", change_one_byte, "SHA-256 differs"),
    ("a manifest from before checksums", no_checksum_in_manifest, "no checksum"),
]


@pytest.mark.parametrize(("damage", "says"), [pytest.param(d, s, id=n) for n, d, s in DAMAGE])
def test_a_damaged_cache_is_rebuilt(cached: Path, builds: list[int], build_result: BuildResult,
                                    damage: Callable[[Path], None], says: str) -> None:
    damage(cached / GRAPH_FILE)
    path, check = prepare_graph(cached)
    assert builds == [1] and check.outcome == "built" and says in check.detail
    assert path.read_bytes() == "".join(build_result.lines).encode()
    # the next start finds it good: checked, not rebuilt
    path, check = prepare_graph(cached)
    assert builds == [1] and check.outcome == "verified"


def test_a_good_cache_is_verified_not_rebuilt(cached: Path, builds: list[int]) -> None:
    mtime = (cached / GRAPH_FILE).stat().st_mtime_ns
    path, check = prepare_graph(cached)
    assert builds == [] and check.outcome == "verified" and check.cached
    assert path.stat().st_mtime_ns == mtime


def test_readyz_shows_how_the_cache_was_found(cached: Path, builds: list[int]) -> None:
    from sharaka.service.app import create_app

    cut_at_line(cached / GRAPH_FILE)
    settings = Settings.load({"data_dir": str(cached), "store": "memory", "rate_limit": 0}, environ={})
    store, manifest = open_store(settings)
    readyz = create_app(settings, store=store, manifest=manifest).test_client().get("/readyz")
    graph = json.loads(readyz.data)["graph"]
    assert readyz.status_code == 200 and graph["outcome"] == "built" and graph["cached"] is True
    assert "damaged" in graph["detail"]
    assert store.triple_count() == json.loads((cached / MANIFEST_FILE).read_text())["triples"]


def _write_manifests(data_dir: str, result: BuildResult, times: int) -> int:
    failures = 0
    for _ in range(times):
        try:
            write_manifest(result, Path(data_dir), "f" * 64)
        except OSError:
            failures += 1
    return failures


def test_concurrent_manifest_writes_never_fail(tmp_path: Path, build_result: BuildResult) -> None:
    """The fixed `manifest.json.tmp` name failed 1,665 of 4,000 writes from concurrent starts (here 1,200)."""
    with multiprocessing.get_context("fork").Pool(8) as pool:
        failures = pool.starmap(_write_manifests, [(str(tmp_path), build_result, 150)] * 8)
    assert sum(failures) == 0
    assert json.loads((tmp_path / MANIFEST_FILE).read_text())["triples"] == len(build_result.lines)
    assert sorted(p.name for p in tmp_path.iterdir()) == [MANIFEST_FILE]  # no temporary file left behind


def test_two_processes_starting_at_once_build_once(tmp_path: Path, build_result: BuildResult) -> None:
    code = textwrap.dedent("""
        import sys
        from pathlib import Path
        from tests.mini_data import patch_build_in_this_process
        from sharaka.kg.build import prepare_graph
        patch_build_in_this_process()
        print(prepare_graph(Path(sys.argv[1]))[1].outcome)
    """)
    starts = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], cwd=REPO, stdout=subprocess.PIPE,
                               text=True) for _ in range(2)]
    outcomes = sorted(p.communicate(timeout=300)[0].strip() for p in starts)
    assert outcomes == ["built", "verified"]  # the second waited for the first's build, then checked it
    assert (tmp_path / GRAPH_FILE).read_bytes() == "".join(build_result.lines).encode()
    assert json.loads((tmp_path / MANIFEST_FILE).read_text())["fingerprint"] == input_fingerprint()


def read_only(directory: Path, command: list[str]) -> list[str]:
    """`command` in a mount namespace where `directory` is a read-only bind mount (root only)."""
    unshare = shutil.which("unshare")
    if os.geteuid() != 0 or unshare is None:
        pytest.skip("needs root and unshare to mount a directory read-only")
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    return [unshare, "--mount", "sh", "-c", script, "sh", str(directory), *command]


@pytest.mark.parametrize("state", ["good cache", "damaged cache"])
def test_a_read_only_data_directory_gives_one_clear_line(cached: Path, state: str) -> None:
    if state == "damaged cache":
        cut_mid_line(cached / GRAPH_FILE)
    code = (PATCH_BUILD + "from sharaka.settings import Settings; from sharaka.store.opening import open_store; "
            f"store, manifest = open_store(Settings.load({{'data_dir': {str(cached)!r}}}, environ={{}})); "
            "print(manifest['cache_check']['outcome'], store.triple_count())")
    done = subprocess.run(read_only(cached, [sys.executable, "-c", code]), cwd=REPO, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    warnings = [line for line in done.stderr.splitlines() if line.strip()]  # no logging set up: warnings only
    assert len(warnings) == 1, done.stderr
    assert f"the data directory {cached} cannot be written" in warnings[0]
    assert "host-wide cap on long /sparql queries (query_slow_slots=1) is off" in warnings[0]
    outcome, triples = done.stdout.split()
    assert outcome == ("verified" if state == "good cache" else "built")
    assert int(triples) == json.loads((cached / MANIFEST_FILE).read_text())["triples"]
    if state == "damaged cache":
        assert "for this run only" in warnings[0]
