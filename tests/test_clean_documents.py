"""Clean documents: Turtle, JSON-LD and RDF/XML declare only the prefixes they use; the dataset has one size,
the same in VoID, the service description and /version."""

from __future__ import annotations

import json
import re
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from sharaka.sparql.prefixes import DOCUMENT_PREFIXES, RDF_XML, used_prefixes
from sharaka.store import MemoryStore

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib JSON-LD

VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
WHOLE = URIRef("https://w3id.org/sharaka/id/dataset/sharaka")
DOCUMENTS = ["/id/nation/PAK", "/id/agreement/atop-3222", "/ontology", "/.well-known/void", "/sparql", "/graph/atop",
             "/id/sector/defence"]
CONSTRUCT = ("CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { <https://w3id.org/sharaka/id/nation/PAK> "
             "<https://w3id.org/sharaka/id/agreement/atop-3222> } ?s ?p ?o }")
RDFLIB_DEFAULTS = {"brick", "csvw", "doap", "foaf", "geo", "odrl", "org", "prof", "qb", "schema", "sh", "sosa", "ssn",
                   "time", "vann", "wgs", "dcam", "dcmitype"}


def _turtle_prefixes_are_used(text: str) -> list[str]:
    declared = re.findall(r"^@prefix ([A-Za-z][\w-]*): <[^>]*> \.$", text, re.M)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("@prefix"))
    assert declared, "a document with our IRIs declares some prefix"
    return [p for p in declared if not re.search(rf"(?<![\w:/#-]){re.escape(p)}:", body)]


@pytest.mark.parametrize("path", DOCUMENTS)
def test_turtle_declares_only_used_prefixes(client: Any, path: str) -> None:
    response = client.get(path, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    assert _turtle_prefixes_are_used(response.get_data(as_text=True)) == []


def test_construct_results_declare_only_used_prefixes(client: Any) -> None:
    response = client.post("/sparql", data={"query": CONSTRUCT}, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert _turtle_prefixes_are_used(text) == []
    assert "@prefix spdx:" not in text and "@prefix dcat:" not in text  # the near miss: declared before


@pytest.mark.parametrize("path", DOCUMENTS)
def test_json_ld_context_holds_only_used_prefixes(client: Any, path: str) -> None:
    response = client.get(path, headers={"Accept": "application/ld+json"})
    document = json.loads(response.get_data())
    context = document["@context"]
    assert context and not set(context) & RDFLIB_DEFAULTS
    body = json.dumps(document["@graph"] if "@graph" in document else {k: v for k, v in document.items()
                                                                          if k != "@context"})
    unused = [p for p in context if f'"{p}:' not in body]
    assert unused == []
    assert len(Graph().parse(data=response.get_data(), format="json-ld")) > 0


@pytest.mark.parametrize("path", ["/id/nation/PAK", "/ontology"])
def test_rdf_xml_declares_only_used_namespaces(client: Any, path: str) -> None:
    text = client.get(path, headers={"Accept": "application/rdf+xml"}).get_data(as_text=True)
    declared = re.findall(r'xmlns:(\w+)="', text)
    assert declared and not [p for p in declared if p.startswith("ns")]  # no generated ns1
    assert [p for p in declared if f"<{p}:" not in text and f" {p}:" not in text] == []


# One triple of every shape in the dataset: its predicate, the namespaces of its subject and of an IRI object (up
# to the last / or #; for our resources, their kind: …/id/participation/, not one per agreement), a literal's
# datatype and whether it has a language. Grouped by the store (a dict over 1.6 M quads in Python: ~50 s).
SPACE = r'REPLACE(STR(?{0}), "^(https://w3id\\.org/sharaka/id/[^/]*/).*$|[^/#]*$", "$1")'
SHAPES = f"""
SELECT (SAMPLE(?s) AS ?subject) ?p (SAMPLE(?o) AS ?object) WHERE {{
  ?s ?p ?o
  BIND(IF(isIRI(?s), {SPACE.format("s")}, "") AS ?subjectSpace)
  BIND(IF(isIRI(?o), {SPACE.format("o")}, IF(isLiteral(?o), STR(DATATYPE(?o)), "")) AS ?objectSpace)
}}
GROUP BY ?p ?subjectSpace ?objectSpace (LANG(?o) != "")
"""


def test_used_prefixes_on_the_whole_graph(memory_store: MemoryStore) -> None:
    """Every prefix the rule picks is one Oxigraph's Turtle writer really uses, for one triple of every shape
    in the dataset (serializing all 1.6 M triples and searching the text took ~100 s)."""
    rows = memory_store.inner.query(SHAPES, use_default_graph_as_union=True)
    triples = [ox.Triple(row["subject"], row["p"], row["object"]) for row in rows]  # type: ignore[union-attr]
    assert len(triples) > 100
    prefixes = used_prefixes(triples)
    assert {"sk", "xsd", "rdfs", "skos"} <= set(prefixes) and "skid" not in prefixes
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode()
    assert _turtle_prefixes_are_used(text) == []


def test_used_prefixes_rules() -> None:
    sk, xsd = DOCUMENT_PREFIXES["sk"], DOCUMENT_PREFIXES["xsd"]
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    nation = URIRef("https://w3id.org/sharaka/id/nation/PAK")
    assert used_prefixes([(nation, rdf_type, URIRef(sk + "Nation"))]) == {"sk": sk}  # `a`: no rdf:
    assert used_prefixes([(nation, rdf_type, URIRef(sk + "Nation"))], syntax=RDF_XML) == {
        "rdf": DOCUMENT_PREFIXES["rdf"]}  # RDF/XML: the class is an rdf:resource IRI, rdf:type an element
    assert used_prefixes([(nation, URIRef(sk + "cowCode"), Literal(770))]) == {"sk": sk}  # written bare: 770
    assert used_prefixes([(nation, URIRef(sk + "startDate"), Literal("2001-01-01", datatype=xsd + "date"))]) == {
        "sk": sk, "xsd": xsd}
    assert used_prefixes([(nation, URIRef(sk + "iso3"), Literal("PAK"))]) == {"sk": sk}  # xsd:string unwritten
    assert used_prefixes([(nation, URIRef(sk + "bad/local"), Literal("x", lang="en"))]) == {}  # not a PN_LOCAL


def test_one_count_everywhere(client: Any, memory_store: MemoryStore) -> None:
    """VoID, the service description and /version state the same size: the store's count of quads."""
    void = Graph().parse(data=client.get("/.well-known/void", headers={"Accept": "text/turtle"}).get_data(),
                         format="turtle")
    service = Graph().parse(data=client.get("/sparql", headers={"Accept": "text/turtle"}).get_data(), format="turtle")
    in_void = [int(o) for o in void.objects(WHOLE, VOID.triples)]
    in_service = [int(o) for d in service.subjects(URIRef(str(SD) + "defaultGraph"), None)
                  for o in service.objects(d, VOID.triples)]
    in_version = client.get("/version").get_json()["triples"]
    assert in_void == in_service == [in_version] == [memory_store.triple_count()]
