"""Every IRI of the graph dereferences on this server: a page for browsers, RDF for clients."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from sharaka.service.resources import exists, iri_for_graph, iri_for_id_path
from tests.sparql_helpers import ATOP_3222, PAK, SAU, assert_problem, mime

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib JSON-LD

SK = Namespace("https://w3id.org/sharaka/ontology#")
BASE = "https://w3id.org/sharaka/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RDF_FORMATS = [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
               ("application/n-triples", "nt"), ("application/rdf+xml", "xml")]
RESOURCES = ["/id/nation/PAK", "/id/agreement/atop-3222", "/id/sector/defence", "/ontology", "/graph/atop",
             "/id/organization/OIC", "/id/dataset/atop", "/id/record/atop/m/3180-235-1%2B235-2",
             "/id/agreement/curated-abraham-accords-bahrain-israel-2020", "/id/sector",
             "/id/participation/atop-3222/PAK", "/id/nation/cow-345"]


class Links(HTMLParser):
    """Every href and every element with lang/dir, read by a parser rather than by regex."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.lang_dir: list[tuple[str, str | None, str]] = []
        self._open: tuple[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("a", "link") and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if values.get("lang") and tag not in ("html",):
            self._open = (values["lang"] or "", values.get("dir"))

    def handle_data(self, data: str) -> None:
        if self._open and data.strip():
            self.lang_dir.append((self._open[0], self._open[1], data.strip()))
            self._open = None


def page(client: Any, path: str) -> tuple[Any, Links]:
    response = client.get(path, headers={"Accept": BROWSER})
    parser = Links()
    parser.feed(response.get_data(as_text=True))
    return response, parser


def iri(path: str) -> URIRef:
    return URIRef(BASE + path.lstrip("/"))


@pytest.mark.parametrize("path", RESOURCES)
def test_browsers_get_a_page(client: Any, path: str) -> None:
    response, _ = page(client, path)
    assert response.status_code == 200
    assert mime(response) == "text/html"
    assert response.headers["Vary"] == "Accept"
    assert f"<code>{iri(path)}</code>" in response.get_data(as_text=True)


@pytest.mark.parametrize(("accept", "rdflib_format"), RDF_FORMATS)
@pytest.mark.parametrize("path", RESOURCES)
def test_clients_get_rdf(client: Any, path: str, accept: str, rdflib_format: str) -> None:
    response = client.get(path, headers={"Accept": accept})
    assert response.status_code == 200
    assert mime(response) == accept
    assert response.headers["Vary"] == "Accept"
    graph = Graph().parse(data=response.data, format=rdflib_format)
    assert iri(path) in set(graph.subjects()) | set(graph.objects())
    assert len(graph) > 0


@pytest.mark.parametrize(("path", "triple"), [
    ("/id/nation/PAK", (URIRef(PAK), SK.iso3, Literal("PAK"))),
    ("/id/nation/PAK", (URIRef(PAK), SKOS.prefLabel, Literal("باكستان", lang="ar"))),
    ("/id/nation/PAK", (URIRef(BASE + "id/organization/OIC"), RDFS.label, None)),  # labels of what it links to
    ("/id/agreement/atop-3222", (URIRef(ATOP_3222), SK.hasParty, URIRef(SAU))),
    ("/id/agreement/atop-3222", (URIRef(SAU), RDFS.label, Literal("Saudi Arabia", lang="en"))),
    ("/id/agreement/atop-3222", (URIRef(ATOP_3222), SK.sourceId, Literal("atop:3222"))),
    ("/id/sector/defence", (URIRef(BASE + "id/sector/defence"), SKOS.prefLabel, Literal("défense", lang="fr"))),
    ("/ontology", (URIRef(BASE + "ontology"), RDF.type, OWL.Ontology)),
    ("/ontology", (SK.DefencePact, RDFS.subClassOf, SK.Agreement)),
    ("/graph/atop", (URIRef(BASE + "id/dataset/atop"), SK.namedGraph, URIRef(BASE + "graph/atop"))),
])
def test_rdf_content(client: Any, path: str, triple: tuple[Any, Any, Any]) -> None:
    graph = Graph().parse(data=client.get(path, headers={"Accept": "text/turtle"}).data, format="turtle")
    assert next(graph.triples(triple), None) is not None


@pytest.mark.parametrize(("path", "accept", "media_type"), [
    ("/id/nation/PAK", None, "text/turtle"), ("/id/nation/PAK", "*/*", "text/turtle"),
    ("/id/nation/PAK", "application/json", "application/json"), ("/id/nation/PAK?format=jsonld", BROWSER,
                                                                   "application/ld+json"),
    ("/ontology?format=ntriples", None, "application/n-triples"),
])
def test_negotiation(client: Any, path: str, accept: str | None, media_type: str) -> None:
    response = client.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and mime(response) == media_type


def test_not_acceptable(client: Any) -> None:
    assert_problem(client.get("/id/nation/PAK", headers={"Accept": "application/sparql-results+json"}),
                   406, "not_acceptable")


# -- the pages say what they should -----------------------------------------------------------------
def test_nation_page(client: Any) -> None:
    response, links = page(client, "/id/nation/PAK")
    html = response.get_data(as_text=True)
    assert "<h1>Pakistan</h1>" in html
    assert ("ar", "rtl", "باكستان") in links.lang_dir  # Arabic, right to left
    assert ("fr", "ltr", "Pakistan") in links.lang_dir
    assert "<code>PK</code>" in html and "<code>770</code>" in html
    assert "/id/organization/OIC" in links.hrefs  # organizations
    assert "/id/nation/SAU" in links.hrefs  # partners
    assert "/id/agreement/atop-3222" in links.hrefs  # agreements, each linked
    assert "/ontology#DefencePact" in links.hrefs  # partners grouped by kind
    assert re.search(r"\d+ agreements with \d+ partners", html)


def _route(href: str) -> str:
    """The route a local link takes: its path without the last segment, and its query's names."""
    parts = urlsplit(href)
    query = ",".join(sorted(parse_qs(parts.query))) if parts.query else ""
    return parts.path.rsplit("/", 1)[0] + "?" + query


def test_every_link_on_a_nation_page_resolves(client: Any, memory_store: Any) -> None:
    """Pakistan's page has thousands of links since SIPRI's deals joined (fetching each took ~4 min). Each
    route is fetched a few times through HTTP; every other /id/ or /graph/ link is checked by the same test
    the route answers 200 or 404 by (sharaka.service.resources.exists), on its decoded IRI."""
    _, links = page(client, "/id/nation/PAK")
    local = sorted({urlsplit(h).path + ("?" + urlsplit(h).query if urlsplit(h).query else "")
                    for h in links.hrefs if h.startswith("/")})
    assert len(local) > 100
    by_route: dict[str, list[str]] = {}
    for href in local:
        by_route.setdefault(_route(href), []).append(href)
    fetched = {href for hrefs in by_route.values() for href in (hrefs[:2] + hrefs[-1:])}
    assert {"/id/agreement?", "/id/nation?", "/id/organization?"} <= set(by_route)
    broken = []
    for href in sorted(fetched):
        response = client.get(href, headers={"Accept": BROWSER})
        if response.status_code != 200:
            broken.append((href, response.status_code))
    for href in sorted(set(local) - fetched):
        path = unquote(urlsplit(href).path)  # as Flask hands it to the route
        if path.startswith(("/id/", "/graph/")):
            resource = iri_for_id_path(path[4:]) if path.startswith("/id/") else iri_for_graph(path[7:])
            if resource is None or not exists(memory_store, resource):
                broken.append((href, 404))
    assert broken == []


def test_agreement_page(client: Any) -> None:
    response, links = page(client, "/id/agreement/atop-3222")
    html = response.get_data(as_text=True)
    assert "ATOP alliance 3222 (1951): Saudi Arabia, Pakistan" in html
    assert {"/id/nation/PAK", "/id/nation/SAU"} <= set(links.hrefs)  # parties
    assert "/id/dataset/atop" in links.hrefs and "Leeds, Brett Ashley" in html  # source and its citation
    assert "/id/record/atop/a/3222" in links.hrefs  # the source record
    assert "atop:3222" in html and "1951-11-25" in html
    assert "/id/sector/defence" in links.hrefs and "/id/obligation/non_aggression" in links.hrefs
    # Its kinds: atop5_1a.csv row 3222 has nonagg=1 and defense=0, so a non-aggression pact (an alliance in ATOP's
    # sense), not a defence pact (the round-two alliance typology, docs/semantics.md).
    assert {"/ontology#NonAggressionPact", "/ontology#Alliance"} <= set(links.hrefs)
    assert "/ontology#DefencePact" not in links.hrefs


def test_curated_agreement_page(client: Any) -> None:
    response, links = page(client, "/id/agreement/curated-abraham-accords-bahrain-israel-2020")
    html = response.get_data(as_text=True)
    assert "Bahrain and Israel signed a US-brokered declaration" in html  # description
    assert "https://en.wikipedia.org/wiki/Bahrain%E2%80%93Israel_normalization_agreement" in links.hrefs
    assert {"/id/nation/BHR", "/id/nation/ISR", "/id/nation/USA"} <= set(links.hrefs)


def test_sector_page(client: Any) -> None:
    response, links = page(client, "/id/sector/defence")
    assert ("ar", "rtl", "الدفاع") in links.lang_dir
    assert "/id/sector/arms_procurement" in links.hrefs  # narrower sectors
    assert "Linked from" in response.get_data(as_text=True)  # agreements that cover it (capped list)


def test_ontology_page(client: Any) -> None:
    html = page(client, "/ontology")[0].get_data(as_text=True)
    assert 'id="DefencePact"' in html and 'id="hasParty"' in html
    assert "Sharaka ontology" in html


def test_graph_page(client: Any) -> None:
    html = page(client, "/graph/curated")[0].get_data(as_text=True)
    assert re.search(r"holds [\d,]+ triples", html)


# -- unknown and malformed IRIs ----------------------------------------------------------------------
NOT_FOUND = ["/id/nation/XXX", "/id/agreement/atop-999999", "/graph/nope", "/id/nation/PAK/extra",
             "/id/nation/%3Cscript%3E", "/id/nation/..%2F..%2Fetc", "/id/" + "/".join("a" * 7),
             "/id/nation/" + "A" * 300, "/id/nation/PAK%22%3E", "/graph/ATOP", "/id/-bad"]


@pytest.mark.parametrize("path", NOT_FOUND)
def test_unknown_iri_is_404_for_clients(client: Any, path: str) -> None:
    response = client.get(path, headers={"Accept": "text/turtle"})
    assert_problem(response, 404, "not_found")
    assert response.headers["Vary"] == "Accept"


@pytest.mark.parametrize("path", NOT_FOUND[:4])
def test_unknown_iri_is_a_page_for_browsers(client: Any, path: str) -> None:
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.status_code == 404
    assert mime(response) == "text/html"
    assert "Not found" in response.get_data(as_text=True)


def test_escaped_keys_round_trip(client: Any) -> None:
    """A record id with '+' was minted as %2B: the page of the decoded path is the same resource."""
    response = client.get("/id/record/atop/m/3180-235-1%2B235-2", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    assert b"<https://w3id.org/sharaka/id/record/atop/m/3180-235-1%2B235-2>" in response.data
