"""Year expressions and counts: each becomes a range (or a point) with its span in the text."""

from __future__ import annotations

import datetime as dt

import pytest

from sharaka.qa.vocabulary import load_vocabulary
from sharaka.qa.years import find_numbers, find_years

THIS_YEAR = dt.date.today().year
EN = load_vocabulary("en")


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
    ("in the last 10 years", THIS_YEAR - 9, THIS_YEAR, None),     # the N calendar years ending with this one
    ("in the past five years", THIS_YEAR - 4, THIS_YEAR, None),
    ("in the 90s", 1990, 1999, None),
    ("in the '90s", 1990, 1999, None),
    ("in the 90's", 1990, 1999, None),
    ("during the nineties", 1990, 1999, None),
    ("in the 2000s", 2000, 2009, None),
    ("in the '00s", 2000, 2009, None),
    ("from 1990 to 95", 1990, 1995, None),
    ("1990-95", 1990, 1995, None),
])
def test_year_expressions(text: str, first: int | None, last: int | None, point: int | None) -> None:
    spans = find_years(f"Agreements {text}?", EN)
    assert [(s.first, s.last, s.point) for s in spans] == [(first, last, point)]


@pytest.mark.parametrize("text", [
    "ATOP alliance 3222", "atop:3015", "top 5 partners", "1995s are not a decade", "in 1799", "in 2101",
])
def test_not_years(text: str) -> None:
    assert [s for s in find_years(text, EN) if s.first is not None] == []


@pytest.mark.parametrize("text", ["since 99999999999999999999", "in 1066", "before 2999", "after 12345",
                                  "between 1700 and 1750"])
def test_years_that_cannot_be_years_are_kept_as_invalid(text: str) -> None:
    spans = find_years(f"Which agreements did Egypt sign {text}?", EN)
    assert len(spans) == 1 and spans[0].invalid and spans[0].first is None and spans[0].last is None


@pytest.mark.parametrize(("text", "values"), [
    ("top 5 partners", [5]), ("top three partners", [3]), ("3 main partners", [3]), ("the 10 biggest", [10]),
    ("partners since 2005", []), ("atop:3222 and DCADv1.0-0001", []),
])
def test_counts(text: str, values: list[int]) -> None:
    assert [n.value for n in find_numbers(text, EN)] == values
