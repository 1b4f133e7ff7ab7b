"""The SPARQL 1.1 endpoint (query operation), its service description, its editor page, and the VoID
description of the dataset at /.well-known/void."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request, url_for

from queries import load_templates
from service.rate_limit import client_key
from service.rdf_documents import (
    HTML_TYPES,
    accept_entries,
    accepted_graph_format,
    cached_document,
    document_choice,
    graph_response,
    html_response,
    vary_on_accept,
)
from service.service_description import service_description, void_description
from service.sparql_protocol import ProtocolRequest, read_request
from service.state import state
from sharaka.errors import BadRequest, NotAcceptable, SharakaError
from sharaka.media_types import (
    ALL_FORMATS,
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
from sharaka.sparql_runner import Query, run_query, runner_for
from sharaka.sparql_safety import precheck, protocol_dataset

log = logging.getLogger(__name__)
sparql = Blueprint("sparql", __name__)

TRUNCATED_HEADER = "X-Sharaka-Truncated"
LIMIT_HEADER = "X-Sharaka-Max-Results"
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
    settings = state().settings
    precheck(text, settings.max_query_length, settings.max_query_nesting)
    # The query is parsed in the worker (parsing can be slow), so its kind is not known yet: negotiate
    # for both kinds now, and answer 406 after the run if the kind it turned out to be cannot be served.
    choices = {kind: _choice(protocol, kind) for kind in ("results", "graph")}
    if all(isinstance(c, NotAcceptable) for c in choices.values()):
        raise choices["results"]  # type: ignore[misc]
    results_choice, graph_choice = choices["results"], choices["graph"]
    results_type = results_choice.format.media_type if isinstance(results_choice, Choice) else JSON.media_type
    graph_type = graph_choice.format.media_type if isinstance(graph_choice, Choice) else TURTLE.media_type
    dataset = protocol_dataset(protocol.default_graph_uris, protocol.named_graph_uris)
    raw = run_query(state().store, settings, Query(text, results_type, graph_type, dataset,
                                                   int(settings.max_results), int(settings.max_query_length)),
                    client=client_key(request.remote_addr))
    choice = choices[kind_of(raw.kind)]
    if isinstance(choice, NotAcceptable):
        raise choice
    response = Response(raw.body, content_type=with_charset(choice.content_type))
    response.headers[TRUNCATED_HEADER] = "true" if raw.truncated else "false"
    response.headers[LIMIT_HEADER] = str(settings.max_results)
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


# -- the editor page -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Example:
    id: str
    title: str
    description: str
    query: str


def examples() -> list[Example]:
    """One example per template: its query bound for its first example question (as the chat runs it),
    or the template's own text when that question does not bind."""
    cached = state().extras.get("sparql_examples")
    if cached is not None:
        return cached
    try:
        engine = state().engine()
    except SharakaError as exc:  # the store is not there yet: the templates' own text, not kept
        log.info("editor examples fall back to the template texts: %s", exc.detail)
        return [Example(t.id, t.title, t.description, t.query.strip() + "\n") for t in load_templates()]
    found = [Example(t.id, t.title, t.description,
                     (engine.answer(t.examples[0]).sparql or t.query).strip() + "\n") for t in engine.templates]
    return state().extras.setdefault("sparql_examples", found)


def editor(query: str) -> Response:
    if state().store.kind == "memory":
        runner_for(state().settings).warm()  # a person is about to run a query
    links = [{"format": fmt, "href": _download_href(query, fmt.name)} for fmt in ALL_FORMATS]
    page = render_template(
        "sparql_editor.html", query=query, run=request.args.get("run") == "1", examples=examples(),
        downloads=links, endpoint=_endpoint_url(), max_results=state().settings.max_results,
        timeout=state().settings.query_timeout,
        example_href=lambda text: url_for("sparql.endpoint") + "?" + urlencode({"query": text}))
    return html_response(page)


def _download_href(query: str, format_name: str) -> str:
    return url_for("sparql.endpoint") + "?" + urlencode({"query": query, "format": format_name})


# -- the dataset description -----------------------------------------------------------------------
@sparql.get("/.well-known/void")
def void() -> Response:
    choice = document_choice()
    return cached_document("void", choice, lambda: _void(choice))


def _void(choice: Choice | None) -> Response:
    graph = void_description(_endpoint_url(), state().store)
    if choice is None:
        turtle = graph.serialize(format="turtle")
        links = [{"format": fmt, "href": url_for("sparql.void", format=fmt.name)} for fmt in GRAPH_FORMATS]
        return html_response(render_template("rdf_document.html", title="Dataset description (VoID/DCAT)",
                                             text=turtle, downloads=links))
    return graph_response(graph, choice)
