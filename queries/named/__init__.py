"""Named queries that are not question types: what the web pages, the nation summary and the dataset
description ask the store. One `.rq` file each, its metadata in a header comment:

    # name: nation_memberships               (the file name without .rq)
    # description: A nation's memberships …  (one sentence: what it asks)
    # binds: nation, from?, to?              (optional: the variables bound from outside, comma-separated;
                                             a `?` after a name: it may be left unbound)

A line ending in `# if <variable>` is kept only when that variable is bound (as in the question types), so
an optional filter costs nothing when it is not asked for.

A query that binds variables marks where their VALUES block goes with the line `# {{values}}` (the marker
of the question types, queries/__init__.py). Where it goes matters for speed: Oxigraph evaluates the group
in order, so the block goes right after the first pattern that uses the bound variable (measured: a
trailing VALUES clause made a 1.5 ms page query take 6.6 s). Values are bound only by
`sharaka.qa.bind.bind_values`, from typed rdflib terms — never by pasting text into the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sharaka.queries import VALUES_MARKER

NAMED_DIR = Path(__file__).resolve().parent
_HEADER = re.compile(r"^#\s?(\w+):\s*(.*)$")


class NamedQueryError(ValueError):
    pass


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    binds: tuple[str, ...]  # every variable it may bind
    body: str  # the query without its header
    optional: tuple[str, ...] = ()  # those it may leave unbound

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(v for v in self.binds if v not in self.optional)


def parse_header(text: str) -> tuple[dict[str, str], str]:
    """(header fields, query body) of an .rq file whose first comment lines are `# key: value`."""
    header: dict[str, str] = {}
    lines = text.splitlines()
    start = 0
    for start, line in enumerate(lines):  # noqa: B007 - the index is the body's start
        match = _HEADER.match(line)
        if match is None:
            break
        header[match.group(1)] = match.group(2).strip()
    else:
        start = len(lines)
    return header, "\n".join(lines[start:]).strip() + "\n"


def read_rq(path: Path, required: tuple[str, ...], error: type[ValueError]) -> tuple[dict[str, str], str]:
    """(header, body) of an .rq file whose header must give `required` (else `error`, naming the file)."""
    header, body = parse_header(path.read_text(encoding="utf-8"))
    for field in required:
        if not header.get(field):
            raise error(f"{path.name}: header has no '{field}'")
    return header, body


def load_named_query(path: Path) -> NamedQuery:
    header, body = read_rq(path, ("name", "description"), NamedQueryError)
    if header["name"] != path.stem:
        raise NamedQueryError(f"{path.name}: name '{header['name']}' differs from the file name")
    declared = [v.strip().lstrip("?") for v in header.get("binds", "").split(",") if v.strip()]
    binds = tuple(v.rstrip("?") for v in declared)
    optional = tuple(v.rstrip("?") for v in declared if v.endswith("?"))
    if bool(binds) != (VALUES_MARKER in body):
        raise NamedQueryError(f"{path.name}: a query binds variables exactly when it has the '{VALUES_MARKER}' line")
    for variable in binds:
        if not re.search(rf"\?{variable}\b", body):
            raise NamedQueryError(f"{path.name}: binds ?{variable}, which the query does not use")
    return NamedQuery(header["name"], header["description"], binds, body, optional)


@cache
def named_queries() -> dict[str, NamedQuery]:
    return {q.name: q for q in (load_named_query(p) for p in sorted(NAMED_DIR.glob("*.rq")))}


def named_query(name: str) -> NamedQuery:
    try:
        return named_queries()[name]
    except KeyError:
        raise NamedQueryError(f"no named query {name!r} in {NAMED_DIR}") from None
