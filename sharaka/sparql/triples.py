"""Triple patterns, property paths and VALUES blocks of the SPARQL 1.1 grammar (§19.8), read token by
token; each triple is recorded for the cost check. Blank node property lists `[ … ]` and collections `( … )` are
expanded into triples with fresh blank nodes, as the algebra does."""

from __future__ import annotations

from sharaka.sparql.expressions import ExpressionReader
from sharaka.sparql.patterns import RDF_TYPE, Group, Path, Triple

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_FIRST, RDF_REST, RDF_NIL = f"<{RDF}first>", f"<{RDF}rest>", f"<{RDF}nil>"
TERMS = frozenset({"var", "iri", "pname", "string", "number", "bnode"})


class TriplesReader(ExpressionReader):
    """Triples, paths and data blocks; the query grammar (sharaka.sparql.grammar) reads the rest."""

    def __init__(self, text: str, max_nesting: int | None, base_iri: str | None) -> None:
        super().__init__(text, max_nesting, base_iri)
        self._blank_nodes = 0

    def data_block(self) -> set[str]:
        if self.tok.kind == "var":
            names = [self.variable()]
            self.expect("{")
            while not self.accept("}"):
                self._data_value()
            return set(names)
        self.expect("(", "a variable or ( variables ) after VALUES")
        names = []
        while self.tok.kind == "var":
            names.append(self.variable())
        self.expect(")", "a variable or ')'")
        self.expect("{")
        while self.at("("):
            row = self.advance()
            count = 0
            while not self.accept(")"):
                self._data_value()
                count += 1
            if count != len(names):
                raise self.error_at(row, f"this VALUES row has {count} value{'s' * (count != 1)} for "
                                         f"{len(names)} variable{'s' * (len(names) != 1)}")
        self.expect("}", "'(' (a row) or '}'")
        return set(names)

    def _data_value(self) -> None:
        if self.tok.kind in ("iri", "pname"):
            self.take_iri()
        elif self.tok.kind == "string":
            self.rdf_literal()
        elif self.tok.kind == "number" or self.at("TRUE", "FALSE"):
            self.literal_value()
        elif not self.accept("UNDEF"):
            raise self.fail("a value (an IRI, a literal or UNDEF)")

    def var_or_iri(self) -> str:
        return self.variable() if self.tok.kind == "var" else f"<{self.take_iri(what='a variable or an IRI')}>"


    def triples_template(self, group: Group) -> None:
        """Triples separated by '.', without property paths (CONSTRUCT)."""
        while self.tok.kind in TERMS or self.at("(", "[", "TRUE", "FALSE"):
            self.triples_same_subject(group, paths=False)
            if not self.accept("."):
                return

    def triples_same_subject(self, group: Group, paths: bool) -> None:
        subject, holds_triples = self._graph_node(group, paths)
        if holds_triples and not self._starts_verb(paths):
            return  # [ :p :o ] or ( 1 2 ) alone is a pattern already
        self._property_list(group, subject, paths)

    def _property_list(self, group: Group, subject: str, paths: bool) -> None:
        self._object_list(group, subject, self._verb(paths), paths)
        while self.accept(";"):
            if self._starts_verb(paths):
                self._object_list(group, subject, self._verb(paths), paths)

    def _starts_verb(self, paths: bool) -> bool:
        return self.tok.kind in ("var", "iri", "pname", "a") or (paths and self.at("^", "!", "("))

    def _verb(self, paths: bool) -> str | Path:
        if self.tok.kind == "var":
            return self.variable()
        if paths and self._starts_verb(paths):
            return self._path()
        if self.tok.kind == "a":
            self.advance()
            return RDF_TYPE
        return f"<{self.take_iri(what='a property: an IRI, a prefixed name, a or a variable')}>"

    def _object_list(self, group: Group, subject: str, predicate: str | Path, paths: bool) -> None:
        group.triples.append(Triple(subject, predicate, self._graph_node(group, paths)[0]))
        while self.accept(","):
            group.triples.append(Triple(subject, predicate, self._graph_node(group, paths)[0]))

    def _graph_node(self, group: Group, paths: bool) -> tuple[str, bool]:
        """A term, or a blank node property list / collection (its triples added to `group`); the term it
        stands for, and whether it held triples."""
        if self.accept("["):
            node = self._fresh_blank_node()
            if self.accept("]"):
                return node, False
            self._property_list(group, node, paths)
            self.expect("]", "';', ',' or ']'")
            return node, True
        if self.accept("("):
            if self.accept(")"):
                return RDF_NIL, False
            items = [self._graph_node(group, paths)[0]]
            while not self.accept(")"):
                items.append(self._graph_node(group, paths)[0])
            cells = [self._fresh_blank_node() for _ in items]
            for cell, item, rest in zip(cells, items, [*cells[1:], RDF_NIL], strict=True):
                group.triples += [Triple(cell, RDF_FIRST, item), Triple(cell, RDF_REST, rest)]
            return cells[0], True
        return self._term(), False

    def _term(self) -> str:
        kind = self.tok.kind
        if kind == "var":
            return self.variable()
        if kind in ("iri", "pname"):
            return f"<{self.take_iri()}>"
        if kind == "string":
            return self.rdf_literal()
        if kind == "number" or self.at("TRUE", "FALSE"):
            return self.literal_value()
        if kind == "bnode":
            return "_:" + self.advance().value
        raise self.fail("a variable, an IRI, a literal, a blank node, [ … ] or ( … )")

    def _fresh_blank_node(self) -> str:
        self._blank_nodes += 1
        return f"_:#{self._blank_nodes}"  # '#' cannot appear in a label the query writes

    # -- property paths -------------------------------------------------------------------------------------
    def _path(self) -> str | Path:
        parts = [self._path_sequence()]
        while self.accept("|"):
            parts.append(self._path_sequence())
        return parts[0] if len(parts) == 1 else Path(any(isinstance(p, Path) and p.unbounded for p in parts))

    def _path_sequence(self) -> str | Path:
        parts = [self._path_element()]
        while self.accept("/"):
            parts.append(self._path_element())
        return parts[0] if len(parts) == 1 else Path(any(isinstance(p, Path) and p.unbounded for p in parts))

    def _path_element(self) -> str | Path:
        inverse = self.accept("^")
        primary = self._path_primary()
        if self.tok.kind == "number" and self.tok.value.startswith("+"):  # `<p>+1`: the + modifier, then 1
            self.reread_as_punctuation()
        if self.at("?", "*", "+"):
            modifier = self.advance().value
            return Path(modifier != "?" or (isinstance(primary, Path) and primary.unbounded))
        if inverse:
            return Path(isinstance(primary, Path) and primary.unbounded)
        return primary

    def _path_primary(self) -> str | Path:
        if self.tok.kind == "a":
            self.advance()
            return RDF_TYPE
        if self.accept("!"):
            if self.accept("("):
                if not self.accept(")"):
                    self._path_one_in_set()
                    while self.accept("|"):
                        self._path_one_in_set()
                    self.expect(")", "'|' or ')'")
            else:
                self._path_one_in_set()
            return Path(False)
        if self.accept("("):
            inner = self._path()
            self.expect(")", "'/', '|' or ')' in the property path")
            return inner
        return f"<{self.take_iri(what='a property path: an IRI, a, ^, ! or (')}>"

    def _path_one_in_set(self) -> None:
        self.accept("^")
        if self.tok.kind == "a":
            self.advance()
        else:
            self.take_iri(what="an IRI or a in the negated property set")
