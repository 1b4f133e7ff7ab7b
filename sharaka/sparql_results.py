"""Serializing SPARQL results for the endpoint, cut at a row limit that the response then admits.

SELECT: at most `limit` solutions; CONSTRUCT/DESCRIBE: at most `limit` triples; ASK is never cut. A cut
result is still a complete document in the negotiated format (valid JSON/XML/CSV/TSV or RDF), and
`RawResult.truncated` is true so the endpoint can say so (header `X-Sharaka-Truncated: true`).
The same code serves the embedded store (in a worker process, on Oxigraph's live iterator) and a
remote store (on the bytes it returned, parsed again)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg.vocab import PREFIXES
from sharaka.errors import StoreError
from sharaka.store import RawResult

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
# Not `skid:` (…/id/): its local names hold slashes, which Turtle would have to escape.
TURTLE_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items() if prefix != "skid"}
OxResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def _json_term(term: Any) -> dict[str, Any]:
    """A term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        entry: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            entry["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _RDF_LANG_STRING):
            entry["datatype"] = term.datatype.value
        return entry
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                            "predicate": _json_term(term.predicate),
                                            "object": _json_term(term.object)}}
    raise TypeError(f"unexpected term {term!r}")


def _solutions(result: ox.QuerySolutions, media_type: str, limit: int) -> RawResult:
    variables = [v.value for v in result.variables]
    rows = list(itertools.islice(result, limit + 1))
    truncated = len(rows) > limit
    bindings = [{name: _json_term(row[name]) for name in variables if row[name] is not None}
                for row in rows[:limit]]
    document = json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}).encode()
    # Oxigraph writes every format from the cut rows, so a cut result looks like any other.
    reparsed = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
    body = reparsed.serialize(format=_results_format(media_type)) or b""
    return RawResult(body, media_type, "SELECT", truncated)


def _triples(triples: Iterable[ox.Triple], media_type: str, limit: int) -> RawResult:
    kept = list(itertools.islice(triples, limit + 1))
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"no RDF serializer for {media_type}")
    prefixes = TURTLE_PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    body = ox.serialize(kept[:limit], format=fmt, prefixes=prefixes) or b""
    return RawResult(body, media_type, "CONSTRUCT", len(kept) > limit)


def _results_format(media_type: str) -> ox.QueryResultsFormat:
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    if fmt is None:
        raise ValueError(f"no results serializer for {media_type}")
    return fmt


def serialize_capped(result: OxResult, result_media_type: str, graph_media_type: str, limit: int) -> RawResult:
    """An Oxigraph query result as bytes, SELECT rows and graph triples cut at `limit`."""
    if isinstance(result, ox.QueryBoolean):
        return RawResult(result.serialize(format=_results_format(result_media_type)) or b"",
                         result_media_type, "ASK")
    if isinstance(result, ox.QuerySolutions):
        return _solutions(result, result_media_type, limit)
    return _triples(result, graph_media_type, limit)


def recap(raw: RawResult, result_media_type: str, graph_media_type: str, limit: int) -> RawResult:
    """A remote store's answer re-serialized in the negotiated format and cut. The answer must be in a
    format that can be read back: SPARQL JSON/XML/TSV or an RDF syntax (not CSV, which loses types)."""
    try:
        if raw.kind == "CONSTRUCT":
            fmt = ox.RdfFormat.from_media_type(raw.media_type.split(";")[0])
            triples = (quad.triple for quad in ox.parse(raw.body, format=fmt))
            return _triples(triples, graph_media_type, limit)
        parsed = ox.parse_query_results(raw.body, format=_results_format(raw.media_type.split(";")[0]))
    except (SyntaxError, ValueError, TypeError) as exc:
        raise StoreError(f"the store's answer could not be read: {exc}") from None
    return serialize_capped(parsed, result_media_type, graph_media_type, limit)
