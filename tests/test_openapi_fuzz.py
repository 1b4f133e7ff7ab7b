"""An OpenAPI-driven fuzz run (schemathesis) over the API: the document at /api/openapi.json is the contract,
so every generated request, valid or not, must get no 5xx and a status code, content type and body that its
operation documents.

The schema is loaded from the running app (what clients read), one test per operation and generation mode.
The cases come from schemathesis' Hypothesis strategies, driven here by Hypothesis directly (bounded,
derandomized): schemathesis' own pytest integration (`schemathesis.pytest.from_fixture`) fails under
pytest 9 ('Function' object has no attribute '_nodeid')."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.modes import GenerationMode
from schemathesis.openapi.checks import JsonSchemaError
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sharaka.service.openapi import openapi_spec
from sharaka.settings import Settings

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 50
SPEC = openapi_spec()
OPERATIONS = [(path, method.upper()) for path, methods in SPEC["paths"].items() for method in methods]
# Invalid requests can only be made for operations that take something.
NEGATIVE = [(p, m) for p, m in OPERATIONS if "parameters" in SPEC["paths"][p][m.lower()]
            or "requestBody" in SPEC["paths"][p][m.lower()]]
CASES = [(p, m, GenerationMode.POSITIVE) for p, m in OPERATIONS] + [(p, m, GenerationMode.NEGATIVE)
                                                                    for p, m in NEGATIVE]


@pytest.fixture(scope="module")
def api_schema(app: Flask) -> Any:
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


def fuzz(operation: Any, mode: GenerationMode, examples: int = EXAMPLES) -> list[int]:
    """Run `examples` generated cases of one operation through every check; the status codes seen."""
    seen: list[int] = []

    @given(case=operation.as_strategy(mode))
    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        seen.append(case.call_and_validate(checks=CHECKS).status_code)

    run()
    return seen


@pytest.mark.parametrize(("path", "method", "mode"), CASES, ids=[f"{m} {p} {mode}" for p, m, mode in CASES])
def test_every_operation_keeps_its_contract(api_schema: Any, path: str, method: str, mode: GenerationMode) -> None:
    seen = fuzz(api_schema[path][method], mode)
    assert seen and max(seen) < 500


def test_the_checks_catch_a_document_that_lies(app: Flask) -> None:
    """The run above could fail: with a response schema the API does not meet, the same run does."""
    lying = copy.deepcopy(SPEC)
    lying["components"]["schemas"]["Answer"]["required"].append("confidence")
    schema = schemathesis.openapi.from_dict(lying)
    schema.app = app
    with pytest.raises(FailureGroup) as failure:
        fuzz(schema["/api/v1/answer"]["GET"], GenerationMode.POSITIVE, examples=5)
    found = [failure.value, *getattr(failure.value, "exceptions", [])]
    assert any(isinstance(e, JsonSchemaError) and "confidence" in e.validation_message for e in found), found


def test_the_document_gives_the_configured_question_length(settings: Settings, memory_store: Any) -> None:
    """maxLength used to be 500 whatever max_question_length said."""
    from sharaka.service.app import create_app

    short = create_app(Settings.load({**settings.values, "max_question_length": 40}, environ={}),
                       store=memory_store)
    spec = short.test_client().get("/api/openapi.json").get_json()
    answer = spec["paths"]["/api/v1/answer"]
    assert answer["get"]["parameters"][0]["schema"]["maxLength"] == 40
    body = answer["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["question"]["maxLength"] == 40
    too_long = short.test_client().get("/api/v1/answer", query_string={"q": "x" * 41})
    assert too_long.status_code == 400


def test_every_route_that_takes_input_is_fuzzed() -> None:
    assert {("/api/v1/answer", "GET"), ("/api/v1/answer", "POST"), ("/api/v1/entities", "GET"),
            ("/api/v1/nations/{key}", "GET"), ("/sparql", "GET"), ("/sparql", "POST")} <= set(NEGATIVE)
