"""Synthetic growth graphs: the real graph with its agreement records replicated `factor` times.

    python -m sharaka.benchmarks.synthetic --factor 10 --out /tmp/sharaka-10x.nq [--source sharaka.nq] [--seed 8]

Nations, organizations and their memberships, the ontology and the dataset description stay as
they are. Every line of an agreement source graph (ATOP, DCAD, DESTA, NCA, curated: agreements,
their participations and source records) is written once as is and `factor - 1` more times as a
replica r with fresh URIs (…/id/agreement/atop-3222-r7, …/participation/atop-3222-r7/PAK,
…/record/atop/a/3222-r7), source ids (atop:3222-r7), names with a distinct word (“… copy7”, so a
replica's name is a new name, as more real agreements would have) and years and dates shifted by
a per-replica offset drawn from a seeded generator (deterministic: same inputs, same bytes).

Speed: the agreement lines are parsed once into one text with placeholders; each replica is then
a list splice, a join and a replace in C, so 100× (~24M quads) is bounded by disk writes.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ID = "https://w3id.org/sharaka/id/"
GRAPH = "https://w3id.org/sharaka/graph/"
SK = "https://w3id.org/sharaka/ontology#"
AGREEMENT_GRAPHS = frozenset(f"<{GRAPH}{name}>" for name in ("atop", "dcad", "desta", "nca", "curated"))
YEAR_PREDICATES = frozenset(f"<{SK}{p}>" for p in ("startYear", "endYear", "joinYear", "exitYear",
                                                    "entryIntoForceYear"))
DATE_PREDICATES = frozenset(f"<{SK}{p}>" for p in ("startDate", "endDate", "joinDate", "exitDate"))
NAME_PREDICATES = frozenset(("<http://www.w3.org/2000/01/rdf-schema#label>",
                             "<http://www.w3.org/2004/02/skos/core#hiddenLabel>"))
SOURCE_ID = f"<{SK}sourceId>"
MAX_SHIFT = 12  # years a replica may move, either way

TAG = "\x00"   # becomes "-r7" in IRIs and source ids
NAME = "\x01"  # becomes " copy7" at the end of names
# Agreement, participation and record IRIs get the replica tag; lexicon records (group names) are
# shared, so they keep theirs.
_IRI = re.compile(rf"<({ID}(?:agreement/[^>/]+|participation/[^>/]+|record/(?!lexicon/)[^>]+))(/[^>]*)?>")
_YEAR = re.compile(r'^"(-?\d+)"(\^\^<http://www.w3.org/2001/XMLSchema#integer>)$')
_DATE = re.compile(r'^"(-?\d+)(-\d\d-\d\d)"(\^\^<http://www.w3.org/2001/XMLSchema#date>)$')


@dataclass
class Template:
    """The agreement lines as text pieces with year slots between them: parts[1::2] are years."""

    parts: list[str]
    years: list[int]
    lines: int

    def replica(self, offset: int, replica: int) -> str:
        parts = list(self.parts)
        parts[1::2] = [str(y + offset) for y in self.years]
        return "".join(parts).replace(TAG, f"-r{replica}").replace(NAME, f" copy{replica}")


def _tag_iri(match: re.Match[str]) -> str:
    # …/agreement/atop-3222 → …-r7; …/participation/atop-3222/PAK → …/participation/atop-3222-r7/PAK
    return f"<{match.group(1)}{TAG}{match.group(2) or ''}>"


def split_graph(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """(lines kept once, agreement-record lines to replicate)."""
    kept: list[str] = []
    records: list[str] = []
    for line in lines:
        graph = line.rstrip(" .\n").rsplit(" ", 1)[-1]
        (records if graph in AGREEMENT_GRAPHS else kept).append(line)
    return kept, records


def make_template(records: list[str]) -> Template:
    parts: list[str] = []
    years: list[int] = []
    text: list[str] = []
    for line in records:
        subject, predicate, rest = line.split(" ", 2)
        obj, graph = rest.rstrip(" .\n").rsplit(" ", 1)
        subject = _IRI.sub(_tag_iri, subject)
        if obj.startswith("<"):
            obj = _IRI.sub(_tag_iri, obj)
            text.append(f"{subject} {predicate} {obj} {graph} .\n")
            continue
        year = _YEAR.match(obj) if predicate in YEAR_PREDICATES else None
        date = _DATE.match(obj) if predicate in DATE_PREDICATES else None
        if year or date:
            m = year or date
            assert m is not None
            text.append(f'{subject} {predicate} "')
            parts += ["".join(text), ""]  # the empty part is the year's slot
            years.append(int(m.group(1)))
            # 29 February exists in few shifted years: the replica signs a day earlier.
            tail = (date.group(2).replace("-02-29", "-02-28") + '"' + date.group(3)) if date else '"' + m.group(2)
            text = [f"{tail} {graph} .\n"]
            continue
        if predicate == SOURCE_ID:
            obj = obj[:-1] + TAG + '"'  # "atop:3222" → "atop:3222-r7"
        elif predicate in NAME_PREDICATES:
            close = obj.rindex('"')
            obj = obj[:close] + NAME + obj[close:]
        text.append(f"{subject} {predicate} {obj} {graph} .\n")
    parts.append("".join(text))
    return Template(parts, years, len(records))


def offsets(factor: int, seed: int) -> list[int]:
    """Year shift of each replica 1 … factor-1 (never 0: a replica is not a twin)."""
    rng = random.Random(seed)
    return [rng.choice([d for d in range(-MAX_SHIFT, MAX_SHIFT + 1) if d]) for _ in range(factor - 1)]


@dataclass
class Generated:
    path: Path
    factor: int
    quads: int
    seconds: float
    bytes: int


def generate(source: Path, out: Path, factor: int, seed: int = 8) -> Generated:
    """Write the graph at `factor` × its agreement records to `out` (N-Quads), streaming replicas."""
    if factor < 1:
        raise ValueError("factor must be ≥ 1")
    started = time.perf_counter()
    with source.open(encoding="utf-8") as fh:
        kept, records = split_graph(fh)
    template = make_template(records)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.writelines(kept)
        fh.writelines(records)
        for replica, offset in enumerate(offsets(factor, seed), start=1):
            fh.write(template.replica(offset, replica))
    return Generated(out, factor, len(kept) + factor * len(records), time.perf_counter() - started,
                     out.stat().st_size)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--factor", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--source", type=Path, help="the real graph (default: the cached build)")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    from sharaka.benchmarks.common import real_graph

    result = generate(args.source or real_graph(), args.out, args.factor, args.seed)
    print(f"{result.factor}×: {result.quads:,} quads, {result.bytes / 2**20:,.0f} MiB in {result.seconds:.1f} s "
          f"→ {result.path}")


if __name__ == "__main__":
    main()
