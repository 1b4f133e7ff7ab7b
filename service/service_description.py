"""What the service says about itself in RDF: the SPARQL 1.1 Service Description of /sparql and the
VoID/DCAT description of the dataset (the `meta` graph, plus where its SPARQL endpoint is)."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID

from sharaka.kg.vocab import GRAPH, dataset_uri
from sharaka.qa.bind import named
from sharaka.service.rdf_documents import new_graph
from sharaka.sparql.formats import ALL_FORMATS, W3C_FORMATS
from sharaka.store import Store

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
META_GRAPH = GRAPH["meta"]
WHOLE_DATASET = dataset_uri("sharaka")

def named_graphs(store: Store) -> list[str]:
    """Every named graph of the store, sorted (one per source, plus ontology, lexicon and meta)."""
    return sorted(str(row["g"]) for row in store.select(named("named_graphs")).rows if "g" in row)


def dataset_size(store: Store) -> int:
    """The size of the whole dataset, defined once: VoID's void:triples of it (the triples of every named graph,
    meta and ontology included), as the build wrote it. A store without that description: its count of quads."""
    rows = store.select(named("dataset_size")).rows
    found = str(rows[0].get("triples", "")) if rows else ""
    return int(found) if found.isdigit() else store.triple_count()


def service_description(endpoint: str, store: Store) -> Graph:
    graph = new_graph()
    graph.bind("sd", SD)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, service))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    graph.add((service, DCTERMS.title, Literal("Sharaka SPARQL endpoint", lang="en")))
    for fmt in ALL_FORMATS:
        graph.add((service, SD.resultFormat, URIRef(W3C_FORMATS + fmt.w3c_name)))
    dataset, default_graph = BNode("dataset"), BNode("defaultGraph")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    graph.add((dataset, DCTERMS.source, WHOLE_DATASET))
    graph.add((dataset, VOID.triples, Literal(dataset_size(store))))
    graph.add((dataset, SD.defaultGraph, default_graph))
    graph.add((default_graph, RDF.type, SD.Graph))
    graph.add((default_graph, DCTERMS.description,
               Literal("The union of all named graphs.", lang="en")))
    sizes = {str(row["g"]): row["triples"] for row in store.select(named("graph_sizes")).rows}
    for name in named_graphs(store):
        named_graph, description = BNode(), BNode()
        graph.add((dataset, SD.namedGraph, named_graph))
        graph.add((named_graph, RDF.type, SD.NamedGraph))
        graph.add((named_graph, SD.name, URIRef(name)))
        graph.add((named_graph, SD.graph, description))
        graph.add((description, RDF.type, SD.Graph))
        if name in sizes:
            graph.add((description, VOID.triples, sizes[name]))
    return graph


def void_description(endpoint: str, store: Store) -> Graph:
    graph = new_graph(store.construct(named("meta_graph")))
    graph.add((WHOLE_DATASET, VOID.sparqlEndpoint, URIRef(endpoint)))
    return graph
