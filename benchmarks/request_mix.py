"""What the load runs send: researcher queries, pathological ones, the real question sets, the bound SPARQL the
service returns, and `realistic_mix`, a picker of chat, API and SPARQL requests in given shares."""

from __future__ import annotations

import json
import random
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sharaka.benchmarks.loadgen import Pick, RequestSpec
from sharaka.benchmarks.server_process import ROOT, http_get

# What a researcher types at /sparql: counts, lists, joins, a CONSTRUCT, an ASK; each bounded and fast.
SK = "PREFIX sk: <https://w3id.org/sharaka/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
RESEARCHER_QUERIES: tuple[str, ...] = (
    SK + "SELECT (COUNT(*) AS ?n) WHERE { ?a a sk:Agreement }",
    SK + "SELECT ?org ?label WHERE { ?org a sk:InternationalOrganization ; rdfs:label ?label } ORDER BY ?label",
    SK + "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY DESC(?n)",
    SK + "SELECT ?kind (COUNT(?a) AS ?n) WHERE { ?a a ?kind . ?kind rdfs:subClassOf sk:Agreement } GROUP BY ?kind",
    SK + "SELECT ?a ?y WHERE { ?a sk:hasParty <https://w3id.org/sharaka/id/nation/PAK> ; sk:startYear ?y } "
         "ORDER BY DESC(?y) LIMIT 50",
    SK + "SELECT ?p (COUNT(?a) AS ?n) WHERE { ?a sk:hasParty <https://w3id.org/sharaka/id/nation/TUR> , ?p . "
         "FILTER(?p != <https://w3id.org/sharaka/id/nation/TUR>) } GROUP BY ?p ORDER BY DESC(?n) LIMIT 20",
    SK + "ASK { ?a sk:hasParty <https://w3id.org/sharaka/id/nation/EGY> , <https://w3id.org/sharaka/id/nation/SAU> }",
    SK + "SELECT ?m WHERE { <https://w3id.org/sharaka/id/organization/OIC> sk:hasMember ?m }",
    SK + "CONSTRUCT { ?a ?p ?o } WHERE { ?a sk:sourceId \"atop:3222\" ; ?p ?o }",
    SK + "SELECT ?s ?label WHERE { ?s rdfs:label ?label . FILTER(CONTAINS(LCASE(STR(?label)), \"abraham\")) } "
         "LIMIT 20",
    "DESCRIBE <https://w3id.org/sharaka/id/nation/JOR>",
    SK + "SELECT ?y (COUNT(?a) AS ?n) WHERE { ?a sk:startYear ?y . FILTER(?y >= 1990) } GROUP BY ?y ORDER BY ?y",
)

# Queries that do far too much work: each must be cut by the time limit (they are never well-formed load).
PATHOLOGICAL_QUERIES: tuple[str, ...] = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i",
    'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?x . ?t ?q ?y . '
    'FILTER regex(CONCAT(STR(?x), STR(?y), STR(?x), STR(?y)), "^(a+)+$") }',
    # Expensive, but not by its shape (one connected join: ~10^9 rows): only the fast lane's CPU slice tells.
    SK + "SELECT (COUNT(*) AS ?n) WHERE { ?a sk:hasParty ?x . ?b sk:hasParty ?x . ?c sk:hasParty ?x }",
)

NATIONS = ("PAK", "TUR", "EGY", "SAU", "IRN", "IDN", "MYS", "QAT", "ARE", "JOR", "MAR", "DZA", "NGA", "USA", "CHN")
PREFIXES = ("pak", "tur", "sau", "ara", "gul", "nat", "ind", "ma", "eg", "ira")


def load_questions(paths: Sequence[Path] | None = None) -> list[str]:
    """The questions of the real evaluation sets (tests/questions/*.jsonl)."""
    paths = paths or sorted((ROOT / "tests" / "questions").glob("*.jsonl"))
    found: list[str] = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(json.loads(line)["question"])
    return found


