"""Reading tokens for the grammar, and writing the canonical text as they are read.

The canonical text is the query's tokens, each written by sharaka.sparql.lexer (strings as "…" with only the
escapes they need, IRIs with their characters decoded and resolved against the base), joined by single spaces,
without comments or BASE declarations (every IRI is written absolute). For every token it keeps where the token
is in the canonical text and in the user's text, so that an error found in the canonical text can be shown
where the user wrote it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from itertools import accumulate

from sharaka.errors import BadRequest, ForbiddenQuery, MalformedQuery, QueryTooDeep
from sharaka.sparql.lexer import NOT_IN_IRI, Lexer, Token, syntax_error

# Whatever the setting says, no deeper than this: Oxigraph's parser recurses on the stack (measured: 400 nested
# collections end the process with a segmentation fault; 200 of each bracket kind are read fine).
NESTING_CEILING = 128
OPENERS = frozenset("{([")
CLOSERS = frozenset("})]")
# RFC 3986 appendix B; undefined parts are None, empty parts "".
URI_PARTS = re.compile(r"(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.DOTALL)
ABSOLUTE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
LOCAL_ESCAPE = re.compile(r"\\(.)")


@dataclass
class Canonical:
    """The canonical text being written (tokens, and a space between two unless glued), and where each of its
    tokens came from in the user's text."""

    pieces: list[str] = field(default_factory=list)
    sources: list[int] = field(default_factory=list)  # offset in the user's text of each token of `pieces`

    def write(self, text: str, source: int, glue: bool = False) -> None:
        pieces = self.pieces
        if pieces and not glue:
            pieces.append(" ")
            self.sources.append(-1)  # a separator
        pieces.append(text)
        self.sources.append(source)

    def text(self) -> str:
        return "".join(self.pieces)

    def source_offset(self, offset: int) -> int:
        """The user's offset of the token at (or just before) `offset` in the canonical text (computed only when an
        error needs placing)."""
        starts = list(accumulate((len(p) for p in self.pieces), initial=0))
        index = max(bisect.bisect_right(starts, offset) - 1, 0)
        while index > 0 and (index >= len(self.sources) or self.sources[index] < 0):
            index -= 1
        return self.sources[index] if self.sources else 0


def describe(token: Token) -> str:
    """A token as an error message names it."""
    shown = token.text if len(token.text) <= 48 else token.text[:45] + "…"
    return {"end": "the end of the query", "punct": f"'{token.text}'", "word": f"'{token.value}'",
            "var": f"the variable {shown}", "iri": f"the IRI {shown}", "pname": f"the prefixed name {shown}",
            "string": f"the string {shown}", "number": f"the number {shown}", "langtag": f"the language tag {shown}",
            "bnode": f"the blank node {shown}", "a": "'a'"}[token.kind]


