"""MME v7: multinational military exercises 1980-2010, one joint exercise per row, with participants,
dates, location, domains, and the recurring series each yearly edition belongs to."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from sharaka.kg.actors import Party, party_for
from sharaka.kg.model import BuildContext, PartialDate
from sharaka.kg.sources import read_rows
from sharaka.kg.vocab import EXERCISE_DOMAIN, GEO, SK, agreement_uri, series_uri

DATASET = "mme"
FILE = "mme_v7.csv"
MISSING = "-9"  # MME's code for a value not recorded
PARTICIPANT_COLUMNS = [f"State{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"] + [f"StateA{c}" for c in "ABCDEFGHIJKLM"]
DOMAINS = {"Air": "air", "Land": "land", "Sea": "sea", "Amphibious": "amphibious", "Cyber": "cyber",
           "CPX": "command_post", "Warfighting": "warfighting"}


@dataclass(frozen=True)
class MmeName:
    mme_name: str
    kind: str
    key: str
    note: str

    @property
    def label(self) -> str:
        return self.mme_name


@cache
def participant_names() -> dict[str, MmeName]:
    return {r["mme_name"]: MmeName(r["mme_name"], r["kind"], r["key"], r["note"])
            for _, r in read_rows("lexicon", "mme_names.csv")}


@cache
def series_table() -> dict[str, tuple[str, str]]:
    """MME series name → (series name Sharaka uses, curated id or "") for links and spelling variants."""
    return {r["series_name"]: (r["series"], r["curated_id"]) for _, r in read_rows("lexicon", "exercise_series.csv")}


def record_ids(mmeids: list[str]) -> list[str]:
    """Stable ids: the MMEID, or <MMEID>-1, <MMEID>-2 … in file order for an MMEID used more than once."""
    counts = Counter(mmeids)
    seen: Counter[str] = Counter()
    ids = []
    for mmeid in mmeids:
        seen[mmeid] += 1
        ids.append(mmeid if counts[mmeid] == 1 else f"{mmeid}-{seen[mmeid]}")
    return ids


def series_key(name: str) -> str:
    """Series names that differ only in case or spacing are one series ('Autumn Forge', 'Autumn forge')."""
    return " ".join(series_table().get(name.strip(), (name.strip(), ""))[0].split()).casefold()


def exercise_label(row: dict[str, str], year: int, parties: list[Party]) -> str:
    name = row["Ex_Name"].strip()
    if name and name != MISSING:
        return name
    if row["Series_Name"].strip():
        return f"{row['Series_Name'].strip()} {year}"
    who = " – ".join(sorted(p.label for p in parties)) or "participants not recorded"
    where = row["Location"].strip()
    return f"Joint exercise {year}: {who}" + (f" ({where})" if where and where != MISSING else "")


def load(ctx: BuildContext) -> None:
    rows = [row for _, row in read_rows(DATASET, FILE)]
    ids = record_ids([row["MMEID"] for row in rows])
    for mmeid, count in sorted(Counter(row["MMEID"] for row in rows).items()):
        if count > 1:
            ctx.report.note(DATASET, f"MMEID {mmeid} is used by {count} different exercises: kept as "
                                     f"{', '.join(f'{mmeid}-{n}' for n in range(1, count + 1))}")
    series: dict[str, list[tuple[str, URIRef, URIRef, str]]] = defaultdict(list)
    without_participants = 0
    for record_id, row in zip(ids, rows, strict=True):
        uri, record, parties = _exercise(ctx, record_id, row)
        without_participants += parties == 0
        if row["Series_Name"].strip():
            series[series_key(row["Series_Name"])].append((record_id, uri, record, row["Series_Name"].strip()))
    for key in sorted(series):
        _series(ctx, series[key])
    if without_participants:
        ctx.report.note(DATASET, f"{without_participants} exercises name no participant Sharaka can record: kept "
                                 "(name, date, place) with sk:partiesComplete false")


def _exercise(ctx: BuildContext, record_id: str, row: dict[str, str]) -> tuple[URIRef, URIRef, int]:
    g = DATASET
    start = PartialDate.parse(row["s.year"], row["s.month"], row["s.day"])
    assert start is not None, f"MME row {record_id} has no start year"
    parties: dict[str, Party] = {}
    skipped = False
    for column in PARTICIPANT_COLUMNS:
        value = row.get(column, "")
        if not value:
            continue
        name = participant_names().get(value)
        if name is None:
            ctx.codes.unmapped[(DATASET, value)] += 1
            skipped = True
        elif name.kind == "skip":
            ctx.report.skip(DATASET, f"participant '{value}' ({name.note})")
            skipped = True
        else:
            party = party_for(ctx, DATASET, name)
            parties.setdefault(party.key, party)
    record = ctx.record(DATASET, "exercises", record_id)
    uri = ctx.agreement(DATASET, record_id, "joint_exercise", exercise_label(row, start.year, list(parties.values())),
                        start, record)
    end = PartialDate.parse(row["e.year"], row["e.month"], row["e.day"])
    if end is not None:
        ctx.dates(g, uri, end, SK.endYear, None, SK.endDate)
    sectors = ["defence", "training_exercises"]
    if row["Humanitarian"] == "1":
        sectors.append("humanitarian")
    if row["Peacekeeping"] == "1":
        sectors.append("peacekeeping")
    ctx.sectors(g, uri, sectors)
    for column, concept in DOMAINS.items():
        if row[column] == "1":
            ctx.add(g, uri, SK.exerciseDomain, EXERCISE_DOMAIN[concept])
    _location(ctx, uri, row)
    for column, prop in (("FocusDescription", DCTERMS.description), ("AdditionalParticipantInfo", SK.sourceComment)):
        if row[column].strip() and row[column].strip() != MISSING:
            ctx.add(g, uri, prop, Literal(row[column].strip(), lang="en") if prop == DCTERMS.description
                    else Literal(row[column].strip()))
    if skipped or not parties:
        ctx.add(g, uri, SK.partiesComplete, Literal(False))
    ctx.add(g, uri, SK.bilateral, Literal(len(parties) == 2))
    for party in parties.values():
        ctx.participation(g, uri, f"mme-{record_id}", party.key, record=record, actor=party.actor)
    return uri, record, len(parties)


def _location(ctx: BuildContext, uri: URIRef, row: dict[str, str]) -> None:
    where = row["Location"].strip()
    if where and where != MISSING:
        ctx.add(DATASET, uri, SK.locationName, Literal(where))
    try:
        lat, lon = Decimal(row["lat"]), Decimal(row["lon"])
    except InvalidOperation:
        return
    ctx.add(DATASET, uri, GEO.lat, Literal(lat, datatype=XSD.decimal))
    ctx.add(DATASET, uri, GEO.long, Literal(lon, datatype=XSD.decimal))


def _series(ctx: BuildContext, editions: list[tuple[str, URIRef, URIRef, str]]) -> None:
    """One series, many yearly editions: linked to the curated exercise of that name, or to a series node."""
    spellings = Counter(name for *_, name in editions)
    name = max(sorted(spellings), key=lambda s: spellings[s])
    canonical, curated_id = series_table().get(name, (name, ""))
    if curated_id:
        target = agreement_uri("curated", curated_id)
        if canonical.casefold() not in (curated_id.replace("-", " ")):
            # The name MME uses (Aman Peace) is a name people may use for the curated exercise (AMAN).
            ctx.add(DATASET, target, SKOS.hiddenLabel, Literal(canonical, lang="en"))
            ctx.add(DATASET, target, PROV.wasDerivedFrom, ctx.record("lexicon", "exercise_series", canonical))
    else:
        target = series_uri(re.sub(r"[^a-z0-9]+", "-", canonical.casefold()).strip("-"))
        ctx.add(DATASET, target, RDF.type, SK.ExerciseSeries)
        ctx.add(DATASET, target, RDFS.label, Literal(canonical, lang="en"))
    for _, edition, record, _ in editions:
        ctx.add(DATASET, edition, SK.iterationOf, target)
        if not curated_id:
            ctx.add(DATASET, target, PROV.wasDerivedFrom, record)
