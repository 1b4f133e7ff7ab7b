"""The static cost check (sharaka.sparql.cost, on the grammar's reading of the query): each rule with queries it
must flag and near-misses it must not, and every query real users send (researcher queries of the load run, the
service's own bound queries for every template example) staying in the fast lane."""

from __future__ import annotations

import pytest

from sharaka.benchmarks.request_mix import PATHOLOGICAL_QUERIES, RESEARCHER_QUERIES
from sharaka.queries import load_templates
from sharaka.sparql.guard import check, check_query

P = ("PREFIX sk: <https://w3id.org/sharaka/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
     "PREFIX n: <https://w3id.org/sharaka/id/nation/>\n")


def judged(query: str) -> str:
    return check(query, max_length=20000, max_nesting=20, judge_cost=True).expensive


def shape(query: str) -> str:
    return judged(P + query)


# (query, the word the reason must contain); a near-miss that passes follows each group.
FLAGGED = [
    # cross product of open components
    ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "cross product"),
    ("SELECT * WHERE { ?a a sk:Agreement . ?b a sk:Agreement }", "cross product"),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?a sk:signedYear ?y . ?b sk:signedYear ?z }", "cross product"),
    ("SELECT * WHERE { ?a a sk:Agreement . { ?b a sk:Nation } UNION { ?b a sk:Agreement } }", "cross product"),
    ("SELECT * WHERE { ?s sk:hasParty ?p OPTIONAL { ?a sk:signedYear ?y } }", "cross product"),
    ("SELECT * WHERE { { SELECT ?s WHERE { ?s a sk:Agreement . ?t a sk:Nation } } }", "cross product"),
    ("SELECT * WHERE { GRAPH ?g { ?a a sk:Agreement . ?b a sk:Nation } }", "cross product"),
    ("ASK { ?a sk:hasParty ?x . ?b sk:hasParty ?y }", "cross product"),
    ("CONSTRUCT { ?a ?p ?b } WHERE { ?a a sk:Agreement . ?b a sk:Nation }", "cross product"),
    # ORDER BY / GROUP BY / DISTINCT over such
    ("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i", "cross product"),
    ("SELECT ?a (COUNT(*) AS ?n) WHERE { ?a a sk:Agreement . ?b a sk:Nation } GROUP BY ?a ORDER BY ?n",
     "cross product"),
    ("SELECT DISTINCT ?a WHERE { ?a a sk:Agreement . ?b a sk:Nation } LIMIT 5", "cross product"),
    # ?s ?p ?o joined by no variable, or only with its like
    ("SELECT * WHERE { n:PAK rdfs:label ?l . ?s ?p ?o }", "?s ?p ?o"),
    ("SELECT * WHERE { ?s ?p ?o . ?o ?q ?r }", "?s ?p ?o"),
    ("SELECT * WHERE { VALUES ?x { n:PAK } ?x rdfs:label ?l . ?s ?p ?o }", "?s ?p ?o"),
    # a string function in a FILTER over a product
    ("SELECT * WHERE { n:PAK rdfs:label ?l . ?s rdfs:label ?m FILTER regex(?m, ?l) }", "string function"),
    ("SELECT * WHERE { n:PAK rdfs:label ?l . ?s rdfs:label ?m FILTER(CONTAINS(LCASE(?m), LCASE(?l))) }",
     "string function"),
    # an unbounded path with both ends open
    ("SELECT * WHERE { ?a sk:partOf+ ?b }", "path"),
    ("SELECT * WHERE { ?a (sk:partOf|sk:hasMember)* ?b }", "path"),
    ("SELECT * WHERE { ?a sk:hasParty/sk:partOf* ?b . ?b a sk:Nation }", "path"),
]

