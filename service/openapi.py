"""OpenAPI 3 description of the machine-facing routes (served at /api/openapi.json)."""

from __future__ import annotations

from functools import cache
from typing import Any

from sharaka import __version__
from sharaka.qa.answer import STATUSES

_PROBLEM = {"$ref": "#/components/schemas/Problem"}


def _problem_responses(*statuses: int) -> dict[str, Any]:
    words = {400: "Bad request", 404: "Not found", 406: "Not acceptable", 413: "Too large",
             415: "Unsupported media type", 503: "Store unavailable or query timed out", 504: "Store timed out"}
    return {str(s): {"description": words[s], "content": {"application/problem+json": {"schema": _PROBLEM}}}
            for s in statuses}


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
            "value": {"description": "Literal answers: a number, a year or a boolean", "nullable": True},
            "template": {"type": "string", "nullable": True},
            "score": {"type": "number", "nullable": True},
            "bindings": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            "sparql": {"type": "string", "nullable": True,
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
                       "instance": {"type": "string"}},
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
                "get": {"summary": "Answer a question", "operationId": "answerGet", "parameters": [question_param],
                        "responses": {"200": {"description": "The answer object",
                                              "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Answer"}}}},
                                      **_problem_responses(400, 503, 504)}},
                "post": {"summary": "Answer a question (JSON body)", "operationId": "answerPost",
                         "requestBody": {"required": True, "content": {"application/json": {"schema": {
                             "type": "object", "required": ["question"],
                             "properties": {"question": {"type": "string", "maxLength": 500}}}}}},
                         "responses": {"200": {"description": "The answer object",
                                               "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Answer"}}}},
                                       **_problem_responses(400, 415, 503, 504)}},
            },
            "/api/v1/questions": {"get": {"summary": "Question types with examples", "operationId": "questionTypes",
                                          "responses": {"200": {"description": "Question types", "content": {
                                              "application/json": {"schema": {"type": "object"}}}}}}},
            "/api/v1/entities": {"get": {
                "summary": "Autocomplete nations, organizations and agreements by name prefix",
                "operationId": "entities",
                "parameters": [{"name": "prefix", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 100}},
                               {"name": "type", "in": "query", "schema": {"type": "string", "enum": ["nation", "organization", "agreement"]}},
                               {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10}}],
                "responses": {"200": {"description": "Matching entities", "content": {"application/json": {"schema": {"type": "object"}}}},
                              **_problem_responses(400)}}},
            "/api/v1/nations/{key}": {"get": {
                "summary": "A nation's summary: partners by kind of agreement, counts", "operationId": "nation",
                "parameters": [{"name": "key", "in": "path", "required": True,
                                "schema": {"type": "string", "pattern": "^(?:[A-Z]{3}|cow-[0-9]{1,4})$"}, "example": "PAK"}],
                "responses": {"200": {"description": "Summary", "content": {"application/json": {"schema": {"type": "object"}}}},
                              **_problem_responses(400, 404)}}},
            "/sparql": {"get": {"summary": "SPARQL 1.1 Protocol query operation (also POST)", "operationId": "sparql",
                                "parameters": [{"name": "query", "in": "query", "schema": {"type": "string"}}],
                                "responses": {"200": {"description": "Results in the negotiated format"},
                                              **_problem_responses(400, 406, 503)}}},
            "/healthz": {"get": {"summary": "Liveness", "operationId": "healthz", "responses": {"200": {"description": "alive"}}}},
            "/readyz": {"get": {"summary": "Readiness (graph loaded, store reachable)", "operationId": "readyz",
                                "responses": {"200": {"description": "ready"}, **_problem_responses(503)}}},
            "/version": {"get": {"summary": "Code and dataset versions, triple count, sources", "operationId": "version",
                                 "responses": {"200": {"description": "versions"}}}},
        },
        "components": {"schemas": {"Answer": answer, "AnswerItem": answer_item, "Problem": problem}},
    }
