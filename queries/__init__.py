"""SPARQL query shapes: one `.rq` file per shape of answer, its metadata in a header comment.

A question is compiled to a typed frame (sharaka/qa/frame.py) and the frame to one of these shapes
(sharaka/qa/compile.py): the shape says what is returned (partners, agreements, parties, members …),
the frame's filters are bound as VALUES (sharaka/qa/bind.py) and switch the shape's optional lines on.
New combinations of filters need no new file.

Header format (comment lines before the query):

    # id: partners
    # title: Partners of a nation
    # description: Nations that share at least one matching agreement with a nation …
    # answer: nations
    # slots: nation=nation, category=category?, sector=sector?, years=year_range?
    # flags: participation, inforce      (optional: switches the compiler may set)
    # value: count                        (optional: the rule that gives `value`, see sharaka/qa/values.py)
    # limit: 5                            (optional: the default of a `number` slot, written as LIMIT)
    # showcase: yes                       (optional: its first example is shown by "what can you answer?")
    # examples:
    #   - Which countries has Pakistan signed defence pacts with since 2000?

A slot is `name=type`, optional when the type ends with `?`. Types are the keys of SLOT_TYPES.
A query line ending in `# if <condition> …` is kept only when every condition holds: a slot variable
that is bound, a flag that is set, or `!name` for one that is not (`FILTER(?year >= ?from)  # if from
!inforce`). A line `# {{part <name>}}` is replaced by queries/parts/<name>.rq when the file is read, so
shared filters are written once. The query marks where bindings go with the line `# {{values}}`;
without bindings that line is a comment, so every file is also a runnable example query.

Queries that are not answer shapes (the entity index's, queries/lexicon/*.rq) have the same header
with `id`, `description` and `slots`, and are loaded with `load_query`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

QUERIES_DIR = Path(__file__).resolve().parent
PARTS_DIR = QUERIES_DIR / "parts"
LEXICON_DIR = QUERIES_DIR / "lexicon"
VALUES_MARKER = "# {{values}}"
_PART = re.compile(r"^(\s*)# \{\{part ([a-z_]+)\}\}\s*$")
CONDITION = re.compile(r"#\s*if\s+([!\w ]+?)\s*$")

# Slot type → the SPARQL variables it binds. A year range binds two variables.
SLOT_TYPES: dict[str, tuple[str, ...]] = {
    "nation": ("{name}",),
    "agreement": ("{name}",),
    "organization": ("{name}",),
    "category": ("{name}",),
    "sector": ("{name}",),
    "obligation": ("{name}",),
    "concept": ("{name}",),
    "role": ("{name}",),
    "weapon": ("{name}",),
    "iri": ("{name}",),
    "year": ("{name}",),
    "year_range": ("from", "to"),
    "number": (),  # applied as LIMIT (an int we parsed), never as text
}

ANSWER_KINDS = {"nations", "agreements", "boolean", "number", "year", "concepts", "organizations",
                "datasets", "categories"}


class TemplateError(ValueError):
    pass


@dataclass(frozen=True)
class Slot:
    name: str
    type: str
    optional: bool

    @property
    def variables(self) -> tuple[str, ...]:
        return tuple(v.format(name=self.name) for v in SLOT_TYPES[self.type])


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    description: str
    answer: str
    slots: tuple[Slot, ...]
    examples: tuple[str, ...]
    query: str
    path: Path
    default_limit: int | None = None
    flags: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    def slot(self, name: str) -> Slot | None:
        return next((s for s in self.slots if s.name == name), None)

    @property
    def required(self) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if not s.optional)

    @property
    def variables(self) -> tuple[str, ...]:
        return tuple(v for s in self.slots for v in s.variables)

    @property
    def example_query(self) -> str:
        """The shape with nothing bound and no switch set: a runnable example (the SPARQL editor's)."""
        return keep_lines(self.query, ())


def condition_holds(line: str, present: Iterable[str]) -> bool:
    """A line ending in `# if a !b` is kept only when a is bound (or set) and b is not: an absent
    filter costs nothing (no `!BOUND(?x) ||` evaluated row by row)."""
    match = CONDITION.search(line)
    if match is None:
        return True
    names = set(present)
    return all((n[1:] not in names) if n.startswith("!") else (n in names) for n in match.group(1).split())


def keep_lines(query: str, present: Iterable[str]) -> str:
    names = set(present)
    return "\n".join(line for line in query.split("\n") if condition_holds(line, names))


_HEADER_LINE = re.compile(r"^#\s?(.*)$")


def _read_header(path: Path) -> tuple[dict[str, str], list[str], str]:
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    examples: list[str] = []
    body_lines: list[str] = []
    in_header, key = True, ""
    for line in text.splitlines():
        match = _HEADER_LINE.match(line) if in_header else None
        if match is None:
            in_header = False
            body_lines.append(line)
            continue
        content = match.group(1)
        if content.startswith("  - ") and key == "examples":
            examples.append(content[4:].strip())
        elif ":" in content and not content.startswith(" "):
            key, _, value = content.partition(":")
            key = key.strip()
            header[key] = value.strip()
        elif content.strip() and key and key != "examples":
            header[key] += " " + content.strip()
    return header, examples, _with_parts(path, "\n".join(body_lines).strip() + "\n")


def _with_parts(path: Path, query: str) -> str:
    """Lines `# {{part name}}` replaced by queries/parts/name.rq, indented like the marker."""
    lines = []
    for line in query.split("\n"):
        match = _PART.match(line)
        if match is None:
            lines.append(line)
            continue
        part = PARTS_DIR / f"{match.group(2)}.rq"
        if not part.is_file():
            raise TemplateError(f"{path.name}: no part '{match.group(2)}' in {PARTS_DIR}")
        body = [p for p in part.read_text(encoding="utf-8").splitlines() if not p.startswith("#")]
        lines.extend(match.group(1) + p if p.strip() else p for p in body)
    return "\n".join(lines)


def parse_template(path: Path) -> Template:
    header, examples, query = _read_header(path)
    for required in ("id", "title", "description", "answer"):
        if required not in header:
            raise TemplateError(f"{path.name}: header has no '{required}'")
    if header["id"] != path.stem:
        raise TemplateError(f"{path.name}: id '{header['id']}' differs from the file name")
    if header["answer"] not in ANSWER_KINDS:
        raise TemplateError(f"{path.name}: unknown answer kind '{header['answer']}'")
    if len(examples) < 3:
        raise TemplateError(f"{path.name}: needs at least 3 example questions")
    slots = _parse_slots(path, header.get("slots", ""))
    if any(s.type != "number" for s in slots) and VALUES_MARKER not in query:
        raise TemplateError(f"{path.name}: query has slots but no '{VALUES_MARKER}' line")
    flags = tuple(f.strip() for f in header.get("flags", "").split(",") if f.strip())
    _check_conditions(path, query, {v for s in slots for v in s.variables} | set(flags))
    limit = header.get("limit")
    known = {"id", "title", "description", "answer", "slots", "examples", "limit", "flags"}
    return Template(
        id=header["id"], title=header["title"], description=header["description"], answer=header["answer"],
        slots=slots, examples=tuple(examples), query=query, path=path,
        default_limit=int(limit) if limit else None, flags=flags,
        extra={k: v for k, v in header.items() if k not in known},
    )


def _check_conditions(path: Path, query: str, names: set[str]) -> None:
    for line in query.split("\n"):
        condition = CONDITION.search(line)
        for name in condition.group(1).split() if condition else ():
            if name.lstrip("!") not in names:
                raise TemplateError(f"{path.name}: condition '{name}' is neither a slot variable nor a flag")


def _parse_slots(path: Path, text: str) -> tuple[Slot, ...]:
    return tuple(_parse_slot(path, s) for s in text.split(",") if s.strip())


def _parse_slot(path: Path, spec: str) -> Slot:
    name, _, type_ = spec.strip().partition("=")
    optional = type_.endswith("?")
    type_ = type_.rstrip("?")
    if type_ not in SLOT_TYPES:
        raise TemplateError(f"{path.name}: slot '{name}' has unknown type '{type_}'")
    return Slot(name.strip(), type_, optional)


@dataclass(frozen=True)
class NamedQuery:
    """A query of the code itself (the entity index's), bound through the same VALUES binder."""

    id: str
    description: str
    slots: tuple[Slot, ...]
    query: str
    path: Path

    @property
    def variables(self) -> tuple[str, ...]:
        return tuple(v for s in self.slots for v in s.variables)


@cache
def load_query(name: str, directory: Path = LEXICON_DIR) -> NamedQuery:
    path = directory / f"{name}.rq"
    header, _, query = _read_header(path)
    if header.get("id") != name or "description" not in header:
        raise TemplateError(f"{path.name}: header needs 'id: {name}' and a description")
    slots = _parse_slots(path, header.get("slots", ""))
    if slots and VALUES_MARKER not in query:
        raise TemplateError(f"{path.name}: query has slots but no '{VALUES_MARKER}' line")
    return NamedQuery(name, header["description"], slots, query, path)


@cache
def load_templates(directory: Path = QUERIES_DIR) -> tuple[Template, ...]:
    """Every answer shape, sorted by id. A new shape is one .rq file (and a line in the compiler's table)."""
    return tuple(parse_template(p) for p in sorted(directory.glob("*.rq")))


def all_query_files(root: Path) -> list[Path]:
    """Every .rq file under a directory (the ontology-terms test reads them all)."""
    return sorted(p for p in root.rglob("*.rq") if ".git" not in p.parts and "build" not in p.parts)
