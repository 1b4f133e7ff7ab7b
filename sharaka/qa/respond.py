"""An answered question: the rows of the compiled query become the answer object — the items kept
(the tie at the top, the first by year), the value by the plan's rule, the sources (every record and
dataset the answer rests on, with citation and terms; a "no" names the datasets searched), and the
sentence for the frame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib import URIRef

from sharaka.qa.answer import Answer
from sharaka.qa.bind import BoundQuery
from sharaka.qa.compile import Plan
from sharaka.qa.frame import Frame
from sharaka.qa.render import answer_items, dataset_entry, describe_filters, describe_list, sources_of
from sharaka.qa.values import VALUE_RULES, keep, primary_join_year
from sharaka.store import SelectResult

if TYPE_CHECKING:
    from sharaka.qa.languages import Language

# Rules whose value is the answer even when nothing is found (a count of 0, a "no").
VALUE_ANSWERS = ("count", "count_rows", "exists", "membership")


def respond(question: str, frame: Frame, plan: Plan, bound: BoundQuery, result: SelectResult,
            engine: Language) -> Answer:
    items = answer_items(plan.template.answer, result.rows, engine.index)
    if plan.template.id == "members" and frame.organization is not None:
        _cite_second_records(items, frame.organization, engine)
    items = keep(items, plan.keep)
    value, extra = VALUE_RULES[plan.value](items, engine.showcase)
    sources = sources_of(items, engine.datasets)
    shown = [] if plan.value == "count" else items
    found = bool(shown) or (plan.value == "count" and bool(value))
    if not found and plan.value in ("exists", "membership", "count", "count_rows"):
        sources = [dataset_entry(key, engine.datasets, []) | {"searched": True} for key in sorted(engine.datasets)]
    status = "answered" if found or plan.value in VALUE_ANSWERS else "no_results"
    if plan.value in ("year_of_kept", "first_start", "join_year", "in_force") and value is None:
        status = "no_results"
    if plan.value == "in_force":
        extra = " ".join(_in_force_sentence(item, engine) for item in items)
    if plan.value in ("join_year", "membership") and items:
        extra += _membership_notes(items[0], value if plan.value == "join_year" else None, engine)
    if not sources and found:
        sources = _meta_sources(plan, items, engine)
    text = _sentence(frame, plan, shown, value, extra, result.truncated, engine, found)
    return Answer(question=question, status=status, text=text, answers=shown, template=plan.template.id,
                  score=_score(frame), bindings=bound.bindings, sparql=bound.text, sources=sources,
                  truncated=result.truncated, value=value)


def _cite_second_records(items: list[dict[str, Any]], organization: Any, engine: Language) -> None:
    """An organization two datasets record (the OIC: its own list, and COW IGO) is answered from the first;
    the other's record is cited beside it, with its year, so the answer can say where they differ."""
    for item in items:
        for dataset, join, record in engine.index.second_records.get((organization, URIRef(item.get("uri", ""))), ()):
            item["source_ids"] = sorted({*item.get("source_ids", []), record})
            if join is not None:
                item["join_years"] = f"{item.get('join_years', '')} {dataset}={join}".strip()


def _membership_notes(item: dict[str, Any], year: Any, engine: Language) -> str:
    """Where another dataset gives another year ("COW IGO gives 2006"), and an exit."""
    s = engine.sentences
    primary, years = primary_join_year(item)
    shown = year if year is not None else primary
    spell = "" if year is not None or primary is None else (
        s.say("words.since_year", year=primary) if item.get("exit_year") is None
        else s.say("words.span", first=primary, last=item["exit_year"]))
    notes = [s.say("words.dataset_differs", dataset=s.get(f"dataset_names.{d}") or d, year=y)
             for d, y in sorted(years.items()) if y != shown]
    if item.get("exit_year") is not None and year is not None:
        notes.append(s.say("words.membership_ended", year=item["exit_year"]))
    return spell + "".join(f" ({n})" for n in notes)


def _in_force_sentence(item: dict[str, Any], engine: Language) -> str:
    s = engine.sentences
    if item.get("in_force"):
        basis = (s.say("words.in_force_basis_coverage", date=item["coverage_end"])
                 if item.get("in_force_at_coverage_end") else s.say("words.in_force_basis_no_end"))
        return s.say("words.in_force_yes", label=item.get("label"), basis=basis)
    if item.get("end"):
        return s.say("words.in_force_ended", label=item.get("label"), year=item["end"])
    return s.say("words.in_force_terminated", label=item.get("label"))


