"""Stage 3, route: pick the template whose examples the question most resembles, among the templates
whose required slots the linked question can fill. Scores are kept for the explanation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from queries import Template
from sharaka.qa.lexicon import STOPWORDS
from sharaka.qa.link import LinkedQuestion, Mention

# Points taken off for what the question says but the template would ignore.
UNUSED_PENALTY = {"nation": 30.0, "agreement": 22.0, "organization": 22.0, "category": 9.0,
                  "sector": 7.0, "obligation": 20.0, "year": 10.0}
FILLED_OPTIONAL_BONUS = 2.0
KEYWORD_BONUS_CAP = 14.0
MIN_ROUTE_SCORE = 52.0
CLOSE_ENOUGH = 80.0  # a question this close to an example needs no keyword to be recognised
# Each word we do not know (typos of known words aside) lowers the confidence a little.
FOREIGN_PENALTY, FOREIGN_PENALTY_CAP = 6.0, 12.0

CONCEPT_KINDS = ("category", "obligation", "sector")
ENTITY_SLOT_KINDS = ("nation", "agreement", "organization")
# A question opening with one of these expects yes or no ("Is Türkiye in …", "Does Egypt …").
AUXILIARIES = frozenset("is are was were does do did has have had can could will would should".split())
YES_NO_BONUS, YES_NO_MISMATCH = 6.0, 12.0
CUE_BONUS = 14.0      # the word a question type hinges on ("how many", "first", "left") is there
PATTERN_WEIGHT = 15.0  # a phrase that decides between near twins ("to NATION" vs "from NATION")


@dataclass
class SlotFill:
    """Values for a template's slots (typed rdflib terms) and how to say each in a sentence."""

    values: dict[str, list[Node]] = field(default_factory=dict)
    mentions: dict[str, Mention] = field(default_factory=dict)
    years: tuple[int | None, int | None] | None = None
    year_text: str = ""
    limit: int | None = None


@dataclass
class Route:
    template: Template
    score: float
    similarity: float
    example: str
    fill: SlotFill
    unused: list[str]


@dataclass
class RouteDecision:
    best: Route | None
    runner_up: Route | None


@dataclass(frozen=True)
class QuestionView:
    """What every template's score reads from the question, worked out once per question."""

    padded: str   # the skeleton between spaces, for phrase patterns
    stemmed: str  # skeleton and words, stemmed: cues are found here ("nuclear" inside a kind too)
    words: frozenset[str]
    yes_no: bool

    @classmethod
    def of(cls, linked: LinkedQuestion) -> QuestionView:
        tokens = linked.question.tokens
        return cls(padded=f" {linked.skeleton} ",
                   stemmed=f" {stem_text(linked.skeleton)} {stem_text(' '.join(linked.question.norms))} ",
                   words=frozenset(linked.skeleton.split()),
                   yes_no=bool(tokens) and tokens[0].norm in AUXILIARIES)


class Router:
    def __init__(self, templates: tuple[Template, ...], example_skeletons: dict[str, list[tuple[str, str]]]) -> None:
        self.templates = templates
        self.example_skeletons = example_skeletons
        df: Counter[str] = Counter(k for t in templates for k in set(t.keywords))
        # Rare keywords say more: "withdrew" points at one template, "which" at many.
        self.keyword_weight = {k: 8.0 / n for k, n in df.items()}
        self.stemmed_cues = {t.id: [[stem_text(cue) for cue in group] for group in t.cues] for t in templates}

    def route(self, linked: LinkedQuestion) -> RouteDecision:
        view = QuestionView.of(linked)
        routes = [r for t in self.templates if (r := self._score(t, linked, view)) is not None]
        routes.sort(key=lambda r: (-r.score, r.template.id))
        best = routes[0] if routes and routes[0].score >= MIN_ROUTE_SCORE else None
        runner = routes[1] if len(routes) > 1 else None
        if best is None and routes:
            runner = routes[0]
        return RouteDecision(best, runner)

    def _similarity(self, template: Template, linked: LinkedQuestion) -> tuple[float, str]:
        """How close the question's skeleton is to the template's closest example, 0..100."""
        similarity, example = 0.0, ""
        for text, skeleton in self.example_skeletons[template.id]:
            s = 0.5 * fuzz.token_set_ratio(linked.skeleton, skeleton) + 0.5 * fuzz.ratio(linked.skeleton, skeleton)
            if s > similarity:
                similarity, example = s, text
        return similarity, example

    def _score(self, template: Template, linked: LinkedQuestion, view: QuestionView) -> Route | None:
        fill = fill_slots(template, linked)
        if fill is None:
            return None
        unused = unused_mentions(template, linked)
        if not all(any(f" {cue} " in view.stemmed for cue in group) for group in self.stemmed_cues[template.id]):
            return None  # the question lacks a word this type hinges on
        hits = [k for k in set(template.keywords) if k in view.words]
        similarity, example = self._similarity(template, linked)
        if not template.required and not any(k not in STOPWORDS for k in hits) and similarity < CLOSE_ENOUGH:
            return None  # a template that needs no entity must be asked for in words, or nearly verbatim
        bonus = min(KEYWORD_BONUS_CAP, sum(self.keyword_weight[k] for k in hits))
        filled = sum(1 for s in template.slots if s.optional and (s.name in fill.values or
                                                                    (s.type == "year_range" and fill.years)))
        score = similarity + bonus + FILLED_OPTIONAL_BONUS * filled - sum(UNUSED_PENALTY[u] for u in unused)
        score -= min(FOREIGN_PENALTY_CAP, FOREIGN_PENALTY * len(linked.foreign))
        if template.cues:
            score += CUE_BONUS
        score += sum(PATTERN_WEIGHT * sign for phrase, sign in template.patterns if f" {phrase} " in view.padded)
        if template.answer == "boolean":
            score += YES_NO_BONUS if view.yes_no else -YES_NO_MISMATCH
        elif view.yes_no:
            score -= YES_NO_BONUS
        return Route(template, round(score, 1), round(similarity, 1), example, fill, unused)


