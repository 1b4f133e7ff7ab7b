"""Where the graph lives. One interface, two stores: embedded Oxigraph (default) or a remote SPARQL server.

Queries are strings. The QA engine writes its bindings into the query as a VALUES block made
from typed rdflib terms (see sharaka.qa.bind), so the same text runs on either store and is
what the answer shows as `sparql`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from sharaka.errors import MalformedQuery

log = logging.getLogger(__name__)

Row = dict[str, Node]


def iri(row: Row, name: str) -> URIRef:
    """The IRI a query's own variable is bound to (a variable the query always binds to an IRI)."""
    value = row[name]
    if not isinstance(value, URIRef):
        raise TypeError(f"?{name} is {value!r}, not an IRI")
    return value


def integer(row: Row, name: str) -> int | None:
    """The integer a variable is bound to, None when it is unbound."""
    value = row.get(name)
    if value is None:
        return None
    if not isinstance(value, Literal):
        raise TypeError(f"?{name} is {value!r}, not a literal")
    return int(value.toPython())


@dataclass
class SelectResult:
    variables: list[str]
    rows: list[Row]
    truncated: bool = False


@dataclass
class DatasetSpec:
    """An RDF dataset chosen by FROM / FROM NAMED or the protocol's default-graph-uri / named-graph-uri."""

    default_graphs: Sequence[str] = field(default_factory=tuple)
    named_graphs: Sequence[str] = field(default_factory=tuple)

    @property
    def given(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


class Store(Protocol):
    """What the QA engine, the service and the CLI need from a store."""

    kind: str

    def select(self, query: str, limit: int | None = None) -> SelectResult: ...

    def ask(self, query: str) -> bool: ...

    def construct(self, query: str) -> list[tuple[Node, Node, Node]]: ...

    def triple_count(self) -> int: ...

    def ping(self) -> bool: ...


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> Node | None:
    """pyoxigraph term → rdflib term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unsupported term {term!r}")


class MemoryStore:
    """The embedded store: pyoxigraph (in memory, or its read-only on-disk copy), also exposed as an rdflib
    Dataset (oxrdflib).

    The default graph of every query is the union of the named graphs (one per source)."""

    kind = "memory"

    def __init__(self, inner: ox.Store, source: Path | None = None, disk: Path | None = None) -> None:
        self.inner = inner
        # What it was opened from, so that the /sparql workers open the same graph the same way: the N-Quads file,
        # and the read-only on-disk copy when it is one.
        self.source = source
        self.disk = disk
        self.rdflib = Dataset(store=OxigraphStore(store=inner), default_union=True)
        self._count: int | None = None
        self._lock = threading.Lock()

    @classmethod
    def open_built(cls, path: Path) -> MemoryStore:
        """The embedded store as the service opens it: the read-only on-disk copy of the built graph (opens in
        milliseconds, shared by processes), or the graph loaded in memory when no copy can be made."""
        from sharaka.store.disk import disk_copy

        copy = disk_copy(path)
        if copy is None:
            return cls.from_nquads(path)
        return cls(ox.Store.read_only(str(copy)), source=path, disk=copy)

    @classmethod
    def from_nquads(cls, path: Path) -> MemoryStore:
        inner = ox.Store()
        # Lenient: the file is our own build output (canonical N-Quads, checked by the build and SHACL);
        # skipping IRI and literal validation takes about a quarter off the load (0.75 → 0.57 s at 1×).
        inner.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS, lenient=True)
        return cls(inner, source=path)

    def dump(self, path: Path) -> None:
        """Write every quad to `path` as N-Quads (for processes that must load this very graph)."""
        self.inner.dump(str(path), format=ox.RdfFormat.N_QUADS)

    def _query(self, query: str) -> object:
        try:
            return self.inner.query(query, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise MalformedQuery(str(exc)) from None

    def select(self, query: str, limit: int | None = None) -> SelectResult:
        result = self._query(query)
        if not isinstance(result, ox.QuerySolutions):
            raise MalformedQuery("expected a SELECT query")
        variables = [v.value for v in result.variables]
        rows: list[Row] = []
        truncated = False
        for solution in result:
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            row: Row = {}
            for name in variables:
                value = from_ox(solution[name])
                if value is not None:
                    row[name] = value
            rows.append(row)
        return SelectResult(variables, rows, truncated)

    def ask(self, query: str) -> bool:
        result = self._query(query)
        if not isinstance(result, ox.QueryBoolean):
            raise MalformedQuery("expected an ASK query")
        return bool(result)

    def construct(self, query: str) -> list[tuple[Node, Node, Node]]:
        result = self._query(query)
        if not isinstance(result, ox.QueryTriples):
            raise MalformedQuery("expected a CONSTRUCT or DESCRIBE query")
        return [(from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)) for t in result]  # type: ignore[misc]

    def triple_count(self) -> int:
        with self._lock:
            if self._count is None:
                self._count = len(self.inner)
            return self._count

    def ping(self) -> bool:
        return True

