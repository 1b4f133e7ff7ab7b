"""What a SPARQL query from outside must pass before any store sees it, and the one text that is then executed.

`check` reads the user's text once (sharaka.sparql.grammar: our lexer and an LL(1) reading of the SPARQL 1.1
grammar, linear in the length of the text) and returns a CheckedQuery whose `text` is the canonical text: the
same tokens, written without comments, escapes or BASE, one space apart. Every check below is taken on that
reading, and that text is the only one executed, by the embedded store, its workers and a remote store alike;
so no second parser can read something else into it (docs/hardening.md, "What a SPARQL query must pass").

Refused (400 problem+json): empty, longer than `max_query_length`, nested deeper than `max_query_nesting`,
not SPARQL 1.1 (with the line and column of the fault), an update form, SERVICE anywhere, FROM / FROM NAMED on a
graph that is not ours (Oxigraph ignores FROM when the default graph is the union of the named graphs, so the
dataset is returned for the caller to pass on). Relative IRIs are resolved against `base_iri` (the endpoint's
URL) and written absolute.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from sharaka.errors import ForbiddenQuery, MalformedQuery, QueryTooDeep, QueryTooLong, SharakaError
from sharaka.kg.vocab import GRAPH, graph_name
from sharaka.sparql.cost import expensive_shape
from sharaka.sparql.grammar import QueryReader
from sharaka.sparql.lexer import position
from sharaka.sparql.patterns import Group
from sharaka.sparql.reader import NESTING_CEILING, Canonical
from sharaka.sparql.scan import scan
from sharaka.store import DatasetSpec

# Oxigraph's syntax errors: "error at LINE:COLUMN: expected …"; among the expected items, its own sentences.
_STORE_POSITION = re.compile(r"error at (\d+):(\d+): (?:expected (?:one of )?)?(.*)", re.DOTALL)
_SENTENCE = re.compile(r"[A-Z][a-z]+(?: [^,]+)+")


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed every check: `text` is what must be executed, and nothing else."""

    text: str  # the canonical text
    kind: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    dataset: DatasetSpec = field(default_factory=DatasetSpec)  # from FROM / FROM NAMED
    base_iri: str | None = None  # relative IRIs were resolved against it (the text holds none)
    expensive: str = ""  # why its shape is obviously expensive (sharaka.sparql.cost), when asked
    depth: int = 0  # the deepest nesting of { ( [
    source: str = field(default="", repr=False)  # the user's text, for placing errors
    canonical: Canonical | None = field(default=None, repr=False, compare=False)  # where each token came from
    where: Group | None = field(default=None, repr=False, compare=False)  # the shape, for the cost check

    def locate(self, error: SharakaError) -> SharakaError:
        """An error the store reported at a position of the canonical text, placed where the user wrote it
        (line and column members added); other errors unchanged."""
        found = _STORE_POSITION.search(error.detail)
        if not isinstance(error, MalformedQuery) or found is None or self.canonical is None:
            return error
        line, column = int(found.group(1)), int(found.group(2))
        offset = sum(len(part) + 1 for part in self.text.split("\n")[:line - 1]) + column - 1
        where_line, where_column = position(self.source, self.canonical.source_offset(offset))
        sentences = _SENTENCE.findall(found.group(3))
        why = "; ".join(sentences) if sentences else "the store cannot read the query from here on"
        return MalformedQuery(f"syntax error at line {where_line}, column {where_column}: {why}",
                              line=where_line, column=where_column)


def check(text: str | None, *, max_length: int, max_nesting: int | None, graphs: Collection[str] | None = None,
          base_iri: str | None = None, judge_cost: bool = False) -> CheckedQuery:
    """The checked query, or a 400-class SharakaError saying what is wrong and where. Linear in the length of
    the text (well under a millisecond for a lookup; see benchmarks/guard_worst_case.py)."""
    if text is None or not text.strip():
        raise MalformedQuery("the query is empty")
    if len(text) > max_length:
        raise QueryTooLong(f"the query is {len(text):,} characters long; the limit is {max_length:,}",
                           setting="max_query_length", limit=max_length)
    try:
        reading = QueryReader(text, max_nesting, base_iri).read()
    except RecursionError:  # a backstop for expressions nested near the ceiling (each level is ~8 calls deep)
        raise QueryTooDeep("the query nests expressions too deeply to be read", setting="max_query_nesting",
                           limit=min(max_nesting or NESTING_CEILING, NESTING_CEILING)) from None
    dataset = DatasetSpec(tuple(check_graph_iri(g, "FROM", graphs) for g in reading.default_graphs),
                          tuple(check_graph_iri(g, "FROM NAMED", graphs) for g in reading.named_graphs))
    return CheckedQuery(reading.text, reading.kind, dataset, base_iri,
                        expensive_shape(reading.where) if judge_cost else "", reading.depth, text,
                        reading.canonical, reading.where)


def judge(query: CheckedQuery) -> str:
    """Why a checked query's shape is obviously expensive ("" if nothing says so)."""
    return query.expensive or expensive_shape(query.where)


def check_graph_iri(iri: str, where: str, graphs: Collection[str] | None = None) -> str:
    """A graph named by FROM / FROM NAMED or default-graph-uri / named-graph-uri must be one of ours
    (one the store holds, when the caller knows them)."""
    if graph_name(iri) is None or (graphs is not None and iri not in graphs):
        raise ForbiddenQuery(f"{where} <{iri}> is not a graph of this store; graphs are named "
                             f"{GRAPH}<source>, e.g. {GRAPH}atop")
    return iri


def protocol_dataset(default_graph_uris: list[str], named_graph_uris: list[str]) -> DatasetSpec | None:
    """The dataset of the SPARQL Protocol's default-graph-uri / named-graph-uri parameters; when given it
    replaces the query's FROM / FROM NAMED (SPARQL 1.1 Protocol §2.1.4)."""
    if not default_graph_uris and not named_graph_uris:
        return None
    return DatasetSpec(tuple(check_graph_iri(g, "default-graph-uri") for g in default_graph_uris),
                       tuple(check_graph_iri(g, "named-graph-uri") for g in named_graph_uris))


def precheck(text: str | None, max_length: int, max_nesting: int | None = None) -> str:
    """The checks made in the request, before a query is handed to a worker that reads it with `check`: empty, too
    long, a lone carriage return or a control character, a string or IRI not closed, a backslash outside them, the
    keyword SERVICE, nested too deeply. A few passes of regular expressions, linear, and under 10 ms for the worst
    20,000 characters we could write (benchmarks/guard_worst_case.py); `check` alone decides what runs. The text,
    unchanged."""
    if text is None or not text.strip():
        raise MalformedQuery("the query is empty")
    if len(text) > max_length:
        raise QueryTooLong(f"the query is {len(text):,} characters long; the limit is {max_length:,}",
                           setting="max_query_length", limit=max_length)
    scan(text, max_nesting)
    return text


# -- the former interface, kept until every caller uses `check` ---------------------------------------------
ParsedQuery = CheckedQuery


def check_query(text: str | None, max_length: int, graphs: Collection[str] | None = None,
                max_nesting: int | None = None, judge_cost: bool = False,
                base_iri: str | None = None) -> CheckedQuery:
    return check(text, max_length=max_length, max_nesting=max_nesting, graphs=graphs, base_iri=base_iri,
                 judge_cost=judge_cost)


def nesting_depth(text: str) -> int:
    """How deep { ( [ nest in a query (which must be valid SPARQL)."""
    return check(text, max_length=len(text) + 1, max_nesting=None).depth
