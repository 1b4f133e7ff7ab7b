"""Reading a SPARQL 1.1 Protocol query request (https://www.w3.org/TR/sparql11-protocol/#query-operation):
`GET ?query=`, `POST` form-encoded, or `POST application/sparql-query` with the query as the body.

Parameters are decoded strictly as UTF-8 (a request that is not UTF-8 is refused, not repaired), and
counted: two `query` parameters are an error, not a choice."""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

from werkzeug.wrappers import Request

from sharaka.errors import BadRequest, ForbiddenQuery, MalformedQuery, UnsupportedMediaType

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
MAX_PARAMETERS = 200
ACCEPTED_POSTS = (f"POST the query as {FORM} (query=…) or as {DIRECT} (the body is the query); "
                  "or use GET /sparql?query=…")


@dataclass
class ProtocolRequest:
    queries: list[str] = field(default_factory=list)
    default_graph_uris: list[str] = field(default_factory=list)
    named_graph_uris: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # every parameter name given

    @property
    def query(self) -> str | None:
        """The one query, None when there is none; BadRequest when there are several."""
        if len(self.queries) > 1:
            raise BadRequest(f"give exactly one query; this request has {len(self.queries)} 'query' parameters")
        return self.queries[0] if self.queries else None


def _utf8(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedQuery(f"the {where} is not valid UTF-8") from None


def _pairs(raw: bytes, where: str) -> list[tuple[str, str]]:
    try:
        return urllib.parse.parse_qsl(_utf8(raw, where), keep_blank_values=True, encoding="utf-8",
                                      errors="strict", max_num_fields=MAX_PARAMETERS)
    except UnicodeDecodeError:
        raise MalformedQuery(f"the {where} is not valid UTF-8 once percent-decoded") from None
    except ValueError:
        raise BadRequest(f"too many parameters in the {where} (at most {MAX_PARAMETERS})") from None


def _charset_is_utf8(request: Request) -> None:
    charset = request.mimetype_params.get("charset", "utf-8").strip().lower()
    if charset not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"the query must be UTF-8, not {charset}")


def _from_get(request: Request) -> tuple[list[tuple[str, str]], list[str]]:
    return _pairs(request.query_string, "query string"), []


def _from_form(request: Request) -> tuple[list[tuple[str, str]], list[str]]:
    _charset_is_utf8(request)
    return _pairs(request.query_string, "query string") + _pairs(request.get_data(), "form body"), []


def _from_direct(request: Request) -> tuple[list[tuple[str, str]], list[str]]:
    _charset_is_utf8(request)
    return _pairs(request.query_string, "query string"), [_utf8(request.get_data(), "request body")]


def _update(request: Request) -> tuple[list[tuple[str, str]], list[str]]:
    raise ForbiddenQuery("this endpoint only answers queries; SPARQL Update is not allowed")


LIST_PARAMETERS = {"query": "queries", "default-graph-uri": "default_graph_uris",
                   "named-graph-uri": "named_graph_uris", "format": "formats"}
UPDATE_PARAMETERS = frozenset({"update", "using-graph-uri", "using-named-graph-uri"})

POST_READERS: dict[str, Callable[[Request], tuple[list[tuple[str, str]], list[str]]]] = {
    FORM: _from_form, DIRECT: _from_direct, UPDATE: _update,
}


def read_request(request: Request) -> ProtocolRequest:
    """The protocol parameters of a GET or POST to /sparql."""
    if request.method in ("GET", "HEAD"):
        pairs, bodies = _from_get(request)
    else:
        reader = POST_READERS.get(request.mimetype)
        if reader is None:
            given = request.mimetype or "no Content-Type"
            raise UnsupportedMediaType(f"cannot read a query from {given}: {ACCEPTED_POSTS}")
        pairs, bodies = reader(request)
    parsed = ProtocolRequest(queries=list(bodies))
    for name, value in pairs:
        if name in UPDATE_PARAMETERS:
            raise ForbiddenQuery("this endpoint only answers queries; SPARQL Update is not allowed")
        parsed.names.add(name)
        field_name = LIST_PARAMETERS.get(name)
        if field_name is not None:  # others (output=, results=, run=) are ignored
            getattr(parsed, field_name).append(value)
    return parsed
