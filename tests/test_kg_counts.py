"""Per source, what the graph holds equals what the source file says after the documented filters.

Expected numbers are computed here from the CSV files with the csv module alone, not with the
loaders, so a loader that drops or duplicates rows is caught."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

from sharaka.kg.build import BuildResult
from sharaka.kg.countries import KNOWN_UNMAPPED, CodeResolver
from sharaka.store import MemoryStore

SOURCES = Path(__file__).resolve().parents[1] / "kg" / "sources"
BASE = "https://w3id.org/sharaka/"
PREFIXES = f"""
PREFIX sk: <{BASE}ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
DESTA_MEMBER_COLUMNS = [f"c{i}" for i in range(1, 92)]


def rows(path: str, encoding: str = "utf-8") -> list[dict[str, str]]:
    with (SOURCES / path).open(encoding=encoding, newline="") as fh:
        return list(csv.DictReader(fh))


def atop_members() -> list[dict[str, str]]:
    return rows("atop/atop5_1m.csv")


def desta_rows() -> list[dict[str, str]]:
    return rows("desta/desta_list_of_treaties_02_03.csv", encoding="cp1252")


def desta_codes(row: dict[str, str]) -> list[str]:
    return [row[c] for c in DESTA_MEMBER_COLUMNS if row.get(c)]


# --- expected numbers, straight from the files ----------------------------------------------

def expected_record_ids(dataset: str) -> set[str]:
    if dataset == "atop":
        return {r["atopid"] for r in rows("atop/atop5_1a.csv")}
    if dataset == "dcad":
        return {r["DCAid"] for r in rows("dcad/DCAD-v1.0-main.csv")}
    if dataset == "desta":
        return {r["number"] for r in desta_rows() if r["entry_type"] == "base_treaty"}
    if dataset == "nca":  # no ids in NCA: the 1-based row number is the record id
        return {str(n) for n, _ in enumerate(rows("nca/nca_dataset_v2.0.csv"), start=1)}
    if dataset == "curated":
        return {r["id"] for r in rows("curated/agreements.csv")}
    if dataset == "sipri":  # 1-based position in the register; the one deal with no known party is left out
        return {str(n) for n, r in enumerate(sipri_records(), start=1) if sipri_known_parties(r)}
    if dataset == "mme":
        return set(mme_ids())
    raise KeyError(dataset)


# --- the round-two sources, read here with the csv module alone --------------------------------

SIPRI_UNKNOWN = {"unknown supplier(s)", "unknown recipient(s)"}


def sipri_records() -> list[list[str]]:
    """The register's records: SIPRI's 11 note lines and its header skipped, and the line break that four
    comments contain removed where the next line holds only the three TIV values (",0.03,0.36,0")."""
    text = (SOURCES / "sipri_at" / "trade-register.csv").read_text(encoding="latin-1")
    body = text.split("\n", 12)[12]
    body = re.sub(r"\r?\n(?=,[^,\n]*,[^,\n]*,[^,\n]*(\n|$))", "", body)
    return [r for r in csv.reader(io.StringIO(body)) if r]


def sipri_known_parties(record: list[str]) -> list[str]:
    return [name for name in record[:2] if name not in SIPRI_UNKNOWN]


def mme_rows() -> list[dict[str, str]]:
    return rows("mme/mme_v7.csv")


def mme_ids() -> list[str]:
    seen: dict[str, int] = defaultdict(int)
    total = defaultdict(int)
    for r in mme_rows():
        total[r["MMEID"]] += 1
    ids = []
    for r in mme_rows():
        seen[r["MMEID"]] += 1
        ids.append(r["MMEID"] if total[r["MMEID"]] == 1 else f"{r['MMEID']}-{seen[r['MMEID']]}")
    return ids


