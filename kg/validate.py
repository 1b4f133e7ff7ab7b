"""SHACL validation of the built graph against ontology/shapes.ttl."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph

from ontology import SHAPES_FILE


@dataclass
class ValidationReport:
    conforms: bool
    violations: int
    focus_nodes: int
    text: str


def load_union(path: Path) -> Graph:
    """All named graphs of an N-Quads file as one rdflib graph (SHACL sees the union)."""
    graph = Graph()
    with path.open(encoding="utf-8") as fh:
        triples = "".join(line.rsplit(" ", 2)[0] + " .\n" for line in fh if line.strip())
    graph.parse(data=triples, format="nt")
    return graph


def validate_graph(graph: Graph) -> ValidationReport:
    conforms, results, text = pyshacl.validate(graph, shacl_graph=str(SHAPES_FILE), shacl_graph_format="turtle",
                                               inference="none", advanced=False)
    from rdflib.namespace import SH

    violations = len(set(results.subjects(SH.resultSeverity, SH.Violation)))
    focus = len(set(results.objects(None, SH.focusNode)))
    checked = len(set(graph.subjects()))
    return ValidationReport(bool(conforms), violations, checked if conforms else focus, str(text))


def validate_file(path: Path) -> ValidationReport:
    return validate_graph(load_union(path))
