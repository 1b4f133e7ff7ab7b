"""Stage 2, link: find the nations, organizations, agreements, kinds, sectors, obligations, years and
counts a question mentions. Exact names first, longest first; then typos, by edit distance with
guards; a near-miss between two entities is never guessed: it becomes an ambiguity to ask about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA
from rdflib import URIRef

from sharaka.qa.lexicon import STOPWORDS, EntityIndex
from sharaka.qa.normalize import NormalizedQuestion, Token, normalize
from sharaka.qa.years import NumberSpan, YearSpan, find_number, find_years

# When one alias names entities of several kinds, the first kind in this list wins
# ("defence" is both a sector and an ATOP obligation: as a plain word it is the sector).
KIND_PRIORITY = ("nation", "organization", "agreement", "category", "sector", "obligation", "generic")
ENTITY_KINDS = ("nation", "organization", "agreement")
# Kinds, sectors and the plain word "agreements" share one placeholder: "defence pacts", "defence
# agreements" and "agreements" sit in the same place of a question.
PLACEHOLDER = {"nation": "NATION", "organization": "ORG", "agreement": "AGREEMENT", "category": "KIND",
               "sector": "KIND", "obligation": "OBLIGATION", "generic": "KIND"}

# Words that name a kind and, at once, the partners in it ("allies", "defence partners").
RELATION_NOUNS = frozenset({"allies", "ally", "partners", "partner"})

_SOURCE_ID = re.compile(r"\b(atop|dcad|desta|nca|curated)\s*:\s*([A-Za-z0-9._+-]+)", re.I)
_DCAD_ID = re.compile(r"\bDCADv1\.0-\d{4}\b", re.I)
_ATOP_ID = re.compile(r"\b(?:atop(?:\s+alliance)?|alliance)\s*(?:no\.?|number|#|id)?\s*(\d{4})\b", re.I)
_SINGULAR_SUPERLATIVE = re.compile(r"\b(?:which|what)\s+(?:single\s+)?(?:country|nation|state|partner|ally)\b(?!s)"
                                   r".*\bmost\b", re.I)


@dataclass(frozen=True)
class Mention:
    kind: str
    uris: tuple[URIRef, ...]
    start: int  # token index
    end: int    # token index, exclusive
    text: str
    fuzzy: bool = False
    score: float = 100.0


@dataclass(frozen=True)
class Ambiguity:
    text: str
    kind: str
    candidates: tuple[URIRef, ...]


@dataclass
class LinkedQuestion:
    question: NormalizedQuestion
    mentions: list[Mention] = field(default_factory=list)
    years: list[YearSpan] = field(default_factory=list)
    number: NumberSpan | None = None
    ambiguities: list[Ambiguity] = field(default_factory=list)
    unknown: list[Token] = field(default_factory=list)
    foreign: list[Token] = field(default_factory=list)  # lowercase words we do not know (average, violated)
    skeleton: str = ""
    domain_words: int = 0

    def of_kind(self, kind: str) -> list[Mention]:
        return [m for m in self.mentions if m.kind == kind]


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    uris: frozenset[URIRef]
    kind: str
    fuzzy: bool
    distance: int = 0


def max_typo_distance(length: int) -> int:
    """Edits tolerated in a name of this many characters: none below 5, one up to 8 (Pakistn,
    Indonesai), two up to 12 (Azerbaijian), three beyond. "Latveria" (8) is not Latvia."""
    if length < 5:
        return 0
    if length <= 8:
        return 1
    return 2 if length <= 12 else 3


class Linker:
    def __init__(self, index: EntityIndex, known_words: frozenset[str]) -> None:
        self.index = index
        self.known_words = known_words | index.vocabulary | STOPWORDS
        self._known_by_letter: dict[str, list[str]] = {}
        for word in self.known_words:
            if len(word) >= 4:
                self._known_by_letter.setdefault(word[0], []).append(word)
        # Fuzzy choices by (first letter, length) and by length: a typo is compared only with
        # names of about its length, so a nation lookup does not scan every agreement name.
        self._fuzzy_by_letter: dict[tuple[str, int], list[str]] = {}
        self._fuzzy_by_length: dict[int, list[str]] = {}
        for kind in ENTITY_KINDS:
            for alias in index.fuzzy_choices.get(kind, ()):
                self._fuzzy_by_letter.setdefault((alias[0], len(alias)), []).append(alias)
                self._fuzzy_by_length.setdefault(len(alias), []).append(alias)
        # Distinctive agreement words → the names that have them: a question looks only at the
        # names sharing one of its words, not at all of them.
        self._distinctive_by_word: dict[str, list[int]] = {}
        for position, (key, _) in enumerate(index.distinctive):
            for word in key:
                self._distinctive_by_word.setdefault(word, []).append(position)

    def link(self, question: str) -> LinkedQuestion:
        nq = normalize(question)
        text = nq.cleaned
        linked = LinkedQuestion(nq)
        consumed: set[int] = set()

        def tokens_in(start: int, end: int) -> list[int]:
            return [i for i, t in enumerate(nq.tokens) if t.start < end and start < t.end]

        candidates: list[_Candidate] = []
        for m in list(_SOURCE_ID.finditer(text)) + list(_DCAD_ID.finditer(text)) + list(_ATOP_ID.finditer(text)):
            uri = self._source_uri(m)
            idx = tokens_in(m.start(), m.end())
            if uri is not None and idx and not consumed & set(idx):
                linked.mentions.append(Mention("agreement", (uri,), idx[0], idx[-1] + 1, m.group(0)))
                consumed.update(idx)
        for span in find_years(text):
            idx = tokens_in(span.start, span.end)
            if idx and not consumed & set(idx):
                linked.years.append(span)
                consumed.update(idx)
        number = find_number(text)
        if number is not None and not consumed & set(tokens_in(number.start, number.end)):
            linked.number = number
            consumed.update(tokens_in(number.start, number.end))
        elif _SINGULAR_SUPERLATIVE.search(text):
            linked.number = NumberSpan(1, 0, 0)

        candidates += self._exact_candidates(nq, consumed)
        candidates += self._fuzzy_candidates(nq, consumed, candidates)
        self._select(nq, candidates, consumed, linked)
        self._distinctive_agreements(nq, consumed, linked)
        linked.mentions.sort(key=lambda m: m.start)
        linked.unknown = [t for i, t in enumerate(nq.tokens) if i not in consumed and self._looks_like_name(t, i)]
        linked.foreign = [t for i, t in enumerate(nq.tokens) if i not in consumed and t not in linked.unknown
                          and t.norm not in self.known_words and len(t.norm) >= 3 and not t.norm.isdigit()
                          and not self._misspelt_known_word(t.norm)]
        linked.skeleton = self._skeleton(nq, linked)
        linked.domain_words = sum(1 for m in linked.mentions if m.kind not in ENTITY_KINDS)
        return linked

    # -- candidates ---------------------------------------------------------------------------
    def _source_uri(self, m: re.Match[str]) -> URIRef | None:
        whole = m.group(0)
        if m.re is _ATOP_ID:
            return self.index.source_ids.get(f"atop:{m.group(1)}")
        if m.re is _DCAD_ID:
            return self.index.source_ids.get(f"dcad:{whole.lower()}")
        return self.index.source_ids.get(f"{m.group(1).lower()}:{m.group(2)}".lower())

    def _exact_candidates(self, nq: NormalizedQuestion, consumed: set[int]) -> list[_Candidate]:
        found = []
        tokens = nq.tokens
        for i in range(len(tokens)):
            for n in range(1, min(self.index.max_alias_tokens, len(tokens) - i) + 1):
                window = range(i, i + n)
                if consumed & set(window):
                    break
                key = " ".join(tokens[j].norm for j in window)
                typed = nq.cleaned[tokens[i].start:tokens[i + n - 1].end]
                uris = self.index.lookup(key, typed)
                if uris:
                    kind, chosen = self._by_priority(uris)
                    found.append(_Candidate(i, i + n, frozenset(chosen), kind, False))
        return found

    def _by_priority(self, uris: set[URIRef]) -> tuple[str, set[URIRef]]:
        kinds = {u: self.index.entities[u].kind for u in uris if u in self.index.entities}
        for kind in KIND_PRIORITY:
            chosen = {u for u, k in kinds.items() if k == kind}
            if chosen:
                return kind, chosen
        return "generic", set(uris)

    def _fuzzy_candidates(self, nq: NormalizedQuestion, consumed: set[int],
                          exact: list[_Candidate]) -> list[_Candidate]:
        covered = {j for c in exact if c.kind in ENTITY_KINDS for j in range(c.start, c.end)}
        found = []
        tokens = nq.tokens
        for i in range(len(tokens)):
            for n in (1, 2, 3):
                window = list(range(i, i + n))
                if window[-1] >= len(tokens) or consumed & set(window) or covered & set(window):
                    continue
                words = [tokens[j].norm for j in window]
                if words[0] in self.known_words or words[-1] in self.known_words:
                    continue
                if n == 1 and (words[0] in self.known_words or words[0].isdigit()):
                    continue
                query = " ".join(words)
                limit = max_typo_distance(len(query))
                if limit == 0 and n == 1 and len(query) == 4 and tokens[i].text[:1].isupper():
                    limit = 1  # a capitalized four-letter word one letter from a name: Irat (Iran? Iraq?)
                if limit == 0:
                    continue
                best = self._closest(query, limit)
                if best:
                    distance, entities = best
                    kind, chosen = self._by_priority(entities)
                    found.append(_Candidate(i, i + n, frozenset(chosen), kind, True, distance))
        return found

    def _closest(self, query: str, limit: int) -> tuple[int, set[URIRef]] | None:
        """Entities whose alias is within `limit` edits of `query`. Short words must also start
        with the same letter ("while" is not Chile). Near-twins are kept together: a name one edit
        from two nations (Nigeri, Jambia) is ambiguous, never a guess."""
        lengths = range(len(query) - limit - 1, len(query) + limit + 2)
        if len(query) < 6:
            choices = [a for n in lengths for a in self._fuzzy_by_letter.get((query[0], n), ())]
        else:
            choices = [a for n in lengths for a in self._fuzzy_by_length.get(n, ())]
        scored: list[tuple[int, URIRef]] = []
        for alias in choices:
            d = OSA.distance(query, alias, score_cutoff=limit + 1)
            if alias[0] != query[0] and d > 1:
                continue  # a wrong first letter is one typo at most (Jambia), not Ruritania → Mauritania
            if d <= limit + 1:
                scored.extend((d, uri) for uri in self.index.aliases[alias].entities)
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

    def _select(self, nq: NormalizedQuestion, candidates: list[_Candidate], consumed: set[int],
                linked: LinkedQuestion) -> None:
        """Non-overlapping, exact before fuzzy, longer before shorter, left before right."""
        for c in sorted(candidates, key=lambda c: (c.fuzzy, -(c.end - c.start), c.distance, c.start)):
            window = set(range(c.start, c.end))
            if consumed & window:
                continue
            consumed.update(window)
            text = nq.cleaned[nq.tokens[c.start].start:nq.tokens[c.end - 1].end]
            nations = [u for u in c.uris if self.index.entities[u].kind in ("nation", "organization")]
            if len(nations) > 1:
                linked.ambiguities.append(Ambiguity(text, c.kind, tuple(sorted(nations))))
                continue
            uris = tuple(sorted(c.uris))
            score = 100.0 if not c.fuzzy else round(100.0 * (1 - c.distance / max(len(text), 1)), 1)
            linked.mentions.append(Mention(c.kind, uris, c.start, c.end, text, c.fuzzy, score))

    def _distinctive_agreements(self, nq: NormalizedQuestion, consumed: set[int], linked: LinkedQuestion) -> None:
        """Agreements named by their distinctive words, in any order and not all of them ("the Shusha
        declaration"): at least half of the name's distinctive letters, including a word no other
        agreement name has, or all of them."""
        free = {t.norm: i for i, t in enumerate(nq.tokens) if i not in consumed}
        capitalized = {t.norm: t.text[:1].isupper() for i, t in enumerate(nq.tokens) if i not in consumed and i > 0}
        acronym = {t.norm: len(t.text) >= 3 and t.text.isupper() for i, t in enumerate(nq.tokens) if i not in consumed}
        scored: list[tuple[float, frozenset[str], URIRef]] = []
        entries = sorted({e for word in free for e in self._distinctive_by_word.get(word, ())})
        for key, uri in (self.index.distinctive[e] for e in entries):
            matched = key & free.keys()
            coverage = sum(map(len, matched)) / sum(map(len, key))
            unique = [w for w in matched if self.index.token_df.get(w, 0) == 1]
            # A word found in one agreement name only, and in no question of ours, names it
            # by itself (Akkuyu, AlUla, Shusha).
            unusual = [w for w in unique if w not in self.known_words]
            # Typed as a proper name: "Akkuyu" names the plant deal, "river" names nothing.
            telling = any((len(w) >= 5 and capitalized.get(w, False)) or (len(w) >= 3 and acronym.get(w, False))
                          for w in unusual)
            named = len(matched) >= 2 or any(capitalized.get(w, False) for w in matched)
            if telling or (coverage >= 0.5 and unusual and named) or (coverage == 1.0 and len(key) >= 2):
                scored.append((coverage, key, uri))
        if not scored:
            return
        best = max(s for s, _, _ in scored)
        keys = {k for s, k, _ in scored if s == best}
        if len(keys) != 1:
            return  # two names fit equally well: not a reliable mention
        key = next(iter(keys))
        uris = tuple(sorted({u for s, k, u in scored if k == key}))
        positions = sorted(free[w] for w in key & free.keys())
        consumed.update(positions)
        text = " ".join(nq.tokens[p].text for p in positions)
        linked.mentions.append(Mention("agreement", uris, positions[0], positions[-1] + 1, text, True,
                                       round(90.0 * best, 1)))

    # -- leftovers ----------------------------------------------------------------------------
    def _misspelt_known_word(self, word: str) -> bool:
        """"signd", "agrements": a typo of a word we know is not a word we do not know."""
        limit = 1 if len(word) <= 7 else 2
        return any(abs(len(known) - len(word)) <= limit and OSA.distance(word, known, score_cutoff=limit) <= limit
                   for known in self._known_by_letter.get(word[0], ()))

    def _looks_like_name(self, token: Token, position: int) -> bool:
        """An unlinked word that looks like a proper name: capitalized or unknown, not a common word."""
        if token.norm in self.known_words or token.norm.isdigit() or len(token.norm) < 3:
            return False
        return token.text[:1].isupper() and position > 0

    def _skeleton(self, nq: NormalizedQuestion, linked: LinkedQuestion) -> str:
        marks: dict[int, str] = {}
        spans: dict[int, int] = {}
        for m in linked.mentions:
            marks[m.start], spans[m.start] = PLACEHOLDER[m.kind], m.end
            last = nq.tokens[m.end - 1].norm
            if m.kind in ("category", "sector") and last in RELATION_NOUNS:
                marks[m.start] += f" {last}"  # "allies" is a kind and a cue for partner questions
        for y in linked.years:
            idx = [i for i, t in enumerate(nq.tokens) if t.start < y.end and y.start < t.end]
            if idx:
                marks[idx[0]], spans[idx[0]] = ("YEAR" if y.point is not None else "YEARS"), idx[-1] + 1
        words: list[str] = []
        i = 0
        while i < len(nq.tokens):
            if i in marks:
                words.append(marks[i])
                i = spans[i]
            else:
                words.append(nq.tokens[i].norm)
                i += 1
        return " ".join(words)
