"""Stage 1, normalize (called by the engine): a question becomes tokens whose `norm` form is what
every later stage compares.

Latin text is case-folded and stripped of accents (Türkiye → turkiye, Émirats → emirats);
Arabic loses diacritics and tatweel and its alef/ya/ta-marbuta variants are unified, so that
people's spellings meet the concordance's. The original text of each token is kept for
display and for case-sensitive codes (US, UK).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
# Arabic-Indic (٠١٢…) and Eastern Arabic-Indic (۰۱۲…) digits are read as ASCII digits: years and counts.
_DIGITS = str.maketrans({chr(base + i): str(i) for base in (0x0660, 0x06F0) for i in range(10)})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-"})
# A token: a run of letters/digits (any script), keeping inner dots of abbreviations (U.S.)
# and inner colons of source ids (atop:3015).
_TOKEN = re.compile(r"[^\W_]+(?:[.:][^\W_]+)*\.?", re.UNICODE)
_POSSESSIVE = re.compile(r"(?<=[^\s'])'s\b|(?<=s)'(?=\s|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    text: str   # as typed
    norm: str   # compared form
    start: int  # character offsets in the cleaned question
    end: int
    possessive: bool = False  # typed with 's or s' ("Pakistan's suppliers"): the owner of what follows


@dataclass(frozen=True)
class NormalizedQuestion:
    original: str
    cleaned: str
    tokens: tuple[Token, ...]

    @property
    def norms(self) -> list[str]:
        return [t.norm for t in self.tokens]


def fold(text: str) -> str:
    """The comparison form of any text: one function for questions and for index keys."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).translate(_DASHES).translate(_DIGITS)
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c) or _is_arabic(c))
    stripped = stripped.replace("ı", "i").replace("ß", "ss")
    words = [_strip_abbreviation_dots(m.group(0)) for m in _TOKEN.finditer(_POSSESSIVE.sub("", stripped))]
    return " ".join(w for w in words if w)


def fold_letters(text: str) -> str:
    """`fold` letter by letter, keeping every offset: for patterns run on the cleaned text (years.py), so that
    "سنة" meets "سنه" and "après" meets "apres" while spans still point into the question."""
    text = text.translate(_ARABIC_LETTERS)
    out = []
    for c in text:
        base = unicodedata.normalize("NFKD", c)[:1].casefold().replace("ı", "i")
        out.append(base if len(base) == 1 else c)
    return "".join(out)


def _strip_abbreviation_dots(token: str) -> str:
    """U.S. → us, U.A.E. → uae; a colon of a source id is kept."""
    return token.replace(".", "") if ":" not in token else token.rstrip(".")


def _is_arabic(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff"


def clean(question: str) -> str:
    """Visible clean-up: control characters out, whitespace collapsed."""
    text = unicodedata.normalize("NFC", question).translate(_DASHES).translate(_DIGITS)
    text = "".join(c if unicodedata.category(c)[0] != "C" or c in "\t\n" else " " for c in text)
    # Arabic diacritics and tatweel carry no meaning here and would split words.
    return " ".join(_ARABIC_DIACRITICS.sub("", text).split())


def normalize(question: str) -> NormalizedQuestion:
    cleaned = clean(question)
    prepared = _POSSESSIVE.sub(lambda m: " " * len(m.group(0)), cleaned.translate(_APOSTROPHES))
    tokens = []
    for match in _TOKEN.finditer(prepared):
        norm = fold(match.group(0))
        if norm:
            owner = _POSSESSIVE.match(cleaned.translate(_APOSTROPHES), match.end()) is not None
            tokens.append(Token(match.group(0), norm, match.start(), match.end(), owner))
    return NormalizedQuestion(question, cleaned, tuple(tokens))
