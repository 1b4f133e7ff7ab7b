"""The remote store against a real Oxigraph server, and against stubs that misbehave on purpose."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from sharaka.errors import (
    MalformedQuery,
    ResultTooLarge,
    SharakaError,
    StoreError,
)
from sharaka.kg.vocab import graph_uri
from sharaka.settings import Settings
from sharaka.store import DatasetSpec, MemoryStore
from sharaka.store.remote import RemoteStore, count_quads, graph_store_urls, load_into_remote
from tests.oxigraph_server import OxigraphServer, remote_settings, require_oxigraph

pytestmark = pytest.mark.remote

PREFIXES = """PREFIX sk: <https://w3id.org/sharaka/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
QUESTION = "Which countries has Pakistan signed defence pacts with since 2000?"


# -- loading ---------------------------------------------------------------------------------------
def test_load_replaces_the_dataset_and_verifies_the_count(small_graph_file: Path, tmp_path: Path,
                                                          small_data_dir: Path) -> None:
    """The Graph Store PUT of `sharaka load`, on a small real graph (the session's server is bulk-loaded)."""
    require_oxigraph()
    quads = small_graph_file.read_text(encoding="utf-8").splitlines(keepends=True)
    first_half = tmp_path / "half.nq"
    first_half.write_text("".join(quads[: len(quads) // 2]), encoding="utf-8")
    with OxigraphServer(log_dir=tmp_path) as server:
        settings = remote_settings(small_data_dir, server.query_url)
        assert load_into_remote(small_graph_file, server.store_url, settings) == count_quads(small_graph_file)
        assert load_into_remote(first_half, server.store_url, settings) == len(quads) // 2  # replaced, not added
        assert RemoteStore(server.query_url).triple_count() == len(quads) // 2 == count_quads(first_half)


def test_the_session_server_holds_the_whole_graph(graph_file: Path, memory_store: MemoryStore,
                                                  remote_store: RemoteStore) -> None:
    assert remote_store.triple_count() == count_quads(graph_file) == memory_store.triple_count()


def test_manifest_reads_the_meta_graph(remote_store: RemoteStore, build_result: Any) -> None:
    manifest = remote_store.manifest()
    assert manifest["dataset_version"] == build_result.version
    assert manifest["triples"] == count_quads_of(build_result)  # VoID's size of the whole dataset


def count_quads_of(build_result: Any) -> int:
    return len(build_result.lines)


def test_a_failed_load_leaves_the_previous_dataset(small_graph_file: Path, tmp_path: Path,
                                                   small_data_dir: Path) -> None:
    require_oxigraph()
    bad = tmp_path / "bad.nq"
    with small_graph_file.open(encoding="utf-8") as fh:
        bad.write_text("".join(next(fh) for _ in range(200)) + "this is not N-Quads\n", encoding="utf-8")
    with OxigraphServer(log_dir=tmp_path) as server:
        settings = remote_settings(small_data_dir, server.query_url)
        before = load_into_remote(small_graph_file, server.store_url, settings)
        with pytest.raises(StoreError, match="refused the data"):
            load_into_remote(bad, server.store_url, settings)
        assert RemoteStore(server.query_url).triple_count() == before > 200


def test_a_count_mismatch_fails_the_load(graph_file: Path, tmp_path: Path, data_dir: Path) -> None:
    require_oxigraph()
    with graph_file.open(encoding="utf-8") as fh:
        lines = [next(fh) for _ in range(50)]
    doubled = tmp_path / "doubled.nq"
    doubled.write_text("".join(lines + lines[:1]), encoding="utf-8")  # 51 lines, 50 distinct quads
    with OxigraphServer(log_dir=tmp_path) as server, pytest.raises(StoreError, match="holds 50 quads"):
        load_into_remote(doubled, server.store_url, remote_settings(data_dir, server.query_url))


@pytest.mark.parametrize(("to", "update_url", "store", "expected"), [
    ("http://h:7878/store", "", "memory", ("http://h:7878/store", "http://h:7878/query")),
    ("http://h:7878/store/", "", "memory", ("http://h:7878/store", "http://h:7878/query")),
    ("http://h:7878/query", "", "memory", ("http://h:7878/store", "http://h:7878/query")),
    ("http://h:7878/query", "http://h:9/gsp", "memory", ("http://h:9/gsp", "http://h:7878/query")),
    ("http://h:3030/ds/data", "", "http://h:3030/ds/query", ("http://h:3030/ds/data", "http://h:3030/ds/query")),
])
def test_load_urls(to: str, update_url: str, store: str, expected: tuple[str, str]) -> None:
    settings = Settings.load({"store_update_url": update_url, "store": store}, environ={})
    assert graph_store_urls(to, settings) == expected


def test_load_url_that_names_no_query_endpoint_is_refused() -> None:
    with pytest.raises(SharakaError, match="cannot tell the query URL"):
        graph_store_urls("http://h:3030/ds/data", Settings.load({}, environ={}))


# -- the same results as the embedded store ----------------------------------------------------------
SELECTS = {
    "iso codes (plain literals)": "SELECT ?n ?code WHERE { ?n sk:iso3 ?code }",
    "labels with languages": "SELECT ?n ?l WHERE { ?n sk:iso3 ?c ; skos:prefLabel ?l }",
    "typed literals": "SELECT ?a ?p ?v WHERE { VALUES ?p { sk:coverageEnd sk:startMonth sk:recurring sk:endDate "
                      "sk:endYear } ?a ?p ?v }",
    "optional, unbound": "SELECT ?n ?d WHERE { ?n sk:iso3 ?c OPTIONAL { ?n sk:demonym ?d } }",
    "aggregate per graph": "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "union default graph": "SELECT ?t (COUNT(?s) AS ?n) WHERE { ?s a ?t } GROUP BY ?t",
}


def _multiset(rows: list[dict[str, Any]]) -> Counter[frozenset[tuple[str, Any]]]:
    return Counter(frozenset(row.items()) for row in rows)


@pytest.mark.parametrize("query", SELECTS.values(), ids=SELECTS.keys())
def test_select_gives_the_rows_of_the_embedded_store(query: str, memory_store: MemoryStore,
                                                     remote_store: RemoteStore) -> None:
    memory, remote = memory_store.select(PREFIXES + query), remote_store.select(PREFIXES + query)
    assert memory.rows, "the query must return something to compare"
    assert remote.variables == memory.variables
    assert _multiset(remote.rows) == _multiset(memory.rows)


def test_select_limit_cuts_and_says_so(memory_store: MemoryStore, remote_store: RemoteStore) -> None:
    query = PREFIXES + "SELECT ?n WHERE { ?n sk:iso3 ?c } ORDER BY ?n"
    memory, remote = memory_store.select(query, limit=5), remote_store.select(query, limit=5)
    assert (remote.rows, remote.truncated) == (memory.rows, True)
    assert remote_store.select(query, limit=100000).truncated is False


@pytest.mark.parametrize("query", [
    "ASK { ?n sk:iso3 \"PAK\" }", "ASK { ?n sk:iso3 \"XXX\" }",
    "ASK { GRAPH <https://w3id.org/sharaka/graph/meta> { ?s ?p ?o } }",
])
def test_ask(query: str, memory_store: MemoryStore, remote_store: RemoteStore) -> None:
    assert remote_store.ask(PREFIXES + query) is memory_store.ask(PREFIXES + query)


def test_construct(memory_store: MemoryStore, remote_store: RemoteStore) -> None:
    query = PREFIXES + "CONSTRUCT { ?n rdfs:label ?l ; sk:iso3 ?c } WHERE { ?n sk:iso3 ?c ; rdfs:label ?l }"
    memory, remote = memory_store.construct(query), remote_store.construct(query)
    assert memory and set(remote) == set(memory)


def test_wrong_query_form_is_refused_before_sending(remote_store: RemoteStore) -> None:
    with pytest.raises(MalformedQuery):
        remote_store.select("ASK { ?s ?p ?o }")
    with pytest.raises(MalformedQuery, match="rejected the query"):
        remote_store.select("SELECT ?x WHERE { ?x ?y }")


RAW_CASES = [
    ("SELECT ?n ?c WHERE { ?n sk:iso3 ?c }", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("SELECT ?n ?c WHERE { ?n sk:iso3 ?c }", "application/sparql-results+xml", ox.QueryResultsFormat.XML),
    ("SELECT ?n ?c WHERE { ?n sk:iso3 ?c }", "text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ("SELECT ?n ?c WHERE { ?n sk:iso3 ?c }", "text/csv", None),
    ("ASK { ?n sk:iso3 \"PAK\" }", "application/sparql-results+json", ox.QueryResultsFormat.JSON),
    ("CONSTRUCT WHERE { ?n sk:iso3 ?c }", "text/turtle", ox.RdfFormat.TURTLE),
    ("CONSTRUCT WHERE { ?n sk:iso3 ?c }", "application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("DESCRIBE <https://w3id.org/sharaka/id/nation/PAK>", "application/n-triples", ox.RdfFormat.N_TRIPLES),
]


def _parsed(body: bytes, fmt: Any) -> Any:
    """Bodies compared by meaning: solutions or triples as multisets, CSV as sorted lines."""
    if fmt is None:
        head, *lines = body.decode().splitlines()
        return head, sorted(lines)
    if isinstance(fmt, ox.RdfFormat):
        return Counter(str(q.triple) for q in ox.parse(body, format=fmt))
    results = ox.parse_query_results(body, format=fmt)
    if isinstance(results, ox.QueryBoolean):
        return bool(results)
    names = [v.value for v in results.variables]
    return Counter(tuple(str(s[n]) for n in names) for s in results)


def _here(store: MemoryStore, query: str, media_type: str, dataset: DatasetSpec | None = None) -> bytes:
    from sharaka.sparql.execution import run_here

    return run_here(store, query, "", media_type, dataset).body


@pytest.mark.parametrize(("query", "media_type", "fmt"), RAW_CASES,
                         ids=[f"{q.split()[0]}-{m}" for q, m, _ in RAW_CASES])
def test_send_query_passes_the_negotiated_format_through(query: str, media_type: str, fmt: Any,
                                                         memory_store: MemoryStore, remote_store: RemoteStore) -> None:
    memory = _here(memory_store, PREFIXES + query, media_type)
    remote = remote_store.send_query(PREFIXES + query, media_type)
    assert _parsed(remote, fmt) == _parsed(memory, fmt)


def test_send_query_sends_the_protocol_dataset(memory_store: MemoryStore, remote_store: RemoteStore) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    nca = DatasetSpec(default_graphs=(str(graph_uri("nca")),))
    memory = _here(memory_store, query, "text/csv", nca)
    remote = remote_store.send_query(query, "text/csv", nca)
    assert remote.split() == memory.split()
    everything = remote_store.send_query(query, "text/csv")
    assert int(everything.split()[-1]) > int(remote.split()[-1]) > 0


def test_send_query_refuses_a_body_over_the_byte_limit(remote_store: RemoteStore) -> None:
    """The store's answer is read no further than the limit, and never passed on cut."""
    query = PREFIXES + "SELECT ?n ?c WHERE { ?n sk:iso3 ?c }"
    whole = remote_store.send_query(query, "text/csv")
    assert remote_store.send_query(query, "text/csv", max_bytes=len(whole)) == whole
    with pytest.raises(ResultTooLarge) as refused:
        remote_store.send_query(query, "text/csv", max_bytes=len(whole) - 1)
    assert refused.value.extra == {"setting": "max_result_bytes", "limit": len(whole) - 1}


def test_updates_are_never_sent(remote_store: RemoteStore) -> None:
    with pytest.raises(SharakaError):
        remote_store.send_query("DROP ALL", "application/sparql-results+json")
    assert remote_store.triple_count() > 0
