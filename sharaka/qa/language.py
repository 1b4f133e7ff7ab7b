"""Which language a question is written in: its script first (Arabic letters → ar), then, for Latin text,
the function words of each vocabulary (`detect_words` in vocabulary/<lang>/language.toml) and letters only
one language uses (ç ş ğ ı İ → tr; é è à ù → fr). English is the default: a question with no telling
word ("Pakistan?") is read with the English vocabulary, which also knows every name in the graph."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from sharaka.qa.normalize import fold
from sharaka.qa.vocabulary import Vocabulary

SUPPORTED = ("en", "ar", "fr", "tr")
DEFAULT = "en"
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Letters that only one of our Latin-script languages writes.
_LETTERS = {"tr": frozenset("çşğıİŞĞ"), "fr": frozenset("éèêàùâîôûœ")}


class UnsupportedLanguage(ValueError):
    """A `lang` the service has no vocabulary for."""


def check_lang(lang: str | None) -> str | None:
    """The `lang` parameter: None or "auto" means detect; otherwise one of SUPPORTED."""
    if lang is None or lang.strip().lower() in ("", "auto"):
        return None
    code = lang.strip().lower().split("-")[0]
    if code not in SUPPORTED:
        raise UnsupportedLanguage(f"lang must be one of {', '.join(SUPPORTED)} or auto, not {lang[:20]!r}")
    return code


def detect(question: str, vocabularies: Iterable[Vocabulary]) -> str:
    text = unicodedata.normalize("NFC", question)
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    if arabic and arabic >= latin:
        return "ar"
    words = fold(text).split()
    scores: dict[str, float] = {}
    for vocabulary in vocabularies:
        if vocabulary.lang == "ar":
            continue
        telling = sum(1 for w in words if w in vocabulary.detect_words)
        letters = sum(1 for c in text if c in _LETTERS.get(vocabulary.lang, ()))
        scores[vocabulary.lang] = telling + 0.5 * min(letters, 4)
    best = max(scores.items(), key=lambda kv: (kv[1], kv[0] == DEFAULT), default=(DEFAULT, 0.0))
    # A tie with English, or no telling word at all, stays English.
    if best[1] <= 0 or best[1] <= scores.get(DEFAULT, 0.0):
        return DEFAULT
    return best[0]
