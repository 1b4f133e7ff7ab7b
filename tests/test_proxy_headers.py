"""Behind a TLS proxy (trusted_proxies > 0) the links the service writes use the scheme and host the client used,
from the proxy's X-Forwarded-Proto and X-Forwarded-Host; without a trusted proxy a client cannot choose them."""

from __future__ import annotations

import dataclasses
import json

import pytest

from sharaka.service.app import create_app
from sharaka.settings import Settings
from sharaka.store import MemoryStore

FORWARDED = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "sharaka.example.org"}


@pytest.fixture(scope="module")
def proxied_client(settings: Settings, memory_store: MemoryStore):  # type: ignore[no-untyped-def]
    return create_app(dataclasses.replace(settings, trusted_proxies=1), store=memory_store).test_client()


def permalink(client, headers: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/answer?q=Is+Turkey+in+NATO%3F", headers=headers)
    assert response.status_code == 200
    return str(json.loads(response.data)["permalink"])


def test_permalinks_use_the_forwarded_scheme_and_host_behind_a_trusted_proxy(proxied_client) -> None:  # type: ignore[no-untyped-def]
    assert permalink(proxied_client, FORWARDED).startswith("https://sharaka.example.org/?q=Is+Turkey+in+NATO")


def test_the_sparql_service_description_names_the_forwarded_endpoint(proxied_client) -> None:  # type: ignore[no-untyped-def]
    response = proxied_client.get("/sparql", headers={**FORWARDED, "Accept": "text/turtle"})
    assert response.status_code == 200
    assert b"<https://sharaka.example.org/sparql>" in response.data


def test_without_forwarded_headers_the_request_host_is_used(proxied_client) -> None:  # type: ignore[no-untyped-def]
    assert permalink(proxied_client, {}).startswith("http://localhost/?q=")


def test_without_a_trusted_proxy_the_headers_are_ignored(client) -> None:  # type: ignore[no-untyped-def]
    assert permalink(client, FORWARDED).startswith("http://localhost/?q=")
