"""Agreements by the words people use for them: their names and parts of names as aliases, and their
distinctive words, so that "the Shusha declaration", "the Aman naval exercise" or "the rescue after the
2023 Turkey earthquake" find the record. A description is checked against what the graph knows of the
record (its year, its parties) when the question names them."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib import URIRef

from sharaka.qa.normalize import fold
from sharaka.qa.vocabulary import Vocabulary
from sharaka.store import Row, integer, iri

_PARENTHESIS = re.compile(r"\(([^()]*)\)")
MIN_KEY_LETTERS = 4


@dataclass
class AgreementNames:
    """Distinctive (stemmed) words of agreement names, with the year and parties of each record."""

    keys: list[tuple[frozenset[str], URIRef]] = field(default_factory=list)
    by_word: dict[str, list[int]] = field(default_factory=dict)  # stem → positions in keys
    frequency: dict[str, int] = field(default_factory=dict)  # stem → number of records whose name has it
    years: dict[URIRef, int] = field(default_factory=dict)
    parties: dict[URIRef, frozenset[URIRef]] = field(default_factory=dict)


AliasAdder = Callable[..., None]


def index_agreement_names(named: list[tuple[URIRef, str, str]], facts: list[Row], nation_aliases: set[str],
                          vocabulary: Vocabulary, add_alias: AliasAdder,
                          label_of: Callable[[URIRef], str]) -> AgreementNames:
    """Aliases for names and their variants (through `add_alias`), and the distinctive words of each name."""
    stop = vocabulary.stopwords
    generic = vocabulary.name_words | stop
    nation_words = {a for a in nation_aliases if " " not in a}
    nation_tokens = {w for a in nation_aliases for w in a.split()}
    automatic: dict[str, set[URIRef]] = defaultdict(set)
    keys: list[tuple[frozenset[str], URIRef]] = []
    for uri, name, dataset in named:
        for number, variant in enumerate(name_variants(name, generic)):
            tokens = fold(variant).split()
            only_nations = covered(tokens, nation_aliases, stop)
            # A name, or a part of one, that is only nation names ("Afghanistan India", the
            # "(Pakistan–China)" of a curated name) would swallow questions about those nations.
            if not tokens or (only_nations and (dataset == "desta" or number > 0)):
                continue
            automatic[fold(variant)].add(uri)
            informative = {vocabulary.stem(t) for t in tokens if t not in nation_words and t not in generic
                           and t not in nation_tokens and len(t) >= 3 and not t.isdigit()}
            if informative and sum(map(len, informative)) >= MIN_KEY_LETTERS:
                keys.append((frozenset(informative), uri))
    for alias, uris in automatic.items():
        owner = _owner(uris, label_of)
        if owner is not None:
            add_alias(owner, alias, "agreement", fuzzy=len(alias.split()) >= 2)
    # A key several records share ("CEPA") stays: the nations and years of the question may tell them apart.
    keys = sorted(set(keys), key=lambda ku: (sorted(ku[0]), str(ku[1])))
    by_word: dict[str, list[int]] = defaultdict(list)
    for position, (key, _) in enumerate(keys):
        for word in key:
            by_word[word].append(position)
    frequency = Counter(w for w, _ in {(w, uri) for key, uri in keys for w in key})
    years: dict[URIRef, int] = {}
    parties: dict[URIRef, set[URIRef]] = defaultdict(set)
    for row in facts:
        agreement, year = iri(row, "entity"), integer(row, "year")
        if year is not None:
            years[agreement] = year
        parties[agreement].add(iri(row, "party"))
    return AgreementNames(keys, dict(by_word), dict(frequency), years,
                          {u: frozenset(p) for u, p in parties.items()})


def _owner(uris: set[URIRef], label_of: Callable[[URIRef], str]) -> URIRef | None:
    """The record a name belongs to. When several share it ("COMESA" is in the name of the COMESA
    treaty and of the tripartite COMESA-EAC-SADC treaty), the one with the strictly shortest full
    name is the one the name stands for; otherwise the name is left unlinked."""
    if len(uris) == 1:
        return next(iter(uris))
    by_length = sorted(uris, key=lambda u: (len(label_of(u)), str(u)))
    first, second = by_length[0], by_length[1]
    return first if len(label_of(first)) < len(label_of(second)) else None


def covered(tokens: list[str], names: set[str], stopwords: frozenset[str]) -> bool:
    """Whether the words are nothing but nation names (of one or more words) and stopwords."""
    reachable = [True] + [False] * len(tokens)
    for i in range(len(tokens)):
        if not reachable[i]:
            continue
        if tokens[i] in stopwords:
            reachable[i + 1] = True
        for j in range(i + 1, min(len(tokens), i + 6) + 1):
            if " ".join(tokens[i:j]) in names:
                reachable[j] = True
    return reachable[-1]


def name_variants(name: str, generic: frozenset[str]) -> list[str]:
    """A name, the name without its parentheses, what the parentheses hold (CPEC, Abraham Accords),
    and the name without leading or trailing generic words ("Exercise Anatolian Eagle" → "Anatolian
    Eagle", "China–Pakistan Economic Corridor (CPEC) agreements" → "China–Pakistan Economic Corridor")."""
    variants = [name]
    inner = _PARENTHESIS.findall(name)
    outer = " ".join(_PARENTHESIS.sub(" ", name).split())
    if inner:
        variants.append(outer)
        for part in inner:
            variants.extend(p.strip() for p in part.split("/") if p.strip())
    words = outer.split()
    while len(words) > 2 and fold(words[-1]) in generic:
        words.pop()
    while len(words) > 2 and fold(words[0]) in generic:
        words.pop(0)
    trimmed = " ".join(words)
    if trimmed != outer:
        variants.append(trimmed)
    return variants


@dataclass(frozen=True)
class Described:
    """An agreement found by words of its name: the record, the token positions that name it (the
    name's words and the nations and years that picked it out), and how much of the name was given."""

    uris: tuple[URIRef, ...]
    positions: tuple[int, ...]
    coverage: float


@dataclass(frozen=True)
class DescriptionWords:
    """The words of a question that may describe an agreement, by position."""

    stems: dict[int, str]  # position → stem of a word that is no name, year or function word
    telling: frozenset[int]  # positions typed as a proper name or acronym, or next to a kind word
    nations: dict[int, URIRef]  # position → nation named there
    years: dict[int, int]  # position → year named there ("2023")
    free: frozenset[int] = frozenset()  # positions of words that are no word of the vocabulary
    concepts: frozenset[int] = frozenset()  # positions inside a kind, sector or answer noun ("normalization deals")


def match_description(names: AgreementNames, words: DescriptionWords, known: frozenset[str]) -> Described | None:
    """The one agreement whose distinctive words the question uses, or None when none or several fit."""
    by_stem: dict[str, list[int]] = defaultdict(list)
    for position, stem in words.stems.items():
        by_stem[stem].append(position)
    entries = sorted({e for stem in by_stem for e in names.by_word.get(stem, ())})
    scored: list[tuple[float, int, frozenset[str], URIRef, tuple[int, ...]]] = []
    for key, uri in (names.keys[e] for e in entries):
        matched = key & by_stem.keys()
        said = _cluster(matched, by_stem, names)
        coverage = sum(map(len, matched)) / sum(map(len, key))
        rare = [w for w in matched if names.frequency.get(w, 0) <= 3]
        unique = [w for w in matched if names.frequency.get(w, 0) == 1 and w not in known]
        telling = any(p in words.telling for w in unique for p in by_stem[w])
        support, other_nation = _support(names, uri, set(said), words)
        if support < 0:
            continue  # a year next to the words says it is another record
        if said and said <= words.concepts:
            continue  # a kind beside its nations ("the uae sign normalization deals") is the kind, not a record
        if not said & words.free and not (said & words.telling and support > 0 and not other_nation):
            continue  # words of the vocabulary alone ("intelligence sharing") name a kind, not a record
        if not ((coverage == 1.0 and len(key) >= 2) or (coverage >= 0.5 and len(matched) >= 2 and rare)
                or (telling and len(unique[0]) >= 4) or (coverage == 1.0 and support > 0 and not other_nation)
                or (support > 0 and rare and (len(matched) >= 2 or coverage >= 0.3))):
            continue
        # A nation next to the words that is no party makes another record likelier, not this one impossible
        # ("did Iran join the Saudi-led coalition?" is still about the coalition).
        score = coverage + 0.1 * support - (0.5 if other_nation else 0.0)
        scored.append((score, -min(names.frequency.get(w, 99) for w in matched), key, uri, tuple(sorted(said))))
    if not scored:
        return None
    best = max((c, f) for c, f, _, _, _ in scored)
    top = [(k, u, p) for c, f, k, u, p in scored if (c, f) == best]
    if len({u for _, u, _ in top}) != 1:
        return None  # two records fit equally well: not a reliable mention
    uris = tuple(sorted({u for _, u, _ in top}))
    positions = set(top[0][2])
    positions |= _absorbed(names, uris, positions, words)
    return Described(uris, tuple(sorted(positions)), round(min(best[0], 1.0), 3))


def _cluster(matched: frozenset[str], by_stem: dict[str, list[int]], names: AgreementNames) -> set[int]:
    """One position per matched word, the nearest to the rarest one ("who led the Saudi-led coalition":
    the "led" of the name, not the verb)."""
    if not matched:
        return set()
    anchor_word = min(matched, key=lambda w: (names.frequency.get(w, 99), w))
    anchor = by_stem[anchor_word][0]
    return {min(by_stem[w], key=lambda p: abs(p - anchor)) for w in matched}


def _near(position: int, span: set[int]) -> bool:
    return min(span) - 2 <= position <= max(span) + 2


def _support(names: AgreementNames, uri: URIRef, span: set[int], words: DescriptionWords) -> tuple[int, bool]:
    """(+1 for a year and +1 for a nation next to the words that agree with the record, -1 when the year
    contradicts it; whether a nation next to them is no party) — "the 2023 Turkey earthquake" is not the
    2023 Morocco one."""
    years = {y for p, y in words.years.items() if _near(p, span)}
    nations = {n for p, n in words.nations.items() if _near(p, span)}
    if years and names.years.get(uri) not in years:
        return -1, False
    parties = names.parties.get(uri, frozenset())
    return int(bool(years)) + int(bool(nations & parties)), bool(nations - parties)


def _absorbed(names: AgreementNames, uris: tuple[URIRef, ...], span: set[int], words: DescriptionWords) -> set[int]:
    """Nations and years next to the name that belong to the record are part of its description."""
    parties = frozenset().union(*(names.parties.get(u, frozenset()) for u in uris))
    years = {names.years.get(u) for u in uris}
    taken = {p for p, n in words.nations.items() if _near(p, span) and n in parties}
    taken |= {p for p, y in words.years.items() if _near(p, span) and y in years}
    return taken
