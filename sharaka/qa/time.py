"""The time of a frame: the years asked about, and whether they date an event (signed, ordered, held:
the agreement's start year) or a state of affairs (allies in 1978, members in 1980, in force: each
party's own entry and exit count). docs/semantics.md "Time" is the contract."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sharaka.qa.frame import Frame, TimeFilter
from sharaka.qa.years import YearSpan, this_year

if TYPE_CHECKING:
    from sharaka.qa.reading import Reading

# Kinds whose records are events whatever the wording: a deal is ordered, an exercise is held.
EVENT_KINDS = ("ArmsTransfer", "JointMilitaryExercise")
EVENT_VERBS = ("event", "supply", "receive", "license", "join", "lead")
STATE_NOUNS = ("partners", "members", "parties")


def _series_years(r: Reading) -> list[YearSpan]:
    """"Bright Star 82": two digits right after an exercise series are the year of an iteration."""
    spans = []
    for m in r.linked.of_kind("number"):
        before = [x for x in r.linked.mentions if x.end == m.start]
        if before and before[0].kind == "agreement" and any(u in r.index.iterations for u in before[0].uris) and (
                m.number is not None and m.number < 100 and len(m.text) == 2):
            two = m.number
            year = 2000 + two if 2000 + two <= this_year() else 1900 + two
            spans.append(YearSpan(year, year, m.start, m.end, m.text, point=year))
            r.use(m)
    return spans


def read_time(r: Reading, frame: Frame) -> None:
    years = [m for m in r.linked.of_kind("year") if m.year is not None]
    for m in years:
        r.use(m)
        if m.year is not None and m.year.invalid:
            frame.not_understood.append(m.text)
    spans = [m.year for m in years if m.year is not None and not m.year.invalid] + _series_years(r)
    if not spans:
        return
    firsts = [s.first for s in spans if s.first is not None]
    lasts = [s.last for s in spans if s.last is not None]
    first, last = (max(firsts) if firsts else None), (min(lasts) if lasts else None)
    point = first if first is not None and first == last else None
    text = " ".join(s.text for s in spans)
    frame.time = TimeFilter(first, last, point, text)


def settle_aspect(r: Reading, frame: Frame) -> None:
    """Once the intent is known: is the time that of an event or of a state of affairs?"""
    if frame.time is None:
        return
    frame.time.aspect = _aspect(r, frame)
    if frame.intent == "members" and frame.membership == "current":
        frame.membership = "at_year"


def _aspect(r: Reading, frame: Frame) -> str:
    if frame.intent == "members":
        return "joined" if frame.membership == "joined" else "in_force"
    event_verbs = [m for m in r.mentions if set(m.values("verb")) & set(EVENT_VERBS)]
    kinds = {r.index.entities[u].local_name for u in frame.kinds if u in r.index.entities}
    if kinds and kinds <= set(EVENT_KINDS):
        return "event"
    if frame.intent == "parties":
        return "event" if event_verbs and not _state_words(r) else "in_force"
    if event_verbs and not r.ask("in_force"):
        return "event"
    if _state_words(r) or r.ask("in_force"):
        return "in_force"
    nouns = {v for m in r.mentions for v in m.values("noun")}
    return "in_force" if frame.intent == "partners" and nouns & set(STATE_NOUNS) else "event"


def _state_words(r: Reading) -> bool:
    """Was, were, had, allied; or "have" after a past "did" ("did Turkey and Azerbaijan have …")."""
    if r.words("verb", "state"):
        return True
    first = r.first_content()
    past = first is not None and "past" in first.values("aux")
    return past and bool(r.words("verb", "possess"))
