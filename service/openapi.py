"""OpenAPI 3 description of the machine-facing routes (served at /api/openapi.json)."""

from __future__ import annotations

from functools import cache
from typing import Any

from sharaka import __version__
from sharaka.qa.answer import STATUSES
from sharaka.sparql.formats import MEDIA_TYPES

_PROBLEM = {"$ref": "#/components/schemas/Problem"}
ANSWER = {"$ref": "#/components/schemas/Answer"}
OBJECT = {"type": "object"}
ENTITY_TYPES = ("nation", "organization", "agreement")


def _json_ok(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _query_param(name: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "schema": schema}


def _operation(summary: str, operation_id: str, parameters: list[dict[str, Any]], ok: dict[str, Any],
               *problems: int) -> dict[str, Any]:
    operation: dict[str, Any] = {"summary": summary, "operationId": operation_id,
                                 "responses": {"200": ok, **_problem_responses(*problems)}}
    if parameters:
        operation["parameters"] = parameters
    return operation


def _problem_responses(*statuses: int) -> dict[str, Any]:
    words = {400: "Bad request", 404: "Not found", 406: "Not acceptable",
             413: "Request body too large (or, at /sparql, a result over max_result_bytes: refused whole, never cut)",
             415: "Unsupported media type", 429: "Too many requests from this client (see Retry-After)",
             502: "The store returned an unusable response",
             503: "Store unavailable or query timed out", 504: "Store timed out",
             507: "The query needed more memory than query_memory_mb allows"}
    responses: dict[str, Any] = {
        str(s): {"description": words[s], "content": {"application/problem+json": {"schema": _PROBLEM}}}
        for s in statuses}
    if "429" in responses:
        responses["429"]["headers"] = {"Retry-After": {"description": "Seconds to wait (at least 1)",
                                                       "schema": {"type": "integer", "minimum": 1}}}
    return responses


STORE_PROBLEMS = (502, 503, 504)  # what a remote store that is down, slow or broken gives


@cache
def openapi_spec(max_question_length: int = 500) -> dict[str, Any]:
    """The document; the longest question is a setting, so the app passes its own."""
    answer_item = {
        "type": "object",
        "description": "One answer: a nation, agreement, organization or concept, with what the query returned.",
        "properties": {
            "uri": {"type": "string", "format": "uri"}, "label": {"type": "string"},
            "type": {"type": "string", "examples": ["nation", "agreement", "organization", "sector"]},
            "iso3": {"type": "string", "description": "Nations: ISO 3166-1 alpha-3 code"},
            "source_id": {"type": "string", "description": "Agreements: dataset:record, e.g. atop:3015"},
            "start": {"type": "integer"}, "end": {"type": "integer"}, "kind": {"type": "string"},
            "count": {"type": "integer"}, "join_year": {"type": "integer"}, "exit_year": {"type": "integer"},
            "source_ids": {"type": "array", "items": {"type": "string"}},
        },
        "required": [],
        "additionalProperties": True,
    }
    answer = {
        "type": "object",
        "required": ["question", "status", "text", "answers", "suggestions", "dataset_version", "elapsed_ms",
                     "permalink"],
        "properties": {
            "question": {"type": "string"},
            "permalink": {"type": "string", "format": "uri",
                          "description": "The chat page's address for this question (`/?q=…`, built from the "
                                         "request's scheme and host): opening it asks the question again.",
                          "examples": ["https://sharaka.example.org/?q=Who+are+the+members+of+the+GCC%3F"]},
            "status": {"type": "string", "enum": list(STATUSES)},
            "text": {"type": "string", "description": "A sentence for people."},
            "answers": {"type": "array", "items": {"$ref": "#/components/schemas/AnswerItem"}},
            "value": {"description": "Literal answers: a number, a year or a boolean (null otherwise)"},
            "template": {"type": ["string", "null"]},
            "score": {"type": ["number", "null"]},
            "bindings": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            "sparql": {"type": ["string", "null"],
                       "description": "The executed query with its bindings written in; runnable at /sparql."},
            "sources": {"type": "array", "items": {"type": "object", "properties": {
                "dataset": {"type": "string"}, "title": {"type": "string"}, "citation": {"type": "string"},
                "version": {"type": "string"}, "records": {"type": "array", "items": {"type": "string"}},
                "record_count": {"type": "integer"}}}},
            "suggestions": {"type": "array", "items": {"type": "object", "properties": {
                "kind": {"type": "string", "enum": ["entity", "question"]}, "text": {"type": "string"},
                "question": {"type": "string"}, "uri": {"type": "string"}, "label": {"type": "string"}}}},
            "dataset_version": {"type": "string"},
            "elapsed_ms": {"type": "number"},
            "truncated": {"type": "boolean"},
            "explanation": {"type": "object", "description": "The trace of every stage: mentions, route, timings."},
            "lang": {"type": "string", "enum": ["en", "ar", "fr", "tr"],
                     "description": "The language the question was read in (asked or detected; docs/languages.md)."},
            "headings": {"type": "object", "additionalProperties": {"type": "string"},
                         "description": "Table headings in the answer's language (empty: English)."},
        },
    }
    problem = {
        "type": "object", "required": ["type", "title", "status", "detail", "code"],
        "description": "RFC 9457 problem details; `code` is stable.",
        "properties": {"type": {"type": "string", "format": "uri"}, "title": {"type": "string"},
                       "status": {"type": "integer"}, "detail": {"type": "string"}, "code": {"type": "string"},
                       "instance": {"type": "string"},
                       "setting": {"type": "string", "description": "A limit's error: the setting that sets it, "
                                                                    "e.g. max_query_length"},
                       "limit": {"type": "number", "description": "A limit's error: the setting's value"},
                       "retry_after": {"type": "integer", "description": "rate_limited: seconds to wait"},
                       "burst": {"type": "integer", "description": "rate_limited: requests allowed at once"},
                       "line": {"type": "integer", "description": "malformed_query: the line of the fault (from 1)"},
                       "column": {"type": "integer",
                                  "description": "malformed_query: the column of the fault (from 1, in characters)"}},
    }
    question_param = {"name": "q", "in": "query", "required": True,
                      "schema": {"type": "string", "maxLength": max_question_length},
                      "example": "Which countries has Pakistan signed defence pacts with since 2000?"}
    lang_param = {"name": "lang", "in": "query", "required": False,
                  "schema": {"type": "string", "enum": ["auto", "en", "ar", "fr", "tr"], "default": "auto"},
                  "description": "The question's language; absent or auto: detected from its script and words."}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Sharaka API", "version": __version__,
                 "description": "Answers about nations, the agreements that bind them and the sectors they cover. "
                                "Every error is application/problem+json."},
        "paths": {
            "/api/v1/answer": {
                "get": _operation("Answer a question", "answerGet", [question_param, lang_param],
                                  _json_ok("The answer object", ANSWER), 400, 429, *STORE_PROBLEMS),
                "post": {**_operation("Answer a question (JSON body)", "answerPost", [],
                                      _json_ok("The answer object", ANSWER), 400, 413, 415, 429, *STORE_PROBLEMS),
                         "requestBody": {"required": True, "content": {"application/json": {"schema": {
                             "type": "object", "required": ["question"],
                             "properties": {"question": {"type": "string", "maxLength": max_question_length},
                                            "lang": {"type": "string", "enum": ["auto", "en", "ar", "fr", "tr"]}}}}}}},
            },
            "/api/v1/questions": {"get": _operation("Question types with examples", "questionTypes", [],
                                                    _json_ok("Question types", _question_types()))},
            "/api/v1/entities": {"get": _operation(
                "Autocomplete nations, organizations and agreements by name prefix", "entities",
                [_query_param("prefix", {"type": "string", "maxLength": 100}),
                 _query_param("type", {"type": "string", "enum": list(ENTITY_TYPES)}),
                 _query_param("limit", {"type": "integer", "minimum": 1, "maximum": 50, "default": 10})],
                _json_ok("Matching entities", _entities()), 400, 429, *STORE_PROBLEMS)},
            "/api/v1/nations/{key}": {"get": _operation(
                "A nation's summary: partners by kind of agreement, counts", "nation",
                [{"name": "key", "in": "path", "required": True, "example": "PAK",
                  "schema": {"type": "string", "pattern": "^(?:[A-Z]{3}|cow-[0-9]{1,4})$"}},
                 {**_query_param("from", _YEAR), "description": "Only agreements that started in or after this year"},
                 {**_query_param("to", _YEAR), "description": "Only agreements that started in or before this year"}],
                _json_ok("Summary", _nation_summary()), 400, 404, 429, *STORE_PROBLEMS)},
            "/sparql": {
                "get": _operation("SPARQL 1.1 Protocol query operation; without a query, the service description "
                                  "(or the editor page for a browser)", "sparql",
                                  [_query_param("query", {"type": "string"}), *_SPARQL_DATASET_PARAMS],
                                  _sparql_ok(), 400, 406, 413, 429, *STORE_PROBLEMS, 507),
                "post": {**_operation("SPARQL 1.1 Protocol query operation by POST", "sparqlPost",
                                      _SPARQL_DATASET_PARAMS, _sparql_ok(), 400, 406, 413, 415, 429, *STORE_PROBLEMS,
                                      507),
                         "requestBody": {"required": True, "content": {
                             "application/x-www-form-urlencoded": {"schema": {
                                 "type": "object", "required": ["query"], "properties": {
                                     "query": {"type": "string"}, **_SPARQL_DATASET_PROPERTIES}}},
                             "application/sparql-query": {"schema": {"type": "string"}}}}},
            },
            "/healthz": {"get": _operation("Liveness", "healthz", [], _json_ok("alive", _STATUS))},
            "/readyz": {"get": _operation("Readiness (graph loaded, store reachable)", "readyz", [],
                                          _json_ok("ready", _STATUS), *STORE_PROBLEMS)},
            "/version": {"get": _operation("Code and dataset versions, triple count, sources", "version", [],
                                           _json_ok("versions", OBJECT), *STORE_PROBLEMS)},
        },
        "components": {"schemas": {"Answer": answer, "AnswerItem": answer_item, "Problem": problem}},
    }