# MME names that are not one nation (SOURCES-shared.md, section 9) and two that are the same nation.
MME_NOT_A_PARTICIPANT = {"-9", "Baltic States", "Netherlands Antilles"}
MME_SAME_NATION = {"Federal Republic of Germany": "Germany", "st. christopher": "St. Kitts & Nevis"}


def mme_participations() -> int:
    count = 0
    for r in mme_rows():
        names = {r[c] for c in r if c.startswith("State") and r[c] and r[c] not in MME_NOT_A_PARTICIPANT}
        count += len({MME_SAME_NATION.get(n, n) for n in names})
    return count


# docs/semantics.md: "COW 260 (West Germany) is Germany (DEU); COW 345 is Yugoslavia before 2006 and
# Serbia from 2006". The only codes of one source that are the same nation.
def nation_of(code: str, year: int) -> str:
    if code == "260":
        return "255"
    if code == "345" and year >= 2006:
        return "345-from-2006"
    return code


def atop_spell_count() -> int:
    """One per membership spell of a nation: a phase starting the (year, month) the previous one of the
    same nation ended, or the month after, continues it (a renegotiation, or West Germany handing over to
    Germany)."""
    phases: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in atop_members():
        if ("atop", row["member"]) in KNOWN_UNMAPPED:  # documented: left out of the graph
            continue
        phases[(row["atopid"], nation_of(row["member"], int(row["yrent"])))].append(row)
    count = 0
    for nation_phases in phases.values():
        nation_phases.sort(key=lambda r: (int(r["yrent"]), int(r["moent"] or 0), int(r["phase"] or 0)))
        previous = None
        for row in nation_phases:
            if previous is None or not phase_follows(previous, row):
                count += 1
            previous = row
    return count


def phase_follows(previous: dict[str, str], row: dict[str, str]) -> bool:
    """docs/semantics.md, "ATOP spells": the next phase starts in the month the previous ends, or the month after."""
    end = int(previous["yrexit"]) * 12 + int(previous["moexit"] or 0)
    start = int(row["yrent"]) * 12 + int(row["moent"] or 0)
    return int(previous["yrexit"]) != 0 and start - end in (0, 1)


def igo_spell_count() -> int:
    """One per spell row of igo_memberships.csv, except that a spell of the same nation starting the
    year after the previous one ended with the old code leaving the data ('absent') continues it."""
    spells: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows("cow_igo/igo_memberships.csv"):
        spells[(row["org_code"], nation_of(row["ccode"], int(row["start_year"])))].append(row)
    count = 0
    for nation_spells in spells.values():
        nation_spells.sort(key=lambda r: int(r["start_year"]))
        previous = None
        for row in nation_spells:
            if previous is None or not (int(row["start_year"]) == int(previous["end_year"]) + 1
                                        and previous["ended_by"] == "absent"):
                count += 1
            previous = row
    return count


def desta_participation_count() -> int:
    """Parties of each base treaty, plus the newcomers each accession adds to a base treaty in the file."""
    all_rows = desta_rows()
    parties = {r["number"]: set(desta_codes(r)) for r in all_rows if r["entry_type"] == "base_treaty"}
    count = sum(len(p) for p in parties.values())
    for row in all_rows:
        if row["entry_type"] == "accession" and row["base_treaty"] in parties:
            new = set(desta_codes(row)) - parties[row["base_treaty"]]
            parties[row["base_treaty"]] |= new
            count += len(new)
    return count


def expected_participations(dataset: str) -> int:
    if dataset == "atop":
        return atop_spell_count()
    if dataset == "dcad":  # three rows name the same code twice (e.g. DCADv1.0-0297: 145 BOL, 145 "VEN")
        return sum(1 if r["ccode1"] == r["ccode2"] else 2 for r in rows("dcad/DCAD-v1.0-main.csv"))
    if dataset == "desta":
        return desta_participation_count()
    if dataset == "nca":
        return sum(1 if r["ccode1"] == r["ccode2"] else 2 for r in rows("nca/nca_dataset_v2.0.csv"))
    if dataset == "curated":
        return sum(len([p for p in r["parties"].split(";") if p]) for r in rows("curated/agreements.csv"))
    if dataset == "cow_igo":
        return igo_spell_count()
    if dataset == "sipri":
        return sum(len(sipri_known_parties(r)) for r in sipri_records())
    if dataset == "mme":
        return mme_participations()
    if dataset == "oic":
        return len(rows("oic/oic_membership_sis2023_factbook2026_cow.csv"))
    raise KeyError(dataset)


