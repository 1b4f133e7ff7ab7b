"""Stage 7, render: rows become answer items, the sources behind them (records and datasets with their
citations and terms) and a sentence in the question's language (vocabulary/<lang>/answers.toml)."""

from __future__ import annotations

import string
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from sharaka.qa.answer import Answer
from sharaka.qa.frame import Frame
from sharaka.qa.lexicon import EntityIndex
from sharaka.qa.vocabulary import Vocabulary
from sharaka.store import Row

LIST_SHOWN = 12
SOURCE_RECORDS_SHOWN = 100
ENTITY_VARIABLES = ("partner", "party", "member", "nation", "organization", "agreement", "concept",
                    "dataset", "kind")
ITEM_KEYS = {"sourceId": "source_id", "year": "start", "end": "end", "joinYear": "join_year",
             "exitYear": "exit_year", "agreements": "count", "startDate": "start_date", "endDate": "end_date",
             "entryIntoForce": "entry_into_force", "sources": "source_ids", "inForce": "in_force",
             "inForceAtCoverageEnd": "in_force_at_coverage_end", "coverageEnd": "coverage_end",
             "startMonth": "start_month", "joinYears": "join_years"}


@dataclass(frozen=True)
class DatasetInfo:
    key: str
    title: str
    citation: str
    version: str
    terms: str = ""
    homepage: str = ""
    coverage_end: str = ""  # the last date the dataset covers (COW IGO: 2014-12-31)


def python_value(term: Node | None) -> Any:
    if isinstance(term, Literal):
        value = term.toPython()
        return value if isinstance(value, (int, float, bool, str)) else str(term)
    return None if term is None else str(term)


def _entity_of(row: Row) -> URIRef | None:
    for name in ENTITY_VARIABLES:
        if isinstance(row.get(name), URIRef):
            return row[name]  # type: ignore[return-value]
    return None


def answer_items(answer_kind: str, rows: list[Row], index: EntityIndex) -> list[dict[str, Any]]:
    items = []
    for row in rows:
        uri = _entity_of(row)
        item: dict[str, Any] = {}
        if uri is not None:
            entity = index.entities.get(uri)
            item["uri"] = str(uri)
            translated = entity is not None and index.lang != "en" and uri in index.translations.get(index.lang, {})
            # never an empty name: the label in the answer's language, else the graph's (English) one, else the URI
            item["label"] = ((entity.label if translated and entity else None) or python_value(row.get("label"))
                             or (entity.label if entity else None) or str(uri))
            item["type"] = entity.kind if entity else answer_kind.rstrip("s")
            if entity is not None and entity.iso3:
                item["iso3"] = entity.iso3
        for name, term in row.items():
            if name in ENTITY_VARIABLES or name == "label":
                continue
            key = ITEM_KEYS.get(name, name)
            value = python_value(term)
            item[key] = sorted(set(value.split())) if key == "source_ids" and isinstance(value, str) else value
        if isinstance(item.get("kinds"), str):
            # GROUP_CONCAT's order is the store's (it differs between the embedded and a remote Oxigraph): sorted
            item["kinds"] = item["kind"] = "; ".join(sorted(set(item["kinds"].split("; "))))
        items.append(item)
    return items


def sources_of(items: list[dict[str, Any]], datasets: dict[str, DatasetInfo]) -> list[dict[str, Any]]:
    """The datasets and record ids behind an answer, with the citation and terms each dataset asks for."""
    records: dict[str, set[str]] = defaultdict(set)
    for item in items:
        for sid in [item.get("source_id"), *item.get("source_ids", [])]:
            if isinstance(sid, str) and ":" in sid:
                records[sid.partition(":")[0]].add(sid)
    return [dataset_entry(key, datasets, sorted(ids)) for key, ids in sorted(records.items())]


def dataset_entry(key: str, datasets: dict[str, DatasetInfo], ids: list[str]) -> dict[str, Any]:
    info = datasets.get(key)
    return {"dataset": key, "title": info.title if info else key, "version": info.version if info else "",
            "citation": info.citation if info else "", "terms": info.terms if info else "",
            "records": ids[:SOURCE_RECORDS_SHOWN], "record_count": len(ids)}


