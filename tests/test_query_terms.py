"""Every SPARQL query of the repository parses and uses only terms the ontology defines: the answer
shapes (queries/*.rq, in every combination of their optional lines that the compiler can make), their
parts, the entity index's queries, the benchmarks' .rq files and the load generator's queries. A query
that names `sk:signedYear` (no such property) returns nothing and nobody notices: this test notices."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.sparql import prepareQuery

from sharaka.benchmarks.request_mix import RESEARCHER_QUERIES
from sharaka.ontology import ONTOLOGY_FILE
from sharaka.queries import QUERIES_DIR, all_query_files, keep_lines, load_templates

ROOT = Path(__file__).resolve().parent.parent
SK = "https://w3id.org/sharaka/ontology#"
ID = "https://w3id.org/sharaka/id/"
# Concepts of the ontology's schemes (roles, sectors …) are terms too; nations, agreements, organizations and
# datasets are instances of the graph, not of the ontology.
SCHEME_PATHS = ("role", "sector", "obligation", "weapon-category", "nuclear-assistance")
_PREFIXED = re.compile(r"(?<![\w/#])sk:([A-Za-z_][\w-]*)")
_FULL = re.compile(r"<(https://w3id\.org/sharaka/(?:ontology#|id/)[^>\s]*)>")


@pytest.fixture(scope="module")
def defined() -> set[str]:
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")
    return {str(s) for s in ontology.subjects() if isinstance(s, URIRef)}


def terms_of(text: str) -> set[str]:
    found = {SK + name for name in _PREFIXED.findall(text)}
    for iri in _FULL.findall(text):
        if iri == SK:
            continue  # the namespace of a PREFIX line
        if iri.startswith(SK) or iri[len(ID):].split("/")[0] in SCHEME_PATHS:
            found.add(iri.rstrip("/") if iri != ID + "sector" else iri)
    return found


def query_texts() -> list[tuple[str, str]]:
    """(name, text) of every query: a shape in its example form and with every switch and slot present."""
    texts: list[tuple[str, str]] = []
    for template in load_templates():
        names = set(template.variables) | set(template.flags)
        texts.append((f"{template.id} (example)", template.example_query))
        texts.append((f"{template.id} (everything)", keep_lines(template.query, names)))
    files = [p for p in all_query_files(ROOT) if p.parent != QUERIES_DIR and "parts" not in p.parts]
    texts += [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in files]
    texts += [(f"loadgen #{i}", q) for i, q in enumerate(RESEARCHER_QUERIES)]
    return texts


QUERIES = query_texts()


def test_the_repository_has_the_queries_this_test_reads() -> None:
    names = {name for name, _ in QUERIES}
    assert any(n.startswith("benchmarks/sparql/") for n in names) and any("lexicon" in n for n in names)
    assert len([n for n in names if n.startswith("loadgen")]) == len(RESEARCHER_QUERIES)


@pytest.mark.parametrize(("name", "text"), QUERIES, ids=[n for n, _ in QUERIES])
def test_query_parses(name: str, text: str) -> None:
    prepareQuery(text)


@pytest.mark.parametrize(("name", "text"), QUERIES, ids=[n for n, _ in QUERIES])
def test_query_uses_only_terms_the_ontology_defines(name: str, text: str, defined: set[str]) -> None:
    unknown = sorted(terms_of(text) - defined)
    assert not unknown, f"{name} uses terms the ontology does not define: {unknown}"


@pytest.mark.parametrize("path", sorted((QUERIES_DIR / "parts").glob("*.rq")), ids=lambda p: p.name)
def test_parts_use_only_defined_terms(path: Path, defined: set[str]) -> None:
    assert not sorted(terms_of(path.read_text(encoding="utf-8")) - defined)


@pytest.mark.parametrize(("text", "unknown"), [
    ("PREFIX sk: <https://w3id.org/sharaka/ontology#> SELECT * WHERE { ?a sk:signedYear ?y }", [SK + "signedYear"]),
    ("SELECT * WHERE { ?a <https://w3id.org/sharaka/ontology#kind> ?k }", [SK + "kind"]),
    ("SELECT * WHERE { ?p <https://w3id.org/sharaka/ontology#role> <https://w3id.org/sharaka/id/role/spy> }",
     [ID + "role/spy"]),
    ("SELECT * WHERE { ?a <https://w3id.org/sharaka/ontology#startYear> ?y }", []),  # the near-miss
])
def test_the_check_finds_terms_that_do_not_exist(text: str, unknown: list[str], defined: set[str]) -> None:
    assert sorted(terms_of(text) - defined) == unknown
