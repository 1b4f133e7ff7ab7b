"""The shape of the graph: SHACL on the full graph and on broken copies of a small piece of it,
the ontology's agreement kinds all in use, provenance on every agreement, VoID counts that hold."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS, XSD

from sharaka.kg.sources import datasets
from sharaka.kg.validate import validate_file, validate_graph
from sharaka.ontology import ONTOLOGY_FILE, SHAPES_FILE
from sharaka.store import MemoryStore

BASE = "https://w3id.org/sharaka/"
SK = f"{BASE}ontology#"
PREFIXES = f"""
PREFIX sk: <{SK}>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX void: <http://rdfs.org/ns/void#>
"""

# pyshacl 0.40 calls rdflib 7.6 Dataset APIs that warn on every triple lookup (over a million
# warnings for the full graph); they are the libraries' business and only slow the run down.
pytestmark = [pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
              pytest.mark.filterwarnings("ignore:Dataset.identifier is deprecated:DeprecationWarning")]


def sk(name: str) -> URIRef:
    return URIRef(SK + name)


def agreement_kinds() -> dict[str, URIRef]:
    """skos:notation → class, for every kind of agreement the ontology defines."""
    onto = Graph().parse(ONTOLOGY_FILE, format="turtle")
    return {str(n): c for c, n in onto.subject_objects(SKOS.notation)
            if isinstance(c, URIRef) and (c, RDFS.subClassOf, sk("Agreement")) in onto}


KINDS = agreement_kinds()


def count(store: MemoryStore, query: str) -> int:
    return int(store.select(PREFIXES + query).rows[0]["n"])


# --- SHACL: the full graph ------------------------------------------------------------------

def test_full_graph_conforms(graph_file: Path) -> None:
    """Every source in full but SIPRI's 29,514 deals, of which every 20th: the whole graph takes pyshacl some
    ten minutes (`sharaka validate` does it; docs/sources.md gives the last run)."""
    report = validate_file(graph_file, sample_every=20)
    assert (report.conforms, report.violations) == (True, 0), report.text[:3000]


# --- SHACL: broken copies of one agreement --------------------------------------------------

ALLIANCE = URIRef(f"{BASE}id/agreement/atop-3222")   # atop5_1a.csv: 3222, Pakistan and Saudi Arabia, 1951
PAKISTAN = URIRef(f"{BASE}id/nation/PAK")
PAK_IN_ALLIANCE = URIRef(f"{BASE}id/participation/atop-3222/PAK")
ALLIANCE_RECORD = URIRef(f"{BASE}id/record/atop/a/3222")
ATOP = URIRef(f"{BASE}id/dataset/atop")


@pytest.fixture(scope="module")
def small_graph(memory_store: MemoryStore) -> Graph:
    """One real alliance with its participations, parties, records, the dataset description and
    the ontology: small enough to validate in a blink, complete enough to conform."""
    graphs = f"{BASE}graph/"
    query = f"""{PREFIXES} CONSTRUCT {{ ?s ?p ?o }} WHERE {{
        {{ VALUES ?s {{ <{ALLIANCE}> }} ?s ?p ?o }}
        UNION {{ <{ALLIANCE}> sk:participation|sk:hasParty ?s . ?s ?p ?o }}
        UNION {{ <{ALLIANCE}> (sk:participation|sk:hasParty)?/prov:wasDerivedFrom ?s . ?s ?p ?o }}
        UNION {{ GRAPH <{graphs}meta> {{ ?s ?p ?o }} }}
        UNION {{ GRAPH <{graphs}ontology> {{ ?s ?p ?o }} }}
    }}"""
    graph = Graph()
    for triple in memory_store.construct(query):
        graph.add(triple)  # type: ignore[arg-type]
    return graph


def test_small_graph_conforms(small_graph: Graph) -> None:
    """The broken copies below fail for what was broken, not for what the excerpt left out."""
    assert (ALLIANCE, sk("hasParty"), PAKISTAN) in small_graph
    report = validate_graph(small_graph)
    assert (report.conforms, report.violations) == (True, 0), report.text


Mutation = Callable[[Graph], None]


def drop(s: URIRef, p: URIRef) -> Mutation:
    return lambda g: g.remove((s, p, None))


def add(s: URIRef, p: URIRef, o: URIRef | Literal) -> Mutation:
    return lambda g: g.add((s, p, o))


def year(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def both(*mutations: Mutation) -> Mutation:
    def apply(g: Graph) -> None:
        for m in mutations:
            m(g)
    return apply


BROKEN = [
    # (what is broken, mutation, constraint component, focus node, result path)
    ("no parties", drop(ALLIANCE, sk("hasParty")), "OrConstraintComponent", ALLIANCE, None),
    ("no kind", both(lambda g: g.remove((ALLIANCE, RDF.type, sk("Alliance"))),
                     lambda g: g.remove((ALLIANCE, RDF.type, sk("NonAggressionPact")))),
     "QualifiedMinCountConstraintComponent", ALLIANCE, "rdf:type"),
    ("no start year", drop(ALLIANCE, sk("startYear")),
     "MinCountConstraintComponent", ALLIANCE, "sk:startYear"),
    ("two start years", add(ALLIANCE, sk("startYear"), year(1952)),
     "MaxCountConstraintComponent", ALLIANCE, "sk:startYear"),
    ("no source id", drop(ALLIANCE, sk("sourceId")), "MinCountConstraintComponent", ALLIANCE, "sk:sourceId"),
    ("source id without dataset",
     both(drop(ALLIANCE, sk("sourceId")), add(ALLIANCE, sk("sourceId"), Literal("3222"))),
     "PatternConstraintComponent", ALLIANCE, "sk:sourceId"),
    ("start after end", add(ALLIANCE, sk("endYear"), year(1950)),
     "LessThanOrEqualsConstraintComponent", ALLIANCE, "sk:startYear"),
    ("nation without ISO3 or reason", drop(PAKISTAN, sk("iso3")), "OrConstraintComponent", PAKISTAN, None),
    ("party that is not an actor", lambda g: g.remove((PAKISTAN, RDF.type, sk("Nation"))),
     "ClassConstraintComponent", ALLIANCE, "sk:hasParty"),
    ("exit before join", add(PAK_IN_ALLIANCE, sk("exitYear"), year(1950)),
     "LessThanOrEqualsConstraintComponent", PAK_IN_ALLIANCE, "sk:joinYear"),
    ("record outside any dataset", drop(ALLIANCE_RECORD, DCTERMS.isPartOf),
     "MinCountConstraintComponent", ALLIANCE_RECORD, "dcterms:isPartOf"),
    ("dataset without citation", drop(ATOP, DCTERMS.bibliographicCitation),
     "MinCountConstraintComponent", ATOP, "dcterms:bibliographicCitation"),
]


@pytest.mark.parametrize(("mutation", "component", "focus", "path"),
                         [pytest.param(*case[1:], id=case[0]) for case in BROKEN])
def test_broken_graph_is_rejected(small_graph: Graph, mutation: Mutation, component: str, focus: URIRef,
                                  path: str | None) -> None:
    broken = Graph()
    for triple in small_graph:
        broken.add(triple)
    mutation(broken)
    report = validate_graph(broken)
    assert not report.conforms
    assert report.violations >= 1
    results = report.text.split("Constraint Violation in ")[1:]
    matching = [r for r in results if component in r.split("\n", 1)[0] and f"Focus Node: <{focus}>" in r
                and (path is None or f"Result Path: {path}\n" in r)]
    assert matching, report.text


NEAR_MISSES = [
    # valid variations right beside the broken ones: they must conform
    ("ends the year it starts", add(ALLIANCE, sk("endYear"), year(1951))),
    ("no ISO3 but a reason", both(drop(PAKISTAN, sk("iso3")),
                                  add(PAKISTAN, sk("noIsoCodeReason"), Literal("test", lang="en")))),
    ("exits the year it joins", add(PAK_IN_ALLIANCE, sk("exitYear"), year(1951))),
    ("a second kind", add(ALLIANCE, RDF.type, sk("EconomicPartnership"))),  # several kinds are allowed now
    ("no parties, said to be incomplete", both(drop(ALLIANCE, sk("hasParty")), drop(ALLIANCE, sk("participation")),
                                               add(ALLIANCE, sk("partiesComplete"), Literal(False)))),
]


@pytest.mark.parametrize("mutation", [pytest.param(m, id=name) for name, m in NEAR_MISSES])
def test_near_miss_graph_conforms(small_graph: Graph, mutation: Mutation) -> None:
    variant = Graph()
    for triple in small_graph:
        variant.add(triple)
    mutation(variant)
    report = validate_graph(variant)
    assert (report.conforms, report.violations) == (True, 0), report.text


def test_shapes_list_every_kind_of_the_ontology() -> None:
    """The 'at least one kind' shape repeats the kinds: it must list the ontology's, no more, no less."""
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    listed: set[URIRef] = set()
    for node in shapes.objects(None, SH["in"]):
        listed |= {c for c in shapes.items(node) if isinstance(c, URIRef)}
    assert listed == set(KINDS.values())