class Sentences:
    """The answer sentences of one language, with numbers and nouns agreeing ("1 partner", "3 partners")."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.table = vocabulary.sentences
        self.plural_rule = vocabulary.plural_rule
        self._formatter = _CountFormatter(self)

    def noun(self, noun: str, count: int) -> str:
        forms = self.table["nouns"].get(noun, [noun, noun])
        if self.plural_rule == "arabic":
            return forms[min(_arabic_form(count), len(forms) - 1)]
        if self.plural_rule == "french":  # CLDR's French "one" is 0 and 1: "0 partenaire", "1 partenaire"
            return forms[0] if count in (0, 1) else forms[-1]
        if self.plural_rule == "invariable":  # Turkish: the noun stays singular after a number ("3 ortak")
            return forms[0]
        return forms[0] if count == 1 and self.plural_rule == "one_other" else forms[-1]

    def counted(self, count: int | str, noun: str) -> str:
        number = int(count) if str(count).isdigit() else 2
        return f"{count} {self.noun(noun, number)}"

    def get(self, key: str) -> str | None:
        section, _, variant = key.partition(".")
        value = self.table.get(section, {}).get(variant)
        return value if isinstance(value, str) else None

    def say(self, key: str, **fields: Any) -> str:
        pattern = self.get(key)
        if pattern is None:
            raise KeyError(f"no sentence {key!r} in answers.toml")
        return self._formatter.vformat(pattern, (), defaultdict(str, fields))


def _arabic_form(count: int) -> int:
    """CLDR's Arabic plural categories as an index into the noun's forms: one, two, few, many, other."""
    rest = count % 100
    if count == 1:
        return 0
    if count == 2:
        return 1
    if count == 0 or 3 <= rest <= 10:
        return 2
    if 11 <= rest <= 99:
        return 3
    return 4


class _CountFormatter(string.Formatter):
    """`{count:partner}` → "3 partners": the format spec names the noun."""

    def __init__(self, sentences: Sentences) -> None:
        self.sentences = sentences

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec and format_spec.isidentifier():
            return self.sentences.counted(value, format_spec)
        return super().format_field(value, format_spec)


def describe_list(items: list[dict[str, Any]], sentences: Sentences) -> str:
    def one(item: dict[str, Any]) -> str:
        label = str(item.get("label", item.get("uri", "?")))
        if item.get("definition"):
            return f"{label}: {item['definition']}"
        details = []
        if item.get("start") is not None:
            details.append(str(item["start"]))
        for key, word in (("join_year", "joined"), ("exit_year", "left")):
            if item.get(key) is not None:
                details.append(sentences.say(f"words.{word}", year=item[key]))
        if item.get("volume") is not None:
            details.append(sentences.say("words.tiv", volume=round(float(item["volume"]), 1)))
        elif item.get("count") is not None and "start" not in item:
            details.append(sentences.counted(int(item["count"]), "agreement"))
        return f"{label} ({', '.join(details)})" if details else label

    shown = [one(i) for i in items[:LIST_SHOWN]]
    more = len(items) - len(shown)
    return "; ".join(shown) + (sentences.say("words.list_more", count=more) if more > 0 else "")


def describe_filters(frame: Frame, index: EntityIndex, sentences: Sentences, *, with_time: bool = True) -> str:
    """The frame's filters in words: " (defence pact, since 2000, members of the OIC only)"."""
    def labels(uris: list[URIRef]) -> str:
        return sentences.say("filters.or").join(index.entities[u].label for u in uris if u in index.entities)

    parts = []
    for name, uris in (("kinds", frame.kinds), ("sectors", frame.sectors), ("obligations", frame.obligations),
                       ("weapons", frame.weapons)):
        if uris:
            parts.append(sentences.say(f"filters.{name}", labels=labels(uris)))
    if with_time and frame.time is not None:
        parts.append(sentences.say(f"filters.{'in_force' if frame.time.aspect == 'in_force' else 'event'}",
                                   years=describe_years(frame, sentences)))
    if frame.member_filter is not None and frame.member_filter in index.entities:
        parts.append(sentences.say("filters.members_only", organization=index.entities[frame.member_filter].label))
    return f" ({sentences.say('filters.and').join(parts)})" if parts else ""


def describe_years(frame: Frame, sentences: Sentences) -> str:
    t = frame.time
    if t is None:
        return ""
    if t.first is not None and t.first == t.last:
        return sentences.say("filters.in", point=t.first)
    if t.first is not None and t.last is not None:
        return sentences.say("filters.between", first=t.first, last=t.last)
    if t.first is not None:
        return sentences.say("filters.since", first=t.first)
    return sentences.say("filters.until", last=t.last)


def readable(answer: Answer) -> str:
    """The CLI's plain-text form of an answer."""
    lines = [answer.text]
    if answer.status == "answered":
        for item in answer.answers[:50]:
            bits = [str(item.get("label", ""))]
            for key in ("iso3", "source_id", "start", "end", "join_year", "exit_year", "count"):
                if item.get(key) not in (None, "", []):
                    bits.append(f"{key}={item[key]}")
            lines.append("  - " + "  ".join(bits))
        if len(answer.answers) > 50:
            lines.append(f"  … {len(answer.answers) - 50} more (use --json)")
    for suggestion in answer.suggestions:
        lines.append(f"  ? {suggestion.get('text')}")
    if answer.template:
        lines.append(f"[{answer.template}, {answer.elapsed_ms:.1f} ms]")
    return "\n".join(lines)
