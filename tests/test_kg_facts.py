"""Hand-checked facts: each case was looked up in a source row (cited beside it) and is checked
against the built graph with SPARQL. Near-misses sit beside the facts: a party that is not one,
a year off by one, a role reversed."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sharaka.store import MemoryStore

BASE = "https://w3id.org/sharaka/"
PREFIXES = f"""
PREFIX sk: <{BASE}ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
SOURCES = Path(__file__).resolve().parents[1] / "kg" / "sources"
CURRENT = None  # exit year of a membership that had not ended when the source's coverage ends


def agreement(slug: str) -> str:
    return f"{BASE}id/agreement/{slug}"


def nation(key: str) -> str:
    return f"{BASE}id/nation/{key}"


def organization(code: str) -> str:
    return f"{BASE}id/organization/{code}"


def sector(notation: str) -> str:
    return f"{BASE}id/sector/{notation}"


def ask(store: MemoryStore, where: str) -> bool:
    return store.ask(f"{PREFIXES} ASK {{ {where} }}")


def parties(store: MemoryStore, subject: str) -> set[str]:
    rows = store.select(f"{PREFIXES} SELECT ?n WHERE {{ <{subject}> sk:hasParty ?n }}").rows
    return {str(r["n"]).removeprefix(f"{BASE}id/nation/") for r in rows}


def spells(store: MemoryStore, subject: str, key: str) -> list[tuple[int | None, int | None]]:
    """(join year, exit year) of every participation of a nation in an agreement or organization."""
    rows = store.select(f"""{PREFIXES}
        SELECT ?join ?exit WHERE {{
            <{subject}> sk:participation ?p . ?p sk:participant <{nation(key)}> .
            OPTIONAL {{ ?p sk:joinYear ?join }} OPTIONAL {{ ?p sk:exitYear ?exit }}
        }}""").rows
    found = [(int(r["join"]) if "join" in r else None, int(r["exit"]) if "exit" in r else None) for r in rows]
    return sorted(found, key=lambda s: (s[0] or 0, s[1] or 9999))


# --- ATOP: members and their spells ------------------------------------------------------------

ATOP_SPELLS = [
    # (atopid, nation, [(join year, exit year)])
    ("3222", "PAK", [(1951, CURRENT)]),  # atop5_1m.csv: atopid 3222 member 770 phase 0 yrent 1951 yrexit 0
    ("3222", "SAU", [(1951, CURRENT)]),  # atop5_1m.csv: atopid 3222 member 670 phase 0 yrent 1951 yrexit 0
    ("3222", "TUR", []),                 # near-miss: atop5_1a.csv atopid 3222 lists only mem1 670, mem2 770
    # phases 1 (1949/4-1951/6) and 2 (1951/6-) follow without a gap: one spell, not two
    ("3180", "USA", [(1949, CURRENT)]),  # atop5_1m.csv: 3180 member 2 phase 1 yrent 1949, phase 2 yrent 1951
    ("3180", "TUR", [(1951, CURRENT)]),  # atop5_1m.csv: atopid 3180 member 640 phase 2 yrent 1951 moent 10
    ("3180", "ALB", [(2008, CURRENT)]),  # atop5_1m.csv: atopid 3180 member 339 phase 2 yrent 2008
    # West Germany (260) hands over to Germany (255) in 1990/10: one spell of DEU (docs/semantics.md)
    ("3180", "DEU", [(1954, CURRENT)]),  # atop5_1m.csv: 3180 member 260 1954/10-1990/10, member 255 1990/10-
    ("3180", "SWE", []),                 # near-miss: atop5_1a.csv atopid 3180 mem1-mem30 has no 380
    ("3285", "ALB", [(1955, 1968)]),     # atop5_1m.csv: atopid 3285 member 339 yrent 1955 yrexit 1968
    ("3285", "RUS", [(1955, 1991)]),     # atop5_1m.csv: atopid 3285 member 365 yrent 1955 yrexit 1991
    ("3285", "cow-265", [(1955, 1990)]),  # atop5_1m.csv: atopid 3285 member 265 yrent 1955 yrexit 1990
    ("3285", "cow-315", [(1955, 1991)]),  # atop5_1m.csv: atopid 3285 member 315 yrent 1955 yrexit 1991
    # phase 2 starts 1995/2, phase 1 ended 1962/11: a gap, so two spells
    ("2340", "SAU", [(1934, 1962), (1995, CURRENT)]),  # atop5_1m.csv: atopid 2340 member 670 phases 1, 2
    ("2340", "cow-678", [(1934, 1962)]),  # atop5_1m.csv: atopid 2340 member 678 phase 1 yrexit 1962
    ("2340", "YEM", [(1995, CURRENT)]),  # atop5_1m.csv: atopid 2340 member 679 phase 2 yrent 1995
    ("3015", "EGY", [(1945, 1979), (1989, CURRENT)]),  # atop5_1m.csv: atopid 3015 member 651 two rows
    ("3375", "JPN", [(1960, CURRENT)]),  # atop5_1m.csv: atopid 3375 member 740 yrent 1960 yrexit 0
]


