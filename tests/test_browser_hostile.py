"""Markup typed into the chat, and markup in the graph's names, in a real browser: shown as text, never run.

A live server serves the app on a graph whose labels carry <script> and <img onerror> (tests/hostile_graph.py).
Any script that ran would set window.__xss or open a dialog; an injected tag that CSP blocked would show up as
a CSP violation, which the chat fixture of tests/test_browser.py turns into a failure."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest

from sharaka.settings import Settings
from tests.hostile_graph import AGREEMENT, IMG, SCRIPT, SCRIPT_NATION, hostile_store
from tests.test_browser import WAIT_MS, Chat, _chat, browser  # noqa: F401  (browser: the session fixture)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def hostile_url(settings: Settings) -> Iterator[str]:
    from service.app import create_app
    from tests.live_server import serve

    with serve(create_app(settings, store=hostile_store())) as url:
        yield url


@pytest.fixture()
def hostile_chat(browser: Any, hostile_url: str) -> Iterator[Chat]:  # noqa: F811
    tab = _chat(browser, hostile_url, {"width": 1280, "height": 900})
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
    page.goto(hostile_chat.base + "/sparql?" + urlencode({"query": query}))
    box = page.get_by_label("Query", exact=True)
    box.wait_for(timeout=WAIT_MS)
    assert box.input_value() == query
