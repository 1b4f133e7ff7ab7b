"""The chat page in a real browser: Playwright driving Debian's Chromium against a live server
(tests/browser_chat.py). Every test fails on a console error, an uncaught page error, a Content-Security-Policy
violation or a request leaving 127.0.0.1, unless it says which one it expects. Screenshots go to tests/artifacts/.
Maps, timelines, the network, permalinks and the pinned question box: tests/test_chat_figures.py and
tests/test_chat_share.py."""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.browser_chat import DESKTOP, WAIT_MS, Chat, open_tab
from tests.browser_chat import cells as _cells
from tests.hostile_graph import AGREEMENT, IMG, SCRIPT, SCRIPT_NATION, hostile_store

pytestmark = pytest.mark.browser


def test_question_gives_sentence_table_and_sources(chat: Chat) -> None:
    chat.open()
    answer = chat.ask("Who are the parties to the Abraham Accords?")
    assert answer.locator(".badge").inner_text() == "Answered"
    assert "Abraham Accords" in answer.locator(".answer-text").inner_text()
    headings = answer.locator(".answer-table th").all_inner_texts()
    assert headings[:2] == ["Name", "ISO3"]
    names = _cells(answer, 1)
    assert {"Israel", "Bahrain", "United Arab Emirates", "Morocco"} <= set(names)
    assert "ISR" in _cells(answer, 2)
    assert answer.get_by_role("link", name="Israel", exact=True).get_attribute("href") == "/id/nation/ISR"
    sources = answer.locator("details.sources")
    sources.locator("summary").click()
    assert "curated:abraham-accords-uae-israel-2020" in sources.inner_text()
    chat.screenshot("chat-desktop.png")


def test_history_survives_reload_and_clear_empties_it(chat: Chat, client: Any) -> None:
    question = "How many agreements has India signed?"
    expected = client.get("/api/v1/answer", query_string={"q": question}).get_json()["value"]
    chat.open()
    chat.ask(question)
    assert chat.answers.first.locator(".value strong").inner_text() == str(expected)
    chat.page.reload()
    chat.page.locator(".bubble.question").first.wait_for()
    assert chat.page.locator(".bubble.question").inner_text() == "How many agreements has India signed?"
    assert chat.answers.count() == 1
    chat.page.get_by_role("button", name="Clear").click()
    assert chat.page.locator(".bubble").count() == 0
    chat.page.reload()
    chat.page.locator("#example-list button").first.wait_for()
    assert chat.page.locator(".bubble").count() == 0


def test_ambiguous_name_offers_choices_and_a_click_asks_again(chat: Chat) -> None:
    chat.open()
    answer = chat.ask("partners of Congo")
    assert answer.locator(".badge").inner_text() == "Ambiguous"
    choice = answer.get_by_role("button", name="Did you mean Democratic Republic of the Congo?")
    choice.click()
    follow_up = chat.wait_answer(1)
    assert chat.page.locator(".bubble.question").nth(1).inner_text() == "partners of Democratic Republic of the Congo"
    assert follow_up.locator(".badge").inner_text() == "Answered"
    assert follow_up.locator(".answer-text").inner_text().startswith("Democratic Republic of the Congo")
    assert "Burundi" in _cells(follow_up, 1)


def test_typo_offers_did_you_mean(chat: Chat) -> None:
    chat.open()
    answer = chat.ask("Who are Wakanda's partners?")
    assert answer.locator(".badge").inner_text() == "Unknown name"
    answer.get_by_role("button", name="Did you mean Rwanda?").click()
    assert "Rwanda" in chat.wait_answer(1).locator(".answer-text").inner_text()


def test_show_sparql_links_to_the_editor(chat: Chat) -> None:
    chat.open()
    answer = chat.ask("Which countries has Pakistan signed defence pacts with since 2000?")
    link = answer.get_by_role("link", name="Open in SPARQL editor")
    assert not link.is_visible()
    answer.locator("summary", has_text="Show SPARQL").click()
    shown = answer.locator("details.sparql code").inner_text()
    assert "SELECT ?partner" in shown and "nation/PAK" in shown
    href = link.get_attribute("href") or ""
    assert href.startswith("/sparql?query=")
    assert parse_qs(urlsplit(href).query)["query"] == [shown.strip() + "\n"]


