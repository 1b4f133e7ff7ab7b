"""The quick look a query gets in the request, before it is handed to a worker (sharaka.sparql.guard.precheck).

The worker reads the query properly (sharaka.sparql.grammar, a few microseconds per token: up to ~100 ms for a
contrived 20,000-character query, so it runs where it can be killed). Here only regular expressions run over the
text, a fixed number of passes, so the worst text costs a few milliseconds: strings, IRIs and comments are blanked
out with the lexer's own patterns, and what is left is looked at for what cannot be right (a quote or backslash
left over: a string not closed or a stray escape), for the keyword SERVICE, and for how deep the brackets nest.

It refuses nothing the reading would accept, except in one contrived corner: `?a<?b#>` is an IRI here but
less-than then a comment for the reading; brackets or SERVICE in such a "comment" are refused here.
Each pattern stops at the first text that cannot be right, so none can go quadratic (a string not closed used to
be rescanned from every quote: ~2 s for 20 KB of `\\"`).
"""

from __future__ import annotations

import re
from itertools import accumulate

from sharaka.errors import ForbiddenQuery, MalformedQuery, QueryTooDeep
from sharaka.sparql.lexer import FORBIDDEN_RAW, IRI, STRINGS, Lexer, syntax_error
from sharaka.sparql.reader import NESTING_CEILING

_STRIP_GROUPS = re.compile(r"\((?!\?)")  # the lexer's patterns capture; here nothing needs to
# A prefixed name's escape (PN_LOCAL_ESC, `e:a\.b`) first: its quote or '#' starts no string or comment.
_LEXER_PATTERNS = "|".join(_STRIP_GROUPS.sub("(?:", p.pattern) for p in (*STRINGS.values(), IRI))
_OPAQUE = r"\\[_~.\-!$&'()*+,;=/?#@%]|" + _LEXER_PATTERNS + r"|#[^\n]*+"
OPAQUE = re.compile(_OPAQUE, re.DOTALL)
# From the start: runs of ordinary text, strings, IRIs, comments, a '<' that opens no IRI; then the first quote or
# backslash that starts none of them. Possessive: a string not closed is scanned once, never again from each quote.
FIRST_STRAY = re.compile(f"(?:[^\"'\\\\<#]++|{_OPAQUE}|<)*+([\"'\\\\])", re.DOTALL)
SERVICE_WORD = re.compile(r"(?<![\w?$:])(?<!\w\.)SERVICE(?![\w:\-])", re.IGNORECASE)
NOT_BRACKETS = re.compile(r"[^{}()\[\]]+")
STEP = {"{": 1, "(": 1, "[": 1, "}": -1, ")": -1, "]": -1}


def scan(text: str, max_nesting: int | None) -> None:
    """Refuse (400) what cannot be a query the endpoint runs; return if it may be one."""
    forbidden = FORBIDDEN_RAW.search(text)
    if forbidden is not None:
        Lexer(text)  # raises, saying what and where
    stray = FIRST_STRAY.match(text)
    if stray is not None:
        raise _stray(text, stray.start(1))
    blank = OPAQUE.sub(" ", text)
    if SERVICE_WORD.search(blank):
        raise ForbiddenQuery("SERVICE (federated query) is not allowed: this endpoint never calls other services")
    limit = min(max_nesting, NESTING_CEILING) if max_nesting is not None else NESTING_CEILING
    brackets = NOT_BRACKETS.sub("", blank)
    if len(brackets) > limit and (re.search(f"[{{(\\[]{{{limit + 1}}}", brackets)  # a run of openers: at once
                                  or max(accumulate(map(STEP.__getitem__, brackets))) > limit):
        raise QueryTooDeep(f"the query nests {{ }}, ( ) or [ ] more than {limit} levels deep; the limit is {limit}",
                           setting="max_query_nesting", limit=limit)


def _stray(text: str, offset: int) -> MalformedQuery:
    """What a quote or backslash outside strings, IRIs and comments means."""
    if text[offset] == "\\":
        return syntax_error(text, offset, "a backslash outside a string or an IRI (\\u escapes are only allowed there)")
    quote = text[offset] * 3 if text.startswith(text[offset] * 3, offset) else text[offset]
    return syntax_error(text, offset, f"a string opened with {quote} is not closed")
