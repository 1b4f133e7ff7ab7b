"""Stage 2, link: every token of a normalized question gets one mention — a nation, organization,
agreement, kind, sector, obligation or weapon category of the graph; a year or a count; a word of the
vocabulary with its senses; a function word; or an unknown word. Exact names first, longest first;
then typos, by edit distance with guards; a near-miss between two nations is never guessed: it becomes
an ambiguity to ask about. Nothing is dropped: the interpretation sees every word."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rdflib import URIRef

from sharaka.qa.designations import find_designations
from sharaka.qa.lexicon import EntityIndex
from sharaka.qa.names import DescriptionWords, match_description
from sharaka.qa.normalize import NormalizedQuestion, fold, fold_letters
from sharaka.qa.typos import NameTypos, WordTypos, max_typo_distance
from sharaka.qa.vocabulary import Sense, Vocabulary
from sharaka.qa.years import YearSpan, find_numbers, find_years

# When one alias names entities of several kinds, the first kind in this list wins
# ("defence" is both a sector and an ATOP obligation: as a plain word it is the sector).
# A kind's own label beats an agreement name made of it ("CEPA" is the kind, not the India–UAE CEPA).
KIND_PRIORITY = ("nation", "organization", "category", "weapon", "agreement", "sector", "obligation", "generic")
ENTITY_KINDS = ("nation", "organization", "agreement")
CONCEPT_KINDS = ("category", "weapon", "sector", "obligation", "generic")

_SOURCE_ID = re.compile(r"\b(atop|dcad|desta|nca|curated|sipri|mme|oic)\s*:\s*([A-Za-z0-9._+-]+)", re.I)
_DCAD_ID = re.compile(r"\bDCADv1\.0-\d{4}\b", re.I)
_ATOP_ID = re.compile(r"\b(?:atop(?:\s+alliance)?|alliance)\s*(?:no\.?|number|#|id)?\s*(\d{4})\b", re.I)


@dataclass(frozen=True)
class Mention:
    """A span of tokens [start, end) and what it is: `kind` is an entity or concept kind, "year",
    "number", "word" (senses from the vocabulary), "function" or "unknown"."""

    kind: str
    uris: tuple[URIRef, ...]
    start: int
    end: int
    text: str
    fuzzy: bool = False
    score: float = 100.0
    senses: tuple[Sense, ...] = ()
    year: YearSpan | None = None
    number: int | None = None
    possessive: bool = False
    corrected: str | None = None  # the known word a typo was read as

    def has(self, sense_type: str, value: str | None = None) -> bool:
        return any(s.type == sense_type and (value is None or s.value == value) for s in self.senses)

    def values(self, sense_type: str) -> list[str]:
        return [s.value for s in self.senses if s.type == sense_type]


@dataclass(frozen=True)
class Ambiguity:
    text: str
    kind: str
    candidates: tuple[URIRef, ...]


@dataclass
class LinkedQuestion:
    question: NormalizedQuestion
    mentions: list[Mention] = field(default_factory=list)
    ambiguities: list[Ambiguity] = field(default_factory=list)

    def of_kind(self, *kinds: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind in kinds]

    @property
    def unknown(self) -> list[Mention]:
        return self.of_kind("unknown")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    uris: frozenset[URIRef]
    kind: str
    fuzzy: bool
    distance: int = 0
    senses: tuple[Sense, ...] = ()
    possessive: bool = False


class Linker:
    def __init__(self, index: EntityIndex, vocabulary: Vocabulary, names: NameTypos | None = None) -> None:
        """`names`: the name-typo buckets of another linker on the same aliases (the languages share one)."""
        self.index = index
        self.vocabulary = vocabulary
        alias_words = frozenset(w for alias in index.aliases for w in alias.split())
        self.known = vocabulary.words | index.vocabulary | vocabulary.stopwords | alias_words
        self.describable = vocabulary.words | index.vocabulary | vocabulary.stopwords
        self.names = names or NameTypos(index)
        self.words = WordTypos(vocabulary.words | index.vocabulary)
        self.max_window = max(index.max_alias_tokens, vocabulary.max_phrase_words)

    def link(self, nq: NormalizedQuestion) -> LinkedQuestion:
        linked = LinkedQuestion(nq)
        consumed: set[int] = set()
        self._source_ids(nq, consumed, linked)
        self._years(nq, consumed, linked)
        norms, corrected = self._corrections(nq, consumed)
        candidates = self._exact(nq, norms, consumed)
        candidates += self._fuzzy(nq, consumed, candidates)
        self._select(nq, candidates, consumed, corrected, linked)
        self._designations(nq, consumed, linked)
        self._description(nq, linked)
        self._rest(nq, consumed, linked)
        linked.mentions.sort(key=lambda m: m.start)
        return linked

    # -- ids, years, numbers --------------------------------------------------------------------
    def _source_ids(self, nq: NormalizedQuestion, consumed: set[int], linked: LinkedQuestion) -> None:
        text = nq.cleaned
        for m in [*_SOURCE_ID.finditer(text), *_DCAD_ID.finditer(text), *_ATOP_ID.finditer(text)]:
            uri = self._source_uri(m)
            idx = _tokens_in(nq, m.start(), m.end())
            if uri is not None and idx and not consumed & set(idx):
                linked.mentions.append(Mention("agreement", (uri,), idx[0], idx[-1] + 1, m.group(0)))
                consumed.update(idx)

    def _source_uri(self, m: re.Match[str]) -> URIRef | None:
        if m.re is _ATOP_ID:
            return self.index.source_ids.get(f"atop:{m.group(1)}")
        if m.re is _DCAD_ID:
            return self.index.source_ids.get(f"dcad:{m.group(0).lower()}")
        return self.index.source_ids.get(f"{m.group(1).lower()}:{m.group(2)}".lower())

    def _years(self, nq: NormalizedQuestion, consumed: set[int], linked: LinkedQuestion) -> None:
        for span in find_years(fold_letters(nq.cleaned), self.vocabulary):
            idx = _tokens_in(nq, span.start, span.end)
            if idx and not consumed & set(idx):
                text = nq.cleaned[span.start:span.end]
                linked.mentions.append(Mention("year", (), idx[0], idx[-1] + 1, text, year=span))
                consumed.update(idx)

    # -- words and names -----------------------------------------------------------------------
    def _corrections(self, nq: NormalizedQuestion, consumed: set[int]) -> tuple[list[str], dict[int, str]]:
        """Typos of vocabulary words, read as the word ("agrements" → "agreements") unless a name is
        at least as close (then the typo is a name's, found later)."""
        norms = [t.norm for t in nq.tokens]
        corrected: dict[int, str] = {}
        for i, token in enumerate(nq.tokens):
            if i in consumed or token.norm in self.known or self.index.aliases.get(token.norm):
                continue
            word = self.words.correct(token.norm)
            if word is None:
                continue
            limit = max_typo_distance(len(token.norm))
            name = self.names.closest(token.norm, limit) if limit else None
            if name is not None and name[0] <= 1:
                continue
            norms[i], corrected[i] = word, word
        return norms, corrected

    def _exact(self, nq: NormalizedQuestion, norms: list[str], consumed: set[int]) -> list[_Candidate]:
        found = []
        tokens = nq.tokens
        for i in range(len(tokens)):
            for n in range(1, min(self.max_window, len(tokens) - i) + 1):
                window = range(i, i + n)
                if consumed & set(window):
                    break
                key = " ".join(norms[j] for j in window)
                typed = nq.cleaned[tokens[i].start:tokens[i + n - 1].end]
                uris = self.index.lookup(key, typed)
                senses = self.vocabulary.senses(key)
                possessive = tokens[i + n - 1].possessive
                if not uris and not senses and key.endswith("s") and norms[i + n - 1] not in self.known:
                    # "pakistans allies": a possessive typed without its apostrophe
                    uris = {u for u in self.index.lookup(key[:-1], typed[:-1])
                            if self.index.entities[u].kind in ("nation", "organization")}
                    possessive = bool(uris)
                if not uris and not senses and n == 1:
                    uris = self._definite_concept(key)
                if uris or senses:
                    kind, chosen = self._by_priority(uris) if uris else ("word", set())
                    chosen |= self._concepts_of(senses)
                    if kind == "word" and chosen:
                        kind, chosen = self._by_priority(chosen)
                    found.append(_Candidate(i, i + n, frozenset(chosen), kind, False, 0, senses, possessive))
        return found

    def _definite_concept(self, word: str) -> set[URIRef]:
        """A weapon or kind named with the article ("بالغواصات" → ب + الغواصات) where the graph's label has
        none ("غواصات"): the word stays whole when it is a word of some longer name, so the split never
        reached the bare label."""
        article = "ال"
        if article not in self.vocabulary.prefixes or not word.startswith(article) or len(word) < 5:
            return set()
        return {u for u in self.index.lookup(word[len(article):], word[len(article):])
                if self.index.entities[u].kind in CONCEPT_KINDS}

    def _concepts_of(self, senses: tuple[Sense, ...]) -> set[URIRef]:
        """Kinds and sectors named by the vocabulary (informal words), when the graph has them."""
        uris = {self.index.concept(s.value, "sector" if s.type == "sector" else None)
                for s in senses if s.type in ("kind", "sector")}
        return {u for u in uris if u is not None}

    def _by_priority(self, uris: set[URIRef]) -> tuple[str, set[URIRef]]:
        kinds = {u: self.index.entities[u].kind for u in uris if u in self.index.entities}
        for kind in KIND_PRIORITY:
            chosen = {u for u, k in kinds.items() if k == kind}
            if chosen:
                return kind, chosen
        return "generic", set(uris)

    def _fuzzy(self, nq: NormalizedQuestion, consumed: set[int], exact: list[_Candidate]) -> list[_Candidate]:
        """Names with typos, over one to three words. A window may include a word that is an exact
        name by itself ("Saudi Arbia"), as long as it also has a word that is no known word."""
        entity_exact = [c for c in exact if c.kind in ENTITY_KINDS]
        found = []
        tokens = nq.tokens
        for i in range(len(tokens)):
            for n in (1, 2, 3):
                window = list(range(i, i + n))
                if window[-1] >= len(tokens) or consumed & set(window):
                    continue
                words = [tokens[j].norm for j in window]
                if any(c.start <= i and window[-1] < c.end for c in entity_exact):
                    continue  # already an exact name
                if not any(w not in self.known and not w.isdigit() for w in words):
                    continue
                if words[0] in self.vocabulary.stopwords or words[-1] in self.vocabulary.stopwords:
                    continue
                query = " ".join(words)
                limit = max_typo_distance(len(query))
                if limit == 0 and n == 1 and len(query) == 4 and tokens[i].text[:1].isupper():
                    limit = 1  # a capitalized four-letter word one letter from a name: Irat (Iran? Iraq?)
                best = self.names.closest(query, limit) if limit else None
                if best:
                    distance, entities = best
                    kind, chosen = self._by_priority(entities)
                    found.append(_Candidate(i, i + n, frozenset(chosen), kind, True, distance,
                                            possessive=tokens[window[-1]].possessive))
        return found

    def _select(self, nq: NormalizedQuestion, candidates: list[_Candidate], consumed: set[int],
                corrected: dict[int, str], linked: LinkedQuestion) -> None:
        """Non-overlapping; longer before shorter (a typo'd long name beats an exact short one inside
        it), exact before fuzzy, left before right."""
        for c in sorted(candidates, key=lambda c: (-(c.end - c.start), c.fuzzy, c.distance, c.start)):
            window = set(range(c.start, c.end))
            if consumed & window:
                continue
            consumed.update(window)
            text = nq.cleaned[nq.tokens[c.start].start:nq.tokens[c.end - 1].end]
            nations = [u for u in c.uris if self.index.entities[u].kind in ("nation", "organization")]
            if len(nations) > 1:
                linked.ambiguities.append(Ambiguity(text, c.kind, tuple(sorted(nations))))
                linked.mentions.append(Mention("ambiguous", tuple(sorted(nations)), c.start, c.end, text))
                continue
            score = 100.0 if not c.fuzzy else round(100.0 * (1 - c.distance / max(len(text), 1)), 1)
            fixed = " ".join(corrected[j] for j in sorted(window) if j in corrected) or None
            linked.mentions.append(Mention(c.kind, tuple(sorted(c.uris)), c.start, c.end, text, c.fuzzy, score,
                                           c.senses, possessive=c.possessive, corrected=fixed))

    def _designations(self, nq: NormalizedQuestion, consumed: set[int], linked: LinkedQuestion) -> None:
        """Weapons by their designations ("Bayraktar TB2", "F-16"): the deals of that weapon."""
        if not self.index.designations.words:
            return
        free = {p for p, t in enumerate(nq.tokens) if p not in consumed and t.norm not in self.vocabulary.stopwords
                and t.norm not in self.vocabulary.words}
        anchored = {p for m in linked.mentions if m.kind in ("weapon", "category") for p in (m.start - 1, m.end)}
        entities = self.index.entities
        arms = any(m.kind == "weapon" or set(m.values("verb")) & {"supply", "receive", "license", "delivered"}
                   or any(entities[u].local_name == "ArmsTransfer" for u in m.uris if u in entities)
                   for m in linked.mentions)
        tokens = [(t.text, t.norm, t.start, t.end) for t in nq.tokens]
        for span in find_designations(tokens, nq.cleaned, free, self.index.designations, anchored, arms):
            text = nq.cleaned[nq.tokens[span.start].start:nq.tokens[span.end - 1].end]
            linked.mentions.append(Mention("designation", tuple(sorted(span.deals)), span.start, span.end, text))
            consumed.update(range(span.start, span.end))

    def _description(self, nq: NormalizedQuestion, linked: LinkedQuestion) -> None:
        """An agreement described by words of its name: its words, and the nations and years beside
        them that belong to it, become one agreement mention."""
        stems: dict[int, str] = {}
        telling: set[int] = set()
        concepts: set[int] = set()  # a kind, sector or answer noun: "Iraq intelligence sharing deals" is the kind
        nations: dict[int, URIRef] = {}
        years: dict[int, int] = {}
        for m in linked.mentions:
            if m.kind == "nation" and len(m.uris) == 1:
                nations.update({p: m.uris[0] for p in range(m.start, m.end)})
            elif m.kind == "year" and m.year is not None and m.year.point is not None:
                years.update({p: m.year.point for p in range(m.start, m.end)})
            elif m.kind in ("word", "agreement", *CONCEPT_KINDS):  # a name's words may begin a longer one
                for p in range(m.start, m.end):
                    stems[p] = self.vocabulary.stem(nq.tokens[p].norm)
                    if len(nq.tokens[p].text) >= 3 and nq.tokens[p].text.isupper():
                        telling.add(p)  # an acronym ("CEPA") may name a record as well as a kind
                if m.kind in ("category", "generic"):
                    telling.update({m.start - 1, m.end})
                if m.kind in ("category", "sector", "obligation", "weapon") or m.has("noun"):
                    concepts.update(p for p in range(m.start, m.end) if not nq.tokens[p].text.isupper())
        free: set[int] = set()
        for p, token in enumerate(nq.tokens):
            if token.norm in self.vocabulary.name_words - self.vocabulary.stopwords:
                telling.update({p - 1, p + 1})  # next to "declaration", "treaty", "exercise": a name's word
            if not any(m.start <= p < m.end for m in linked.mentions) and token.norm not in self.vocabulary.stopwords:
                stems[p] = self.vocabulary.stem(token.norm)
                free.add(p)
                if (p > 0 and token.text[:1].isupper()) or (len(token.text) >= 3 and token.text.isupper()):
                    telling.add(p)
        found = match_description(self.index.names, DescriptionWords(stems, frozenset(telling), nations, years,
                                                                     frozenset(free), frozenset(concepts)),
                                  self.describable)
        if found is None:
            return
        taken = set(found.positions)
        name_words = {w for u in found.uris for w in fold(self.index.entities[u].label).split()}
        grown = True
        while grown:  # the name's own words next to the description ("Shusha Declaration")
            grown = False
            for p in (min(taken) - 1, max(taken) + 1):
                if 0 <= p < len(nq.tokens) and nq.tokens[p].norm in name_words - self.vocabulary.stopwords:
                    taken.add(p)
                    grown = True
        covered = [m for m in linked.mentions if taken & set(range(m.start, m.end))]
        named = taken - set(nations) - set(years)
        # A real name wins over a description, unless the description says more of a name ("the peninsula
        # shield deployment to bahrain" is the deployment, not the exercise series Peninsula Shield).
        if any(m.kind in ("organization", "ambiguous")
               or (m.kind == "agreement" and not set(range(m.start, m.end)) < named) for m in covered):
            return
        taken |= {p for m in covered for p in range(m.start, m.end)}
        linked.mentions[:] = [m for m in linked.mentions if m not in covered]
        first, last = min(taken), max(taken)
        text = " ".join(nq.tokens[p].text for p in sorted(taken))
        linked.mentions.append(Mention("agreement", found.uris, first, last + 1, text, True,
                                       round(90.0 * found.coverage, 1)))
        for p in range(first, last + 1):  # words between the described ones ("the", "after") are part of it
            if p not in taken and not any(m.start <= p < m.end for m in linked.mentions):
                linked.mentions.append(Mention("function", (), p, p + 1, nq.tokens[p].text))

    def _rest(self, nq: NormalizedQuestion, consumed: set[int], linked: LinkedQuestion) -> None:
        covered = {p for m in linked.mentions for p in range(m.start, m.end)}
        numbers = {(_tokens_in(nq, n.start, n.end) or [-1])[0]: n.value
                   for n in find_numbers(nq.cleaned, self.vocabulary)}
        for p, token in enumerate(nq.tokens):
            if p in covered:
                continue
            if p in numbers:
                linked.mentions.append(Mention("number", (), p, p + 1, token.text, number=numbers[p]))
            elif token.norm in self.vocabulary.stopwords:
                linked.mentions.append(Mention("function", (), p, p + 1, token.text))
            else:
                linked.mentions.append(Mention("unknown", (), p, p + 1, token.text, possessive=token.possessive))


def _tokens_in(nq: NormalizedQuestion, start: int, end: int) -> list[int]:
    return [i for i, t in enumerate(nq.tokens) if t.start < end and start < t.end]