def test_open_sparql_in_editor_and_run(chat: Chat, client: Any) -> None:
    client.get("/sparql", headers={"Accept": "text/html"})  # the first editor page builds its lists: not timed here
    chat.open()
    answer = chat.ask("Which countries has Pakistan signed defence pacts with since 2000?")
    answer.locator("summary", has_text="Show SPARQL").click()
    # The session's first /sparql request starts the query worker processes (4.5 s on an idle 2-core machine).
    with chat.page.expect_navigation(timeout=4 * WAIT_MS) as navigation:
        answer.get_by_role("link", name="Open in SPARQL editor").click(no_wait_after=True)
    response = navigation.value
    assert response is not None and response.status == 200, "the SPARQL editor page answers /sparql?query=…"
    assert "text/html" in response.headers["content-type"]
    assert re.search(r"/sparql\?query=", chat.page.url)
    chat.page.locator(".yasqe .CodeMirror").wait_for(timeout=WAIT_MS)  # the editor (tests/test_sparql_editor.py)
    assert "SELECT ?partner" in chat.page.evaluate("window.sharakaYasgui.getTab().getQuery()")
    chat.page.locator(".yasqe_queryButton").click()
    # Pakistan's one defence pact since 2000: with Saudi Arabia, 2025-09-17 (curated/agreements.csv,
    # category defence_pact). China's agreements with it since 2000 are defence cooperation, not pacts (round two).
    results = chat.page.locator(".yasr table").filter(has_text="Saudi Arabia")
    results.first.wait_for(timeout=2 * WAIT_MS)  # the query may go to the slow lane on a loaded machine
    chat.screenshot("sparql-editor-from-chat.png")


def test_autocomplete_with_the_keyboard(chat: Chat) -> None:
    chat.open()
    box = chat.page.get_by_role("combobox", name="Your question")
    box.press_sequentially("Which countries has Paki", delay=20)
    listbox = chat.page.get_by_role("listbox")
    listbox.get_by_role("option").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert listbox.get_by_role("option").first.inner_text().startswith("Pakistan")
    box.press("Escape")
    assert not listbox.is_visible() and box.get_attribute("aria-expanded") == "false"
    box.press("Backspace")
    listbox.get_by_role("option").first.wait_for()
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "name-option-0"
    chat.screenshot("chat-autocomplete.png")
    box.press("Enter")
    assert box.input_value() == "Which countries has Pakistan "
    assert not listbox.is_visible()
    box.press_sequentially("signed defence pacts with since 2000?")
    box.press("Enter")
    answer = chat.wait_answer(0)
    assert _cells(answer, 1) == ["Saudi Arabia"]  # curated/agreements.csv, 2025 (round two: a pact has a defence duty)


def test_keyboard_reaches_and_asks_an_example(chat: Chat) -> None:
    chat.open()
    chat.screenshot("chat-start.png")
    for _ in range(20):
        chat.page.keyboard.press("Tab")
        if chat.page.evaluate("document.activeElement.classList.contains('example')"):
            break
    else:
        pytest.fail("no example question is reachable with Tab")
    question = chat.page.evaluate("document.activeElement.textContent")
    chat.page.keyboard.press("Enter")
    chat.wait_answer(0)
    assert chat.page.locator(".bubble.question").inner_text() == question
    assert chat.page.evaluate("document.activeElement.id") == "question"


