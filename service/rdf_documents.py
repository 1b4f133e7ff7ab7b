"""RDF documents the service writes itself (service description, VoID, resource descriptions):
negotiated between HTML and the graph formats of the one media-type table, serialized by rdflib."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from flask import Response, request
from rdflib import Graph, Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from sharaka.errors import NotAcceptable
from sharaka.service.state import state
from sharaka.sparql.formats import (
    GRAPH_FORMATS,
    Choice,
    Format,
    best_match,
    candidates_for,
    format_for,
    from_format_param,
    with_charset,
)
from sharaka.sparql.prefixes import DOCUMENT_PREFIXES, RDF_XML, RDFLIB_JSONLD, RDFLIB_TURTLE, used_prefixes

HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_CACHED_DOCUMENTS = 64  # the URL root in the key comes from the Host header: bound what a client can add


def vary_on_accept(response: Response) -> Response:
    """after_request of every blueprint whose answers (errors too) depend on the Accept header."""
    response.vary.add("Accept")
    return response


def accept_entries() -> list[tuple[str, float]]:
    return list(request.accept_mimetypes)


def document_choice() -> Choice | None:
    """The graph format a client wants (`format=` first, then Accept), or None for an HTML page."""
    override = from_format_param(request.args.getlist("format"), "graph")
    return override if override is not None else accepted_graph_format()


def accepted_graph_format(html: bool = True) -> Choice | None:
    """The graph format the Accept header prefers, or None when it prefers an HTML page (if `html`).
    For */* the first graph format (Turtle) wins; browsers name text/html. NotAcceptable when nothing fits."""
    pages = HTML_TYPES if html else ()
    chosen = best_match(accept_entries(), [*candidates_for("graph"), *pages])
    if chosen is None:
        offered = ", ".join([*pages[:1], *(f.media_type for f in GRAPH_FORMATS)])
        raise NotAcceptable(f"this resource is available as {offered}")
    if chosen in pages:
        return None
    fmt = format_for(chosen, "graph")
    assert fmt is not None
    return Choice(fmt, chosen)


def new_graph(triples: Iterable[tuple[Node, Node, Node]] = ()) -> Graph:
    """A graph with no namespace bound: `serialize` declares the prefixes the document uses, no others."""
    graph = Graph(bind_namespaces="none")
    for s, p, o in triples:
        graph.add((s, p, _plain(o)))
    return graph


def _plain(term: Node) -> Node:
    """xsd:string literals as plain literals (the same in RDF 1.1), so Turtle does not spell out ^^xsd:string."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def serialize(graph: Graph, fmt: Format) -> bytes:
    """The graph in a format, declaring only the prefixes it uses (in Turtle, JSON-LD's @context, RDF/XML)."""
    syntax = {"json-ld": RDFLIB_JSONLD, "xml": RDF_XML}.get(fmt.rdflib_name or "", RDFLIB_TURTLE)
    prefixes = used_prefixes(graph, {**DOCUMENT_PREFIXES, **_extra_namespaces(graph)}, syntax)
    for prefix, namespace in prefixes.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    options: dict[str, Any] = {"context": prefixes} if fmt.rdflib_name == "json-ld" else {}
    return graph.serialize(format=fmt.rdflib_name or "turtle", encoding="utf-8", **options)


def _extra_namespaces(graph: Graph) -> dict[str, str]:
    """Namespaces a document binds itself beyond ours (the service description's `sd:`)."""
    return {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix and prefix not in DOCUMENT_PREFIXES}


def graph_response(graph: Graph, choice: Choice) -> Response:
    return _rdf_response(serialize(graph, choice.format), choice)


def _rdf_response(body: bytes, choice: Choice) -> Response:
    response = Response(body, content_type=with_charset(choice.content_type))
    if request.args.get("format"):
        response.headers["Content-Disposition"] = f'inline; filename="sharaka.{choice.format.suffix}"'
    return response


def html_response(body: str, status: int = 200) -> Response:
    return Response(body, status=status, content_type="text/html; charset=utf-8")


def cached_document(name: str, choice: Choice | None, build: Callable[[], Response]) -> Response:
    """A document that depends only on the graph (VoID, the ontology), built once per app and representation.

    The graph does not change while the app runs (its store is fixed when the app is created); the key
    holds the store and the URL root too (VoID names the endpoint's absolute URL; pages link below the root).
    Only 200s are kept: a store that is not loaded yet is asked again."""
    cache = state().documents
    representation = (choice.format.name, choice.content_type) if choice else ("html",)
    key = (name, id(state().store), request.url_root, *representation)
    body = cache.get(key)
    if body is None:
        response = build()
        if response.status_code == 200:
            if len(cache) >= MAX_CACHED_DOCUMENTS:
                cache.clear()
            cache[key] = response.get_data()
        return response
    return _rdf_response(body, choice) if choice else html_response(body.decode())
