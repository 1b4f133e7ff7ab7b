"""What the chat page asks of the API: every answer's permalink, and a nation's summary counted over the same
start years as the answer (the partner network's legend). Gold counts come from the source CSV files through
tests/questions/make_gold.py (its own reading of the CSVs, not the graph build)."""

from __future__ import annotations

from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.csv_gold import gold as load_gold

DEFENCE_PACT = "https://w3id.org/sharaka/ontology#DefencePact"


@pytest.fixture(scope="module")
def gold() -> ModuleType:
    return load_gold()


@pytest.mark.parametrize("question", [
    "Who are the members of the GCC?",
    "Which countries has Pakistan signed defence pacts with since 2000?",
    "Was ist das?",                        # not answered: still a link to the same question
    "Who & what: 50% of \"pacts\"? #1",    # characters that must be encoded in a query string
    "من هم أعضاء مجلس التعاون؟",
])
def test_every_answer_carries_its_permalink(client: Any, question: str) -> None:
    for response in (client.get("/api/v1/answer", query_string={"q": question}),
                     client.post("/api/v1/answer", json={"question": "  " + question + " "})):
        link = response.get_json()["permalink"]
        parts = urlsplit(link)
        assert (parts.scheme, parts.netloc, parts.path) == ("http", "localhost", "/")
        assert parse_qs(parts.query) == {"q": [question]}


def test_permalink_follows_the_host_the_request_reached(client: Any) -> None:
    body = client.get("/api/v1/answer", query_string={"q": "Is Turkey in NATO?"},
                      base_url="https://sharaka.example.org").get_json()
    assert body["permalink"].startswith("https://sharaka.example.org/?q=Is+Turkey+in+NATO")


def test_the_permalink_opens_the_chat_with_the_question(client: Any) -> None:
    link = client.get("/api/v1/answer", query_string={"q": "Who left CENTO?"}).get_json()["permalink"]
    page = client.get(urlsplit(link).path + "?" + urlsplit(link).query)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'value="Who left CENTO?"' in html
    assert "<title>Who left CENTO? · Ask · Sharaka</title>" in html


def test_the_chat_shows_a_question_with_markup_as_text(client: Any) -> None:
    html = client.get("/", query_string={"q": '"><script>alert(1)</script>'}).get_data(as_text=True)
    assert "<script>alert" not in html
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def _kinds(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {k["kind"]: k for k in body["by_kind"]}


def test_summary_counts_the_answers_start_years(client: Any, gold: ModuleType) -> None:
    since = client.get("/api/v1/nations/PAK", query_string={"from": "2000"}).get_json()
    pacts = [a for a in gold.select("PAK", kind="defence_pact", years=(2000, None))]
    assert _kinds(since)[DEFENCE_PACT]["agreements"] == len(pacts) == 1
    assert {p["iso3"] for p in _kinds(since)[DEFENCE_PACT]["partners"]} == {
        n for a in pacts for n in a.parties if n != "PAK"}
    assert since["years"] == {"from": 2000, "to": None}
    every = client.get("/api/v1/nations/PAK").get_json()
    assert _kinds(every)[DEFENCE_PACT]["agreements"] == len(gold.select("PAK", kind="defence_pact"))
    assert every["years"] == {"from": None, "to": None}
    between = client.get("/api/v1/nations/TUR", query_string={"from": "1950", "to": "1959"}).get_json()
    assert _kinds(between)[DEFENCE_PACT]["agreements"] == len(
        gold.select("TUR", kind="defence_pact", years=(1950, 1959)))
    assert sum(k["agreements"] for k in between["by_kind"]) == between["agreements"]


@pytest.mark.parametrize(("query", "detail"), [
    ({"from": "20x0"}, "from must be a year of four digits"),
    ({"to": "19999"}, "to must be a year of four digits"),
    ({"from": " 2000"}, "from must be a year of four digits"),
    ({"from": "٢٠٠٠"}, "from must be a year of four digits"),
    ({"from": "2001", "to": "2000"}, "from must not be after to"),
])
def test_summary_refuses_years_it_cannot_read(client: Any, query: dict[str, str], detail: str) -> None:
    response = client.get("/api/v1/nations/PAK", query_string=query)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert response.get_json()["detail"] == detail


def test_openapi_documents_the_permalink_and_the_years(client: Any) -> None:
    spec = client.get("/api/openapi.json").get_json()
    assert "permalink" in spec["components"]["schemas"]["Answer"]["required"]
    names = {p["name"] for p in spec["paths"]["/api/v1/nations/{key}"]["get"]["parameters"]}
    assert names == {"key", "from", "to"}
