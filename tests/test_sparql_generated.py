"""Generated queries (hypothesis): valid SPARQL written in every way the lexer must follow (any spacing, comments,
CRLF, keyword case, the four string forms, escapes, prefixed names, relative IRIs, paths, collections, blank
nodes, nested groups and expressions). For each: the guard accepts it, its canonical text is a fixed point, the
request's quick look accepts it too, and Oxigraph gives the same answer on a small graph for the canonical text as
for the user's text."""

from __future__ import annotations

import itertools
from collections import Counter
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sharaka.sparql.guard import check, precheck

BASE = "http://b.example/sparql"
E = "http://e.example/"
SPACES = st.sampled_from([" ", "  ", "\n", "\t", "\r\n", " # a comment with { ( [ \" ' \\u0041 SERVICE\n", "\n#\n"])
CASES = st.sampled_from([str.upper, str.lower, str.title])
SEP = "\u00a6"  # where the generated query has a token boundary: replaced by drawn white space and comments


@st.composite
def strings(draw: Any) -> str:
    text = draw(st.sampled_from(["x", "a b", "it's", 'say "hi"', "é", "#not a comment", "SERVICE <http://a/>"]))
    form = draw(st.sampled_from(['"', "'", '"""', "'''"]))
    escape = {'"': '\\"', "'": "\\'"}
    body = "".join(escape.get(c, c) if c == form[0] else c for c in text)
    if draw(st.booleans()):
        body = body.replace("x", "\\u0078").replace("a", "\\U00000061")
    suffix = draw(st.sampled_from(["", "@en", "@en-GB", "^^<http://www.w3.org/2001/XMLSchema#string>", "^^xsd:string"]))
    return form + body + form + suffix


def terms(variables: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(variables, st.sampled_from([f"<{E}s>", "e:s", "e:o", "<rel/x>", "<#frag>", f"<{E}\\u0073>",
                                                 "e:a\\.b", "1", "-2", "+3.5", ".5", "1e3", "true", "false", "()"]),
                     strings())


PATHS = st.sampled_from(["e:p", f"<{E}p>", "a", "e:p/e:q", "^e:p", "e:p*", "e:p+", "e:p?", "(e:p|e:q)+", "!e:p",
                         "!(e:p|^e:q)", "e:p/^e:q*", "?p"])
VARIABLES = st.sampled_from(["?s", "?o", "$o", "?x", "?y"])


@st.composite
def expressions(draw: Any, depth: int = 0) -> str:
    leaf = draw(st.one_of(VARIABLES, st.sampled_from(["1", "2.5", "-1", '"a"', "e:o", "true"])))
    if depth > 2 or draw(st.booleans()):
        return leaf
    other = draw(expressions(depth + 1))
    shape = draw(st.sampled_from(["{a}<{b}", "{a} <= {b}", "{a}>{b}", "{a}!={b}", "{a}={b}&&{b}>={a}", "({a}||{b})",
                                  "STR({a})=STR({b})", "!BOUND({v})", "{a} IN ({b}, 1)", "{a}+-1>{b}",
                                  "REGEX(STR({a}), \"^a\", \"i\")", "COALESCE({a},{b})=1", "IF({a},{b},1)=1",
                                  "{a}*2/{b}-1<3"]))
    return "(" + shape.format(a=leaf, b=other, v=draw(VARIABLES)) + ")"


@st.composite
def groups(draw: Any, depth: int = 0) -> str:
    counter = itertools.count()
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["triple", "triple", "filter", "optional", "union", "values", "bind", "list"]
                                    if depth < 2 else ["triple", "filter"]))
        if kind == "triple":
            parts.append(f"{draw(terms(VARIABLES))}{SEP}{draw(PATHS)}{SEP}{draw(terms(VARIABLES))}{SEP}.")
        elif kind == "list":
            parts.append(SEP.join(["?s", "e:p", "(", draw(terms(VARIABLES)), "[", "e:q", draw(terms(VARIABLES)),
                                   "]", ")", "."]))
        elif kind == "filter":
            parts.append(f"FILTER{SEP}({draw(expressions())})")
        elif kind == "optional":
            parts.append(SEP.join(["OPTIONAL", "{", draw(groups(depth + 1)), "}"]))
        elif kind == "union":
            parts.append(SEP.join(["{", draw(groups(depth + 1)), "}", "UNION", "{", draw(groups(depth + 1)), "}"]))
        elif kind == "values":
            parts.append(SEP.join(["VALUES", "(?x", "?y)", "{", "(1", "UNDEF)", "(e:o", '"a")', "}"]))
        else:
            parts.append(SEP.join([f"BIND({draw(expressions())}", "AS",
                                   f"?b{depth}{next(counter)}{draw(st.integers(0, 999))})"]))
    return SEP.join(parts)


@st.composite
def queries(draw: Any) -> str:
    form = draw(st.sampled_from(["SELECT * WHERE", "SELECT DISTINCT ?s ?o WHERE", "ASK", "SELECT (COUNT(*) AS ?n)",
                                 "CONSTRUCT { ?s e:p ?o } WHERE"]))
    body = SEP.join(["PREFIX", "e:", f"<{E}>", "PREFIX", "xsd:", "<http://www.w3.org/2001/XMLSchema#>",
                     *form.split(" "), "{", draw(groups()), "}"])
    if form.startswith("SELECT *") and draw(st.booleans()):
        body += SEP + SEP.join(["ORDER", "BY", "?s", "LIMIT", "5"])
    case = draw(CASES)
    words = {"PREFIX", "SELECT", "DISTINCT", "WHERE", "ASK", "CONSTRUCT", "FILTER", "OPTIONAL", "UNION", "VALUES",
             "AS", "UNDEF", "ORDER", "BY", "LIMIT"}
    return "".join((case(t) if t in words else t) + draw(SPACES) for t in body.split(SEP) if t)


@pytest.fixture(scope="module")
def small_graph() -> ox.Store:
    store = ox.Store()
    node = {"s": ox.NamedNode(E + "s"), "o": ox.NamedNode(E + "o"), "p": ox.NamedNode(E + "p"),
            "q": ox.NamedNode(E + "q")}
    for subject, predicate, obj in [("s", "p", "o"), ("o", "q", "s"), ("s", "q", "s")]:
        store.add(ox.Quad(node[subject], node[predicate], node[obj]))
    store.add(ox.Quad(node["s"], node["p"], ox.Literal("x")))
    store.add(ox.Quad(node["o"], node["p"], ox.Literal("a b", language="en")))
    store.add(ox.Quad(ox.NamedNode("http://b.example/rel/x"), node["p"], ox.Literal("1", datatype=ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#integer"))))
    return store


def answer(store: ox.Store, text: str, base: str | None) -> Any:
    found = store.query(text, base_iri=base)
    if isinstance(found, ox.QueryBoolean):
        return bool(found)
    if isinstance(found, ox.QueryTriples):
        return Counter(str(t) for t in found)
    return Counter(tuple(str(row[v.value]) for v in found.variables) for row in found)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                   HealthCheck.function_scoped_fixture])
@given(queries())
def test_generated_queries_mean_the_same(small_graph: ox.Store, query: str) -> None:
    once = check(query, max_length=20000, max_nesting=20, base_iri=BASE)
    assert check(once.text, max_length=20000, max_nesting=20).text == once.text
    precheck(query, 20000, 20)
    assert answer(small_graph, once.text, None) == answer(small_graph, query, BASE), once.text
