"""The expression part of the SPARQL 1.1 grammar (§19.8: Expression down to the literals, built-in calls), read
token by token. What the cost check needs from an expression (its variables, whether a string function works
on one of them) is collected on the way."""

from __future__ import annotations

from collections.abc import Callable

from sharaka.sparql.patterns import Expression
from sharaka.sparql.reader import TokenReader

# Built-in calls and how many arguments each takes: (fewest, most); None for an expression list of any length.
BUILTINS: dict[str, tuple[int, int] | None] = {
    "STR": (1, 1), "LANG": (1, 1), "LANGMATCHES": (2, 2), "DATATYPE": (1, 1), "IRI": (1, 1), "URI": (1, 1),
    "BNODE": (0, 1), "RAND": (0, 0), "ABS": (1, 1), "CEIL": (1, 1), "FLOOR": (1, 1), "ROUND": (1, 1),
    "CONCAT": None, "STRLEN": (1, 1), "UCASE": (1, 1), "LCASE": (1, 1), "ENCODE_FOR_URI": (1, 1),
    "CONTAINS": (2, 2), "STRSTARTS": (2, 2), "STRENDS": (2, 2), "STRBEFORE": (2, 2), "STRAFTER": (2, 2),
    "YEAR": (1, 1), "MONTH": (1, 1), "DAY": (1, 1), "HOURS": (1, 1), "MINUTES": (1, 1), "SECONDS": (1, 1),
    "TIMEZONE": (1, 1), "TZ": (1, 1), "NOW": (0, 0), "UUID": (0, 0), "STRUUID": (0, 0), "MD5": (1, 1),
    "SHA1": (1, 1), "SHA256": (1, 1), "SHA384": (1, 1), "SHA512": (1, 1), "COALESCE": None, "IF": (3, 3),
    "STRLANG": (2, 2), "STRDT": (2, 2), "SAMETERM": (2, 2), "ISIRI": (1, 1), "ISURI": (1, 1),
    "ISBLANK": (1, 1), "ISLITERAL": (1, 1), "ISNUMERIC": (1, 1), "REGEX": (2, 3), "SUBSTR": (2, 3),
    "REPLACE": (3, 4),
}
AGGREGATES = frozenset({"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"})
STRING_FUNCTIONS = frozenset({"REGEX", "CONTAINS", "STRSTARTS", "STRENDS", "STRBEFORE", "STRAFTER", "CONCAT",
                              "SUBSTR", "REPLACE", "LCASE", "UCASE", "STRLEN", "ENCODE_FOR_URI"})
CALLS = frozenset(BUILTINS) | AGGREGATES | {"BOUND", "EXISTS", "NOT"}
COMPARISONS = frozenset({"=", "!=", "<", ">", "<=", ">="})
BOOLEANS = frozenset({"TRUE", "FALSE"})


