"""The shape of a query's graph patterns, as the grammar (sharaka.sparql.grammar) reads it and the cost check
(sharaka.sparql.cost) judges it: which triple patterns, filters, BINDs and VALUES a group joins, and which
groups hang below it. Terms are plain strings: `?name` for variables, `_:label` for blank nodes (both match
anything), `<iri>` and `"literal"` for constants."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


@dataclass(frozen=True)
class Path:
    """A property path that is not a single IRI or variable."""

    unbounded: bool  # a * or + somewhere in it


@dataclass(frozen=True)
class Triple:
    subject: str
    predicate: str | Path
    object: str


def is_variable(term: str | Path) -> bool:
    return isinstance(term, str) and term.startswith(("?", "_:"))


def is_constant(term: str | Path) -> bool:
    return isinstance(term, str) and not term.startswith(("?", "_:"))


@dataclass
class Expression:
    """What the cost check needs from an expression."""

    variables: set[str] = field(default_factory=set)
    string_function: bool = False  # REGEX, CONTAINS, … applied to something holding a variable


@dataclass
class Group:
    """A group graph pattern. Plain nested groups `{ … }` and GRAPH groups are merged into the group that holds
    them (they join with it); OPTIONAL, MINUS, UNION and sub-queries stay groups of their own."""

    triples: list[Triple] = field(default_factory=list)
    filters: list[Expression] = field(default_factory=list)
    binds: list[tuple[str, Expression]] = field(default_factory=list)
    values: list[set[str]] = field(default_factory=list)
    optionals: list[Group] = field(default_factory=list)
    minuses: list[Group] = field(default_factory=list)
    unions: list[list[Group]] = field(default_factory=list)
    subqueries: list[SubQuery] = field(default_factory=list)

    def merge(self, other: Group) -> None:
        self.triples += other.triples
        self.filters += other.filters
        self.binds += other.binds
        self.values += other.values
        self.optionals += other.optionals
        self.minuses += other.minuses
        self.unions += other.unions
        self.subqueries += other.subqueries

    def below(self) -> Iterator[Group]:
        """The groups directly below this one."""
        yield from self.optionals
        yield from self.minuses
        for branches in self.unions:
            yield from branches
        for sub in self.subqueries:
            yield sub.where

    def variables(self) -> set[str]:
        """Every variable (and blank node) of the group and of the groups below it; a sub-query gives only
        the variables it projects."""
        found: set[str] = set()
        stack = [self]
        while stack:
            group = stack.pop()
            for triple in group.triples:
                found.update(t for t in (triple.subject, triple.predicate, triple.object)
                             if isinstance(t, str) and is_variable(t))
            for variable, expression in group.binds:
                found.add(variable)
                found |= expression.variables
            for names in group.values:
                found |= names
            stack += [*group.optionals, *group.minuses, *(g for branches in group.unions for g in branches)]
            for sub in group.subqueries:
                found |= sub.projected
        return found

    def pinned_anywhere(self) -> bool:
        """A constant somewhere in it or below (a VALUES, a triple with a constant subject or object): a guess
        that it matches a small part of the graph."""
        stack = [self]
        while stack:
            group = stack.pop()
            if group.values or any(pinning(t) for t in group.triples):
                return True
            stack += list(group.below())
        return False


def pinning(triple: Triple) -> bool:
    """A constant subject, or a constant object other than a class after rdf:type."""
    return is_constant(triple.subject) or (is_constant(triple.object) and triple.predicate != RDF_TYPE)


@dataclass
class SubQuery:
    projected: set[str]
    where: Group
