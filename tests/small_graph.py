"""A small graph for the tests of the query workers' mechanics (lanes, limits, slots, shutdown), where the data
does not matter but its shape does: the 26 organizations of a COW IGO-like graph (so the lanes' normal query
counts 26, as on the full graph), and agreements that all name one party, so that a connected three-way join on
`sk:hasParty` (no cross product to see in its shape) has 2,000³ rows and runs until it is stopped. About 4,100
quads: loaded in well under a second, where the full graph takes tens of seconds on a busy machine."""

from __future__ import annotations

from pathlib import Path

SK = "https://w3id.org/sharaka/ontology#"
ID = "https://w3id.org/sharaka/id/"
G = "https://w3id.org/sharaka/graph/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ORGANIZATIONS = 26
AGREEMENTS = 2000
VERSION = "test-small-graph"


def small_graph_lines() -> list[str]:
    igo, atop = f"<{G}cow_igo>", f"<{G}atop>"
    lines = []
    for i in range(ORGANIZATIONS):
        org = f"<{ID}org/test-{i}>"
        lines.append(f"{org} <{RDF_TYPE}> <{SK}InternationalOrganization> {igo} .")
        lines.append(f'{org} <{RDFS_LABEL}> "Organization {i}" {igo} .')
    for i in range(AGREEMENTS):
        agreement = f"<{ID}agreement/test-{i}>"
        lines.append(f"{agreement} <{RDF_TYPE}> <{SK}Agreement> {atop} .")
        lines.append(f"{agreement} <{SK}hasParty> <{ID}nation/PAK> {atop} .")
    # The dataset's description, as the build writes it into the meta graph (a remote store is recognised by it).
    data_triples = len(lines)
    sharaka, meta = f"<{ID}dataset/sharaka>", f"<{G}meta>"
    lines.append(f"{sharaka} <{RDF_TYPE}> <http://www.w3.org/ns/dcat#Dataset> {meta} .")
    lines.append(f'{sharaka} <http://purl.org/dc/terms/title> "Sharaka (small test graph)" {meta} .')
    lines.append(f'{sharaka} <http://www.w3.org/ns/dcat#version> "{VERSION}" {meta} .')
    lines.append(f'{sharaka} <http://www.w3.org/2002/07/owl#versionInfo> "{VERSION}" {meta} .')
    lines.append(f'{sharaka} <http://rdfs.org/ns/void#triples> "{data_triples}"'
                 f'^^<http://www.w3.org/2001/XMLSchema#integer> {meta} .')
    return lines


def write_small_graph(path: Path) -> Path:
    path.write_text("\n".join(small_graph_lines()) + "\n", encoding="utf-8")
    return path


# True on the small graph (and answered in milliseconds): "are the workers up?"
ASK_SMALL = f"ASK {{ <{ID}agreement/test-7> <{SK}hasParty> <{ID}nation/PAK> }}"


def write_small_manifest(data_dir: Path) -> Path:
    """Mark `data_dir/sharaka.nq` (the small graph) as the built graph of today's sources (kg.build.ensure_built
    then uses it as it is). A test fixture only: nothing in it traces to a source record."""
    from tests.fixture_manifest import write_fixture_manifest

    return write_fixture_manifest(data_dir, len(small_graph_lines()),
                                  {"cow_igo": 2 * ORGANIZATIONS, "atop": 2 * AGREEMENTS, "meta": 5}, VERSION)
