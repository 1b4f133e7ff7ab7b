"""Linked data: which IRI a path names, and what the graph says about it (for HTML pages and RDF).

Paths are checked with a strict pattern before they become IRIs, each segment quoted the way
`kg.vocab` minted it; IRIs reach queries only as VALUES bound by `sharaka.qa.bind.named`."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from sharaka.kg.vocab import BASE, GRAPH, GRAPH_NAME, ONTOLOGY_URI, PREFIXES, graph_uri
from sharaka.kg.vocab import _key as path_segment  # the quoting that minted our IRIs
from sharaka.qa.bind import named
from sharaka.store import Store

ID_BASE = BASE + "id/"
_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+ -]{0,199}\Z")  # \Z: "$" would let a final newline in
MAX_SEGMENTS = 6
INCOMING_LIMIT = 100
LANGUAGES = ("en", "ar", "fr")
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
NAME_PROPERTIES = (SKOS.prefLabel, RDFS.label)


def iri_for_id_path(path: str) -> URIRef | None:
    """/id/<path> → its IRI; None for anything that cannot be one of ours."""
    segments = path.split("/")
    if not 1 <= len(segments) <= MAX_SEGMENTS or not all(_SEGMENT.match(s) for s in segments):
        return None
    return URIRef(ID_BASE + "/".join(path_segment(s) for s in segments))


def iri_for_graph(name: str) -> URIRef | None:
    return graph_uri(name) if GRAPH_NAME.match(name) else None


def local_href(iri: str) -> str | None:
    """Where one of our IRIs dereferences on this server (same path); None for other IRIs."""
    return "/" + iri[len(BASE):] if iri.startswith(BASE) else None


def link_href(iri: str) -> str | None:
    """Where a link to this IRI goes: our pages, or an http(s) address; never javascript:, data: and the like."""
    return local_href(iri) or (iri if iri.startswith(("http://", "https://")) else None)


def curie(iri: str) -> str:
    best = max(((p, str(ns)) for p, ns in PREFIXES.items() if iri.startswith(str(ns)) and p != "skid"),
               key=lambda pair: len(pair[1]), default=None)
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


# -- queries: named .rq files (queries/named/), bound by sharaka.qa.bind.named -----------------------
def exists(store: Store, iri: URIRef) -> bool:
    return store.ask(named("resource_exists", resource=iri))


def rdf_triples(store: Store, iri: URIRef) -> list[tuple[Node, Node, Node]]:
    """The RDF document of a resource: its statements and the labels of what they link to; the whole
    ontology for the ontology; for a graph (which has no statements of its own) what links to it."""
    if iri == ONTOLOGY_URI:
        return store.construct(named("ontology_document"))
    triples = store.construct(named("resource_document", resource=iri))
    if str(iri).startswith(GRAPH):
        triples += store.construct(named("resource_document_incoming", resource=iri))
    return triples


# -- what a page shows -------------------------------------------------------------------------------
@dataclass
class Value:
    """A term ready for a template: text, and a link or a language when it has one."""

    text: str
    href: str | None = None
    lang: str | None = None
    dir: str | None = None
    datatype: str | None = None
    iri: str | None = None

    @classmethod
    def of(cls, node: Node, label: Node | str | None = None) -> Value:
        if isinstance(node, URIRef):
            iri = str(node)
            href = link_href(iri)
            return cls(str(label) if label is not None else curie(iri), href=href, iri=iri)
        if isinstance(node, Literal):
            lang = node.language
            datatype = curie(str(node.datatype)) if node.datatype else None
            return cls(str(node), lang=lang, dir=("rtl" if lang in RTL_LANGUAGES else "ltr") if lang else None,
                       datatype=datatype)
        return cls(str(node))


@dataclass
class Statement:
    property: Value
    values: list[Value] = field(default_factory=list)


@dataclass
class Description:
    iri: URIRef
    statements: list[Statement]
    raw: list[tuple[URIRef, Node]]  # (property, value) pairs as they are
    incoming: list[tuple[Value, Value]] = field(default_factory=list)  # (subject, property)
    incoming_total: int = 0

    def values(self, prop: URIRef) -> list[Node]:
        return [o for p, o in self.raw if p == prop]

    def first(self, prop: URIRef) -> Node | None:
        found = self.values(prop)
        return found[0] if found else None

    @property
    def names(self) -> dict[str, Value]:
        """The resource's name in each language we show (skos:prefLabel, else rdfs:label)."""
        found: dict[str, Value] = {}
        for prop in NAME_PROPERTIES:
            for value in self.values(prop):
                lang = getattr(value, "language", None)
                if lang in LANGUAGES and lang not in found:
                    found[lang] = Value.of(value)
        return {lang: found[lang] for lang in LANGUAGES if lang in found}

    @property
    def title(self) -> str:
        names = self.names
        if "en" in names:
            return names["en"].text
        plain = next((str(v) for p in NAME_PROPERTIES for v in self.values(p)), None)
        return plain or next((n.text for n in names.values()), None) or str(self.iri).rstrip("/").rsplit("/", 1)[-1]

    @property
    def types(self) -> list[Value]:
        return [v for s in self.statements if s.property.iri == str(RDF.type) for v in s.values]