# -- the other responses' schemas --------------------------------------------------------------------------
_STRINGS = {"type": "array", "items": {"type": "string"}}
_YEAR = {"type": "string", "pattern": "^[0-9]{4}$"}
_STATUS = {"type": "object", "required": ["status"], "properties": {"status": {"type": "string"}}}
# Repeatable protocol parameters: they replace the query's FROM / FROM NAMED; `format` overrides Accept.
_SPARQL_DATASET_PROPERTIES: dict[str, Any] = {
    "default-graph-uri": _STRINGS, "named-graph-uri": _STRINGS,
    "format": {"type": "string", "description": "A format name (json, xml, csv, tsv, turtle, ntriples, jsonld, "
                                                "rdfxml) or media type; overrides Accept; unknown names are ignored"},
}
_SPARQL_DATASET_PARAMS = [
    {"name": name, "in": "query", "required": False, "schema": schema,
     **({"style": "form", "explode": True} if schema.get("type") == "array" else {})}
    for name, schema in _SPARQL_DATASET_PROPERTIES.items()]


def _sparql_ok() -> dict[str, Any]:
    """Results, graphs or the service description in the negotiated media type (the one table), or the editor."""
    return {"description": "Results (SELECT/ASK), a graph (CONSTRUCT/DESCRIBE, service description) or the editor "
                           "page, in the negotiated format",
            "content": {media_type: {"schema": {}} for media_type in (*MEDIA_TYPES, "text/html")}}


