"""The JSON answer API for programs: /api/v1/answer, /questions, /entities, /nations/{iso3}."""

from __future__ import annotations

import bisect
import re
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request

from queries import load_templates
from service.openapi import ENTITY_TYPES, openapi_spec
from service.state import state
from sharaka.errors import BadRequest, InvalidQuestion, NotFound, UnsupportedMediaType
from sharaka.qa.bind import term_text
from sharaka.qa.lexicon import EntityIndex
from sharaka.qa.normalize import fold
from sharaka.qa.render import python_value
from sharaka.store import Store

api = Blueprint("api", __name__)

_NATION_KEY = re.compile(r"^(?:[A-Z]{3}|cow-[0-9]{1,4})\Z")  # \Z, [0-9]: no final newline, no other digits
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


def _question_from_request() -> str:
    if request.method in ("GET", "HEAD"):
        question = request.args.get("q")
    else:
        if not request.is_json:
            raise UnsupportedMediaType("POST a JSON body {\"question\": \"…\"} with Content-Type application/json")
        try:
            body = request.get_json(silent=True)
        except RecursionError:  # nesting deeper than the parser's stack: not a ValueError, so not silenced
            body = None
        if not isinstance(body, dict):
            raise BadRequest("the body must be a JSON object {\"question\": \"…\"}")
        question = body.get("question")
    if question is None:
        raise InvalidQuestion("give a question: ?q=… or {\"question\": \"…\"}")
    if not isinstance(question, str):
        raise InvalidQuestion("the question must be a string")
    if not question.strip():
        raise InvalidQuestion("the question is empty")
    return question  # its length is checked by the engine, with the same setting


@api.route("/api/v1/answer", methods=["GET", "POST"])
def answer() -> Response:
    question = _question_from_request()
    return jsonify(state().engine().answer(question).to_dict())


@api.get("/api/v1/questions")
def questions() -> Response:
    return jsonify({"question_types": [
        {"id": t.id, "title": t.title, "description": t.description, "answer": t.answer,
         "slots": [{"name": s.name, "type": s.type, "optional": s.optional} for s in t.slots],
         "examples": list(t.examples)} for t in load_templates()]})


class PrefixIndex:
    """Sorted (folded name, uri) pairs for autocomplete by prefix."""

    def __init__(self, index: EntityIndex) -> None:
        pairs = {(alias, uri) for alias, entry in index.aliases.items() if not entry.case_sensitive
                 for uri in entry.entities if index.entities[uri].kind in ENTITY_TYPES}
        self.pairs = sorted(pairs)
        self.keys = [p[0] for p in self.pairs]

    def search(self, prefix: str) -> list[Any]:
        start = bisect.bisect_left(self.keys, prefix)
        found = []
        for i in range(start, len(self.keys)):
            if not self.keys[i].startswith(prefix):
                break
            found.append(self.pairs[i][1])
        return found


@api.get("/api/v1/entities")
def entities() -> Response:
    raw_prefix = request.args.get("prefix", "")
    kind = request.args.get("type")
    if kind is not None and kind not in ENTITY_TYPES:
        raise BadRequest(f"type must be one of {', '.join(ENTITY_TYPES)}")
    raw_limit = request.args.get("limit", "10")
    if not _WHOLE_NUMBER.fullmatch(raw_limit):  # int() would also take " 5", "1_0" and other scripts' digits
        raise BadRequest("limit must be a whole number")
    limit = int(raw_limit)
    if not 1 <= limit <= 50:
        raise BadRequest("limit must be between 1 and 50")
    if len(raw_prefix) > 100:
        raise BadRequest("prefix is longer than 100 characters")
    prefix = fold(raw_prefix)
    engine = state().engine()
    if not prefix:
        return jsonify({"prefix": raw_prefix, "type": kind, "items": [], "truncated": False})
    index = state().extras.get("prefix_index")
    if index is None:
        index = state().extras.setdefault("prefix_index", PrefixIndex(engine.index))
    seen: dict[str, dict[str, Any]] = {}
    for uri in index.search(prefix):
        entity = engine.index.entities[uri]
        if (kind and entity.kind != kind) or str(uri) in seen:
            continue
        seen[str(uri)] = {"uri": str(uri), "label": entity.label, "type": entity.kind, "iso3": entity.iso3,
                          "source_id": entity.source_id}
    items = sorted(seen.values(), key=lambda e: (ENTITY_TYPES.index(e["type"]), len(e["label"]), e["label"]))
    return jsonify({"prefix": raw_prefix, "type": kind, "items": items[:limit], "truncated": len(items) > limit})


