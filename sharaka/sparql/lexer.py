"""The tokens of a SPARQL 1.1 query, read once, by the terminals of the SPARQL 1.1 grammar (§19.8).

Why our own lexer: the query is checked by one reader and executed by another (Oxigraph). They disagreed
(rdflib expanded `\\u` escapes over the whole text, Oxigraph only inside strings and IRIs; comments ended at
different characters), and a query could hide a SERVICE call from the check. Here the text is read once, the
tokens are written out again as a canonical text (sharaka.sparql.grammar) and only that text is checked further
and executed, so there is nothing left for two readers to disagree on:

- `\\u`/`\\U` escapes are decoded inside strings and IRIs (as Oxigraph does) and refused everywhere else, as is
  any backslash outside a string, an IRI or a prefixed name's `\\.`-style escape (PN_LOCAL_ESC);
- comments end at a line feed; a carriage return that is not followed by one is refused (readers disagree on it);
- control characters are refused, in strings too (the canonical text could not write them without `\\u`);
- an IRI whose decoded characters are not allowed in IRIREF (`<`, `>`, `"`, spaces, …) is refused.

The lexer is pulled by the grammar (sharaka.sparql.grammar) one token at a time because one decision needs the
grammar: after an operand in an expression, `<` is the less-than operator (`?a<?b&&?b>?c`), elsewhere it opens
an IRI; and after a path, `+1` is the `+` modifier then 1. The grammar asks for such a token again as `punct`.
Every pattern here is linear in the length of the text: each token is matched once from its start (at most twice
when the grammar asks again), and no pattern can backtrack more than the token it fails on.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sharaka.errors import MalformedQuery

# PN_CHARS_BASE and its relatives (§19.8), as regular-expression classes.
_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
         "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_LOCAL = rf"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_HEX_ESCAPE = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"

SKIP = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
NAME = re.compile(rf"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?")  # a keyword, or a prefix before ':'
KEYWORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
LOCAL = re.compile(_LOCAL)
VARIABLE = re.compile(rf"[?$]([{_CHARS_U}0-9][{_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)")
BLANK_LABEL = re.compile(rf"_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?")
IRI = re.compile(rf"<((?:[^<>\"{{}}|^`\\\x00-\x20]++|{_HEX_ESCAPE})*+)>")
LANGTAG = re.compile(r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")
NUMBER = re.compile(r"[+-]?(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.?[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+"
                    r"|[0-9]*\.[0-9]+|[0-9]+)")
# The four string forms; an escape is any backslash pair here, checked when the value is decoded. In a long
# string one or two quotes must be followed by another character (SPARQL's `( '"' | '""' )? ( [^"\\] | ECHAR )`).
# Possessive quantifiers: nothing is ever tried twice, whatever the text.
STRINGS = {
    '"""': re.compile(r'"""((?:[^"\\]++|\\.|"{1,2}+(?!"))*+)"""', re.DOTALL),
    "'''": re.compile(r"'''((?:[^'\\]++|\\.|'{1,2}+(?!'))*+)'''", re.DOTALL),
    '"': re.compile(r'"((?:[^"\\\n\r]++|\\.)*+)"', re.DOTALL),
    "'": re.compile(r"'((?:[^'\\\n\r]++|\\.)*+)'", re.DOTALL),
}
STRING_ESCAPE = re.compile(rf"{_HEX_ESCAPE}|\\[tbnrf\"'\\]|\\")
IRI_ESCAPE = re.compile(_HEX_ESCAPE)
PUNCTUATION = re.compile(r"\^\^|&&|\|\||!=|<=|>=|[{}()\[\].,;*/|^!=<>+\-?]")
ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
WRITTEN = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
# Raw control characters (tab and line ends are white space), and a CR without its LF.
FORBIDDEN_RAW = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
# In a decoded string, the control characters that an ECHAR cannot write; in a decoded IRI, what IRIREF excludes.
CONTROL_IN_STRING = re.compile(r"[\x00-\x07\x0b\x0e-\x1f\x7f-\x9f]")
NOT_IN_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20\x7f-\x9f]')
DIGITS = frozenset("0123456789")


class Token(NamedTuple):
    """One terminal: its kind, its canonical text, its value (decoded), and where it is in the user's text.
    (A named tuple: tens of thousands are made for a long query, and a frozen dataclass is slow to make.)"""

    kind: str  # iri, pname, bnode, var, string, langtag, number, word, a, punct, end
    text: str  # as written in the canonical text
    value: str  # IRI characters, the string's value, the upper-cased keyword, the punctuation …
    start: int
    end: int


