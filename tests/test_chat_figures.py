"""The chat's world map and timelines in Chromium, desktop (1280×800) and phone (390×844), under the strict CSP
and offline (the tabs of tests/browser_chat.py fail on any console error, CSP violation or request leaving
127.0.0.1). Gold years come from the source CSVs (tests/csv_gold.py) or were checked by hand; where a picture
must agree with its twin, the table, the test compares the two."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from tests.browser_chat import Chat, cells
from tests.csv_gold import gold

pytestmark = pytest.mark.browser

ABRAHAM = "Who are the parties to the Abraham Accords?"
# Checked by hand in kg/sources/curated/agreements.csv: the UAE, Bahrain, Morocco and Sudan with Israel, and
# the United States as a party of each.
ABRAHAM_PARTIES = {"ARE", "BHR", "ISR", "MAR", "SDN", "USA"}


def _map(answer: Any) -> Any:
    figure = answer.locator("figure.world-map")
    figure.locator("svg.map-svg").wait_for()
    return figure


def _shaded(figure: Any) -> set[str]:
    return set(figure.locator("a[data-iso3]").evaluate_all("links => links.map(a => a.dataset.iso3)"))


def test_map_shades_the_answers_nations_and_links_them(chat: Chat) -> None:
    chat.open()
    answer = chat.ask(ABRAHAM)
    figure = _map(answer)
    assert _shaded(figure) == ABRAHAM_PARTIES == set(cells(answer, 2))
    assert figure.locator("circle.point").count() == 1, "Bahrain is too small for 1:110m: a dot"
    assert figure.locator("a[data-iso3=ISR]").get_attribute("href") == "/id/nation/ISR"
    assert figure.locator("path.country:not(.in-answer)").count() > 150, "the rest of the world, unshaded"
    assert "the table below lists every one" in figure.locator("figcaption").inner_text()
    assert figure.locator(".map-missing").count() == 0
    chat.screenshot_of(figure, "map-desktop.png")
    with chat.page.expect_navigation():
        figure.locator("a[data-iso3=USA]").click()
    assert chat.page.url.endswith("/id/nation/USA")


def test_the_map_is_for_the_eye_and_the_table_for_the_keyboard(chat: Chat) -> None:
    chat.open()
    answer = chat.ask(ABRAHAM)
    figure = _map(answer)
    assert figure.locator("svg.map-svg").get_attribute("aria-hidden") == "true"
    assert figure.locator("a").evaluate_all("links => links.every(a => a.getAttribute('tabindex') === '-1')")
    # Tab through the whole answer: focus never lands in the map, and reaches the table's links.
    seen = []
    answer.locator(".badge").click()
    for _ in range(12):
        chat.page.keyboard.press("Tab")
        seen.append(chat.page.evaluate("document.activeElement.closest('figure.world-map') ? 'map' : "
                                       "document.activeElement.closest('.answer-table') ? "
                                       "document.activeElement.textContent : 'other'"))
    assert "map" not in seen
    assert "Bahrain" in seen


def _items(client: Any, question: str) -> list[dict[str, Any]]:
    """The whole answer (the page's table shows its first 25 rows)."""
    return list(client.get("/api/v1/answer", query_string={"q": question}).get_json()["answers"])


def test_the_map_names_the_nations_it_cannot_show(chat: Chat, client: Any) -> None:
    question = "Who were the members of the OIC in 1970?"
    rows = [(item["label"], item.get("iso3")) for item in _items(client, question)]
    chat.open()
    answer = chat.ask(question)
    figure = _map(answer)
    without_code = [name for name, iso3 in rows if not iso3]
    # Checked by hand: North and South Yemen (COW 678, 680) were members in 1970 and are states of the past.
    assert sorted(without_code) == ["Yemen Arab Republic", "Yemen People's Republic"]
    note = figure.locator(".map-missing").inner_text()
    assert note.startswith("2 of the answer's nations are not on today's map: ")
    assert all(name in note for name in without_code)
    assert _shaded(figure) == {iso3 for _, iso3 in rows if iso3}


def test_the_map_shades_by_number_of_agreements(chat: Chat, client: Any) -> None:
    question = "Which countries has Turkey signed defence pacts with?"
    counts = {item["iso3"]: item["count"] for item in _items(client, question) if item.get("iso3")}
    chat.open()
    answer = chat.ask(question)
    figure = _map(answer)
    shade = dict(figure.locator("a[data-iso3] .in-answer").evaluate_all(
        "shapes => shapes.map(s => [s.closest('a').dataset.iso3, s.getAttribute('class').match(/q(\\d)/)[1]])"))
    most, least = max(counts, key=counts.__getitem__), min(counts, key=counts.__getitem__)
    assert shade[most] == "4" and shade[least] == "0"
    assert all(int(shade[a]) >= int(shade[b]) for a in shade for b in shade if counts[a] > counts[b])
    assert figure.locator(".map-legend").inner_text().startswith("Agreements:")


def test_no_map_for_agreements_or_numbers(chat: Chat) -> None:
    chat.open()
    agreements = chat.ask("Which agreements do Pakistan and China share?")
    number = chat.ask("How many agreements has India signed?")
    assert agreements.locator("figure.world-map").count() == 0 and number.locator("figure.world-map").count() == 0


def test_map_on_a_phone(phone_chat: Chat) -> None:
    phone_chat.open()
    answer = phone_chat.ask("Who are the members of the GCC?")
    figure = _map(answer)
    assert _shaded(figure) == {"BHR", "KWT", "OMN", "QAT", "SAU", "ARE"}
    box = figure.locator("svg.map-svg").bounding_box()
    assert box is not None and box["width"] <= 390
    assert phone_chat.page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_chat.screenshot_of(figure, "map-phone.png")
    phone_chat.screenshot("map-phone-page.png")


# -- timelines ---------------------------------------------------------------------------------------------

def _timeline(answer: Any) -> Any:
    figure = answer.locator("figure.timeline")
    figure.locator("svg.timeline-svg").wait_for()
    return figure


def test_timeline_of_a_nations_memberships(chat: Chat) -> None:
    chat.open()
    answer = chat.ask("Which organizations does Egypt belong to?")
    figure = _timeline(answer)
    rows = figure.locator(".row title").all_text_contents()
    assert len(rows) == len(cells(answer, 1))
    spells = gold().SPELLS[("ACC", "EGY")]  # COW IGO: the Arab Cooperation Council, 1989 to 1990
    assert f"Arab Cooperation Council: joined {spells[0][0]}, left {spells[0][1]}" in rows
    assert figure.locator("rect.span.membership").count() == len(rows)
    assert "a bar runs from joining to leaving" in figure.locator("figcaption").inner_text()
    assert figure.locator("svg.timeline-svg").get_attribute("aria-hidden") == "true"
    chat.screenshot_of(figure, "timeline-memberships-desktop.png")


def test_timeline_of_a_first_agreement_spans_its_years(chat: Chat) -> None:
    chat.open()
    answer = chat.ask("What was the first agreement between Turkey and Pakistan?")
    figure = _timeline(answer)
    [first] = gold().first_between("TUR", "PAK")["agreements"]
    agreement = gold().AGREEMENTS[first]
    [title] = figure.locator(".row title").all_text_contents()
    assert title.endswith(f": {agreement.start}–{agreement.end}")
    assert figure.locator("rect.span.agreement").count() == 1 and figure.locator("circle.start").count() == 0
    ticks = figure.locator(".axis text").all_text_contents()
    assert ticks and all(agreement.start <= int(t) <= agreement.end + 1 for t in ticks)


def test_timeline_of_many_agreements_counts_them_per_year(chat: Chat, client: Any) -> None:
    question = "Which agreements has Turkey signed?"
    items = client.get("/api/v1/answer", query_string={"q": question}).get_json()["answers"]
    assert len(items) > 30
    chat.open()
    answer = chat.ask(question)
    figure = _timeline(answer)
    drawn = {}
    for title in figure.locator(".year title").all_text_contents():
        year, count = re.match(r"(\d{4}): (\d+) agreements?", title).groups()  # type: ignore[union-attr]
        drawn[int(year)] = int(count)
    assert drawn == dict(Counter(item["start"] for item in items))
    assert figure.locator(".legend li").count() >= 2
    chat.screenshot_of(figure, "timeline-per-year-desktop.png")


def test_no_timeline_when_one_year_says_it_all(chat: Chat) -> None:
    chat.open()
    latest = chat.ask("What is the latest agreement of Qatar?")
    members = chat.ask("Who are the members of the GCC?")  # all six joined in 1981
    partners = chat.ask("Who are Turkey's partners?")
    for answer in (latest, members, partners):
        assert answer.locator("figure.timeline").count() == 0


def test_timeline_on_a_phone(phone_chat: Chat) -> None:
    phone_chat.open()
    # 18 agreements (curated, ATOP, DCAD, SIPRI): one row each (Pakistan and China share too many since SIPRI)
    answer = phone_chat.ask("Which agreements do Pakistan and Saudi Arabia share?")
    figure = _timeline(answer)
    box = figure.locator("svg.timeline-svg").bounding_box()
    assert box is not None and box["width"] <= 390
    assert figure.locator("circle.start").count() + figure.locator("rect.span").count() == len(cells(answer, 1))
    figure.locator(".row").first.tap()
    assert figure.locator(".timeline-status").inner_text() != ""
    assert phone_chat.page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_chat.screenshot_of(figure, "timeline-phone.png")
