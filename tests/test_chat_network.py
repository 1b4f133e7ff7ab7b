"""The partner network and the page's layout in Chromium, desktop (1280×800) and phone (390×844 with touch):
details by keyboard and touch, legend counts under the answer's filter (gold from the source CSVs), a picture
sized by its partners, and the question box pinned in reach after a long answer."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser_chat import Chat
from tests.csv_gold import gold

pytestmark = pytest.mark.browser

PAK_SINCE_2000 = "Which countries has Pakistan signed defence pacts with since 2000?"
TURKEY = "Who are Turkey's partners?"


def _network(answer: Any) -> Any:
    figure = answer.locator("figure.network")
    figure.locator("svg.network-svg").wait_for()
    return figure


def _shift_tab_to_a_partner(chat: Chat) -> None:
    """From the question box back up through the answer (links, table, sources …) to the network."""
    for _ in range(80):
        chat.page.keyboard.press("Shift+Tab")
        if chat.page.evaluate("document.activeElement.classList.contains('partner')"):
            return
    pytest.fail("no partner of the network is reachable with the keyboard")


def test_network_details_with_the_keyboard(chat: Chat) -> None:
    chat.open()
    answer = chat.ask(TURKEY)
    figure = _network(answer)
    details = figure.locator(".network-details")
    assert details.inner_text() == "Select a partner to see its agreements here."
    assert chat.page.evaluate("document.activeElement.id") == "question"  # where the answer leaves the focus
    _shift_tab_to_a_partner(chat)
    nodes = figure.locator(".node.partner")
    first_label = nodes.nth(0).get_attribute("aria-label") or ""
    # The partner sharing the most agreements comes first (the United States since SIPRI's transfers).
    named = re.match(r"(.+) \(([A-Z]{3})\): (\d+) shared agreements? with Turkey — ", first_label)
    assert named is not None, first_label
    assert details.locator("a").inner_text() == named.group(1)
    assert details.locator("a").get_attribute("href") == f"/id/nation/{named.group(2)}"
    assert nodes.evaluate_all("ns => ns.filter(n => n.getAttribute('tabindex') === '0').length") == 1
    chat.page.keyboard.press("ArrowRight")
    second = nodes.nth(1)
    assert chat.page.evaluate("document.activeElement.getAttribute('aria-label')") == second.get_attribute("aria-label")
    assert second.get_attribute("aria-pressed") == "true" and nodes.nth(0).get_attribute("aria-pressed") == "false"
    assert details.locator("a").inner_text() in (second.get_attribute("aria-label") or "")
    chat.page.keyboard.press("End")
    assert nodes.nth(23).get_attribute("aria-pressed") == "true"
    chat.page.keyboard.press("ArrowRight")  # round to the first again
    assert nodes.nth(0).get_attribute("aria-pressed") == "true"
    chat.screenshot_of(figure, "network-keyboard-desktop.png")
    chat.page.keyboard.press("Tab")  # one tab stop for the whole picture: Tab leaves it
    assert not chat.page.evaluate("Boolean(document.activeElement.closest('figure.network svg'))")


def test_network_details_by_touch(phone_chat: Chat) -> None:
    phone_chat.open()
    answer = phone_chat.ask(TURKEY)
    figure = _network(answer)
    node = figure.locator(".node.partner").nth(2)
    node.locator(".partner-dot").tap()
    details = figure.locator(".network-details")
    name = details.locator("a").inner_text()
    assert name and (node.get_attribute("aria-label") or "").startswith(name)
    edge = figure.locator("path.edge").first
    kind = edge.locator("title").text_content() or ""
    edge.dispatch_event("click")  # an edge is a few pixels wide: the tap is the click it turns into
    chosen = details.locator(".detail-kinds li.chosen").inner_text()
    assert chosen.split(":")[0] in kind
    phone_chat.screenshot_of(figure, "network-touch-phone.png")


def test_legend_counts_follow_the_answers_years(chat: Chat) -> None:
    chat.open()
    since = _network(chat.ask(PAK_SINCE_2000))
    pacts_since = len(gold().select("PAK", kind="defence_pact", years=(2000, None)))
    assert since.locator(".legend li").all_inner_texts() == [f"defence pact ({pacts_since})"]
    assert "started since 2000" in since.locator("figcaption").inner_text()
    every = _network(chat.ask("Which countries has Pakistan signed defence pacts with?"))
    pacts = len(gold().select("PAK", kind="defence_pact"))
    assert pacts > pacts_since
    assert every.locator(".legend li").all_inner_texts() == [f"defence pact ({pacts})"]
    assert "started in any year" in every.locator("figcaption").inner_text()


def test_a_filter_the_summary_cannot_split_counts_the_answer(chat: Chat, client: Any) -> None:
    question = "Which countries were Pakistan's partners in 1980?"  # in force in 1980: not a start-year range
    body = client.get("/api/v1/answer", query_string={"q": question}).get_json()
    assert body["template"] == "partners" and body["explanation"]["frame"]["time"]["aspect"] == "in_force"
    assert "inforce" in body["bindings"]["flags"]
    agreements = {sid for item in body["answers"] for sid in item.get("source_ids", [])}
    chat.open()
    figure = _network(chat.ask(question))
    legend = figure.locator(".legend li").all_inner_texts()
    assert legend == [f"agreements that answer the question ({len(agreements)})"]
    labels = figure.locator(".node.partner").evaluate_all("ns => ns.map(n => n.getAttribute('aria-label'))")
    by_name = {item["label"]: item["count"] for item in body["answers"]}
    for label in labels:
        name, count = re.match(r"(.+?)(?: \([A-Z]{3}\))?: (\d+) shared agreements?", label).groups()  # type: ignore[union-attr]
        assert by_name[name] == int(count)


@pytest.mark.parametrize("device", ["chat", "phone_chat"])
def test_the_picture_is_sized_by_its_partners(device: str, request: pytest.FixtureRequest) -> None:
    tab: Chat = request.getfixturevalue(device)
    tab.open()
    one = _network(tab.ask(PAK_SINCE_2000)).locator("svg.network-svg").bounding_box()
    many = _network(tab.ask(TURKEY)).locator("svg.network-svg").bounding_box()
    assert one is not None and many is not None
    assert one["height"] <= 110, "one partner: one short line, not half a screen"
    assert many["height"] >= 2.5 * one["height"]
    assert many["width"] <= (390 if device == "phone_chat" else 1280)


# -- layout: the question box stays in reach ------------------------------------------------------------------

def _box_in_reach(tab: Chat) -> bool:
    return bool(tab.page.evaluate("""(() => {
        const box = document.getElementById('question').getBoundingClientRect();
        const inside = box.top >= 0 && box.bottom <= window.innerHeight;
        const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        return inside && top && top.id === 'question';
    })()"""))


@pytest.mark.parametrize("device", ["chat", "phone_chat"])
def test_the_question_box_stays_in_reach_after_a_long_answer(device: str, request: pytest.FixtureRequest) -> None:
    tab: Chat = request.getfixturevalue(device)
    tab.page.emulate_media(reduced_motion="reduce")  # the page scrolls at once: the screenshot shows where it ends
    tab.open()
    answer = tab.ask(TURKEY)
    _network(answer)
    assert tab.page.evaluate("document.documentElement.scrollHeight") > 2 * tab.page.viewport_size["height"]
    assert _box_in_reach(tab)
    # The answer's first words are not hidden under the pinned box.
    text_top = answer.locator(".answer-text").bounding_box()["y"]
    box_top = tab.page.locator("#ask-form").bounding_box()["y"]
    assert text_top < box_top
    for position in ("document.documentElement.scrollHeight / 2", "0", "document.documentElement.scrollHeight"):
        tab.page.evaluate(f"window.scrollTo(0, {position})")
        assert _box_in_reach(tab), position
    tab.page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 3)")
    tab.page.keyboard.press("Escape")
    tab.page.get_by_role("combobox", name="Your question").fill("Who left CENTO?")
    tab.page.get_by_role("combobox", name="Your question").press("Enter")
    tab.wait_answer(1)
    assert _box_in_reach(tab)
    tab.screenshot(f"pinned-box-{device}.png", full_page=False)
