"""Years, ranges and counts in a question: "since 2015", "before 1990", "in the 1990s",
"between 2000 and 2010", "in 1995", "top 5" … Each is found with its span, so the linker can
cut it out of the question before matching names."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MIN_YEAR, MAX_YEAR = 1800, 2100
_Y = r"(1[89]\d\d|20\d\d|2100)"

_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
_DECADE_WORDS = {"fifties": 1950, "sixties": 1960, "seventies": 1970, "eighties": 1980, "nineties": 1990}


@dataclass(frozen=True)
class YearSpan:
    """A year expression: `first`/`last` bound a range (None = open); `point` is set when a single
    year was named ("in 1995"), which templates asking "in force in Y" use as is."""

    first: int | None
    last: int | None
    start: int
    end: int
    text: str
    point: int | None = None

    def describe(self) -> str:
        if self.first is not None and self.first == self.last:
            return f"in {self.first}"
        if self.first is not None and self.last is not None:
            return f"between {self.first} and {self.last}"
        if self.first is not None:
            return f"since {self.first}"
        return f"until {self.last}"


@dataclass(frozen=True)
class NumberSpan:
    value: int
    start: int
    end: int


def _this_year() -> int:
    return dt.date.today().year


_RANGE_TO = r"(?:and|to|until|till|through|[-–—])"
_COUNT = r"(\d{1,3}|" + "|".join(_WORD_NUMBERS) + r")"
_DECADE_WORD = "(" + "|".join(_DECADE_WORDS) + ")"

# Order matters: the longer, more specific patterns first; a span taken is not matched again.
_PATTERN_TEXT: list[tuple[str, str]] = [
    ("range", rf"\b(?:between|from)\s+(?:the\s+years?\s+)?{_Y}\s*{_RANGE_TO}\s*{_Y}\b"),
    ("range", rf"\b{_Y}\s*(?:[-–—]|to|until|till|through)\s*{_Y}\b"),
    ("decade", rf"\b(?:in\s+|during\s+)?(?:the\s+)?{_Y[:-1]})'?s\b"),
    ("decade_word", rf"\b(?:in\s+|during\s+)?(?:the\s+)?{_DECADE_WORD}\b"),
    ("since", rf"\b(?:since|from|starting(?:\s+in)?|beginning(?:\s+in)?)\s+(?:the\s+year\s+)?{_Y}\b"),
    ("after", rf"\b(?:after|post|later\s+than)[\s-]+{_Y}\b"),
    ("before", rf"\b(?:before|prior\s+to|pre|earlier\s+than)[\s-]+{_Y}\b"),
    ("until", rf"\b(?:until|till|up\s+to|by|through|no\s+later\s+than)\s+{_Y}\b"),
    ("last_n", rf"\b(?:in\s+)?the\s+(?:last|past)\s+{_COUNT}\s+years\b"),
    ("last_decade", r"\b(?:in\s+)?the\s+(?:last|past)\s+decade\b"),
    ("point", rf"\b(?:in|during|as\s+of|at|for|of)\s+(?:the\s+year\s+)?{_Y}\b"),
    ("point", rf"(?<![\w:.-]){_Y}(?![\w:-])"),
]
_PATTERNS = [(re.compile(text, re.IGNORECASE), kind) for kind, text in _PATTERN_TEXT]

_NUMBER = re.compile(rf"\b(?:top|first|best|leading|biggest|largest|main)\s+{_COUNT}\b"
                     rf"|\b{_COUNT}\s+(?:top|main|biggest|largest|leading|closest|most)\b"
                     rf"|\b(?:which|what|the|name|list)\s+{_COUNT}\s+(?:[^\W\d_]+\s+){{0,2}}?"
                     r"(?:countries|nations|states|partners|allies|members)\b",
                     re.IGNORECASE)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _WORD_NUMBERS[text.lower()]


def find_years(text: str) -> list[YearSpan]:
    """Every year expression, left to right, without overlaps."""
    spans: list[YearSpan] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            span = _span(kind, m)
            if span is not None:
                spans.append(span)
                taken.append((m.start(), m.end()))
    return sorted(spans, key=lambda s: s.start)


def _span(kind: str, m: re.Match[str]) -> YearSpan | None:
    s, e, t = m.start(), m.end(), m.group(0)
    g = [x for x in m.groups() if x]
    if kind == "range":
        a, b = sorted((int(g[0]), int(g[1])))
        return YearSpan(a, b, s, e, t)
    if kind == "decade":
        decade = int(g[0]) // 10 * 10
        return YearSpan(decade, decade + 9, s, e, t) if int(g[0]) % 10 == 0 else None
    if kind == "decade_word":
        decade = _DECADE_WORDS[g[0].lower()]
        return YearSpan(decade, decade + 9, s, e, t)
    if kind == "since":
        return YearSpan(int(g[0]), None, s, e, t)
    if kind == "after":
        return YearSpan(int(g[0]) + 1, None, s, e, t)
    if kind == "before":
        return YearSpan(None, int(g[0]) - 1, s, e, t)
    if kind == "until":
        return YearSpan(None, int(g[0]), s, e, t)
    if kind == "last_n":
        now = _this_year()
        return YearSpan(now - _number(g[0]), now, s, e, t)
    if kind == "last_decade":
        now = _this_year()
        return YearSpan(now - 10, now, s, e, t)
    year = int(g[0])
    return YearSpan(year, year, s, e, t, point=year)


def find_number(text: str) -> NumberSpan | None:
    """A count asked for ("top 5", "three main"); years are not counts."""
    m = _NUMBER.search(text)
    if m is None:
        return None
    group = next(i for i, g in enumerate(m.groups(), start=1) if g)
    value = _number(m.group(group))
    # Only the number itself is taken: "which 5 Muslim countries" still names the OIC. Lists stop at 50.
    return NumberSpan(min(value, 50), m.start(group), m.end(group)) if value >= 1 else None
