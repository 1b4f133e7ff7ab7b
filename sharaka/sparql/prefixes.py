"""The prefixes an RDF document uses: Turtle, JSON-LD and RDF/XML declare those and no others.

rdflib binds ~30 namespaces by default (brick, sosa, …) and puts them all in a JSON-LD `@context`; a
CONSTRUCT result serialized with our whole prefix table declares 14, mostly unused. A document declares a
prefix here only when one of its IRIs (subject, predicate, object or literal datatype) is that namespace
plus a local name the serializers write as a prefixed name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import Literal, URIRef

from sharaka.kg.vocab import PREFIXES

# Not `skid:` (…/id/): its local names hold slashes, which Turtle would have to escape.
DOCUMENT_PREFIXES: dict[str, str] = {prefix: str(ns) for prefix, ns in PREFIXES.items() if prefix != "skid"}
# A local name every serializer writes without escapes (a subset of Turtle's PN_LOCAL); an empty one is fine.
_PLAIN_LOCAL = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?\Z")
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = RDF + "type"
_STRINGS = frozenset({XSD + "string", RDF + "langString"})  # no serializer writes these datatypes


@dataclass(frozen=True)
class Syntax:
    """Where a syntax writes IRIs as prefixed names (measured on rdflib 7.6 and pyoxigraph 0.5)."""

    type_is_keyword: bool  # rdf:type written `a` (Turtle) or `@type` (JSON-LD)
    nodes: bool  # subjects and objects may be prefixed names (not in RDF/XML: rdf:about/rdf:resource hold IRIs)
    datatypes: bool  # literal datatypes may be prefixed names (not in RDF/XML: rdf:datatype holds the IRI)
    bare: frozenset[str] = frozenset()  # datatypes written as bare values (770, true)
    always: tuple[str, ...] = ()  # prefixes the syntax needs whatever the triples (rdf: in RDF/XML)


_NUMBERS = frozenset({XSD + "integer", XSD + "decimal", XSD + "boolean"})
TURTLE = Syntax(True, True, True, _NUMBERS)  # Oxigraph's writer: a double keeps ^^xsd:double
RDFLIB_TURTLE = Syntax(True, True, True, _NUMBERS | {XSD + "double"})
RDFLIB_JSONLD = Syntax(True, True, True, frozenset({XSD + "integer", XSD + "double", XSD + "boolean"}))
RDF_XML = Syntax(False, False, False, always=("rdf",))


def _iris_of_triple(s: Any, p: Any, o: Any, syntax: Syntax) -> Iterable[str]:
    for position, term in (("s", s), ("p", p), ("o", o)):
        if isinstance(term, (URIRef, ox.NamedNode)):
            iri = str(term) if isinstance(term, URIRef) else term.value
            if position == "p":
                if not (syntax.type_is_keyword and iri == RDF_TYPE):
                    yield iri
            elif syntax.nodes:
                yield iri
        elif isinstance(term, (Literal, ox.Literal)) and syntax.datatypes:
            datatype = _datatype(term)
            if datatype and datatype not in _STRINGS and datatype not in syntax.bare:
                yield datatype
        elif isinstance(term, ox.Triple):  # RDF-star: a quoted triple
            yield from _iris_of_triple(term.subject, term.predicate, term.object, syntax)


def _datatype(literal: Literal | ox.Literal) -> str | None:
    if isinstance(literal, Literal):
        return str(literal.datatype) if literal.datatype is not None else None
    return None if literal.language else literal.datatype.value


def used_prefixes(triples: Iterable[Any], prefixes: Mapping[str, str] = DOCUMENT_PREFIXES,
                  syntax: Syntax = TURTLE) -> dict[str, str]:
    """The entries of `prefixes` that `triples` use when written in `syntax` (rdflib (s, p, o) tuples or
    pyoxigraph Triples/Quads), in the order of `prefixes`. Each IRI counts for its longest matching
    namespace, as the serializers pick it."""
    by_length = sorted(prefixes.items(), key=lambda item: -len(item[1]))
    seen_iris: set[str] = set()
    used: set[str] = {prefix for prefix in syntax.always if prefix in prefixes}
    for triple in triples:
        s, p, o = (triple.subject, triple.predicate, triple.object) if isinstance(triple, (ox.Triple, ox.Quad)) \
            else triple
        for iri in _iris_of_triple(s, p, o, syntax):
            if iri in seen_iris:
                continue
            seen_iris.add(iri)
            for prefix, namespace in by_length:
                if iri.startswith(namespace) and _PLAIN_LOCAL.match(iri[len(namespace):]):
                    used.add(prefix)
                    break
    return {prefix: namespace for prefix, namespace in prefixes.items() if prefix in used}
