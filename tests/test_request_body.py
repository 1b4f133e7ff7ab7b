"""A body without a Content-Length (chunked) is held to max_request_bytes with a 413 problem, on any server
(issue 13, item 8: a 2 MB chunked body was cut at 1 MiB and refused with a 400). `sharaka serve` itself is
tested in tests/test_serve_front.py; this is the app under any other WSGI server."""

from __future__ import annotations

import io
import json

import pytest

LIMIT = 1048576
POSTS = [("/sparql", "application/x-www-form-urlencoded"), ("/sparql", "application/sparql-query"),
         ("/api/v1/answer", "application/json")]


def chunked_post(client, path: str, content_type: str, body: bytes):  # type: ignore[no-untyped-def]
    # Transfer-Encoding: chunked overrides the Content-Length the test client adds (RFC 9112 6.3).
    return client.post(path, input_stream=io.BytesIO(body), environ_overrides={"wsgi.input_terminated": True},
                       headers={"Content-Type": content_type, "Transfer-Encoding": "chunked"})


@pytest.mark.parametrize(("path", "content_type"), POSTS)
def test_a_chunked_body_over_the_limit_gets_413(client, path: str, content_type: str) -> None:  # type: ignore[no-untyped-def]
    response = chunked_post(client, path, content_type, b"query=" + b"a" * (2 * LIMIT))
    assert response.status_code == 413 and response.mimetype == "application/problem+json"
    problem = json.loads(response.data)
    assert problem["code"] == "payload_too_large" and problem["setting"] == "max_request_bytes"
    assert problem["limit"] == LIMIT


def test_a_chunked_body_of_exactly_the_limit_is_read_whole(client) -> None:  # type: ignore[no-untyped-def]
    response = chunked_post(client, "/sparql", "application/sparql-query", b"a" * LIMIT)
    problem = json.loads(response.data)
    assert response.status_code == 400 and problem["code"] == "query_too_long"
    assert f"{LIMIT:,} characters" in problem["detail"]  # all of it was read, not cut


def test_a_small_chunked_query_is_answered(client) -> None:  # type: ignore[no-untyped-def]
    response = chunked_post(client, "/sparql", "application/x-www-form-urlencoded", b"query=ASK%7B%7D")
    assert response.status_code == 200 and json.loads(response.data)["boolean"] is True
