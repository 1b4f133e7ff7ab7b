"""The build: vendored sources → one RDF dataset (named graph per source), deterministic N-Quads."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg import atop, curated, dcad, desta, nations, nca, organizations, sources
from kg.countries import KNOWN_UNMAPPED
from kg.describe import describe
from kg.model import BuildContext, BuildReport
from kg.sources import verify_checksums
from kg.vocab import graph_uri
from ontology import ONTOLOGY_FILE

Loader = Callable[[BuildContext], None]

# Order matters only for nations, which are written last for every code the others mention.
LOADERS: tuple[tuple[str, Loader], ...] = (
    ("atop", atop.load),
    ("dcad", dcad.load),
    ("desta", desta.load),
    ("nca", nca.load),
    ("curated", curated.load),
    ("cow_igo", organizations.load),
)

GRAPH_FILE = "sharaka.nq"
MANIFEST_FILE = "manifest.json"
KG_DIR = Path(__file__).resolve().parent


def input_fingerprint() -> str:
    """Hash of everything the build reads: sources, ontology and the build code itself."""
    digest = hashlib.sha256()
    files = sorted(p for p in sources.SOURCES_DIR.rglob("*") if p.is_file() and p.suffix in {".csv", ".toml"})
    files += [*sorted(KG_DIR.rglob("*.py")), ONTOLOGY_FILE]
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))


def nt_term(term: URIRef | Literal) -> str:
    """N-Triples form of a term; the graph has no blank nodes, so output is canonical and stable."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        lexical = f'"{_escape(str(term))}"'
        if term.language:
            return f"{lexical}@{term.language}"
        if term.datatype and term.datatype != XSD.string:
            return f"{lexical}^^<{term.datatype}>"
        return lexical
    raise TypeError(f"unexpected term {term!r} (blank nodes are not allowed in the build)")


def nquad_lines(quads: dict[str, set[tuple[URIRef, URIRef, URIRef | Literal]]]) -> list[str]:
    lines: list[str] = []
    for name, triples in quads.items():
        g = f"<{graph_uri(name)}>"
        lines.extend(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} {g} .\n" for s, p, o in triples)
    lines.sort()
    return lines


def load_ontology() -> Graph:
    graph = Graph()
    graph.parse(ONTOLOGY_FILE, format="turtle")
    if any(isinstance(t, BNode) for triple in graph for t in triple):
        raise ValueError("the ontology must not use blank nodes (the build output must be canonical)")
    return graph


@dataclass
class BuildResult:
    lines: list[str]
    report: BuildReport
    unmapped: dict[tuple[str, str], int]
    version: str
    seconds: float

    def graph_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for line in self.lines:
            name = line.rsplit(" ", 2)[-2].strip("<>").rsplit("/", 1)[-1]
            counts[name] = counts.get(name, 0) + 1
        return dict(sorted(counts.items()))


def build() -> BuildResult:
    """Build the whole dataset in memory."""
    started = time.perf_counter()
    checksums = verify_checksums()
    version = input_fingerprint()[:12]
    ontology = load_ontology()
    ctx = BuildContext(ontology)
    for _, loader in LOADERS:
        loader(ctx)
    nations.emit(ctx)
    ctx.quads["ontology"] = {(s, p, o) for s, p, o in ontology}  # type: ignore[misc]
    describe(ctx, checksums, version)
    lines = nquad_lines(ctx.quads)
    return BuildResult(lines, ctx.report, dict(ctx.codes.unmapped), version, time.perf_counter() - started)


def unexpected_unmapped(result: BuildResult) -> list[tuple[str, str]]:
    """Unmapped codes that the known-exceptions table does not explain."""
    return sorted(k for k in result.unmapped if k not in KNOWN_UNMAPPED)


def write_graph(result: BuildResult, out: Path) -> None:
    """Write atomically: readers never see half a file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".sharaka-", suffix=".nq")
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(result.lines)
    os.chmod(tmp, 0o644)  # mkstemp makes it private; the graph is public data
    os.replace(tmp, out)


def write_manifest(result: BuildResult, data_dir: Path, fingerprint: str) -> None:
    manifest = {
        "fingerprint": fingerprint,
        "dataset_version": result.version,
        "triples": len(result.lines),
        "graphs": result.graph_counts(),
        "agreements": dict(sorted(result.report.agreements.items())),
        "participations": dict(sorted(result.report.participations.items())),
        "build_seconds": round(result.seconds, 2),
    }
    tmp = data_dir / (MANIFEST_FILE + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    os.replace(tmp, data_dir / MANIFEST_FILE)


def read_manifest(data_dir: Path) -> dict[str, object] | None:
    try:
        data = json.loads((data_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def ensure_built(data_dir: Path, log: Callable[[str], None] = lambda _: None) -> Path:
    """Path of an up-to-date built graph, building (and caching) it when missing or stale."""
    out = data_dir / GRAPH_FILE
    fingerprint = input_fingerprint()
    manifest = read_manifest(data_dir)
    if out.exists() and manifest and manifest.get("fingerprint") == fingerprint:
        return out
    log("building the graph from kg/sources (first start or sources changed) …")
    result = build()
    write_graph(result, out)
    write_manifest(result, data_dir, fingerprint)
    log(f"built {len(result.lines):,} triples in {result.seconds:.1f} s → {out}")
    return out


def summary_rows(result: BuildResult) -> Iterable[str]:
    """Lines for `sharaka build`: triples per graph, agreements, skipped rows, unmapped codes."""
    counts = result.graph_counts()
    yield f"{'graph':<12} {'triples':>9} {'agreements':>11} {'participations':>15}"
    for name, n in counts.items():
        yield (f"{name:<12} {n:>9,} {result.report.agreements.get(name, 0):>11,} "
               f"{result.report.participations.get(name, 0):>15,}")
    yield f"{'total':<12} {len(result.lines):>9,} {sum(result.report.agreements.values()):>11,}"
    for dataset, reasons in sorted(result.report.skipped.items()):
        for reason, n in sorted(reasons.items()):
            yield f"skipped {dataset}: {n} × {reason}"
    for (dataset, code), n in sorted(result.unmapped.items()):
        known = KNOWN_UNMAPPED.get((dataset, code), "NOT IN THE KNOWN-EXCEPTIONS TABLE")
        yield f"unmapped {dataset} code {code} ({n} rows): {known}"
    yield f"dataset version {result.version}; built in {result.seconds:.1f} s"
