"""A small data directory for tests of the server's mechanics (processes, timeouts, limits, shutdown): the
hand-made graph of tests/fixtures/mini.trig (about a hundred quads) as the cached graph, with a manifest that
checks out, so that `sharaka serve` starts in a second or two instead of loading the 1.6 M-quad graph.
Answers on it are worked out by hand from mini.trig."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph

from sharaka.kg.build import GRAPH_FILE, BuildResult
from sharaka.kg.model import BuildReport
from sharaka.kg.vocab import dataset_uri
from tests.fixture_manifest import write_fixture_manifest

FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"
GRAPH_BASE = "https://w3id.org/sharaka/graph/"
OWL, VOID = "http://www.w3.org/2002/07/owl#", "http://rdfs.org/ns/void#"
XSD, RDF = "http://www.w3.org/2001/XMLSchema#", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DCAT, DCTERMS = "http://www.w3.org/ns/dcat#", "http://purl.org/dc/terms/"

# Hand-checked on mini.trig: Pakistan and Saudi Arabia are members of the OIC, Turkey left it in 1990.
OIC_MEMBERS_QUESTION = "Which countries are in the OIC?"
OIC_MEMBERS = {"PAK", "SAU"}
ORGANIZATIONS = 1  # sk:InternationalOrganization: the OIC only
# A product of five copies of the graph (about 10^10 rows): runs far past any query_timeout of a test.
RUNAWAY_SMALL = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def write_small_data_dir(directory: Path) -> Path:
    """Write mini.trig as the data directory's graph (N-Quads) and a manifest the cache check accepts."""
    directory.mkdir(parents=True, exist_ok=True)
    store = pyoxigraph.Store()
    store.load(path=str(FIXTURE), format=pyoxigraph.RdfFormat.TRIG)
    # The dataset's description, which a remote store must hold to be ready (sharaka/store/remote.py: ping;
    # service/state.py: the engine's dataset version).
    dataset, meta = pyoxigraph.NamedNode(str(dataset_uri("sharaka"))), pyoxigraph.NamedNode(f"{GRAPH_BASE}meta")
    count = pyoxigraph.Literal(str(len(store)), datatype=pyoxigraph.NamedNode(f"{XSD}integer"))
    version = pyoxigraph.Literal("fixture")
    for predicate, value in ((f"{RDF}type", pyoxigraph.NamedNode(f"{DCAT}Dataset")),
                             (f"{DCTERMS}title", pyoxigraph.Literal("Sharaka test fixture (mini.trig)")),
                             (f"{DCAT}version", version), (f"{OWL}versionInfo", version), (f"{VOID}triples", count)):
        store.add(pyoxigraph.Quad(dataset, pyoxigraph.NamedNode(predicate), value, meta))
    graph = directory / GRAPH_FILE
    store.dump(output=str(graph), format=pyoxigraph.RdfFormat.N_QUADS)
    return write_fixture_manifest(directory, len(store), {"fixture": len(store)})


def small_lines() -> list[str]:
    """mini.trig as N-Quads lines, sorted (as a build writes its graph)."""
    store = pyoxigraph.Store()
    store.load(path=str(FIXTURE), format=pyoxigraph.RdfFormat.TRIG)
    text = store.dump(format=pyoxigraph.RdfFormat.N_QUADS).decode("utf-8")
    return sorted(line + "\n" for line in text.splitlines() if line.strip())


def small_build_result() -> BuildResult:
    """A build's result holding the small graph: for tests of the cache's mechanics, in place of a 20 s build."""
    return BuildResult(small_lines(), BuildReport(), {}, "fixture", 0.1)


def patch_build_in_this_process() -> None:
    """Make this process's builds return the small graph (for a test's subprocess, which a monkeypatch misses)."""
    import sharaka.kg.build

    result = small_build_result()
    sharaka.kg.build.build = lambda exclude_noncommercial=False: result  # type: ignore[assignment]
