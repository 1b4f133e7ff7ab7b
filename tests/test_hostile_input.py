"""Hostile input on every user-facing parameter of every route: never a 5xx, every 4xx a problem+json of
the documented shape, never a stack trace, and text typed by a user never changes a query.

One table of hostile strings × one table of the places a user can put text (query parameters, JSON and
form bodies, paths, headers), plus raw bytes that are not UTF-8 and percent-encodings that decode to none."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

import sharaka
from sharaka.errors import PROBLEM_TYPE_BASE
from sharaka.qa.engine import QAEngine
from sharaka.queries import VALUES_MARKER, load_templates
from tests.hostile_graph import INJECTION, INJECTION_NATION, hostile_store

PROBLEM_KEYS = {"type", "title", "status", "detail", "code"}
# Stack trace text: the traceback header, a frame line, or a path into our code or the installed packages.
TRACE = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+|site-packages|"
                   + re.escape(str(Path(sharaka.__file__).resolve().parent.parent)))

HOSTILE: dict[str, str] = {
    "double quote": '"',
    "single quote": "'",
    "backslash": "\\",
    "literal \\u0022": "\\u0022",
    "literal \\U00000022": "\\U00000022",
    "close brace": "}",
    "open brace": "{",
    "hash": "#",
    "newline": "\n",
    "CR LF": "\r\n",
    "NUL": "\x00",
    "RTL override": "\u202e",
    "RTL mark": "\u200f",
    "emoji": "😀",
    "ZWJ family": "👨\u200d👩\u200d👧\u200d👦",
    "drop all": '"}; DROP ALL; #',
    "IRI break-out": "> <http://evil/>",
    "service": "} SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }",
    "markup": "<script>window.__xss=1</script><img src=x onerror=alert(1)>",
    "100 KB": "x" * 100_000,
}
IDS = list(HOSTILE)
# Percent-encodings and bytes that do not decode to UTF-8 text (or decode to NUL, a surrogate, RTL).
RAW_VALUES = ["%FF", "%00", "%C3%28", "%ED%A0%80", "%F4%90%80%80", "%", "%zz", "%E2%80%AE", "\xff", "a%0Ab"]

Client = Any
Send = Callable[[Client, str], Any]


def _accept_header(text: str) -> dict[str, str]:
    # A header value cannot carry a line break (the transport refuses it before we see it).
    return {"Accept": text.replace("\r", " ").replace("\n", " ")}


# Every place a user can put text: (name, how to send a text there).
PLACES: dict[str, Send] = {
    "answer GET q": lambda c, t: c.get("/api/v1/answer", query_string={"q": t}),
    "answer GET q in a question": lambda c, t: c.get(
        "/api/v1/answer", query_string={"q": f"Which countries has Pakistan{t} signed defence pacts with?"}),
    "answer POST JSON": lambda c, t: c.post("/api/v1/answer", json={"question": t}),
    "answer POST form": lambda c, t: c.post("/api/v1/answer", data={"question": t}),
    "answer POST JSON, text as a key": lambda c, t: c.post("/api/v1/answer", json={t: t}),
    "questions": lambda c, t: c.get("/api/v1/questions", query_string={"q": t}),
    "entities prefix": lambda c, t: c.get("/api/v1/entities", query_string={"prefix": t}),
    "entities type": lambda c, t: c.get("/api/v1/entities", query_string={"prefix": "pak", "type": t}),
    "entities limit": lambda c, t: c.get("/api/v1/entities", query_string={"prefix": "pak", "limit": t}),
    "nation key": lambda c, t: c.get("/api/v1/nations/" + quote(t, safe="")),
    "sparql query": lambda c, t: c.get("/sparql", query_string={"query": t}),
    "sparql query literal": lambda c, t: c.get(
        "/sparql", query_string={"query": f'ASK {{ ?s ?p "{t}" }}'}),
    "sparql default-graph-uri": lambda c, t: c.get(
        "/sparql", query_string={"query": "ASK {}", "default-graph-uri": t}),
    "sparql named-graph-uri": lambda c, t: c.get(
        "/sparql", query_string={"query": "ASK {}", "named-graph-uri": t}),
    "sparql format": lambda c, t: c.get("/sparql", query_string={"query": "ASK {}", "format": t}),
    "sparql Accept": lambda c, t: c.get("/sparql", query_string={"query": "ASK {}"}, headers=_accept_header(t)),
    "sparql POST form": lambda c, t: c.post("/sparql", data={"query": t}),
    "sparql POST direct": lambda c, t: c.post("/sparql", data=t.encode(), content_type="application/sparql-query"),
    "sparql editor": lambda c, t: c.get("/sparql", query_string={"query": t}, headers={"Accept": "text/html"}),
    "id path": lambda c, t: c.get("/id/nation/" + quote(t, safe="")),
    "id kind": lambda c, t: c.get("/id/" + quote(t, safe="") + "/PAK"),
    "graph name": lambda c, t: c.get("/graph/" + quote(t, safe="")),
    "id format": lambda c, t: c.get("/id/nation/PAK", query_string={"format": t}),
    "id Accept": lambda c, t: c.get("/id/nation/PAK", headers=_accept_header(t)),
    "chat page": lambda c, t: c.get("/", query_string={"q": t}),
    "api docs": lambda c, t: c.get("/api/docs", query_string={"x": t}),
    "request id": lambda c, t: c.get("/healthz", headers={"X-Request-Id": t.replace("\r", "").replace("\n", "")}),
}


def check_response(response: Any) -> None:
    """Never a 5xx, never a stack trace; a 4xx is problem+json with the documented members."""
    body = response.get_data(as_text=True)
    assert response.status_code < 500, body[:500]
    assert not TRACE.search(body), body[:500]
    if response.status_code >= 400:
        if response.mimetype == "text/html":  # linked data answers a browser's 404 with a page
            assert response.status_code == 404
            return
        assert response.mimetype == "application/problem+json", (response.status_code, response.mimetype)
        problem = json.loads(body)
        assert problem.keys() >= PROBLEM_KEYS
        assert problem["status"] == response.status_code
        assert problem["type"] == PROBLEM_TYPE_BASE + problem["code"]
        assert isinstance(problem["detail"], str) and problem["detail"]


@pytest.mark.parametrize("place", list(PLACES))
def test_hostile_strings_everywhere(client: Client, place: str) -> None:
    send = PLACES[place]
    for name, text in HOSTILE.items():
        response = send(client, text)
        try:
            check_response(response)
        except AssertionError as exc:
            raise AssertionError(f"{place} ← {name}: {exc}") from None


@pytest.mark.parametrize("value", RAW_VALUES)
@pytest.mark.parametrize("target", [
    "/api/v1/answer?q=", "/api/v1/entities?prefix=", "/api/v1/entities?type=", "/api/v1/entities?limit=",
    "/sparql?query=", "/sparql?query=ASK%7B%7D&default-graph-uri=", "/sparql?query=ASK%7B%7D&named-graph-uri=",
    "/sparql?query=ASK%7B%7D&format=", "/?q=", "/id/nation/PAK?format=",
])
def test_bytes_that_are_not_utf8_in_a_query_string(client: Client, target: str, value: str) -> None:
    path, _, query = target.partition("?")
    # A str query string goes to the app as it is: no re-quoting of '%' by the test client.
    check_response(client.get(path, query_string=query + value))
    check_response(client.get(path, query_string=query + value, headers={"Accept": "text/html"}))


@pytest.mark.parametrize("value", RAW_VALUES)
@pytest.mark.parametrize("prefix", ["/id/nation/", "/id/", "/graph/", "/api/v1/nations/"])
def test_bytes_that_are_not_utf8_in_a_path(client: Client, prefix: str, value: str) -> None:
    check_response(client.get(prefix + value))


@pytest.mark.parametrize("body", [b"q=%FF", b"query=%FF", b"query=%ED%A0%80", b"\xff\xfe", b"query=ASK%7B%7D%00"])
def test_bytes_that_are_not_utf8_in_a_form_body(client: Client, body: bytes) -> None:
    for url in ("/api/v1/answer", "/sparql"):
        check_response(client.post(url, data=body, content_type="application/x-www-form-urlencoded"))
    check_response(client.post("/sparql", data=body, content_type="application/sparql-query"))


@pytest.mark.parametrize(("body", "code"), [
    (b"{", "bad_request"),
    (b"", "bad_request"),
    (b"[1]", "bad_request"),
    (b'"Is Turkey in NATO?"', "bad_request"),
    (b"null", "bad_request"),
    (b"\xff\xfe\xfd", "bad_request"),
    (b'{"question": 1}', "invalid_question"),
    (b'{"question": 1.5e308}', "invalid_question"),
    (b'{"question": ["Is Turkey in NATO?"]}', "invalid_question"),
    (b'{"question": null}', "invalid_question"),
    (b'{"question": {"text": "Is Turkey in NATO?"}}', "invalid_question"),
    (b'{"question": true}', "invalid_question"),
    (b'{"question": "   "}', "invalid_question"),
    (b'{"q": "Is Turkey in NATO?"}', "invalid_question"),
    # Lone surrogates: JSON can carry them, UTF-8 cannot; they used to reach the response encoder (500).
    (b'{"question": "\\ud800"}', "invalid_question"),
    (b'{"question": "Is Turkey in NATO?\\udfff"}', "invalid_question"),
    # Deeper than the parser's stack: RecursionError, which get_json(silent=True) did not silence (500).
    (b"[" * 100_000 + b"]" * 100_000, "bad_request"),
    (b'{"question": ' + b"[" * 50_000 + b"]" * 50_000 + b"}", "bad_request"),
    (b'{"question": 1' + b"0" * 5000 + b"}", "bad_request"),  # longer than int() will parse
])
def test_malformed_and_mistyped_json_bodies(client: Client, body: bytes, code: str) -> None:
    response = client.post("/api/v1/answer", data=body, content_type="application/json")
    check_response(response)
    assert response.status_code == 400
    assert response.get_json()["code"] == code


@pytest.mark.parametrize("content_type", ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data",
                                          "application/xml", ""])
def test_an_answer_post_that_is_not_json_is_415(client: Client, content_type: str) -> None:
    response = client.post("/api/v1/answer", data=b"question=Is+Turkey+in+NATO%3F", content_type=content_type)
    check_response(response)
    assert response.status_code == 415


def test_head_answers_like_get(client: Client) -> None:
    """HEAD used to take the POST branch and answer 415."""
    get = client.get("/api/v1/answer", query_string={"q": "Is Turkey in NATO?"})
    head = client.head("/api/v1/answer", query_string={"q": "Is Turkey in NATO?"})
    assert (head.status_code, head.mimetype) == (get.status_code, get.mimetype) == (200, "application/json")
    assert head.get_data() == b""


@pytest.mark.parametrize("limit", [" 5", "5 ", "1_0", "\uff15", "\u0665", "+5", "5.0", "0x5", "5\n"])
def test_entities_limit_is_a_plain_whole_number(client: Client, limit: str) -> None:
    """int() accepts all of these (spaces, underscores, other scripts' digits); the contract says integer."""
    response = client.get("/api/v1/entities", query_string={"prefix": "pak", "limit": limit})
    check_response(response)
    assert response.status_code == 400


@pytest.mark.parametrize("key", ["PAK\n", "cow-\u0663\u0664\u0665", "PAK%0A"])
def test_nation_key_with_a_final_newline_or_other_digits_is_refused(client: Client, key: str) -> None:
    response = client.get("/api/v1/nations/" + quote(key, safe=""))
    check_response(response)
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/graph/atop%0A", "/graph/atop%0A?format=turtle", "/id/nation/PAK%0A"])
@pytest.mark.parametrize("accept", ["text/html", "text/turtle", "*/*"])
def test_a_final_newline_in_a_resource_path_is_not_found(client: Client, path: str, accept: str) -> None:
    """'$' in the path patterns let 'atop\\n' through; the IRI it made was refused at binding (500)."""
    response = client.get(path, headers={"Accept": accept})
    check_response(response)
    assert response.status_code == 404


def test_a_newline_in_a_path_cannot_forge_an_access_log_line(client: Client,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("INFO", logger="sharaka.access"):
        client.get("/graph/x%0A2026-01-01 00:00:00 INFO sharaka.access: forged")
    lines = [r.getMessage() for r in caplog.records if r.name == "sharaka.access"]
    assert lines and all("\n" not in line for line in lines)
    assert any("x\\x0a2026" in line for line in lines)


# -- never change a query -------------------------------------------------------------------------------
TEMPLATES = {t.id: t for t in load_templates()}
_VALUES_BLOCK = re.compile(r"VALUES \(([?\w ]+)\) \{\n((?:    \([^\n]*\)\n)*)  \}")
_TERM = r"(?:<https://w3id\.org/sharaka/[^\s<>\"{}|^`\\]+>|-?\d{1,6}|true|false|UNDEF)"
_ROW = re.compile(rf"    \({_TERM}(?: {_TERM})*\)")
_LIMIT = re.compile(r"LIMIT \d+")


def assert_template_with_values_only(sparql: str, template_id: str) -> None:
    """The executed query is its template's text: some `# if` lines dropped, a LIMIT maybe changed, and the
    VALUES marker replaced by a block of graph IRIs and numbers. Nothing else."""
    template = TEMPLATES[template_id]
    block = _VALUES_BLOCK.search(sparql)
    rest = sparql
    if VALUES_MARKER in template.query:
        assert block is not None, sparql
        for row in block.group(2).splitlines():
            assert _ROW.fullmatch(row), row
        rest = sparql[:block.start()] + VALUES_MARKER + sparql[block.end():]
    template_lines = template.query.split("\n")
    position = 0
    for line in rest.split("\n"):  # every line, in order, is a line of the template
        while position < len(template_lines) and _LIMIT.sub("LIMIT n", template_lines[position]) != _LIMIT.sub(
                "LIMIT n", line):
            position += 1
        assert position < len(template_lines), f"not a template line: {line!r}"
        position += 1


HOSTILE_FRAGMENTS = ["DROP", "evil", "SERVICE", "\\u0022", "\\U00000022", "<script", "\x00", "\u202e", "😀"]


@pytest.mark.parametrize("name", [n for n in IDS if n != "100 KB"])
def test_hostile_text_in_an_answered_question_never_reaches_the_query(client: Client, name: str) -> None:
    question = f"Which countries has Pakistan{HOSTILE[name]} signed defence pacts with since 2000?"
    for response in (client.get("/api/v1/answer", query_string={"q": question}),
                     client.post("/api/v1/answer", json={"question": question})):
        check_response(response)
        answer = response.get_json()
        if answer["sparql"] is None:
            continue
        assert_template_with_values_only(answer["sparql"], answer["template"])
        for fragment in HOSTILE_FRAGMENTS:
            assert fragment not in answer["sparql"]


def test_the_query_check_itself_catches_a_changed_query() -> None:
    """The check above could fail: a stray line or a literal in the VALUES block is caught."""
    engine_sparql = TEMPLATES["partners"].query.replace(
        VALUES_MARKER, "VALUES (?nation) {\n    (<https://w3id.org/sharaka/id/nation/PAK>)\n  }")
    assert_template_with_values_only(engine_sparql, "partners")
    with pytest.raises(AssertionError):
        assert_template_with_values_only(engine_sparql.replace("WHERE {", "WHERE { ?s ?p ?o ."), "partners")
    with pytest.raises(AssertionError):
        assert_template_with_values_only(engine_sparql.replace("(<https", '("x" <https'), "partners")


# -- names that carry the hostile characters, in the graph itself --------------------------------------
@pytest.fixture(scope="module")
def hostile_engine() -> QAEngine:
    return QAEngine(hostile_store())


@pytest.mark.parametrize("question", [f"Who are {INJECTION_NATION}'s partners?", f"partners of {INJECTION_NATION}",
                                      "Who are Pakistan's partners?"])
def test_a_name_with_sparql_in_it_is_bound_as_an_iri(hostile_engine: QAEngine, question: str) -> None:
    answer = hostile_engine.answer(question)
    assert answer.status == "answered" and answer.sparql is not None
    assert_template_with_values_only(answer.sparql, answer.template or "")
    assert INJECTION not in answer.sparql and "DROP" not in answer.sparql
    # The name comes back from the graph intact, as data.
    labels = {item["label"] for item in answer.answers} | {answer.text}
    assert any(INJECTION_NATION in label for label in labels)


def test_the_hostile_name_is_linked_to_its_nation(hostile_engine: QAEngine) -> None:
    answer = hostile_engine.answer(f"partners of {INJECTION_NATION}")
    assert answer.bindings["nation"] == ["https://w3id.org/sharaka/id/nation/DRP"]
    assert {item["label"] for item in answer.answers} >= {"Pakistan"}


def test_lone_surrogates_are_an_invalid_question_for_the_engine(hostile_engine: QAEngine) -> None:
    from sharaka.errors import InvalidQuestion

    with pytest.raises(InvalidQuestion):
        hostile_engine.answer("partners of Pakistan\udc80")  # what argv makes of an undecodable byte
