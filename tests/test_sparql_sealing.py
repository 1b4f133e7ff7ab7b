"""The processes that run /sparql queries on the embedded store cannot open a network connection (issue 13, item 1,
defence in depth): even a SERVICE call that a future parser gap let through the guard reaches nothing. Checked
against a listener on 127.0.0.1 that counts connections; the same query run unsealed does connect (so the test
can fail). CI must have the sealing: without it these tests fail there."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from sharaka.errors import SharakaError
from sharaka.sparql.lanes import QueryRunner
from sharaka.sparql.seal import Sealing
from sharaka.sparql.worker import Query
from tests.net_listener import Listener
from tests.sparql_helpers import RESULTS_JSON, result_rows, unchecked

SEAL = Path(__file__).resolve().parent.parent / "sharaka" / "sparql" / "seal.py"


def require_sealing(sealing: Sealing | None) -> None:
    assert sealing is not None, "the workers did not start"
    if not sealing.sealed:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the query workers are not sealed off the network: {sealing.detail}")
        pytest.skip(f"this machine cannot seal processes off the network: {sealing.detail}")


@pytest.fixture(scope="module")
def unguarded(small_graph_file: Path) -> Iterator[QueryRunner]:
    """Real sealed workers whose guard lets everything through (on the small graph)."""
    runner = QueryRunner(small_graph_file, fast_workers=1, slow_workers=1, check=unchecked)
    assert runner.wait_started(120)
    yield runner
    runner.close()


def service_queries(port: int) -> list[str]:
    here = f"http://127.0.0.1:{port}"
    return [f"SELECT * WHERE {{ SERVICE <{here}/sparql> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE SILENT <{here}/x> {{ ?s ?p ?x }} }} }} LIMIT 1",
            f"SELECT * WHERE {{ SERVICE <{here}/a> {{ ?a ?b ?c }} "
            f"SERVICE <http://localhost:{port}/b> {{ ?d ?e ?f }} }}"]


def test_a_service_call_that_passed_the_guard_reaches_nothing(unguarded: QueryRunner, listener: Listener) -> None:
    require_sealing(unguarded.sealing())
    for text in service_queries(listener.port):
        with contextlib.suppress(SharakaError):  # refused or failed: either way, what matters is the listener
            unguarded.run(Query(text, RESULTS_JSON, "text/turtle", None, 20000, None), timeout=10, fast_slice=5)
    time.sleep(0.5)  # a connection on its way would have arrived by now
    assert listener.connections == 0


def test_service_silent_gives_nothing_rather_than_fetching(unguarded: QueryRunner, listener: Listener) -> None:
    require_sealing(unguarded.sealing())
    text = f"SELECT ?s WHERE {{ VALUES ?s {{ 1 }} OPTIONAL {{ SERVICE SILENT <http://127.0.0.1:{listener.port}/> " \
           "{ ?s ?p ?o } } }"
    answer = unguarded.run(Query(text, RESULTS_JSON, "text/turtle", None, 20000, None), timeout=10, fast_slice=5)
    assert result_rows(answer.body, RESULTS_JSON) == [{"s": "1"}]
    assert listener.connections == 0


def test_the_same_call_unsealed_does_connect(listener: Listener) -> None:
    """The control: Oxigraph does make the request when nothing stops it, so the tests above can fail."""
    store = ox.Store()
    with contextlib.suppress(OSError):  # the listener never answers properly
        list(store.query(service_queries(listener.port)[0]))  # type: ignore[call-overload]
    deadline = time.monotonic() + 5
    while listener.connections == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert listener.connections >= 1


def test_readyz_says_how_the_workers_are_sealed(app: Any, client: Any) -> None:
    body = client.get("/readyz").get_json()
    runner = app.extensions["sharaka"].sparql.runner()
    require_sealing(runner.sealing(wait=120))
    status = client.get("/readyz").get_json()["sparql"]
    assert body["status"] == "ready"
    assert status == {"workers": "ready", "sealed": True, "sealing": runner.sealing().method}


CHILD = """
import importlib.util, json, socket, sys
spec = importlib.util.spec_from_file_location("seal", sys.argv[1])
seal = importlib.util.module_from_spec(spec); sys.modules["seal"] = seal; spec.loader.exec_module(seal)
sealing = seal.seal_network()
refused = {}
for name in ("AF_INET", "AF_INET6", "AF_UNIX", "AF_NETLINK", "AF_PACKET"):
    try:
        socket.socket(getattr(socket, name), socket.SOCK_DGRAM if name != "AF_PACKET" else socket.SOCK_RAW).close()
        refused[name] = False
    except OSError:
        refused[name] = True
import os
r, w = os.pipe(); os.write(w, b"x")  # pipes (how workers talk to the service) and files still work
print(json.dumps({"method": sealing.method, "detail": sealing.detail, "refused": refused,
                  "pipe": os.read(r, 1) == b"x", "file": len(open(sys.argv[1]).read()) > 0}))
"""


def _sealed_child(*prefix: str, python: str = sys.executable) -> dict[str, Any]:
    import json

    done = subprocess.run([*prefix, python, "-c", CHILD, str(SEAL)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_a_sealed_process_makes_no_socket_of_any_family() -> None:
    result = _sealed_child()
    require_sealing(Sealing(result["method"], result["detail"]))
    if result["method"] == "seccomp":
        assert all(result["refused"].values()), result["refused"]
    assert result["pipe"] and result["file"]


def test_sealing_works_for_an_unprivileged_user() -> None:
    """The service may run as an ordinary user: seccomp needs no privilege (PR_SET_NO_NEW_PRIVS first)."""
    setpriv, python = shutil.which("setpriv"), "/usr/bin/python3"
    if os.geteuid() != 0 or setpriv is None or not os.access(python, os.X_OK):
        pytest.skip("needs root, setpriv and /usr/bin/python3 to run a child as nobody")
    result = _sealed_child(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", python=python)
    require_sealing(Sealing(result["method"], result["detail"]))
    assert result["refused"]["AF_INET"] and result["refused"]["AF_INET6"]
