"""Nations: every COW state and every nation a source mentions, with codes and labels in en/ar/fr."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from sharaka.kg.countries import COW_EXCEPTIONS, by_cow, by_iso3
from sharaka.kg.model import BuildContext
from sharaka.kg.names import is_artefact, proper_names
from sharaka.kg.sources import read_rows
from sharaka.kg.vocab import SK, nation_uri

GRAPH = "nations"

NO_ISO_REASON = ("Ceased to exist before receiving an ISO 3166-1 code, or its code was withdrawn; "
                 "identified by its Correlates of War code.")


@dataclass(frozen=True)
class CowState:
    ccode: int
    abbreviation: str
    name: str
    first_year: int
    last_year: int


@cache
def cow_states() -> dict[int, CowState]:
    """COW states (one per code; spells merged to first and last year)."""
    spells: dict[int, list[dict[str, str]]] = defaultdict(list)
    for _, row in read_rows("cow_states", "states2016.csv"):
        spells[int(row["ccode"])].append(row)
    return {
        code: CowState(code, rows[0]["stateabb"], rows[0]["statenme"],
                       min(int(r["styear"]) for r in rows), max(int(r["endyear"]) for r in rows))
        for code, rows in spells.items()
    }


def nation_key_for_cow(ccode: int) -> str | None:
    row = by_cow().get(ccode)
    return COW_EXCEPTIONS.get(ccode) or (row.iso3 if row and row.iso3 else None)


@cache
def english_names() -> dict[str, str]:
    """Nation key → English name, for labels of agreements built from codes."""
    names = {iso3: english.preferred for iso3, row in by_iso3().items()
             if (english := proper_names(row.names["en"]) or proper_names((row.name_en,))) is not None}
    for ccode, state in cow_states().items():
        key = nation_key_for_cow(ccode)
        if key and key.startswith("cow-"):
            names[key] = state.name
    return names


def english_name(key: str) -> str:
    return english_names().get(key, key)


@cache
def lexicon() -> dict[str, list[tuple[str, str, str]]]:
    """Nation key → [(alias, kind, lang)] from the hand-written linking lexicon."""
    result: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for _, row in read_rows("lexicon", "nation_aliases.csv"):
        result[row["iso3"]].append((row["alias"], row["kind"], row["lang"]))
    for _, row in read_rows("lexicon", "ambiguous_names.csv"):
        # An ambiguous alias is attached to every candidate: the linker then sees the tie
        # and asks the user instead of guessing.
        for key in row["candidates"].split(";"):
            result[key.strip()].append((row["alias"], "ambiguous", "en"))
    return result


def emit(ctx: BuildContext) -> None:
    """Write every COW state and every nation referenced by a loaded source."""
    keys: set[str] = set(ctx.referenced_nations)
    cow_by_key: dict[str, CowState] = {}
    for ccode, state in cow_states().items():
        key = nation_key_for_cow(ccode)
        if key is None:
            ctx.report.skip("cow_states", f"no nation key for COW code {ccode}")
            continue
        keys.add(key)
        # A key can have two COW codes (255 Germany, 260 West Germany): keep the older-established one.
        if key not in cow_by_key or state.first_year < cow_by_key[key].first_year:
            cow_by_key[key] = state
    for key in sorted(keys):
        _emit_nation(ctx, key, cow_by_key.get(key))


def _emit_nation(ctx: BuildContext, key: str, state: CowState | None) -> None:
    uri = nation_uri(key)
    add = lambda p, o: ctx.add(GRAPH, uri, p, o)  # noqa: E731 - local shorthand
    add(RDF.type, SK.Nation)
    row = by_iso3().get(key)
    english = english_name(key)
    add(RDFS.label, Literal(english, lang="en"))
    add(SKOS.prefLabel, Literal(english, lang="en"))
    if row is not None:
        add(SK.iso3, Literal(row.iso3))
        if row.iso2:
            add(SK.iso2, Literal(row.iso2))
        if row.iso_numeric:
            add(SK.isoNumeric, Literal(row.iso_numeric.zfill(3)))
        for lang, names in row.names.items():
            published = proper_names(names)
            if published is None:
                continue
            if lang != "en":  # English names come from the COW/countrycode concordance above
                add(SKOS.prefLabel, Literal(published.preferred, lang=lang))
            for name in published.alternatives:
                add(SKOS.altLabel, Literal(name, lang=lang))
            for name in published.hidden:  # code-table forms ("Congo - Kinshasa"): kept for matching, not shown
                add(SKOS.hiddenLabel, Literal(name, lang=lang))
        add(PROV.wasDerivedFrom, ctx.record("countrycode", "codelist", row.iso3))
    else:
        add(SK.noIsoCodeReason, Literal(NO_ISO_REASON, lang="en"))
    if state is not None:
        add(SK.cowCode, Literal(state.ccode, datatype=XSD.integer))
        add(SK.cowAbbreviation, Literal(state.abbreviation))
        if state.name != english:
            add(SKOS.hiddenLabel if is_artefact(state.name) else SKOS.altLabel, Literal(state.name, lang="en"))
        add(PROV.wasDerivedFrom, ctx.record("cow_states", "states", str(state.ccode)))
    for alias, kind, lang in lexicon().get(key, []):
        if kind == "demonym":
            add(SK.demonym, Literal(alias, lang=lang))
        elif kind in ("former_name", "official") and not is_artefact(alias):
            add(SKOS.altLabel, Literal(alias, lang=lang))
        else:
            add(SKOS.hiddenLabel, Literal(alias, lang=lang))
    if key in lexicon():
        add(PROV.wasDerivedFrom, ctx.record("lexicon", "nation_aliases", key))
