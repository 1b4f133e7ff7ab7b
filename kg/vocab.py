"""Namespaces and URI minting: one base, stable keys, so links survive rebuilds."""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD


class MemoNamespace(Namespace):
    """A Namespace that keeps the terms it made: the build asks for the same few terms millions of times, and
    rdflib checks each new URIRef."""

    def __getattr__(self, name: str) -> URIRef:
        term = super().__getattr__(name)
        setattr(self, name, term)  # found by plain attribute lookup from now on
        return term


BASE = "https://w3id.org/sharaka/"
SK = MemoNamespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
SECTOR = MemoNamespace(BASE + "id/sector/")
OBLIGATION = MemoNamespace(BASE + "id/obligation/")
ROLE = MemoNamespace(BASE + "id/role/")
NUCLEAR_ASSISTANCE = MemoNamespace(BASE + "id/nuclear-assistance/")
WEAPON = MemoNamespace(BASE + "id/weapon-category/")
TRANSFER_STATUS = MemoNamespace(BASE + "id/transfer-status/")
EXERCISE_DOMAIN = MemoNamespace(BASE + "id/exercise-domain/")
GEO = MemoNamespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
SPDX = Namespace("http://spdx.org/rdf/terms#")

ONTOLOGY_URI = URIRef(BASE + "ontology")

PREFIXES: dict[str, Namespace] = {
    "sk": SK, "skid": ID, "sector": SECTOR, "obligation": OBLIGATION, "role": ROLE,
    "rdf": Namespace(str(RDF)), "rdfs": Namespace(str(RDFS)), "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)), "skos": Namespace(str(SKOS)), "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)), "void": Namespace(str(VOID)), "dcat": Namespace(str(DCAT)),
    "spdx": SPDX, "weapon": WEAPON, "geo": GEO,
}

_SAFE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def _key(key: str) -> str:
    """Path segment for a source key; keys are ours or source ids, still quoted to be safe."""
    return key if _SAFE_KEY.match(key) else quote(key, safe="")


def nation_uri(key: str) -> URIRef:
    """key is an ISO3 code (PAK) or cow-<ccode> for states without one (cow-345)."""
    return ID[f"nation/{_key(key)}"]


def organization_uri(code: str) -> URIRef:
    return ID[f"organization/{_key(code)}"]


def actor_uri(slug: str) -> URIRef:
    """A party that is neither a nation nor an organization: a non-state actor, an unrecognized state."""
    return ID[f"actor/{_key(slug)}"]


def series_uri(slug: str) -> URIRef:
    """A recurring exercise that Sharaka knows only from its yearly editions."""
    return ID[f"exercise-series/{_key(slug)}"]


def agreement_uri(dataset: str, record_id: str) -> URIRef:
    return ID[f"agreement/{dataset}-{_key(record_id)}"]


def participation_uri(subject_slug: str, party_key: str, spell: int = 1) -> URIRef:
    suffix = "" if spell == 1 else f"/{spell}"
    return ID[f"participation/{subject_slug}/{_key(party_key)}{suffix}"]


def record_uri(dataset: str, table: str, record_id: str) -> URIRef:
    return ID[f"record/{dataset}/{table}/{_key(record_id)}"]


def dataset_uri(dataset: str) -> URIRef:
    return ID[f"dataset/{dataset}"]


def source_file_uri(dataset: str, filename: str) -> URIRef:
    return ID[f"dataset/{dataset}/file/{_key(filename)}"]


# A named graph: one per source, plus ontology, lexicon and meta. \Z: "$" would let a final newline in.
GRAPH_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}\Z")


def graph_uri(name: str) -> URIRef:
    return GRAPH[name]


def graph_name(iri: str) -> str | None:
    """The name of one of our named graphs from its IRI (…/graph/atop → atop); None for any other IRI."""
    name = iri[len(GRAPH):] if iri.startswith(GRAPH) else ""
    return name if GRAPH_NAME.match(name) else None


def source_id(dataset: str, record_id: str) -> str:
    """The public identifier of a record: <dataset>:<record id>, e.g. atop:3015."""
    return f"{dataset}:{record_id}"
