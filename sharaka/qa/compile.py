"""Stage 4, compile: a frame becomes one query shape (queries/*.rq), the values of its slots (typed
terms, bound by bind.py), the switches of its optional lines, the rule that gives the answer's value
and the key of its sentence (vocabulary/<lang>/answers.toml). The table INTENT_COMPILERS is the whole
dispatch: a new combination of filters needs no new shape."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Node

from sharaka.kg.vocab import ROLE
from sharaka.qa.bind import SlotFill, year_term
from sharaka.qa.frame import Frame
from sharaka.qa.lexicon import EntityIndex
from sharaka.queries import Template

DEFAULT_TOP = {"partners": 5, "nations": 10}
VOLUME_KIND = "ArmsTransfer"  # ranked by SIPRI TIV of delivered weapons, not by number of deals


class NotCompilable(ValueError):
    """A frame no shape can answer (the scope stage says so in words)."""


@dataclass
class Plan:
    template: Template
    fill: SlotFill
    sentence: str  # key of the sentence in answers.toml: "<section>.<variant>"
    value: str = "none"  # rule of sharaka/qa/values.py
    keep: str = "all"  # all, max (the nations with the most, ties kept), first, latest (by year)
    notes: list[str] = field(default_factory=list)  # keys of remarks said with the answer


class Compiler:
    def __init__(self, templates: tuple[Template, ...], index: EntityIndex) -> None:
        self.templates = {t.id: t for t in templates}
        self.index = index

    def compile(self, frame: Frame) -> Plan:
        compiler = INTENT_COMPILERS.get(frame.intent)
        if compiler is None:
            raise NotCompilable(f"no shape for intent {frame.intent!r}")
        return compiler(self, frame)

    # -- shared pieces ------------------------------------------------------------------------
    def plan(self, template_id: str, sentence: str, value: str = "none") -> Plan:
        return Plan(self.templates[template_id], SlotFill(), sentence, value)

    def filters(self, plan: Plan, frame: Frame) -> None:
        """Kinds (with the narrower ones), sectors, obligations and weapon categories, where the shape has them."""
        slots = {s.name for s in plan.template.slots}
        wanted: dict[str, list[URIRef]] = {
            "category": self.index.with_narrower(frame.kinds), "sector": list(frame.sectors),
            "obligation": list(frame.obligations), "weapon": self.index.with_narrower(frame.weapons)}
        for name, uris in wanted.items():
            if uris:
                if name not in slots:
                    raise NotCompilable(f"{plan.template.id} cannot filter by {name}")
                plan.fill.values[name] = list(uris)
        if frame.member_filter is not None:
            self.members_only(plan, frame.member_filter)
        if frame.delivered and "delivered" in plan.template.flags:
            plan.fill.flags.add("delivered")
        if frame.deals:
            if "agreement" not in slots or frame.agreements:
                raise NotCompilable(f"{plan.template.id} cannot keep the deals of a weapon")
            plan.fill.values["agreement"] = list(frame.deals)

    def agreement_set(self, frame: Frame) -> list[URIRef]:
        """Named agreements, a series standing for its iterations (with its own record unless a year is
        asked: the curated series record is no iteration, docs/semantics.md)."""
        out: list[URIRef] = []
        for uri in frame.agreements:
            iterations = sorted(self.index.iterations.get(uri, ()))
            keep_own = not iterations or frame.time is None
            out.extend(u for u in ([uri] if keep_own else []) + iterations if u not in out)
        return out

    def members_only(self, plan: Plan, organization: URIRef) -> None:
        """The answered nations bound to the organization's current members (read once from the graph)."""
        variable = plan.template.extra.get("answer_variable")
        if variable is None or plan.template.slot(variable) is None:
            raise NotCompilable(f"{plan.template.id} cannot keep members of an organization only")
        plan.fill.values[variable] = sorted(self.index.members.get(organization, frozenset()))

    def years(self, plan: Plan, frame: Frame, parties: int) -> None:
        """Event years filter the start year; a state of affairs needs the participations."""
        if frame.time is None:
            return
        for var, year in (("from", frame.time.first), ("to", frame.time.last)):
            if year is not None:
                plan.fill.values[var] = [year_term(year)]
        if frame.time.aspect == "in_force" and "inforce" in plan.template.flags:
            plan.fill.flags |= {"inforce"} | ({"participation"} & set(plan.template.flags))
            if parties >= 2 and "pair" in plan.template.flags:
                plan.fill.flags.add("pair")
            if parties == 0 and "solo" in plan.template.flags:
                plan.fill.flags.add("solo")

    def role(self, plan: Plan, variable: str, role: str | None) -> None:
        if role in ("supplier", "recipient"):
            plan.fill.values[variable] = [ROLE[role]]
            plan.fill.flags.add("participation")

    def ranked(self, plan: Plan, frame: Frame, default: int) -> None:
        if frame.aggregate == "top":
            plan.fill.limit = frame.limit or default
        elif frame.aggregate == "most":
            plan.keep = "max"
        elif frame.aggregate == "count":
            plan.value = "count_rows"
        elif frame.aggregate == "exists":
            plan.value = "exists"


