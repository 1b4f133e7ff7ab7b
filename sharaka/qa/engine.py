"""The question-answering pipeline, one call per stage:
normalize → link → interpret (a typed frame) → scope → compile (a query shape) → bind → execute → render.

One engine per process: the vocabulary, the query shapes and the entity index are read once."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from rdflib import URIRef

from sharaka.errors import InvalidQuestion
from sharaka.qa.answer import Answer
from sharaka.qa.bind import bind
from sharaka.qa.clitics import split_clitics
from sharaka.qa.compile import Compiler, NotCompilable, Plan
from sharaka.qa.frame import Frame
from sharaka.qa.index_cache import IndexCache, index_cache_for
from sharaka.qa.interpret import interpret
from sharaka.qa.language import SUPPORTED, check_lang, detect
from sharaka.qa.languages import Language, build_language
from sharaka.qa.lexicon import EntityIndex, build_index
from sharaka.qa.link import LinkedQuestion, Linker
from sharaka.qa.normalize import normalize
from sharaka.qa.reading import Reading
from sharaka.qa.refusals import Refusals
from sharaka.qa.render import DatasetInfo, Sentences, python_value
from sharaka.qa.respond import respond
from sharaka.qa.scope import Refusal, check_scope
from sharaka.qa.vocabulary import load_vocabulary
from sharaka.queries import Template, load_query, load_templates
from sharaka.settings import SETTINGS, Settings
from sharaka.store import Store

MAX_QUESTION_LENGTH = int(next(s.default for s in SETTINGS if s.name == "max_question_length"))
MAX_RESULTS = int(next(s.default for s in SETTINGS if s.name == "max_results"))
GENERIC_KIND = URIRef("https://w3id.org/sharaka/ontology#Agreement")


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
                 max_question_length: int = MAX_QUESTION_LENGTH, lang: str = "en",
                 index_cache: IndexCache | None = None, index_source: Store | None = None) -> None:
        """`index_cache`: where the entity index is kept between starts; `index_source`: the store it is read from
        when it is built (default `store`; a remote store's may wait longer than an answer may)."""
        self.store = store
        self.max_results = max_results
        self.max_question_length = max_question_length
        self.vocabulary = load_vocabulary(lang)
        self.templates: tuple[Template, ...] = load_templates()
        # First the dataset description, one small query: a store that is down or slow fails here, within an
        # answer's time limit, before the index's long start-up queries.
        self.datasets, self.dataset_version = self._datasets()

        def build() -> EntityIndex:
            return build_index(index_source or store, self.vocabulary)

        self.index = build() if index_cache is None else index_cache.load_or_build(EntityIndex, build)
        self.linker = Linker(self.index, self.vocabulary)
        self.compiler = Compiler(self.templates, self.index)
        self.sentences = Sentences(self.vocabulary)
        self.generic_words = frozenset(w for alias, entry in self.index.aliases.items()
                                       if GENERIC_KIND in entry.entities for w in alias.split())
        showcase = [t.examples[0] for t in self.templates if t.extra.get("showcase") == "yes"]
        self.refusals = Refusals(self.index, self.sentences, self.templates)
        self.showcase = showcase
        self.languages: dict[str, Language] = {
            code: build_language(code, self.index, self.templates, self.datasets, showcase, self.linker.names)
            for code in SUPPORTED}
        self.default_lang = lang

    def _datasets(self) -> tuple[dict[str, DatasetInfo], str]:
        infos: dict[str, DatasetInfo] = {}
        version = ""
        for row in self.store.select(load_query("datasets").query).rows:
            key = str(row["dataset"]).rsplit("/", 1)[-1]
            if key == "sharaka":
                version = str(row["version"])
                continue
            terms = " ".join(str(python_value(row.get(k)) or "") for k in ("license", "rights")).strip()
            infos[key] = DatasetInfo(key, str(row["title"]), str(row.get("citation", "")), str(row["version"]),
                                     terms, str(row.get("homepage", "") or ""), str(row.get("coverageEnd", "") or ""))
        return infos, version

    # -- the pipeline ---------------------------------------------------------------------------
    def answer(self, question: str, lang: str | None = None) -> Answer:
        """`lang` is one of SUPPORTED, or None to detect it from the question (sharaka/qa/language.py)."""
        trace = Trace(time.perf_counter())
        self._check(question)
        chosen = check_lang(lang)
        detected = detect(question, (v.vocabulary for v in self.languages.values()))
        language = self.languages[chosen or detected]
        normalized = split_clitics(normalize(question), language.known_words, language.vocabulary.prefixes,
                                   language.vocabulary.suffixes, language.vocabulary.name_endings)
        trace.mark("normalize")
        linked = language.linker.link(normalized)
        trace.mark("link")
        frame = interpret(linked, language.index, self.generic_words, language.vocabulary)
        trace.mark("interpret")
        answer = self._answer(question, language, linked, frame, trace)
        answer.lang = language.lang
        answer.headings = language.sentences.table.get("headings", {})
        answer.explanation["language"] = {"used": language.lang, "detected": detected, "asked": chosen}
        return answer

    def _answer(self, question: str, language: Language, linked: LinkedQuestion, frame: Frame,
                trace: Trace) -> Answer:
        hijri = any(s.type == "scope" and s.value == "hijri"
                    for t in linked.question.tokens for s in language.vocabulary.senses(t.norm))
        # Years are Gregorian: a Hijri date is refused before the year stage reads its digits (docs/languages.md)
        refusal = (Refusal("no_match", "hijri") if hijri
                   else check_scope(linked, frame, self._nominal(linked, language)))
        trace.mark("scope")
        plan: Plan | None = None
        if refusal is None:
            try:
                plan = self.compiler.compile(frame)
            except NotCompilable:
                refusal = Refusal("no_match", "no_match")
            trace.mark("compile")
        if refusal is not None or plan is None:
            answer = language.refusals.answer(question, linked, refusal or Refusal("no_match", "no_match"))
            return self._finish(answer, trace, linked, frame, None)
        bound = bind(plan.template, plan.fill)
        trace.mark("bind")
        result = self.store.select(bound.text, limit=self.max_results)
        trace.mark("execute")
        answer = respond(question, frame, plan, bound, result, language)
        trace.mark("render")
        return self._finish(answer, trace, linked, frame, plan)

    def link(self, question: str) -> LinkedQuestion:
        """The first two stages alone (for tests and tools): normalize, then link."""
        return self.linker.link(normalize(question))

    def _check(self, question: str) -> None:
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

    def _nominal(self, linked: LinkedQuestion, language: Language) -> list[Any]:
        reading = Reading(linked, language.index, self.generic_words, language.vocabulary)
        return [m for m in reading.mentions if m.has("noun") or reading.nominal(m)]

    def _finish(self, answer: Answer, trace: Trace, linked: LinkedQuestion, frame: Frame,
                plan: Plan | None) -> Answer:
        answer.dataset_version = self.dataset_version
        answer.elapsed_ms = trace.total_ms()
        answer.explanation = {
            "normalized": " ".join(linked.question.norms),
            "mentions": [{"kind": m.kind, "text": m.text, "uris": [str(u) for u in m.uris], "fuzzy": m.fuzzy,
                          "score": m.score, "senses": [f"{s.type}:{s.value}" if s.value else s.type
                                                       for s in m.senses],
                          **({"corrected": m.corrected} if m.corrected else {})}
                         for m in linked.mentions if m.kind != "function"],
            "frame": frame.to_dict(),
            "ignored": list(frame.ignored),
            "not_understood": list(frame.not_understood),
            "shape": None if plan is None else {"template": plan.template.id, "flags": sorted(plan.fill.flags),
                                                "sentence": plan.sentence, "value_rule": plan.value,
                                                "keep": plan.keep},
            "stages_ms": trace.stages,
        }
        return answer


def open_engine(settings: Settings) -> QAEngine:
    from sharaka.store.opening import open_store

    store, manifest = open_store(settings)
    return QAEngine(store, max_results=settings.max_results, max_question_length=settings.max_question_length,
                    index_cache=index_cache_for(settings, manifest))
