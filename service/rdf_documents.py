"""RDF documents the service writes itself (service description, VoID, resource descriptions):
negotiated between HTML and the graph formats of the one media-type table, serialized by rdflib."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import Response, request
from rdflib import Graph, Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.vocab import PREFIXES
from sharaka.errors import NotAcceptable
from sharaka.media_types import (
    GRAPH_FORMATS,
    Choice,
    best_match,
    candidates_for,
    format_for,
    from_format_param,
    with_charset,
)

HTML_TYPES = ("text/html", "application/xhtml+xml")


def accept_entries() -> list[tuple[str, float]]:
    return list(request.accept_mimetypes)


def document_choice() -> Choice | None:
    """The graph format a client wants (`format=` first, then Accept), or None for an HTML page.
    For */* the first graph format (Turtle) wins; browsers name text/html and get the page."""
    override = from_format_param(request.args.getlist("format"), "graph")
    if override is not None:
        return override
    chosen = best_match(accept_entries(), [*candidates_for("graph"), *HTML_TYPES])
    if chosen is None:
        offered = ", ".join(["text/html", *(f.media_type for f in GRAPH_FORMATS)])
        raise NotAcceptable(f"this resource is available as {offered}")
    if chosen in HTML_TYPES:
        return None
    fmt = format_for(chosen, "graph")
    assert fmt is not None
    return Choice(fmt, chosen)


def new_graph(triples: Iterable[tuple[Node, Node, Node]] = ()) -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        if prefix != "skid":  # its local names would need escaped slashes
            graph.bind(prefix, str(namespace), replace=True)
    for s, p, o in triples:
        graph.add((s, p, _plain(o)))
    return graph


def _plain(term: Node) -> Node:
    """xsd:string literals as plain literals (the same in RDF 1.1), so Turtle does not spell out ^^xsd:string."""
    if isinstance(term, Literal) and term.datatype == XSD.string:
        return Literal(str(term))
    return term


def graph_response(graph: Graph, choice: Choice) -> Response:
    fmt = choice.format
    options: dict[str, Any] = {}
    if fmt.rdflib_name == "json-ld":
        options["context"] = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
    body = graph.serialize(format=fmt.rdflib_name or "turtle", encoding="utf-8", **options)
    response = Response(body, content_type=with_charset(choice.content_type))
    response.vary.add("Accept")
    if request.args.get("format"):
        response.headers["Content-Disposition"] = f'inline; filename="sharaka.{fmt.suffix}"'
    return response


def html_response(body: str, status: int = 200) -> Response:
    response = Response(body, status=status, content_type="text/html; charset=utf-8")
    response.vary.add("Accept")
    return response
