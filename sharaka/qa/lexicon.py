"""The entity index: every name people may type for a nation, organization, agreement, kind, sector or
obligation, read from the graph itself (so it works on the embedded and on a remote store)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.namespace import SKOS as SKOS_NAMESPACE

from kg.vocab import SK as SK_NAMESPACE
from sharaka.qa.normalize import fold
from sharaka.store import Store

SK = str(SK_NAMESPACE)
SKOS = str(SKOS_NAMESPACE)
RDFS_LABEL = str(RDFS.label)

# Words that never name an entity on their own; a short alias equal to one of them must be
# typed in capitals to count (US, IN …), and fuzzy matching never starts from them.
STOPWORDS = frozenset("""
a an the of in on at to for from by with and or but not no nor is are was were be been being am do does did
done has have had having what which who whom whose when where why how whether this that these those there
here it its they them their he she his her we us our you your i me my mine any all some each every both
either neither one ones other others than then so as if into onto over under about above below between
since before after during until till upon within without across against among per via up down out off
again also just only very more much few less such same own can could shall should will
would may might must let lets please tell show give list name find get me ok yes de la le les du des et
un une en au aux par pour sur est il elle qui que quoi quel quelle quels quelles avec sans ou dans
""".split())

# Generic words of agreement names: a name made only of these and nation names says nothing
# that the nations do not already say ("Afghanistan India", "EU Turkey customs union").
GENERIC_NAME_WORDS = frozenset("""
agreement agreements treaty treaties accord accords protocol protocols pact convention memorandum understanding
declaration arrangement arrangements partnership partnerships cooperation co operation comprehensive economic
economy trade free area areas zone union customs preferential strategic framework association associated
relations relation interim bilateral multilateral regional community common market markets joint mutual
defence defense security military peace friendship establishing establishment amending amendment on for the of
and between with in to state states countries country republic kingdom federation federal new general
exercise operation operations mission programme program initiative plan contract deal deals agreement's
international relief assistance humanitarian nuclear plant power development ec eu efta european
""".split())



@dataclass(frozen=True)
class Entity:
    uri: URIRef
    kind: str  # nation, organization, agreement, category, sector, obligation, generic
    label: str
    iso3: str | None = None
    source_id: str | None = None
    extra: tuple[tuple[str, str], ...] = ()


@dataclass
class AliasEntry:
    entities: set[URIRef] = field(default_factory=set)
    case_sensitive: bool = True  # short codes: only when typed in capitals (until a plain name says otherwise)


@dataclass
class EntityIndex:
    entities: dict[URIRef, Entity]
    aliases: dict[str, AliasEntry]  # folded alias → entities
    fuzzy_choices: dict[str, list[str]]  # kind → folded aliases eligible for fuzzy matching
    distinctive: list[tuple[frozenset[str], URIRef]]  # agreement name tokens → agreement
    source_ids: dict[str, URIRef]
    vocabulary: frozenset[str]  # folded words of kinds, sectors, obligations
    token_df: dict[str, int] = field(default_factory=dict)  # distinctive word → agreements whose name has it
    max_alias_tokens: int = 6

    def lookup(self, folded: str, typed: str) -> set[URIRef]:
        entry = self.aliases.get(folded)
        if entry is None:
            return set()
        if entry.case_sensitive and not _typed_as_code(typed):
            return set()
        return entry.entities


def _typed_as_code(typed: str) -> bool:
    letters = [c for c in typed if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


_NATION_QUERY = f"""
PREFIX sk: <{SK}>
SELECT ?entity ?property ?value WHERE {{
  ?entity a sk:Nation ; ?property ?value .
  VALUES ?property {{ <{RDFS_LABEL}> <{SKOS}prefLabel> <{SKOS}altLabel> <{SKOS}hiddenLabel>
                      sk:demonym sk:iso3 sk:iso2 sk:cowAbbreviation }}
}}"""

_ORGANIZATION_QUERY = f"""
PREFIX sk: <{SK}>
SELECT ?entity ?property ?value WHERE {{
  ?entity a sk:InternationalOrganization ; ?property ?value .
  VALUES ?property {{ <{RDFS_LABEL}> <{SKOS}prefLabel> <{SKOS}altLabel> <{SKOS}hiddenLabel> sk:acronym }}
}}"""

_AGREEMENT_QUERY = f"""
PREFIX sk: <{SK}>
SELECT ?entity ?property ?value ?sourceId WHERE {{
  ?entity a sk:Agreement ; sk:sourceId ?sourceId ; ?property ?value .
  VALUES ?property {{ <{RDFS_LABEL}> <{SKOS}hiddenLabel> }}
}}"""

_TERM_QUERY = f"""
PREFIX sk: <{SK}>
PREFIX skos: <{SKOS}>
SELECT ?entity ?kind ?property ?value WHERE {{
  {{ ?entity <http://www.w3.org/2000/01/rdf-schema#subClassOf> sk:Agreement . BIND("category" AS ?kind) }}
  UNION {{ BIND(sk:Agreement AS ?entity) BIND("generic" AS ?kind) }}
  UNION {{ ?entity skos:inScheme <https://w3id.org/sharaka/id/sector> . BIND("sector" AS ?kind) }}
  UNION {{ ?entity skos:inScheme <https://w3id.org/sharaka/id/obligation> . BIND("obligation" AS ?kind) }}
  ?entity ?property ?value .
  VALUES ?property {{ <{RDFS_LABEL}> skos:prefLabel skos:altLabel skos:hiddenLabel }}
}}"""


class _Builder:
    def __init__(self) -> None:
        self.entities: dict[URIRef, Entity] = {}
        self.aliases: dict[str, AliasEntry] = defaultdict(AliasEntry)
        self.fuzzy: dict[str, set[str]] = defaultdict(set)
        self.labels: dict[URIRef, dict[str, str]] = defaultdict(dict)

    def alias(self, uri: URIRef, text: str, kind: str, *, fuzzy: bool = True, code: bool = False) -> None:
        folded = fold(text)
        if not folded:
            return
        entry = self.aliases[folded]
        entry.entities.add(uri)
        # Codes (PAK, TR, NEW …) count only when typed in capitals; so do short names that are
        # also common words. Other short names (uae, usa) match in any case — even when the
        # same letters are also a code (USA is an ISO code and a name).
        if not (code or (len(folded) <= 3 and " " not in folded and (folded in STOPWORDS or len(folded) <= 2))):
            entry.case_sensitive = False
        if fuzzy and len(folded) >= 4 and not code:
            self.fuzzy[kind].add(folded)

    def label(self, uri: URIRef, value: Literal, prop: str) -> None:
        lang = value.language or ""
        if prop == RDFS_LABEL and lang in ("en", ""):
            self.labels[uri]["rdfs"] = str(value)
        elif prop.endswith("prefLabel") and lang == "en":
            self.labels[uri].setdefault("pref", str(value))

    def best_label(self, uri: URIRef) -> str:
        labels = self.labels.get(uri, {})
        return labels.get("rdfs") or labels.get("pref") or str(uri).rsplit("/", 1)[-1]


def build_index(store: Store) -> EntityIndex:
    b = _Builder()
    nations = store.select(_NATION_QUERY).rows
    iso3: dict[URIRef, str] = {}
    for row in nations:
        uri, prop, value = row["entity"], str(row["property"]), row["value"]
        assert isinstance(uri, URIRef) and isinstance(value, Literal)
        b.label(uri, value, prop)
        if prop == SK + "iso3":
            iso3[uri] = str(value)
        is_code = prop in (SK + "iso3", SK + "iso2", SK + "cowAbbreviation")
        b.alias(uri, str(value), "nation", code=is_code)
    _drop_conflicting_codes(b, iso3)
    for uri in {row["entity"] for row in nations}:
        assert isinstance(uri, URIRef)
        b.entities[uri] = Entity(uri, "nation", b.best_label(uri), iso3=iso3.get(uri))

    for row in store.select(_ORGANIZATION_QUERY).rows:
        uri, prop, value = row["entity"], str(row["property"]), row["value"]
        assert isinstance(uri, URIRef) and isinstance(value, Literal)
        b.label(uri, value, prop)
        b.alias(uri, str(value), "organization")
    for uri in list(b.labels):
        if uri not in b.entities:
            b.entities[uri] = Entity(uri, "organization", b.best_label(uri))

    # Words that name a nation on their own ("india", "turkish"): a DESTA name made only of these
    # and generic words ("Afghanistan India") adds nothing to the nations and is not indexed.
    nation_words = {a for a, e in b.aliases.items() if " " not in a and _is_nation_alias(e, b)}
    nation_tokens = {w for a, e in b.aliases.items() if _is_nation_alias(e, b) for w in a.split()}
    nation_aliases = {a for a, e in b.aliases.items() if _is_nation_alias(e, b)}
    distinctive: list[tuple[frozenset[str], URIRef]] = []
    source_ids: dict[str, URIRef] = {}
    automatic: dict[str, set[URIRef]] = defaultdict(set)  # aliases derived from names, by alias
    for row in store.select(_AGREEMENT_QUERY).rows:
        uri, prop, value, sid = row["entity"], str(row["property"]), row["value"], str(row["sourceId"])
        assert isinstance(uri, URIRef) and isinstance(value, Literal)
        source_ids[sid.lower()] = uri
        if prop == RDFS_LABEL or uri not in b.entities:
            b.entities[uri] = Entity(uri, "agreement", str(value) if prop == RDFS_LABEL else "", source_id=sid)
        dataset = sid.split(":")[0]
        if prop != RDFS_LABEL:  # a group name from the lexicon (Abraham Accords): several agreements
            b.alias(uri, str(value), "agreement", fuzzy=True)
            continue
        if dataset not in ("curated", "desta"):
            continue  # ATOP, DCAD and NCA labels are made from codes, not names: linked by id
        for number, name in enumerate(_name_variants(str(value))):
            tokens = fold(name).split()
            only_nations = _covered(tokens, nation_aliases)
            # A name, or a part of one, that is only nation names ("Afghanistan India", the
            # "(Pakistan–China)" of a curated name) would swallow questions about those nations.
            if not tokens or (only_nations and (dataset == "desta" or number > 0)):
                continue
            informative = [t for t in tokens if t not in nation_words and t not in GENERIC_NAME_WORDS
                           and t not in STOPWORDS]
            automatic[fold(name)].add(uri)
            key = frozenset(t for t in informative if t not in nation_tokens and len(t) >= 3)
            if key and sum(map(len, key)) >= 4:
                distinctive.append((key, uri))
    for alias, uris in automatic.items():
        owner = _owner(alias, uris, b)
        if owner is not None:
            b.alias(owner, alias, "agreement", fuzzy=len(alias.split()) >= 2)
    key_owners: dict[frozenset[str], set[URIRef]] = defaultdict(set)
    for key, uri in distinctive:
        key_owners[key].add(uri)
    distinctive = [(k, u) for k, u in distinctive if len(key_owners[k]) == 1]

    vocabulary: set[str] = set()
    for row in store.select(_TERM_QUERY).rows:
        uri, kind, prop, value = row["entity"], str(row["kind"]), str(row["property"]), row["value"]
        assert isinstance(uri, URIRef) and isinstance(value, Literal)
        b.label(uri, value, prop)
        b.alias(uri, str(value), kind, fuzzy=False)
        vocabulary.update(fold(str(value)).split())
        if uri not in b.entities or b.entities[uri].kind != kind:
            b.entities[uri] = Entity(uri, kind, "")
    for uri, entity in list(b.entities.items()):
        if entity.kind in ("category", "sector", "obligation", "generic"):
            b.entities[uri] = Entity(uri, entity.kind, b.best_label(uri))

    return EntityIndex(
        entities=b.entities, aliases=dict(b.aliases),
        fuzzy_choices={k: sorted(v) for k, v in b.fuzzy.items()},
        distinctive=distinctive, source_ids=source_ids, vocabulary=frozenset(vocabulary - STOPWORDS),
        token_df=dict(Counter(w for w, _ in {(w, uri) for key, uri in distinctive for w in key})),
        max_alias_tokens=max(len(a.split()) for a in b.aliases),
    )


def _owner(alias: str, uris: set[URIRef], b: _Builder) -> URIRef | None:
    """The record a name belongs to. When several share it ("COMESA" is in the name of the COMESA
    treaty and of the tripartite COMESA-EAC-SADC treaty), the one with the strictly shortest full
    name is the one the name stands for; otherwise the name is left unlinked."""
    if len(uris) == 1:
        return next(iter(uris))
    by_length = sorted(uris, key=lambda u: len(b.entities[u].label))
    first, second = by_length[0], by_length[1]
    return first if len(b.entities[first].label) < len(b.entities[second].label) else None


def _covered(tokens: list[str], names: set[str]) -> bool:
    """Whether the words are nothing but nation names (of one or more words) and stopwords."""
    reachable = [True] + [False] * len(tokens)
    for i in range(len(tokens)):
        if not reachable[i]:
            continue
        if tokens[i] in STOPWORDS:
            reachable[i + 1] = True
        for j in range(i + 1, min(len(tokens), i + 6) + 1):
            if " ".join(tokens[i:j]) in names:
                reachable[j] = True
    return reachable[-1]


def _is_nation_alias(entry: AliasEntry, b: _Builder) -> bool:
    return any(b.entities.get(u) is not None and b.entities[u].kind == "nation" for u in entry.entities)


_PARENTHESIS = re.compile(r"\(([^()]*)\)")


def _name_variants(name: str) -> list[str]:
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
    while len(words) > 2 and fold(words[-1]) in GENERIC_NAME_WORDS | STOPWORDS:
        words.pop()
    while len(words) > 2 and fold(words[0]) in GENERIC_NAME_WORDS | STOPWORDS:
        words.pop(0)
    trimmed = " ".join(words)
    if trimmed != outer:
        variants.append(trimmed)
    return variants


def _drop_conflicting_codes(b: _Builder, iso3: dict[URIRef, str]) -> None:
    """A COW abbreviation equal to another nation's ISO3 code (AUS: Austria in COW, Australia in ISO)
    would link the wrong nation: the ISO code wins."""
    owner = {code.lower(): uri for uri, code in iso3.items()}
    for folded, entry in b.aliases.items():
        if folded in owner and len(entry.entities) > 1:
            entry.entities = {owner[folded]}
