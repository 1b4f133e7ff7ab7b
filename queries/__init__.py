"""SPARQL templates: one `.rq` file per question type, its metadata in a header comment.

Header format (comment lines before the query):

    # id: partners
    # title: Partners of a nation
    # description: Countries that share an agreement with a nation …
    # answer: nations
    # slots: nation=nation, category=category?, sector=sector?, years=year_range?
    # keywords: partners allies countries
    # cues: most, top, main              (optional: one of them must appear, or the type is not chosen;
    #                                      groups separated by ";" must each match: nuclear; supplied, gave)
    # patterns: +to NATION, -from NATION (optional: skeleton phrases that argue for or against)
    # implies: NuclearCooperationAgreement nuclear  (optional: kinds/sectors the type already means)
    # value: count                        (optional: the rule that gives `value`, see sharaka/qa/values.py)
    # limit: 5                            (optional: the default of a `number` slot, written as LIMIT)
    # showcase: yes                       (optional: its first example is shown by "what can you answer?")
    # text: {nation} has {count} partners{filters}: {list}.
    # empty: No partners of {nation}{filters} are recorded.
    # examples:
    #   - Which countries has Pakistan signed defence pacts with since 2000?

A slot is `name=type`, optional when the type ends with `?`. Types are the keys of SLOT_TYPES.
A query line ending in `# if <variable>` is kept only when that variable is bound (optional
filters such as `?agreement a ?category .  # if category`).
The query marks where bindings go with the line `# {{values}}`; without bindings that line is a
comment, so every file is also a runnable example query (the SPARQL editor shows them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

QUERIES_DIR = Path(__file__).resolve().parent
VALUES_MARKER = "# {{values}}"

# Slot type → the SPARQL variables it binds. A year range binds two variables.
SLOT_TYPES: dict[str, tuple[str, ...]] = {
    "nation": ("{name}",),
    "agreement": ("{name}",),
    "organization": ("{name}",),
    "category": ("{name}",),
    "sector": ("{name}",),
    "obligation": ("{name}",),
    "concept": ("{name}",),
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
    keywords: tuple[str, ...]
    examples: tuple[str, ...]
    text: str
    empty: str
    query: str
    path: Path
    default_limit: int | None = None
    cues: tuple[tuple[str, ...], ...] = ()  # groups: each must match, by any of its words
    patterns: tuple[tuple[str, float], ...] = ()
    implies: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)

    def slot(self, name: str) -> Slot | None:
        return next((s for s in self.slots if s.name == name), None)

    @property
    def required(self) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if not s.optional)



_HEADER_LINE = re.compile(r"^#\s?(.*)$")


def parse_template(path: Path) -> Template:
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
    query = "\n".join(body_lines).strip() + "\n"
    for required in ("id", "title", "description", "answer", "text"):
        if required not in header:
            raise TemplateError(f"{path.name}: header has no '{required}'")
    if header["id"] != path.stem:
        raise TemplateError(f"{path.name}: id '{header['id']}' differs from the file name")
    if header["answer"] not in ANSWER_KINDS:
        raise TemplateError(f"{path.name}: unknown answer kind '{header['answer']}'")
    if len(examples) < 3:
        raise TemplateError(f"{path.name}: needs at least 3 example questions")
    slots = tuple(_parse_slot(path, s) for s in header.get("slots", "").split(",") if s.strip())
    if any(s.type != "number" for s in slots) and VALUES_MARKER not in query:
        raise TemplateError(f"{path.name}: query has slots but no '{VALUES_MARKER}' line")
    limit = header.get("limit")
    known = {"id", "title", "description", "answer", "slots", "keywords", "text", "empty", "examples", "limit",
             "cues", "patterns", "implies"}
    cues = tuple(tuple(c.strip().lower() for c in group.split(",") if c.strip())
                 for group in header.get("cues", "").split(";") if group.strip())
    patterns = tuple((p.strip()[1:].strip(), 1.0 if p.strip()[0] == "+" else -1.0)
                     for p in header.get("patterns", "").split(",") if p.strip())
    return Template(
        id=header["id"], title=header["title"], description=header["description"], answer=header["answer"],
        slots=slots, keywords=tuple(header.get("keywords", "").split()), examples=tuple(examples),
        text=header["text"], empty=header.get("empty", "Nothing in the graph answers this."),
        query=query, path=path, default_limit=int(limit) if limit else None, cues=cues, patterns=patterns,
        implies=tuple(header.get("implies", "").split()),
        extra={k: v for k, v in header.items() if k not in known},
    )


def _parse_slot(path: Path, spec: str) -> Slot:
    name, _, type_ = spec.strip().partition("=")
    optional = type_.endswith("?")
    type_ = type_.rstrip("?")
    if type_ not in SLOT_TYPES:
        raise TemplateError(f"{path.name}: slot '{name}' has unknown type '{type_}'")
    return Slot(name.strip(), type_, optional)


@cache
def load_templates(directory: Path = QUERIES_DIR) -> tuple[Template, ...]:
    """Every template, sorted by id. Adding a question type is adding one .rq file."""
    return tuple(parse_template(p) for p in sorted(directory.glob("*.rq")))
