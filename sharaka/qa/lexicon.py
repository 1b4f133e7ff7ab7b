"""The entity index: every name people may type for a nation, organization, agreement, kind, sector,
obligation or weapon category, read from the graph itself (so it works on the embedded and on a remote
store) through the named queries in queries/lexicon/."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from sharaka.kg.vocab import SK, dataset_uri
from sharaka.qa.bind import bind_query
from sharaka.qa.designations import Designations
from sharaka.qa.names import AgreementNames, index_agreement_names
from sharaka.qa.normalize import fold
from sharaka.qa.vocabulary import Vocabulary
from sharaka.queries import load_query
from sharaka.store import Row, Store, integer, iri

NAME_PROPERTIES = {
    "nation": (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SK.demonym, SK.iso3, SK.iso2,
               SK.cowAbbreviation),
    "organization": (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel, SK.acronym),
    "agreement": (RDFS.label, SKOS.hiddenLabel),
    "concept": (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel),
}
CODE_PROPERTIES = (str(SK.iso3), str(SK.iso2), str(SK.cowAbbreviation))
TRANSLATED = ("ar", "fr", "tr")  # languages whose labels answers may use (vocabulary/<lang>/)
CONCEPT_KINDS = ("category", "sector", "obligation", "weapon", "generic")
# When two datasets record an organization's members, the first of these is the one answers use (docs/semantics.md:
# the OIC's own list; COW IGO stays a second, cited record).
MEMBERSHIP_PRECEDENCE = ("oic", "cow_igo")
# Datasets whose agreement labels are real names (the others are made from codes: linked by id).
NAMED_DATASETS = ("curated", "desta")
# Datasets whose records have names too, but so many alike ("Bright Star 82", "Bright Star 83") that only the
# exact name finds one.
EXACT_NAME_DATASETS = ("mme",)


@dataclass(frozen=True)
class Entity:
    uri: URIRef
    kind: str  # nation, organization, agreement, category, sector, obligation, weapon, generic
    label: str
    iso3: str | None = None
    source_id: str | None = None
    extra: tuple[tuple[str, str], ...] = ()

    @property
    def local_name(self) -> str:
        return str(self.uri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass
class AliasEntry:
    entities: set[URIRef] = field(default_factory=set)
    case_sensitive: bool = True  # short codes: only when typed in capitals (until a plain name says otherwise)


@dataclass
class EntityIndex:
    entities: dict[URIRef, Entity]
    aliases: dict[str, AliasEntry]  # folded alias → entities
    fuzzy_choices: dict[str, list[str]]  # kind → folded aliases eligible for fuzzy matching
    names: AgreementNames  # agreements by their distinctive words (sharaka/qa/names.py)
    source_ids: dict[str, URIRef]
    vocabulary: frozenset[str]  # folded words of kinds, sectors, obligations, weapon categories
    narrower: dict[URIRef, frozenset[URIRef]] = field(default_factory=dict)  # concept → itself and narrower
    by_local_name: dict[str, URIRef] = field(default_factory=dict)  # "DefencePact", "defence" → concept
    by_kind_and_name: dict[tuple[str, str], URIRef] = field(default_factory=dict)  # ("sector", "defence") → …
    role_kinds: frozenset[URIRef] = frozenset()  # kinds whose parties are suppliers and recipients
    members: dict[URIRef, frozenset[URIRef]] = field(default_factory=dict)  # organization → current members
    dissolved: dict[URIRef, int] = field(default_factory=dict)  # organization → its last year, if it ended
    primary_dataset: dict[URIRef, URIRef] = field(default_factory=dict)  # organization → dataset its answers use
    # (organization, member) → the records of the other datasets: (dataset, join year, record id), cited beside
    second_records: dict[tuple[URIRef, URIRef], list[tuple[str, int | None, str]]] = field(default_factory=dict)
    iterations: dict[URIRef, frozenset[URIRef]] = field(default_factory=dict)  # exercise series → its iterations
    designations: Designations = field(default_factory=Designations)  # weapon designations → deals
    max_alias_tokens: int = 6
    translations: dict[str, dict[URIRef, str]] = field(default_factory=dict)  # lang → entity → its label there
    lang: str = "en"  # the language of the entities' labels (localized: sharaka/qa/languages.py)

    def lookup(self, folded: str, typed: str) -> set[URIRef]:
        entry = self.aliases.get(folded)
        if entry is None:
            return set()
        if entry.case_sensitive and not _typed_as_code(typed):
            return set()
        return entry.entities

    def concept(self, local_name: str, kind: str | None = None) -> URIRef | None:
        """A kind by its class name (ArmsTransfer) or a sector by its notation (defence), if the graph has it;
        `kind` chooses between a sector and an obligation of the same name (both "defence")."""
        if kind is not None:
            return self.by_kind_and_name.get((kind, local_name), self.by_local_name.get(local_name))
        return self.by_local_name.get(local_name)

    def with_narrower(self, uris: tuple[URIRef, ...] | list[URIRef]) -> list[URIRef]:
        """A filter on a concept matches its narrower ones too (alliance → defence pact …)."""
        out: list[URIRef] = []
        for uri in uris:
            out.extend(u for u in sorted(self.narrower.get(uri, frozenset({uri}))) if u not in out)
        return out


def _typed_as_code(typed: str) -> bool:
    letters = [c for c in typed if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _select(store: Store, name: str, **values: tuple[URIRef, ...]) -> list[Row]:
    return store.select(bind_query(load_query(name), {k: list(v) for k, v in values.items()})).rows


class _Builder:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.stopwords = vocabulary.stopwords
        self.entities: dict[URIRef, Entity] = {}
        self.aliases: dict[str, AliasEntry] = defaultdict(AliasEntry)
        self.fuzzy: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[URIRef, dict[str, str]] = defaultdict(dict)
        self.translations: dict[str, dict[URIRef, str]] = defaultdict(dict)
        self.preferred: set[tuple[URIRef, str]] = set()

    def alias(self, uri: URIRef, text: str, kind: str, *, fuzzy: bool = True, code: bool = False) -> None:
        folded = fold(text)
        if not folded:
            return
        entry = self.aliases[folded]
        entry.entities.add(uri)
        # Codes (PAK, TR, NEW …) count only when typed in capitals; so do short names that are
        # also common words (US, IN). Other short names (uae, usa, uk, d8: people type them in lower
        # case) match in any case — even when the same letters are also a code (USA is an ISO code and a name).
        if not (code or (len(folded) <= 3 and " " not in folded and folded in self.stopwords)):
            entry.case_sensitive = False
        if fuzzy and len(folded) >= 4 and not code:
            self.fuzzy[kind].add(folded)

    def label(self, uri: URIRef, value: Literal, prop: str) -> None:
        lang = value.language or ""
        if prop == str(RDFS.label) and lang in ("en", ""):
            self.labels[uri]["rdfs"] = str(value)
        elif prop == str(SKOS.prefLabel) and lang == "en":
            self.labels[uri].setdefault("pref", str(value))
        elif lang in TRANSLATED and prop in (str(RDFS.label), str(SKOS.prefLabel), str(SKOS.altLabel)):
            # the first preferred name in that language (CLDR's, via countrycode), else the first alternative
            found = self.translations[lang]
            if uri not in found or (prop != str(SKOS.altLabel) and (uri, lang) not in self.preferred):
                found[uri] = str(value)
                if prop != str(SKOS.altLabel):
                    self.preferred.add((uri, lang))

    def best_label(self, uri: URIRef) -> str:
        labels = self.labels.get(uri, {})
        return labels.get("rdfs") or labels.get("pref") or str(uri).rsplit("/", 1)[-1]

    def names_of(self, store: Store, kind: str) -> list[Row]:
        rows = _select(store, f"{kind}_names", property=NAME_PROPERTIES[kind])
        for row in rows:
            uri, prop, value = row["entity"], str(row["property"]), row["value"]
            assert isinstance(uri, URIRef) and isinstance(value, Literal)
            self.label(uri, value, prop)
        return rows


def build_index(store: Store, vocabulary: Vocabulary) -> EntityIndex:
    b = _Builder(vocabulary)
    iso3: dict[URIRef, str] = {}
    nations = b.names_of(store, "nation")
    for row in nations:
        uri, prop, value = iri(row, "entity"), str(row["property"]), str(row["value"])
        if prop == str(SK.iso3):
            iso3[uri] = value
        b.alias(uri, value, "nation", code=prop in CODE_PROPERTIES)
    _drop_conflicting_codes(b, iso3)
    for uri in {iri(row, "entity") for row in nations}:
        b.entities[uri] = Entity(uri, "nation", b.best_label(uri), iso3=iso3.get(uri))

    for row in b.names_of(store, "organization"):
        organization = iri(row, "entity")
        b.alias(organization, str(row["value"]), "organization")
        words = fold(str(row["value"])).split()
        if len(words) >= 2 and vocabulary.stem(words[-1]) != words[-1]:
            # "Muslim countries" also in the singular: "which Muslim country has the most …"
            b.alias(organization, " ".join([*words[:-1], vocabulary.stem(words[-1])]), "organization", fuzzy=False)
        if organization not in b.entities:
            b.entities[organization] = Entity(organization, "organization", "")
    for uri, entity in list(b.entities.items()):
        if entity.kind == "organization":
            b.entities[uri] = Entity(uri, "organization", b.best_label(uri))

    nation_aliases = {a for a, e in b.aliases.items()
                      if any(b.entities.get(u) is not None and b.entities[u].kind == "nation" for u in e.entities)}
    source_ids: dict[str, URIRef] = {}
    named: list[tuple[URIRef, str, str]] = []  # (agreement, name, dataset)
    for row in _select(store, "agreement_names", property=NAME_PROPERTIES["agreement"]):
        uri, prop, value, sid = iri(row, "entity"), str(row["property"]), str(row["value"]), str(row["sourceId"])
        source_ids[sid.lower()] = uri
        if prop == str(RDFS.label) or uri not in b.entities:
            b.entities[uri] = Entity(uri, "agreement", value if prop == str(RDFS.label) else "", source_id=sid)
        if prop != str(RDFS.label):  # a group name from the lexicon (Abraham Accords): several agreements
            b.alias(uri, value, "agreement", fuzzy=True)
        elif sid.split(":")[0] in NAMED_DATASETS:
            named.append((uri, value, sid.split(":")[0]))
        elif sid.split(":")[0] in EXACT_NAME_DATASETS:
            b.alias(uri, value, "agreement", fuzzy=False)  # "Bright Star 82": one exercise, by its exact name
    facts = _select(store, "named_agreement_facts", dataset=tuple(dataset_uri(d) for d in NAMED_DATASETS))
    names = index_agreement_names(named, facts, nation_aliases, vocabulary, b.alias,
                                  lambda u: b.entities[u].label)

    for row in _select(store, "other_actors"):  # typed as what they are in answers; not linked by name
        b.entities[iri(row, "entity")] = Entity(iri(row, "entity"), "actor", str(row["label"]))
    for row in _select(store, "series_names"):  # series without a curated record: named like agreements
        b.alias(iri(row, "entity"), str(row["value"]), "agreement")
        b.entities[iri(row, "entity")] = Entity(iri(row, "entity"), "agreement", str(row["value"]))
    iterations: dict[URIRef, set[URIRef]] = defaultdict(set)
    for row in _select(store, "series"):
        iterations[iri(row, "series")].add(iri(row, "iteration"))
    designations = Designations.build([(iri(row, "deal"), str(row["designation"]))
                                       for row in _select(store, "weapon_designations")])

    concept_words: set[str] = set()
    for row in _select(store, "concept_names", property=NAME_PROPERTIES["concept"]):
        uri, kind, prop, name = iri(row, "entity"), str(row["kind"]), str(row["property"]), row["value"]
        assert isinstance(name, Literal)
        b.label(uri, name, prop)
        b.alias(uri, str(name), kind, fuzzy=False)
        concept_words.update(fold(str(name)).split())
        if uri not in b.entities or b.entities[uri].kind != kind:
            b.entities[uri] = Entity(uri, kind, "")
    for uri, entity in list(b.entities.items()):
        if entity.kind in CONCEPT_KINDS:
            b.entities[uri] = Entity(uri, entity.kind, b.best_label(uri))

    return EntityIndex(
        entities=b.entities, aliases=dict(b.aliases),
        fuzzy_choices={k: sorted(v) for k, v in b.fuzzy.items()},
        names=names, source_ids=source_ids, vocabulary=frozenset(concept_words - vocabulary.stopwords),
        narrower=_narrower(store, b.entities),
        by_local_name={e.local_name: u for u, e in b.entities.items() if e.kind in CONCEPT_KINDS},
        by_kind_and_name={(e.kind, e.local_name): u for u, e in b.entities.items() if e.kind in CONCEPT_KINDS},
        role_kinds=frozenset(iri(row, "kind") for row in _select(store, "role_kinds")),
        **_memberships(store),
        iterations={s: frozenset(i) for s, i in iterations.items()}, designations=designations,
        max_alias_tokens=max(len(a.split()) for a in b.aliases),
        translations={lang: dict(found) for lang, found in b.translations.items()},
    )


def _memberships(store: Store) -> dict[str, Any]:
    """Members of each organization in its last recorded year (docs/semantics.md), from the records of its
    primary dataset (MEMBERSHIP_PRECEDENCE: the OIC's own list before COW IGO): those with an open
    membership; for an organization all of whose memberships ended (CENTO, SEATO, the Warsaw Pact),
    those that were members in its last year, and that year."""
    rows_by_org: dict[URIRef, list[tuple[URIRef, int | None, int | None, str]]] = defaultdict(list)
    record_ids: dict[tuple[URIRef, URIRef, str], str] = {}
    secondary: list[tuple[URIRef, URIRef, str, int | None, str]] = []
    for row in _select(store, "current_members"):
        dataset_node = row.get("dataset")
        key = str(dataset_node).rsplit("/", 1)[-1] if dataset_node is not None else ""
        if str(row.get("secondary", "false")) == "true":
            secondary.append((iri(row, "organization"), iri(row, "member"), key, integer(row, "joined"),
                              f"{key}:{row.get('recordId', '')}"))
            continue
        rows_by_org[iri(row, "organization")].append((
            iri(row, "member"), integer(row, "joined"), integer(row, "left"), key))
        record_ids[(iri(row, "organization"), iri(row, "member"), key)] = str(row.get("recordId", ""))
    members: dict[URIRef, frozenset[URIRef]] = {}
    dissolved: dict[URIRef, int] = {}
    primary: dict[URIRef, URIRef] = {}
    second: dict[tuple[URIRef, URIRef], list[tuple[str, int | None, str]]] = defaultdict(list)
    for org, rows in rows_by_org.items():
        datasets = {d for *_, d in rows}
        best = next((d for d in MEMBERSHIP_PRECEDENCE if d in datasets), None)
        if best is not None and len(datasets) > 1:
            primary[org] = dataset_uri(best)
            for member, join, _, dataset in rows:
                if dataset != best:
                    second[(org, member)].append((dataset, join, f"{dataset}:{record_ids[(org, member, dataset)]}"))
            rows = [r for r in rows if r[3] == best]
        open_ = frozenset(m for m, _, left, _ in rows if left is None)
        if open_:
            members[org] = open_
            continue
        last = max(left for _, _, left, _ in rows if left is not None)
        dissolved[org] = last
        members[org] = frozenset(m for m, join, left, _ in rows if left == last and (join is None or join <= last))
    for org, member, dataset, join, record in secondary:
        second[(org, member)].append((dataset, join, record))
    return {"members": members, "dissolved": dissolved, "primary_dataset": primary, "second_records": dict(second)}


def _narrower(store: Store, entities: dict[URIRef, Entity]) -> dict[URIRef, frozenset[URIRef]]:
    """Each concept with every concept below it (transitively)."""
    below: dict[URIRef, set[URIRef]] = defaultdict(set)
    for row in _select(store, "concept_hierarchy"):
        below[iri(row, "broader")].add(iri(row, "narrower"))
    closed: dict[URIRef, frozenset[URIRef]] = {}
    for uri, entity in entities.items():
        if entity.kind not in CONCEPT_KINDS:
            continue
        seen, todo = {uri}, [uri]
        while todo:
            for child in below.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        closed[uri] = frozenset(seen)
    return closed


def _drop_conflicting_codes(b: _Builder, iso3: dict[URIRef, str]) -> None:
    """A COW abbreviation equal to another nation's ISO3 code (AUS: Austria in COW, Australia in ISO)
    would link the wrong nation: the ISO code wins."""
    owner = {code.lower(): uri for uri, code in iso3.items()}
    for folded, entry in b.aliases.items():
        if folded in owner and len(entry.entities) > 1:
            entry.entities = {owner[folded]}

