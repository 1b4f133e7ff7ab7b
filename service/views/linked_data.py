"""Every IRI of the graph dereferences here, at the same path: /id/…, /ontology, /graph/<name>.
Browsers get a page, clients get Turtle / JSON-LD / N-Triples / RDF/XML by Accept (Vary: Accept)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request, url_for
from rdflib import URIRef
from rdflib.namespace import DCTERMS

from sharaka.errors import NotFound
from sharaka.kg.vocab import ONTOLOGY_URI, SK
from sharaka.qa.bind import named
from sharaka.service import nation_history, resources
from sharaka.service.rdf_documents import (
    cached_document,
    document_choice,
    graph_response,
    html_response,
    new_graph,
    vary_on_accept,
)
from sharaka.service.state import state
from sharaka.service.views.api import nation_summary
from sharaka.sparql.formats import GRAPH_FORMATS, Choice
from sharaka.store import Store

linked_data = Blueprint("linked_data", __name__)

Sections = Callable[[Store, resources.Description, str], dict[str, Any]]


def _nation(store: Store, d: resources.Description, key: str) -> dict[str, Any]:
    engine = state().engine()
    try:
        summary = nation_summary(store, engine.index, key)
    except NotFound:  # a nation the QA index does not know (no label): the generic page still works
        summary = None
    limit = state().settings.max_results
    agreements, truncated = nation_history.nation_agreements(store, d.iri, limit)
    memberships = nation_history.nation_memberships(store, d.iri)
    return {"summary": summary, "agreements": agreements, "agreements_truncated": truncated,
            "agreements_limit": limit, "agreement_counts": nation_history.counts(agreements),
            "memberships": memberships}


def _agreement(store: Store, d: resources.Description, key: str) -> dict[str, Any]:
    return {"parties": resources.agreement_parties(store, d.iri),
            "sources": resources.agreement_sources(store, d.iri),
            "description": d.first(DCTERMS.description), "source_url": d.first(SK.sourceUrl)}


def _graph(store: Store, d: resources.Description, key: str) -> dict[str, Any]:
    return {"graph_size": resources.graph_size(store, d.iri)}


def _ontology(store: Store, d: resources.Description, key: str) -> dict[str, Any]:
    return {"terms": resources.ontology_terms(store)}


# What each kind of resource shows beyond its statements; the key is the first path segment.
SECTIONS: dict[str, Sections] = {"nation": _nation, "agreement": _agreement, "graph": _graph,
                                 "ontology": _ontology}
KIND_TITLES = {"nation": "Nation", "agreement": "Agreement", "sector": "Sector", "organization": "Organization",
               "participation": "Participation", "record": "Source record", "dataset": "Dataset",
               "obligation": "Obligation", "role": "Role", "nuclear-assistance": "Nuclear assistance type",
               "graph": "Named graph", "ontology": "Ontology"}


linked_data.after_request(vary_on_accept)  # every answer here (404s too) depends on the Accept header


@linked_data.get("/id/<path:path>")
def resource(path: str) -> Response:
    iri = resources.iri_for_id_path(path)
    kind, _, key = path.partition("/")
    return _dereference(iri, kind, key.rsplit("/", 1)[-1] if key else "", document_choice())


@linked_data.get("/graph/<name>")
def graph(name: str) -> Response:
    return _dereference(resources.iri_for_graph(name), "graph", name, document_choice())


@linked_data.get("/ontology")
def ontology() -> Response:
    choice = document_choice()
    return cached_document("ontology", choice, lambda: _dereference(ONTOLOGY_URI, "ontology", "", choice))


def _dereference(iri: URIRef | None, kind: str, key: str, choice: Choice | None) -> Response:
    """`choice` (None: a page) is negotiated first, before the store is asked: a 406 or the kind of 404
    depends on it."""
    store = state().store
    if iri is None or not resources.exists(store, iri):
        return _not_found(choice is None)
    if choice is not None:
        return graph_response(new_graph(resources.rdf_triples(store, iri)), choice)
    description = resources.describe(store, iri)
    sections = SECTIONS.get(kind)
    extra = sections(store, description, key) if sections else {}
    formats = [{"format": fmt, "href": request.path + "?" + urlencode({"format": fmt.name})}
               for fmt in GRAPH_FORMATS]
    describe_query = named("describe_resource", resource=iri)
    page = render_template("resource.html", d=description, kind=kind, kind_title=KIND_TITLES.get(kind, kind),
                           formats=formats, link_href=resources.link_href,
                           sparql_href=url_for("sparql.endpoint") + "?" + urlencode({"query": describe_query}),
                           incoming_limit=resources.INCOMING_LIMIT, **extra)
    return html_response(page)


def _not_found(for_browser: bool) -> Response:
    detail = "Nothing in the graph has this IRI."
    if for_browser:
        return html_response(render_template("not_found.html", detail=detail, path=request.path), 404)
    raise NotFound(detail)