def test_partner_network_is_drawn(chat: Chat, client: Any) -> None:
    question = "Who are Turkey's partners?"
    partners = client.get("/api/v1/answer", query_string={"q": question}).get_json()["answers"]
    assert len(partners) > 24
    chat.open()
    answer = chat.ask(question)
    picture = answer.locator("figure.network svg[role=group]")
    picture.wait_for()
    assert (picture.get_attribute("aria-label") or "").startswith(
        f"Partner network of Turkey: 24 of {len(partners)} partners")
    assert answer.locator("figure.network .node").count() == 25  # the centre and 24 partners
    assert answer.locator("figure.network path.edge").count() >= 24
    titles = answer.locator("figure.network .node title").all_text_contents()
    # NATO (ATOP 3180: defense=1 in atop5_1a.csv); Pakistan's CENTO (3275, defense=0) is no defence pact (round two).
    assert any(re.match(r"United States \(USA\): \d+ shared agreements with Turkey — .*defence pact", t)
               for t in titles)
    legend = answer.locator("figure.network .legend li").all_inner_texts()
    assert any(item.startswith("defence pact") for item in legend)
    assert answer.locator("figure.network figcaption [lang=ar]").inner_text() == "تركيا"
    chat.screenshot("chat-network.png")


def test_network_follows_the_kind_asked_for(chat: Chat) -> None:
    chat.open()
    answer = chat.ask("Which countries has Pakistan signed defence pacts with since 2000?")
    answer.locator("figure.network svg.network-svg").wait_for()
    legend = answer.locator("figure.network .legend li").all_inner_texts()
    assert len(legend) == 1 and re.fullmatch(r"defence pact \(\d+\)", legend[0])


def test_no_network_for_other_answers(chat: Chat) -> None:
    chat.open()
    answer = chat.ask("Who are the parties to the Abraham Accords?")
    assert answer.locator("figure.network").count() == 0


def test_phone_width(phone_chat: Chat) -> None:
    phone_chat.open()
    # Turkey has more than 24 partners (test_partner_network_is_drawn); Pakistan's 8 defence-pact partners since
    # round two would not reach the phone's cap.
    answer = phone_chat.ask("Who are Turkey's partners?")
    answer.locator("figure.network svg.network-svg").wait_for()
    assert phone_chat.page.evaluate("document.documentElement.scrollWidth") <= 390
    assert answer.locator("figure.network .node").count() == 13  # fewer, larger names on a phone: 12 and the centre
    scroller = answer.locator(".table-scroll")
    assert scroller.evaluate("e => e.scrollWidth > e.clientWidth || e.clientWidth <= 390")
    assert phone_chat.page.get_by_role("button", name="Send").is_visible()
    phone_chat.screenshot("chat-phone.png")


def test_arabic_name(chat: Chat) -> None:
    chat.open()
    question = "Which countries has باكستان signed defence pacts with?"
    answer = chat.ask(question)
    bubble = chat.page.locator(".bubble.question p")
    assert bubble.inner_text() == question and bubble.get_attribute("dir") == "auto"
    assert answer.locator(".badge").inner_text() == "Answered"
    sentence = answer.locator(".answer-text").inner_text()
    assert re.match(r"Pakistan has \d+ partners \(defence pact\)", sentence)
    # SEATO (ATOP 3260: defense=1 in atop5_1a.csv) with the United States, Thailand, the Philippines …; CENTO
    # (3275, defense=0) is not a defence pact, so not Turkey (round two, docs/semantics.md).
    assert {"United States", "Thailand", "Philippines"} <= set(_cells(answer, 1))
    assert "Turkey" not in _cells(answer, 1)
    arabic = answer.locator("figure.network figcaption [lang=ar]")
    assert arabic.inner_text() == "باكستان" and arabic.get_attribute("dir") == "rtl"
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"


def test_api_problem_is_shown_readably(chat: Chat) -> None:
    chat.allow(r"status of 400")
    chat.open()
    chat.page.get_by_label("Your question").evaluate("(e) => { e.value = 'Who? '.repeat(120); }")
    chat.page.get_by_role("button", name="Send").click()
    answer = chat.wait_answer(0)
    assert answer.locator(".badge").inner_text() == "Error 400"
    assert answer.locator(".answer-text").inner_text() == "the question is longer than 500 characters"


