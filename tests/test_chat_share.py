"""Shareable answers in Chromium: `/?q=…` asks, the address follows the question (back and forward move between
questions without asking again), "Copy link" with the Clipboard API and without it. Desktop and phone; the
tabs fail on any console error, CSP violation or request leaving 127.0.0.1 (tests/browser_chat.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.browser_chat import DESKTOP, Chat, open_tab

pytestmark = pytest.mark.browser

GCC = "Who are the members of the GCC?"
CENTO = "Who left CENTO?"
NO_CLIPBOARD = 'Object.defineProperty(Navigator.prototype, "clipboard", {get: () => undefined});'


def _question_in_address(chat: Chat) -> str | None:
    values = parse_qs(urlsplit(chat.page.url).query).get("q")
    return values[0] if values else None


def _focused_exchange(chat: Chat) -> str | None:
    return chat.page.evaluate("(() => { const x = document.activeElement.closest('.exchange');"
                              " return x ? x.dataset.question : null; })()")


@pytest.fixture()
def clipboard_chat(browser: Any, live_url: str) -> Iterator[Chat]:
    yield from open_tab(browser, live_url, DESKTOP, permissions=["clipboard-read", "clipboard-write"])


def test_a_shared_address_asks_its_question(chat: Chat) -> None:
    chat.open("/?" + urlencode({"q": GCC}))
    answer = chat.wait_answer(0)
    assert chat.page.locator(".bubble.question").inner_text() == GCC
    assert answer.locator(".badge").inner_text() == "Answered"
    assert "Bahrain" in answer.locator(".answer-text").inner_text()
    assert _question_in_address(chat) == GCC
    assert chat.page.title() == f"{GCC} · Ask · Sharaka"
    assert chat.page.get_by_role("combobox", name="Your question").input_value() == ""  # asked, not left waiting
    chat.page.reload()
    chat.page.locator(".bubble.answer").first.wait_for()
    assert chat.answers.count() == 1, "a reload shows the answer again without asking twice"
    chat.screenshot("share-opened-desktop.png")


def test_the_address_follows_the_questions_and_back_and_forward_return(chat: Chat) -> None:
    chat.open()
    assert _question_in_address(chat) is None
    chat.ask(GCC)
    assert _question_in_address(chat) == GCC
    chat.ask(CENTO)
    assert _question_in_address(chat) == CENTO and chat.page.title().startswith(CENTO)
    chat.page.go_back()
    chat.page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("q") == [GCC])
    assert _focused_exchange(chat) == GCC and chat.page.title().startswith(GCC)
    chat.page.go_back()
    chat.page.wait_for_url(lambda url: "q=" not in url)
    assert chat.page.evaluate("document.activeElement.id") == "question"
    chat.page.go_forward()
    chat.page.go_forward()
    chat.page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get("q") == [CENTO])
    assert _focused_exchange(chat) == CENTO
    assert chat.answers.count() == 2, "moving through the history asks nothing again"


def test_back_to_a_question_the_conversation_lost_asks_it_again(chat: Chat) -> None:
    chat.open()
    chat.ask(GCC)
    chat.ask(CENTO)
    chat.page.get_by_role("button", name="Clear").click()
    assert chat.page.locator(".bubble").count() == 0 and _question_in_address(chat) is None
    chat.page.go_back()  # the Clear replaced CENTO's entry: back is GCC, which is no longer on the page
    chat.wait_answer(0)
    assert chat.page.locator(".bubble.question").inner_text() == GCC


def test_copy_link_puts_the_answers_permalink_on_the_clipboard(clipboard_chat: Chat, client: Any) -> None:
    chat = clipboard_chat
    chat.open()
    answer = chat.ask(GCC)
    answer.get_by_role("button", name="Copy link").click()
    from playwright.sync_api import expect

    expect(answer.locator(".copy-status")).to_have_text("Link copied.")  # after the clipboard's promise
    copied = chat.page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(chat.base + "/?") and parse_qs(urlsplit(copied).query) == {"q": [GCC]}
    assert urlsplit(client.get("/api/v1/answer", query_string={"q": GCC}).get_json()["permalink"]).query == \
        urlsplit(copied).query, "the page copies the API's permalink"


def test_copy_link_without_a_clipboard_shows_the_link_selected(chat: Chat) -> None:
    chat.page.add_init_script(NO_CLIPBOARD)
    chat.open()
    answer = chat.ask(CENTO)
    answer.get_by_role("button", name="Copy link").click()
    field = answer.get_by_role("textbox", name="Link to this answer")
    link = field.input_value()
    assert link.startswith(chat.base + "/?") and parse_qs(urlsplit(link).query) == {"q": [CENTO]}
    assert chat.page.evaluate("document.activeElement.classList.contains('permalink-field')")
    selected = chat.page.evaluate("[document.activeElement.selectionStart, document.activeElement.selectionEnd]")
    assert selected == [0, len(field.input_value())]
    assert "Ctrl+C" in answer.locator(".copy-status").inner_text()
    chat.screenshot("share-copy-fallback.png")


def test_copy_link_with_the_keyboard_only(clipboard_chat: Chat) -> None:
    chat = clipboard_chat
    chat.open()
    chat.ask(CENTO)
    for _ in range(60):
        chat.page.keyboard.press("Shift+Tab")
        if chat.page.evaluate("document.activeElement.classList.contains('copy-link')"):
            break
    else:
        pytest.fail("Copy link is not reachable with the keyboard")
    chat.page.keyboard.press("Enter")
    from playwright.sync_api import expect

    expect(chat.answers.first.locator(".copy-status")).to_have_text("Link copied.")  # the clipboard is async


def test_a_shared_address_on_a_phone(phone_chat: Chat) -> None:
    phone_chat.open("/?" + urlencode({"q": CENTO}))
    answer = phone_chat.wait_answer(0)
    assert answer.locator(".badge").inner_text() == "Answered"
    assert answer.get_by_role("button", name="Copy link").is_visible()
    assert phone_chat.page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_chat.screenshot("share-opened-phone.png")


def test_a_shared_address_with_a_question_too_long_says_so(chat: Chat) -> None:
    chat.allow(r"status of 400")
    question = "Who? " * 120
    chat.open("/?" + urlencode({"q": question}))
    answer = chat.wait_answer(0)
    assert answer.locator(".badge").inner_text() == "Error 400"
    assert answer.locator(".answer-text").inner_text() == "the question is longer than 500 characters"
    assert _question_in_address(chat) == question.strip()


def test_a_shared_address_with_markup_shows_it_as_text(chat: Chat) -> None:
    question = "Who are Pakistan's partners? <img src=x onerror=alert(1)><script>window.__xss=1</script>"
    chat.open("/?" + urlencode({"q": question}))
    chat.wait_answer(0)
    assert chat.page.locator(".bubble.question").inner_text() == question
    assert chat.page.locator(".history img, .history script").count() == 0
    assert chat.page.evaluate("typeof window.__xss") == "undefined"