# --- what the graph holds -------------------------------------------------------------------

def graph_source_ids(store: MemoryStore, dataset: str) -> list[str]:
    result = store.select(f"""{PREFIXES} SELECT ?id WHERE {{
        ?a a sk:Agreement ; dcterms:source <{BASE}id/dataset/{dataset}> ; sk:sourceId ?id }}""")
    return [str(r["id"]) for r in result.rows]


def graph_participations(store: MemoryStore, dataset: str) -> int:
    if dataset in ("cow_igo", "oic"):  # memberships, told apart by the dataset of their record
        pattern = (f"?o a sk:InternationalOrganization ; sk:participation|sk:secondaryParticipation ?p . "
                   f"?p <http://www.w3.org/ns/prov#wasDerivedFrom>/dcterms:isPartOf <{BASE}id/dataset/{dataset}> .")
    else:
        pattern = f"?o a sk:Agreement ; dcterms:source <{BASE}id/dataset/{dataset}> ; sk:participation ?p ."
    query = f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {pattern} ?p a sk:Participation }}"
    result = store.select(PREFIXES + query)
    return int(result.rows[0]["n"])


AGREEMENT_COUNTS = [
    # (dataset, rows that are agreements, as documented in SOURCES-shared.md)
    ("atop", 789),      # every alliance of atop5_1a.csv
    ("dcad", 1871),     # every row of DCAD-v1.0-main.csv
    ("desta", 903),     # base_treaty rows only; accessions and withdrawals change those
    ("nca", 3152),      # every directed dyad
    ("curated", 99),
    ("sipri", 29514),   # 29,515 records; one names neither supplier nor recipient (both "unknown")
    ("mme", 3707),      # every row; the three MMEIDs used twice become <MMEID>-1, <MMEID>-2
]


@pytest.mark.parametrize(("dataset", "documented"), AGREEMENT_COUNTS)
def test_agreements_per_source(memory_store: MemoryStore, build_result: BuildResult, dataset: str,
                               documented: int) -> None:
    expected = {f"{dataset}:{i}" for i in expected_record_ids(dataset)}
    found = graph_source_ids(memory_store, dataset)
    assert len(expected) == documented
    assert len(found) == len(set(found)), "an agreement has two source ids"
    assert set(found) == expected
    assert build_result.report.agreements[dataset] == documented


PARTICIPATION_SOURCES = ["atop", "dcad", "desta", "nca", "curated", "cow_igo", "sipri", "mme", "oic"]


@pytest.mark.parametrize("dataset", PARTICIPATION_SOURCES)
def test_participations_per_source(memory_store: MemoryStore, dataset: str) -> None:
    assert graph_participations(memory_store, dataset) == expected_participations(dataset)


@pytest.mark.parametrize("dataset", PARTICIPATION_SOURCES)
def test_reported_participations_match_the_graph(memory_store: MemoryStore, build_result: BuildResult,
                                                 dataset: str) -> None:
    assert build_result.report.participations[dataset] == graph_participations(memory_store, dataset)


def test_documented_participation_numbers() -> None:
    """Pins the numbers above so that a change of a source file shows in review."""
    assert {d: expected_participations(d) for d in PARTICIPATION_SOURCES} == {
        "atop": 2278, "dcad": 3739, "desta": 5305, "nca": 6303, "curated": 391, "cow_igo": 483,
        "sipri": 58660, "mme": 13658, "oic": 62}


