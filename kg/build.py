"""The build: vendored sources → one RDF dataset (named graph per source), deterministic N-Quads."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from sharaka.kg import atop, curated, dcad, desta, mme, nations, nca, oic, organizations, sipri, sources
from sharaka.kg.countries import KNOWN_UNMAPPED
from sharaka.kg.describe import describe
from sharaka.kg.model import BuildContext, BuildReport
from sharaka.kg.sources import datasets, verify_checksums
from sharaka.kg.vocab import graph_uri
from sharaka.ontology import ONTOLOGY_FILE

Loader = Callable[[BuildContext], None]

# Each loader with the dataset it reads (its terms decide whether a build leaves it out). Order matters only
# for nations, which are written last for every code the others mention.
LOADERS: tuple[tuple[str, Loader], ...] = (
    ("atop", atop.load),
    ("dcad", dcad.load),
    ("desta", desta.load),
    ("nca", nca.load),
    ("curated", curated.load),
    ("cow_igo", organizations.load),
    ("oic", oic.load),
    ("sipri", sipri.load),
    ("mme", mme.load),
)

GRAPH_FILE = "sharaka.nq"
MANIFEST_FILE = "manifest.json"
KG_DIR = Path(__file__).resolve().parent


def input_fingerprint(exclude_noncommercial: bool = False) -> str:
    """Hash of everything the build reads: sources, ontology, the build code itself and the build setting."""
    digest = hashlib.sha256()
    if exclude_noncommercial:  # a different graph from the same files: a different fingerprint
        digest.update(b"exclude_noncommercial")
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
    # A term's N-Triples form, made once per term object: subjects and predicates repeat many times. Keyed by
    # id(), because rdflib hashes a term in Python code; the quads keep every term alive, so no id is reused.
    written: dict[int, str] = {}

    def form(term: URIRef | Literal) -> str:
        text = written.get(id(term))
        if text is None:
            text = written[id(term)] = nt_term(term)
        return text

    for name, triples in quads.items():
        g = f"<{graph_uri(name)}>"
        lines.extend(f"{form(s)} {form(p)} {form(o)} {g} .\n" for s, p, o in triples)
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


def excluded_datasets(exclude_noncommercial: bool) -> list[str]:
    """Datasets a build leaves out: those whose terms are non-commercial, when the setting asks for it."""
    return sorted(k for k, ds in datasets().items() if exclude_noncommercial and ds.noncommercial)


def build(exclude_noncommercial: bool = False) -> BuildResult:
    """Build the whole dataset in memory (without the non-commercial sources when asked)."""
    started = time.perf_counter()
    checksums = verify_checksums()
    version = input_fingerprint(exclude_noncommercial)[:12]
    ontology = load_ontology()
    ctx = BuildContext(ontology)
    ctx.report.excluded = excluded_datasets(exclude_noncommercial)
    for dataset, loader in LOADERS:
        if dataset not in ctx.report.excluded:
            loader(ctx)
    nations.emit(ctx)
    ctx.quads["ontology"] = {(s, p, o) for s, p, o in ontology}
    describe(ctx, checksums, version)
    lines = nquad_lines(ctx.quads)
    return BuildResult(lines, ctx.report, dict(ctx.codes.unmapped), version, time.perf_counter() - started)


def unexpected_unmapped(result: BuildResult) -> list[tuple[str, str]]:
    """Unmapped codes that the known-exceptions table does not explain."""
    return sorted(k for k in result.unmapped if k not in KNOWN_UNMAPPED)


def write_graph(result: BuildResult, out: Path) -> None:
    """Write atomically: readers never see half a file."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".sharaka-", suffix=".nq")
    except OSError as exc:  # named by the file asked for, not by the temporary one
        raise OSError(exc.errno, exc.strerror, str(out)) from None
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(result.lines)
    os.chmod(tmp, 0o644)  # mkstemp makes it private; the graph is public data
    os.replace(tmp, out)


def graph_digest(lines: Iterable[str]) -> tuple[int, str]:
    """Size in bytes and SHA-256 of the graph file these lines make (as write_graph writes them)."""
    digest, size = hashlib.sha256(), 0
    for line in lines:
        data = line.encode("utf-8")
        digest.update(data)
        size += len(data)
    return size, digest.hexdigest()