# How a token is read, by its first character (ASCII; `_dot` and `_sign` are numbers or punctuation).
FIRST: dict[str, str] = {
    **{c: "_name" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz:"},
    **{c: "_number" for c in "0123456789"}, **{c: "_string" for c in "\"'"}, **{c: "_variable" for c in "?$"},
    **{c: "_punct" for c in "{}()[],;*/|^!=>&"}, "<": "_lt", ".": "_dot", "+": "_sign", "-": "_sign",
    "@": "_langtag", "_": "_blank", "\\": "_backslash",
}


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column (both from 1, columns in characters) of `offset` in `text`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def syntax_error(text: str, offset: int, message: str) -> MalformedQuery:
    line, column = position(text, offset)
    return MalformedQuery(f"syntax error at line {line}, column {column}: {message}", line=line, column=column)


def written_string(value: str) -> str:
    """A string value as a SPARQL "…" literal with only the escapes it needs (never a \\u escape)."""
    return '"' + "".join(WRITTEN.get(char, char) for char in value) + '"'


class Lexer:
    """Tokens of `text` from an offset; `next_token(at, punct=True)` reads `<`, `+`, `-` as punctuation."""

    def __init__(self, text: str) -> None:
        self.text = text
        bad = FORBIDDEN_RAW.search(text)
        if bad is not None:
            what = ("a carriage return without a line feed (use LF or CRLF line ends)" if bad.group() == "\r"
                    else f"the control character U+{ord(bad.group()):04X}")
            raise syntax_error(text, bad.start(), f"the query contains {what}")

    def error(self, offset: int, message: str) -> MalformedQuery:
        return syntax_error(self.text, offset, message)

    def next_token(self, at: int, punct: bool = False) -> Token:
        text = self.text
        start = SKIP.match(text, at).end()  # type: ignore[union-attr]  # SKIP matches the empty string
        if start >= len(text):
            return Token("end", "", "", start, start)
        char = text[start]
        read = FIRST.get(char)  # by its first character: one pattern tried per token, not one per kind
        if read is None:  # beyond ASCII: a name, or nothing SPARQL knows
            read = "_name" if NAME.match(text, start) else "_punct"
        elif punct and char in "<+-":
            read = "_punct"
        elif read == "_dot":
            read = "_number" if text[start + 1:start + 2] in DIGITS and start + 1 < len(text) else "_punct"
        elif read == "_sign":
            read = "_number" if NUMBER.match(text, start) else "_punct"
        return getattr(self, read)(start)

    def _lt(self, start: int) -> Token:
        return self._iri(start) or self._punct(start)

    def _backslash(self, start: int) -> Token:
        raise self.error(start, "a backslash outside a string or an IRI (\\u escapes are only allowed there)")

    def _punct(self, start: int) -> Token:
        match = PUNCTUATION.match(self.text, start)
        if match is None:
            char = self.text[start]
            shown = repr(char) if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
            raise self.error(start, f"unexpected character {shown}")
        return Token("punct", match.group(), match.group(), start, match.end())

    def _iri(self, start: int) -> Token | None:
        match = IRI.match(self.text, start)
        if match is None:
            return None
        body = match.start(1)
        value = IRI_ESCAPE.sub(lambda m: self._code_point(body + m.start(), m.group()), match.group(1))
        bad = NOT_IN_IRI.search(value)
        if bad is not None:
            raise self.error(start, f"the IRI <{value[:60]}> holds U+{ord(bad.group()):04X} "
                                    f"({bad.group()!r}), which an IRI cannot hold")
        return Token("iri", f"<{value}>", value, start, match.end())

    def _string(self, start: int) -> Token:
        text = self.text
        quote = text[start] * 3 if text.startswith(text[start] * 3, start) else text[start]
        match = STRINGS[quote].match(text, start)
        if match is None:
            raise self.error(start, f"a string opened with {quote} is not closed (or holds a line end; use \\n "
                                    f"or a {text[start] * 3} string)" if len(quote) == 1 else
                             f"a string opened with {quote} is not closed")
        body = match.start(1)
        value = STRING_ESCAPE.sub(lambda m: self._string_escape(body + m.start(), m.group()), match.group(1))
        bad = CONTROL_IN_STRING.search(value)
        if bad is not None:
            raise self.error(start, f"a string holds the control character U+{ord(bad.group()):04X}")
        return Token("string", written_string(value), value, start, match.end())

    def _string_escape(self, offset: int, escape: str) -> str:
        if escape == "\\":
            raise self.error(offset, "a backslash in a string must start an escape: \\t \\b \\n \\r \\f \\\" "
                                     "\\' \\\\ or \\uXXXX")
        if len(escape) == 2:
            return ECHAR[escape[1]]
        return self._code_point(offset, escape)

    def _code_point(self, offset: int, escape: str) -> str:
        code = int(escape[2:], 16)
        if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
            raise self.error(offset, f"the escape {escape} does not name a character")
        return chr(code)

    def _variable(self, start: int) -> Token:
        match = VARIABLE.match(self.text, start)
        if match is None:
            if self.text[start] == "?":
                return Token("punct", "?", "?", start, start + 1)  # the path modifier
            raise self.error(start, "'$' must start a variable name")
        return Token("var", "?" + match.group(1), match.group(1), start, match.end())

    def _number(self, start: int) -> Token:
        match = NUMBER.match(self.text, start)
        assert match is not None  # the caller saw a digit, or a sign or '.' before one
        return Token("number", match.group(), match.group(), start, match.end())

    def _langtag(self, start: int) -> Token:
        match = LANGTAG.match(self.text, start)
        if match is None:
            raise self.error(start, "'@' must start a language tag, as in \"text\"@en")
        return Token("langtag", match.group(), match.group()[1:], start, match.end())

    def _blank(self, start: int) -> Token:
        match = BLANK_LABEL.match(self.text, start)
        if match is None:
            raise self.error(start, "'_' must start a blank node label, as in _:b1")
        return Token("bnode", match.group(), match.group()[2:], start, match.end())

    def _name(self, start: int) -> Token:
        text = self.text
        match = NAME.match(text, start)
        end = match.end() if match else start
        if text.startswith(":", end):  # a prefixed name: PNAME_NS, or PNAME_LN with its local part
            local = LOCAL.match(text, end + 1)
            stop = local.end() if local else end + 1
            return Token("pname", text[start:stop], text[start:stop], start, stop)
        # Not a prefixed name: a keyword, matched as its letters only (`true-1` is true, then -1).
        keyword = KEYWORD.match(text, start)
        if keyword is None:
            raise self.error(start, f"unexpected name {text[start:end][:40]!r}: a keyword, a variable, a prefixed "
                                    "name (prefix:name) or an IRI (<…>) was expected")
        word, end = keyword.group(), keyword.end()
        if word == "a":
            return Token("a", "a", "a", start, end)
        return Token("word", word.upper(), word.upper(), start, end)