class ExpressionReader(TokenReader):
    """Expressions; the query grammar (sharaka.sparql.grammar) supplies group graph patterns for EXISTS."""

    group_graph_pattern: Callable[[], object]

    def __init__(self, text: str, max_nesting: int | None, base_iri: str | None) -> None:
        super().__init__(text, max_nesting, base_iri)
        self._variables_seen = 0
        self._collecting: list[Expression] = []

    def collected(self, read: Callable[[], None]) -> Expression:
        """Read an expression (or a constraint) with `read`, and what the cost check needs from it."""
        self._collecting.append(Expression())
        try:
            read()
        finally:
            found = self._collecting.pop()
        return found

    def expression(self) -> None:
        self._conditional_and()
        while self.accept("||"):
            self._conditional_and()

    def _conditional_and(self) -> None:
        self._relational()
        while self.accept("&&"):
            self._relational()

    def _relational(self) -> None:
        self._additive()
        if self.tok.kind == "iri":  # `?a<?b&&?b>?c`: after an operand, `<` is less-than, never an IRI
            self.reread_as_punctuation()
        if self.tok.kind == "punct" and self.tok.value in COMPARISONS:
            self.advance()
            self._additive()
        elif self.accept("IN"):
            self.expression_list()
        elif self.at("NOT"):
            self.advance()
            self.expect("IN")
            self.expression_list()

    def _additive(self) -> None:
        self._multiplicative()
        while True:
            if self.at("+", "-"):
                self.advance()
                self._multiplicative()
            elif self.tok.kind == "number" and self.tok.value[0] in "+-":  # `?a -1`: a signed literal, added
                self.advance()
                while self.at("*", "/"):
                    self.advance()
                    self._unary()
            else:
                return

    def _multiplicative(self) -> None:
        self._unary()
        while self.at("*", "/"):
            self.advance()
            self._unary()

    def _unary(self) -> None:
        if self.at("!", "+", "-"):
            self.advance()
        self._primary()

    def _primary(self) -> None:
        token = self.tok
        if self.at("("):
            self.bracketted_expression()
        elif token.kind == "word" and token.value in CALLS:
            self.builtin_call()
        elif token.kind in ("iri", "pname"):
            self.take_iri()
            if self.at("("):
                self.argument_list()
        elif token.kind == "string":
            self.rdf_literal()
        elif token.kind == "number" or (token.kind == "word" and token.value in BOOLEANS):
            self.literal_value()
        elif token.kind == "var":
            self.variable()
        else:
            raise self.fail("an expression")

    def variable(self) -> str:
        token = self.tok
        if token.kind != "var":
            raise self.fail("a variable")
        self.advance()
        self._variables_seen += 1
        for collecting in self._collecting:
            collecting.variables.add(token.text)
        return token.text

    def literal_value(self) -> str:
        """A number or a boolean (written in lower case, as Oxigraph requires)."""
        token = self.tok
        if token.kind == "word":
            self.advance(write=token.value.lower())
        elif token.kind == "number":
            self.advance()
        else:
            raise self.fail("a number or true/false")
        return token.value.lower()

    def rdf_literal(self) -> str:
        """A string with its language tag or datatype, written as one token: "text"@en, "1"^^<…>."""
        token = self.advance()
        if self.tok.kind == "langtag":
            self.advance(glue=True)
        elif self.at("^^"):
            self.advance(glue=True)
            self.take_iri(glue=True, what="a datatype IRI after ^^")
        return token.text

    def bracketted_expression(self) -> None:
        self.expect("(")
        self.expression()
        self.expect(")")

    def expression_list(self, call: bool = False) -> int:
        """NIL or ( Expression, … ); how many. A call's '(' is written against its name: Oxigraph reads
        `CONCAT (…)` and `COALESCE (…)` as errors."""
        self.expect("(", glue=call)
        if self.accept(")"):
            return 0
        count = 1
        self.expression()
        while self.accept(","):
            self.expression()
            count += 1
        self.expect(")", "',' or ')'")
        return count

    def argument_list(self) -> None:
        self.expect("(", glue=True)
        if self.accept(")"):
            return
        self.accept("DISTINCT")
        self.expression()
        while self.accept(","):
            self.expression()
        self.expect(")", "',' or ')'")

    def builtin_call(self) -> None:
        name = self.advance()
        if name.value in AGGREGATES:
            self._aggregate(name.value)
        elif name.value == "BOUND":
            self.expect("(", glue=True)
            self.variable()
            self.expect(")")
        elif name.value in ("EXISTS", "NOT"):
            if name.value == "NOT":
                self.expect("EXISTS", "EXISTS after NOT")
            self.group_graph_pattern()
        else:
            before = self._variables_seen
            arity = BUILTINS[name.value]
            count = self.expression_list(call=True)
            if arity is not None and not arity[0] <= count <= arity[1]:
                wanted = str(arity[0]) if arity[0] == arity[1] else f"{arity[0]} to {arity[1]}"
                raise self.error_at(name, f"{name.value} takes {wanted} argument{'s' * (arity[1] != 1)}, "
                                          f"not {count}")
            if name.value in STRING_FUNCTIONS and self._variables_seen > before:
                for collecting in self._collecting:
                    collecting.string_function = True

    def _aggregate(self, name: str) -> None:
        self.expect("(", glue=True)
        self.accept("DISTINCT")
        if name == "COUNT" and self.accept("*"):
            self.expect(")")
            return
        self.expression()
        if name == "GROUP_CONCAT" and self.accept(";"):
            self.expect("SEPARATOR")
            self.expect("=")
            if self.tok.kind != "string":
                raise self.fail("a string after SEPARATOR =")
            self.advance()
        self.expect(")")
