"""The load and fault scripts, run short: their structural guarantees hold (0 5xx on well-formed requests,
pathological queries stopped by a limit (time, busy, memory) within the time limit + 1 s, only clear 503/504
problem+json while the store is down, 200s again after it restarts, without restarting the service). On the small
graph (tests/small_graph.py): these are guarantees of the mechanics, not of the data, and every process the scripts
start loads the graph it is given (the full graph took minutes in CI; the small one well under a second)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.oxigraph_server import require_oxigraph
from tests.processes import run_and_reap

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.server


def run_script(name: str, args: list[str], data_dir: Path, out: Path, timeout: float) -> dict:  # type: ignore[type-arg]
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    command = [sys.executable, str(ROOT / "benchmarks" / name), *args, "--data-dir", str(data_dir), "--out", str(out)]
    done = run_and_reap(command, timeout, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return json.loads(out.with_suffix(".json").read_text())


def test_load_run_short(small_data_dir: Path, tmp_path: Path) -> None:
    from sharaka.benchmarks.loadgen import PATHOLOGICAL_ADDRESSES

    result = run_script("load.py", ["--duration", "8", "--blocks", "1", "--workers", "2", "--users", "6",
                                    "--capacity-users", "4", "--capacity-duration", "3", "--pathological", "0.05",
                                    "--query-timeout", "3"], small_data_dir, tmp_path / "load", 150)
    assert result["verdict"]["5xx_on_well_formed"] == 0
    assert result["capacity"]["requests"] > 0 and result["capacity"]["think_s"] == 0
    assert result["phase_a"]["requests"] > 0 and result["phase_b"]["requests"] > 0
    # paced below the capacity, each user from its own address, the pathological queries from theirs
    assert 0 < result["settings"]["think_s"] == result["phase_a"]["think_s"]
    assert result["phase_a"]["requests_per_s"] < result["capacity"]["requests_per_s"]
    assert result["phase_a"]["clients"] >= 3
    assert result["phase_b"]["pathological_clients"]
    assert set(result["phase_b"]["pathological_clients"]) <= set(PATHOLOGICAL_ADDRESSES)
    patho = result["pathological"]
    assert patho["n"] > 0, "phase B sent no pathological query"
    assert patho["answered_200"] == 0 and patho["over_limit_plus_1"] == 0 and patho["max_s"] <= 4.0
    # a sorted product may meet the memory ceiling (507 query_memory) before the time limit
    assert set(patho["codes"]) <= {"query_timeout", "query_busy", "query_memory"} and patho["all_problem_json"]
    # every process behind the server is counted with its memory (one being forked or reaped is left out)
    assert {"server", "graph holder", "sparql worker"} <= {p["role"] for p in result["processes"]}
    assert all(p["rss_mb"] > 0 for p in result["processes"])


@pytest.mark.remote
def test_fault_run_short(mini_data_dir: Path, tmp_path: Path) -> None:
    require_oxigraph()
    result = run_script("faults.py", ["--duration", "16", "--workers", "2", "--users", "4", "--store-timeout", "2",
                                      "--freeze", "3"], mini_data_dir, tmp_path / "faults", 150)
    assert set(result["events"]) == {"kill", "restart", "freeze", "resume"}
    assert result["errors_not_clear_problem_json"] == 0
    assert result["errors_slower_than_store_timeout_plus_1s"] == 0
    assert set(result["readyz_while_down"]) == {503}
    assert result["readyz_at_end"] == 200
    # The mix asks for pages of real nations and agreements: on the small graph some are 404 not_found, which is
    # the right answer there, not a fault. Every other error is the store's.
    codes = {key.split()[1] for key in result["errors_by_code"]} - {"not_found"}
    assert codes <= {"store_unavailable", "store_timeout"} and "store_unavailable" in codes
    # back to answers (200, or the small graph's 404) after the restart and after the freeze, never restarted
    resume = result["events"]["resume"]
    after = [row for row in result["timeline"] if row["t_s"] >= resume + 1 and len(row) > 1]
    assert after and all(set(row) <= {"t_s", "200", "404"} for row in after), after
    assert any(row.get("200") for row in after)
    restart, freeze = result["events"]["restart"], result["events"]["freeze"]
    between = [row for row in result["timeline"] if restart + 1 <= row["t_s"] < freeze - 1]
    assert any(row.get("200") for row in between)
