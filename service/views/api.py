"""The JSON answer API for programs: /api/v1/answer, /questions, /entities, /nations/{iso3}."""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request, url_for
from rdflib import Literal

from sharaka.errors import BadRequest, InvalidQuestion, NotFound, UnsupportedMediaType
from sharaka.qa.bind import named
from sharaka.qa.language import UnsupportedLanguage, check_lang
from sharaka.qa.lexicon import EntityIndex
from sharaka.qa.normalize import fold
from sharaka.qa.prefix_index import PrefixIndex
from sharaka.qa.render import python_value
from sharaka.queries import load_templates
from sharaka.service.openapi import ENTITY_TYPES, openapi_spec
from sharaka.service.state import state
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


def _lang_from_request() -> str | None:
    """`lang` (ar, en, fr, tr or auto) from the query string or the JSON body; absent means detect."""
    lang = request.args.get("lang")
    if lang is None and request.is_json:
        body = request.get_json(silent=True)
        lang = body.get("lang") if isinstance(body, dict) else None
    if lang is not None and not isinstance(lang, str):
        raise InvalidQuestion("lang must be a string: ar, en, fr, tr or auto")
    try:
        check_lang(lang)
    except UnsupportedLanguage as e:
        raise InvalidQuestion(str(e)) from None
    return lang


@api.route("/api/v1/answer", methods=["GET", "POST"])
def answer() -> Response:
    question = _question_from_request()
    body = state().engine().answer(question, lang=_lang_from_request()).to_dict()
    # The chat page runs `/?q=…` on load: the address that shows this answer to a person, built from the
    # request's own URL (scheme and host as this request reached the service).
    body["permalink"] = url_for("chat.page", q=question.strip(), _external=True)
    return jsonify(body)


@api.get("/api/v1/questions")
def questions() -> Response:
    return jsonify({"question_types": [
        {"id": t.id, "title": t.title, "description": t.description, "answer": t.answer,
         "slots": [{"name": s.name, "type": s.type, "optional": s.optional} for s in t.slots],
         "examples": list(t.examples)} for t in load_templates()]})


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
    index = state().prefix_index
    if index is None:
        index = state().prefix_index = PrefixIndex(engine.index, ENTITY_TYPES)
    seen: dict[str, dict[str, Any]] = {}
    for uri in index.search(prefix):
        entity = engine.index.entities[uri]
        if (kind and entity.kind != kind) or str(uri) in seen:
            continue
        seen[str(uri)] = {"uri": str(uri), "label": entity.label, "type": entity.kind, "iso3": entity.iso3,
                          "source_id": entity.source_id}
    items = sorted(seen.values(), key=lambda e: (ENTITY_TYPES.index(e["type"]), len(e["label"]), e["label"]))
    return jsonify({"prefix": raw_prefix, "type": kind, "items": items[:limit], "truncated": len(items) > limit})


def _year_arg(name: str) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return None
    if not re.fullmatch(r"[0-9]{4}", raw):
        raise BadRequest(f"{name} must be a year of four digits")
    return int(raw)


def nation_summary(store: Store, index: EntityIndex, key: str,
                   years: tuple[int | None, int | None] = (None, None)) -> dict[str, Any]:
    """A nation's facts, and its partners by kind of agreement with counts (API and resource pages), over
    agreements that started within `years` (first, last; None: open)."""
    uri = next((u for u, e in index.entities.items() if e.kind == "nation" and
                (e.iso3 == key or str(u).endswith("/nation/" + key))), None)
    if uri is None:
        raise NotFound(f"no nation with code {key}")
    # Year bounds are ints (checked by _year_arg); the named queries keep their filter lines only when bound.
    within = {name: Literal(int(year)) for name, year in zip(("from", "to"), years, strict=True) if year is not None}
    facts: dict[str, Any] = {"uri": str(uri), "label": index.entities[uri].label, "labels": {},
                             "demonyms": [], "organizations": []}
    for row in store.select(named("nation_facts", nation=uri)).rows:
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
              for r in store.select(named("nation_agreement_counts", None, nation=uri, **within)).rows}
    by_kind: dict[str, dict[str, Any]] = {}
    for row in store.select(named("nation_partners_by_kind", None, nation=uri, **within)).rows:
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
            "partners": len({p["uri"] for k in kinds for p in k["partners"]}), "by_kind": kinds,
            "years": {"from": years[0], "to": years[1]}}


@api.get("/api/v1/nations/<key>")
def nation(key: str) -> Response:
    if not _NATION_KEY.match(key):
        raise BadRequest("a nation is named by its ISO 3166-1 alpha-3 code (PAK) or cow-<code> for past states")
    first, last = _year_arg("from"), _year_arg("to")
    if first is not None and last is not None and first > last:
        raise BadRequest("from must not be after to")
    engine = state().engine()
    return jsonify(nation_summary(engine.store, engine.index, key, (first, last)))


@api.get("/api/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_spec(state().settings.max_question_length))


@api.get("/api/docs")
def docs() -> str:
    return render_template("api_docs.html", spec=openapi_spec(state().settings.max_question_length))
