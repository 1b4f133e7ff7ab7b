"""The dataset description (VoID, DCAT, PROV, SPDX checksums), written into the 'meta' graph."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, VOID, XSD

from sharaka.kg.model import BuildContext
from sharaka.kg.sources import datasets
from sharaka.kg.vocab import BASE, ID, SK, SPDX, dataset_uri, graph_uri, source_file_uri

DCAT_VERSION = URIRef(str(DCAT) + "version")  # DCAT 3; rdflib's DCAT namespace predates it
GRAPH = "meta"
SHARAKA = dataset_uri("sharaka")


def describe(ctx: BuildContext, checksums: dict[str, str], version: str) -> None:
    add = lambda s, p, o: ctx.add(GRAPH, s, p, o)  # noqa: E731 - local shorthand
    total = 0
    for key, ds in sorted(datasets().items()):
        if key in ctx.report.excluded:
            continue  # left out of this build: not part of the dataset it describes
        uri = dataset_uri(key)
        for t in (DCAT.Dataset, VOID.Dataset, PROV.Entity):
            add(uri, RDF.type, t)
        add(uri, DCTERMS.title, Literal(ds.title, lang="en"))
        add(uri, DCAT_VERSION, Literal(ds.version))
        add(uri, DCTERMS.publisher, Literal(ds.publisher))
        add(uri, DCAT.landingPage, URIRef(ds.homepage))
        add(uri, DCTERMS.bibliographicCitation, Literal(ds.citation))
        add(uri, DCTERMS.rights, Literal(ds.terms, lang="en"))
        if ds.license:
            add(uri, DCTERMS.license, URIRef(ds.license))
        add(uri, SK.nonCommercial, Literal(ds.noncommercial))
        if ds.coverage_end:
            add(uri, SK.coverageEnd, Literal(ds.coverage_end, datatype=XSD.date))
        if ds.derived_by:
            add(uri, DCTERMS.provenance, Literal(f"Derived by {ds.derived_by}", lang="en"))
        for f in ds.files:
            file_uri = source_file_uri(key, f.name)
            checksum = URIRef(f"{file_uri}/sha256")
            add(uri, DCAT.distribution, file_uri)
            add(file_uri, RDF.type, DCAT.Distribution)
            add(file_uri, DCTERMS.title, Literal(f.path))
            add(file_uri, SPDX.checksum, checksum)
            add(checksum, RDF.type, SPDX.Checksum)
            add(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256)
            add(checksum, SPDX.checksumValue, Literal(checksums[f.path]))
        triples = len(ctx.quads.get(key, ()))
        total += triples
        if key in ctx.quads:
            add(uri, SK.namedGraph, graph_uri(key))
        add(uri, VOID.triples, Literal(triples))
        add(uri, SK.agreementCount, Literal(ctx.report.agreements[key]))
        add(uri, SK.participationCount, Literal(ctx.report.participations[key]))
        add(SHARAKA, VOID.subset, uri)
        add(SHARAKA, PROV.wasDerivedFrom, uri)
    for t in (DCAT.Dataset, VOID.Dataset):
        add(SHARAKA, RDF.type, t)
    add(SHARAKA, DCTERMS.title, Literal("Sharaka knowledge graph", lang="en"))
    add(SHARAKA, DCTERMS.description, Literal(
        "Nations, the agreements that bind them (alliances, defence cooperation, trade, nuclear "
        "cooperation, normalization, exercises, humanitarian and disaster response) and the sectors "
        "they cover, built from cited academic datasets and a curated file.", lang="en"))
    if ctx.report.excluded:
        add(SHARAKA, RDFS.comment, Literal(
            "Built with exclude_noncommercial: the datasets whose terms are non-commercial are left out ("
            + ", ".join(datasets()[k].title for k in ctx.report.excluded) + ").", lang="en"))
    add(SHARAKA, OWL.versionInfo, Literal(version))
    add(SHARAKA, DCAT_VERSION, Literal(version))
    add(SHARAKA, VOID.uriSpace, Literal(str(ID)))
    add(SHARAKA, VOID.vocabulary, URIRef(BASE + "ontology"))
    add(SHARAKA, SK.agreementCount, Literal(sum(ctx.report.agreements.values())))
    add(SHARAKA, SK.sourceTriples, Literal(total))
    # The one size of the dataset (VoID, the service description and /version all read it): the triples of
    # every named graph, this meta graph and the ontology included, so it equals the store's count of quads.
    # Written last; the +1 is the triple that states it.
    add(SHARAKA, VOID.triples, Literal(sum(len(q) for q in ctx.quads.values()) + 1))
