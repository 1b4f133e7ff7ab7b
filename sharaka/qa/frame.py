"""The typed frame of a question: what it asks about, in which roles, filtered how, aggregated how.

The interpretation (interpret.py) fills it from the linked question; the scope stage (scope.py)
decides whether it can be answered; the compiler (compile.py) turns it into one query shape and
its bindings. `explanation.frame` in every answer is `Frame.to_dict()`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import URIRef

# What the question is about (the relation asked for).
INTENTS = ("partners", "agreements", "nations", "parties", "members", "organizations", "summary", "facts",
           "coverage", "definition", "capabilities", "sources")
# How the answer is aggregated.
AGGREGATES = ("list", "count", "exists", "first", "latest", "top", "most", "when")
ROLES = ("party", "supplier", "recipient", "lead", "member", "observer")


@dataclass
class Nation:
    """A nation of the question in its role (supplier, recipient, lead or plain party)."""

    uri: URIRef
    label: str
    text: str
    role: str = "party"


@dataclass
class TimeFilter:
    """Years asked about. `aspect`: "event" (signed, ordered, held: the start year), "in_force" (a state
    of affairs: in force, with each party's own entry and exit), "joined" (a membership's start)."""

    first: int | None
    last: int | None
    point: int | None
    text: str
    aspect: str = "event"

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.first, "to": self.last, "point": self.point, "text": self.text, "aspect": self.aspect}


@dataclass
class Frame:
    intent: str = ""
    aggregate: str = "list"
    nations: list[Nation] = field(default_factory=list)
    answer_role: str | None = None  # the role of the nations answered (suppliers of X: supplier)
    kinds: list[URIRef] = field(default_factory=list)  # any of (a kind filter matches any of its kinds)
    sectors: list[URIRef] = field(default_factory=list)
    obligations: list[URIRef] = field(default_factory=list)
    weapons: list[URIRef] = field(default_factory=list)
    deals: list[URIRef] = field(default_factory=list)  # the deals of a weapon named by its designation
    deals_text: str = ""
    agreements: list[URIRef] = field(default_factory=list)  # named agreements, series or groups
    agreement_text: str = ""
    organization: URIRef | None = None  # the organization asked about ("members of the OIC")
    member_filter: URIRef | None = None  # answered nations only among its members ("which OIC members")
    member_filter_text: str = ""
    membership: str = "current"  # current, at_year, joined, left, observers (members intent)
    now: bool = False  # the question says "now", "current", "today"
    delivered: bool = False  # "received", "got": only deals with a delivery year
    party_change: str = ""  # joined, left (agreement parties that joined later or left)
    time: TimeFilter | None = None
    limit: int | None = None
    concept: list[URIRef] = field(default_factory=list)  # the term to define
    ignored: list[str] = field(default_factory=list)  # words read and not used (said in the explanation)
    not_understood: list[str] = field(default_factory=list)  # words that change the meaning, not understood

    def role_of(self, role: str) -> list[Nation]:
        return [n for n in self.nations if n.role == role]

    @property
    def uses_roles(self) -> bool:
        return self.answer_role in ("supplier", "recipient") or any(
            n.role in ("supplier", "recipient") for n in self.nations)

    def to_dict(self) -> dict[str, Any]:
        return {
            "intent": self.intent, "aggregate": self.aggregate,
            "nations": [{"uri": str(n.uri), "label": n.label, "text": n.text, "role": n.role} for n in self.nations],
            "answer_role": self.answer_role,
            "kinds": [str(u) for u in self.kinds], "sectors": [str(u) for u in self.sectors],
            "obligations": [str(u) for u in self.obligations], "weapons": [str(u) for u in self.weapons],
            "weapon_designation": self.deals_text or None, "deals": len(self.deals),
            "agreements": [str(u) for u in self.agreements[:20]],
            "organization": str(self.organization) if self.organization else None,
            "member_filter": str(self.member_filter) if self.member_filter else None,
            "membership": self.membership if self.intent == "members" else None, "now": self.now,
            "delivered": self.delivered,
            "party_change": self.party_change or None,
            "time": self.time.to_dict() if self.time else None,
            "limit": self.limit, "ignored": self.ignored, "not_understood": self.not_understood,
        }
