"""A static look at a query's shape, as the grammar read it (sharaka.sparql.patterns): is it obviously expensive?

Used by the fast SPARQL lane (sharaka.sparql.lanes) to send such queries straight to the slow lane instead of
letting each one burn a CPU slice of the fast lane first. Conservative on purpose: a query flagged wrongly only
runs in the slow lane; one missed is still stopped by the fast lane's CPU slice. The rules, on every group graph
pattern (a BGP with what is joined to it: FILTER, BIND, VALUES, OPTIONAL, sub-queries, GRAPH):

- **cross product**: two or more *open* components, i.e. sets of triple patterns sharing no variable with each
  other, none of them pinned by a constant (a constant subject, a constant object other than a class after
  `rdf:type`, a VALUES or a constant BIND): the result is the product of their sizes;
- **whole-graph scan joined**: a triple pattern whose three positions are all variables, sharing no variable
  with the rest of its group and joined with anything, or joined only with other such patterns;
- **string filter over a product**: REGEX / CONTAINS / CONCAT / … in a FILTER over two or more components;
- **unbounded path, both ends open**: a `*` or `+` property path whose subject and object are both variables
  not pinned in their component.

ORDER BY, GROUP BY, DISTINCT, sub-queries and aggregates over such a group are flagged with it (every group of
the query is looked at). Filters do not connect components: `FILTER(?x = ?y)` over a product still evaluates
the product. A plain nested group `{ … }` and a GRAPH group join with the group that holds them; OPTIONAL,
UNION and sub-queries are one part of it (open unless a constant pins something in them), and groups of their
own; MINUS is a group of its own only. It costs well under a millisecond: no second parse, the grammar's one
reading is enough.
"""

from __future__ import annotations

from dataclasses import dataclass

from sharaka.sparql.patterns import Expression, Group, Path, Triple, is_variable, pinning

MAX_GROUPS = 10_000  # a query within the length limit has far fewer; do not spend more than this here


@dataclass
class Atom:
    """One part of a group: a triple pattern, a VALUES block, a BIND, or a nested pattern seen from outside."""

    kind: str  # triple, values, bind, nested
    variables: frozenset[str]
    pinned: bool = False  # bound to a few values by a constant: keeps its component small
    open: bool = False  # may match a large part of the graph on its own
    free_triple: bool = False  # ?s ?p ?o
    open_path: bool = False  # ?s <p>* ?o or ?s <p>+ ?o


def _triple_atom(triple: Triple) -> Atom:
    terms = (triple.subject, triple.predicate, triple.object)
    pinned = pinning(triple)
    unbounded = isinstance(triple.predicate, Path) and triple.predicate.unbounded
    return Atom("triple", frozenset(t for t in terms if is_variable(t)), pinned=pinned,  # type: ignore[misc]
                open=not pinned, free_triple=all(is_variable(t) for t in terms),
                open_path=unbounded and is_variable(triple.subject) and is_variable(triple.object))


def _nested(group_variables: set[str], *groups: Group) -> Atom:
    return Atom("nested", frozenset(group_variables), open=not any(g.pinned_anywhere() for g in groups))


def _atoms(group: Group) -> tuple[list[Atom], list[Expression]]:
    atoms = [_triple_atom(t) for t in group.triples]
    atoms += [Atom("bind", frozenset(e.variables | {v}), pinned=not e.variables) for v, e in group.binds]
    atoms += [Atom("values", frozenset(names), pinned=True) for names in group.values]
    atoms += [_nested(o.variables(), o) for o in group.optionals]
    atoms += [_nested(set().union(*(b.variables() for b in branches)), *branches) for branches in group.unions]
    atoms += [_nested(sub.projected, sub.where) for sub in group.subqueries]
    return atoms, group.filters


def _components(atoms: list[Atom]) -> list[list[Atom]]:
    """Atoms grouped by shared variables (union-find over variable names)."""
    parent = list(range(len(atoms)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, atom in enumerate(atoms):
        for var in atom.variables:
            if var in owner:
                parent[find(i)] = find(owner[var])
            else:
                owner[var] = i
    groups: dict[int, list[Atom]] = {}
    for i, atom in enumerate(atoms):
        groups.setdefault(find(i), []).append(atom)
    return list(groups.values())


def _group_reason(atoms: list[Atom], filters: list[Expression]) -> str:
    components = _components(atoms)
    # What can be large alone: a component with a triple or nested pattern (VALUES/BIND alone are a few rows).
    sized = [c for c in components if any(a.kind in ("triple", "nested") for a in c)]
    open_ = [c for c in sized if not any(a.pinned for a in c) and any(a.open for a in c)]
    if len(open_) >= 2:
        return (f"a cross product: {len(open_)} groups of triple patterns share no variable and none is bound to "
                "a constant")
    for component in sized:
        if all(a.free_triple for a in component) and (len(component) >= 2 or len(sized) >= 2):
            return "a pattern ?s ?p ?o (the whole graph) joined with other patterns by no bound variable"
    if len(sized) >= 2 and open_ and any(f.string_function for f in filters):
        return "a string function (REGEX, CONTAINS, …) in a FILTER over a cross product"
    for component in components:
        if not any(a.pinned for a in component) and any(a.open_path for a in component):
            return "a * or + property path with both ends unbound"
    return ""


def expensive_shape(where: Group | None) -> str:
    """Why the query whose WHERE pattern is `where` is obviously expensive, or "" when nothing in its shape says
    so. Every group of the query is looked at, the outermost first."""
    later = [where] if where is not None else []
    seen = 0
    while later:
        group = later.pop(0)
        seen += 1
        if seen > MAX_GROUPS:
            return "too many nested patterns to judge"
        reason = _group_reason(*_atoms(group))
        if reason:
            return reason
        later += list(group.below())
    return ""

