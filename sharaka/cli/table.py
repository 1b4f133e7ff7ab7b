"""`sharaka sparql --format table` (the default on a terminal): a query's answer as a table a person can read.

Rows come from the SPARQL JSON results (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE); IRIs of our own
vocabulary are written with their prefixes (sk:, skid: …), literals as their text, and long cells are cut with
"…" (the other formats give every byte)."""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox

from sharaka.kg.vocab import PREFIXES

MAX_CELL = 60
NTRIPLES = "application/n-triples"
# Longest namespace first, so that sector: wins over skid:sector/ where both match.
_PREFIXES = sorted(((str(ns), name) for name, ns in PREFIXES.items()), key=lambda p: -len(p[0]))


def short_iri(iri: str) -> str:
    for namespace, name in _PREFIXES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{name}:{iri[len(namespace):]}"
    return f"<{iri}>"


def cell_of_json(term: dict[str, Any] | None) -> str:
    if term is None:
        return ""
    if term.get("type") == "uri":
        return short_iri(term["value"])
    if term.get("type") == "bnode":
        return "_:" + term["value"]
    return str(term.get("value", ""))


def cell_of_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return short_iri(term.value)
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return str(getattr(term, "value", term))


def cut(text: str) -> str:
    text = " ".join(text.split())  # a newline in a literal would break the row
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def format_rows(header: list[str], rows: list[list[str]]) -> str:
    rows = [[cut(cell) for cell in row] for row in rows]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(header)]
    line = "  ".join("-" * width for width in widths)
    out = ["  ".join(name.ljust(width) for name, width in zip(header, widths, strict=True)).rstrip(), line]
    out += ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    out.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(out)


def render_table(body: bytes, media_type: str) -> str:
    """The table of a result given as SPARQL JSON results or as N-Triples."""
    if media_type == NTRIPLES:
        triples = [[cell_of_term(t.subject), cell_of_term(t.predicate), cell_of_term(t.object)]
                   for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        return format_rows(["subject", "predicate", "object"], triples)
    results = json.loads(body)
    if "boolean" in results:
        return "yes" if results["boolean"] else "no"
    header = list(results["head"].get("vars", []))
    rows = [[cell_of_json(binding.get(name)) for name in header] for binding in results["results"]["bindings"]]
    return format_rows(header, rows)
