"""The SPARQL editor's gallery: research queries written for people, one `.rq` file each, runnable as they are.

Header (comment lines before the query):

    # title: Alliances of a nation, with their years
    # description: Pakistan's alliances in ATOP, with …   (one sentence: what it asks)
    # needs: sk:ArmsTransfer, sk:tivOfDeliveredWeapons   (optional: ontology terms it needs)

A query whose `needs` the ontology does not define yet (a source not built into this graph) is left out of
the gallery, and the page does not offer it. The gallery also shows the benchmark mix
(benchmarks/sparql/*.rq), whose first comment line reads "Kind: what it asks": those files are the queries
the speed figures are measured on, so a researcher can run exactly them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sharaka.queries.named import read_rq

GALLERY_DIR = Path(__file__).resolve().parent
# Data, not code: the benchmark mix's .rq files, read as text (the service does not import the benchmarks).
BENCHMARK_DIR = GALLERY_DIR.parent.parent / "benchmarks" / "sparql"
_PREFIXED = re.compile(r"^([A-Za-z][\w-]*):(\w+)$")


class GalleryError(ValueError):
    pass


@dataclass(frozen=True)
class GalleryQuery:
    id: str
    title: str
    description: str
    query: str
    group: str  # "research" or "benchmark"
    needs: tuple[str, ...] = ()  # full IRIs of ontology terms the query needs


def _expand(term: str, query: str) -> str:
    """`sk:ArmsTransfer` → its IRI, by the query's own PREFIX declarations."""
    match = _PREFIXED.match(term)
    if match is None:
        raise GalleryError(f"needs {term!r}: write a prefixed name such as sk:ArmsTransfer")
    declared = re.search(rf"PREFIX\s+{re.escape(match.group(1))}:\s*<([^>]*)>", query, re.IGNORECASE)
    if declared is None:
        raise GalleryError(f"needs {term!r}, but the query declares no prefix {match.group(1)}:")
    return declared.group(1) + match.group(2)


def load_gallery_query(path: Path) -> GalleryQuery:
    header, body = read_rq(path, ("title", "description"), GalleryError)
    needs = tuple(_expand(t.strip(), body) for t in header.get("needs", "").split(",") if t.strip())
    return GalleryQuery(path.stem, header["title"], header["description"], body, "research", needs)


def load_benchmark_query(path: Path) -> GalleryQuery:
    """A benchmark file: its first comment lines say "Kind: what it asks"; the whole file is the query."""
    text = path.read_text(encoding="utf-8")
    comment = " ".join(line[1:].strip() for line in text.splitlines()
                       if line.startswith("#")).strip() if text.startswith("#") else ""
    kind, _, asks = comment.partition(": ")
    if not asks:
        raise GalleryError(f"{path.name}: the first comment must read 'Kind: what it asks'")
    return GalleryQuery(f"benchmark-{path.stem}", kind, asks[:1].upper() + asks[1:], text.strip() + "\n", "benchmark")


@cache
def gallery_queries() -> tuple[GalleryQuery, ...]:
    """Every gallery query: the research queries, then the benchmark mix."""
    research = [load_gallery_query(p) for p in sorted(GALLERY_DIR.glob("*.rq"))]
    benchmark = [load_benchmark_query(p) for p in sorted(BENCHMARK_DIR.glob("*.rq"))]
    return (*research, *benchmark)


def offered(queries: Iterable[GalleryQuery], defined_terms: set[str]) -> list[GalleryQuery]:
    """The queries whose needed terms the ontology defines."""
    return [q for q in queries if set(q.needs) <= defined_terms]