@pytest.mark.parametrize(("atopid", "key", "expected"), ATOP_SPELLS)
def test_atop_member_spells(memory_store: MemoryStore, atopid: str, key: str,
                            expected: list[tuple[int | None, int | None]]) -> None:
    assert spells(memory_store, agreement(f"atop-{atopid}"), key) == expected


ATOP_DATES = [
    # (atopid, start year, end year, in force at 2018-12-31)
    ("3222", 1951, None, True),   # atop5_1a.csv: atopid 3222 begyr 1951 endyr 0
    ("3180", 1949, None, True),   # atop5_1a.csv: atopid 3180 begyr 1949 endyr 0
    ("3285", 1955, 1991, False),  # atop5_1a.csv: atopid 3285 begyr 1955 endyr 1991
    ("3255", 1954, 1955, False),  # atop5_1a.csv: atopid 3255 (640, 770) begyr 1954 endyr 1955
    ("2490", 1939, 1945, False),  # atop5_1a.csv: atopid 2490 begyr 1939 endyr 1945
]


@pytest.mark.parametrize(("atopid", "start", "end", "in_force"), ATOP_DATES)
def test_atop_dates(memory_store: MemoryStore, atopid: str, start: int, end: int | None,
                    in_force: bool) -> None:
    a = agreement(f"atop-{atopid}")
    assert ask(memory_store, f'<{a}> a sk:Alliance ; sk:sourceId "atop:{atopid}" ; sk:startYear {start}')
    assert not ask(memory_store, f"<{a}> sk:startYear {start - 1}")  # near-miss: off by one
    assert not ask(memory_store, f"<{a}> sk:startYear {start + 1}")
    assert ask(memory_store, f"<{a}> sk:inForceAtCoverageEnd {str(in_force).lower()}")
    if end is None:
        assert not ask(memory_store, f"<{a}> sk:endYear ?y")
    else:
        assert ask(memory_store, f"<{a}> sk:endYear {end}")
        assert not ask(memory_store, f"<{a}> sk:endYear {end - 1}")


ATOP_OBLIGATIONS = [
    # (atopid, obligation concept, expected)
    ("3222", "non_aggression", True),  # atop5_1a.csv: atopid 3222 nonagg 1
    ("3222", "defence", False),        # atop5_1a.csv: atopid 3222 defense 0
    ("3222", "consultation", False),   # atop5_1a.csv: atopid 3222 consul 0
    ("3180", "defence", True),         # atop5_1a.csv: atopid 3180 defense 1
    ("3180", "consultation", True),    # atop5_1a.csv: atopid 3180 consul 1
    ("3180", "offence", False),        # atop5_1a.csv: atopid 3180 offense 0
    ("3180", "neutrality", False),     # atop5_1a.csv: atopid 3180 neutral 0
    ("2490", "offence", True),         # atop5_1a.csv: atopid 2490 (200, 220, 640) offense 1
    ("2490", "neutrality", True),      # atop5_1a.csv: atopid 2490 neutral 1
    ("2490", "non_aggression", False),  # atop5_1a.csv: atopid 2490 nonagg 0
    ("2280", "neutrality", True),      # atop5_1a.csv: atopid 2280 (365, 375) neutral 1
    ("2280", "defence", False),        # atop5_1a.csv: atopid 2280 defense 0
    ("3255", "consultation", True),    # atop5_1a.csv: atopid 3255 consul 1
    ("3255", "non_aggression", False),  # atop5_1a.csv: atopid 3255 nonagg 0
]


@pytest.mark.parametrize(("atopid", "obligation", "expected"), ATOP_OBLIGATIONS)
def test_atop_obligations(memory_store: MemoryStore, atopid: str, obligation: str, expected: bool) -> None:
    triple = f"<{agreement('atop-' + atopid)}> sk:obligation <{BASE}id/obligation/{obligation}>"
    assert ask(memory_store, triple) is expected


# --- DCAD -----------------------------------------------------------------------------------

