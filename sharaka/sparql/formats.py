"""One table from media type to format, for SPARQL results (SELECT/ASK) and for graphs (CONSTRUCT,
DESCRIBE, linked data); Accept negotiation by werkzeug's MIMEAccept; the `format=` override; the CLI's names."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from werkzeug.datastructures import MIMEAccept

from sharaka.errors import BadRequest, NotAcceptable

Kind = Literal["results", "graph"]


@dataclass(frozen=True)
class Format:
    name: str  # the `format=` / `--format` name
    media_type: str  # what the serializer produces
    kind: Kind
    suffix: str  # file name suffix for downloads
    title: str
    w3c_name: str  # its name under http://www.w3.org/ns/formats/ (service description)
    rdflib_name: str | None = None  # rdflib serializer, for graphs we build in Python


JSON = Format("json", "application/sparql-results+json", "results", "srj", "SPARQL JSON", "SPARQL_Results_JSON")
XML = Format("xml", "application/sparql-results+xml", "results", "srx", "SPARQL XML", "SPARQL_Results_XML")
CSV = Format("csv", "text/csv", "results", "csv", "CSV", "SPARQL_Results_CSV")
TSV = Format("tsv", "text/tab-separated-values", "results", "tsv", "TSV", "SPARQL_Results_TSV")
TURTLE = Format("turtle", "text/turtle", "graph", "ttl", "Turtle", "Turtle", "turtle")
NTRIPLES = Format("ntriples", "application/n-triples", "graph", "nt", "N-Triples", "N-Triples", "nt")
JSONLD = Format("jsonld", "application/ld+json", "graph", "jsonld", "JSON-LD", "JSON-LD", "json-ld")
RDFXML = Format("rdfxml", "application/rdf+xml", "graph", "rdf", "RDF/XML", "RDF_XML", "xml")
W3C_FORMATS = "http://www.w3.org/ns/formats/"

RESULT_FORMATS: tuple[Format, ...] = (JSON, XML, CSV, TSV)
GRAPH_FORMATS: tuple[Format, ...] = (TURTLE, NTRIPLES, JSONLD, RDFXML)

# THE table: media type → (format for SELECT/ASK results, format for graphs). A generic type such as
# application/json or application/xml serves both kinds. Order matters: for */* the first entry of
# the wanted kind wins, so JSON results and Turtle graphs are the defaults.
MEDIA_TYPES: dict[str, tuple[Format | None, Format | None]] = {
    "application/sparql-results+json": (JSON, None),
    "text/turtle": (None, TURTLE),
    "application/sparql-results+xml": (XML, None),
    "text/csv": (CSV, None),
    "text/tab-separated-values": (TSV, None),
    "application/n-triples": (None, NTRIPLES),
    "application/ld+json": (None, JSONLD),
    "application/rdf+xml": (None, RDFXML),
    "application/json": (JSON, JSONLD),
    "application/xml": (XML, RDFXML),
    "text/xml": (XML, RDFXML),
    "application/turtle": (None, TURTLE),
    "application/x-turtle": (None, TURTLE),
    "text/plain": (None, NTRIPLES),  # N-Triples' historical type
}

# `format=` names (download links, `sharaka sparql --format`) → a row of the table above.
FORMAT_NAMES: dict[str, str] = {
    "json": "application/json", "xml": "application/xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ntriples": "application/n-triples",
    "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml",
    # what SPARQLWrapper sends as format=/output= when it is not told to use content negotiation only
    "json-ld": "application/ld+json", "rdf+xml": "application/rdf+xml", "rdf": "application/rdf+xml",
    "n3": "text/turtle", "ttl": "text/turtle", "nt": "application/n-triples",
}

KIND_OF_QUERY: dict[str, Kind] = {"SELECT": "results", "ASK": "results", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


@dataclass(frozen=True)
class Choice:
    format: Format
    content_type: str  # what the response says: the media type the client asked for


def kind_of(query_kind: str) -> Kind:
    return KIND_OF_QUERY[query_kind]


def _bare(media_range: str) -> str:
    return media_range.split(";", 1)[0].strip().lower()


def accept_header(entries: Iterable[tuple[str, float]]) -> MIMEAccept:
    """The client's Accept entries as werkzeug's MIMEAccept, which implements RFC 9110 §12.5.1: the most
    specific matching range decides a type's q-value (`text/csv;q=0, */*` refuses CSV), and q=0 refuses.
    Media-type parameters are dropped (we serve no variants by parameter: `text/turtle; charset=utf-8`
    is Turtle); no Accept header means */*."""
    bare = [(_bare(media_range), float(q)) for media_range, q in entries]
    return MIMEAccept(bare or [("*/*", 1.0)])


