"""Stage 5, bind: slot values go into the query as a VALUES block made from typed rdflib terms.

Nothing typed by a user reaches the query: values are URIs taken from the graph's own entity
index, or integers we parsed; each is checked here once more before it is written. The one binder
serves the answer shapes (queries/*.rq) and the code's own queries (queries/lexicon/*.rq)."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from sharaka.queries import VALUES_MARKER, NamedQuery, Template, keep_lines
from sharaka.queries.named import named_query

_SAFE_IRI = re.compile(r'^https?://[^\s<>"{}|^`\\]+$')
_LIMIT = re.compile(r"\bLIMIT\s+\d+\s*$", re.IGNORECASE)
_CONDITION = re.compile(r"#\s*if\s+(\w+)\s*$")
SAFE_DATATYPES = {XSD.integer, XSD.boolean}


class UnsafeBinding(ValueError):
    """A value that is not a plain IRI or a typed number/boolean: never written into a query."""


@dataclass
class SlotFill:
    """What the compiler binds: values per SPARQL variable (typed terms), switches, and a LIMIT."""

    values: dict[str, Sequence[Node]] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    limit: int | None = None


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


def year_term(year: int) -> Literal:
    return Literal(int(year), datatype=XSD.integer)


# Variables that narrow what the query finds rather than drive it: several values are written as
# FILTER(?v IN (…)). Oxigraph joins a VALUES block of one or a few rows into the query row by row, but a
# block of hundreds of rows (57 members times 6 kinds of alliance) as a hash join against everything the
# query would find unbound (44 s instead of 20 ms on the full graph).
FILTER_VARIABLES = frozenset({"category", "sector", "obligation", "weapon", "partner", "party", "nationRole",
                              "partnerRole", "otherRole"})
# Predicates listed for a pattern whose subject something else finds (the names of every nation: `?entity a
# sk:Nation ; ?property ?value`) are always a filter: as VALUES rows Oxigraph scans every triple of each predicate
# in the graph first (rdfs:label of 40 000 agreements: 9.6 s instead of 0.2 s for the 3 124 names of nations).
ALWAYS_FILTER_VARIABLES = frozenset({"property"})
MAX_VALUES_ROWS = 512  # the deals of a weapon drive the query well as rows (7 ms) and badly as a filter (390 ms)


def values_block(variables: Sequence[str], values: Mapping[str, Sequence[Node]],
                 filter_variables: frozenset[str] = FILTER_VARIABLES) -> str:
    """One VALUES block of the bound variables that drive the query (their product, kept small), and
    FILTER … IN lines for the others with several values. A variable with no value is left out (unbound)."""
    columns = {v: [term_text(t) for t in values[v]] for v in variables if values.get(v)}
    filters = []
    # Filters only narrow a query something else drives (a nation, an agreement); alone, they drive it
    # ("which alliances were formed in the 2000s": the kinds of alliance are the rows).
    driven = any(v not in filter_variables and v not in ("from", "to") for v in columns)
    for v in [v for v in columns if v in ALWAYS_FILTER_VARIABLES
              or (driven and v in filter_variables and len(columns[v]) > 1)]:
        filters.append(f"FILTER(?{v} IN ({', '.join(columns.pop(v))}))")
    while len(columns) > 1 and math.prod(len(c) for c in columns.values()) > MAX_VALUES_ROWS:
        largest = max(columns, key=lambda v: len(columns[v]))
        filters.append(f"FILTER(?{largest} IN ({', '.join(columns.pop(largest))}))")
    if not columns:
        return "\n  ".join(filters) or "# no values"
    rows = [" ".join(row) for row in itertools.product(*columns.values())]
    block = ("VALUES (" + " ".join(f"?{v}" for v in columns) + ") {\n"
             + "".join(f"    ({row})\n" for row in rows) + "  }")
    return "\n  ".join([block, *filters])


def _bind_text(query: str, variables: Sequence[str], fill: SlotFill) -> str:
    unknown = set(fill.values) - set(variables)
    if unknown:
        raise UnsafeBinding(f"the query has no slot for {sorted(unknown)}")
    text = query.replace(VALUES_MARKER, values_block(variables, fill.values)) if variables else query
    return keep_lines(text, {v for v, terms in fill.values.items() if terms} | fill.flags)


def bind(template: Template, fill: SlotFill) -> BoundQuery:
    unknown_flags = fill.flags - set(template.flags)
    if unknown_flags:
        raise UnsafeBinding(f"{template.id} has no flag {sorted(unknown_flags)}")
    text = _bind_text(template.query, template.variables, fill)
    if fill.limit is not None and _LIMIT.search(text):
        text = _LIMIT.sub(f"LIMIT {int(fill.limit):d}", text)
    bindings = {v: [str(t) for t in fill.values[v]] for v in template.variables if fill.values.get(v)}
    if fill.flags:  # switches change what counts (in force, roles, deliveries): the chat must know them
        bindings["flags"] = sorted(fill.flags)
    if fill.limit is not None and any(s.type == "number" for s in template.slots):
        bindings["limit"] = [str(int(fill.limit))]
    return BoundQuery(text, bindings)


def bind_query(query: NamedQuery, values: Mapping[str, list[Node]]) -> str:
    return _bind_text(query.query, query.variables, SlotFill(values=dict(values)))


# -- the service's named queries (queries/named/*.rq: nation pages, linked data, the editor) -----------------
def _undef_values_block(variables: Sequence[str], values: Mapping[str, Sequence[Node]]) -> str:
    """`VALUES (?a ?b) { … }`: one row per combination of the given terms; a variable without terms is UNDEF."""
    columns = [[term_text(t) for t in values.get(v, [])] or ["UNDEF"] for v in variables]
    rows = [" ".join(row) for row in itertools.product(*columns)]
    return ("VALUES (" + " ".join(f"?{v}" for v in variables) + ") {\n"
            + "".join(f"    ({row})\n" for row in rows) + "  }")


def bind_values(query: str, values: Mapping[str, Node | Sequence[Node]], limit: int | None = None) -> str:
    """A named query (sharaka.queries.named) with its `# {{values}}` line replaced by a VALUES block of
    `values`, and its final LIMIT set to `limit` when given. Refuses a query without the marker or a
    variable it does not use: the query would run unbound, on the whole graph."""
    if VALUES_MARKER not in query and values:
        raise UnsafeBinding(f"the query has no '{VALUES_MARKER}' line to bind {', '.join(values)}")
    for variable in values:
        if not re.search(rf"\?{re.escape(variable)}\b", query):
            raise UnsafeBinding(f"the query does not use ?{variable}")
    columns = {v: [t] if isinstance(t, Node) else list(t) for v, t in values.items()}
    text = query.replace(VALUES_MARKER, _undef_values_block(list(columns), columns)) if columns else query
    text = "\n".join(line for line in text.split("\n")
                     if (condition := _CONDITION.search(line)) is None or condition.group(1) in columns)
    if limit is not None:
        if not _LIMIT.search(text):
            raise UnsafeBinding("the query has no final LIMIT to set")
        text = _LIMIT.sub(f"LIMIT {int(limit):d}", text)
    return text


def named(name: str, limit: int | None = None, **values: Node | Sequence[Node]) -> str:
    """A named query (queries/named/<name>.rq) ready to run: its declared variables bound to `values`."""
    query = named_query(name)
    if not set(query.required) <= set(values) <= set(query.binds):
        raise UnsafeBinding(f"{name} binds {', '.join(query.binds) or 'nothing'}"
                            f"{' (' + ', '.join(query.optional) + ' optional)' if query.optional else ''}, "
                            f"not {', '.join(values) or 'nothing'}")
    return bind_values(query.body, values, limit)