# -- one function per intent ------------------------------------------------------------------
def _partners(c: Compiler, frame: Frame) -> Plan:
    if len(frame.nations) >= 2:
        plan = c.plan("common_partners", f"common.{_variant(frame)}")
        plan.fill.values["nation"], plan.fill.values["other"] = [frame.nations[0].uri], [frame.nations[1].uri]
        c.filters(plan, frame)
        c.years(plan, frame, 2)
        c.ranked(plan, frame, DEFAULT_TOP["partners"])
        return plan
    role = frame.answer_role if frame.answer_role in ("supplier", "recipient") else "list"
    plan = c.plan("partners", f"partners.{_variant(frame, role)}")
    plan.fill.values["nation"] = [frame.nations[0].uri]
    c.role(plan, "nationRole", frame.nations[0].role)
    c.role(plan, "partnerRole", frame.answer_role)
    c.filters(plan, frame)
    c.years(plan, frame, 2)
    if "inforce" in plan.fill.flags:
        plan.fill.flags.add("pair")
    c.ranked(plan, frame, DEFAULT_TOP["partners"])
    volume = c.index.concept(VOLUME_KIND)
    if frame.aggregate in ("top", "most") and volume is not None and volume in frame.kinds:
        plan.fill.flags.add("volume")
        plan.notes.append("volume")
    return plan


def _nations(c: Compiler, frame: Frame) -> Plan:
    plan = c.plan("nations", f"nations.{_variant(frame, frame.answer_role or 'list')}")
    c.role(plan, "nationRole", frame.answer_role)
    c.filters(plan, frame)
    c.years(plan, frame, 1)
    c.ranked(plan, frame, DEFAULT_TOP["nations"])
    return plan


def _agreements(c: Compiler, frame: Frame) -> Plan:
    plan = c.plan("agreements", f"agreements.{_variant(frame)}")
    for variable, nation in zip(("nation", "other"), frame.nations[:2], strict=False):
        plan.fill.values[variable] = [nation.uri]
        c.role(plan, f"{variable}Role", nation.role)
        if nation.role == "lead" and variable == "nation":
            plan.fill.flags.add("lead")
    if frame.agreements:
        plan.fill.values["agreement"] = c.agreement_set(frame)
    c.filters(plan, frame)
    c.years(plan, frame, min(len(frame.nations), 2))
    if frame.aggregate == "count":
        plan.fill.flags.add("count")
        plan.value = "count"
    elif frame.aggregate == "exists":
        plan.value = "exists"
    elif frame.aggregate in ("first", "when"):
        plan.fill.flags.add("oldest")
        plan.keep, plan.value = "first", "year_of_kept"
    elif frame.aggregate == "latest":
        plan.keep, plan.value = "latest", "year_of_kept"
    return plan


def _parties(c: Compiler, frame: Frame) -> Plan:
    variant = frame.party_change or ("lead" if frame.answer_role == "lead" else _variant(frame))
    plan = c.plan("parties", f"parties.{variant}")
    plan.fill.values["agreement"] = c.agreement_set(frame)
    if frame.nations and frame.aggregate == "exists":
        plan.fill.values["nation"] = [frame.nations[0].uri]
    for flag in (frame.party_change, "lead" if frame.answer_role == "lead" else ""):
        if flag:
            plan.fill.flags.add(flag)
    # Kind words beside a named agreement describe it ("the Aman naval exercise"): not a filter.
    if frame.member_filter is not None:
        c.members_only(plan, frame.member_filter)
    c.years(plan, frame, 1)
    c.ranked(plan, frame, DEFAULT_TOP["nations"])
    return plan


