"""The documents the service writes itself: one Vary rule, one negotiation, the per-app cache of VoID and
the ontology, and the one pattern of our named graphs' names."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask, Response

from sharaka.errors import ForbiddenQuery
from sharaka.kg.vocab import graph_name
from sharaka.service.rdf_documents import MAX_CACHED_DOCUMENTS, cached_document
from sharaka.service.resources import iri_for_graph
from sharaka.sparql.guard import check_graph_iri
from tests.sparql_helpers import mime

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib JSON-LD

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
G = "https://w3id.org/sharaka/graph/"
# One path per route of the blueprints whose answers depend on Accept; a new route needs one here.
NEGOTIATED = {"/sparql": "/sparql", "/.well-known/void": "/.well-known/void", "/id/<path:path>": "/id/nation/PAK",
              "/graph/<name>": "/graph/atop", "/ontology": "/ontology"}
ACCEPTS = ["text/turtle", "application/ld+json", BROWSER, "application/sparql-results+json", "image/png"]


def test_every_negotiated_route_is_listed(app: Flask) -> None:
    rules = {r.rule for r in app.url_map.iter_rules() if r.endpoint.split(".")[0] in ("sparql", "linked_data")}
    assert rules == set(NEGOTIATED)


@pytest.mark.parametrize("path", [*NEGOTIATED.values(), "/id/nation/NOWHERE", "/graph/nowhere", "/id/%0A"])
@pytest.mark.parametrize("accept", ACCEPTS)
def test_every_answer_varies_on_accept(client: Any, path: str, accept: str) -> None:
    """Pages, RDF, 400s, 404s and 406s alike: a cache must not give one client's format to another."""
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code in (200, 400, 404, 406)
    assert response.headers["Vary"] == "Accept"


@pytest.mark.parametrize(("accept", "expected"), [
    ("text/turtle", "text/turtle"), ("application/n-triples", "application/n-triples"),
    ("*/*", "text/turtle"), (BROWSER, "text/html"), ("text/html;q=0.5, application/ld+json", "application/ld+json"),
])
def test_documents_negotiate_graph_formats_and_pages(client: Any, accept: str, expected: str) -> None:
    for path in ("/.well-known/void", "/ontology", "/graph/atop"):
        assert mime(client.get(path, headers={"Accept": accept})) == expected, path


def test_the_service_description_has_no_page_format(client: Any) -> None:
    """Without a query, /sparql offers only graph formats (a browser gets the editor, results types a 400)."""
    assert mime(client.get("/sparql", headers={"Accept": "text/html;q=0.1, text/turtle;q=0.2"})) == "text/turtle"
    assert client.get("/sparql", headers={"Accept": "application/sparql-results+json"}).status_code == 400


# -- the cache ----------------------------------------------------------------------------------------------
def _cache(app: Flask) -> dict[tuple[object, ...], bytes]:
    found: dict[tuple[object, ...], bytes] = app.extensions["sharaka"].documents
    return found


@pytest.mark.parametrize("path", ["/.well-known/void", "/ontology", "/.well-known/void?format=jsonld",
                                  "/ontology?format=ntriples"])
@pytest.mark.parametrize("accept", ["text/turtle", "application/rdf+xml", BROWSER])
def test_a_cached_document_is_the_built_one(app: Flask, client: Any, path: str, accept: str) -> None:
    _cache(app).clear()
    built = client.get(path, headers={"Accept": accept})
    assert built.status_code == 200 and len(_cache(app)) == 1
    cached = client.get(path, headers={"Accept": accept})
    assert cached.data == built.data
    for header in ("Content-Type", "Content-Disposition", "Vary"):
        assert cached.headers.get(header) == built.headers.get(header), header
    assert ("Content-Disposition" in cached.headers) == ("format=" in path)


def test_the_cache_holds_the_url_root(app: Flask, client: Any) -> None:
    """VoID names the endpoint's absolute URL: another host gets its own, not the first one's."""
    _cache(app).clear()
    for root in ("http://localhost", "https://example.org", "http://localhost"):
        text = client.get("/.well-known/void", base_url=root, headers={"Accept": "text/turtle"}).get_data(True)
        assert f"<{root}/sparql>" in text
    assert len(_cache(app)) == 2


def test_the_cache_is_bounded(app: Flask, client: Any) -> None:
    _cache(app).clear()
    for n in range(MAX_CACHED_DOCUMENTS + 5):
        client.get("/.well-known/void", base_url=f"http://host{n}.example", headers={"Accept": "text/turtle"})
        assert len(_cache(app)) <= MAX_CACHED_DOCUMENTS
    _cache(app).clear()


def test_only_a_200_is_kept(app: Flask) -> None:
    with app.test_request_context("/ontology"):
        answer = cached_document("test-missing", None, lambda: Response("missing", status=404))
        assert answer.status_code == 404
        assert not [key for key in _cache(app) if key[0] == "test-missing"]


# -- our named graphs' names ------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "ours"), [
    ("atop", True), ("meta", True), ("cow_alliances", True), ("a" * 64, True), ("a" * 65, False),
    ("Atop", False), ("1atop", False), ("", False), ("atop\n", False), ("atop/x", False), ("at-op", False),
])
def test_one_pattern_for_graph_names(name: str, ours: bool) -> None:
    """The resource pages (/graph/<name>) and the query checks (FROM <…>) accept the same graphs."""
    assert (graph_name(G + name) == name) is ours
    assert (iri_for_graph(name) is not None) is ours
    if ours:
        assert check_graph_iri(G + name, "FROM") == G + name
    else:
        with pytest.raises(ForbiddenQuery):
            check_graph_iri(G + name, "FROM")


def test_other_iris_are_not_our_graphs() -> None:
    for iri in ("http://w3id.org/sharaka/graph/atop", "https://example.org/graph/atop", "https://w3id.org/sharaka/id/atop"):
        assert graph_name(iri) is None