DCAD_AGREEMENTS = [
    # (DCAid, parties, signature year)
    ("DCADv1.0-0001", {"USA", "CAN"}, 1984),  # DCAD-v1.0-main.csv: DCADv1.0-0001 ccode 2, 20 signYear 1984
    ("DCADv1.0-0103", {"USA", "TUR"}, 1980),  # DCAD-v1.0-main.csv: DCADv1.0-0103 ccode 2, 640 signYear 1980
    ("DCADv1.0-0105", {"USA", "TUR"}, 1981),  # DCAD-v1.0-main.csv: DCADv1.0-0105 ccode 2, 640 signYear 1981
    ("DCADv1.0-0107", {"USA", "EGY"}, 1988),  # DCAD-v1.0-main.csv: DCADv1.0-0107 ccode 2, 651 signYear 1988
    ("DCADv1.0-1733", {"TUR", "PAK"}, 1995),  # DCAD-v1.0-main.csv: DCADv1.0-1733 ccode 640, 770 signYear 1995
    ("DCADv1.0-1756", {"SAU", "PAK"}, 2006),  # DCAD-v1.0-main.csv: DCADv1.0-1756 ccode 670, 770 signYear 2006
    ("DCADv1.0-1865", {"PAK", "IDN"}, 2010),  # DCAD-v1.0-main.csv: DCADv1.0-1865 ccode 770, 850 signYear 2010
    ("DCADv1.0-0497", {"FRA", "DEU"}, 1988),  # DCAD-v1.0-main.csv: DCADv1.0-0497 ccode 220, 260 (W. Germany)
    ("DCADv1.0-0500", {"FRA", "cow-315"}, 1992),  # DCAD-v1.0-main.csv: DCADv1.0-0500 ccode 220, 315
]


@pytest.mark.parametrize(("dcaid", "expected_parties", "year"), DCAD_AGREEMENTS)
def test_dcad_parties_and_year(memory_store: MemoryStore, dcaid: str, expected_parties: set[str],
                               year: int) -> None:
    a = agreement(f"dcad-{dcaid}")
    assert parties(memory_store, a) == expected_parties
    assert ask(memory_store, f'<{a}> a sk:DefenceCooperationAgreement ; sk:sourceId "dcad:{dcaid}" ; '
                             f"sk:startYear {year}")
    assert not ask(memory_store, f"<{a}> sk:startYear {year + 1}")  # near-miss: off by one
    for key in expected_parties:  # each party joined when it signed
        assert spells(memory_store, a, key) == [(year, None)]


DCAD_SECTORS = [
    # (DCAid, sector notation, expected): DIC→defence_industry, TREX→training_exercises,
    # PROCUREMENT→arms_procurement, RESEARCH→defence_research, COMMISSION→defence_commission
    ("DCADv1.0-0001", "arms_procurement", True),     # DCAD-v1.0-main.csv: 0001 category1 PROCUREMENT
    ("DCADv1.0-0001", "defence", True),              # broader sector of every DCAD category
    ("DCADv1.0-0001", "defence_industry", False),    # 0001 has no DIC
    ("DCADv1.0-0103", "defence_industry", True),     # DCAD-v1.0-main.csv: 0103 category1 DIC
    ("DCADv1.0-0103", "arms_procurement", True),     # DCAD-v1.0-main.csv: 0103 category2 PROCUREMENT
    ("DCADv1.0-0103", "training_exercises", False),  # 0103 has no TREX
    ("DCADv1.0-0105", "defence_commission", True),   # DCAD-v1.0-main.csv: 0105 category1 COMMISSION
    ("DCADv1.0-0105", "training_exercises", True),   # DCAD-v1.0-main.csv: 0105 category2 TREX
    ("DCADv1.0-0105", "defence_industry", False),    # 0105 has no DIC
    ("DCADv1.0-0107", "defence_research", True),     # DCAD-v1.0-main.csv: 0107 category3 RESEARCH
    ("DCADv1.0-1733", "defence_research", True),     # DCAD-v1.0-main.csv: 1733 category2 RESEARCH
    ("DCADv1.0-1865", "defence", True),              # DCAD-v1.0-main.csv: 1865 category1 DCA only
    ("DCADv1.0-1865", "defence_industry", False),
    ("DCADv1.0-1865", "defence_commission", False),
]


@pytest.mark.parametrize(("dcaid", "notation", "expected"), DCAD_SECTORS)
def test_dcad_sectors(memory_store: MemoryStore, dcaid: str, notation: str, expected: bool) -> None:
    triple = f"<{agreement('dcad-' + dcaid)}> sk:coversSector <{sector(notation)}>"
    assert ask(memory_store, triple) is expected


# --- DESTA ----------------------------------------------------------------------------------

