"""Weapons by their designations ("Bayraktar TB2", "TB2", "F-16", "S-400"), matched against SIPRI's
`Weapon designation` of every arms-transfer deal by the rule of docs/semantics.md: every word typed
(letters and digits, hyphens removed inside a word: "TB-2" = "TB2") equals a word of the designation, or
is a family prefix of one followed only by letters ("F-16" matches "F-16C", "TB2" does not match "TB-20")."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef

from sharaka.qa.normalize import fold

_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def designation_word(text: str) -> str:
    """One word of a designation as compared: "F-16C" → "f16c", "TB-2" → "tb2"."""
    return _NOT_ALNUM.sub("", fold(text).replace(" ", ""))


@dataclass
class Designations:
    words: dict[str, frozenset[URIRef]] = field(default_factory=dict)  # designation word → deals
    by_start: dict[str, list[str]] = field(default_factory=dict)  # first two characters → words (families)
    labels: dict[URIRef, str] = field(default_factory=dict)  # deal → its designation

    @classmethod
    def build(cls, rows: list[tuple[URIRef, str]]) -> Designations:
        words: dict[str, set[URIRef]] = defaultdict(set)
        labels = {}
        for deal, designation in rows:
            labels[deal] = designation
            for raw in designation.split():
                word = designation_word(raw)
                if word:
                    words[word].add(deal)
                head, _, tail = raw.partition("-")
                if len(head) >= 3 and head.isalpha() and any(c.isdigit() for c in tail):
                    words[designation_word(head)].add(deal)  # "Wing Loong" names Wing Loong-1 and Wing Loong-2
        by_start: dict[str, list[str]] = defaultdict(list)
        for word in words:
            by_start[word[:2]].append(word)
        return cls({w: frozenset(d) for w, d in words.items()}, dict(by_start), labels)

    def knows(self, word: str) -> bool:
        return bool(self._deals_of(word))

    def _deals_of(self, word: str) -> set[URIRef]:
        if word.endswith("s") and len(word) > 2 and word[-2].isdigit():
            word = word[:-1]  # "F-16s": the plural of a designation
        found = set(self.words.get(word, ()))
        for other in self.by_start.get(word[:2], ()):
            rest = other[len(word):]
            if other.startswith(word) and rest and rest.isalpha() and any(c.isdigit() for c in word):
                found |= self.words[other]  # a family: F-16 → F-16C, F-16E
        return found

    def match(self, words: list[str]) -> frozenset[URIRef]:
        """The deals whose designation has every one of the words (or a family member of it)."""
        deals: set[URIRef] | None = None
        for word in words:
            found = self._deals_of(word)
            deals = found if deals is None else deals & found
            if not deals:
                return frozenset()
        return frozenset(deals or ())


@dataclass(frozen=True)
class DesignationSpan:
    start: int  # token index
    end: int  # exclusive
    words: tuple[str, ...]
    deals: frozenset[URIRef]


def find_designations(tokens: list[tuple[str, str, int, int]], cleaned: str, free: set[int],
                      designations: Designations, anchored: set[int], arms: bool) -> list[DesignationSpan]:
    """Runs of free tokens that name a weapon. `tokens` are (text, norm, start, end); tokens written
    together with a hyphen are one word ("F-16", "S-400"). A run counts when a word has a digit, or it sits
    next to a weapon category or arms word (`anchored`), or it is typed as a name in a question about arms
    (`arms`: "did Egypt buy the Rafale"; "the Andromeda Pact" is no weapon)."""
    groups: list[tuple[list[int], str]] = []
    i = 0
    while i < len(tokens):
        if i not in free:
            i += 1
            continue
        idx = [i]
        while idx[-1] + 1 < len(tokens) and idx[-1] + 1 in free and cleaned[
                tokens[idx[-1]][3]:tokens[idx[-1] + 1][2]] in ("-", ""):
            idx.append(idx[-1] + 1)
        groups.append((idx, designation_word("".join(tokens[k][0] for k in idx))))
        i = idx[-1] + 1
    found: list[DesignationSpan] = []
    run: list[tuple[list[int], str]] = []
    def weapon_word(word: str) -> bool:  # a number alone is a year or a count ("Bright Star 82"), a letter
        return len(word) >= 2 and not word.isdigit() and designations.knows(word)  # alone nothing

    for group in [*groups, ([-2], "")]:
        adjacent = run and group[0][0] == run[-1][0][-1] + 1
        if weapon_word(group[1]) and (adjacent or not run):
            run.append(group)
            continue
        if run:
            span = _accept(run, tokens, designations, anchored, arms)
            if span is not None:
                found.append(span)
        run = [group] if weapon_word(group[1]) else []
    return found


def _accept(run: list[tuple[list[int], str]], tokens: list[tuple[str, str, int, int]], designations: Designations,
            anchored: set[int], arms: bool) -> DesignationSpan | None:
    positions = [p for idx, _ in run for p in idx]
    words = [w for _, w in run]
    digits = any(any(c.isdigit() for c in w) and any(c.isalpha() for c in w) for w in words)
    named = any(tokens[p][0][:1].isupper() and p > 0 for p in positions)
    # people type in lower case: "bought the rafale" names a weapon by its article, as "the Rafale" does
    named = named or (positions[0] > 0 and tokens[positions[0] - 1][1] == "the")
    near = bool(set(positions) & anchored)  # `anchored` holds the positions next to a weapon word already
    if not (digits or near or (named and arms)):
        return None
    deals = designations.match(words)
    return DesignationSpan(positions[0], positions[-1] + 1, tuple(words), deals) if deals else None