# --- codes that do not map ------------------------------------------------------------------

def test_every_unmapped_code_is_known(build_result: BuildResult) -> None:
    assert sorted(set(build_result.unmapped) - set(KNOWN_UNMAPPED)) == []


def test_known_unmapped_table_has_no_stale_entries(build_result: BuildResult) -> None:
    assert sorted(set(KNOWN_UNMAPPED) - set(build_result.unmapped)) == []


def cow_codes(dataset: str) -> Iterator[tuple[str, int | None]]:
    """(COW code, year) of every use of a COW code in a source."""
    if dataset == "atop":
        for r in atop_members():
            yield r["member"], int(r["yrent"]) or None
        for r in rows("atop/atop5_1a.csv"):
            yield from ((r[f"mem{i}"], int(r["begyr"])) for i in range(1, 60) if r.get(f"mem{i}"))
    elif dataset == "dcad":
        for r in rows("dcad/DCAD-v1.0-main.csv"):
            yield from ((r[c], int(r["signYear"])) for c in ("ccode1", "ccode2"))
    elif dataset == "nca":
        for r in rows("nca/nca_dataset_v2.0.csv"):
            yield from ((r[c], int(r["year"])) for c in ("ccode1", "ccode2"))
    elif dataset == "cow_igo":
        yield from ((r["ccode"], int(r["start_year"])) for r in rows("cow_igo/igo_memberships.csv"))
    elif dataset == "cow_states":
        yield from ((r["ccode"], int(r["styear"])) for r in rows("cow_states/states2016.csv"))


@pytest.mark.parametrize("dataset", ["atop", "dcad", "nca", "cow_igo", "cow_states"])
def test_every_cow_code_maps_or_is_listed(dataset: str) -> None:
    resolver = CodeResolver()
    used = 0
    for code, year in cow_codes(dataset):
        resolver.from_cow(dataset, code, year)
        used += 1
    assert used > 0
    assert sorted(set(resolver.unmapped) - set(KNOWN_UNMAPPED)) == []


def test_every_desta_and_curated_code_maps() -> None:
    resolver = CodeResolver()
    for row in desta_rows():
        for code in desta_codes(row):
            resolver.from_iso_numeric("desta", code)
    for row in rows("curated/agreements.csv"):
        for code in [*row["parties"].split(";"), row["lead_party"]]:
            if code:
                resolver.from_iso3("curated", code)
    assert sorted(set(resolver.unmapped) - set(KNOWN_UNMAPPED)) == []


@pytest.mark.parametrize(("dataset", "code", "expected"), [
    ("atop", "8152", None),      # KNOWN_UNMAPPED: not a COW state
    ("atop", "770", "PAK"),
    ("nca", "260", "DEU"),       # West Germany → Germany
    ("nca", "265", "cow-265"),   # GDR keeps its COW code
    ("dcad", "345", "cow-345"),  # Yugoslavia in DCAD's years (1980-2010, before 2006)...
])
def test_resolver_table(dataset: str, code: str, expected: str | None) -> None:
    assert CodeResolver().from_cow(dataset, code, 1990) == expected


def test_cow_345_is_serbia_from_2006() -> None:
    resolver = CodeResolver()
    assert [resolver.from_cow("atop", "345", y) for y in (2005, 2006)] == ["cow-345", "SRB"]


# --- SIPRI: records read, OIC coverage (SOURCES-shared.md, section 8) -----------------------------

def test_sipri_register_counts() -> None:
    records = sipri_records()
    assert len(records) == 29515
    assert all(len(r) == 16 for r in records)
    assert not [r for r in records if not r[0]]  # no record with an empty recipient
    assert sum(1 for r in records if not sipri_known_parties(r)) == 1


def test_sipri_reader_of_the_build_agrees() -> None:
    from sharaka.kg.sipri_register import read_register

    read = read_register()
    assert read.rejoined == 4
    assert [[r[c] for c in r] for r in read.records] == sipri_records()


