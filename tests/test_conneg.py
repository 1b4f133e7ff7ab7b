"""Content negotiation: the one media-type table, read through werkzeug's MIMEAccept (RFC 9110 §12.5.1)."""

from __future__ import annotations

import pytest

from sharaka.errors import NotAcceptable
from sharaka.sparql.formats import CSV, JSON, JSONLD, NTRIPLES, TSV, TURTLE, best_match, negotiate, quality


@pytest.mark.parametrize(("accept", "kind", "expected"), [
    # the most specific range decides, whatever its position
    ([("*/*", 1.0), ("text/csv", 0.0)], "results", JSON),
    ([("text/csv", 0.0), ("*/*", 1.0)], "results", JSON),
    ([("text/*", 1.0), ("text/csv", 0.0)], "results", TSV),  # near miss: text/* still allows TSV
    # on equal q, the type the client named beats the one it only allowed by a wildcard
    ([("*/*", 1.0), ("application/n-triples", 1.0)], "graph", NTRIPLES),
    ([("*/*", 1.0), ("application/n-triples", 0.9)], "graph", TURTLE),  # near miss: lower q loses
    # parameters other than q do not change the type
    ([("application/ld+json; profile=\"http://www.w3.org/ns/json-ld#compacted\"", 1.0)], "graph", JSONLD),
    ([("text/csv;charset=utf-8", 0.5), ("application/sparql-results+json", 0.4)], "results", CSV),
])
def test_negotiation(accept: list[tuple[str, float]], kind: str, expected: object) -> None:
    assert negotiate(accept, kind).format == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("accept", [
    [("*/*", 0.0)], [("text/*", 1.0), ("text/csv", 0.0), ("text/tab-separated-values", 0.0), ("text/xml", 0)],
    [("image/png", 1.0)], [("textcsv", 1.0)], [("*/json", 1.0)],  # malformed ranges match nothing
])
def test_refusals(accept: list[tuple[str, float]]) -> None:
    with pytest.raises(NotAcceptable):
        negotiate(accept, "results")


def test_quality_and_best_match() -> None:
    accept = [("text/*", 0.3), ("text/csv", 0.0), ("*/*", 0.9)]
    assert (quality(accept, "text/csv"), quality(accept, "text/tsv"), quality(accept, "image/png")) == (0.0, 0.3, 0.9)
    assert best_match(accept, ["text/csv", "text/turtle"]) == "text/turtle"
    assert best_match([], ["text/csv", "text/turtle"]) == "text/csv"  # no header: */*
    assert best_match([("text/html", 0.0)], ["text/html"]) is None
