"""The SPARQL 1.1 query grammar (§19.8), read by recursive descent over the lexer's tokens.

One pass, no backtracking: SPARQL's grammar is LL(1), so each production decides on the next token. The reading
writes the canonical text (sharaka.sparql.reader), refuses what the endpoint does not run (update forms, SERVICE)
and records what the checks need: the query form, the graphs of FROM / FROM NAMED (as absolute IRIs), the deepest
nesting, and the shape of its graph patterns for the cost check (sharaka.sparql.patterns). A syntax error names
the token where the query stops being SPARQL, with its line and column in the user's text.

Recursion is bounded by the nesting limit, which is checked as each bracket opens, before going deeper.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sharaka.errors import ForbiddenQuery
from sharaka.sparql.expressions import CALLS
from sharaka.sparql.patterns import Group, SubQuery
from sharaka.sparql.reader import Canonical
from sharaka.sparql.triples import TERMS, TriplesReader

FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
GRAPH_PATTERNS = ("OPTIONAL", "MINUS", "GRAPH", "FILTER", "BIND", "VALUES", "{")


@dataclass
class Reading:
    """What reading a query found."""

    kind: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    text: str  # the canonical text
    canonical: Canonical
    default_graphs: list[str] = field(default_factory=list)  # FROM
    named_graphs: list[str] = field(default_factory=list)  # FROM NAMED
    where: Group | None = None
    depth: int = 0


class QueryReader(TriplesReader):
    """`QueryReader(text, max_nesting, base_iri).read()`: the Reading, or a 400-class SharakaError."""

    def __init__(self, text: str, max_nesting: int | None, base_iri: str | None) -> None:
        super().__init__(text, max_nesting, base_iri)
        self.default_graphs: list[str] = []
        self.named_graphs: list[str] = []

    def read(self) -> Reading:
        self._prologue()
        if self.tok.kind == "word" and self.tok.value in UPDATES:
            raise ForbiddenQuery("this endpoint only answers queries; SPARQL Update (INSERT, DELETE, LOAD, CLEAR, "
                                 "DROP, CREATE, …) is not allowed")
        if not self.at(*FORMS):
            raise self.fail("SELECT, ASK, CONSTRUCT or DESCRIBE")
        kind = self.advance().value
        where = {"SELECT": self._select, "ASK": self._ask, "CONSTRUCT": self._construct,
                 "DESCRIBE": self._describe}[kind]()
        if self.accept("VALUES"):
            variables = self.data_block()
            (where if where is not None else Group()).values.append(variables)
        if self.tok.kind != "end":
            raise self.fail("the end of the query")
        return Reading(kind, self.out.text(), self.out, self.default_graphs, self.named_graphs, where, self.deepest)

    # -- the query forms ----------------------------------------------------------------------------------
    def _prologue(self) -> None:
        while True:
            if self.at("BASE"):
                self.advance(hidden=True)  # every IRI is written absolute: the canonical text needs no BASE
                if self.tok.kind != "iri":
                    raise self.fail("an IRI in <…> after BASE")
                self.base, self.base_given = self.absolute(self.tok), False
                self.advance(hidden=True)
            elif self.at("PREFIX"):
                self.advance()
                name = self.tok
                if name.kind != "pname" or name.value.find(":") != len(name.value) - 1:
                    raise self.fail("a prefix such as ex: after PREFIX")
                self.advance()
                if self.tok.kind != "iri":
                    raise self.fail(f"an IRI in <…> for the prefix {name.value}")
                self.prefixes[name.value[:-1]] = self.take_iri()
            else:
                return

    def _select(self) -> Group:
        star = self._select_clause() is None
        self._dataset_clauses()
        where = self._where_clause()
        grouping = self.tok
        if self._solution_modifier() and star:
            raise self.error_at(grouping, "SELECT * cannot be used with GROUP BY: select the grouped variables "
                                          "and aggregates by name")
        return where

    def _ask(self) -> Group:
        self._dataset_clauses()
        where = self._where_clause()
        self._solution_modifier()
        return where

    def _construct(self) -> Group:
        if self.at("{"):
            self.expect("{")
            template = Group()
            self.triples_template(template)
            self.expect("}", "'.' or '}' after the template's triples")
            self._dataset_clauses()
            where = self._where_clause()
        else:  # CONSTRUCT WHERE { triples }: the template is the pattern
            self._dataset_clauses()
            self.expect("WHERE", "'{' (the template) or WHERE")
            self.expect("{")
            where = Group()
            self.triples_template(where)
            self.expect("}", "'.' or '}' after the triples")
        self._solution_modifier()
        return where

    def _describe(self) -> Group | None:
        if not self.accept("*"):
            self.var_or_iri()
            while self.tok.kind in ("var", "iri", "pname"):
                self.var_or_iri()
        self._dataset_clauses()
        where = self._where_clause() if self.at("WHERE", "{") else None
        self._solution_modifier()
        return where

    def _select_clause(self) -> set[str] | None:
        """SELECT [DISTINCT|REDUCED] (variables and (expression AS ?v)), or *: None."""
        if not self.accept("DISTINCT"):
            self.accept("REDUCED")
        if self.accept("*"):
            return None
        projected: set[str] = set()
        while self.tok.kind == "var" or self.at("("):
            if self.accept("("):
                self.expression()
                self.expect("AS", "AS and a variable after the expression")
                projected.add(self.variable())
                self.expect(")")
            else:
                projected.add(self.variable())
        if not projected:
            raise self.fail("'*', a variable or (expression AS ?variable) after SELECT")
        return projected

    def _dataset_clauses(self) -> None:
        while self.accept("FROM"):
            named = self.accept("NAMED")
            iri = self.take_iri(what="a graph IRI after FROM")
            (self.named_graphs if named else self.default_graphs).append(iri)

    def _where_clause(self) -> Group:
        self.accept("WHERE")
        return self.group_graph_pattern()

    # -- solution modifiers -------------------------------------------------------------------------------
    def _solution_modifier(self) -> bool:
        """GROUP BY, HAVING, ORDER BY, LIMIT / OFFSET; whether there was a GROUP BY."""
        grouped = self.accept("GROUP")
        if grouped:
            self.expect("BY")
            self._group_condition()
            while self._starts_constraint() or self.tok.kind == "var":
                self._group_condition()
        if self.accept("HAVING"):
            self._constraint()
            while self._starts_constraint():
                self._constraint()
        if self.accept("ORDER"):
            self.expect("BY")
            self._order_condition()
            while self._starts_constraint() or self.tok.kind == "var" or self.at("ASC", "DESC"):
                self._order_condition()
        first = "LIMIT" if self.at("LIMIT") else "OFFSET" if self.at("OFFSET") else None
        if first is not None:
            self.advance()
            self._whole_number()
            second = "OFFSET" if first == "LIMIT" else "LIMIT"
            if self.accept(second):
                self._whole_number()
        return grouped

    def _group_condition(self) -> None:
        if self.tok.kind == "var":
            self.variable()
        elif self.accept("("):
            self.expression()
            if self.accept("AS"):
                self.variable()
            self.expect(")", "AS or ')'")
        else:
            self._constraint("a variable, (expression) or a function call after GROUP BY")

    def _order_condition(self) -> None:
        if self.at("ASC", "DESC"):
            self.advance()
            self.bracketted_expression()
        elif self.tok.kind == "var":
            self.variable()
        else:
            self._constraint("a variable, ASC(…), DESC(…), (expression) or a function call")

    def _whole_number(self) -> None:
        if self.tok.kind != "number" or not self.tok.value.isdigit():
            raise self.fail("a whole number")
        self.advance()

    def _starts_constraint(self) -> bool:
        return self.at("(") or self.tok.kind in ("iri", "pname") or (
            self.tok.kind == "word" and self.tok.value in CALLS)

    def _constraint(self, what: str = "(expression), a built-in call or a function call") -> None:
        if self.at("("):
            self.bracketted_expression()
        elif self.tok.kind == "word" and self.tok.value in CALLS:
            self.builtin_call()
        elif self.tok.kind in ("iri", "pname"):
            self.take_iri()
            self.argument_list()
        else:
            raise self.fail(what)

    # -- graph patterns -----------------------------------------------------------------------------------
    def group_graph_pattern(self) -> Group:
        self.expect("{")
        return self._group_rest()

    def _group_rest(self) -> Group:
        """A group after its '{': a sub-query or graph patterns, then '}'."""
        group = Group()
        if self.accept("SELECT"):
            group.subqueries.append(self._sub_select())
        else:
            self._group_body(group)
        self.expect("}")
        return group

    def _sub_select(self) -> SubQuery:
        projected = self._select_clause()
        where = self._where_clause()
        self._solution_modifier()
        if self.accept("VALUES"):
            where.values.append(self.data_block())
        return SubQuery(projected if projected is not None else where.variables(), where)

    def _group_body(self, group: Group) -> None:
        while not self.at("}"):
            if self.at(*GRAPH_PATTERNS):
                self._graph_pattern_not_triples(group)
                self.accept(".")
            elif self.tok.kind in TERMS or self.at("(", "[", "TRUE", "FALSE"):
                self.triples_same_subject(group, paths=True)
                if not self.accept(".") and not self.at("}", *GRAPH_PATTERNS):
                    raise self.fail("'.', ';', ',' or '}' after the triple pattern")
            else:
                raise self.fail("a triple pattern, OPTIONAL, FILTER, BIND, VALUES, MINUS, GRAPH, '{' or '}'")

    def _graph_pattern_not_triples(self, group: Group) -> None:
        keyword = self.advance().value
        if keyword == "{":  # the '{' is taken: read the rest of this group, then its UNIONs
            first = self._group_rest()
            branches = [first]
            while self.accept("UNION"):
                branches.append(self.group_graph_pattern())
            if len(branches) == 1:
                group.merge(first)  # a plain nested group joins with this one
            else:
                group.unions.append(branches)
        elif keyword == "OPTIONAL":
            group.optionals.append(self.group_graph_pattern())
        elif keyword == "MINUS":
            group.minuses.append(self.group_graph_pattern())
        elif keyword == "GRAPH":
            self.var_or_iri()
            group.merge(self.group_graph_pattern())
        elif keyword == "FILTER":
            group.filters.append(self.collected(self._constraint))
        elif keyword == "BIND":
            self.expect("(")
            expression = self.collected(self.expression)
            self.expect("AS", "AS and a variable after the expression")
            group.binds.append((self.variable(), expression))
            self.expect(")")
        else:  # VALUES
            group.values.append(self.data_block())