DESTA_PARTIES = [
    # (base treaty number, all parties ever: base members + accession newcomers)
    # desta_list_of_treaties_02_03.csv: 375 base 40 208 620 756 578 752 826; 375+1 adds 352,
    # 375+2 adds 246, 375+3 adds 438
    ("375", {"AUT", "DNK", "PRT", "CHE", "NOR", "SWE", "GBR", "ISL", "FIN", "LIE"}),
    ("953", {"PAK", "TUR"}),  # desta_list_of_treaties_02_03.csv: 953 Pakistan Turkey c1 586 c2 792
    ("223", {"CHN", "PAK"}),  # desta_list_of_treaties_02_03.csv: 223 China Pakistan c1 156 c2 586
    # desta_list_of_treaties_02_03.csv: 108 base 112 643; accessions 108+1..3 add 398, 417, 762
    ("108", {"BLR", "RUS", "KAZ", "KGZ", "TJK"}),
]


@pytest.mark.parametrize(("number", "expected"), DESTA_PARTIES)
def test_desta_parties(memory_store: MemoryStore, number: str, expected: set[str]) -> None:
    assert parties(memory_store, agreement(f"desta-{number}")) == expected


DESTA_SPELLS = [
    # (base treaty, nation, [(join year, exit year)])
    ("375", "CHE", [(1960, CURRENT)]),  # desta: 375 base_treaty year 1960 c4 756
    ("375", "GBR", [(1960, 1973)]),     # desta: 375 c7 826; withdrawal 375_1 year 1973 826 mc 1
    ("375", "DNK", [(1960, 1973)]),     # desta: 375 c2 208; withdrawal 375_1 year 1973 208 mc 1
    ("375", "PRT", [(1960, 1986)]),     # desta: withdrawal 375_2 year 1986 620 mc 1
    ("375", "ISL", [(1969, CURRENT)]),  # desta: accession 375+1 year 1969 adds 352
    ("375", "FIN", [(1985, 1995)]),     # desta: accession 375+2 year 1985 adds 246; 375_3 year 1995
    ("375", "LIE", [(1991, CURRENT)]),  # desta: accession 375+3 year 1991 adds 438
    ("375", "DEU", []),                 # near-miss: 276 is in no row of base treaty 375
    ("304", "EGY", [(2001, CURRENT)]),  # desta: 304 EC Egypt base_treaty year 2001 818 (mc 0, still a party)
    ("304", "CYP", [(2003, CURRENT)]),  # desta: accession 304+1 year 2003 adds 196
    ("304", "HRV", [(2011, CURRENT)]),  # desta: accession 304+3 year 2011 adds 191
    ("304", "GBR", [(2001, 2020)]),     # desta: 304_1 withdrawal UK year 2020 826 mc 1
    ("304", "FRA", [(2001, CURRENT)]),  # desta: 304_1 lists 250 with mc 2: stays
    ("355", "GBR", [(1995, 2020)]),     # desta: 355 EC Turkey year 1995; 355_1 withdrawal UK 2020
    ("8", "ALB", [(2006, CURRENT)]),    # desta: 8 Albania EC SAA year 2006 c1 8
    ("8", "GBR", [(2006, 2020)]),       # desta: 8_1 withdrawal UK year 2020 826 mc 1
    ("108", "KGZ", [(1996, CURRENT)]),  # desta: accession 108+2 year 1996 adds 417
    ("108", "TJK", [(1998, CURRENT)]),  # desta: accession 108+3 year 1998 adds 762
]


@pytest.mark.parametrize(("number", "key", "expected"), DESTA_SPELLS)
def test_desta_spells(memory_store: MemoryStore, number: str, key: str,
                      expected: list[tuple[int | None, int | None]]) -> None:
    assert spells(memory_store, agreement(f"desta-{number}"), key) == expected


DESTA_DATES = [
    # (number, signature year, entry into force year)
    ("304", 2001, 2004),  # desta: 304 year 2001 entryforceyear 2004
    ("375", 1960, 1960),  # desta: 375 year 1960 entryforceyear 1960
    ("953", 2022, None),  # desta: 953 year 2022 entryforceyear empty
    ("223", 2003, 2004),  # desta: 223 year 2003 entryforceyear 2004
]


@pytest.mark.parametrize(("number", "year", "eif"), DESTA_DATES)
def test_desta_dates(memory_store: MemoryStore, number: str, year: int, eif: int | None) -> None:
    a = agreement(f"desta-{number}")
    assert ask(memory_store, f'<{a}> a sk:EconomicPartnership ; sk:sourceId "desta:{number}" ; '
                             f"sk:startYear {year} ; sk:coversSector <{sector('economy')}>")
    assert not ask(memory_store, f"<{a}> sk:startYear {year - 1}")
    if eif is None:
        assert not ask(memory_store, f"<{a}> sk:entryIntoForceYear ?y")
    else:
        assert ask(memory_store, f"<{a}> sk:entryIntoForceYear {eif}")


