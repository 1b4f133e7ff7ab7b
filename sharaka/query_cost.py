"""A static look at a parsed query's shape: is it obviously expensive?

Used by the fast SPARQL lane (sharaka.sparql_runner) to send such queries straight to the slow lane instead of
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
the product.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rdflib import RDF, BNode, Literal, URIRef, Variable
from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, Path, SequencePath
from rdflib.plugins.sparql.parserutils import CompValue

# Group graph pattern operators whose parts join in one group; any other node (Project, OrderBy, Group, …)
# wraps a group and is looked through.
GROUP_NODES = frozenset({"BGP", "Join", "Filter", "Extend", "LeftJoin", "Minus", "Graph", "ToMultiSet", "Union"})
STRING_FUNCTIONS = frozenset(f"Builtin_{name}" for name in (
    "REGEX", "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER", "CONCAT", "SUBSTR", "REPLACE",
    "LCASE", "UCASE", "STRLEN", "ENCODE_FOR_URI"))


@dataclass
class Atom:
    """One part of a group: a triple pattern, a VALUES block, a BIND, or a nested pattern seen from outside."""

    kind: str  # triple, values, bind, nested
    variables: frozenset[str]
    pinned: bool = False  # bound to a few values by a constant: keeps its component small
    open: bool = False  # may match a large part of the graph on its own
    free_triple: bool = False  # ?s ?p ?o
    open_path: bool = False  # ?s <p>* ?o or ?s <p>+ ?o


def _get(node: Any, key: str) -> Any:
    # CompValue.get returns the key itself for a missing key; the plain dict lookup does not.
    return dict.get(node, key) if isinstance(node, CompValue) else None


def _name(node: Any) -> str:
    return node.name if isinstance(node, CompValue) else ""


def _is_var(term: Any) -> bool:
    return isinstance(term, Variable | BNode)


def _unbounded(path: Any) -> bool:
    """A property path with * or + anywhere in it."""
    stack = [path]
    while stack:
        item = stack.pop()
        if isinstance(item, MulPath):
            if item.mod in ("*", "+"):
                return True
            stack.append(item.path)
        elif isinstance(item, SequencePath | AlternativePath):
            stack.extend(item.args)
        elif isinstance(item, InvPath):
            stack.append(item.arg)
        elif isinstance(item, NegatedPath):
            stack.extend(item.args)
    return False


def _triple_atom(s: Any, p: Any, o: Any) -> Atom:
    variables = frozenset(str(t) for t in (s, p, o) if _is_var(t))
    constant_subject = isinstance(s, URIRef | Literal)
    constant_object = isinstance(o, URIRef | Literal) and p != RDF.type
    pinned = constant_subject or constant_object
    return Atom("triple", variables, pinned=pinned, open=not pinned,
                free_triple=all(_is_var(t) for t in (s, p, o)),
                open_path=isinstance(p, Path) and _is_var(s) and _is_var(o) and _unbounded(p))


def _expression_vars(expr: Any) -> frozenset[str]:
    found: set[str] = set()
    stack = [expr]
    while stack:
        item = stack.pop()
        if isinstance(item, Variable):
            found.add(str(item))
        elif isinstance(item, CompValue):
            stack.extend(v for k, v in item.items() if k != "_vars")
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return frozenset(found)


def _has_string_function(expr: Any) -> bool:
    stack = [expr]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name in STRING_FUNCTIONS and _expression_vars(item):
                return True
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def _any_pin(node: Any) -> bool:
    """Whether a nested pattern has a constant anywhere that keeps it small (a conservative guess)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "BGP" and any(_triple_atom(*t).pinned for t in _get(item, "triples") or []):
                return True
            if item.name == "values":
                return True
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def _nested(node: CompValue, variables: Iterable[Any]) -> Atom:
    pinned = _any_pin(node)
    return Atom("nested", frozenset(str(v) for v in variables), open=not pinned)


def _group(root: CompValue, later: list[Any]) -> tuple[list[Atom], list[Any]]:
    """The atoms and filter expressions of the group at `root`; nested groups to look at are added to `later`."""
    atoms: list[Atom] = []
    filters: list[Any] = []
    stack = [root]
    while stack:
        node = stack.pop()
        name = _name(node)
        if name == "BGP":
            atoms += [_triple_atom(*t) for t in _get(node, "triples") or []]
        elif name == "Join":
            stack += [node.p1, node.p2]
        elif name == "Filter":
            filters.append(node.expr)
            stack.append(node.p)
        elif name == "Graph":
            stack.append(node.p)  # GRAPH ?g holds a few graphs: it does not keep the inner product small
        elif name == "Minus":
            stack.append(node.p1)
            later.append(node.p2)
        elif name == "Extend" and _name(node.p) in GROUP_NODES:
            used = _expression_vars(node.expr)
            atoms.append(Atom("bind", used | {str(node.var)}, pinned=not used))
            stack.append(node.p)
        elif name == "LeftJoin":
            stack.append(node.p1)
            atoms.append(_nested(node.p2, _get(node.p2, "_vars") or ()))
            later.append(node.p2)
        elif name == "ToMultiSet" and _name(node.p) == "values":
            variables = {str(v) for row in _get(node.p, "res") or [] for v in row}
            atoms.append(Atom("values", frozenset(variables), pinned=True))
        elif isinstance(node, CompValue):  # a sub-query, a UNION, an aggregate …: one atom here, a group of its own
            inner = _get(node, "p") if name == "ToMultiSet" else node
            if not isinstance(inner, CompValue):
                continue
            atoms.append(_nested(inner, _get(inner, "PV") or _get(inner, "_vars") or ()))
            if name == "Union":
                later += [node.p1, node.p2]
            elif name == "Extend":
                later.append(node.p)
            else:
                later.append(inner)
    return atoms, filters


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


def _group_reason(atoms: list[Atom], filters: list[Any]) -> str:
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
    if len(sized) >= 2 and open_ and any(_has_string_function(f) for f in filters):
        return "a string function (REGEX, CONTAINS, …) in a FILTER over a cross product"
    for component in components:
        if not any(a.pinned for a in component) and any(a.open_path for a in component):
            return "a * or + property path with both ends unbound"
    return ""


def expensive_shape(algebra: CompValue) -> str:
    """Why the query is obviously expensive, or "" when nothing in its shape says so."""
    later: list[Any] = [_get(algebra, "p")]
    seen = 0
    while later:
        node = later.pop()
        seen += 1
        if seen > 10_000:  # a query of 20,000 characters has far fewer groups; do not spend more here
            return "too many nested patterns to judge"
        if not isinstance(node, CompValue):
            continue
        if node.name in GROUP_NODES:
            reason = _group_reason(*_group(node, later))
            if reason:
                return reason
        else:  # Project, OrderBy, Group, AggregateJoin, Slice, Distinct …: look through
            later += [v for k, v in node.items() if k in ("p", "p1", "p2") and isinstance(v, CompValue)]
    return ""
