"""Typos: names one or two letters off ("Pakistn", "Saudi Arbia", "Azerbaijian") and words of the
vocabulary one letter off ("agrements", "aliances"). A near-miss between two nations is never guessed:
it is kept with its rival, and the linker turns it into a question back (Nigeri: Niger or Nigeria?)."""

from __future__ import annotations

from rapidfuzz.distance import OSA
from rdflib import URIRef

from sharaka.qa.lexicon import EntityIndex

ENTITY_KINDS = ("nation", "organization", "agreement")


def max_typo_distance(length: int) -> int:
    """Edits tolerated in a name of this many characters: none below 5, one up to 8 (Pakistn,
    Indonesai), two up to 12 (Azerbaijian), three beyond. "Latveria" (8) is not Latvia."""
    if length < 5:
        return 0
    if length <= 8:
        return 1
    return 2 if length <= 12 else 3


def single_letters(text: str) -> str:
    """`text` with each run of one letter written once ("morocco" → "moroco")."""
    return "".join(c for i, c in enumerate(text) if i == 0 or c != text[i - 1])


class NameTypos:
    """Entity names within a few edits of what was typed."""

    def __init__(self, index: EntityIndex) -> None:
        self.index = index
        # Choices by (first letter, length) and by length: a typo is compared only with names of
        # about its length, so a nation lookup does not scan every agreement name.
        self._by_letter: dict[tuple[str, int], list[str]] = {}
        self._by_length: dict[int, list[str]] = {}
        # Names by their letters with every double written once: "morroco" and "Morocco" are both "moroco".
        self._by_single_letters: dict[str, list[str]] = {}
        for kind in ENTITY_KINDS:
            for alias in index.fuzzy_choices.get(kind, ()):
                self._by_letter.setdefault((alias[0], len(alias)), []).append(alias)
                self._by_length.setdefault(len(alias), []).append(alias)
                self._by_single_letters.setdefault(single_letters(alias), []).append(alias)

    def closest(self, query: str, limit: int) -> tuple[int, set[URIRef]] | None:
        """Entities whose alias is within `limit` edits of `query`. Short words must also start with
        the same letter ("while" is not Chile). Near-twins are kept together: a name one edit from two
        nations (Nigeri, Jambia) is ambiguous, never a guess."""
        lengths = range(len(query) - limit - 1, len(query) + limit + 2)
        if len(query) < 6:
            choices = [a for n in lengths for a in self._by_letter.get((query[0], n), ())]
        else:
            choices = [a for n in lengths for a in self._by_length.get(n, ())]
        scored: list[tuple[int, URIRef]] = []
        for alias in choices:
            d = OSA.distance(query, alias, score_cutoff=limit + 1)
            if d > limit and len(query) >= 5 and query[0] == alias[0] and sorted(query) == sorted(alias):
                d = limit  # two letters swapped across another ("lybia" is Libya): one slip, not two
            if alias[0] != query[0] and d > 1:
                continue  # a wrong first letter is one typo at most (Jambia), not Ruritania → Mauritania
            if d <= limit + 1:
                scored.extend((d, uri) for uri in self.index.aliases[alias].entities)
        if limit >= 1:
            # A double written on the wrong letter ("morroco", "camerron") is two edits but one slip.
            for alias in self._by_single_letters.get(single_letters(query), ()):
                scored.extend((1, uri) for uri in self.index.aliases[alias].entities)
        within = [(d, u) for d, u in scored if d <= limit]
        if not within:
            return None
        best = min(d for d, _ in within)
        # Runner-ups one edit further still count as rivals for short names (Nigeri: Niger? Nigeria?).
        margin = 1 if len(query) <= 7 else 0
        top = {u for d, u in within if d == best}
        kind = self.index.entities[next(iter(top))].kind
        rivals = {u for d, u in scored if d <= best + margin and u not in top
                  and self.index.entities[u].kind == kind == "nation"}
        return best, top | rivals


class WordTypos:
    """Words of the vocabulary (and of concept names) one edit off: "agrements" is "agreements"."""

    def __init__(self, known: frozenset[str]) -> None:
        self._by_letter: dict[str, list[str]] = {}
        for word in known:
            if len(word) >= 4 and word.isalpha():
                self._by_letter.setdefault(word[0], []).append(word)
        for words in self._by_letter.values():
            words.sort()

    def correct(self, word: str) -> str | None:
        """The one known word closest to `word` (one edit, two for long words), or None if there is
        none or there are several equally close."""
        if len(word) < 4 or not word.isalpha():
            return None
        limit = 1 if len(word) <= 8 else 2
        best: list[tuple[int, str]] = []
        for known in self._by_letter.get(word[0], ()):
            if abs(len(known) - len(word)) > limit:
                continue
            d = OSA.distance(word, known, score_cutoff=limit)
            if d <= limit:
                best.append((d, known))
        if not best:
            return None
        top = min(d for d, _ in best)
        closest = [k for d, k in best if d == top]
        return closest[0] if len(closest) == 1 else None