_NATION_SUMMARY = """PREFIX sk: <https://w3id.org/sharaka/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?kind ?kindLabel ?partner ?partnerLabel (COUNT(DISTINCT ?agreement) AS ?agreements)
WHERE {
  VALUES ?nation { NATION }
  ?agreement sk:hasParty ?nation , ?partner ; a ?kind .
  ?kind rdfs:subClassOf sk:Agreement ; rdfs:label ?kindLabel .
  FILTER(LANG(?kindLabel) = "en" && ?partner != ?nation)
  ?partner rdfs:label ?partnerLabel .
}
GROUP BY ?kind ?kindLabel ?partner ?partnerLabel
ORDER BY ?kindLabel DESC(?agreements) ?partnerLabel"""

_NATION_FACTS = """PREFIX sk: <https://w3id.org/sharaka/ontology#>
SELECT ?p ?o WHERE { VALUES ?nation { NATION } ?nation ?p ?o .
  FILTER(?p IN (<http://www.w3.org/2004/02/skos/core#prefLabel>, sk:iso3, sk:iso2, sk:cowCode, sk:memberOf,
                <http://www.w3.org/2000/01/rdf-schema#label>, sk:demonym)) }"""

_NATION_COUNTS = """PREFIX sk: <https://w3id.org/sharaka/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?kind (COUNT(DISTINCT ?agreement) AS ?agreements) WHERE {
  VALUES ?nation { NATION }
  ?agreement sk:hasParty ?nation ; a ?kind . ?kind rdfs:subClassOf sk:Agreement .
} GROUP BY ?kind"""


def nation_summary(store: Store, index: EntityIndex, key: str) -> dict[str, Any]:
    """A nation's facts, and its partners by kind of agreement with counts (API and resource pages)."""
    uri = next((u for u, e in index.entities.items() if e.kind == "nation" and
                (e.iso3 == key or str(u).endswith("/nation/" + key))), None)
    if uri is None:
        raise NotFound(f"no nation with code {key}")
    bound = term_text(uri)
    facts: dict[str, Any] = {"uri": str(uri), "label": index.entities[uri].label, "labels": {},
                             "demonyms": [], "organizations": []}
    for row in store.select(_NATION_FACTS.replace("NATION", bound)).rows:
        p, o = str(row["p"]).rsplit("#", 1)[-1].rsplit("/", 1)[-1], row["o"]
        if p == "prefLabel":
            facts["labels"][getattr(o, "language", None) or "und"] = str(o)
        elif p in ("iso3", "iso2"):
            facts[p] = str(o)
        elif p == "cowCode":
            facts["cow_code"] = python_value(o)
        elif p == "demonym":
            facts["demonyms"].append(str(o))
        elif p == "memberOf":
            org = index.entities.get(o)  # type: ignore[call-overload]
            facts["organizations"].append({"uri": str(o), "label": org.label if org else str(o)})
    counts = {str(r["kind"]): python_value(r["agreements"])
              for r in store.select(_NATION_COUNTS.replace("NATION", bound)).rows}
    by_kind: dict[str, dict[str, Any]] = {}
    for row in store.select(_NATION_SUMMARY.replace("NATION", bound)).rows:
        kind = str(row["kind"])
        entry = by_kind.setdefault(kind, {"kind": kind, "label": str(row["kindLabel"]),
                                          "agreements": counts.get(kind, 0), "partners": []})
        partner = index.entities.get(row["partner"])  # type: ignore[call-overload]
        entry["partners"].append({"uri": str(row["partner"]), "label": str(row["partnerLabel"]),
                                  "iso3": partner.iso3 if partner else None,
                                  "agreements": python_value(row["agreements"])})
    facts["organizations"].sort(key=lambda o: o["label"])
    facts["demonyms"].sort()
    kinds = sorted(by_kind.values(), key=lambda k: -int(k["agreements"]))
    return {"nation": facts, "agreements": sum(int(v) for v in counts.values()),
            "partners": len({p["uri"] for k in kinds for p in k["partners"]}), "by_kind": kinds}


@api.get("/api/v1/nations/<key>")
def nation(key: str) -> Response:
    if not _NATION_KEY.match(key):
        raise BadRequest("a nation is named by its ISO 3166-1 alpha-3 code (PAK) or cow-<code> for past states")
    engine = state().engine()
    return jsonify(nation_summary(engine.store, engine.index, key))


@api.get("/api/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_spec(state().settings.max_question_length))


@api.get("/api/docs")
def docs() -> str:
    return render_template("api_docs.html", spec=openapi_spec(state().settings.max_question_length))
