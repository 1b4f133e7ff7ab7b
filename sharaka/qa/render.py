"""Stage 6, render: rows become answer items, a value and a sentence for people."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Node

from queries import Template
from sharaka.qa.answer import Answer
from sharaka.qa.lexicon import EntityIndex
from sharaka.qa.route import SlotFill
from sharaka.store import Row

LIST_SHOWN = 12
LIST_KINDS = {"nations", "agreements", "concepts", "organizations", "datasets", "categories"}
ENTITY_VARIABLES = ("partner", "party", "member", "nation", "organization", "agreement", "concept",
                    "dataset", "kind")


@dataclass(frozen=True)
class DatasetInfo:
    key: str
    title: str
    citation: str
    version: str


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


def answer_items(template: Template, rows: list[Row], index: EntityIndex) -> list[dict[str, Any]]:
    items = []
    for row in rows:
        uri = _entity_of(row)
        item: dict[str, Any] = {}
        if uri is not None:
            entity = index.entities.get(uri)
            item["uri"] = str(uri)
            item["label"] = python_value(row.get("label")) or (entity.label if entity else str(uri))
            item["type"] = entity.kind if entity else template.answer.rstrip("s")
            if entity is not None and entity.iso3:
                item["iso3"] = entity.iso3
        for name, term in row.items():
            if name in ENTITY_VARIABLES or name == "label":
                continue
            key = {"sourceId": "source_id", "year": "start", "end": "end", "joinYear": "join_year",
                   "exitYear": "exit_year", "agreements": "count", "startDate": "start_date",
                   "endDate": "end_date", "entryIntoForce": "entry_into_force", "sources": "source_ids",
                   "inForce": "in_force", "inForceAtCoverageEnd": "in_force_at_coverage_end",
                   "coverageEnd": "coverage_end", "startMonth": "start_month"}.get(name, name)
            value = python_value(term)
            item[key] = sorted(value.split()) if key == "source_ids" and isinstance(value, str) else value
        kind_uri = row.get("kind")
        if isinstance(kind_uri, URIRef) and "agreement" in row:
            kind = index.entities.get(kind_uri)
            item["kind"] = kind.label if kind else str(kind_uri)
        items.append(item)
    return items


def _describe_list(items: list[dict[str, Any]]) -> str:
    def one(item: dict[str, Any]) -> str:
        label = str(item.get("label", item.get("uri", "?")))
        details = []
        for key in ("start", "join_year", "exit_year", "count"):
            if item.get(key) is not None and not isinstance(item.get(key), bool):
                word = {"start": "", "join_year": "joined ", "exit_year": "left ", "count": ""}[key]
                suffix = " agreements" if key == "count" and "start" not in item else ""
                details.append(f"{word}{item[key]}{suffix}")
        if item.get("definition"):
            return f"{label}: {item['definition']}"
        return f"{label} ({', '.join(details)})" if details else label

    shown = [one(i) for i in items[:LIST_SHOWN]]
    more = len(items) - len(shown)
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def filters_text(template: Template, fill: SlotFill, index: EntityIndex) -> str:
    parts = []
    for name in ("category", "sector", "obligation"):
        slot = template.slot(name)
        if slot is not None and name in fill.values:
            value = fill.values[name][0]
            entity = index.entities.get(value) if isinstance(value, URIRef) else None
            label = entity.label if entity else name
            parts.append(label if name != "sector" else f"covering {label}")
    if fill.year_text and template.slot("years") is not None:
        parts.append(fill.year_text)
    return f" ({', '.join(parts)})" if parts else ""


def slot_labels(template: Template, fill: SlotFill, index: EntityIndex) -> dict[str, str]:
    labels: dict[str, str] = {}
    for slot in template.slots:
        values = fill.values.get(slot.name)
        if not values:
            continue
        if slot.type == "year":
            labels[slot.name] = str(python_value(values[0]))
            continue
        names = [index.entities[v].label if v in index.entities else str(v) for v in values]  # type: ignore[index]
        group = f"{fill.mentions[slot.name].text} ({len(names)} agreements)"
        labels[slot.name] = names[0] if len(names) == 1 else group
    return labels


def sources_of(rows: list[Row], datasets: dict[str, DatasetInfo]) -> list[dict[str, Any]]:
    """The datasets and record ids behind an answer, with the citation each dataset asks for."""
    records: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for name in ("sourceId", "sources"):
            value = row.get(name)
            if isinstance(value, Literal):
                for sid in str(value).split():
                    key, _, _ = sid.partition(":")
                    records[key].add(sid)
    result = []
    for key in sorted(records):
        info = datasets.get(key)
        ids = sorted(records[key])
        result.append({"dataset": key, "title": info.title if info else key,
                       "version": info.version if info else "", "citation": info.citation if info else "",
                       "records": ids[:100], "record_count": len(ids)})
    return result


def compose_text(template: Template, fill: SlotFill, index: EntityIndex, items: list[dict[str, Any]],
                 value: Any, extra: str = "", truncated: bool = False) -> str:
    labels = slot_labels(template, fill, index)
    fields = defaultdict(str, labels)
    # A cut list must not pass its length off as the answer: "more than 500", never "500".
    count = f"more than {len(items)}" if truncated else str(len(items))
    listed = _describe_list(items) + (f" (the list stops at {len(items)})" if truncated else "")
    fields.update(count=count, list=listed, filters=filters_text(template, fill, index),
                  value="" if value is None else str(value), extra=extra)
    # Nothing found: the "empty" sentence (for a yes/no question, that is the "no").
    pattern = template.empty if not items and template.answer in LIST_KINDS | {"boolean"} else template.text
    return pattern.format_map(fields)


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
        lines.append(f"[{answer.template}, score {answer.score}, {answer.elapsed_ms:.1f} ms]")
    return "\n".join(lines)