# desta: 304+1 accession, 304_1 withdrawal, 1050 protocol or amendment, 1050a consolidated (base 304)
@pytest.mark.parametrize("number", ["304+1", "304_1", "1050", "1050a"])
def test_desta_events_are_not_agreements(memory_store: MemoryStore, number: str) -> None:
    assert not ask(memory_store, f'?a sk:sourceId "desta:{number}"')


# --- NCA ------------------------------------------------------------------------------------

NCA_DYADS = [
    # (row number, supplier, recipient, year, nca_type)
    (607, "USA", "PAK", 1955, 4),       # nca_dataset_v2.0.csv row 607: 2, 770, 1955, type 4
    (3130, "PAK", "USA", 1967, 2),      # nca_dataset_v2.0.csv row 3130: 770, 2, 1967, type 2
    (2842, "CHN", "PAK", 1986, 7),      # nca_dataset_v2.0.csv row 2842: 710, 770, 1986, type 7
    (1704, "FRA", "SAU", 1975, 2),      # nca_dataset_v2.0.csv row 1704: 220, 670, 1975, type 2
    (2783, "ISR", "EGY", 1994, 1),      # nca_dataset_v2.0.csv row 2783: 666, 651, 1994, type 1
    (2173, "DEU", "EGY", 1981, 5),      # nca_dataset_v2.0.csv row 2173: 260, 651, 1981, type 5
    (2355, "cow-345", "EGY", 1956, 3),  # nca_dataset_v2.0.csv row 2355: 345, 651, 1956, type 3
]


@pytest.mark.parametrize(("row", "supplier", "recipient", "year", "nca_type"), NCA_DYADS)
def test_nca_dyads(memory_store: MemoryStore, row: int, supplier: str, recipient: str, year: int,
                   nca_type: int) -> None:
    a = agreement(f"nca-{row}")
    assert ask(memory_store, f'<{a}> a sk:NuclearCooperationAgreement ; sk:sourceId "nca:{row}" ; '
                             f"sk:startYear {year} ; "
                             f"sk:nuclearAssistanceType <{BASE}id/nuclear-assistance/{nca_type}>")
    assert parties(memory_store, a) == {supplier, recipient}
    role = f"{BASE}id/role/"
    assert ask(memory_store, f"<{a}> sk:participation ?p . ?p sk:participant <{nation(supplier)}> ; "
                             f"sk:role <{role}supplier>")
    assert ask(memory_store, f"<{a}> sk:participation ?p . ?p sk:participant <{nation(recipient)}> ; "
                             f"sk:role <{role}recipient>")
    # near-misses: the direction matters, and the year is exact
    assert not ask(memory_store, f"<{a}> sk:participation ?p . ?p sk:participant <{nation(supplier)}> ; "
                                 f"sk:role <{role}recipient>")
    assert not ask(memory_store, f"<{a}> sk:startYear {year + 1}")


NCA_SECTORS = [
    (2842, "defence", True),   # row 2842 nca_type 7 (military)
    (2842, "nuclear", True),
    (2173, "energy", True),    # row 2173 nca_type 5 (power, restricted)
    (607, "energy", False),    # row 607 nca_type 4 (research programme)
    (607, "defence", False),
]


@pytest.mark.parametrize(("row", "notation", "expected"), NCA_SECTORS)
def test_nca_sectors(memory_store: MemoryStore, row: int, notation: str, expected: bool) -> None:
    assert ask(memory_store, f"<{agreement(f'nca-{row}')}> sk:coversSector <{sector(notation)}>") is expected


def test_nca_row_with_the_same_code_twice_has_one_party(memory_store: MemoryStore) -> None:
    # nca_dataset_v2.0.csv row 2131: ccode1 260, ccode2 260 (country2 says France: a source slip)
    a = agreement("nca-2131")
    assert parties(memory_store, a) == {"DEU"}
    assert len(memory_store.select(f"{PREFIXES} SELECT ?p WHERE {{ <{a}> sk:participation ?p }}").rows) == 1


# --- OIC membership: the OIC's own list; COW IGO v3 kept as a second record -------------------------

