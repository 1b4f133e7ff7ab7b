"""The literal value of an answer (a number, a year, yes or no) and the extra words of its sentence, by
the rule the compiler chose; and which rows an answer keeps (the tie at the top, the first by year)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sharaka.qa.lexicon import MEMBERSHIP_PRECEDENCE

Items = list[dict[str, Any]]
ValueRule = Callable[[Items, list[str]], tuple[Any, str]]


def keep(items: Items, how: str) -> Items:
    """all; max: the items with the highest count or volume (the tie kept); first/latest: by start year."""
    if not items or how == "all":
        return items
    if how == "max":
        measure = "volume" if any(i.get("volume") is not None for i in items) else "count"
        top = max(float(i.get(measure) or 0) for i in items)
        return [i for i in items if float(i.get(measure) or 0) == top]
    years = [i["start"] for i in items if isinstance(i.get("start"), int)]
    if not years:
        return items
    year = min(years) if how == "first" else max(years)
    return [i for i in items if i.get("start") == year]


def nothing(items: Items, examples: list[str]) -> tuple[Any, str]:
    return None, ""


def count_rows(items: Items, examples: list[str]) -> tuple[Any, str]:
    return len(items), ""


def count(items: Items, examples: list[str]) -> tuple[Any, str]:
    return (int(items[0].get("count") or 0) if items else 0), ""


def exists(items: Items, examples: list[str]) -> tuple[Any, str]:
    return bool(items), ""


def year_of_kept(items: Items, examples: list[str]) -> tuple[Any, str]:
    years = {i.get("start") for i in items if isinstance(i.get("start"), int)}
    return (next(iter(years)) if len(years) == 1 else None), ""


def first_start(items: Items, examples: list[str]) -> tuple[Any, str]:
    years = [i["start"] for i in items if isinstance(i.get("start"), int)]
    return (min(years) if years else None), ""


def membership_years(item: dict[str, Any]) -> dict[str, int]:
    """dataset → join year, from the members shape's `join_years` ("oic=1969 cow_igo=1969")."""
    years: dict[str, int] = {}
    for pair in str(item.get("join_years") or "").split():
        dataset, _, year = pair.partition("=")
        if year.isdigit():
            years[dataset] = min(int(year), years.get(dataset, int(year)))
    return years


def primary_join_year(item: dict[str, Any]) -> tuple[int | None, dict[str, int]]:
    years = membership_years(item)
    for dataset in MEMBERSHIP_PRECEDENCE:
        if dataset in years:
            return years[dataset], years
    join = item.get("join_year")
    return (join if isinstance(join, int) else None), years


def join_year(items: Items, examples: list[str]) -> tuple[Any, str]:
    """The primary dataset's join year (the sentence adds where another dataset differs, and an exit)."""
    if not items:
        return None, ""
    year, _ = primary_join_year(items[0])
    return year, ""


def membership(items: Items, examples: list[str]) -> tuple[Any, str]:
    """Yes iff a membership record exists (the sentence says its years)."""
    return bool(items), ""


def in_force(items: Items, examples: list[str]) -> tuple[Any, str]:
    """True when no end is recorded (the sentence says the basis: the source's coverage or no end)."""
    return (all(bool(i.get("in_force")) for i in items) if items else None), ""


def example_questions(items: Items, examples: list[str]) -> tuple[Any, str]:
    return None, " · ".join(examples)


VALUE_RULES: dict[str, ValueRule] = {
    "none": nothing, "count_rows": count_rows, "count": count, "exists": exists, "year_of_kept": year_of_kept,
    "first_start": first_start, "join_year": join_year, "membership": membership, "in_force": in_force,
    "examples": example_questions,
}
