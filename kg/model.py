"""The build context: where loaders put triples, and the shapes every loader writes the same way."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from sharaka.kg.countries import CodeResolver
from sharaka.kg.vocab import (
    SECTOR,
    SK,
    WEAPON,
    agreement_uri,
    dataset_uri,
    nation_uri,
    participation_uri,
    record_uri,
    source_id,
)

Triple = tuple[URIRef, URIRef, URIRef | Literal]

# Terms the build writes millions of times, made once (rdflib's closed namespaces look each one up anew).
TYPE, LABEL = RDF.type, RDFS.label
DERIVED_FROM, IS_PART_OF, IDENTIFIER, SOURCE = PROV.wasDerivedFrom, DCTERMS.isPartOf, DCTERMS.identifier, DCTERMS.source
INTEGER, DATE, YEAR_MONTH = XSD.integer, XSD.date, XSD.gYearMonth
TRUE, FALSE = Literal(True), Literal(False)


@lru_cache(maxsize=4096)
def integer(value: int) -> Literal:
    """An xsd:integer literal (years, mostly), made once per value."""
    return Literal(value, datatype=INTEGER)


@dataclass(frozen=True)
class PartialDate:
    """A date whose month and day may be unknown, as the sources give them."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, year: str | int | None, month: str | int | None = None,
              day: str | int | None = None) -> PartialDate | None:
        """From source fields; 0, negative or empty parts count as unknown."""
        y, m, d = (_positive_int(v) for v in (year, month, day))
        if y is None:
            return None
        if m is not None and not 1 <= m <= 12:
            m = None
        if m is None:
            d = None
        if d is not None:
            try:
                dt.date(y, m or 1, d)
            except ValueError:
                d = None
        return cls(y, m, d)

    @classmethod
    def from_iso(cls, text: str) -> PartialDate | None:
        """YYYY, YYYY-MM or YYYY-MM-DD."""
        parts = text.strip().split("-") if text and text.strip() else []
        return cls.parse(*parts) if 1 <= len(parts) <= 3 else None

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