def _meta_sources(plan: Plan, items: list[dict[str, Any]], engine: Language) -> list[dict[str, Any]]:
    """What an answer about the graph itself rests on: a definition on the ontology's concepts, the
    kinds and sources on the dataset description (every dataset, with its citation and terms)."""
    if plan.template.id == "definition":
        concepts = sorted(str(i["uri"]) for i in items if i.get("uri"))
        return [{"dataset": "ontology", "title": engine.sentences.say("words.ontology_title"), "version": "",
                 "citation": "", "terms": "", "records": concepts, "record_count": len(concepts)}]
    return [dataset_entry(key, engine.datasets, []) for key in sorted(engine.datasets)]


def _score(frame: Frame) -> float:
    return 100.0


def _sentence(frame: Frame, plan: Plan, items: list[dict[str, Any]], value: Any, extra: str, truncated: bool,
              engine: Language, found: bool) -> str:
    s = engine.sentences
    index = engine.index
    labels = [n.label for n in frame.nations]
    count: Any = value if plan.value in ("count", "count_rows") and isinstance(value, int) else len(items)
    if truncated:
        count = s.say("words.more_than", count=len(items))
    listed = describe_list(items, s) + (s.say("words.list_stops", count=len(items)) if truncated else "")
    agreement = frame.agreement_text or (index.entities[frame.agreements[0]].label
                                         if frame.agreements and frame.agreements[0] in index.entities else "")
    organization = (index.entities[frame.organization].label
                    if frame.organization is not None and frame.organization in index.entities else "")
    fields: dict[str, Any] = {
        "subject": labels[0] if labels else "", "other": labels[1] if len(labels) > 1 else "",
        "agreement": agreement, "organization": organization, "list": listed, "count": count,
        "value": "" if value is None else value, "extra": extra,
        "filters": describe_filters(frame, index, s, with_time=plan.template.id != "members"),
        "of_whom": _of_whom(frame, s), **_years_fields(frame, s),
        "as_of": _as_of(items, engine),
        "last_year": engine.index.dissolved.get(frame.organization, "") if frame.organization else "",
    }
    section = plan.sentence.partition(".")[0]
    empty = not found and plan.value not in ("count", "count_rows")
    keys = [f"{plan.sentence}_empty", f"{section}.empty"] if empty else []
    keys += [plan.sentence, f"{section}.list", f"{section}.empty"]
    text = s.say(next(k for k in keys if s.get(k)), **fields)
    for note in plan.notes:
        text += " " + s.say(f"notes.{note}")
    return text


def _as_of(items: list[dict[str, Any]], engine: Language) -> str:
    """" (as of 2014, COW IGO)" when every membership record comes from one dataset with an end of coverage."""
    datasets = {sid.partition(":")[0] for item in items for sid in item.get("source_ids", [])}
    if len(datasets) != 1:
        return ""
    info = engine.datasets.get(next(iter(datasets)))
    if info is None or not info.coverage_end:
        return ""
    name = engine.sentences.get(f"dataset_names.{info.key}") or info.title
    return engine.sentences.say("words.as_of", year=info.coverage_end[:4], dataset=name)


def _of_whom(frame: Frame, s: Any) -> str:
    suppliers = [n.label for n in frame.nations if n.role == "supplier"]
    recipients = [n.label for n in frame.nations if n.role == "recipient"]
    if suppliers and recipients:
        return s.say("words.from_to", supplier=suppliers[0], recipient=recipients[0])
    if suppliers:
        return s.say("words.from", supplier=suppliers[0])
    if recipients:
        return s.say("words.to", recipient=recipients[0])
    if frame.nations and frame.nations[0].role == "lead":
        return s.say("words.led_by", subject=frame.nations[0].label)
    if len(frame.nations) >= 2:
        return s.say("words.between", subject=frame.nations[0].label, other=frame.nations[1].label)
    if frame.nations:
        return s.say("words.of_nation", subject=frame.nations[0].label)
    if frame.agreements and frame.agreement_text:
        return s.say("words.named", agreement=frame.agreement_text)
    return ""


def _years_fields(frame: Frame, s: Any) -> dict[str, str]:
    t = frame.time
    if t is None:
        return {"years": "", "years_cap": ""}
    if t.point is not None:
        return {"years": s.say("filters.in", point=t.point), "years_cap": s.say("words.years_cap", point=t.point)}
    first, last = t.first, t.last
    return {"years": s.say("filters.between", first=first, last=last),
            "years_cap": s.say("words.years_range_cap", first=first, last=last)}
