"""Markup in questions and in the graph's own names is shown as text on every HTML page; every HTML
response carries the security headers; debug is off and an internal error shows no stack trace.

The pages are built from a small graph whose labels carry <script> and <img onerror> (tests/hostile_graph.py);
the real data is not touched."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from sharaka.settings import Settings
from tests.hostile_graph import (
    AGREEMENT,
    ESCAPED_SCRIPT,
    IMG,
    ORGANIZATION,
    RAW_MARKUP,
    SCRIPT,
    SCRIPT_NATION,
    hostile_store,
)
from tests.test_hostile_input import TRACE

HTML = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}


@pytest.fixture(scope="module")
def hostile_app(settings: Settings) -> Flask:
    from sharaka.service.app import create_app

    return create_app(settings, store=hostile_store())


@pytest.fixture()
def hostile_client(hostile_app: Flask) -> Any:
    return hostile_app.test_client()


def escaped(text: str) -> str:
    """Jinja's escaping of text in an element or a quoted attribute."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
            .replace("'", "&#39;"))


def assert_shown_as_text(body: str, *texts: str) -> None:
    for raw in RAW_MARKUP:
        assert raw not in body, raw
    assert not re.search(r"""href\s*=\s*["']?\s*(?:javascript|data|vbscript):""", body, re.IGNORECASE)
    for text in texts:
        assert escaped(text) in body, text


# (path, texts that page must show escaped)
PAGES = [
    ("/id/nation/XSS", [SCRIPT_NATION, ORGANIZATION, AGREEMENT]),
    ("/id/nation/PAK", [SCRIPT_NATION, AGREEMENT]),  # partners and agreements lists
    ("/id/agreement/curated-xss", [AGREEMENT, SCRIPT_NATION, f"Signed {IMG} and {SCRIPT}"]),
    ("/id/organization/EVIL", [ORGANIZATION, SCRIPT_NATION]),
    ("/graph/hostile", []),
    ("/ontology", []),
    ("/sparql", []),
    ("/api/docs", []),
    ("/.well-known/void", []),
    ("/", []),
]


@pytest.mark.parametrize(("path", "texts"), PAGES, ids=[p for p, _ in PAGES])
def test_names_with_markup_are_escaped_on_every_page(hostile_client: Any, path: str, texts: list[str]) -> None:
    response = hostile_client.get(path, headers=HTML)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert_shown_as_text(body, *texts)
    if SCRIPT_NATION in texts:
        assert ESCAPED_SCRIPT in body


def test_the_check_would_see_raw_markup() -> None:
    with pytest.raises(AssertionError):
        assert_shown_as_text(f"<p>{SCRIPT}</p>")
    with pytest.raises(AssertionError):
        assert_shown_as_text('<a href="javascript:window.__xss=1">x</a>')
    with pytest.raises(AssertionError):
        assert_shown_as_text("<p>Scriptland</p>", SCRIPT_NATION)


def test_a_javascript_source_url_is_not_a_link(hostile_client: Any) -> None:
    """The agreement's sk:sourceUrl is 'javascript:…': shown as text, not as a link (it used to be an href)."""
    body = hostile_client.get("/id/agreement/curated-xss", headers=HTML).get_data(as_text=True)
    assert "javascript:window.__xss=1" in body
    assert 'href="javascript:' not in body


@pytest.mark.parametrize("query", [
    SCRIPT, f'SELECT * WHERE {{ ?s ?p "{SCRIPT}" }}', f"</textarea>{SCRIPT}", f'"><img src=x onerror=alert(1)>{SCRIPT}',
])
def test_the_sparql_editor_shows_a_hostile_query_as_text(hostile_client: Any, query: str) -> None:
    response = hostile_client.get("/sparql", query_string={"query": query}, headers=HTML)
    assert response.status_code == 200 and response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert_shown_as_text(body, query)
    assert body.count("</textarea>") == 1  # the query cannot close the editor's box


@pytest.mark.parametrize("query", [SCRIPT, "\"><script>window.__xss=1</script>"])
def test_the_chat_page_ignores_its_query_parameters(hostile_client: Any, query: str) -> None:
    response = hostile_client.get("/", query_string={"q": query, query: query}, headers=HTML)
    assert response.status_code == 200
    assert_shown_as_text(response.get_data(as_text=True))


