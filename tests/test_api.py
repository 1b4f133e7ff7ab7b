"""The JSON answer API, the operations routes and the error contract, through Flask's test client."""

from __future__ import annotations

import json

import pytest

from sharaka.errors import PROBLEM_TYPE_BASE
from sharaka.service.openapi import openapi_spec

PROBLEM_KEYS = {"type", "title", "status", "detail", "code", "instance"}


def assert_problem(response, status: int, code: str) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    problem = json.loads(response.get_data(as_text=True))
    assert set(problem) >= PROBLEM_KEYS
    assert problem["status"] == status and problem["code"] == code
    assert problem["type"] == PROBLEM_TYPE_BASE + code
    assert "Traceback" not in response.get_data(as_text=True)
    return problem  # type: ignore[no-any-return]


def test_answer_get(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/answer", query_string={"q": "Is Pakistan a member of the OIC?"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert body["status"] == "answered" and body["value"] is True and body["template"] == "members"
    assert body["sparql"].startswith("PREFIX")


def test_answer_post_gives_the_same_answer_as_get(client) -> None:  # type: ignore[no-untyped-def]
    question = "Which countries has Pakistan signed defence pacts with since 2000?"
    got = client.get("/api/v1/answer", query_string={"q": question}).get_json()
    posted = client.post("/api/v1/answer", json={"question": question}).get_json()
    for key in ("status", "text", "answers", "template", "bindings", "sparql", "sources"):
        assert got[key] == posted[key]
    # a defence pact is an alliance with a defence obligation (docs/semantics.md, round two): atop:5060 (China,
    # 2005) has none (atop5_1a.csv: defense 0, nonagg 1); the curated Saudi–Pakistan Strategic Mutual
    # Defence Agreement (2025) is a strategic partnership that is also a defence pact (also_kinds)
    assert [a["iso3"] for a in got["answers"]] == ["SAU"]


def test_answer_keeps_arabic_text_readable(client) -> None:  # type: ignore[no-untyped-def]
    question = "Which countries has باكستان signed defence pacts with?"
    response = client.get("/api/v1/answer", query_string={"q": question})
    assert "باكستان" in response.get_data(as_text=True)  # not \\u escapes
    assert response.get_json()["status"] == "answered"


@pytest.mark.parametrize(("kwargs", "status", "code"), [
    ({"method": "GET", "path": "/api/v1/answer"}, 400, "invalid_question"),
    ({"method": "GET", "path": "/api/v1/answer?q=%20%20"}, 400, "invalid_question"),
    ({"method": "GET", "path": "/api/v1/answer?q=" + "x" * 501}, 400, "invalid_question"),
    ({"method": "POST", "path": "/api/v1/answer", "data": "q", "content_type": "text/plain"}, 415,
     "unsupported_media_type"),
    ({"method": "POST", "path": "/api/v1/answer", "data": "{not json", "content_type": "application/json"}, 400,
     "bad_request"),
    ({"method": "POST", "path": "/api/v1/answer", "json": ["a list"]}, 400, "bad_request"),
    ({"method": "POST", "path": "/api/v1/answer", "json": {"question": 42}}, 400, "invalid_question"),
    ({"method": "POST", "path": "/api/v1/answer", "json": {"q": "wrong key"}}, 400, "invalid_question"),
    ({"method": "DELETE", "path": "/api/v1/answer"}, 405, "method_not_allowed"),
    ({"method": "GET", "path": "/api/v1/nope"}, 404, "not_found"),
    ({"method": "GET", "path": "/api/v1/entities?prefix=a&type=planet"}, 400, "bad_request"),
    ({"method": "GET", "path": "/api/v1/entities?prefix=a&limit=0"}, 400, "bad_request"),
    ({"method": "GET", "path": "/api/v1/entities?prefix=a&limit=x"}, 400, "bad_request"),
    ({"method": "GET", "path": "/api/v1/nations/pak"}, 400, "bad_request"),
    ({"method": "GET", "path": "/api/v1/nations/XYZ"}, 404, "not_found"),
    ({"method": "POST", "path": "/api/v1/answer", "data": "x" * (2 << 20), "content_type": "application/json"},
     413, "payload_too_large"),
])
def test_bad_requests_are_problems(client, kwargs: dict, status: int, code: str) -> None:  # type: ignore[no-untyped-def]
    method = kwargs.pop("method")
    path = kwargs.pop("path")
    response = client.open(path, method=method, **kwargs)
    problem = assert_problem(response, status, code)
    assert problem["instance"] == path.split("?")[0]


def test_method_not_allowed_says_what_is_allowed(client) -> None:  # type: ignore[no-untyped-def]
    response = client.delete("/api/v1/questions")
    assert_problem(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_questions_lists_every_type_with_examples(client) -> None:  # type: ignore[no-untyped-def]
    types = client.get("/api/v1/questions").get_json()["question_types"]
    assert len(types) >= 12  # query shapes (docs/question-answering.md)
    assert all(len(t["examples"]) >= 3 and t["slots"] is not None for t in types)


@pytest.mark.parametrize(("prefix", "kind", "label"), [
    ("pak", None, "Pakistan"),
    ("Türk", "nation", "Turkey"),
    ("باكس", None, "Pakistan"),
    ("organisation of isl", "organization", "Organisation of Islamic Cooperation"),
    ("shusha", "agreement", "Shusha Declaration on Allied Relations"),
])
def test_entities_autocomplete(client, prefix: str, kind: str | None, label: str) -> None:  # type: ignore[no-untyped-def]
    params = {"prefix": prefix, **({"type": kind} if kind else {})}
    body = client.get("/api/v1/entities", query_string=params).get_json()
    labels = [item["label"] for item in body["items"]]
    assert label in labels
    assert all(kind is None or item["type"] == kind for item in body["items"])


def test_entities_limit_and_truncation(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/v1/entities", query_string={"prefix": "s", "limit": 3}).get_json()
    assert len(body["items"]) == 3 and body["truncated"] is True


def test_nation_summary(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/v1/nations/PAK").get_json()
    nation = body["nation"]
    assert nation["iso3"] == "PAK" and nation["labels"]["ar"] == "باكستان" and nation["labels"]["fr"] == "Pakistan"
    assert "Organisation of Islamic Cooperation" in {o["label"] for o in nation["organizations"]}
    kinds = {k["label"]: k for k in body["by_kind"]}
    # alliances: ATOP's with China, Turkey … ; defence pacts (a defence obligation): not atop:5060 (China, a
    # non-aggression pact) nor 3255 (Turkey, consultation), but SEATO's and the 2025 Saudi agreement
    assert {"SAU", "CHN", "TUR", "USA"} <= {p["iso3"] for p in kinds["alliance"]["partners"]}
    pacts = {p["iso3"] for p in kinds["defence pact"]["partners"]}
    assert {"SAU", "USA"} <= pacts and not {"CHN", "TUR"} & pacts
    # An agreement counts under each of its kinds (an ATOP alliance is an alliance and, say, a defence pact).
    assert max(k["agreements"] for k in body["by_kind"]) <= body["agreements"] <= sum(
        k["agreements"] for k in body["by_kind"])


def test_historical_nation_summary(client) -> None:  # type: ignore[no-untyped-def]
    body = client.get("/api/v1/nations/cow-345").get_json()
    assert body["nation"]["label"] == "Yugoslavia" and body["agreements"] > 0


def test_openapi_describes_every_api_route(client, app) -> None:  # type: ignore[no-untyped-def]
    spec = client.get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    api_rules = {r.rule.replace("<key>", "{key}") for r in app.url_map.iter_rules() if r.rule.startswith("/api/v1/")}
    assert api_rules <= set(spec["paths"])
    assert spec == openapi_spec()
    assert set(spec["components"]["schemas"]["Answer"]["properties"]) >= {
        "question", "status", "text", "answers", "template", "score", "bindings", "sparql", "sources",
        "suggestions", "dataset_version", "elapsed_ms"}


def test_api_docs_page(client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/api/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    assert "/api/v1/answer" in page.get_data(as_text=True)


def test_cors_on_machine_routes_only(client) -> None:  # type: ignore[no-untyped-def]
    api = client.get("/api/v1/questions", headers={"Origin": "https://example.org"})
    assert api.headers["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/v1/answer", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Content-Type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Origin" not in client.get("/healthz").headers


def test_every_response_has_csp_and_a_request_id(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/healthz", headers={"X-Request-Id": "abc-123"})
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Request-Id"] == "abc-123"
    forged = client.get("/healthz", headers={"X-Request-Id": "<script>alert(1)</script>"})
    assert forged.headers["X-Request-Id"] != "<script>alert(1)</script>"
    assert len(forged.headers["X-Request-Id"]) == 16


def test_ops_routes(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz").get_json()
    assert ready["status"] == "ready" and ready["store"] == "memory"
    version = client.get("/version").get_json()
    assert version["triples"] > 200_000 and len(version["dataset_version"]) == 12
    assert {s["dataset"] for s in version["sources"]} >= {"atop", "dcad", "desta", "nca", "curated", "cow_igo"}
    assert all(s["citation"] for s in version["sources"])
    assert version["question_types"] >= 12


def test_unexpected_errors_become_a_500_problem_without_a_trace(app, client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    engine = app.extensions["sharaka"].engine()

    def explode(question: str) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(engine, "answer", explode)
    response = client.get("/api/v1/answer", query_string={"q": "anything"})
    problem = assert_problem(response, 500, "internal_error")
    assert "secret internals" not in json.dumps(problem)


def test_access_log_has_request_id_and_timing(client, caplog) -> None:  # type: ignore[no-untyped-def]
    with caplog.at_level("INFO", logger="sharaka.access"):
        client.get("/healthz", headers={"X-Request-Id": "log-me"})
    line = next(r.getMessage() for r in caplog.records if r.name == "sharaka.access")
    assert line.startswith("log-me GET /healthz 200 ") and line.endswith("ms")


def test_every_route_is_documented(app) -> None:  # type: ignore[no-untyped-def]
    """A view nobody can find does not exist for users: each route is in the README or the OpenAPI."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    spec_paths = set(openapi_spec()["paths"])
    undocumented = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = rule.rule.replace("<key>", "{key}")
        prefix = rule.rule.split("<", 1)[0].rstrip("/") or "/"
        if path not in spec_paths and f"`{prefix}" not in readme and f"{prefix}/" not in readme:
            undocumented.append(rule.rule)
    assert undocumented == []
