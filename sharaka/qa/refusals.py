"""The answers that refuse: each failure status with its sentence and what to try instead — the
choices of an ambiguous name, the names closest to an unknown one, and example questions that look
like the one asked."""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from sharaka.qa.answer import Answer
from sharaka.qa.lexicon import EntityIndex
from sharaka.qa.link import ENTITY_KINDS, LinkedQuestion
from sharaka.qa.normalize import fold
from sharaka.qa.render import Sentences
from sharaka.qa.scope import Refusal
from sharaka.queries import Template


class Refusals:
    def __init__(self, index: EntityIndex, sentences: Sentences, templates: tuple[Template, ...]) -> None:
        self.index = index
        self.sentences = sentences
        self.examples = [(ex, t.id) for t in templates for ex in t.examples]
        self.entity_aliases = sorted({a for kind in ENTITY_KINDS for a in index.fuzzy_choices.get(kind, ())})

    def answer(self, question: str, linked: LinkedQuestion, refusal: Refusal) -> Answer:
        s = self.sentences
        if refusal.status == "ambiguous":
            return self._ambiguous(question, linked)
        text = s.say(f"failures.{refusal.sentence}", **self._fields(refusal))
        if refusal.status == "unknown_entity":
            return Answer(question=question, status="unknown_entity", text=text,
                          suggestions=self._did_you_mean(question, refusal.word))
        return Answer(question=question, status=refusal.status, text=text + s.say("failures.suggestions"),
                      suggestions=self._examples(question))

    def _fields(self, refusal: Refusal) -> dict[str, Any]:
        fields: dict[str, Any] = dict(refusal.fields)
        if "topic" in fields:
            fields["topic"] = self.sentences.get(f"topics.{fields['topic']}") or fields["topic"]
        return fields

    def _ambiguous(self, question: str, linked: LinkedQuestion) -> Answer:
        s = self.sentences
        amb = linked.ambiguities[0]
        choices = [self.index.entities[u] for u in amb.candidates if u in self.index.entities]
        suggestions = [{"kind": "entity", "uri": str(e.uri), "label": e.label, "iso3": e.iso3,
                        "text": s.say("failures.did_you_mean", label=e.label),
                        "question": question.replace(amb.text, e.label, 1)} for e in choices]
        names = (", ".join(e.label for e in choices[:-1]) + s.say("failures.or") + choices[-1].label
                 if len(choices) > 1 else "")
        return Answer(question=question, status="ambiguous", text=s.say("failures.ambiguous", text=amb.text,
                                                                        choices=names),
                      answers=[{"uri": str(e.uri), "label": e.label, "type": e.kind, "iso3": e.iso3}
                               for e in choices], suggestions=suggestions)

    def _did_you_mean(self, question: str, word: str) -> list[dict[str, Any]]:
        found = process.extract(fold(word), self.entity_aliases, scorer=fuzz.WRatio, processor=default_process,
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
                                    "text": self.sentences.say("failures.did_you_mean", label=entity.label),
                                    "question": question.replace(word, entity.label, 1) if word else question})
        return suggestions or self._examples(question)

    def _examples(self, question: str) -> list[dict[str, Any]]:
        found = process.extract(question, [ex for ex, _ in self.examples], scorer=fuzz.token_set_ratio,
                                processor=default_process, limit=3)
        return [{"kind": "question", "text": ex, "question": ex, "template": self.examples[i][1]}
                for ex, _, i in found]