OIC_SPELLS = [
    # (nation, [(join year, exit year)]) of the membership the graph answers from
    ("PAK", [(1969, CURRENT)]),      # oic_membership_sis2023_factbook2026_cow.csv: member,10,Pakistan,PAK,1969
    ("SAU", [(1969, CURRENT)]),      # oic list: member,18,Saudi Arabia,SAU,1969
    ("TUR", [(1969, CURRENT)]),      # oic list: member,12,Turkey,TUR,1969
    ("ALB", [(1992, CURRENT)]),      # oic list: member,4,Albania,ALB,1992
    ("AZE", [(1992, CURRENT)]),      # oic list: 1992 (COW IGO: 1991)
    ("CMR", [(1974, CURRENT)]),      # oic list: 1974 (COW IGO: 2006)
    ("UZB", [(1996, CURRENT)]),      # oic list: 1996 (COW IGO: 1995)
    ("YEM", [(1969, CURRENT)]),      # oic list: 1969 (COW IGO: 1990, from unification)
    ("PSE", [(1969, CURRENT)]),      # oic list: member,38,Palestine,PSE,1969 (not in COW IGO)
    ("RUS", [(2005, CURRENT)]),      # oic list: observer,4,The Russian Federation,RUS,2005 (an observer)
    ("cow-678", [(1969, 1989)]),     # igo_memberships.csv: OIC,678,1969,1989,full,absent (not in the OIC list)
    ("cow-680", [(1969, 1989)]),     # igo_memberships.csv: OIC,680,1969,1989,full,absent
    ("IND", []),                     # near-miss: in neither
    ("ISR", []),
]
OIC_OBSERVERS = {"RUS"}


@pytest.mark.parametrize(("key", "expected"), OIC_SPELLS)
def test_oic_membership(memory_store: MemoryStore, key: str,
                        expected: list[tuple[int | None, int | None]]) -> None:
    assert spells(memory_store, organization("OIC"), key) == expected
    member = ask(memory_store, f"<{organization('OIC')}> sk:hasMember <{nation(key)}>")
    assert member is (bool(expected) and key not in OIC_OBSERVERS)


ORGANIZATION_SPELLS = [
    # (organization, nation, [(join year, exit year)])
    # igo_memberships.csv: NATO,260,1955,1989,full,absent and NATO,255,1990,2014: one spell of DEU
    ("NATO", "DEU", [(1955, CURRENT)]),
    ("NATO", "TUR", [(1952, CURRENT)]),        # igo_memberships.csv: NATO,640,1952,2014,full,data_end
    ("EU", "DEU", [(1993, CURRENT)]),          # igo_memberships.csv: EU,255,1993,2014,full,data_end
    ("WARSAW_PACT", "ALB", [(1955, 1968)]),    # igo_memberships.csv: WARSAW_PACT,339,1955,1968
]


@pytest.mark.parametrize(("org", "key", "expected"), ORGANIZATION_SPELLS)
def test_organization_membership(memory_store: MemoryStore, org: str, key: str,
                                 expected: list[tuple[int | None, int | None]]) -> None:
    assert spells(memory_store, organization(org), key) == expected


def test_oic_join_years_match_the_derived_oic_file(memory_store: MemoryStore) -> None:
    """oic_members_cow_igo_v3.csv (derived separately) and the graph's COW IGO records of the OIC agree: the
    second record of the 56 nations the OIC list names, the membership itself of North and South Yemen."""
    with (SOURCES / "cow_igo" / "oic_members_cow_igo_v3.csv").open(encoding="utf-8", newline="") as fh:
        expected = {int(r["ccode"]): (int(r["first_year"]), int(r["last_year"])) for r in csv.DictReader(fh)}
    rows = memory_store.select(f"""{PREFIXES}
        SELECT ?cow ?join ?exit WHERE {{
            <{organization('OIC')}> sk:secondaryParticipation|sk:participation ?p .
            ?p sk:participant ?n ; sk:joinYear ?join ; prov:wasDerivedFrom ?record .
            ?record dcterms:isPartOf <{BASE}id/dataset/cow_igo> .
            ?n sk:cowCode ?cow . OPTIONAL {{ ?p sk:exitYear ?exit }}
        }}""").rows
    found = {int(r["cow"]): (int(r["join"]), int(r["exit"]) if "exit" in r else 2014) for r in rows}
    assert len(expected) == 58
    assert found == expected


# --- curated agreements -----------------------------------------------------------------------