def quality(accept: Iterable[tuple[str, float]], media_type: str) -> float:
    """q-value the client gives a media type."""
    return float(accept_header(accept).quality(media_type))


def best_match(accept: Sequence[tuple[str, float]], candidates: Sequence[str]) -> str | None:
    """The candidate with the highest q-value; on a tie the one the client named more specifically, then the
    earliest; None when every one has q=0."""
    return accept_header(accept).best_match(candidates)


def candidates_for(kind: Kind) -> list[str]:
    column = 0 if kind == "results" else 1
    return [media for media, row in MEDIA_TYPES.items() if row[column] is not None]


def format_for(media_type: str, kind: Kind) -> Format | None:
    row = MEDIA_TYPES.get(_bare(media_type))
    return None if row is None else row[0 if kind == "results" else 1]


def negotiate(accept: Sequence[tuple[str, float]], kind: Kind) -> Choice:
    """The format for a query result of this kind; NotAcceptable (406) when nothing fits."""
    chosen = best_match(accept, candidates_for(kind))
    if chosen is None:
        offered = ", ".join(f.media_type for f in (RESULT_FORMATS if kind == "results" else GRAPH_FORMATS))
        raise NotAcceptable(f"cannot produce any of the accepted media types for this query; offered: {offered}")
    fmt = format_for(chosen, kind)
    assert fmt is not None
    return Choice(fmt, chosen)


def from_format_param(values: Sequence[str], kind: Kind) -> Choice | None:
    """The `format=` override (names or media types); None when absent. Repeated values are allowed
    (SPARQLWrapper sends `format=tsv&format=text/tab-separated-values`): the first known one counts."""
    if not values:
        return None
    for value in values:
        media_type = FORMAT_NAMES.get(value.strip().lower()) or (_bare(value) if _bare(value) in MEDIA_TYPES
                                                                else None)
        if media_type is None:
            continue
        fmt = format_for(media_type, kind)
        if fmt is None:
            wanted = "SELECT/ASK results" if kind == "graph" else "graphs (CONSTRUCT/DESCRIBE)"
            raise NotAcceptable(f"format {value} is for {wanted}; this query needs one of "
                                f"{', '.join(f.name for f in formats_of(kind))}")
        return Choice(fmt, fmt.media_type)
    raise BadRequest(f"unknown format {values[0]!r}; use one of {', '.join(f.name for f in ALL_FORMATS)}")


def formats_of(kind: Kind) -> tuple[Format, ...]:
    return RESULT_FORMATS if kind == "results" else GRAPH_FORMATS


ALL_FORMATS: tuple[Format, ...] = RESULT_FORMATS + GRAPH_FORMATS


def cli_format(name: str, query_kind: str) -> tuple[str, str]:
    """`sharaka sparql --format NAME` → (results media type, graph media type) for `Store.raw`.
    The one that the query's kind does not use is the default of its kind."""
    kind = kind_of(query_kind)
    choice = from_format_param([name], kind)
    assert choice is not None
    if kind == "results":
        return choice.format.media_type, TURTLE.media_type
    return JSON.media_type, choice.format.media_type


def with_charset(content_type: str) -> str:
    """Text types say their charset; every serializer we use writes UTF-8."""
    if content_type.startswith("text/") or content_type.endswith(("+json", "/json", "+xml", "/xml")):
        return content_type + "; charset=utf-8"
    return content_type