def test_a_browser_404_shows_the_path_as_text(hostile_client: Any) -> None:
    response = hostile_client.get("/id/nation/NOPE%3Cscript%3E", headers=HTML)  # not a valid segment: 404
    assert response.status_code == 404
    if response.mimetype == "text/html":
        assert_shown_as_text(response.get_data(as_text=True))
    response = hostile_client.get("/id/nation/XXX", headers=HTML)
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_answers_carry_markup_as_json_text(hostile_client: Any) -> None:
    """The API returns names as JSON strings (the chat puts them in with textContent), as application/json."""
    response = hostile_client.get("/api/v1/answer", query_string={"q": f"partners of {SCRIPT_NATION}"})
    assert response.mimetype == "application/json"
    answer = response.get_json()
    assert answer["status"] == "answered"
    assert SCRIPT_NATION in answer["text"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


# -- security headers on every route -----------------------------------------------------------------------
SAMPLE_ARGUMENTS = {"path": "nation/PAK", "name": "fixture", "key": "PAK", "filename": "css/sharaka.css"}


def _every_route(app: Flask) -> Iterator[tuple[str, str]]:
    for rule in app.url_map.iter_rules():
        arguments = {name: SAMPLE_ARGUMENTS[name] for name in rule.arguments}
        path = rule.build(arguments, append_unknown=False)[1]  # type: ignore[index]
        for method in sorted((rule.methods or set()) - {"OPTIONS", "HEAD"}):
            yield method, path


def _assert_security_headers(response: Any) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert response.headers.get("X-Content-Type-Options") == "nosniff"


def test_every_route_of_the_url_map_is_covered(hostile_app: Flask) -> None:
    paths = {path for _, path in _every_route(hostile_app)}
    assert {"/", "/sparql", "/api/docs", "/api/v1/answer", "/id/nation/PAK", "/graph/fixture", "/ontology"} <= paths


@pytest.mark.parametrize("accept", [HTML["Accept"], "*/*", "application/json"])
def test_every_response_carries_csp_and_nosniff(hostile_app: Flask, accept: str) -> None:
    client = hostile_app.test_client()
    html_seen = 0
    for method, path in _every_route(hostile_app):
        response = client.open(path, method=method, headers={"Accept": accept})
        assert response.status_code < 500, (method, path)
        _assert_security_headers(response)
        html_seen += response.mimetype == "text/html"
    if accept == HTML["Accept"]:
        assert html_seen >= 6  # the chat, editor, docs, void and resource pages


@pytest.mark.parametrize(("method", "path"), [
    ("GET", "/no/such/page"), ("GET", "/id/nation/XXX"), ("DELETE", "/api/v1/answer"), ("PUT", "/sparql"),
    ("POST", "/api/docs"), ("GET", "/graph/NoSuchGraph"),
])
def test_error_responses_carry_the_headers_too(hostile_client: Any, method: str, path: str) -> None:
    response = hostile_client.open(path, method=method, headers=HTML)
    assert response.status_code in (404, 405)
    _assert_security_headers(response)
    assert response.mimetype in ("text/html", "application/problem+json")


# -- debug off, no stack traces ---------------------------------------------------------------------------
def test_debug_is_off(app: Flask) -> None:
    assert app.debug is False
    assert not app.config.get("PROPAGATE_EXCEPTIONS")
    assert not app.testing


SECRET = "secret-internal-detail-42"


@pytest.mark.parametrize("endpoint", ["api.questions", "chat.page", "linked_data.resource", "sparql.endpoint"])
def test_an_internal_error_is_a_problem_without_a_traceback(hostile_app: Flask, monkeypatch: pytest.MonkeyPatch,
                                                             endpoint: str) -> None:
    def broken(**_: Any) -> Any:
        raise RuntimeError(SECRET + ' File "/srv/app.py", line 1')

    monkeypatch.setitem(hostile_app.view_functions, endpoint, broken)
    path = {"api.questions": "/api/v1/questions", "chat.page": "/", "linked_data.resource": "/id/nation/PAK",
            "sparql.endpoint": "/sparql?query=ASK%7B%7D"}[endpoint]
    response = hostile_app.test_client().get(path, headers=HTML)
    assert response.status_code == 500
    assert response.mimetype == "application/problem+json"
    body = response.get_data(as_text=True)
    assert response.get_json()["code"] == "internal_error"
    assert SECRET not in body and not TRACE.search(body)
    _assert_security_headers(response)


def test_flask_debug_in_the_environment_does_not_turn_debug_on(settings: Settings, monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    """FLASK_DEBUG=1 made create_app() a debug app, and `sharaka serve` start Werkzeug's interactive
    debugger (a Python console for anyone who can make an error escape the handlers) and its reloader."""
    import argparse

    import sharaka.service.app as service_app
    import sharaka.service.server as server
    from sharaka.cli import commands

    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = service_app.create_app(settings, store=hostile_store())
    assert app.debug is False
    served: dict[str, Any] = {}
    monkeypatch.setattr(server, "listen", lambda *_args, **_kw: None)
    monkeypatch.setattr(server, "serve", lambda app, *args, **_kw: served.update(app=app) or 0)
    monkeypatch.setattr(service_app, "create_app", lambda *_args, **_kw: app)
    try:
        assert commands.cmd_serve(argparse.Namespace(dev=False), settings) == 0
    finally:
        app.extensions["sharaka"].close()
    # the production server is waitress (service/server.py), which has neither a debugger nor a reloader
    assert served["app"] is app and app.debug is False