def test_network_failure_is_shown(chat: Chat) -> None:
    chat.allow(r"ERR_FAILED|Failed to load resource")
    chat.open()
    chat.page.route("**/api/v1/answer", lambda route: route.abort())
    answer = chat.ask("Who are Turkey's partners?")
    assert "Could not reach the Sharaka server" in answer.locator(".answer-text").inner_text()


def test_csp_holds_and_is_enforced(chat: Chat) -> None:
    chat.open()
    chat.ask("Who are Turkey's partners?")
    chat.answers.first.locator("figure.network svg.network-svg").wait_for()
    assert chat.csp_violations() == []
    # The listener works and the browser enforces the policy: an injected inline script is refused.
    chat.allow(r"Content Security Policy|CSP: script-src")
    ran = chat.page.evaluate("""() => {
        window.__inlineRan = false;
        const s = document.createElement("script");
        s.textContent = "window.__inlineRan = true";
        document.body.append(s);
        return window.__inlineRan;
    }""")
    assert ran is False
    chat.page.wait_for_function("window.__cspViolations.length > 0")


def _fulfil_answer(chat: Chat, status: int, body: dict[str, Any], content_type: str) -> None:
    import json

    chat.page.route("**/api/v1/answer", lambda route: route.fulfill(status=status, content_type=content_type,
                                                                    body=json.dumps(body)))


def test_a_long_answer_shows_its_first_rows_and_says_how_many(chat: Chat) -> None:
    """An answer at the row cap (the service's answer, built here so its size is known): the first rows,
    'Showing 25 of 10,000 rows — show all', and a notice that the list was cut."""
    items = [{"uri": f"https://w3id.org/sharaka/id/agreement/x-{i}", "label": f"Agreement {i}", "type": "agreement"}
             for i in range(10_000)]
    answer = {"question": "q", "status": "answered", "text": "More than 10000 agreements.", "answers": items,
              "suggestions": [], "sources": [], "dataset_version": "test", "elapsed_ms": 1.0, "truncated": True}
    chat.open()
    _fulfil_answer(chat, 200, answer, "application/json")
    bubble = chat.ask("Which agreements are there?")
    assert bubble.locator(".answer-table tbody tr").count() == 25
    assert bubble.locator(".rows-shown").inner_text() == "Showing 25 of 10,000 rows — show all"
    assert "stops at 10,000 rows" in bubble.locator(".notice.truncated").inner_text()
    bubble.get_by_role("button", name="show all").click()
    assert bubble.locator(".answer-table tbody tr").count() == 10_000
    assert bubble.locator(".rows-shown").inner_text() == "Showing all 10,000 rows"


def test_a_rate_limited_answer_is_shown_readably(chat: Chat) -> None:
    chat.allow(r"status of 429")
    chat.open()
    problem = {"type": "https://w3id.org/sharaka/problems/rate_limited", "title": "Too many requests",
               "status": 429, "code": "rate_limited", "setting": "rate_limit", "limit": 300, "retry_after": 3,
               "detail": "more than 300 requests a minute (bursts of 60) from your address; try again in 3 s"}
    _fulfil_answer(chat, 429, problem, "application/problem+json")
    bubble = chat.ask("Who are Turkey's partners?")
    assert bubble.locator(".badge").inner_text() == "Error 429"
    assert bubble.locator(".answer-text").inner_text() == problem["detail"]


# -- hostile input: markup typed into the chat and markup in the graph's names ---------------------------
# A live server serves the app on a graph whose labels carry <script> and <img onerror> (tests/hostile_graph.py).
# Any script that ran would set window.__xss or open a dialog; an injected tag that CSP blocked would be a CSP
# violation, which the chat fixture turns into a failure.


@pytest.fixture(scope="module")
def hostile_url(settings: Any) -> Iterator[str]:
    from sharaka.service.app import create_app
    from tests.live_server import serve

    with serve(create_app(settings, store=hostile_store())) as url:
        yield url


