"""What a SPARQL query from outside must pass before any store sees it.

Parsed with rdflib's parser and algebra (the store never runs a query rdflib did not understand):
only SELECT/ASK/CONSTRUCT/DESCRIBE; no update; no SERVICE anywhere (Oxigraph would make the HTTP
request); FROM / FROM NAMED only on our own graphs (we never fetch). The dataset is returned, because
Oxigraph ignores FROM when the default graph is the union of the named graphs: the caller passes it on.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg.vocab import GRAPH, graph_name
from sharaka.errors import ForbiddenQuery, MalformedQuery, QueryTooDeep, QueryTooLong
from sharaka.query_cost import expensive_shape
from sharaka.store import DatasetSpec

QUERY_KINDS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
               "DescribeQuery": "DESCRIBE"}

# A second, lexical guard against SERVICE, on the raw text that the store will parse. It catches what a
# difference between rdflib's parser and Oxigraph's could hide (measured: rdflib ends a comment only at
# LF, Oxigraph also at CR, so `# x\rSERVICE <…>` was invisible to rdflib). It may refuse the word in a
# comment or a string followed by an IRI or a variable; that is the price of never making the request.
_SERVICE_KEYWORD = re.compile(r"(?<![\w:/#.?$-])SERVICE\s*(?:SILENT\s*)?(?:[<?$:\\]|[^\W\d][\w.-]*:)",
                              re.IGNORECASE)
_LONE_CR = re.compile(r"\r(?!\n)")
# What nests in SPARQL, and what to step over when counting it: strings, IRIs and comments may hold
# brackets that are not brackets. A '<' that does not start an IRI is the less-than operator.
_NESTING_TOKEN = re.compile(r'''
    """.*?""" | '{3}.*?'{3}
  | "(?:[^"\\\n\r]|\\.)*" | '(?:[^'\\\n\r]|\\.)*'
  | <[^<>"{}|^`\\\x00-\x20]*>
  | \#[^\n\r]*
  | [{(\[] | [})\]]
''', re.DOTALL | re.VERBOSE)
_OPENERS = frozenset("{([")
# pyparsing's grammar objects are shared; parse one query at a time.
_PARSE_LOCK = threading.Lock()


@dataclass(frozen=True)
class ParsedQuery:
    kind: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    dataset: DatasetSpec = field(default_factory=DatasetSpec)
    text: str = ""
    expensive: str = ""  # why its shape is obviously expensive (sharaka.query_cost), when asked


def check_graph_iri(iri: str, where: str, graphs: Collection[str] | None = None) -> str:
    """A graph named by FROM / FROM NAMED or default-graph-uri / named-graph-uri must be one of ours
    (one the store holds, when the caller knows them)."""
    if graph_name(iri) is None or (graphs is not None and iri not in graphs):
        raise ForbiddenQuery(f"{where} <{iri}> is not a graph of this store; graphs are named "
                             f"{GRAPH}<source>, e.g. {GRAPH}atop")
    return iri


def nesting_depth(text: str) -> int:
    r"""How deep { ( [ nest in a query as the parser will see it (\u escapes expanded first, as rdflib
    does). Linear and without recursion, so it is safe on any text."""
    with contextlib.suppress(ValueError):  # an invalid escape: the parser refuses the query anyway
        text = expandUnicodeEscapes(text)
    depth = deepest = 0
    for match in _NESTING_TOKEN.finditer(text):
        token = match.group()
        if len(token) != 1:
            continue  # a string, an IRI or a comment
        if token in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth = max(depth - 1, 0)
    return deepest


def _parse(text: str) -> Any:
    try:
        with _PARSE_LOCK:
            return translateQuery(parseQuery(text))
    except RecursionError:
        # The nesting limit is checked before parsing; this is the backstop for what it does not count.
        raise QueryTooDeep("the query nests groups or expressions too deeply for the parser",
                           setting="max_query_nesting") from None
    except Exception as exc:
        if _is_update(text):
            raise ForbiddenQuery("this endpoint only answers queries; SPARQL Update (INSERT, DELETE, LOAD, "
                                 "CLEAR, DROP, CREATE, …) is not allowed") from None
        raise MalformedQuery(f"syntax error: {_first_line(exc)}") from None


def _is_update(text: str) -> bool:
    try:
        with _PARSE_LOCK:
            parseUpdate(text)
        return True
    except (Exception, RecursionError):
        return False


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


def _walk(node: Any) -> list[CompValue]:
    """Every algebra node (iteratively: the tree can be deep)."""
    found, stack = [], [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set):
            stack.extend(item)
    return found


def _dataset(algebra: CompValue, graphs: Collection[str] | None) -> DatasetSpec:
    default: list[str] = []
    named: list[str] = []
    # CompValue.get returns the key itself for a missing key; the plain dict lookup does not.
    for clause in dict.get(algebra, "datasetClause") or []:
        if "default" in clause:
            default.append(check_graph_iri(str(clause["default"]), "FROM", graphs))
        if "named" in clause:
            named.append(check_graph_iri(str(clause["named"]), "FROM NAMED", graphs))
    return DatasetSpec(tuple(default), tuple(named))


def precheck(text: str | None, max_length: int, max_nesting: int | None = None) -> str:
    """The checks that cost nothing, made before a query is handed to a worker: empty, too long, nested
    too deeply (when `max_nesting` is given), a lone carriage return, the word SERVICE."""
    if text is None or not text.strip():
        raise MalformedQuery("the query is empty")
    if len(text) > max_length:
        raise QueryTooLong(f"the query is {len(text):,} characters long; the limit is {max_length:,}",
                           setting="max_query_length", limit=max_length)
    if max_nesting is not None:
        depth = nesting_depth(text)
        if depth > max_nesting:
            raise QueryTooDeep(f"the query nests {{ }}, ( ) or [ ] {depth} levels deep; the limit is {max_nesting}",
                               setting="max_query_nesting", limit=max_nesting)
    if _LONE_CR.search(text):
        raise MalformedQuery("the query contains a carriage return without a line feed; use LF or CRLF line ends")
    if _SERVICE_KEYWORD.search(text):
        raise ForbiddenQuery("SERVICE (federated query) is not allowed: this endpoint never calls other services")
    return text


def check_query(text: str | None, max_length: int, graphs: Collection[str] | None = None,
                max_nesting: int | None = None, judge_cost: bool = False) -> ParsedQuery:
    """The query's kind and dataset (and with `judge_cost`, whether its shape is obviously expensive), or a
    400-class SharakaError saying what is wrong. Parsing can take seconds for a long, contrived query: the
    endpoint does it inside its killable workers (having checked the nesting before, in the request, with
    `precheck`)."""
    text = precheck(text, max_length, max_nesting)
    query = _parse(text)
    nodes = _walk(query.algebra)
    if any(node.name == "ServiceGraphPattern" for node in nodes):
        raise ForbiddenQuery("SERVICE (federated query) is not allowed: this endpoint never calls other services")
    kind = QUERY_KINDS.get(query.algebra.name)
    if kind is None:
        raise MalformedQuery(f"unsupported query form {query.algebra.name}")
    return ParsedQuery(kind, _dataset(query.algebra, graphs), text,
                       expensive_shape(query.algebra) if judge_cost else "")


def protocol_dataset(default_graph_uris: list[str], named_graph_uris: list[str]) -> DatasetSpec | None:
    """The dataset of the SPARQL Protocol's default-graph-uri / named-graph-uri parameters; when given it
    replaces the query's FROM / FROM NAMED (SPARQL 1.1 Protocol §2.1.4)."""
    if not default_graph_uris and not named_graph_uris:
        return None
    return DatasetSpec(tuple(check_graph_iri(g, "default-graph-uri") for g in default_graph_uris),
                       tuple(check_graph_iri(g, "named-graph-uri") for g in named_graph_uris))
