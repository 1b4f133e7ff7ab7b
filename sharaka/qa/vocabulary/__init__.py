"""The words of questions, as data: one folder per language (en/ today), read once per engine.

`words.tsv` gives each phrase its senses (what it does to the frame), `time.tsv` the words of time
expressions, `stopwords.txt` the function words, `name_words.txt` the generic words of agreement
names, `answers.toml` the sentences of answers, `language.toml` the plural rule and word endings.
Names of nations, organizations, agreements, kinds, sectors and weapon categories are not here:
they come from the graph (sharaka/qa/lexicon.py). Adding a language is adding a folder (docs/question-answering.md)."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sharaka.qa.normalize import fold

VOCABULARY_DIR = Path(__file__).resolve().parent
SENSE_TYPES = frozenset({"filler", "wh", "aux", "ask", "noun", "verb", "prep", "neg", "scope", "domain", "kind",
                         "grammar", "sector"})
TIME_SENSES = frozenset({"op", "decade", "number", "unit"})
# How a noun takes its form after a number (render.Sentences.noun): English's one/other, CLDR's Arabic
# categories, French (0 and 1 singular), invariable (Turkish: singular after every number).
PLURAL_RULES = frozenset({"one_other", "arabic", "french", "invariable"})


class VocabularyError(ValueError):
    """A vocabulary file that does not follow its format: found by the tests, never at question time."""


@dataclass(frozen=True)
class Sense:
    """What a phrase does to the frame: its type (a key of SENSE_TYPES) and a value of that type."""

    type: str
    value: str = ""


@dataclass(eq=False)  # hashable by identity: one per language, patterns are cached per vocabulary
class Vocabulary:
    lang: str
    phrases: dict[str, tuple[Sense, ...]]
    time: dict[str, list[tuple[str, str]]]
    stopwords: frozenset[str]
    name_words: frozenset[str]
    sentences: dict[str, Any]
    max_phrase_words: int = 1
    words: frozenset[str] = field(default_factory=frozenset)  # every single word of a phrase
    plural_rule: str = "one_other"
    stem_suffixes: tuple[tuple[str, str], ...] = ()
    detect_words: frozenset[str] = frozenset()  # function words that tell this language (sharaka/qa/language.py)
    prefixes: tuple[str, ...] = ()  # clitics written joined to the next word (Arabic و ب ل ال: sharaka/qa/clitics.py)
    answers_in: str = ""  # the language of this one's answers.toml, when not its own (a language not yet translated)
    yes_no_last: bool = False  # a yes/no question ends with a particle (Turkish "mı": sharaka/qa/intent.py)
    postpositions: bool = False  # case endings after the name mark its role (Turkish: sharaka/qa/roles.py)
    verb_first: bool = False  # the subject follows the verb (Arabic VSO: sharaka/qa/roles.py)
    time_after_year: bool = False  # "2000'den beri": time words after the year (sharaka/qa/years.py)
    suffixes: tuple[str, ...] = ()  # case endings written joined to a name (Turkish -la, -nin: sharaka/qa/clitics.py)
    # (ending, replacement): an adjective of a name back to the name ("تركي"/"تركية" → "تركيا"): clitics.py
    name_endings: tuple[tuple[str, str], ...] = ()

    def stem(self, word: str) -> str:
        """A crude stem for comparing names ("earthquakes" → "earthquake"); numbers and short words stay."""
        for ending, replacement in self.stem_suffixes:
            if word.endswith(ending) and len(word) - len(ending) >= 4 and not word.isdigit():
                return word[: -len(ending)] + replacement
        return word

    def senses(self, folded: str) -> tuple[Sense, ...]:
        return self.phrases.get(folded, ())

    def phrases_of(self, sense_type: str, value: str | None = None) -> list[str]:
        """The phrases that have a sense, longest first (for patterns built from them)."""
        found = [p for p, senses in self.phrases.items()
                 if any(s.type == sense_type and (value is None or s.value == value) for s in senses)]
        return sorted(found, key=lambda p: (-len(p), p))

    def time_words(self, sense: str, value: str | None = None) -> list[str]:
        return sorted({p for p, v in self.time.get(sense, []) if value is None or v == value},
                      key=lambda p: (-len(p), p))

    def time_value(self, sense: str, phrase: str) -> str | None:
        folded = fold(phrase)
        return next((v for p, v in self.time.get(sense, []) if p == folded), None)


def _rows(path: Path) -> list[tuple[int, list[str]]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            rows.append((number, line.split("\t")))
    return rows


def _words(path: Path) -> frozenset[str]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    return frozenset(w for line in lines for w in fold(line).split())


def read_phrases(path: Path) -> dict[str, tuple[Sense, ...]]:
    senses: dict[str, list[Sense]] = defaultdict(list)
    for number, cells in _rows(path):
        if len(cells) < 2 or cells[1] not in SENSE_TYPES:
            raise VocabularyError(f"{path.name}:{number}: expected phrase<TAB>sense[<TAB>value], sense one of "
                                  f"{sorted(SENSE_TYPES)}")
        folded = fold(cells[0])
        sense = Sense(cells[1], cells[2].strip() if len(cells) > 2 else "")
        if folded and sense not in senses[folded]:
            senses[folded].append(sense)
    return {phrase: tuple(found) for phrase, found in senses.items()}


def read_time(path: Path) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for number, cells in _rows(path):
        if len(cells) != 3 or cells[1] not in TIME_SENSES:
            raise VocabularyError(f"{path.name}:{number}: expected phrase<TAB>sense<TAB>value, sense one of "
                                  f"{sorted(TIME_SENSES)}")
        found[cells[1]].append((fold(cells[0]) or cells[0].strip(), cells[2].strip()))
    return dict(found)


ARTICLE = "ال"


def with_definite_variants(phrases: dict[str, tuple[Sense, ...]]) -> dict[str, tuple[Sense, ...]]:
    """Arabic adjectives agree with their noun in definiteness: "مساعدات عسكريه" is also "المساعدات العسكريه",
    a single word takes the article too,
    and a construct ("اتفاقيات التعاون الدفاعي") has the article on every word but the first. A variant never
    replaces a phrase the file lists itself."""
    out = dict(phrases)
    for phrase, senses in phrases.items():
        words = phrase.split()
        if len(words) < 2:
            if not phrase.startswith(ARTICLE) and len(phrase) > 1:
                out.setdefault(ARTICLE + phrase, senses)  # "انسانيه" → "الانسانيه"
            continue
        definite = [w if w.startswith(ARTICLE) else ARTICLE + w for w in words]
        for variant in (" ".join(definite), " ".join([words[0], *definite[1:]])):
            out.setdefault(variant, senses)
    return out


@cache
def load_vocabulary(lang: str = "en", directory: Path = VOCABULARY_DIR) -> Vocabulary:
    folder = directory / lang
    if not folder.is_dir():
        raise VocabularyError(f"no vocabulary for language {lang!r} in {directory}")
    phrases = read_phrases(folder / "words.tsv")
    with (folder / "answers.toml").open("rb") as f:
        sentences = tomllib.load(f)
    with (folder / "language.toml").open("rb") as f:
        language = tomllib.load(f)
    if language.get("definite_variants"):
        phrases = with_definite_variants(phrases)
    suffixes = tuple((s.partition(">")[0], s.partition(">")[2]) for s in language.get("stem_suffixes", []))
    if language.get("plural_rule", "one_other") not in PLURAL_RULES:
        raise VocabularyError(f"{folder / 'language.toml'}: plural_rule must be one of {sorted(PLURAL_RULES)}")
    return Vocabulary(
        lang=lang, phrases=phrases, time=read_time(folder / "time.tsv"),
        stopwords=_words(folder / "stopwords.txt"), name_words=_words(folder / "name_words.txt"),
        sentences=sentences, max_phrase_words=max(len(p.split()) for p in phrases),
        words=frozenset(w for p in phrases for w in p.split()),
        plural_rule=language.get("plural_rule", "one_other"), stem_suffixes=suffixes,
        detect_words=frozenset(fold(" ".join(language.get("detect_words", []))).split()),
        prefixes=tuple(sorted((fold(p) for p in language.get("prefixes", [])), key=len, reverse=True)),
        answers_in=str(language.get("answers_in", lang)),
        verb_first=bool(language.get("verb_first", False)),
        postpositions=bool(language.get("postpositions", False)),
        yes_no_last=bool(language.get("yes_no_last", False)),
        time_after_year=bool(language.get("time_after_year", False)),
        suffixes=tuple(sorted({fold(p) for p in language.get("suffixes", [])}, key=len, reverse=True)),
        name_endings=tuple((fold(e.partition(">")[0]), fold(e.partition(">")[2]))
                           for e in language.get("name_endings", [])),
    )