CURATED = [
    # (id, kind class, parties, lead party, start year, end year)  all from curated/agreements.csv
    ("abraham-accords-uae-israel-2020", "NormalizationAgreement", {"ARE", "ISR", "USA"}, "USA", 2020, None),
    ("abraham-accords-bahrain-israel-2020", "NormalizationAgreement", {"BHR", "ISR", "USA"}, "USA", 2020,
     None),
    ("abraham-accords-morocco-israel-2020", "NormalizationAgreement", {"MAR", "ISR", "USA"}, "USA", 2020,
     None),
    ("israel-jordan-peace-treaty-1994", "NormalizationAgreement", {"JOR", "ISR"}, None, 1994, None),
    ("saudi-iran-beijing-agreement-2023", "NormalizationAgreement", {"SAU", "IRN", "CHN"}, "CHN", 2023, None),
    ("turkey-qatar-military-cooperation-base-2014", "MilitaryAssistance", {"TUR", "QAT"}, "TUR", 2014, None),
    ("gulf-shield-1-exercise-2018", "JointMilitaryExercise",
     {"SAU", "PAK", "SDN", "DJI", "EGY", "ARE", "TCD", "GIN", "BHR", "MYS", "MRT", "JOR", "GMB", "KWT"},
     "SAU", 2018, 2018),
    ("operation-serval-mali-2013", "MilitaryAssistance", {"FRA", "MLI"}, "FRA", 2013, 2014),
    ("black-sea-grain-initiative-2022", "HumanitarianMission", {"TUR", "RUS", "UKR"}, "TUR", 2022, 2023),
    ("china-pakistan-economic-corridor-2015", "EconomicPartnership", {"PAK", "CHN"}, "CHN", 2015, None),
]


@pytest.mark.parametrize(("record_id", "kind", "expected_parties", "lead", "start", "end"), CURATED)
def test_curated_agreements(memory_store: MemoryStore, record_id: str, kind: str, expected_parties: set[str],
                            lead: str | None, start: int, end: int | None) -> None:
    a = agreement(f"curated-{record_id}")
    assert ask(memory_store, f'<{a}> a sk:{kind} ; sk:sourceId "curated:{record_id}" ; sk:startYear {start}')
    assert not ask(memory_store, f"<{a}> sk:startYear {start + 1}")
    assert parties(memory_store, a) == expected_parties
    leads = memory_store.select(f"{PREFIXES} SELECT ?n WHERE {{ <{a}> sk:leadParty ?n }}").rows
    assert [str(r["n"]) for r in leads] == ([nation(lead)] if lead else [])
    roles = memory_store.select(f"""{PREFIXES} SELECT ?n WHERE {{
        <{a}> sk:participation ?p . ?p sk:participant ?n ; sk:role <{BASE}id/role/lead> }}""").rows
    assert [str(r["n"]) for r in roles] == ([nation(lead)] if lead else [])
    if end is None:
        assert not ask(memory_store, f"<{a}> sk:endYear ?y")
    else:
        assert ask(memory_store, f"<{a}> sk:endYear {end}")


CURATED_NOT_PARTIES = [
    ("abraham-accords-uae-israel-2020", "BHR"),   # BHR is in the Bahrain accord, not the UAE one
    ("abraham-accords-bahrain-israel-2020", "ARE"),
    ("israel-jordan-peace-treaty-1994", "USA"),  # parties JOR;ISR only
    ("saudi-iran-beijing-agreement-2023", "USA"),
]


@pytest.mark.parametrize(("record_id", "key"), CURATED_NOT_PARTIES)
def test_curated_near_miss_parties(memory_store: MemoryStore, record_id: str, key: str) -> None:
    assert not ask(memory_store, f"<{agreement('curated-' + record_id)}> sk:hasParty <{nation(key)}>")


CURATED_SECTORS = [
    ("gulf-shield-1-exercise-2018", "training_exercises", True),  # kind joint_exercise implies it
    ("gulf-shield-1-exercise-2018", "defence", True),             # sectors: defense
    ("gulf-shield-1-exercise-2018", "economy", False),
    ("abraham-accords-uae-israel-2020", "economy", True),         # sectors: diplomacy;economy
    ("abraham-accords-bahrain-israel-2020", "economy", False),    # sectors: diplomacy
]


@pytest.mark.parametrize(("record_id", "notation", "expected"), CURATED_SECTORS)
def test_curated_sectors(memory_store: MemoryStore, record_id: str, notation: str, expected: bool) -> None:
    triple = f"<{agreement('curated-' + record_id)}> sk:coversSector <{sector(notation)}>"
    assert ask(memory_store, triple) is expected


# --- nations: codes and names -----------------------------------------------------------------

NATION_CODES = [
    # (nation, property, value) from countrycode/codelist.csv and cow_states/states2016.csv
    ("PAK", "iso3", '"PAK"'),   # codelist.csv: iso3c PAK iso2c PK iso3n 586 cown 770
    ("PAK", "iso2", '"PK"'),
    ("PAK", "isoNumeric", '"586"'),
    ("PAK", "cowCode", "770"),
    ("SAU", "iso2", '"SA"'),    # codelist.csv: iso3c SAU iso2c SA cown 670
    ("SAU", "cowCode", "670"),
    ("TUR", "cowCode", "640"),  # codelist.csv: iso3c TUR cown 640
    ("IDN", "isoNumeric", '"360"'),  # codelist.csv: iso3c IDN iso3n 360 cown 850
    ("EGY", "cowAbbreviation", '"EGY"'),  # states2016.csv: EGY,651,Egypt
    ("DEU", "cowCode", "255"),  # states2016.csv: GMY,255 (1816-) is kept over GFR,260 (1955-1990)
    ("cow-345", "cowCode", "345"),  # states2016.csv: YUG,345,Yugoslavia
    ("cow-265", "cowAbbreviation", '"GDR"'),  # states2016.csv: GDR,265,German Democratic Republic
]


