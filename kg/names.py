"""Proper names for nations from the countrycode code table, without the table's artefacts.

countrycode's CLDR-derived columns carry forms made for menus and code lists, not for prose: "Congo -
Kinshasa" (CLDR disambiguates by capital), "St. Vincent & Grenadines" (abbreviated), "Hong Kong SAR China",
"Myanmar (Burma)" (an alternative in brackets), and ISO's sorting forms "Pakistan (le)", "Congo (the
Democratic Republic of the)", "Palestine, State of". A nation's preferred name in a language is the first of
its names (in countrycode.py's column order) that has none of these; the others stay as alternative names,
and the ones with an artefact become hidden labels, so matching a question still finds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sharaka.kg.sources import read_rows

# Forms a code table makes and prose does not use. Each alternative says which artefact it catches.
_ARTEFACT = re.compile(
    r"&"                                     # abbreviated "and": "Trinidad & Tobago"
    r"|\s-\s"                                # CLDR's disambiguator: "Congo - Kinshasa", "تيمور - ليشتي"
    r"|\bCongo[\s-]+(?:Kinshasa|Brazzaville)\b"  # the same, without spaces: "Congo-Kinshasa", "Congo Brazzaville"
    r"|\bSt\.\s"                             # abbreviated "Saint": "St. Lucia"
    r"|\bSAR\b|\bR\.A\.S\."                  # "Hong Kong SAR China", "R.A.S. chinoise de Hong Kong"
    r"|\([^()]*\)\s*$"                       # a trailing bracket: "Myanmar (Burma)", "Pakistan (le)", "Congo (the)"
    r"|,\s*[^,]*\b(?:of|de|d['’]|du|des)(?:\s+the)?\s*$"  # ISO's inverted form: "Palestine, State of"
)
_ISO_ARTICLE = re.compile(r"\s*\((?:the|le|la|les|l['’])\)\s*$")


def is_artefact(name: str) -> bool:
    return bool(_ARTEFACT.search(name))


@cache
def ambiguous_names() -> frozenset[str]:
    """Names the lexicon declares ambiguous ("Congo" is two nations): never a nation's preferred name."""
    return frozenset(row["alias"].casefold() for _, row in read_rows("lexicon", "ambiguous_names.csv"))


def repaired(name: str) -> str:
    """The last resort when every name has an artefact: spell out what is abbreviated, drop ISO's article."""
    name = _ISO_ARTICLE.sub("", name)
    return re.sub(r"\bSt\.\s", "Saint ", name.replace(" & ", " and "))


@dataclass(frozen=True)
class NationNames:
    """One language's names of a nation: the one to show, other proper names, and raw forms kept for matching."""

    preferred: str
    alternatives: tuple[str, ...]
    hidden: tuple[str, ...]


def proper_names(names: tuple[str, ...]) -> NationNames | None:
    """`names` in preference order (countrycode.py's columns) → the names to publish; None when there are none."""
    if not names:
        return None
    usable = [n for n in names if not is_artefact(n) and n.casefold() not in ambiguous_names()]
    preferred = usable[0] if usable else repaired(names[0])
    alternatives = tuple(n for n in names if n != preferred and not is_artefact(n))
    hidden = tuple(n for n in names if n != preferred and is_artefact(n))
    return NationNames(preferred, alternatives, hidden)
