"""The remote store: a SPARQL 1.1 server (Oxigraph, Fuseki, Virtuoso…) queried over HTTP with SPARQLWrapper.

The server must make its default graph the union of its named graphs, as the embedded store does:
the QA templates match triples without GRAPH. Oxigraph: `oxigraph serve --union-default-graph`;
Fuseki: `tdb2:unionDefaultGraph true`; see docs/scaling-out.md. `ping()` checks it.

Results come back as SPARQL JSON (SELECT/ASK) or N-Triples (CONSTRUCT) and are turned into the same
rdflib terms the embedded store gives, so the QA engine cannot tell the stores apart. Timeouts,
retries and error mapping live in sharaka.store.http.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.request
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node
from SPARQLWrapper import POST, SPARQLWrapper
from SPARQLWrapper.Wrapper import ASK, CONSTRUCT, DESCRIBE, SELECT

from sharaka import __version__
from sharaka.errors import BadRequest, ForbiddenQuery, MalformedQuery, SharakaError, StoreError, StoreTimeout
from sharaka.kg.vocab import dataset_uri
from sharaka.settings import Settings
from sharaka.store import DatasetSpec, Row, SelectResult, from_ox
from sharaka.store.http import REJECTED, Limits, StoreHttp

log = logging.getLogger(__name__)

AGENT = f"sharaka/{__version__}"
JSON_RESULTS = "application/sparql-results+json"
NTRIPLES = "application/n-triples"
NQUADS = "application/n-quads"
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
COUNT_TTL_S = 30.0
PING_TIMEOUT_S = 3.0  # readiness probes have short timeouts of their own
LOAD_TIMEOUT_S = 600.0  # a whole-dataset PUT of the built graph takes 10–30 s on Oxigraph with RocksDB
# What a server may answer for the type we asked (content negotiation may pick a synonym).
SYNONYMS: dict[str, frozenset[str]] = {
    JSON_RESULTS: frozenset({"application/json"}),
    "application/sparql-results+xml": frozenset({"application/xml", "text/xml"}),
    NTRIPLES: frozenset({"text/plain"}),
    "text/turtle": frozenset({"application/turtle", "application/x-turtle"}),
    "text/tab-separated-values": frozenset({"text/tsv"}),
    "application/rdf+xml": frozenset({"application/xml", "text/xml"}),
    "application/ld+json": frozenset({"application/json"}),
}
# Oxigraph's --timeout-s cancels a streaming answer by appending this to the body.
CANCELLED_MARKER = b"has been cancelled"

_SHARAKA = f"<{dataset_uri('sharaka')}>"
_OWL_VERSION = "<http://www.w3.org/2002/07/owl#versionInfo>"
UNION_CHECK = f"ASK {{ {_SHARAKA} {_OWL_VERSION} ?version }}"
GRAPH_CHECK = f"ASK {{ GRAPH ?g {{ {_SHARAKA} {_OWL_VERSION} ?version }} }}"
MANIFEST_QUERY = f"""SELECT ?version ?triples WHERE {{ GRAPH ?g {{
  {_SHARAKA} {_OWL_VERSION} ?version ; <http://rdfs.org/ns/void#triples> ?triples }} }} LIMIT 1"""
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


class _Wrapper(SPARQLWrapper):
    """SPARQLWrapper writes the protocol request (POST, Accept, dataset parameters); StoreHttp opens it,
    so our connect timeout, deadline and error mapping apply instead of urlopen's."""

    opener: urllib.request.OpenerDirector | None = None
    read_timeout = 10.0

    def _query(self) -> Any:
        assert self.opener is not None
        return self.opener.open(self._createRequest(), timeout=self.read_timeout), self.returnFormat

    def open_with(self, opener: urllib.request.OpenerDirector, read_timeout: float) -> Any:
        self.opener, self.read_timeout = opener, read_timeout
        return self.query().response


def _term(value: dict[str, Any]) -> Node:
    """A SPARQL JSON term → the rdflib term MemoryStore would give (simple literals are xsd:string)."""
    kind, text = value["type"], value["value"]
    if not isinstance(text, str):
        raise TypeError(f"value {text!r}")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):  # typed-literal: the 2007 draft, still sent by Virtuoso
        if value.get("xml:lang"):
            return Literal(text, lang=value["xml:lang"])
        return Literal(text, datatype=URIRef(value.get("datatype") or XSD_STRING))
    raise TypeError(f"term type {kind!r}")


def _unreadable(body: bytes, what: str) -> SharakaError:
    if CANCELLED_MARKER in body[-200:]:
        return StoreTimeout("the store stopped the query at its own time limit")
    sample = body[:80].decode("utf-8", "replace")
    return StoreError(f"the store's answer is not valid {what}: {sample!r}")


class RemoteStore:
    """The Store protocol over a SPARQL 1.1 query endpoint. Stateless apart from a short count cache."""

    kind = "remote"

    def __init__(self, query_url: str, limits: Limits | None = None) -> None:
        self.query_url = query_url
        self.http = StoreHttp(query_url, limits or Limits())
        self.problem = ""  # why the last ping failed, for /readyz
        self._count: tuple[float, int] | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> RemoteStore:
        url = settings.store
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"setting store must be 'memory' or the http(s) URL of a SPARQL endpoint, not {url!r}")
        return cls(url, Limits(connect_timeout=settings.store_connect_timeout,
                               timeout=settings.store_timeout, retries=settings.store_retries))

    def with_timeout(self, seconds: float) -> RemoteStore:
        """The same endpoint with another time limit per call: the QA index's start-up queries read every name of
        the graph once (~5 s each on an on-disk Oxigraph holding the full graph, more on a busy one)."""
        return RemoteStore(self.query_url, replace(self.http.limits, timeout=seconds))

    # -- requests --------------------------------------------------------------------------------
    def _wrapper(self, query: str, forms: tuple[str, ...] | None, dataset: DatasetSpec | None = None) -> _Wrapper:
        wrapper = _Wrapper(self.query_url, agent=AGENT)
        wrapper.setQuery(query)
        if wrapper.isSparqlUpdateRequest():
            raise ForbiddenQuery("updates are never sent to the store")
        if forms is not None and wrapper.queryType not in forms:
            raise MalformedQuery(f"expected a {' or '.join(forms)} query")
        wrapper.setMethod(POST)
        wrapper.setOnlyConneg(True)
        for uri in dataset.default_graphs if dataset else ():
            wrapper.addDefaultGraph(uri)
        for uri in dataset.named_graphs if dataset else ():
            wrapper.addNamedGraph(uri)
        return wrapper

    def _fetch(self, wrapper: _Wrapper, media_type: str, retries: int | None = None,
               timeout: float | None = None, max_bytes: int | None = None) -> bytes:
        wrapper.addCustomHttpHeader("Accept", media_type)
        reply = self.http.send(wrapper.open_with, retries=retries, timeout=timeout, max_bytes=max_bytes)
        if reply.media_type != media_type and reply.media_type not in SYNONYMS.get(media_type, ()):
            raise StoreError(f"the store at {self.query_url} answered {reply.media_type or 'no content type'} "
                             f"instead of {media_type}: is that URL a SPARQL query endpoint?")
        return reply.body

    def _results(self, query: str, form: str, retries: int | None = None,
                 timeout: float | None = None) -> dict[str, Any]:
        body = self._fetch(self._wrapper(query, (form,)), JSON_RESULTS, retries, timeout)
        try:
            data = json.loads(body)
        except ValueError:
            raise _unreadable(body, "SPARQL JSON") from None
        if not isinstance(data, dict):
            raise _unreadable(body, "SPARQL JSON")
        return data

    # -- the Store protocol ----------------------------------------------------------------------
    def select(self, query: str, limit: int | None = None, retries: int | None = None) -> SelectResult:
        data = self._results(query, SELECT, retries)
        try:
            variables = [str(v) for v in data["head"]["vars"]]
            bindings = data["results"]["bindings"]
            kept = bindings if limit is None else bindings[:limit]
            rows: list[Row] = [{name: _term(value) for name, value in b.items()} for b in kept]
        except (KeyError, TypeError, AttributeError) as exc:
            raise StoreError(f"the store's SPARQL JSON has an unexpected shape: {exc}") from None
        return SelectResult(variables, rows, truncated=len(kept) < len(bindings))

    def ask(self, query: str, retries: int | None = None, timeout: float | None = None) -> bool:
        answer = self._results(query, ASK, retries, timeout).get("boolean")
        if not isinstance(answer, bool):
            raise StoreError("the store's answer to an ASK query has no boolean")
        return answer

    def construct(self, query: str) -> list[tuple[Node, Node, Node]]:
        body = self._fetch(self._wrapper(query, (CONSTRUCT, DESCRIBE)), NTRIPLES)
        try:
            quads = list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
        except (SyntaxError, ValueError):
            raise _unreadable(body, "N-Triples") from None
        return [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)) for q in quads]  # type: ignore[misc]

    def send_query(self, query: str, media_type: str, dataset: DatasetSpec | None = None,
                   max_bytes: int | None = None) -> bytes:
        """The server's own bytes for a checked query, in `media_type`; at most `max_bytes` of them (ResultTooLarge
        beyond, the rest unread). For /sparql (sharaka.sparql.forward); not part of the Store protocol."""
        wrapper = self._wrapper(query, None, dataset)
        body = self._fetch(wrapper, media_type, max_bytes=max_bytes)
        if body.rstrip().endswith(CANCELLED_MARKER):
            raise _unreadable(body, media_type)
        return body

    def triple_count(self) -> int:
        """Quads in all named graphs (the built graph has no default-graph triples); cached briefly."""
        with self._lock:
            if self._count is not None and time.monotonic() - self._count[0] < COUNT_TTL_S:
                return self._count[1]
        rows = self.select(COUNT_QUERY).rows
        count = int(rows[0]["n"]) if rows else 0  # type: ignore[call-overload]
        with self._lock:
            self._count = (time.monotonic(), count)
        return count

    def ping(self) -> bool:
        """Cheap readiness: the store answers (within 3 s at most), holds the Sharaka dataset description,
        and its default graph is the union of the named graphs. Never raises; the reason is kept in
        `problem`."""
        timeout = min(self.http.limits.timeout, PING_TIMEOUT_S)
        try:
            if self.ask(UNION_CHECK, retries=0, timeout=timeout):
                self.problem = ""
                return True
            if self.ask(GRAPH_CHECK, retries=0, timeout=timeout):
                self.problem = (f"the store at {self.query_url} holds the Sharaka graph, but its default graph "
                                "is not the union of the named graphs (Oxigraph: serve --union-default-graph)")
            else:
                self.problem = (f"the store at {self.query_url} does not hold the Sharaka graph: "
                                "load it with 'sharaka load --to URL'")
        except SharakaError as exc:
            self.problem = exc.detail
        return False

    def manifest(self) -> dict[str, Any]:
        """Dataset version and triple count from the store's meta graph; {} when it cannot be read, so
        the service still starts (and reports not ready until the store answers)."""
        try:
            rows = self.select(MANIFEST_QUERY, retries=0).rows
        except SharakaError as exc:
            log.warning("remote store not answering at start (%s); the service starts not ready", exc.detail)
            return {}
        if not rows:
            log.warning("the store at %s holds no Sharaka dataset description yet", self.query_url)
            return {}
        # void:triples of the dataset counts every named graph, the meta graph included.
        version, triples = rows[0].get("version"), rows[0].get("triples")
        try:
            count = int(str(triples))
        except ValueError:
            count = -1
        if version is None or count < 0:  # a store that answers, but not with our description
            log.warning("the store at %s describes no Sharaka dataset (version %r, triples %r)",
                        self.query_url, version, triples)
            return {}
        return {"dataset_version": str(version), "triples": count, "store": self.query_url}


