"""Years, ranges, decades and counts in a question ("since 2015", "before 1990", "in the '90s",
"between 2000 and 2010", "in the last 5 years", "top 5"), each with its span, so the linker can cut
it out before matching names. The patterns are built from the language's time words
(vocabulary/<lang>/time.tsv). A number where a year is expected that cannot be one
("since 99999999999999999999", "in 1066") is kept as an invalid span: the answer says so."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from sharaka.qa.vocabulary import Vocabulary

MIN_YEAR = 1800
FUTURE_MARGIN = 10  # a year up to ten years ahead can be a plan; beyond that it is a mistake
_Y = r"(1[89]\d\d|20\d\d)"


@dataclass(frozen=True)
class YearSpan:
    """A time expression: `first`/`last` bound a range (None = open); `point` is set when a single
    year was named ("in 1995"); `invalid` when a number stood where a year belongs but cannot be one."""

    first: int | None
    last: int | None
    start: int
    end: int
    text: str
    point: int | None = None
    invalid: bool = False

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


def this_year() -> int:
    return dt.date.today().year


def _alternatives(words: list[str]) -> str:
    return "|".join(r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in words)


@dataclass(frozen=True)
class _Patterns:
    ordered: tuple[tuple[str, re.Pattern[str]], ...]
    number: re.Pattern[str]
    invalid: re.Pattern[str]


@cache
def _patterns(vocabulary: Vocabulary) -> _Patterns:
    v = vocabulary
    since, after, before, until = (_alternatives(v.time_words("op", k)) for k in ("since", "after", "before", "until"))
    point, start, join = (_alternatives(v.time_words("op", k)) for k in ("point", "range_start", "range_join"))
    recent = _alternatives(v.time_words("op", "recent"))
    decades = _alternatives(v.time_words("decade"))
    counts = _alternatives(v.time_words("number"))
    years_unit, decade_unit = (_alternatives(v.time_words("unit", k)) for k in ("year", "decade"))
    count = rf"(\d{{1,2}}|{counts})"
    # an operator before a decade: "since the nineties" is 1990 on, "before the 90s" up to 1989
    # "from the 1970s" dates a thing to the decade: "from" is no operator here
    since_decade = _alternatives([w for w in v.time_words("op", "since") if w != "from"])
    decade_op = "|".join([rf"\b(?P<{k}>{w})[\s-]+" for k, w in
                          (("since", since_decade), ("after", after), ("before", before), ("until", until)) if w]
                         + ([rf"\b(?:{point})\s+"] if point else []))
    decade_op = rf"(?:{decade_op})?"
    text = [(kind, pattern) for kind, pattern in [
        # four digits: a range of impossible years ("between 1700 and 1750") is kept, as invalid
        ("range", rf"\b(?:{start})\s+(?:the\s+years?\s+)?(\d{{4}})\s*(?:{join}|[-–—/])\s*(\d{{4}})\b"),
        ("range", rf"\b{_Y}\s*(?:[-–—/]|{join})\s*{_Y}\b"),
        ("short_range", rf"\b(?:(?:{start})\s+)?{_Y}\s*(?:[-–—/]|{join})\s*(\d\d)\b(?!\d)"),
        ("decade", rf"{decade_op}(?:\bthe\s+)?\b(?P<value>1[89]\d0|20\d0)\s?'?s\b"),
        ("short_decade", rf"{decade_op}(?:\bthe\s+)?(?<![\w'’])['’]?(?P<value>\d0)\s?['’]?s\b"),
        ("decade_word", rf"{decade_op}(?:\bthe\s+)?\b(?P<value>{decades})\b"),
        ("since", rf"\b(?:{since})\s+(?:the\s+year\s+)?{_Y}\b"),
        ("after", rf"\b(?:{after})[\s-]+(?:the\s+year\s+)?{_Y}\b"),
        ("before", rf"\b(?:{before})[\s-]+(?:the\s+year\s+)?{_Y}\b"),
        ("until", rf"\b(?:{until})\s+(?:the\s+year\s+)?{_Y}\b"),
        ("last_n", rf"\b(?:(?:{point})\s+)?(?:the\s+)?(?:{recent})\s+{count}\s+(?:{years_unit})\b"),
        ("last_decade", rf"\b(?:(?:{point})\s+)?(?:the\s+)?(?:{recent})\s+(?:{decade_unit})\b"),
        ("point", rf"\b(?:{point})\s+(?:the\s+year\s+)?{_Y}\b"),
        # Turkish decades: "1990'larda", "2000'lerde" (in the 1990s, 2000s)
        *([("decade", r"\b(?P<value>1[89]\d0|20\d0)['’]?(?:ler|lar)[^\W\d_]*")] if v.time_after_year else []),
        # Languages that put the time word after the year, with a case ending ("2000'den beri", "1990 yılından
        # önce"): vocabulary/<lang>/language.toml `time_after_year`.
        *([(kind, rf"{_Y}(?:['’]?[^\W\d_]+)?(?:\s+[^\W\d_]+)?\s+(?:{words})\b")
           for kind, words in (("since", since), ("after", after), ("before", before), ("until", until)) if words]
          if v.time_after_year else []),
        ("point", rf"(?<![\w:.\-/]){_Y}(?![\w:\-/])"),
    ] if not any(empty in pattern for empty in ("()", "(?:)", "(?P<value>)"))]  # no words, no pattern
    ops = "|".join(x for x in (since, after, before, until, point) if x)
    return _Patterns(
        ordered=tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in text),
        number=re.compile(rf"(?<![\w.:\-]){count}(?![\w.:\-])", re.IGNORECASE),
        # digits after a time word that no pattern above took: not a year we can use
        invalid=re.compile(rf"\b(?:{ops})\s+(?:the\s+year\s+)?(\d{{4,}}|\d{{1,3}}(?=\s*$|\s*[?.!,]))", re.IGNORECASE),
    )


def find_years(text: str, vocabulary: Vocabulary) -> list[YearSpan]:
    """Every time expression, left to right, without overlaps; invalid ones included."""
    patterns = _patterns(vocabulary)
    spans: list[YearSpan] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match[str]) -> bool:
        return not any(m.start() < e and s < m.end() for s, e in taken)

    for kind, pattern in patterns.ordered:
        for m in pattern.finditer(text):
            if not free(m):
                continue
            span = _span(kind, m, vocabulary)
            if span is not None:
                spans.append(span)
                taken.append((m.start(), m.end()))
    for m in patterns.invalid.finditer(text):
        if free(m):
            spans.append(YearSpan(None, None, m.start(), m.end(), m.group(0), invalid=True))
            taken.append((m.start(), m.end()))
    return sorted(spans, key=lambda s: s.start)


def _valid(year: int) -> bool:
    return MIN_YEAR <= year <= this_year() + FUTURE_MARGIN


def _span(kind: str, m: re.Match[str], vocabulary: Vocabulary) -> YearSpan | None:
    s, e, t = m.start(), m.end(), m.group(0)
    if kind in ("decade", "short_decade", "decade_word"):
        return _decade(kind, m, vocabulary)
    g = [x for x in m.groups() if x]
    if kind == "range":
        a, b = sorted((int(g[0]), int(g[1])))
        return _checked(YearSpan(a, b, s, e, t), a, b)
    if kind == "short_range":  # 1990-95, 2010/11
        a = int(g[0])
        b = a // 100 * 100 + int(g[1])
        return _checked(YearSpan(a, b, s, e, t), a, b) if b >= a else None
    if kind == "last_n":
        now = this_year()
        n = int(g[0]) if g[0].isdigit() else int(vocabulary.time_value("number", g[0]) or 0)
        # the N calendar years ending with this one (docs/semantics.md)
        return YearSpan(now - n + 1, now, s, e, t) if n else None
    if kind == "last_decade":
        now = this_year()
        return YearSpan(now - 9, now, s, e, t)
    year = int(g[0])
    spans = {"since": YearSpan(year, None, s, e, t), "after": YearSpan(year + 1, None, s, e, t),
             "before": YearSpan(None, year - 1, s, e, t), "until": YearSpan(None, year, s, e, t),
             "point": YearSpan(year, year, s, e, t, point=year)}
    return _checked(spans[kind], year, year)


def _decade(kind: str, m: re.Match[str], vocabulary: Vocabulary) -> YearSpan:
    value = m.group("value")
    if kind == "decade_word":
        decade = int(vocabulary.time_value("decade", value) or 0)
    elif kind == "short_decade":  # '90s → 1990s; '00s, '10s, '20s → this century
        two = int(value)
        decade = 2000 + two if 2000 + two <= this_year() else 1900 + two
    else:
        decade = int(value)
    ops = {k for k in ("since", "after", "before", "until") if k in m.groupdict() and m.group(k)}
    first, last = {"since": (decade, None), "after": (decade + 10, None), "before": (None, decade - 1),
                   "until": (None, decade + 9)}.get(next(iter(ops), ""), (decade, decade + 9))
    return YearSpan(first, last, m.start(), m.end(), m.group(0))


def _checked(span: YearSpan, *years: int) -> YearSpan:
    if all(_valid(y) for y in years):
        return span
    return YearSpan(None, None, span.start, span.end, span.text, invalid=True)


def find_numbers(text: str, vocabulary: Vocabulary) -> list[NumberSpan]:
    """Small counts ("5", "three"): whether one is a "top N" is for the interpretation to say."""
    found = []
    for m in _patterns(vocabulary).number.finditer(text):
        word = m.group(1)
        value = int(word) if word.isdigit() else int(vocabulary.time_value("number", word) or 0)
        if value >= 1:
            found.append(NumberSpan(value, m.start(1), m.end(1)))
    return found