class TokenReader:
    """The grammar's view of the tokens: one token of lookahead, brackets counted, the canonical text written."""

    def __init__(self, text: str, max_nesting: int | None, base_iri: str | None) -> None:
        self.source = text
        self.lexer = Lexer(text)
        self.out = Canonical()
        self.max_nesting = min(max_nesting, NESTING_CEILING) if max_nesting is not None else NESTING_CEILING
        self.depth = self.deepest = 0
        self.base = base_iri
        self.base_given = base_iri is not None  # from the endpoint, not from the query
        self.prefixes: dict[str, str] = {}
        self.tok = self._read(0)

    # -- tokens --------------------------------------------------------------------------------------
    def _read(self, at: int, punct: bool = False) -> Token:
        token = self.lexer.next_token(at, punct)
        if token.kind == "word" and token.value == "SERVICE":
            raise ForbiddenQuery("SERVICE (federated query) is not allowed: this endpoint never calls other "
                                 f"services ({self.line_column(token.start)})")
        return token

    def reread_as_punctuation(self) -> None:
        """Read the lookahead again with `<`, `+`, `-` as operators (the grammar knows an operator comes)."""
        self.tok = self._read(self.tok.start, punct=True)

    def advance(self, write: str | None = None, glue: bool = False, hidden: bool = False) -> Token:
        """Take the lookahead token (writing it, or `write` in its place, unless `hidden`) and read the next."""
        token = self.tok
        if token.kind == "end":
            raise self.fail("more")
        if token.kind == "punct":
            self._count_bracket(token)
        if not hidden:
            self.out.write(token.text if write is None else write, token.start, glue)
        self.tok = self._read(token.end)
        return token

    def _count_bracket(self, token: Token) -> None:
        if token.value in OPENERS:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
            if self.depth > self.max_nesting:
                raise QueryTooDeep(f"the query nests {{ }}, ( ) or [ ] more than {self.max_nesting} levels deep "
                                   f"({self.line_column(token.start)}); the limit is {self.max_nesting}",
                                   setting="max_query_nesting", limit=self.max_nesting)
        elif token.value in CLOSERS:
            self.depth -= 1

    def at(self, *values: str) -> bool:
        """Whether the lookahead is one of these punctuation marks or keywords (upper case)."""
        return self.tok.kind in ("punct", "word") and self.tok.value in values

    def accept(self, value: str) -> bool:
        if self.at(value):
            self.advance()
            return True
        return False

    def expect(self, value: str, what: str | None = None, glue: bool = False) -> Token:
        if not self.at(value):
            raise self.fail(what or (f"'{value}'" if not value.isalpha() else value))
        return self.advance(glue=glue)

    def fail(self, expected: str) -> MalformedQuery:
        return syntax_error(self.source, self.tok.start, f"expected {expected}, found {describe(self.tok)}")

    def error_at(self, token: Token, message: str) -> MalformedQuery:
        return syntax_error(self.source, token.start, message)

    def line_column(self, offset: int) -> str:
        line = self.source.count("\n", 0, offset) + 1
        return f"line {line}, column {offset - self.source.rfind(chr(10), 0, offset)}"

    # -- IRIs -------------------------------------------------------------------------------------------
    def take_iri(self, glue: bool = False, what: str = "an IRI") -> str:
        """Take an IRIREF or a prefixed name: written absolute (an IRI) or as it is (a prefixed name whose prefix
        is declared); the absolute IRI it stands for."""
        token = self.tok
        if token.kind not in ("iri", "pname"):
            raise self.fail(what)
        iri = self.iri_of(token)
        self.advance(write=f"<{iri}>" if token.kind == "iri" else token.text, glue=glue)
        return iri

    def iri_of(self, token: Token) -> str:
        """The absolute IRI an IRIREF or a prefixed name stands for."""
        if token.kind == "pname":
            prefix, _, local = token.value.partition(":")
            namespace = self.prefixes.get(prefix)
            if namespace is None:
                raise self.error_at(token, f"the prefix {prefix}: is not declared (add PREFIX {prefix}: <…>)")
            return namespace + LOCAL_ESCAPE.sub(r"\1", local)
        return self.absolute(token)

    def absolute(self, token: Token) -> str:
        if ABSOLUTE.match(token.value):
            return token.value  # as written: Oxigraph does not normalise an absolute IRI either
        if self.base is None:
            raise self.error_at(token, f"the relative IRI {token.text} needs a base: write BASE <…> first, or an "
                                       "absolute IRI")
        if self.base_given and (not ABSOLUTE.match(self.base) or NOT_IN_IRI.search(self.base)):
            raise BadRequest(f"the endpoint's address {self.base[:80]!r} cannot be the base of relative IRIs; "
                             "write absolute IRIs or BASE <…>")
        resolved = resolve(self.base, token.value)
        if NOT_IN_IRI.search(resolved):
            raise self.error_at(token, f"the IRI {token.text} resolves to one that an IRI cannot be")
        return resolved


def resolve(base: str, reference: str) -> str:
    """RFC 3986 §5.2.2: `reference` resolved against the absolute IRI `base`."""
    b_scheme, b_authority, b_path, b_query, _ = URI_PARTS.fullmatch(base).groups()  # type: ignore[union-attr]
    scheme, authority, path, query, fragment = URI_PARTS.fullmatch(reference).groups()  # type: ignore[union-attr]
    if scheme is not None:
        target = (scheme, authority, _remove_dots(path), query)
    elif authority is not None:
        target = (b_scheme, authority, _remove_dots(path), query)
    elif path == "":
        target = (b_scheme, b_authority, b_path, query if query is not None else b_query)
    elif path.startswith("/"):
        target = (b_scheme, b_authority, _remove_dots(path), query)
    else:
        merged = "/" + path if b_authority is not None and b_path == "" else b_path[:b_path.rfind("/") + 1] + path
        target = (b_scheme, b_authority, _remove_dots(merged), query)
    t_scheme, t_authority, t_path, t_query = target
    return (f"{t_scheme}:" + (f"//{t_authority}" if t_authority is not None else "") + t_path
            + (f"?{t_query}" if t_query is not None else "") + (f"#{fragment}" if fragment is not None else ""))


def _remove_dots(path: str) -> str:
    """RFC 3986 §5.2.4."""
    output: list[str] = []
    while path:
        if path.startswith("../"):
            path = path[3:]
        elif path.startswith(("./", "/./")):
            path = path[2:]
        elif path == "/.":
            path = "/"
        elif path.startswith("/../") or path == "/..":
            path = "/" + path[4:] if path.startswith("/../") else "/"
            if output:
                output.pop()
        elif path in (".", ".."):
            path = ""
        else:
            cut = path.find("/", 1)
            segment, path = (path, "") if cut < 0 else (path[:cut], path[cut:])
            output.append(segment)
    return "".join(output)
