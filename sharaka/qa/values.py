"""The literal value of an answer and the extra words of its sentence, by rule; a template names
its rule in its header (`# value: count`), so the engine knows no template by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sharaka.qa.render import python_value
from sharaka.store import Row

Items = list[dict[str, Any]]
ValueRule = Callable[[list[Row], Items, list[str]], tuple[Any, str]]


def count(rows: list[Row], items: Items, examples: list[str]) -> tuple[Any, str]:
    return (int(python_value(rows[0].get("count")) or 0) if rows else 0), ""


def membership_year(rows: list[Row], items: Items, examples: list[str]) -> tuple[Any, str]:
    year = python_value(rows[0].get("year")) if rows else None
    left = python_value(rows[0].get("lastExit")) if rows else None
    return year, (f" (its membership ended in {left}; the data run to 2014)" if left is not None else "")


def exists(rows: list[Row], items: Items, examples: list[str]) -> tuple[Any, str]:
    return bool(rows), ""


def membership(rows: list[Row], items: Items, examples: list[str]) -> tuple[Any, str]:
    spells = "; ".join(f"{i.get('join_year')}–{i.get('exit_year') or 'still a member in 2014'}" for i in items)
    return bool(rows), spells


def in_force(rows: list[Row], items: Items, examples: list[str]) -> tuple[Any, str]:
    """True when no end is recorded, with the basis said: the source's coverage or the lack of an end."""
    sentences = []
    for item in items:
        label = item.get("label")
        if item.get("in_force"):
            basis = (f"its source records it as in force on {item['coverage_end']}"
                     if item.get("in_force_at_coverage_end") else "no end date is recorded")
            sentences.append(f"Yes: {label} has no recorded end ({basis}).")
        else:
            ended = f"ended in {item['end']}" if item.get("end") else "is recorded as terminated"
            sentences.append(f"No: {label} {ended}.")
    return (all(bool(i.get("in_force")) for i in items) if items else None), " ".join(sentences)


def first_start(rows: list[Row], items: Items, examples: list[str]) -> tuple[Any, str]:
    return (items[0].get("start") if items else None), ""


def example_questions(rows: list[Row], items: Items, examples: list[str]) -> tuple[Any, str]:
    return None, " · ".join(examples)


def nothing(rows: list[Row], items: Items, examples: list[str]) -> tuple[Any, str]:
    return None, ""


VALUE_RULES: dict[str, ValueRule] = {
    "count": count, "membership_year": membership_year, "exists": exists, "membership": membership,
    "in_force": in_force, "first_start": first_start, "examples": example_questions, "none": nothing,
}
# When a header names no rule, the answer kind decides.
DEFAULT_RULE = {"number": "count", "boolean": "exists", "year": "membership_year"}