def oic_sipri_names() -> set[str]:
    """SIPRI's names of today's 57 OIC members, matched to the OIC list by the list's own names and ISO codes
    through countrycode's English names: independent of kg/sources/lexicon/sipri_names.csv."""
    iso_names: dict[str, set[str]] = defaultdict(set)
    for r in rows("countrycode/codelist.csv"):
        for column in ("country.name.en", "cldr.name.en", "un.name.en", "cldr.short.en", "cldr.variant.en"):
            if r["iso3c"] and r.get(column):
                iso_names[r["iso3c"]].add(r[column].casefold())
    members = {r["iso3c"] for r in rows("oic/oic_membership_sis2023_factbook2026_cow.csv") if r["status"] == "member"}
    written_differently = {"Turkiye": "TUR", "UAE": "ARE", "Palestine": "PSE", "Cote d'Ivoire": "CIV"}
    names = {n for r in sipri_records() for n in r[:2]}
    return {n for n in names if written_differently.get(n) in members
            or any(n.casefold() in iso_names[m] for m in members)}


# North and South Yemen were OIC members until they united in 1990 (COW IGO: 678 and 680, 1969-1989); SIPRI
# names them apart from Yemen. SOURCES-shared.md's 10,286 counts them, as the graph does (sk:hasMember: ever).
FORMER_OIC_MEMBERS = {"North Yemen", "Yemen Arab Republic (North Yemen)", "South Yemen"}


def test_sipri_deals_involving_oic_members(memory_store: MemoryStore) -> None:
    names = oic_sipri_names()
    assert len(names) == 57
    involving = [r for r in sipri_records() if (names | FORMER_OIC_MEMBERS) & set(r[:2])]
    assert len(involving) == 10286
    assert sum(1 for r in involving if 2010 <= int(r[2]) <= 2024) == 2857
    found = memory_store.select(f"""{PREFIXES}
        SELECT (COUNT(DISTINCT ?a) AS ?all) (COUNT(DISTINCT ?recent) AS ?since2010) WHERE {{
            ?a dcterms:source <{BASE}id/dataset/sipri> ; sk:hasParty ?n ; sk:startYear ?y .
            <{BASE}id/organization/OIC> sk:hasMember ?n .
            BIND(IF(?y >= 2010 && ?y <= 2024, ?a, 1) AS ?recent)
        }}""").rows[0]
    assert int(found["all"]) == 10286
    assert int(found["since2010"]) - 1 == 2857  # the BIND's placeholder 1 counts once


def test_mme_and_oic_counts() -> None:
    assert len(mme_rows()) == 3707
    assert len(set(r["MMEID"] for r in mme_rows())) == 3704
    oic = rows("oic/oic_membership_sis2023_factbook2026_cow.csv")
    assert [sum(1 for r in oic if r["status"] == s) for s in ("member", "observer")] == [57, 5]


@pytest.mark.parametrize(("dataset", "agreements", "participations"), [
    ("sipri", 29514, 58660), ("mme", 3707, 13658), ("oic", 0, 62), ("atop", 789, 2278)])
def test_dataset_description_counts(memory_store: MemoryStore, dataset: str, agreements: int,
                                    participations: int) -> None:
    """The dataset description (VoID) carries the counts per source, and each source's terms."""
    found = memory_store.select(f"""{PREFIXES} PREFIX dcat: <http://www.w3.org/ns/dcat#>
        SELECT ?a ?p ?nc WHERE {{ <{BASE}id/dataset/{dataset}> sk:agreementCount ?a ; sk:participationCount ?p ;
                                  sk:nonCommercial ?nc ; dcterms:rights ?terms }}""").rows
    assert [(int(r["a"]), int(r["p"]), str(r["nc"])) for r in found] == [
        (agreements, participations, "true" if dataset == "sipri" else "false")]