NOT_FLAGGED = [
    "SELECT * WHERE { ?a a sk:Agreement ; sk:hasParty ?p }",  # one component
    "SELECT * WHERE { ?a sk:hasParty n:PAK . ?b sk:hasParty ?p }",  # one open component, one pinned
    "SELECT * WHERE { ?a sk:hasParty ?x . ?b sk:hasParty ?y VALUES ?x { n:PAK } }",  # VALUES pins one side
    "SELECT * WHERE { BIND(n:PAK AS ?x) ?a sk:hasParty ?x . ?b sk:hasParty ?y }",  # a constant BIND pins too
    "SELECT * WHERE { ?s ?p ?o } LIMIT 10",  # the whole graph, but alone
    "SELECT * WHERE { ?s ?p ?o BIND(1 AS ?k) }",  # a BIND is not a pattern
    "SELECT * WHERE { ?a sk:sourceId 'atop:3222' ; ?p ?o }",  # ?s ?p ?o joined through a pinned ?a
    "SELECT * WHERE { ?s ?p ?o VALUES ?s { n:PAK n:TUR } }",
    "SELECT * WHERE { ?s rdfs:label ?l FILTER regex(?l, 'abraham', 'i') }",  # string filter, no product
    "SELECT * WHERE { VALUES ?q { 'abraham' } ?s rdfs:label ?l FILTER(CONTAINS(?l, ?q)) }",  # product with 1 row
    "SELECT * WHERE { ?a sk:partOf+ n:OIC }",  # path, one end bound
    "SELECT * WHERE { ?a sk:partOf? ?b }",  # ? is bounded
    "SELECT * WHERE { ?a sk:partOf+ ?b . ?b sk:hasParty n:PAK }",  # path pinned through its component
    "SELECT * WHERE { ?a sk:hasParty ?n . ?b sk:hasParty ?n }",  # expensive, but not by its shape: the slice
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "ASK { n:PAK ?p ?o . n:TUR ?q ?r }",  # a product of two pinned components
]


@pytest.mark.parametrize(("query", "reason"), FLAGGED)
def test_flagged(query: str, reason: str) -> None:
    assert reason in shape(query)


@pytest.mark.parametrize("query", NOT_FLAGGED)
def test_not_flagged(query: str) -> None:
    assert shape(query) == ""


@pytest.mark.parametrize("query", RESEARCHER_QUERIES)
def test_researcher_queries_stay_fast(query: str) -> None:
    assert judged(query) == ""


@pytest.mark.parametrize("query", PATHOLOGICAL_QUERIES[:3])  # the fourth hides its cost
def test_load_run_pathological_queries_are_flagged(query: str) -> None:
    assert judged(query) != ""


def test_every_template_bound_for_its_examples_stays_fast(engine) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for template in load_templates():
        for question in template.examples:
            sparql = engine.answer(question).sparql
            if sparql:
                assert check_query(sparql, 20000, judge_cost=True).expensive == "", (template.id, question)
                checked += 1
    assert checked >= 41


def test_judged_only_when_asked() -> None:
    assert check_query(P + "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", 20000).expensive == ""
    assert check_query(P + "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", 20000, judge_cost=True).expensive


def test_the_hidden_pathological_query_is_left_to_the_cpu_slice() -> None:
    assert judged(PATHOLOGICAL_QUERIES[3]) == ""


# Beside each rule, where the grammar puts what rdflib's algebra put: EXISTS is not a part of its group, a GRAPH
# group and a plain nested group join with theirs, MINUS is judged alone, a trailing VALUES pins the group.
PLACEMENT = [
    ("SELECT * WHERE { ?a a sk:Agreement FILTER EXISTS { ?b a sk:Nation } }", ""),
    ("SELECT * WHERE { ?a a sk:Agreement { ?b a sk:Nation } }", "cross product"),
    ("SELECT * WHERE { ?a a sk:Agreement GRAPH ?g { ?b a sk:Nation } }", "cross product"),
    ("SELECT * WHERE { ?a a sk:Agreement MINUS { ?b a sk:Nation } }", ""),
    ("SELECT * WHERE { ?a a sk:Agreement MINUS { ?b a sk:Nation . ?c a sk:Nation } }", "cross product"),
    ("SELECT * WHERE { ?a sk:hasParty ?x . ?b sk:hasParty ?y } VALUES ?x { n:PAK }", ""),
    ("SELECT * WHERE { ?a sk:hasParty ?x . [] sk:hasParty ?y }", "cross product"),  # [] is a variable
    ("SELECT * WHERE { ?a sk:hasParty ?x . ?b sk:hasParty ( ?x ) }", ""),  # the list shares ?x
]


@pytest.mark.parametrize(("query", "reason"), PLACEMENT)
def test_where_parts_sit(query: str, reason: str) -> None:
    found = shape(query)
    assert (reason in found) if reason else found == "", found