@pytest.mark.parametrize(("key", "prop", "value"), NATION_CODES)
def test_nation_codes(memory_store: MemoryStore, key: str, prop: str, value: str) -> None:
    assert ask(memory_store, f"<{nation(key)}> a sk:Nation ; sk:{prop} {value}")


NATION_CODE_NEAR_MISSES = [
    ("DEU", "cowCode", "260"),      # West Germany's code maps to DEU but is not DEU's code
    ("PAK", "iso2", '"PA"'),        # PA is Panama
    ("cow-345", "iso3", "?any"),    # Yugoslavia has no ISO code ...
    ("SRB", "cowCode", "345"),      # ... and Serbia does not inherit COW 345 as its code
]


@pytest.mark.parametrize(("key", "prop", "value"), NATION_CODE_NEAR_MISSES)
def test_nation_code_near_misses(memory_store: MemoryStore, key: str, prop: str, value: str) -> None:
    assert not ask(memory_store, f"<{nation(key)}> sk:{prop} {value}")


def test_nation_without_iso_code_says_why(memory_store: MemoryStore) -> None:
    assert ask(memory_store, f"<{nation('cow-345')}> sk:noIsoCodeReason ?why ; rdfs:label \"Yugoslavia\"@en")
    assert not ask(memory_store, f"<{nation('PAK')}> sk:noIsoCodeReason ?why")


NATION_LABELS = [
    # (nation, language, preferred label): codelist.csv country.name.en / cldr.name.ar / cldr.name.fr
    ("PAK", "en", "Pakistan"),
    ("PAK", "ar", "باكستان"),
    ("PAK", "fr", "Pakistan"),
    ("SAU", "ar", "المملكة العربية السعودية"),
    ("SAU", "fr", "Arabie saoudite"),
    ("TUR", "ar", "تركيا"),
    ("TUR", "fr", "Turquie"),   # cldr.name.fr Turquie (un.name.fr Türkiye is not preferred)
    ("EGY", "ar", "مصر"),
    ("EGY", "fr", "Égypte"),
    ("ARE", "en", "United Arab Emirates"),
    ("IDN", "fr", "Indonésie"),
    ("RUS", "ar", "روسيا"),     # cldr.name.ar روسيا before un.name.ar الاتحاد الروسي
]


@pytest.mark.parametrize(("key", "lang", "label"), NATION_LABELS)
def test_nation_preferred_labels(memory_store: MemoryStore, key: str, lang: str, label: str) -> None:
    rows = memory_store.select(f"""{PREFIXES} SELECT ?l WHERE {{
        <{nation(key)}> skos:prefLabel ?l FILTER(LANG(?l) = "{lang}") }}""").rows
    assert [str(r["l"]) for r in rows] == [label]


# --- bilateral: "no more than two parties at any time" (ontology, sk:bilateral) ---------------

BILATERAL = [
    # (agreement, bilateral)
    ("atop-3222", True),    # atop5_1a.csv: atopid 3222 bilat 1
    ("atop-3180", False),   # atop5_1a.csv: atopid 3180 bilat 0
    ("dcad-DCADv1.0-0001", True),  # DCAD rows are dyads
    ("nca-607", True),      # NCA rows are directed dyads
    ("desta-953", True),    # desta: 953 Pakistan Turkey, two members, no accession
    ("desta-375", False),   # desta: 375 EFTA, seven members
    ("curated-israel-jordan-peace-treaty-1994", True),     # parties JOR;ISR
    ("curated-abraham-accords-uae-israel-2020", False),    # parties ARE;ISR;USA
    # desta: 108 Belarus Russia has two members, accessions 108+1..3 (1996-1998) bring it to five
    ("desta-108", False),
    # desta: 600 Mano River Union 430 694; accessions 600+1 (324, 1980) and 600+2 (384, 2008)
    ("desta-600", False),
]


@pytest.mark.parametrize(("slug", "expected"), BILATERAL)
def test_bilateral(memory_store: MemoryStore, slug: str, expected: bool) -> None:
    assert ask(memory_store, f"<{agreement(slug)}> sk:bilateral {str(expected).lower()}")
    assert not ask(memory_store, f"<{agreement(slug)}> sk:bilateral {str(not expected).lower()}")