def _members(c: Compiler, frame: Frame) -> Plan:
    assert frame.organization is not None
    nation = frame.nations[0].uri if frame.nations else None
    if nation is not None:
        variant, value = ("when", "join_year") if frame.aggregate == "when" else ("exists", "membership")
        if frame.membership == "observers":
            variant = f"observer_{variant}"  # "since when is Russia an observer": its observer record
    else:
        variant, value = frame.membership, "none"
    if frame.aggregate == "count":
        variant, value = f"count_{frame.membership}", "count_rows"
    plan = c.plan("members", f"members.{variant}", value)
    plan.fill.values["organization"] = [frame.organization]
    # The primary dataset (the OIC's list) for today's members and their years; history (members in a year,
    # those that left) also from the second (COW IGO: the OIC list records no exits).
    historical = frame.membership in ("left", "at_year") and nation is None
    if frame.organization in c.index.primary_dataset and not historical:
        plan.fill.values["primary"] = [c.index.primary_dataset[frame.organization]]
    last_year = c.index.dissolved.get(frame.organization)
    if nation is None and frame.member_filter is not None:  # "which OIC members are in NATO": among the OIC's
        plan.fill.values["member"] = sorted(c.index.members.get(frame.member_filter, frozenset()))
    if nation is not None:
        plan.fill.values["member"] = [nation]
        if frame.membership == "observers":
            plan.fill.flags.add("observers")
    elif frame.membership == "current" and last_year is not None and frame.now:
        plan.sentence = plan.sentence.replace("current", "none_now")  # "the current members of CENTO": none
        plan.fill.flags.add("current")
    elif frame.membership == "current" and last_year is not None and frame.time is None:
        # an organization whose memberships all ended: its members in its last year
        plan.sentence = plan.sentence.replace("current", "dissolved")
        plan.fill.values["from"] = plan.fill.values["to"] = [year_term(last_year)]
        plan.fill.flags.add("inforce")
    elif frame.membership in ("current", "left", "observers", "joined"):
        plan.fill.flags.add(frame.membership)
    if frame.time is not None:
        for var, year in (("from", frame.time.first), ("to", frame.time.last)):
            if year is not None:
                plan.fill.values[var] = [year_term(year)]
        if frame.membership != "joined":
            plan.fill.flags.discard("current")
            plan.fill.flags.add("inforce")
    return plan


def _simple(template_id: str, value: str = "none", slot: str | None = None) -> Callable[[Compiler, Frame], Plan]:
    def compile_(c: Compiler, frame: Frame) -> Plan:
        plan = c.plan(template_id, f"{template_id}.list", value)
        values: list[Node] = []
        if slot == "nation":
            values = [frame.nations[0].uri]
        elif slot == "agreement":
            values = list(frame.agreements)
        elif slot == "concept":
            values = list(frame.concept)
        if slot is not None:
            plan.fill.values[slot] = values
        return plan
    return compile_


def _facts(c: Compiler, frame: Frame) -> Plan:
    when = frame.aggregate == "when"
    plan = c.plan("agreement_facts", "facts.when" if when else "facts.in_force", "first_start" if when else "in_force")
    plan.fill.values["agreement"] = list(frame.agreements)
    return plan


def _variant(frame: Frame, base: str = "list") -> str:
    if frame.aggregate in ("count", "exists", "top", "most", "first", "latest", "when"):
        return frame.aggregate if base == "list" else f"{base}_{frame.aggregate}"
    return base


INTENT_COMPILERS: dict[str, Callable[[Compiler, Frame], Plan]] = {
    "partners": _partners, "nations": _nations, "agreements": _agreements, "parties": _parties,
    "members": _members, "facts": _facts,
    "coverage": _simple("agreement_coverage", slot="agreement"),
    "organizations": _simple("organizations", slot="nation"),
    "summary": _simple("summary", slot="nation"),
    "definition": _simple("definition", slot="concept"),
    "capabilities": _simple("capabilities", "examples"),
    "sources": _simple("sources"),
}
