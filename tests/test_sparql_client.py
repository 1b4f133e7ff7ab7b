"""The researchers' client: SPARQLWrapper against a real server on 127.0.0.1 (SELECT/ASK/CONSTRUCT;
JSON, XML, CSV; GET and POST), checking the values, not just the status."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from rdflib import Graph, URIRef
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, URLENCODED, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from tests.sparql_helpers import (
    ASK_3222,
    ATOP_3222,
    CONSTRUCT_3222,
    COUNT_AGREEMENTS,
    HAS_PARTY,
    PAK,
    PARTIES_3222,
    SAU,
    G,
)

pytestmark = [pytest.mark.server,  # SPARQLWrapper and rdflib's JSON-LD parser still use ConjunctiveGraph
              pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")]


def client(live_url: str, query: str, fmt: str, method: str = "GET", request_method: str = URLENCODED,
           only_conneg: bool = True) -> SPARQLWrapper:
    wrapper = SPARQLWrapper(live_url + "/sparql")
    wrapper.setQuery(query)
    wrapper.setReturnFormat(fmt)
    wrapper.setMethod(method)
    wrapper.setRequestMethod(request_method)
    wrapper.setOnlyConneg(only_conneg)
    wrapper.setTimeout(30)
    return wrapper


def parties_from(result: Any, fmt: str) -> list[str]:
    if fmt == JSON:
        return sorted(b["party"]["value"] for b in result["results"]["bindings"])
    if fmt == XML:  # a DOM document
        return sorted(node.firstChild.data for node in result.getElementsByTagName("uri"))
    text = result.decode() if isinstance(result, bytes) else result
    delimiter = "\t" if fmt == TSV else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert rows[0] == (["?party"] if fmt == TSV else ["party"])
    return sorted(row[0].strip("<>") for row in rows[1:] if row)


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize(("method", "request_method"), [("GET", URLENCODED), (POST, URLENCODED),
                                                        (POST, POSTDIRECTLY)])
def test_select(live_url: str, fmt: str, method: str, request_method: str) -> None:
    result: Any = client(live_url, PARTIES_3222, fmt, method, request_method).query().convert()
    assert parties_from(result, fmt) == [PAK, SAU]


@pytest.mark.parametrize("only_conneg", [True, False])  # False: SPARQLWrapper also sends format=/output=
@pytest.mark.parametrize("method", ["GET", POST])
def test_count_curated_agreements(live_url: str, only_conneg: bool, method: str) -> None:
    query = COUNT_AGREEMENTS.replace("WHERE", f"FROM <{G}curated> WHERE")
    result: Any = client(live_url, query, JSON, method, only_conneg=only_conneg).query().convert()
    assert int(result["results"]["bindings"][0]["n"]["value"]) == 99


@pytest.mark.parametrize(("fmt", "method"), [(JSON, "GET"), (XML, POST), (JSON, POST)])
def test_ask(live_url: str, fmt: str, method: str) -> None:
    yes: Any = client(live_url, ASK_3222, fmt, method).query().convert()
    no: Any = client(live_url, ASK_3222.replace("PAK", "IND"), fmt, method).query().convert()
    if fmt == JSON:
        assert (yes["boolean"], no["boolean"]) == (True, False)
    else:
        assert [d.getElementsByTagName("boolean")[0].firstChild.data for d in (yes, no)] == ["true", "false"]


@pytest.mark.parametrize(("fmt", "method"), [(TURTLE, "GET"), (XML, POST), (TURTLE, POST)])
def test_construct(live_url: str, fmt: str, method: str) -> None:
    result: Any = client(live_url, CONSTRUCT_3222, fmt, method).query().convert()
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
    assert set(graph.objects(URIRef(ATOP_3222), URIRef(HAS_PARTY))) == {URIRef(PAK), URIRef(SAU)}
    assert len(graph) == 2


def test_describe_from_json_ld(live_url: str) -> None:
    wrapper = client(live_url, f"DESCRIBE <{ATOP_3222}>", "json-ld")
    graph: Any = wrapper.query().convert()
    assert (URIRef(ATOP_3222), URIRef(HAS_PARTY), URIRef(PAK)) in graph


def test_bad_query_is_reported(live_url: str) -> None:
    with pytest.raises(QueryBadFormed) as error:
        client(live_url, "SELECT * WHERE { ?s ?p", JSON).query()
    assert "malformed_query" in str(error.value)


# -- no silent partial results (issue 17, item 4) -------------------------------------------------------------
ATOP_AGREEMENTS = ("PREFIX sk: <https://w3id.org/sharaka/ontology#>\n"
                   f"SELECT ?a WHERE {{ GRAPH <{G}atop> {{ ?a a sk:Agreement }} }}")
ATOP = 789  # agreements in the ATOP graph (tests/test_sparql_protocol.py)


@pytest.fixture(scope="module")
def limited_url(settings: Any, memory_store: Any) -> Any:
    """A real server whose results may be at most 20,000 bytes, and no more than 3 rows in the chat's answers."""
    from sharaka.service.app import create_app
    from sharaka.settings import Settings
    from tests.live_server import serve

    app = create_app(Settings.load({**settings.values, "max_result_bytes": 20_000, "max_results": 3}, environ={}),
                     store=memory_store)
    with serve(app) as url:
        yield url
    app.extensions["sharaka"].close()


@pytest.mark.parametrize("fmt", [JSON, XML, CSV])
def test_sparqlwrapper_gets_an_error_never_a_shorter_list(limited_url: str, fmt: str) -> None:
    import urllib.error

    with pytest.raises(urllib.error.HTTPError) as refused:  # SPARQLWrapper raises 413 as it comes
        client(limited_url, ATOP_AGREEMENTS, fmt).query().convert()
    assert refused.value.code == 413
    small = client(limited_url, PARTIES_3222, fmt).query().convert()  # under the limit: whole, beyond 3 rows too
    assert parties_from(small, fmt) == [PAK, SAU]


def test_sparqlwrapper_gets_every_row_under_the_limit(live_url: str) -> None:
    """No row cap: max_results (10,000 by default) is the chat's, not the endpoint's."""
    result: Any = client(live_url, ATOP_AGREEMENTS, JSON).query().convert()
    assert len(result["results"]["bindings"]) == ATOP


def test_rdflib_sparqlstore_gets_an_error_never_a_shorter_list(limited_url: str, live_url: str) -> None:
    import urllib.error

    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    limited = Graph(SPARQLStore(limited_url + "/sparql", returnFormat="json"))  # GET, rdflib's default
    with pytest.raises(ValueError) as refused:  # rdflib turns a GET's HTTP error into a ValueError
        list(limited.query(ATOP_AGREEMENTS))
    assert isinstance(refused.value.__context__, urllib.error.HTTPError) and refused.value.__context__.code == 413
    # With method="POST" rdflib 7.6 does not raise on any HTTP error: query() returns the tuple (status, message,
    # None) in place of a result, for a 400 as for our 413. Still no rows: never a shorter list of agreements.
    posted = Graph(SPARQLStore(limited_url + "/sparql", returnFormat="json", method="POST"))
    assert next(iter(posted.query(ATOP_AGREEMENTS))) == 413  # type: ignore[comparison-overlap]
    whole = Graph(SPARQLStore(live_url + "/sparql", returnFormat="json"))
    assert len(list(whole.query(ATOP_AGREEMENTS))) == ATOP
