"""Arabic writes some function words joined to the next word: و (and), ب (with/by), ل (for), ف, ك and the
article ال ("وباكستان" = "and Pakistan", "بالسعودية" = "with Saudi Arabia"). A word that neither the vocabulary
nor the graph's names know is split when what remains is a known word, so "وباكستان" meets "باكستان" and
"للسعودية" meets "السعوديه". Turkish joins case endings to the end of a name ("Pakistanla" = "with Pakistan",
"Türkiyenin" = "Turkey's"): the same rule takes a known ending off. A known word is never split ("بريطانيا"
stays whole), and nothing is split when no reading is known: the word then stays unknown and is reported as such.

The prefixes are data (vocabulary/ar/language.toml `prefixes`); this module only applies them."""

from __future__ import annotations

import re
from dataclasses import replace

from sharaka.qa.normalize import NormalizedQuestion, Token

ARTICLE = "ال"
HIJRI = "هجري"  # a year written with the Hijri mark ("1420هـ", folded "1420ه") is read as this word
_HIJRI_YEAR = re.compile(r"^\d{1,4}ه$")


def readings(word: str, prefixes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The (joined words, word) a joined word may stand for, most likely first: without a prefix; for a prefix
    that ends in the article's lam ("بال", "لل") with the article restored; and with or without the article."""
    found: list[tuple[str, str]] = []
    for prefix in prefixes:
        if not word.startswith(prefix) or len(word) - len(prefix) < 2:
            continue
        rest = word[len(prefix):]
        joined = prefix.removesuffix(ARTICLE) if prefix != ARTICLE else ""
        # Only "لل" (ل + the article, whose alef is dropped) hides an article: a lone ل is the preposition,
        # so "لباكستان" is "to Pakistan", never "الباكستان" (that reading lost the recipient's "to").
        # ("للإمارات" = ل + الإمارات: a name whose first letter is an alef keeps it)
        if prefix.endswith("لل"):
            found.append((prefix[:-1], ARTICLE + rest))  # لل+سعوديه → ل + السعوديه
        if prefix.endswith(ARTICLE):
            found.append((joined, ARTICLE + rest))  # بال+سعوديه → ب + السعوديه
        found.append((joined, rest))
    if not word.startswith(ARTICLE):
        found.append(("", ARTICLE + word))  # "باكستان" typed where the name has the article
    return [w for i, w in enumerate(found) if w[1] and w not in found[:i]]


def without_suffix(word: str, suffixes: tuple[str, ...]) -> list[str]:
    """The word without each ending it has (longest first), keeping at least three letters."""
    return [word[: -len(s)] for s in suffixes if word.endswith(s) and len(word) - len(s) >= 3]


def with_name_endings(word: str, endings: tuple[tuple[str, str], ...]) -> list[str]:
    """The word with each adjective ending replaced ("تركيه" → "تركيا", "فرنسي" → "فرنسا"), keeping a stem of
    at least three letters: an adjective of a nation ("أسلحة ألمانية") or a name spelt with its adjective's
    ending ("تركية", "سورية") then meets the name."""
    return [word[: -len(e)] + r for e, r in endings if word.endswith(e) and len(word) - len(e) >= 3]


def split_clitics(nq: NormalizedQuestion, known: frozenset[str], prefixes: tuple[str, ...],
                  suffixes: tuple[str, ...] = (), endings: tuple[tuple[str, str], ...] = ()) -> NormalizedQuestion:
    """The question with each unknown word replaced by its first known reading; the joined prefixes become
    tokens of their own ("لمصر" → "ل" "مصر": the preposition "to" is kept for the roles of a supply)."""
    tokens: list[Token] = []
    changed = False
    for token in nq.tokens:
        norm = token.norm
        if _HIJRI_YEAR.match(norm):
            tokens.append(replace(token, norm=HIJRI))
            changed = True
            continue
        if norm not in known and not norm.isdigit():
            bare = readings(norm, prefixes) if _arabic(norm) else []
            # a prefix, an ending, or both ("ووقعتها" = "and signed it")
            # first, an adjective read as its name, with or without a joined prefix ("بأسلحة روسية"): the
            # article reading of "تركية" ("التركية", a word of some names) would hide the nation
            adjective = [("", w) for w in with_name_endings(norm, endings)] + [
                (p, w) for p, b in bare for w in with_name_endings(b, endings)]
            candidates = adjective + bare + [("", w) for w in without_suffix(norm, suffixes)] + [
                (p, w) for p, b in bare for w in without_suffix(b, suffixes)]
            reading = next(((p, w) for p, w in candidates if w in known), None)
            if reading is not None:
                tokens.extend(_split(token, *reading))
                changed = True
                continue
        tokens.append(token)
    return replace(nq, tokens=tuple(tokens)) if changed else nq


def _split(token: Token, joined: str, word: str) -> list[Token]:
    """One token per joined letter (each one character of the typed text), then the word."""
    out = [Token(token.text[i], letter, token.start + i, token.start + i + 1) for i, letter in enumerate(joined)]
    return [*out, Token(token.text[len(joined):], word, token.start + len(joined), token.end, token.possessive)]


def _arabic(word: str) -> bool:
    return any("\u0621" <= c <= "\u064a" for c in word)
