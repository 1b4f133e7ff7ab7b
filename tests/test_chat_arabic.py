"""An Arabic question in the chat page (Chromium): the answer is Arabic, laid out right to left, with Arabic
table headings and names; a phone gets the same. The tab fails on any console error, CSP violation or request
leaving 127.0.0.1 (tests/browser_chat.py). Gold: kg/sources/cow_igo/igo_memberships.csv, the six GCC rows."""

from __future__ import annotations

import pytest

from tests.browser_chat import Chat, cells

pytestmark = pytest.mark.browser

GCC_IN_ARABIC = "مين اعضاء مجلس التعاون الخليجي؟"


@pytest.mark.parametrize("tab", ["chat", "phone_chat"])
def test_an_arabic_question_gets_a_right_to_left_arabic_answer(tab: str, request: pytest.FixtureRequest) -> None:
    chat: Chat = request.getfixturevalue(tab)
    chat.open()
    answer = chat.ask(GCC_IN_ARABIC)
    assert answer.get_attribute("dir") == "rtl" and answer.get_attribute("lang") == "ar"
    assert "مجلس التعاون الخليجي" in answer.locator(".answer-text").inner_text()
    assert answer.locator(".answer-table th").first.inner_text().strip() == "الاسم"
    assert "المملكة العربية السعودية" in cells(answer, 1) and len(cells(answer, 1)) == 6
    # laid out right to left: the table's first column is at the right
    direction = answer.evaluate("a => getComputedStyle(a).direction")
    assert direction == "rtl"
    chat.screenshot(f"arabic-answer-{tab}.png")


def test_an_english_answer_stays_left_to_right(chat: Chat) -> None:
    chat.open()
    answer = chat.ask("Who are the members of the GCC?")
    assert answer.get_attribute("dir") == "ltr" and answer.get_attribute("lang") == "en"
