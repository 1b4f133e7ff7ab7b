"""`sharaka serve` against slow and hostile clients (issue 13, items 4 and 8), as a real process on 127.0.0.1:
hundreds of slow-header and idle connections do not slow /healthz or an answer; the server's timeouts close
trickling, idle and silent connections when their settings say; bodies and headers over their limits get a
problem+json (413, 431), a chunked body too. On the small hand-made graph (tests/mini_data.py): the
server is what is tested."""

from __future__ import annotations

import json
import socket
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from sharaka.benchmarks.server_process import sharaka_server
from sharaka.benchmarks.slow_clients import Plan, run_attack
from tests.mini_data import OIC_MEMBERS_QUESTION

ANSWER_PATH = "/api/v1/answer?q=" + urllib.parse.quote_plus(OIC_MEMBERS_QUESTION)

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def tight_server(mini_data_dir: Path) -> Iterator[int]:
    """`sharaka serve` with short timeouts, so that the test sees them act."""
    env = {"SHARAKA_RATE_LIMIT": "0", "SHARAKA_LOG_LEVEL": "WARNING", "SHARAKA_IDLE_TIMEOUT": "3",
           "SHARAKA_REQUEST_READ_TIMEOUT": "5", "SHARAKA_TRUSTED_PROXIES": "1"}
    with sharaka_server(2, env, mini_data_dir) as url:
        yield int(url.rsplit(":", 1)[1])


def test_200_slow_header_and_200_idle_connections_do_not_slow_the_service(mini_data_dir: Path) -> None:
    env = {"SHARAKA_RATE_LIMIT": "0", "SHARAKA_LOG_LEVEL": "WARNING"}
    with sharaka_server(2, env, mini_data_dir) as url:
        plan = Plan(slow=200, idle=200, duration_s=15, answer_path=ANSWER_PATH)
        result = run_attack("127.0.0.1", int(url.rsplit(":", 1)[1]), plan)
    assert result["connections"]["slow"]["opened"] == 200 and result["connections"]["idle"]["opened"] == 200
    # The attack held through the probes: the default timeouts (15 s idle, 30 s per request) had not struck yet.
    assert result["connections"]["slow"]["closed_by_server"] == 0
    for kind in ("healthz", "answer"):
        probes = result["probes"][kind]
        assert probes["n"] >= 6 and probes["ok"] == probes["n"], result["probes"]
        assert probes["max_ms"] < 1000


def test_the_server_closes_trickling_idle_and_silent_connections_at_their_settings(tight_server: int) -> None:
    plan = Plan(idle=20, slow=20, silent=20, slow_body=20, duration_s=9, trickle_s=1.0, answer_path=ANSWER_PATH)
    result = run_attack("127.0.0.1", tight_server, plan)
    assert result["verdict"] == "PASS", result["probes"]
    closed = result["connections"]
    # idle_timeout 3 s: silence (keep-alive or never a byte) is closed after 3 s, checked every second.
    for kind in ("idle", "silent"):
        assert closed[kind]["closed_by_server"] == 20, closed
        first, _, last = closed[kind]["closed_after_s"]
        assert first >= 3 and last <= 5.5, closed[kind]
    # request_read_timeout 5 s: a request still arriving byte by byte is cut after 5 s, headers or body alike
    # (its inactivity never reaches idle_timeout: a byte comes every 0.5-1.5 s).
    for kind in ("slow", "slow_body"):
        assert closed[kind]["closed_by_server"] == 20, closed
        first, _, last = closed[kind]["closed_after_s"]
        assert first >= 5 and last <= 7.5, closed[kind]


def exchange(port: int, request: bytes, read_s: float = 20.0) -> tuple[int, dict[str, str], bytes]:
    """Send raw bytes; the response's status, headers and body (read until the server closes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=read_s) as sock:
        sock.sendall(request)  # the whole of it: a server that refuses early still reads the rest (lingering close)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def chunked(body: bytes, size: int = 65536) -> bytes:
    parts = [b"%x\r\n%s\r\n" % (len(body[i:i + size]), body[i:i + size]) for i in range(0, len(body), size)]
    return b"".join(parts) + b"0\r\n\r\n"


TWO_MB = b"query=" + b"a" * (2 * 1024 * 1024)


@pytest.mark.parametrize("framing", ["chunked", "content-length"])
def test_a_2_mb_body_gets_413_naming_the_setting(tight_server: int, framing: str) -> None:
    head = b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    if framing == "chunked":
        request = head + b"Transfer-Encoding: chunked\r\n\r\n" + chunked(TWO_MB)
    else:
        request = head + b"Content-Length: %d\r\n\r\n" % len(TWO_MB) + TWO_MB
    status, headers, body = exchange(tight_server, request)
    assert status == 413 and headers["content-type"] == "application/problem+json"
    problem = json.loads(body)
    assert problem["code"] == "payload_too_large" and problem["setting"] == "max_request_bytes"
    assert problem["limit"] == 1048576 and "1,048,576 bytes" in problem["detail"]


def test_a_body_just_under_the_limit_is_read_whole(tight_server: int) -> None:
    """Near-miss: 1 MiB exactly, chunked, reaches the app (which says the query is too long: it read it all)."""
    body = b"query=" + b"a" * (1048576 - 6)
    request = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
               b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + chunked(body))
    status, _, response = exchange(tight_server, request)
    problem = json.loads(response)
    assert status == 400 and problem["code"] == "query_too_long"
    assert "1,048,570 characters" in problem["detail"]


def test_headers_over_the_limit_get_431(tight_server: int) -> None:
    request = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 70000 + b"\r\n\r\n"
    status, headers, body = exchange(tight_server, request)
    assert status == 431 and headers["content-type"] == "application/problem+json"
    assert json.loads(body)["setting"] == "max_header_bytes"


def test_a_malformed_request_gets_a_problem(tight_server: int) -> None:
    status, headers, body = exchange(tight_server, b"GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n")
    assert status == 400 and headers["content-type"] == "application/problem+json"
    assert json.loads(body)["code"] == "bad_request"


@pytest.mark.parametrize(("forwarded", "starts"), [
    (b"X-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: sharaka.example.org\r\n",
     "https://sharaka.example.org/?q="),
    (b"", "http://127.0.0.1:{port}/?q="),
])
def test_permalinks_behind_a_trusted_proxy(tight_server: int, forwarded: bytes, starts: str) -> None:
    """The server passes the proxy's headers on to the app (waitress alone would drop them)."""
    request = (b"GET " + ANSWER_PATH.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1:"
               + str(tight_server).encode() + b"\r\n" + forwarded + b"Connection: close\r\n\r\n")
    status, _, body = exchange(tight_server, request)
    assert status == 200
    assert json.loads(body)["permalink"].startswith(starts.format(port=tight_server))
