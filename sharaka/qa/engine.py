"""The question-answering pipeline: normalize → link → route → bind → execute → render.

One engine per process: templates, the entity index and the example skeletons are built once."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from queries import Template, load_templates
from sharaka.errors import InvalidQuestion
from sharaka.qa.answer import Answer
from sharaka.qa.bind import bind
from sharaka.qa.lexicon import STOPWORDS, EntityIndex, build_index
from sharaka.qa.link import ENTITY_KINDS, LinkedQuestion, Linker
from sharaka.qa.normalize import Token, fold
from sharaka.qa.render import DatasetInfo, answer_items, compose_text, sources_of
from sharaka.qa.route import Route, Router, stem
from sharaka.qa.values import DEFAULT_RULE, VALUE_RULES
from sharaka.settings import SETTINGS, Settings
from sharaka.store import Store

MAX_QUESTION_LENGTH = int(next(s.default for s in SETTINGS if s.name == "max_question_length"))
MAX_RESULTS = int(next(s.default for s in SETTINGS if s.name == "max_results"))

# Words that put a question in Sharaka's domain even when it names no kind of agreement. Generic
# words of our templates ("top", "first", "how many", "when") are not among them: "the highest
# mountain of Pakistan" is not about agreements.
DOMAIN_TERMS = frozenset("""
partner partners partnership partnerships partnered ally allies allied alliance alliances member members
membership memberships belong belongs belonged signatory signatories party parties participant participants
participated signed sign signs treaty treaties agreement agreements pact pacts deal deals accord accords
cooperate cooperates cooperated cooperation relations ties join joined joining joins acceded accession left
withdrew withdrawn withdrawal quit supplied supplier suppliers supply recipient recipients received led lead
brokered organization organizations organisation organisations bloc blocs coalition obligation obligations
sector sectors cover covers covered source sources dataset datasets data cite citation provenance answer
questions capabilities define definition meaning mean means force terminated expired
""".split())
DOMAIN_STEMS = frozenset(stem(w) for w in DOMAIN_TERMS)
# Questions about reasons: the sources record facts, not motives.
UNANSWERABLE_OPENERS = frozenset({"why"})
# What the sources do not record about agreements: a question hinging on one of these is not
# answered with the nearest thing we do know (the definition of a pact is not its average length).
UNRECORDED = frozenset(stem(w) for w in """
average duration strength strongest weakest size budget cost costs value worth money funding spending
casualties deaths troops soldiers violated violation violations breach breached effective effectiveness
success successful impact popular popularity important importance reason reasons motive motives
""".split())

_DATASETS_QUERY = """
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?dataset ?title ?citation ?version WHERE {
  ?dataset a <http://www.w3.org/ns/dcat#Dataset> ; dcterms:title ?title ;
           <http://www.w3.org/ns/dcat#version> ?version .
  OPTIONAL { ?dataset dcterms:bibliographicCitation ?citation }
}"""


@dataclass
class Trace:
    """Timings of each stage, in milliseconds."""

    started: float

    def __post_init__(self) -> None:
        self.stages: dict[str, float] = {}
        self._last = self.started

    def mark(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = round((now - self._last) * 1000, 3)
        self._last = now

    def total_ms(self) -> float:
        return round((time.perf_counter() - self.started) * 1000, 3)


class QAEngine:
    def __init__(self, store: Store, max_results: int = MAX_RESULTS,
                 max_question_length: int = MAX_QUESTION_LENGTH) -> None:
        self.store = store
        self.max_results = max_results
        self.max_question_length = max_question_length
        self.templates: tuple[Template, ...] = load_templates()
        self.index: EntityIndex = build_index(store)
        # The words of our questions, without the names in them: link the examples once with the
        # keywords alone as known words, keep what is not a name, then link them again.
        keywords = frozenset(w for t in self.templates for k in t.keywords for w in fold(k).split())
        first_pass = Linker(self.index, keywords)
        self.known_words = keywords | frozenset(
            w for t in self.templates for ex in t.examples for w in first_pass.link(ex).skeleton.split()
            if not w.isupper())
        self.linker = Linker(self.index, self.known_words)
        skeletons = {t.id: [(ex, self.linker.link(ex).skeleton) for ex in t.examples] for t in self.templates}
        self.router = Router(self.templates, skeletons)
        self.datasets, self.dataset_version = self._datasets()
        self._all_examples = [(ex, t.id) for t in self.templates for ex in t.examples]
        self._entity_aliases = sorted({a for kind in ENTITY_KINDS for a in self.index.fuzzy_choices.get(kind, ())})
        # A few first examples, to show what can be asked (the capabilities answer).
        self._showcase = [t.examples[0] for t in self.templates if t.extra.get("showcase") == "yes"]

    def _datasets(self) -> tuple[dict[str, DatasetInfo], str]:
        infos: dict[str, DatasetInfo] = {}
        version = ""
        for row in self.store.select(_DATASETS_QUERY).rows:
            key = str(row["dataset"]).rsplit("/", 1)[-1]
            if key == "sharaka":
                version = str(row["version"])
                continue
            infos[key] = DatasetInfo(key, str(row["title"]), str(row.get("citation", "")), str(row["version"]))
        return infos, version

    # -- the pipeline ---------------------------------------------------------------------------
    def answer(self, question: str) -> Answer:
        trace = Trace(time.perf_counter())
        if not isinstance(question, str):
            raise InvalidQuestion("the question must be text")
        if len(question) > self.max_question_length:
            raise InvalidQuestion(f"the question is longer than {self.max_question_length} characters",
                                  setting="max_question_length", limit=self.max_question_length)
        if not question.isascii():
            try:  # a lone surrogate (JSON "\ud800", undecodable argv bytes) is not text and cannot be sent back
                question.encode("utf-8")
            except UnicodeEncodeError:
                raise InvalidQuestion("the question is not valid Unicode text (it has a lone surrogate)") from None
        linked = self.linker.link(question)
        trace.mark("link")
        if not linked.question.tokens:
            unreadable = self._no_match(question, linked, "The question has no words I can read.")
            return self._finish(unreadable, trace, linked)
        foreign = self._foreign_words(linked)
        entity_named = any(m.kind in ENTITY_KINDS for m in linked.mentions) or bool(linked.ambiguities)
        if foreign is not None and (entity_named or any(not t.text[:1].isupper() for t in foreign)):
            # Nothing of the domain is asked: a known nation's GDP, the weather, football.
            return self._finish(self._out_of_scope_answer(question), trace, linked)
        if linked.ambiguities:
            return self._finish(self._ambiguous(question, linked), trace, linked)
        if linked.unknown:
            return self._finish(self._unknown_entity(question, linked), trace, linked)
        if linked.question.tokens[0].norm in UNANSWERABLE_OPENERS:
            why = self._no_match(question, linked, "Sharaka records which agreements exist, between whom and when; "
                                                   "it does not know why.")
            return self._finish(why, trace, linked)
        unrecorded = [t.text for t in linked.foreign if stem(t.norm) in UNRECORDED]
        if unrecorded:
            text = (f"Sharaka records agreements (parties, kinds, sectors, dates and sources), not their "
                    f"“{unrecorded[0]}”.")
            return self._finish(self._no_match(question, linked, text), trace, linked)
        decision = self.router.route(linked)
        trace.mark("route")
        if decision.best is None:
            return self._finish(self._unrouted(question, linked), trace, linked, decision.runner_up)
        answer = self._execute(question, decision.best, trace)
        return self._finish(answer, trace, linked, decision.runner_up, decision.best)

    def _execute(self, question: str, route: Route, trace: Trace) -> Answer:
        template, fill = route.template, route.fill
        bound = bind(template, fill)
        trace.mark("bind")
        result = self.store.select(bound.text, limit=self.max_results)
        trace.mark("execute")
        rows = result.rows
        items = answer_items(template, rows, self.index)
        value, extra = self._value(template, rows, items)
        text = compose_text(template, fill, self.index, items, value, extra, truncated=result.truncated)
        status = "answered"
        if template.answer not in ("boolean", "number") and not rows:
            status = "no_results"
        if template.answer == "year" and value is None:
            status = "no_results"
        trace.mark("render")
        return Answer(question=question, status=status, text=text, answers=items, template=template.id,
                      score=route.score, bindings=bound.bindings, sparql=bound.text,
                      sources=sources_of(rows, self.datasets), truncated=result.truncated, value=value)

    def _value(self, template: Template, rows: list[Any], items: list[dict[str, Any]]) -> tuple[Any, str]:
        """The literal answer (number, year, boolean) and any extra words, by the template's value rule."""
        rule = template.extra.get("value") or DEFAULT_RULE.get(template.answer, "none")
        return VALUE_RULES[rule](rows, items, self._showcase)

    # -- failures --------------------------------------------------------------------------------
    def _foreign_words(self, linked: LinkedQuestion) -> list[Token] | None:
        """Words the domain does not know (capital, weather, football), when the question has no word
        of the domain at all; None when it has some (then it is in scope, understood or not)."""
        if linked.domain_words or any(m.kind in ("agreement", "organization") for m in linked.mentions):
            return None
        tokens = [t for i, t in enumerate(linked.question.tokens) if not self._in_mention(linked, i)]
        if any(stem(t.norm) in DOMAIN_STEMS for t in tokens):
            return None
        return [t for t in tokens if t.norm not in self.known_words and t.norm not in STOPWORDS
                and not t.norm.isdigit()] or None

    @staticmethod
    def _in_mention(linked: LinkedQuestion, index: int) -> bool:
        return any(m.start <= index < m.end for m in linked.mentions)

    def _ambiguous(self, question: str, linked: LinkedQuestion) -> Answer:
        amb = linked.ambiguities[0]
        choices = [self.index.entities[u] for u in amb.candidates if u in self.index.entities]
        suggestions = [{"kind": "entity", "uri": str(e.uri), "label": e.label, "iso3": e.iso3,
                        "text": f"Did you mean {e.label}?",
                        "question": question.replace(amb.text, e.label, 1)} for e in choices]
        names = ", ".join(e.label for e in choices[:-1]) + f" or {choices[-1].label}" if len(choices) > 1 else ""
        return Answer(question=question, status="ambiguous", text=f"“{amb.text}” could mean {names}. Which one?",
                      answers=[{"uri": str(e.uri), "label": e.label, "type": e.kind, "iso3": e.iso3}
                               for e in choices], suggestions=suggestions)

    def _out_of_scope_answer(self, question: str) -> Answer:
        return Answer(question=question, status="out_of_scope",
                      text="That is outside what Sharaka knows: agreements, alliances and partnerships between "
                           "nations and the organizations they belong to.",
                      suggestions=self._example_suggestions(question))

    def _unrouted(self, question: str, linked: LinkedQuestion) -> Answer:
        if linked.unknown:
            return self._unknown_entity(question, linked)
        return self._no_match(question, linked, "I understood some of the words, but not a question I can answer.")

    def _unknown_entity(self, question: str, linked: LinkedQuestion) -> Answer:
        unknown = linked.unknown or [t for i, t in enumerate(linked.question.tokens)
                                     if t.norm not in self.known_words and t.norm not in STOPWORDS
                                     and len(t.norm) >= 4 and not self._in_mention(linked, i)]
        word = unknown[0].text if unknown else ""
        suggestions = self._did_you_mean(question, word)
        text = f"I do not know “{word}”: no nation, organization or agreement in the graph has that name."
        return Answer(question=question, status="unknown_entity", text=text, suggestions=suggestions)

    def _did_you_mean(self, question: str, word: str) -> list[dict[str, Any]]:
        found = process.extract(fold(word), self._entity_aliases, scorer=fuzz.WRatio, processor=default_process,
                                score_cutoff=70, limit=8)
        seen: set[str] = set()
        suggestions = []
        for alias, score, _ in found:
            for uri in sorted(self.index.aliases[alias].entities):
                entity = self.index.entities[uri]
                if entity.label in seen or len(seen) >= 3:
                    continue
                seen.add(entity.label)
                suggestions.append({"kind": "entity", "uri": str(uri), "label": entity.label, "score": round(score, 1),
                                    "text": f"Did you mean {entity.label}?",
                                    "question": question.replace(word, entity.label, 1) if word else question})
        return suggestions

    def _no_match(self, question: str, linked: LinkedQuestion, text: str) -> Answer:
        return Answer(question=question, status="no_match",
                      text=text + " Here are questions I can answer that look like yours.",
                      suggestions=self._example_suggestions(question))

    def _example_suggestions(self, question: str) -> list[dict[str, Any]]:
        found = process.extract(question, [ex for ex, _ in self._all_examples], scorer=fuzz.token_set_ratio,
                                processor=default_process, limit=3)
        return [{"kind": "question", "text": ex, "question": ex, "template": self._all_examples[i][1]}
                for ex, _, i in found]

    def _finish(self, answer: Answer, trace: Trace, linked: LinkedQuestion, runner_up: Route | None = None,
                best: Route | None = None) -> Answer:
        answer.dataset_version = self.dataset_version
        answer.elapsed_ms = trace.total_ms()
        answer.explanation = {
            "normalized": " ".join(linked.question.norms),
            "skeleton": linked.skeleton,
            "mentions": [{"kind": m.kind, "text": m.text, "uris": [str(u) for u in m.uris], "fuzzy": m.fuzzy,
                          "score": m.score} for m in linked.mentions],
            "years": [{"text": y.text, "from": y.first, "to": y.last, "point": y.point} for y in linked.years],
            "number": linked.number.value if linked.number else None,
            "route": None if best is None else {"template": best.template.id, "score": best.score,
                                                "similarity": best.similarity, "closest_example": best.example,
                                                "unused": best.unused},
            "runner_up": None if runner_up is None else {"template": runner_up.template.id,
                                                         "score": runner_up.score},
            "stages_ms": trace.stages,
        }
        return answer


def open_engine(settings: Settings) -> QAEngine:
    from sharaka.graph import open_store

    store, _ = open_store(settings)
    return QAEngine(store, max_results=settings.max_results, max_question_length=settings.max_question_length)