def file_digest(path: Path) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def write_manifest(result: BuildResult, data_dir: Path, fingerprint: str) -> None:
    """Written atomically under a name of its own: several processes starting at once may all write it."""
    size, sha256 = graph_digest(result.lines)
    manifest = {
        "fingerprint": fingerprint,
        "dataset_version": result.version,
        "triples": len(result.lines),
        "graph_bytes": size,
        "graph_sha256": sha256,
        "graphs": result.graph_counts(),
        "agreements": dict(sorted(result.report.agreements.items())),
        "participations": dict(sorted(result.report.participations.items())),
        "build_seconds": round(result.seconds, 2),
        "excluded_datasets": result.report.excluded,
    }
    replace_file(data_dir / MANIFEST_FILE, json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8"))


def replace_file(path: Path, data: bytes) -> None:
    """Write `path` atomically (a temporary file beside it, then renamed): readers see the old file or the whole new
    one, and several processes may write it at once. Readable by all: the data directory holds public data."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_manifest(data_dir: Path) -> dict[str, object] | None:
    try:
        data = json.loads((data_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


@dataclass(frozen=True)
class CacheCheck:
    """What was found in the data directory before its graph was served (shown at /readyz)."""

    outcome: str  # "verified" (the file matches its manifest) or "built" (it was missing, stale or damaged)
    detail: str
    path: str
    cached: bool = True  # False: the data directory could not be written; the graph was built for this run only

    def as_dict(self) -> dict[str, object]:
        return {"outcome": self.outcome, "detail": self.detail, "path": self.path, "cached": self.cached}


def cache_problem(data_dir: Path, fingerprint: str) -> str | None:
    """Why the cached graph cannot be served as it is (None: it matches its manifest, size and SHA-256)."""
    out = data_dir / GRAPH_FILE
    manifest = read_manifest(data_dir)
    if not out.exists():
        return "no graph file yet"
    if manifest is None:
        return "its manifest is missing or unreadable"
    if manifest.get("fingerprint") != fingerprint:
        return "the sources, the build code or exclude_noncommercial changed"
    if "graph_sha256" not in manifest:
        return "its manifest has no checksum (written by an older version)"
    size, sha256 = file_digest(out)
    if size != manifest.get("graph_bytes"):
        return f"the graph file is damaged: {size:,} bytes, its manifest says {manifest.get('graph_bytes'):,}"
    if sha256 != manifest["graph_sha256"]:
        return "the graph file is damaged: its SHA-256 differs from its manifest's"
    return None


@contextlib.contextmanager
def build_lock(data_dir: Path) -> Iterator[None]:
    """One process builds, the others wait and then find the graph built; no lock where none can be made."""
    try:
        fd = os.open(data_dir / ".build.lock", os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def prepare_graph(data_dir: Path, log: Callable[[str], None] = lambda _: None, *,
                  exclude_noncommercial: bool = False) -> tuple[Path, CacheCheck]:
    """The built graph of `data_dir`, checked against its manifest; built (and cached) when missing, stale (a
    graph built with the other exclude_noncommercial setting is stale too: its fingerprint differs) or damaged.
    If the directory cannot be written, the graph is built in a temporary directory for this run."""
    fingerprint = input_fingerprint(exclude_noncommercial)
    out = data_dir / GRAPH_FILE
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError:
        if not data_dir.is_dir():
            raise  # not a directory, and none can be made there: the caller says so (one line)
    with build_lock(data_dir):
        problem = cache_problem(data_dir, fingerprint)
        if problem is None:
            return out, CacheCheck("verified", "size and SHA-256 match the manifest", str(out))
        log(f"building the graph from kg/sources ({problem}) …")
        result = build(exclude_noncommercial)
        try:
            write_graph(result, out)
            write_manifest(result, data_dir, fingerprint)
        except OSError as exc:
            elsewhere = Path(tempfile.mkdtemp(prefix="sharaka-graph-"))
            write_graph(result, elsewhere / GRAPH_FILE)
            write_manifest(result, elsewhere, fingerprint)
            detail = (f"{problem}; the data directory cannot be written ({exc.strerror or exc}), so the graph was "
                      f"built in {elsewhere} for this run only")
            return elsewhere / GRAPH_FILE, CacheCheck("built", detail, str(elsewhere / GRAPH_FILE), cached=False)
    log(f"built {len(result.lines):,} triples in {result.seconds:.1f} s → {out}")
    return out, CacheCheck("built", problem, str(out))


def ensure_built(data_dir: Path, log: Callable[[str], None] = lambda _: None, *,
                 exclude_noncommercial: bool = False) -> Path:
    """Path of an up-to-date built graph, building (and caching) it when missing, stale or damaged."""
    return prepare_graph(data_dir, log, exclude_noncommercial=exclude_noncommercial)[0]


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
    for dataset in result.report.excluded:
        yield f"excluded {dataset}: its terms are non-commercial (exclude_noncommercial)"
    for dataset, notes in sorted(result.report.notes.items()):
        for text in notes:
            yield f"note {dataset}: {text}"
    for (dataset, code), n in sorted(result.unmapped.items()):
        known = KNOWN_UNMAPPED.get((dataset, code), "NOT IN THE KNOWN-EXCEPTIONS TABLE")
        yield f"unmapped {dataset} code {code} ({n} rows): {known}"
    yield f"dataset version {result.version}; built in {result.seconds:.1f} s"
