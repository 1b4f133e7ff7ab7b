"""OpenAPI 3 description of the machine-facing routes (served at /api/openapi.json)."""

from __future__ import annotations

from functools import cache
from typing import Any

from sharaka import __version__
from sharaka.qa.answer import STATUSES

_PROBLEM = {"$ref": "#/components/schemas/Problem"}
ANSWER = {"$ref": "#/components/schemas/Answer"}
OBJECT = {"type": "object"}


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
    words = {400: "Bad request", 404: "Not found", 406: "Not acceptable", 413: "Request body too large",
             415: "Unsupported media type", 429: "Too many requests from this client (see Retry-After)",
             503: "Store unavailable or query timed out", 504: "Store timed out"}
    responses: dict[str, Any] = {
        str(s): {"description": words[s], "content": {"application/problem+json": {"schema": _PROBLEM}}}
        for s in statuses}
    if "429" in responses:
        responses["429"]["headers"] = {"Retry-After": {"description": "Seconds to wait (at least 1)",
                                                       "schema": {"type": "integer", "minimum": 1}}}
    return responses


@cache
def openapi_spec() -> dict[str, Any]:
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
        "required": ["question", "status", "text", "answers", "suggestions", "dataset_version", "elapsed_ms"],
        "properties": {
            "question": {"type": "string"},
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
                       "burst": {"type": "integer", "description": "rate_limited: requests allowed at once"}},
    }
    question_param = {"name": "q", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 500},
                      "example": "Which countries has Pakistan signed defence pacts with since 2000?"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Sharaka API", "version": __version__,
                 "description": "Answers about nations, the agreements that bind them and the sectors they cover. "
                                "Every error is application/problem+json."},
        "paths": {
            "/api/v1/answer": {
                "get": _operation("Answer a question", "answerGet", [question_param],
                                  _json_ok("The answer object", ANSWER), 400, 429, 503, 504),
                "post": {**_operation("Answer a question (JSON body)", "answerPost", [],
                                      _json_ok("The answer object", ANSWER), 400, 413, 415, 429, 503, 504),
                         "requestBody": {"required": True, "content": {"application/json": {"schema": {
                             "type": "object", "required": ["question"],
                             "properties": {"question": {"type": "string", "maxLength": 500}}}}}}},
            },
            "/api/v1/questions": {"get": _operation("Question types with examples", "questionTypes", [],
                                                    _json_ok("Question types", OBJECT))},
            "/api/v1/entities": {"get": _operation(
                "Autocomplete nations, organizations and agreements by name prefix", "entities",
                [_query_param("prefix", {"type": "string", "maxLength": 100}),
                 _query_param("type", {"type": "string", "enum": ["nation", "organization", "agreement"]}),
                 _query_param("limit", {"type": "integer", "minimum": 1, "maximum": 50, "default": 10})],
                _json_ok("Matching entities", OBJECT), 400, 429)},
            "/api/v1/nations/{key}": {"get": _operation(
                "A nation's summary: partners by kind of agreement, counts", "nation",
                [{"name": "key", "in": "path", "required": True, "example": "PAK",
                  "schema": {"type": "string", "pattern": "^(?:[A-Z]{3}|cow-[0-9]{1,4})$"}}],
                _json_ok("Summary", OBJECT), 400, 404, 429)},
            "/sparql": {"get": _operation("SPARQL 1.1 Protocol query operation (also POST)", "sparql",
                                          [_query_param("query", {"type": "string"})],
                                          {"description": "Results in the negotiated format"},
                                          400, 406, 413, 429, 503)},
            "/healthz": {"get": _operation("Liveness", "healthz", [], {"description": "alive"})},
            "/readyz": {"get": _operation("Readiness (graph loaded, store reachable)", "readyz", [],
                                          {"description": "ready"}, 503)},
            "/version": {"get": _operation("Code and dataset versions, triple count, sources", "version", [],
                                           {"description": "versions"})},
        },
        "components": {"schemas": {"Answer": answer, "AnswerItem": answer_item, "Problem": problem}},
    }
