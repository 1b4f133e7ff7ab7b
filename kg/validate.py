"""SHACL validation of the built graph against ontology/shapes.ttl.

pyshacl checks about 2,500 triples a second, so the 1.6 million of the full graph are validated in pieces, side
by side in worker processes: each piece holds the shared context (ontology, nations, organizations, the dataset
description, the lexicon …) and the triples of one source; the SIPRI register's deals are split further by deal
number. A shape never looks from one deal to another, so the pieces together check what the whole would."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import Graph
from rdflib.namespace import SH

from sharaka.ontology import SHAPES_FILE

# Named graphs of agreements: validated one by one on top of everything else (the context).
AGREEMENT_GRAPHS = ("atop", "dcad", "desta", "nca", "sipri", "mme")
# The subjects of one SIPRI deal: the agreement, its record and its participations (see kg/vocab.py).
DEAL = re.compile(r"^<https://w3id\.org/sharaka/id/(?:agreement/sipri-|participation/sipri-|record/sipri/register/)"
                  r"(\d+)[/>]")
DEALS_PER_PIECE = 3000


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
    violations = len(set(results.subjects(SH.resultSeverity, SH.Violation)))
    focus = len(set(results.objects(None, SH.focusNode)))
    checked = len(set(graph.subjects()))
    return ValidationReport(bool(conforms), violations, checked if conforms else focus, str(text))


def pieces(lines: Iterable[str], sample_every: int = 1) -> list[str]:
    """N-Triples texts to validate one by one: context + one agreement source (SIPRI: a slice of its deals).
    With `sample_every` n > 1 only every n-th SIPRI deal is kept (the quick check of the test suite)."""
    context: list[str] = []
    sources: dict[str, list[str]] = defaultdict(list)
    deals: dict[int, list[str]] = defaultdict(list)
    for line in lines:
        if not line.strip():
            continue
        triple, graph = line.rsplit(" ", 2)[0] + " .\n", line.rsplit(" ", 2)[-2].strip("<>").rsplit("/", 1)[-1]
        if graph not in AGREEMENT_GRAPHS:
            context.append(triple)
        elif graph == "sipri" and (deal := DEAL.match(line)):
            number = int(deal.group(1))
            if number % sample_every == 0:
                deals[number].append(triple)
        else:  # a source's other subjects (SIPRI's non-state actors …) go with every piece of that source
            sources[graph].append(triple)
    shared = "".join(context)
    texts = [shared + "".join(sources[g]) for g in AGREEMENT_GRAPHS if g != "sipri" and g in sources]
    numbers = sorted(deals)
    for start in range(0, len(numbers), DEALS_PER_PIECE):
        chunk = numbers[start:start + DEALS_PER_PIECE]
        texts.append(shared + "".join(sources["sipri"]) + "".join(t for n in chunk for t in deals[n]))
    return texts or [shared]


def _validate_text(text: str) -> ValidationReport:
    graph = Graph()
    graph.parse(data=text, format="nt")
    return validate_graph(graph)


def validate_file(path: Path, sample_every: int = 1, workers: int | None = None) -> ValidationReport:
    """Validate the graph in pieces, side by side (see the module's docstring); `sample_every` n > 1 keeps
    only every n-th SIPRI deal."""
    with path.open(encoding="utf-8") as fh:
        lines = fh.readlines()
    texts = pieces(lines, sample_every)
    subjects = len({line.split(" ", 1)[0] for line in lines})
    workers = workers or min(len(texts), os.cpu_count() or 1)
    if workers == 1:
        reports = [_validate_text(t) for t in texts]
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            reports = list(pool.map(_validate_text, texts))
    conforms = all(r.conforms for r in reports)
    # Conforming: the nodes of the file (a node of the context is checked in every piece, counted once).
    return ValidationReport(conforms, sum(r.violations for r in reports),
                            subjects if conforms else sum(r.focus_nodes for r in reports),
                            "\n".join(r.text for r in reports if not r.conforms))