# -- loading ---------------------------------------------------------------------------------------
def graph_store_urls(to: str, settings: Settings) -> tuple[str, str]:
    """(Graph Store Protocol URL to PUT the dataset to, query URL to verify with) for `load --to`.

    `to` may be the store URL (…/store) or the query URL (…/query, Oxigraph's naming); with a query
    URL, the `store_update_url` setting names the Graph Store URL when the server's differs."""
    to = to.rstrip("/")
    if to.endswith("/store"):
        return to, to.removesuffix("/store") + "/query"
    if to.endswith("/query"):
        return settings.store_update_url or to.removesuffix("/query") + "/store", to
    query_url = settings.store
    if not query_url.startswith(("http://", "https://")):
        raise BadRequest(f"cannot tell the query URL for {to}: pass …/store or …/query, or set SHARAKA_STORE")
    return to, query_url


def count_quads(path: Path) -> int:
    """Statements in an N-Quads file: its lines, without blank lines and comments."""
    with path.open("rb") as fh:
        return sum(1 for line in fh if line.strip() and not line.lstrip().startswith(b"#"))


def load_into_remote(path: Path, url: str, settings: Settings) -> int:
    """Replace the remote store's whole dataset with the built N-Quads file, then check the count.

    One Graph Store Protocol request, `PUT /store` with the N-Quads: Oxigraph runs it as one
    transaction (measured on 0.5.13: readers see the old dataset until the new one is committed,
    and a load that fails half way leaves the old dataset in place). Returns the verified count."""
    store_url, query_url = graph_store_urls(url, settings)
    expected = count_quads(path)
    size = path.stat().st_size
    http = StoreHttp(store_url, Limits(connect_timeout=settings.store_connect_timeout,
                                       timeout=LOAD_TIMEOUT_S, retries=0))

    def put(opener: urllib.request.OpenerDirector, timeout: float) -> Any:
        with path.open("rb") as body:
            request = urllib.request.Request(store_url, data=body, method="PUT", headers={
                "Content-Type": NQUADS, "Content-Length": str(size), "User-Agent": AGENT})
            return opener.open(request, timeout=timeout)

    log.info("loading %s (%d quads, %.1f MB) into %s …", path, expected, size / 1e6, store_url)
    try:
        http.send(put)
    except BadRequest as exc:  # the transport reads 400 as a rejected query; here it is rejected data
        raise StoreError(f"the store refused the data: {exc.detail.removeprefix(REJECTED)}") from None
    verifier = RemoteStore(query_url, Limits(connect_timeout=settings.store_connect_timeout,
                                             timeout=max(settings.store_timeout, 60.0),
                                             retries=settings.store_retries))
    found = verifier.triple_count()
    if found != expected:
        raise StoreError(f"after loading, the store at {query_url} holds {found:,} quads but {path} has "
                         f"{expected:,}: the load is incomplete or the store held other data")
    return found
