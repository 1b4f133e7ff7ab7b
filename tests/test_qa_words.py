"""Numbers and words agree in every answer sentence ("1 partner", "1 nation is a party", "3 partners"):
checked on the sentences themselves (no graph), for every language folder of the vocabulary."""

from __future__ import annotations

import re
import string

import pytest

from sharaka.qa.render import Sentences
from sharaka.qa.vocabulary import VOCABULARY_DIR, load_vocabulary

LANGUAGES = sorted(p.name for p in VOCABULARY_DIR.iterdir() if (p / "answers.toml").is_file())
# A number written straight before one of these words is a plural written out by hand instead of through
# {count:NOUN} (English only: other languages have their own nouns table, checked by the first test).
ENGLISH_PLURALS_AFTER_A_COUNT = re.compile(r"\{count\}\s+(partners|agreements|nations|members|parties|suppliers|"
                                           r"recipients|organizations|kinds|sources|observers|are|were|have)\b")


def _sentences(lang: str) -> list[tuple[str, str]]:
    table = load_vocabulary(lang).sentences
    return [(f"{section}.{variant}", pattern) for section, variants in table.items() if isinstance(variants, dict)
            for variant, pattern in variants.items() if isinstance(pattern, str)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_counted_noun_has_its_forms(lang: str) -> None:
    vocabulary = load_vocabulary(lang)
    nouns = vocabulary.sentences["nouns"]
    used = {spec for _, pattern in _sentences(lang)
            for _, field, spec, _ in string.Formatter().parse(pattern) if field == "count" and spec}
    assert used, "the sentences count something"
    assert used <= set(nouns), f"nouns without forms: {sorted(used - set(nouns))}"
    assert all(isinstance(forms, list) and 1 <= len(forms) <= 6 for forms in nouns.values())


def test_no_plural_written_after_a_bare_count() -> None:
    bad = [key for key, pattern in _sentences("en") if ENGLISH_PLURALS_AFTER_A_COUNT.search(pattern)]
    assert not bad, bad


@pytest.mark.parametrize(("count", "expected"), [
    (1, "1 nation is a party to agreements"),
    (3, "3 nations are parties to agreements"),
    (0, "0 nations are parties to agreements"),
])
def test_nation_count_agrees_with_its_verb(count: int, expected: str) -> None:
    sentences = Sentences(load_vocabulary("en"))
    assert sentences.say("nations.count", count=count).startswith(expected)


@pytest.mark.parametrize(("key", "fields", "expected"), [
    ("partners.count", {"subject": "Chad", "count": 1}, "Chad has 1 partner."),
    ("partners.count", {"subject": "Chad", "count": 2}, "Chad has 2 partners."),
    ("agreements.count", {"count": 1}, "1 agreement."),
    ("parties.count", {"agreement": "X", "count": 1}, "X has 1 party."),
    ("members.left", {"organization": "OIC", "count": 1, "list": "Zanzibar"},
     "1 nation is recorded as leaving the OIC: Zanzibar."),
    ("members.observers", {"organization": "OIC", "count": 1, "list": "Y"}, "The OIC has 1 observer: Y."),
    ("summary.list", {"subject": "Chad", "count": 1, "list": "trade"},
     "Chad is a party to agreements of 1 kind: trade."),
    ("words.agreements_each", {"count": 1}, "1 agreement"),
])
def test_singular_and_plural_in_sentences(key: str, fields: dict[str, object], expected: str) -> None:
    assert Sentences(load_vocabulary("en")).say(key, **fields) == expected


def test_a_count_in_words_reads_as_plural() -> None:
    """A count that is not a number ("more than 100") takes the plural."""
    assert Sentences(load_vocabulary("en")).counted("more than 100", "partner") == "more than 100 partners"