def describe(store: Store, iri: URIRef) -> Description:
    """Outgoing statements grouped by property (labels resolved), and a capped list of incoming links."""
    grouped: dict[str, Statement] = {}
    raw: list[tuple[URIRef, Node]] = []
    for row in store.select(named("resource_outgoing", resource=iri)).rows:
        prop, value = row["p"], row["o"]
        raw.append((prop, value))  # type: ignore[arg-type]
        statement = grouped.setdefault(str(prop), Statement(Value.of(prop, row.get("plabel"))))
        statement.values.append(Value.of(value, row.get("olabel")))
    incoming = [(Value.of(row["s"], row.get("slabel")), Value.of(row["p"], row.get("plabel")))
                for row in store.select(named("resource_incoming", INCOMING_LIMIT, resource=iri)).rows]
    total = incoming_count(store, iri) if len(incoming) >= INCOMING_LIMIT else len(incoming)
    return Description(iri, list(grouped.values()), raw, incoming, total)


def incoming_count(store: Store, iri: URIRef) -> int:
    rows = store.select(named("resource_incoming_count", resource=iri)).rows
    return int(rows[0]["n"]) if rows else 0  # type: ignore[call-overload]


def graph_size(store: Store, iri: URIRef) -> int:
    rows = store.select(named("graph_size", graph=iri)).rows
    return int(rows[0]["n"]) if rows else 0  # type: ignore[call-overload]


# -- the ontology page: its terms, grouped by subject ---------------------------------------------
@dataclass
class Term:
    id: str  # the fragment: /ontology#Agreement
    label: str
    kind: str
    statements: list[Statement]


def ontology_terms(store: Store) -> list[Term]:
    by_subject: dict[str, list[tuple[Node, Node]]] = defaultdict(list)
    for s, p, o in store.construct(named("ontology_document")):
        by_subject[str(s)].append((p, o))
    labels = {s: str(o) for s, pairs in by_subject.items() for p, o in pairs
              if p == RDFS.label and getattr(o, "language", None) == "en"}
    terms = []
    for subject, pairs in by_subject.items():
        if "#" not in subject:
            continue
        grouped: dict[str, Statement] = {}
        for p, o in sorted(pairs, key=lambda pair: (str(pair[0]), str(pair[1]))):
            label = labels.get(str(o)) if isinstance(o, URIRef) else None
            statement = grouped.setdefault(str(p), Statement(Value.of(p, labels.get(str(p)))))
            statement.values.append(Value.of(o, label))
        kind = "class" if (RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in pairs else "property"
        terms.append(Term(subject.split("#", 1)[1], labels.get(subject, subject.split("#", 1)[1]), kind,
                          list(grouped.values())))
    return sorted(terms, key=lambda t: (t.kind != "class", t.label.lower()))


# -- agreements --------------------------------------------------------------------------------------
def agreement_parties(store: Store, iri: URIRef) -> list[dict[str, Any]]:
    return [{"party": Value.of(row["party"], row.get("label")), "iso3": str(row.get("iso3", "")),
             "join": row.get("join"), "exit": row.get("exit"), "role": row.get("roleLabel")}
            for row in store.select(named("agreement_parties", agreement=iri)).rows]


def agreement_sources(store: Store, iri: URIRef) -> list[dict[str, Any]]:
    return [{"dataset": Value.of(row["dataset"], row.get("title")), "citation": row.get("citation"),
             "record": Value.of(row["record"], row.get("recordId")) if "record" in row else None}
            for row in store.select(named("agreement_sources", agreement=iri)).rows]
