"""Stage 4, bind: slot values go into the query as a VALUES block made from typed rdflib terms.

Nothing typed by a user reaches the query: values are URIs taken from the graph's own entity
index, or integers we parsed; each is checked here once more before it is written."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from queries import VALUES_MARKER, Template
from sharaka.qa.route import SlotFill

_SAFE_IRI = re.compile(r'^https?://[^\s<>"{}|^`\\]+$')
_LIMIT = re.compile(r"\bLIMIT\s+\d+\s*$", re.IGNORECASE)
_CONDITION = re.compile(r"#\s*if\s+(\w+)\s*$")
SAFE_DATATYPES = {XSD.integer, XSD.boolean}


class UnsafeBinding(ValueError):
    """A value that is not a plain IRI or a typed number/boolean: never written into a query."""


@dataclass(frozen=True)
class BoundQuery:
    text: str
    bindings: dict[str, list[str]]


def term_text(term: Node) -> str:
    if isinstance(term, URIRef):
        if not _SAFE_IRI.fullmatch(str(term)):
            raise UnsafeBinding(f"refusing to bind IRI {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal) and term.datatype in SAFE_DATATYPES and term.language is None:
        lexical = str(term)
        if term.datatype == XSD.integer and re.fullmatch(r"-?\d{1,6}", lexical):
            return lexical
        if term.datatype == XSD.boolean and lexical in ("true", "false"):
            return lexical
    raise UnsafeBinding(f"refusing to bind {term!r}")


def _keep(line: str, fill: SlotFill) -> bool:
    """A line ending in `# if x` is a filter on slot variable x: kept only when x has a value, so an
    absent filter costs nothing (no `!BOUND(?x) ||` evaluated row by row)."""
    condition = _CONDITION.search(line)
    return condition is None or condition.group(1) in fill.values


def bind(template: Template, fill: SlotFill) -> BoundQuery:
    variables: list[str] = [v for slot in template.slots for v in slot.variables]
    columns = [[term_text(t) for t in fill.values.get(v, [])] or ["UNDEF"] for v in variables]
    rows = [" ".join(row) for row in itertools.product(*columns)]
    values_block = ("VALUES (" + " ".join(f"?{v}" for v in variables) + ") {\n"
                    + "".join(f"    ({row})\n" for row in rows) + "  }")
    text = template.query.replace(VALUES_MARKER, values_block) if variables else template.query
    text = "\n".join(line for line in text.split("\n") if _keep(line, fill))
    if fill.limit is not None and _LIMIT.search(text):
        text = _LIMIT.sub(f"LIMIT {int(fill.limit):d}", text)
    bindings = {v: [str(t) for t in fill.values[v]] for v in variables if v in fill.values}
    if fill.limit is not None and any(s.type == "number" for s in template.slots):
        bindings["limit"] = [str(int(fill.limit))]
    return BoundQuery(text, bindings)
