"""Parties that are not always nations: organizations, non-state actors and unrecognized states, as the
name tables of SIPRI and MME (kg/sources/lexicon/) say what each name is. Never a pattern on the name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from sharaka.kg.model import BuildContext
from sharaka.kg.nations import english_name
from sharaka.kg.vocab import SK, actor_uri, nation_uri, organization_uri

# Organizations SIPRI names that COW IGO's selection does not hold: written once, with the acronym people use.
NEW_ORGANIZATIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "UN": ("United Nations", ("UN", "U.N.")),
    "OSCE": ("Organization for Security and Co-operation in Europe", ("OSCE",)),
    "RSS": ("Regional Security System", ("RSS",)),
}
# Unrecognized states: one node whatever the source calls it (SIPRI: Northern Cyprus; the OIC list: the
# Turkish Cypriot State).
UNRECOGNIZED_STATES: dict[str, tuple[str, tuple[str, ...]]] = {
    "northern-cyprus": ("Northern Cyprus", ("Turkish Cypriot State", "Turkish Republic of Northern Cyprus")),
}


class NamedParty(Protocol):
    kind: str
    key: str

    @property
    def label(self) -> str: ...


@dataclass(frozen=True)
class Party:
    key: str                  # key in participation URIs: a nation key, org-<code>, actor-<slug>
    uri: URIRef
    label: str
    actor: URIRef | None      # None for a nation (the participation then refers to the nation by its key)


def party_for(ctx: BuildContext, dataset: str, name: NamedParty) -> Party:
    """The party a name-table row stands for, writing the node of a non-state actor or a new organization."""
    if name.kind == "nation":
        return Party(name.key, nation_uri(name.key), english_name(name.key), None)
    if name.kind == "organization":
        uri = organization_uri(name.key)
        if name.key in NEW_ORGANIZATIONS:
            new_organization(ctx, dataset, name.key)
        return Party(f"org-{name.key}", uri, NEW_ORGANIZATIONS.get(name.key, (name.label,))[0], uri)
    if name.kind == "non_state_actor":
        uri = actor_uri(name.key)
        ctx.add(dataset, uri, RDF.type, SK.NonStateActor)
        ctx.add(dataset, uri, RDFS.label, Literal(name.label, lang="en"))
        ctx.add(dataset, uri, SKOS.prefLabel, Literal(name.label, lang="en"))
        ctx.add(dataset, uri, PROV.wasDerivedFrom, ctx.record("lexicon", f"{dataset}_names", name.key))
        return Party(f"actor-{name.key}", uri, name.label, uri)
    if name.kind == "unrecognized_state":
        uri = unrecognized_state(ctx, dataset, name.key)
        return Party(f"actor-{name.key}", uri, UNRECOGNIZED_STATES[name.key][0], uri)
    raise ValueError(f"a {name.kind!r} name is not a party")


def new_organization(ctx: BuildContext, dataset: str, code: str) -> URIRef:
    uri = organization_uri(code)
    label, acronyms = NEW_ORGANIZATIONS[code]
    ctx.add(dataset, uri, RDF.type, SK.InternationalOrganization)
    ctx.add(dataset, uri, RDFS.label, Literal(label, lang="en"))
    ctx.add(dataset, uri, SKOS.prefLabel, Literal(label, lang="en"))
    ctx.add(dataset, uri, SK.acronym, Literal(acronyms[0]))
    for other in acronyms[1:]:
        ctx.add(dataset, uri, SKOS.altLabel, Literal(other, lang="en"))
    # Sharaka has no membership data for it: say so rather than let "members of the UN" look empty.
    ctx.add(dataset, uri, SK.membershipRecorded, Literal(False))
    return uri


def unrecognized_state(ctx: BuildContext, dataset: str, slug: str) -> URIRef:
    uri = actor_uri(slug)
    label, others = UNRECOGNIZED_STATES[slug]
    ctx.add(dataset, uri, RDF.type, SK.UnrecognizedState)
    ctx.add(dataset, uri, RDFS.label, Literal(label, lang="en"))
    ctx.add(dataset, uri, SKOS.prefLabel, Literal(label, lang="en"))
    for other in others:
        ctx.add(dataset, uri, SKOS.altLabel, Literal(other, lang="en"))
    return uri
