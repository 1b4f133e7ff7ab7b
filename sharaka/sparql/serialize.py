"""Writing a query's result once, in the negotiated format, straight from Oxigraph's live iterator, and never
beyond a byte limit.

The result is complete or it is an error: rows stream out of the store into the serializer, which writes into
`CappedOutput`; the write that would pass `max_bytes` raises ResultTooLarge, which stops the serializer and
with it the query's evaluation (results are lazy), so an oversize result costs at most `max_bytes` of memory
and never the time to build all of it. Nothing is cut and sent as if whole (SPARQL clients such as
SPARQLWrapper and rdflib's SPARQLStore would not notice a shorter result).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any, cast

import pyoxigraph as ox

from sharaka.errors import QueryFailed, ResultTooLarge
from sharaka.sparql.prefixes import RDF_XML, TURTLE, used_prefixes

OxResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


@dataclass(frozen=True)
class Answer:
    """A whole result, serialized: what /sparql sends."""

    body: bytes
    media_type: str
    kind: str  # SELECT, ASK or CONSTRUCT (CONSTRUCT and DESCRIBE both give graphs)


class CappedOutput:
    """A binary file-like sink for Oxigraph's serializers that refuses to grow past `max_bytes`."""

    def __init__(self, max_bytes: int | None) -> None:
        self.max_bytes = max_bytes
        self.size = 0
        self._parts: list[bytes] = []

    def write(self, data: Any) -> int:
        self.size += len(data)
        if self.max_bytes is not None and self.size > self.max_bytes:
            raise ResultTooLarge.beyond(self.max_bytes)
        self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        return None

    def getvalue(self) -> bytes:
        return b"".join(self._parts)


def results_format(media_type: str) -> ox.QueryResultsFormat:
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    if fmt is None:
        raise QueryFailed(f"no results serializer for {media_type}")
    return fmt


def graph_format(media_type: str) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise QueryFailed(f"no RDF serializer for {media_type}")
    return fmt


def write_result(result: OxResult, result_media_type: str, graph_media_type: str,
                 max_bytes: int | None) -> Answer:
    """The result as bytes in the negotiated media type (results or graph, by the kind of result); at most
    `max_bytes` (ResultTooLarge beyond). ResultTooLarge and evaluation errors stop the work at once."""
    capped = CappedOutput(max_bytes)
    output = cast(IO[bytes], capped)  # a file-like object as far as Oxigraph is concerned
    try:
        if isinstance(result, ox.QueryTriples):
            fmt = graph_format(graph_media_type)
            syntax = {ox.RdfFormat.TURTLE: TURTLE, ox.RdfFormat.RDF_XML: RDF_XML}.get(fmt)
            if syntax is None:
                ox.serialize(result, output, format=fmt)
            else:  # the document declares only the prefixes it uses, so the triples are read first
                triples = list(result)
                ox.serialize(triples, output, format=fmt, prefixes=used_prefixes(triples, syntax=syntax))
            return Answer(capped.getvalue(), graph_media_type, "CONSTRUCT")
        result.serialize(output, format=results_format(result_media_type))
    except (OSError, ValueError) as exc:  # evaluation errors surface while the rows are pulled
        raise QueryFailed(f"the query failed while running: {exc}") from None
    return Answer(capped.getvalue(), result_media_type, "ASK" if isinstance(result, ox.QueryBoolean) else "SELECT")
