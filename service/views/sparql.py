"""The SPARQL 1.1 endpoint (query operation), its service description, its editor page, and the VoID
description of the dataset at /.well-known/void."""

from __future__ import annotations

import logging

from flask import Blueprint, Response, render_template, request, url_for

from sharaka.errors import BadRequest, NotAcceptable
from sharaka.service.rate_limit import client_key
from sharaka.service.rdf_documents import (
    HTML_TYPES,
    accept_entries,
    accepted_graph_format,
    cached_document,
    document_choice,
    graph_response,
    html_response,
    serialize,
    vary_on_accept,
)
from sharaka.service.service_description import service_description, void_description
from sharaka.service.state import state
from sharaka.service.views.sparql_editor import editor_page
from sharaka.sparql.formats import (
    GRAPH_FORMATS,
    JSON,
    TURTLE,
    Choice,
    Kind,
    best_match,
    candidates_for,
    from_format_param,
    kind_of,
    negotiate,
    with_charset,
)
from sharaka.sparql.guard import precheck, protocol_dataset
from sharaka.sparql.protocol import ProtocolRequest, read_request
from sharaka.sparql.worker import Query

log = logging.getLogger(__name__)
sparql = Blueprint("sparql", __name__)

READS = ("GET", "HEAD")

sparql.after_request(vary_on_accept)  # every answer here (errors too) depends on the Accept header


@sparql.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    protocol = read_request(request)
    query = protocol.query
    if request.method in READS and not protocol.formats and _wants_html():
        return editor(query or "")
    if query is None:
        return _without_query(protocol)
    return _answer(protocol, query)


def _wants_html() -> bool:
    """A browser: it names text/html and prefers it to every result and graph format we have."""
    candidates = [*candidates_for("results"), *candidates_for("graph"), *HTML_TYPES]
    return best_match(accept_entries(), candidates) in HTML_TYPES


def _without_query(protocol: ProtocolRequest) -> Response:
    """No query: the service description for a GET that asks for RDF (or anything), else 400."""
    if request.method in READS and not protocol.names:
        try:
            choice = accepted_graph_format(html=False)
        except NotAcceptable:
            choice = None
        if choice is not None:
            return graph_response(service_description(_endpoint_url(), state().store), choice)
    raise BadRequest("no query: give one as ?query=…, as a form field 'query', or as an "
                     "application/sparql-query body")


def _answer(protocol: ProtocolRequest, text: str) -> Response:
    """Run a query and send its result whole: no row cap here; the time, memory and byte limits refuse a
    result loudly (503, 507, 413 problems naming their settings) instead of cutting it."""
    service = state()
    settings = service.settings
    # A quick look here (a few ms at worst); the worker reads the query (sharaka.sparql.guard.check) and runs only
    # the canonical text of that reading. Its kind is not known yet: negotiate for both kinds now, and answer 406
    # after the run if the kind it turned out to be cannot be served.
    precheck(text, settings.max_query_length, settings.max_query_nesting)
    choices = {kind: _choice(protocol, kind) for kind in ("results", "graph")}
    if all(isinstance(c, NotAcceptable) for c in choices.values()):
        raise choices["results"]  # type: ignore[misc]
    results_choice, graph_choice = choices["results"], choices["graph"]
    results_type = results_choice.format.media_type if isinstance(results_choice, Choice) else JSON.media_type
    graph_type = graph_choice.format.media_type if isinstance(graph_choice, Choice) else TURTLE.media_type
    dataset = protocol_dataset(protocol.default_graph_uris, protocol.named_graph_uris)
    # Relative IRIs resolve against the endpoint, as Jena does.
    query = Query(text, results_type, graph_type, dataset, settings.max_query_length, settings.max_result_bytes,
                  base_iri=_endpoint_url(), max_nesting=settings.max_query_nesting)
    answer = service.sparql.run(query, client=client_key(request.remote_addr))
    choice = choices[kind_of(answer.kind)]
    if isinstance(choice, NotAcceptable):
        raise choice
    response = Response(answer.body, content_type=with_charset(choice.content_type))
    if protocol.formats:  # a download link
        response.headers["Content-Disposition"] = f'attachment; filename="sharaka-query.{choice.format.suffix}"'
    return response


def _choice(protocol: ProtocolRequest, kind: Kind) -> Choice | NotAcceptable:
    """The format for a result of this kind, or why none fits (raised only if the query is that kind)."""
    try:
        return from_format_param(protocol.formats, kind) or negotiate(accept_entries(), kind)
    except NotAcceptable as exc:
        return exc


def _endpoint_url() -> str:
    return url_for("sparql.endpoint", _external=True)


# -- the editor page (service/views/sparql_editor.py) ------------------------------------------------
def editor(query: str) -> Response:
    state().sparql.warm()  # a person is about to run a query
    return editor_page(query, _endpoint_url())


# -- the dataset description -----------------------------------------------------------------------
@sparql.get("/.well-known/void")
def void() -> Response:
    choice = document_choice()
    return cached_document("void", choice, lambda: _void(choice))


def _void(choice: Choice | None) -> Response:
    graph = void_description(_endpoint_url(), state().store)
    if choice is None:
        turtle = serialize(graph, TURTLE).decode()  # with the prefixes it uses
        links = [{"format": fmt, "href": url_for("sparql.void", format=fmt.name)} for fmt in GRAPH_FORMATS]
        return html_response(render_template("rdf_document.html", title="Dataset description (VoID/DCAT)",
                                             text=turtle, downloads=links))
    return graph_response(graph, choice)