# --- agreements: kinds in use, required properties, provenance ------------------------------

def test_ontology_defines_agreement_kinds() -> None:
    assert len(KINDS) >= 10
    assert KINDS["defence_pact"] == sk("DefencePact")


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_agreements(memory_store: MemoryStore, kind: str) -> None:
    assert count(memory_store, f"SELECT (COUNT(?a) AS ?n) WHERE {{ ?a a <{KINDS[kind]}> }}") >= 1


def kinds_values() -> str:
    return " ".join(f"<{c}>" for c in KINDS.values())


AGREEMENT_DEFECTS = [
    # (defect, a query counting agreements that have it)
    ("no party (unless said to be incomplete)",
     "FILTER NOT EXISTS { ?a sk:hasParty ?n } FILTER NOT EXISTS { ?a sk:partiesComplete false }"),
    ("a party that is no actor", "?a sk:hasParty ?n FILTER NOT EXISTS { ?n a ?c . ?c rdfs:subClassOf sk:Actor }"),
    ("no kind",
     f"{{ SELECT ?a (COUNT(DISTINCT ?k) AS ?kinds) WHERE {{ ?a a sk:Agreement OPTIONAL {{ ?a a ?k "
     f"VALUES ?k {{ {kinds_values()} }} }} }} GROUP BY ?a }} FILTER(?kinds = 0)"),
    ("a narrower kind without its broader one", "?a a sk:DefencePact FILTER NOT EXISTS { ?a a sk:Alliance }"),
    ("no start year", "FILTER NOT EXISTS { ?a sk:startYear ?y }"),
    ("no source id", "FILTER NOT EXISTS { ?a sk:sourceId ?id }"),
    ("source id not matching its URI", """?a sk:sourceId ?id
        FILTER(STR(?a) != CONCAT("https://w3id.org/sharaka/id/agreement/", REPLACE(STR(?id), ":", "-")))"""),
]


