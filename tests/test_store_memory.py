"""The embedded store: pyoxigraph in memory, with the same data also visible as an rdflib Dataset."""

from __future__ import annotations

from rdflib import URIRef

from sharaka.store import MemoryStore

PAK = URIRef("https://w3id.org/sharaka/id/nation/PAK")
HAS_PARTY = URIRef("https://w3id.org/sharaka/ontology#hasParty")


def test_rdflib_view_sees_the_same_union_graph(memory_store: MemoryStore) -> None:
    query = ("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a <https://w3id.org/sharaka/ontology#hasParty> "
             "<https://w3id.org/sharaka/id/nation/PAK> }")
    direct = int(memory_store.select(query).rows[0]["n"])  # type: ignore[call-overload]
    through_rdflib = int(next(iter(memory_store.rdflib.query(query)))[0])  # type: ignore[index, call-overload]
    assert direct == through_rdflib > 100
    assert len(set(memory_store.rdflib.subjects(HAS_PARTY, PAK))) == direct


def test_triple_count_counts_every_quad(memory_store: MemoryStore, graph_file) -> None:  # type: ignore[no-untyped-def]
    lines = sum(1 for _ in graph_file.open(encoding="utf-8"))
    assert memory_store.triple_count() == lines