def _positive_int(value: str | int | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(float(value))
    except ValueError:
        return None
    return number if number > 0 else None


@dataclass
class BuildReport:
    """What the build did, per source: agreements, memberships, skipped rows and why (triples per
    graph are counted from the output, see BuildResult.graph_counts)."""

    agreements: Counter[str] = field(default_factory=Counter)
    participations: Counter[str] = field(default_factory=Counter)
    skipped: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    notes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    excluded: list[str] = field(default_factory=list)

    def skip(self, dataset: str, reason: str) -> None:
        self.skipped[dataset][reason] += 1

    def note(self, dataset: str, text: str) -> None:
        """Something a reader of the build should know that is not a skipped row (a duplicate id kept
        under a new one, two sources that disagree)."""
        self.notes[dataset].append(text)


class BuildContext:
    """Collects quads per named graph (no blank nodes, so the output is deterministic)."""

    def __init__(self, ontology: Graph) -> None:
        self.ontology = ontology
        self.quads: dict[str, set[Triple]] = defaultdict(set)
        self.codes = CodeResolver()
        self.report = BuildReport()
        self.referenced_nations: set[str] = set()

    # -- basic writing -------------------------------------------------------------------
    def add(self, graph: str, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.quads[graph].add((s, p, o))

    # -- vocabulary read from the ontology (its single source of truth) ------------------
    @cached_property
    def category_classes(self) -> dict[str, URIRef]:
        """skos:notation of each agreement kind → its class."""
        return {str(n): c for c, n in self.ontology.subject_objects(SKOS.notation)
                if (c, RDFS.subClassOf, SK.Agreement) in self.ontology and isinstance(c, URIRef)}

    @cached_property
    def kind_broader(self) -> dict[URIRef, list[URIRef]]:
        """Each agreement kind → itself and every broader kind (sk:Alliance for a defence pact), without
        sk:Agreement itself: the build states them all, so a kind filter needs no inference."""
        result: dict[URIRef, list[URIRef]] = {}
        for kind in self.category_classes.values():
            chain, todo = [kind], [kind]
            while todo:
                for parent in self.ontology.objects(todo.pop(), RDFS.subClassOf):
                    if isinstance(parent, URIRef) and parent != SK.Agreement and parent not in chain:
                        chain.append(parent)
                        todo.append(parent)
            result[kind] = chain
        return result

    def broader_concepts(self, scheme: URIRef) -> dict[URIRef, list[URIRef]]:
        """Each concept of a SKOS scheme → itself and all its broader concepts."""
        result: dict[URIRef, list[URIRef]] = {}
        for concept in self.ontology.subjects(SKOS.inScheme, scheme):
            if not isinstance(concept, URIRef):
                continue
            chain, current = [concept], concept
            while (parent := self.ontology.value(current, SKOS.broader)) is not None:
                assert isinstance(parent, URIRef)
                chain.append(parent)
                current = parent
            result[concept] = chain
        return result

    @cached_property
    def sector_broader(self) -> dict[URIRef, list[URIRef]]:
        """Each sector concept → itself and all its broader concepts."""
        return self.broader_concepts(URIRef(str(SECTOR).rstrip("/")))

    @cached_property
    def weapon_broader(self) -> dict[URIRef, list[URIRef]]:
        """Each weapon category → itself and all its broader categories (armed drones → UAVs → aircraft)."""
        return self.broader_concepts(URIRef(str(WEAPON).rstrip("/")))

    def category(self, notation: str) -> URIRef:
        try:
            return self.category_classes[notation]
        except KeyError:
            raise KeyError(f"no agreement kind with notation {notation!r} in the ontology") from None

    # -- shared shapes -------------------------------------------------------------------
    def record(self, dataset: str, table: str, record_id: str) -> URIRef:
        """A source record (one row), part of its dataset."""
        uri = record_uri(dataset, table, record_id)
        g = dataset
        self.add(g, uri, TYPE, SK.SourceRecord)
        self.add(g, uri, TYPE, PROV.Entity)
        self.add(g, uri, IS_PART_OF, dataset_uri(dataset))
        self.add(g, uri, IDENTIFIER, Literal(record_id))
        return uri

    def agreement(self, dataset: str, record_id: str, kinds: str | Sequence[str], label: str, start: PartialDate,
                  record: URIRef) -> URIRef:
        """An agreement with its kinds (each with its broader kinds), label, start and provenance."""
        uri = agreement_uri(dataset, record_id)
        g = dataset
        for kind in [kinds] if isinstance(kinds, str) else kinds:
            for cls in self.kind_broader[self.category(kind)]:
                self.add(g, uri, TYPE, cls)
        self.add(g, uri, TYPE, SK.Agreement)
        self.add(g, uri, LABEL, Literal(label, lang="en"))
        self.add(g, uri, SK.sourceId, Literal(source_id(dataset, record_id)))
        self.add(g, uri, DERIVED_FROM, record)
        self.add(g, uri, SOURCE, dataset_uri(dataset))
        self.dates(g, uri, start, SK.startYear, SK.startMonth, SK.startDate)
        self.report.agreements[dataset] += 1
        return uri

    def dates(self, graph: str, subject: URIRef, date: PartialDate, year_p: URIRef,
              month_p: URIRef | None, date_p: URIRef) -> None:
        self.add(graph, subject, year_p, integer(date.year))
        if date.day is not None and date.month is not None:
            self.add(graph, subject, date_p, Literal(str(date), datatype=DATE))
        elif date.month is not None and month_p is not None:
            self.add(graph, subject, month_p, Literal(str(date), datatype=YEAR_MONTH))

    def sectors(self, dataset: str, agreement: URIRef, notations: list[str]) -> None:
        """Covered sectors, each with all its broader sectors."""
        for notation in notations:
            concept = SECTOR[notation]
            if concept not in self.sector_broader:
                raise KeyError(f"no sector {notation!r} in the ontology")
            for c in self.sector_broader[concept]:
                self.add(dataset, agreement, SK.coversSector, c)

    def participation(self, graph: str, subject: URIRef, subject_slug: str, party_key: str, *,
                      record: URIRef, join: PartialDate | None = None, exit: PartialDate | None = None,
                      role: URIRef | None = None, spell: int = 1, shortcut: URIRef | None = SK.hasParty,
                      link: URIRef = SK.participation, actor: URIRef | None = None) -> URIRef:
        """Party `party_key` takes part in `subject` (an agreement or organization). The party is the nation
        with that key, or `actor` (an organization, a non-state actor) whose key is then only its URI slug."""
        if actor is None:
            party = nation_uri(party_key)
            self.referenced_nations.add(party_key)
        else:
            party = actor
        uri = participation_uri(subject_slug, party_key, spell)
        if shortcut is not None:
            self.add(graph, subject, shortcut, party)
        self.add(graph, subject, link, uri)
        self.add(graph, uri, TYPE, SK.Participation)
        self.add(graph, uri, SK.participant, party)
        self.add(graph, uri, DERIVED_FROM, record)
        if role is not None:
            self.add(graph, uri, SK.role, role)
        if join is not None:
            self.dates(graph, uri, join, SK.joinYear, None, SK.joinDate)
        if exit is not None:
            self.dates(graph, uri, exit, SK.exitYear, None, SK.exitDate)
        self.report.participations[graph] += 1
        return uri

    def participation_exit(self, graph: str, subject_slug: str, party_key: str, *, exit: PartialDate,
                           record: URIRef, spell: int = 1) -> None:
        """Record that an existing participation ended, from the record that says so."""
        uri = participation_uri(subject_slug, party_key, spell)
        self.dates(graph, uri, exit, SK.exitYear, None, SK.exitDate)
        self.add(graph, uri, PROV.wasDerivedFrom, record)