@pytest.mark.parametrize("pattern", [pytest.param(q, id=name) for name, q in AGREEMENT_DEFECTS])
def test_no_agreement_has_defect(memory_store: MemoryStore, pattern: str) -> None:
    query = f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a sk:Agreement . {pattern} }}"
    assert count(memory_store, query) == 0


def test_every_party_has_a_participation_record(memory_store: MemoryStore) -> None:
    # counted positively, as below: the FILTER NOT EXISTS form takes Oxigraph minutes on the full graph
    parties = count(memory_store, "SELECT (COUNT(*) AS ?n) WHERE { ?a a sk:Agreement ; sk:hasParty ?p }")
    recorded = count(memory_store, """SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?p WHERE {
        ?a a sk:Agreement ; sk:hasParty ?p ; sk:participation ?record . ?record sk:participant ?p } }""")
    assert recorded == parties > 40000


def test_every_agreement_comes_from_a_record_of_a_cited_dataset(memory_store: MemoryStore) -> None:
    # counted positively: the same check with FILTER NOT EXISTS takes a minute in Oxigraph
    derived = count(memory_store, """SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {
        ?a a sk:Agreement ; prov:wasDerivedFrom ?r . ?r a sk:SourceRecord ; dcterms:isPartOf ?d .
        ?d dcterms:bibliographicCitation ?citation }""")
    assert derived == count(memory_store, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a sk:Agreement }")


def test_defect_queries_can_find_something(memory_store: MemoryStore) -> None:
    """Guard against a defect query that finds nothing because it is wrong: there are agreements."""
    # 789 ATOP + 1871 DCAD + 903 DESTA + 3152 NCA + 99 curated + 29,514 SIPRI + 3,707 MME (test_kg_counts)
    assert count(memory_store, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a sk:Agreement }") == 40035


@pytest.mark.parametrize("lang", ["en", "ar", "fr"])
def test_nations_with_iso_code_have_labels(memory_store: MemoryStore, lang: str) -> None:
    query = f"""SELECT (COUNT(?n) AS ?n) WHERE {{ ?n sk:iso3 ?code
        FILTER NOT EXISTS {{ ?n skos:prefLabel ?l FILTER(LANG(?l) = "{lang}") }} }}"""
    assert count(memory_store, query) == 0


def test_nations_with_iso_code_exist(memory_store: MemoryStore) -> None:
    assert count(memory_store, "SELECT (COUNT(?n) AS ?n) WHERE { ?n a sk:Nation ; sk:iso3 ?c }") > 150


# --- VoID: the dataset description agrees with the graph ------------------------------------

@pytest.mark.parametrize("key", sorted(datasets()))
def test_void_triples_per_source(memory_store: MemoryStore, key: str) -> None:
    described = count(memory_store, f"SELECT ?n WHERE {{ <{BASE}id/dataset/{key}> void:triples ?n }}")
    held = count(memory_store,
                 f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{BASE}graph/{key}> {{ ?s ?p ?o }} }}")
    assert described == held
    assert held > 0


def test_void_triples_of_the_whole(memory_store: MemoryStore) -> None:
    """The triples of every named graph, the description (meta) and the ontology included: the store's count."""
    described = count(memory_store, f"SELECT ?n WHERE {{ <{BASE}id/dataset/sharaka> void:triples ?n }}")
    held = count(memory_store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert described == held == memory_store.triple_count()


@pytest.mark.parametrize("key", ["atop", "dcad", "desta", "nca", "curated", "sipri", "mme"])
def test_void_agreement_count(memory_store: MemoryStore, key: str) -> None:
    dataset = f"<{BASE}id/dataset/{key}>"
    described = count(memory_store, f"SELECT ?n WHERE {{ {dataset} sk:agreementCount ?n }}")
    held = count(memory_store,
                 f"SELECT (COUNT(?a) AS ?n) WHERE {{ ?a a sk:Agreement ; dcterms:source {dataset} }}")
    assert described == held