def answer_queries(base_url: str, questions: Sequence[str], limit: int = 40) -> list[str]:
    """The bound SPARQL the service returns for some answered questions: what a researcher copies to /sparql."""
    found: list[str] = []
    for question in questions:
        if len(found) >= limit:
            break
        status, body = http_get(f"{base_url}/api/v1/answer?" + urllib.parse.urlencode({"q": question}), timeout=30)
        if status == 200:
            sparql = json.loads(body).get("sparql")
            if sparql and json.loads(body).get("status") == "answered":
                found.append(sparql)
    return found


def sparql_request(query: str, rng: random.Random, pathological: bool = False) -> RequestSpec:
    kind = "sparql"
    accept = rng.choice(("application/sparql-results+json", "text/csv", "application/sparql-results+xml"))
    if query.lstrip().upper().startswith(("CONSTRUCT", "DESCRIBE")) or "\nCONSTRUCT" in query:
        accept = "text/turtle"
    if rng.random() < 0.5:
        return RequestSpec(kind, "GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                           headers={"Accept": accept}, pathological=pathological)
    return RequestSpec(kind, "POST", "/sparql", body=query.encode(),
                       headers={"Accept": accept, "Content-Type": "application/sparql-query"},
                       pathological=pathological)


@dataclass(frozen=True)
class Mix:
    """Weights of the kinds of requests (the rest of a share goes to the others), and the share of
    /sparql requests replaced by pathological queries (of all requests)."""

    chat: float = 0.45
    api: float = 0.30
    sparql: float = 0.25
    pathological: float = 0.0
    # Each pathological query made new (a LIMIT that changes nothing), so the service cannot know it from
    # an earlier one; False sends the same few texts again, as a client retrying would.
    fresh_pathological: bool = True


def realistic_mix(base_url: str, mix: Mix | None = None, questions: Sequence[str] | None = None,
                  sparql_queries: Sequence[str] | None = None) -> Pick:
    """A request picker: chat (the chat page's POST /api/v1/answer and its autocomplete), API calls (GET
    answer, nation summaries, linked data) and SPARQL (researcher queries and the service's own bound
    queries), with `mix.pathological` of all requests being pathological SPARQL."""
    mix = mix or Mix()
    questions = list(questions or load_questions())
    rng0 = random.Random(7)
    if sparql_queries is None:
        sparql_queries = [*RESEARCHER_QUERIES, *answer_queries(base_url, rng0.sample(questions, 80))]
    queries = list(sparql_queries)
    total = mix.chat + mix.api + mix.sparql

    def pick(rng: random.Random) -> RequestSpec:
        if mix.pathological and rng.random() < mix.pathological:
            query = rng.choice(PATHOLOGICAL_QUERIES)
            if mix.fresh_pathological:
                query += f" LIMIT {rng.randrange(10**6, 10**9)}"
            return sparql_request(query, rng, pathological=True)
        r = rng.random() * total
        if r < mix.chat:
            if rng.random() < 0.2:
                return RequestSpec("chat", "GET", "/api/v1/entities?" + urllib.parse.urlencode(
                    {"limit": 8, "prefix": rng.choice(PREFIXES)}), headers={"Accept": "application/json"})
            body = json.dumps({"question": rng.choice(questions)}).encode()
            return RequestSpec("chat", "POST", "/api/v1/answer", body=body,
                               headers={"Content-Type": "application/json", "Accept": "application/json"})
        if r < mix.chat + mix.api:
            choice = rng.random()
            if choice < 0.6:
                return RequestSpec("api", "GET", "/api/v1/answer?" + urllib.parse.urlencode(
                    {"q": rng.choice(questions)}), headers={"Accept": "application/json"})
            if choice < 0.8:
                return RequestSpec("api", "GET", f"/api/v1/nations/{rng.choice(NATIONS)}",
                                   headers={"Accept": "application/json"})
            return RequestSpec("api", "GET", f"/id/nation/{rng.choice(NATIONS)}", headers={"Accept": "text/turtle"})
        return sparql_request(rng.choice(queries), rng)

    return pick