def _entities() -> dict[str, Any]:
    item = {"type": "object", "required": ["uri", "label", "type"], "properties": {
        "uri": {"type": "string", "format": "uri"}, "label": {"type": "string"},
        "type": {"type": "string", "enum": list(ENTITY_TYPES)},
        "iso3": {"type": ["string", "null"]}, "source_id": {"type": ["string", "null"]}}}
    return {"type": "object", "required": ["prefix", "type", "items", "truncated"], "properties": {
        "prefix": {"type": "string"}, "type": {"type": ["string", "null"], "enum": [*ENTITY_TYPES, None]},
        "items": {"type": "array", "maxItems": 50, "items": item}, "truncated": {"type": "boolean"}}}


def _question_types() -> dict[str, Any]:
    slot = {"type": "object", "required": ["name", "type", "optional"], "properties": {
        "name": {"type": "string"}, "type": {"type": "string"}, "optional": {"type": "boolean"}}}
    question_type = {"type": "object", "required": ["id", "title", "description", "answer", "slots", "examples"],
                     "properties": {"id": {"type": "string"}, "title": {"type": "string"},
                                    "description": {"type": "string"}, "answer": {"type": "string"},
                                    "slots": {"type": "array", "items": slot},
                                    "examples": {"type": "array", "minItems": 3, "items": {"type": "string"}}}}
    return {"type": "object", "required": ["question_types"],
            "properties": {"question_types": {"type": "array", "items": question_type}}}


def _nation_summary() -> dict[str, Any]:
    link = {"type": "object", "required": ["uri", "label"],
            "properties": {"uri": {"type": "string"}, "label": {"type": "string"}}}
    partner = {"type": "object", "required": ["uri", "label", "agreements"], "properties": {
        "uri": {"type": "string"}, "label": {"type": "string"}, "iso3": {"type": ["string", "null"]},
        "agreements": {"type": "integer"}}}
    kind = {"type": "object", "required": ["kind", "label", "agreements", "partners"], "properties": {
        "kind": {"type": "string"}, "label": {"type": "string"}, "agreements": {"type": "integer"},
        "partners": {"type": "array", "items": partner}}}
    nation = {"type": "object", "required": ["uri", "label", "labels", "demonyms", "organizations"], "properties": {
        "uri": {"type": "string"}, "label": {"type": "string"},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "demonyms": _STRINGS, "organizations": {"type": "array", "items": link},
        "iso3": {"type": "string"}, "iso2": {"type": "string"}, "cow_code": {"type": "integer"}}}
    year = {"type": ["integer", "null"]}
    years = {"type": "object", "description": "The start-year range the counts cover (null: open)",
             "required": ["from", "to"], "properties": {"from": year, "to": year}}
    return {"type": "object", "required": ["nation", "agreements", "partners", "by_kind", "years"], "properties": {
        "nation": nation, "agreements": {"type": "integer"}, "partners": {"type": "integer"},
        "by_kind": {"type": "array", "items": kind}, "years": years}}