@pytest.fixture()
def hostile_chat(browser: Any, hostile_url: str) -> Iterator[Chat]:
    tab = open_tab(browser, hostile_url, DESKTOP)
    chat = next(tab)
    dialogs: list[str] = []
    chat.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        yield chat
        assert dialogs == []
        assert chat.page.evaluate("typeof window.__xss") == "undefined"
    finally:
        next(tab, None)  # the chat fixture's own checks (console, CSP), then the tab closes


def test_a_question_with_markup_is_shown_as_text(hostile_chat: Chat) -> None:
    hostile_chat.open()
    question = f"Who are Pakistan's partners? {IMG}{SCRIPT}"
    answer = hostile_chat.ask(question)
    assert hostile_chat.page.locator(".bubble.question").first.inner_text() == question
    assert answer.locator(".badge").is_visible()
    assert hostile_chat.page.locator(".history img").count() == 0
    assert hostile_chat.page.locator(".history script").count() == 0


def test_names_with_markup_in_an_answer_are_shown_as_text(hostile_chat: Chat) -> None:
    hostile_chat.open()
    answer = hostile_chat.ask("Who are Pakistan's partners?")
    assert answer.locator(".badge").inner_text() == "Answered"
    link = answer.get_by_role("link", name=SCRIPT_NATION, exact=True)
    assert link.is_visible() and link.get_attribute("href") == "/id/nation/XSS"
    assert SCRIPT_NATION in answer.locator(".answer-text").inner_text()
    assert answer.locator("img, script").count() == 0


def test_a_resource_page_with_markup_in_its_names(hostile_chat: Chat) -> None:
    page = hostile_chat.page
    page.goto(hostile_chat.base + "/id/agreement/curated-xss")
    heading = page.locator("h1")
    heading.wait_for(timeout=WAIT_MS)
    assert heading.inner_text() == AGREEMENT
    assert page.get_by_text(SCRIPT_NATION, exact=True).first.is_visible()
    assert page.locator("main img, main script, main svg").count() == 0
    page.goto(hostile_chat.base + "/id/nation/XSS")
    assert page.locator("h1").inner_text() == SCRIPT_NATION


def test_the_sparql_editor_with_a_hostile_query(hostile_chat: Chat) -> None:
    page = hostile_chat.page
    query = f"</textarea>{SCRIPT}{IMG}"
    warm = urllib.request.Request(hostile_chat.base + "/sparql", headers={"Accept": "text/html"})
    with urllib.request.urlopen(warm, timeout=60):  # the first editor page builds its lists: not timed here
        pass
    page.goto(hostile_chat.base + "/sparql?" + urlencode({"query": query}))
    page.locator(".yasqe .CodeMirror").wait_for(timeout=WAIT_MS)
    assert page.evaluate("window.sharakaYasgui.getTab().getQuery()") == query
    assert page.locator("main img, .yasqe script").count() == 0
    # Results whose values are markup and a javascript: IRI (the query workers read the full graph, not this
    # app's hostile store, so the values come from the query itself).
    values = f"{json.dumps(SCRIPT_NATION)} {json.dumps(IMG)}"
    link = 'BIND(IRI("javascript:window.__xss=1") AS ?link)'
    hostile = f"SELECT ?label ?link WHERE {{ VALUES ?label {{ {values} }} {link} }}"
    page.evaluate("q => window.sharakaYasgui.getTab().getYasqe().setValue(q)", hostile)
    page.locator(".yasqe_queryButton").click()
    page.locator(".yasr table.dataTable tbody tr:nth-child(2)").wait_for(timeout=WAIT_MS)
    shown = page.locator(".yasr table.dataTable tbody").inner_text()
    assert SCRIPT_NATION in shown and IMG in shown  # as text; no CSP report either (sparql-chart.js: sorting)
    assert page.locator(".yasr table script, .yasr table img, .yasr table svg").count() == 0
    assert not [h for h in page.evaluate("Array.from(document.querySelectorAll('.yasr a')).map(a => a.href)")
                if h.lower().startswith("javascript:")]
