"""A small graph whose names are hostile: the hand-made fixture (tests/fixtures/mini.trig) plus nations,
an agreement, an organization and a dataset whose labels carry markup, SPARQL and odd characters.

The real data is never edited for these tests; pages and answers are built from this graph instead."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from sharaka.ontology import ONTOLOGY_FILE
from sharaka.store import MemoryStore

FIXTURE = Path(__file__).parent / "fixtures" / "mini.trig"
SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=1">'
SVG = "<svg onload=window.__xss=1>"
INJECTION = '"} ; DROP ALL ; #'
# What must never appear raw in an HTML page, and what each looks like escaped (Jinja's escaping).
RAW_MARKUP = (SCRIPT, IMG, SVG, "<script>", "<img src=x", "<svg onload")  # our own <script src=…> tags are fine
ESCAPED_SCRIPT = "&lt;script&gt;window.__xss=1&lt;/script&gt;"

SCRIPT_NATION = f"Scriptland {SCRIPT}"
IMG_NATION = f"Imageland {IMG}"
INJECTION_NATION = f"Dropland{INJECTION}"
AGREEMENT = f"Accord {SCRIPT} {IMG}"
ORGANIZATION = f"League {SVG}"

_HOSTILE_TRIG = """
@prefix sk:   <https://w3id.org/sharaka/ontology#> .
@prefix n:    <https://w3id.org/sharaka/id/nation/> .
@prefix a:    <https://w3id.org/sharaka/id/agreement/> .
@prefix p:    <https://w3id.org/sharaka/id/participation/> .
@prefix o:    <https://w3id.org/sharaka/id/organization/> .
@prefix ds:   <https://w3id.org/sharaka/id/dataset/> .
@prefix sector: <https://w3id.org/sharaka/id/sector/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<https://w3id.org/sharaka/graph/hostile> {
  n:XSS a sk:Nation ; rdfs:label %(script_nation)s@en ; skos:prefLabel %(script_nation)s@en ; sk:iso3 "XSS" ;
      sk:memberOf o:EVIL .
  n:IMG a sk:Nation ; rdfs:label %(img_nation)s@en ; skos:prefLabel %(img_nation)s@fr ; sk:iso3 "IMG" .
  n:DRP a sk:Nation ; rdfs:label %(injection_nation)s@en ; sk:iso3 "DRP" .
  o:EVIL a sk:InternationalOrganization ; rdfs:label %(organization)s@en ; sk:hasMember n:XSS .
  a:curated-xss a sk:DefencePact , sk:Agreement ; rdfs:label %(agreement)s@en ; sk:sourceId "curated:xss" ;
      dcterms:description %(description)s ; sk:sourceUrl "javascript:window.__xss=1" ;
      sk:startYear 2001 ; sk:coversSector sector:defence ; dcterms:source ds:curated ;
      sk:hasParty n:PAK , n:XSS , n:IMG , n:DRP ;
      sk:participation p:x-pak , p:x-xss , p:x-img , p:x-drp .
  p:x-pak sk:participant n:PAK ; sk:joinYear 2001 .
  p:x-xss sk:participant n:XSS ; sk:joinYear 2001 .
  p:x-img sk:participant n:IMG ; sk:joinYear 2001 .
  p:x-drp sk:participant n:DRP ; sk:joinYear 2001 .
}
"""


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hostile_store() -> MemoryStore:
    inner = ox.Store()
    inner.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    inner.load(path=str(ONTOLOGY_FILE), format=ox.RdfFormat.TURTLE,
               to_graph=ox.NamedNode("https://w3id.org/sharaka/graph/ontology"))
    trig = _HOSTILE_TRIG % {
        "script_nation": _literal(SCRIPT_NATION), "img_nation": _literal(IMG_NATION),
        "injection_nation": _literal(INJECTION_NATION), "organization": _literal(ORGANIZATION),
        "agreement": _literal(AGREEMENT), "description": _literal(f"Signed {IMG} and {SCRIPT}"),
    }
    inner.load(trig.encode("utf-8"), format=ox.RdfFormat.TRIG)
    return MemoryStore(inner)
