"""The scope stage: one call that says whether a frame can be answered, and if not, why — no words,
an ambiguous name, a question outside the domain by meaning (a minister, a population: people, offices
and statistics are not agreements), a question about reasons, something the sources do not record, a
year that cannot be one, an unknown name, a word that changes the meaning but is not understood, or a
question that fits no shape. Each refusal is a status with its sentence; nothing is answered wider."""

from __future__ import annotations

from dataclasses import dataclass, field

from sharaka.qa.frame import Frame
from sharaka.qa.link import ENTITY_KINDS, LinkedQuestion, Mention
from sharaka.qa.years import FUTURE_MARGIN, this_year

# After these a lowercase unknown word stands where a nation is expected ("partners of wakanda").
SUBJECT_PREPOSITIONS = frozenset({"with", "to", "from", "between", "and", "of"})
# Questions of ours that need no name: they make a question one of the domain (counts, "top" do not).
DOMAIN_ASKS = frozenset({"define", "capabilities", "sources", "summary", "in_force", "coverage", "common"})
NAME_VERBS = frozenset({"event", "possess", "supply", "receive", "license", "join", "leave", "lead", "belong",
                        "state"})


@dataclass
class Refusal:
    status: str  # one of the failure statuses of answer.py
    sentence: str  # key in answers.toml, section "failures"
    fields: dict[str, str] = field(default_factory=dict)
    word: str = ""  # the word the refusal is about (unknown entity: for "did you mean")


def check_scope(linked: LinkedQuestion, frame: Frame, nominal: list[Mention]) -> Refusal | None:
    """The first reason the frame cannot be answered, or None. `nominal` are the mentions that name
    what the answer is made of (nouns of the domain)."""
    mentions = [m for m in linked.mentions if m.kind != "function"]
    if not linked.question.tokens:
        return Refusal("no_match", "no_words")
    if any(m.has("scope", "hijri") for m in mentions):  # years are Gregorian (docs/languages.md)
        return Refusal("no_match", "hijri")
    topic = _out_of_scope_topic(mentions, nominal)
    if topic is not None:
        return Refusal("out_of_scope", "out_of_scope_topic" if topic else "out_of_scope", {"topic": topic})
    if linked.ambiguities:
        return Refusal("ambiguous", "ambiguous", {"text": linked.ambiguities[0].text})
    scope = {v for m in mentions for v in m.values("scope")}
    if "why" in scope:
        return Refusal("no_match", "why")
    if "future" in scope:  # "will Pakistan and India sign a defence pact next year": a prediction
        return Refusal("no_match", "future")
    unrecorded = [m.text for m in mentions if m.has("scope", "unrecorded")]
    if unrecorded:
        return Refusal("no_match", "unrecorded", {"word": unrecorded[0]})
    bad_years = [m.text for m in linked.of_kind("year") if m.year is not None and m.year.invalid]
    if bad_years:
        return Refusal("no_match", "bad_year", {"words": ", ".join(bad_years),
                                                "max_year": str(this_year() + FUTURE_MARGIN)})
    unknown = _unknown_name(linked, frame, mentions)
    if unknown is not None:
        return Refusal("unknown_entity", "unknown_entity", {"word": unknown.text}, unknown.text)
    if frame.not_understood:
        return Refusal("no_match", "not_understood", {"words": "”, “".join(frame.not_understood)})
    if not frame.intent:
        if _no_domain(mentions):
            return Refusal("out_of_scope", "out_of_scope")
        return Refusal("no_match", "no_match")
    return None


def _out_of_scope_topic(mentions: list[Mention], nominal: list[Mention]) -> str | None:
    """The topic of an out-of-scope word asked about: one that comes before any noun of the domain
    ("Who is Turkey's defence minister?"), not one in passing ("alliances … during the war").
    "" when the question has no word of the domain at all."""
    first_noun = min((m.start for m in nominal), default=None)
    for m in mentions:
        for value in m.values("scope"):
            if value.startswith("out:") and (first_noun is None or m.start < first_noun):
                return value[4:]
    if _no_domain(mentions) and any(m.kind == "unknown" and not m.text[:1].isupper() for m in mentions):
        return ""
    return None


def _no_domain(mentions: list[Mention]) -> bool:
    """Nothing of the domain: no kind, organization, agreement, year, noun, verb or question of ours (a
    nation alone does not make "a joke about Qatar" a question about agreements)."""
    for m in mentions:
        if m.kind not in ("word", "unknown", "number", "nation"):
            return False
        if m.kind == "word" and (m.has("noun") or m.has("verb") or m.has("domain") or m.has("kind")
                                 or m.has("sector") or set(m.values("ask")) & DOMAIN_ASKS):
            return False
    return True


NATION_NOUNS = frozenset({"partners"})  # "حلفاء X": not "دول X", where a verb often follows


def _unknown_name(linked: LinkedQuestion, frame: Frame, mentions: list[Mention]) -> Mention | None:
    """An unknown word where a name belongs: capitalized inside the question, possessive ("Wakanda's"),
    after a preposition or a verb that takes a nation, or the only candidate for a missing subject."""
    has_subject = bool(frame.nations or frame.organization or frame.agreements
                       or linked.of_kind(*ENTITY_KINDS))
    tokens = linked.question.tokens
    letters = [c for c in linked.question.cleaned if c.isalpha()]
    shouting = bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)  # capitals say nothing
    for i, m in enumerate(mentions):
        if m.kind != "unknown" or len(m.text) < 3 or m.text.isdigit():
            continue
        before = mentions[i - 1] if i > 0 else None
        after = mentions[i + 1] if i + 1 < len(mentions) else None
        determined = m.start > 0 and tokens[m.start - 1].norm in ("the", "a", "an")
        capitalized = not shouting and m.start > 0 and m.text[:1].isupper()
        object_of = before is not None and bool(set(before.values("prep")) & SUBJECT_PREPOSITIONS)
        subject_of = (before is not None and before.has("aux") and after is not None
                      and bool(set(after.values("verb")) & NAME_VERBS))
        # "Narnia defence pacts": a capitalized first word where a nation stands before a kind, none named
        leading = (m.start == 0 and not shouting and m.text[:1].isupper() and not has_subject and after is not None
                   and after.kind in ("category", "generic", "sector", "weapon"))
        if capitalized or leading or m.possessive or (
                not determined and not has_subject and (object_of or subject_of)):
            return m
        # A script without capitals (Arabic) cannot say "this is a name": an unknown word right after a noun of
        # partners ("حلفاء واكاندا") or after "between"/"with"/"and" is taken as a name nobody knows.
        uncased = not any(c.isupper() or c.islower() for c in m.text)
        after_noun = before is not None and before.end == m.start and (
            bool(set(before.values("noun")) & NATION_NOUNS)
            or (before.has("noun", "nations") and before.has("grammar", "singular")))  # "جمهورية X", "مملكة X"
        between = before is not None and bool(set(before.values("prep")) & {"between", "with", "and"})
        # the subject right after a verb of action ("متى انضمت جنوفيا", verb first) where no nation was found;
        # not after "was"/"is" ("كان عضوا": a noun follows a copula)
        after_verb = (before is not None and before.end == m.start and not frame.nations
                      and bool(set(before.values("verb")) & (NAME_VERBS - {"state", "belong"})))
        if uncased and (after_noun or after_verb or (object_of and between)):
            return m
    return None
