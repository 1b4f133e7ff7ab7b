"""What the SPARQL guard costs, side by side in one run (issue 13 item 2, issue 17 item 1).

Part 1, the worst texts: each of the 20,000-character texts below was written to make a pre-check slow (quotes and
backslashes, strings and IRIs that never close, deep or many brackets, comments, many tiny tokens, long names,
escapes …). For each: the time spent in the request before the query is handed to a worker
(`sharaka.sparql.guard.precheck`; target < 10 ms), what it answered, and the time of the full reading the worker
then does (`check`: the grammar, the canonical text, the cost check; killable there). Beside the first, the
nesting regex the request ran before (quadratic on it).

Part 2, real queries: per query, `precheck`, `check` with the cost check, and what the worker did before (rdflib's
parse and algebra, which the cost check needed), for the benchmark mix (benchmarks/sparql/*.rq) and a 2 KB query.

    python benchmarks/guard_worst_case.py [--repeat 7]

Times are the best of `--repeat` runs (the machine's other work only ever adds); writes
benchmarks/results/guard-latest.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sharaka.errors import SharakaError
from sharaka.sparql.guard import check, precheck

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SIZE = 20_000
NESTING = 20
TARGET_MS = 10.0
# The request's nesting count before this guard (git history: sharaka/sparql/guard.py, _NESTING_TOKEN).
OLD_NESTING = re.compile(r'''"""(?:.*?)"""|'{3}.*?'{3}|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*'
  |<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n\r]*|[{(\[]|[})\]]''', re.DOTALL | re.VERBOSE)


def fill(start: str, unit: str, end: str = "") -> str:
    """`start`, then `unit` repeated, then `end`: exactly SIZE characters."""
    body = unit * ((SIZE - len(start) - len(end)) // len(unit) + 1)
    return (start + body)[:SIZE - len(end)] + end


WORST: dict[str, str] = {
    'a quote, then \\" (the issue\'s)': fill('"', '\\"'),
    "an apostrophe, then \\'": fill("'", "\\'"),
    "quotes only": fill("", '"'),
    '""" then \\" (a long string never closed)': fill('"""', '\\"'),
    "''' then ''a (quote pairs, never closed)": fill("'''", "''a"),
    "< only": fill("", "<"),
    "<a repeated (IRIs never closed)": fill("", "<a"),
    "one IRI never closed": fill("<http://a/", "b"),
    "one comment": fill("#", "x"),
    "many comments": fill("", "#\n"),
    "{ only (deep)": fill("", "{"),
    "() repeated": fill("", "()"),
    "nesting at the limit, repeated": fill("ASK { ", "FILTER(" + "(" * 17 + "1" + ")" * 17 + ") ", "}"),
    "many tiny tokens (1+1+…)": fill("ASK { FILTER(1", "+1", ") }"),
    "many strings": fill("ASK { VALUES ?x { ", '"a" ', "} }"),
    "many IRIs": fill("ASK { VALUES ?x { ", "<a> ", "} }"),
    "escapes in a string": fill('ASK { ?s ?p "', "\\u0041", '" }'),
    "escapes in an IRI": fill("ASK { ?s ?p <http://a/", "\\u0041", "> }"),
    "SERVICE after 20 KB of triples": fill("SELECT * { ", "?s ?p ?o . ", "SERVICE <http://a/> { } }"),
    "a long prefixed name": fill("PREFIX e: <http://e/> ASK { ?s ?p e:", "a", " }"),
    "backslashes": fill("", "\\"),
    "non-ASCII in a string": fill('ASK { ?s ?p "', "é", '" }'),
    "a lone CR at the end": fill("ASK { ", "?s ?p ?o . ", "}\r"),
    "? only": fill("", "?"),
    "many variables": fill("SELECT ", "?a ", "{ }"),
    "minus signs": fill("ASK { FILTER(", "-", "1) }"),
}


def best_of(repeat: int, work: Callable[[], Any]) -> tuple[float, str]:
    """Best time in ms, and how it ended ("ok" or the error code)."""
    best, outcome = float("inf"), ""
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            work()
            outcome = "ok"
        except SharakaError as exc:
            outcome = exc.code
        best = min(best, time.perf_counter() - started)
    return best * 1000, outcome