_SUFFIXES = ("ing", "ed", "es", "s")


def stem(word: str) -> str:
    """A crude English stem for matching cue words: joined/joining/joins → join."""
    if word.isupper():
        return word  # placeholders (NATION, YEAR) stay as they are
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def stem_text(text: str) -> str:
    return " ".join(stem(w) for w in text.split())


def fill_slots(template: Template, linked: LinkedQuestion) -> SlotFill | None:
    """Slot values from the linked question, or None when a required slot cannot be filled."""
    fill = SlotFill()
    pools = {kind: list(linked.of_kind(kind)) for kind in (*ENTITY_SLOT_KINDS, *CONCEPT_KINDS)}
    for slot in template.slots:
        if slot.type in ("nation", "agreement", "organization", "category", "sector", "obligation"):
            pool = pools[slot.type]
            taken = [v for s in template.slots if s.type == slot.type and s.name in fill.values
                     for v in fill.values[s.name]]
            while pool and set(pool[0].uris) <= set(taken):
                pool.pop(0)  # "Pakistan … Pakistan": a nation is not its own partner
            if pool:
                mention = pool.pop(0)
                fill.values[slot.name] = list(mention.uris)
                fill.mentions[slot.name] = mention
        elif slot.type == "concept":
            for kind in CONCEPT_KINDS:
                if pools[kind]:
                    mention = pools[kind].pop(0)
                    fill.values[slot.name] = list(mention.uris)
                    fill.mentions[slot.name] = mention
                    break
        elif slot.type == "year":
            point = next((y for y in linked.years if y.point is not None), None)
            if point is not None:
                fill.values[slot.name] = [Literal(point.point, datatype=XSD.integer)]
                fill.year_text = point.describe()
        elif slot.type == "year_range" and linked.years:
            span = linked.years[0]
            fill.years = (span.first, span.last)
            fill.year_text = span.describe()
            for var, bound in zip(slot.variables, fill.years, strict=True):
                if bound is not None:
                    fill.values[var] = [Literal(bound, datatype=XSD.integer)]
        elif slot.type == "number":
            fill.limit = linked.number.value if linked.number else template.default_limit
        if not slot.optional and slot.name not in fill.values and not (slot.type == "year_range" and fill.years):
            return None
    if fill.limit is None and template.default_limit is not None:
        fill.limit = template.default_limit
    return fill


def unused_mentions(template: Template, linked: LinkedQuestion) -> list[str]:
    """Kinds of things the question mentions that the template has no slot for."""
    capacity = Counter(s.type for s in template.slots)
    if "concept" in capacity:
        capacity.update({k: 1 for k in CONCEPT_KINDS})
    unused = []
    for kind in (*ENTITY_SLOT_KINDS, *CONCEPT_KINDS):
        # A kind or sector the question type already means ("nuclear" for nuclear suppliers) is not unused.
        mentions = [m for m in linked.of_kind(kind)
                    if not any(str(u).rsplit("#", 1)[-1].rsplit("/", 1)[-1] in template.implies for u in m.uris)]
        extra = len(mentions) - capacity.get(kind, 0)
        unused.extend([kind] * max(0, extra))
    has_year_slot = capacity.get("year", 0) + capacity.get("year_range", 0)
    if linked.years and not has_year_slot:
        unused.append("year")
    return unused