def worst_cases(repeat: int) -> list[dict[str, Any]]:
    rows = []
    print(f"{'worst 20,000-character text':46} {'precheck ms':>11} {'answer':>16} {'check ms':>9} {'answer':>16}")
    for name, text in WORST.items():
        assert len(text) == SIZE, name
        before, answer = best_of(repeat, lambda t=text: precheck(t, SIZE, NESTING))
        reading, verdict = best_of(max(1, repeat // 2), lambda t=text: check(t, max_length=SIZE, max_nesting=NESTING,
                                                                            judge_cost=True))
        rows.append({"text": name, "precheck_ms": round(before, 3), "precheck": answer,
                     "check_ms": round(reading, 3), "check": verdict, "under_target": before < TARGET_MS})
        print(f"{name:46} {before:11.2f} {answer:>16} {reading:9.2f} {verdict:>16}")
    old, _ = best_of(1, lambda: sum(1 for _ in OLD_NESTING.finditer(WORST['a quote, then \\" (the issue\'s)'])))
    slowest = max(rows, key=lambda r: r["precheck_ms"])
    print(f"\nslowest precheck: {slowest['precheck_ms']:.2f} ms ({slowest['text']}); target {TARGET_MS:g} ms: "
          f"{'met' if slowest['under_target'] else 'NOT MET'}")
    print(f"the former nesting regex on the issue's text: {old:.0f} ms "
          f"({old / max(rows[0]['precheck_ms'], 1e-3):,.0f}x the precheck)")
    return rows


def two_kb_query() -> str:
    """A researcher's query of about 2 KB: joins, OPTIONALs, FILTERs, a sub-query, ORDER BY."""
    parts = ["PREFIX sk: <https://w3id.org/sharaka/ontology#>", "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>",
             "SELECT ?agreement ?name ?start ?partner ?partnerName ?n WHERE {"]
    for i in range(12):
        parts.append(f"  ?agreement sk:hasParty ?p{i} . OPTIONAL {{ ?p{i} rdfs:label ?l{i} "
                     f"FILTER(LANG(?l{i}) = \"en\") }}")
    parts += ["  ?agreement rdfs:label ?name ; sk:startYear ?start ; sk:hasParty ?partner .",
              "  ?partner rdfs:label ?partnerName .",
              "  { SELECT ?partner (COUNT(?a) AS ?n) WHERE { ?a sk:hasParty ?partner } GROUP BY ?partner }",
              "  FILTER(?start >= 1990 && CONTAINS(LCASE(STR(?name)), \"defen\"))",
              "} ORDER BY DESC(?n) ?start LIMIT 50"]
    return "\n".join(parts)


def real_queries(repeat: int) -> list[dict[str, Any]]:
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    queries = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "benchmarks" / "sparql").glob("*.rq"))}
    queries["2 KB researcher query"] = two_kb_query()
    rows = []
    print(f"\n{'query':36} {'chars':>6} {'precheck ms':>11} {'check ms':>9} {'rdflib ms':>10} {'rdflib/check':>12}")
    for name, text in queries.items():
        before, _ = best_of(repeat, lambda t=text: precheck(t, SIZE, NESTING))
        reading, answer = best_of(repeat, lambda t=text: check(t, max_length=SIZE, max_nesting=NESTING,
                                                              base_iri="http://localhost/sparql", judge_cost=True))
        assert answer == "ok", (name, answer)
        old, _ = best_of(max(1, repeat // 3), lambda t=text: translateQuery(parseQuery(t)))
        rows.append({"query": name, "chars": len(text), "precheck_ms": round(before, 3),
                     "check_ms": round(reading, 3), "rdflib_ms": round(old, 3)})
        print(f"{name:36} {len(text):6} {before:11.3f} {reading:9.3f} {old:10.2f} {old / reading:11.0f}x")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    result = {"worst_cases": worst_cases(args.repeat), "real_queries": real_queries(args.repeat),
              "target_ms": TARGET_MS, "size": SIZE}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "guard-latest.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
