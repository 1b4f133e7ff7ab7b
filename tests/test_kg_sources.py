"""Hand-checked facts of the round-two sources (SIPRI, MME, the OIC list) and of agreements of several kinds.

Each case was looked up in a source row (cited beside it) and is checked against the built graph with SPARQL;
near-misses sit beside the facts: a party that is not one, a year off by one, a kind the record does not have."""

from __future__ import annotations

import pytest

from sharaka.store import MemoryStore
from tests.test_kg_facts import PREFIXES as FACT_PREFIXES
from tests.test_kg_facts import agreement, nation, organization, parties

BASE = "https://w3id.org/sharaka/"
PREFIXES = FACT_PREFIXES + """
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
"""
ROLE = f"{BASE}id/role/"
WEAPON = f"{BASE}id/weapon-category/"


def ask(store: MemoryStore, where: str) -> bool:
    return store.ask(f"{PREFIXES} ASK {{ {where} }}")


def actor(slug: str) -> str:
    return f"{BASE}id/actor/{slug}"


def deals(store: MemoryStore, supplier: str, recipient: str, designation: str) -> list[dict[str, object]]:
    """SIPRI deals between two nations for one weapon designation, with year, numbers and delivery years."""
    rows = store.select(f"""{PREFIXES}
        SELECT ?a ?year ?ordered (GROUP_CONCAT(DISTINCT STR(?dy); separator=" ") AS ?delivered) WHERE {{
            ?a a sk:ArmsTransfer ; sk:supplier <{nation(supplier)}> ; sk:recipient <{nation(recipient)}> ;
               sk:weaponDesignation "{designation}" ; sk:startYear ?year .
            OPTIONAL {{ ?a sk:numberOrdered ?ordered }} OPTIONAL {{ ?a sk:deliveryYear ?dy }}
        }} GROUP BY ?a ?year ?ordered ORDER BY ?year ?ordered""").rows
    return [{"uri": str(r["a"]), "year": int(r["year"]), "ordered": int(r["ordered"]) if "ordered" in r else None,
             "delivered": sorted(int(y) for y in str(r.get("delivered", "")).split())} for r in rows]


# --- SIPRI: the SOURCES.md checks -------------------------------------------------------------

def test_us_saudi_f15sa_2011(memory_store: MemoryStore) -> None:
    # trade-register.csv line 21236: Saudi Arabia,United States,2011,,84,,F-15 Advanced Eagle,FGA aircraft,84,,
    #   2016; 2017; 2018; 2019; 2020,New,Part of $29 b deal; F-15SA version,75,6300,6300
    # line 21119: ... 2011,,68,,F-15 Advanced Eagle ... 43,?,2016; 2020; 2021; 2022; 2023; 2024 ... rebuilt to F-15SA
    found = deals(memory_store, "USA", "SAU", "F-15 Advanced Eagle")
    in_2011 = [d for d in found if d["year"] == 2011]
    assert [(d["ordered"], d["delivered"]) for d in in_2011] == [
        (68, [2016, 2020, 2021, 2022, 2023, 2024]), (84, [2016, 2017, 2018, 2019, 2020])]
    new_build = next(d["uri"] for d in in_2011 if d["ordered"] == 84)
    assert ask(memory_store, f'<{new_build}> sk:sourceComment "Part of $29 b deal; F-15SA version" ; '
                             f'sk:tivForTotalOrder ?tiv ; sk:weaponCategory <{WEAPON}combat_aircraft> , '
                             f'<{WEAPON}aircraft> ; sk:coversSector <{BASE}id/sector/arms_procurement> '
                             f'FILTER(?tiv = 6300)')
    assert not ask(memory_store, f"<{new_build}> sk:weaponCategory <{WEAPON}helicopters>")  # near-miss
    assert not ask(memory_store, f"<{new_build}> sk:startYearUncertain true")  # the year column has no '?'
    # near-miss: the direction is supplier → recipient, never the other way
    assert deals(memory_store, "SAU", "USA", "F-15 Advanced Eagle") == []


def test_turkiye_azerbaijan_tb2_2020(memory_store: MemoryStore) -> None:
    # trade-register.csv line 1897: Azerbaijan,Turkiye,2020,?,12,?,Bayraktar TB2,armed UAV,12,,2020,New,,2.4,28.8,28.8
    [tb2] = deals(memory_store, "TUR", "AZE", "Bayraktar TB2")
    assert (tb2["year"], tb2["ordered"], tb2["delivered"]) == (2020, 12, [2020])
    a = tb2["uri"]
    assert ask(memory_store, f"<{a}> sk:startYearUncertain true ; sk:numberOrderedUncertain true ; "
                             f"sk:tivOfDeliveredWeapons ?tiv ; sk:weaponCategory <{WEAPON}armed_drones> , "
                             f"<{WEAPON}uavs> , <{WEAPON}aircraft> FILTER(?tiv = 28.8)")
    assert not ask(memory_store, f"<{a}> sk:numberDeliveredUncertain true")  # that column is empty
    assert not ask(memory_store, f"<{a}> sk:weaponCategory <{WEAPON}missiles>")
    # the participations carry the roles NCA uses
    assert ask(memory_store, f"<{a}> sk:participation ?p . ?p sk:participant <{nation('TUR')}> ; "
                             f"sk:role <{ROLE}supplier>")
    assert not ask(memory_store, f"<{a}> sk:participation ?p . ?p sk:participant <{nation('TUR')}> ; "
                                 f"sk:role <{ROLE}recipient>")
    # line 1903: Azerbaijan,Turkiye,2022,?,2,?,Akinci,armed UAV,2,,2024
    [akinci] = deals(memory_store, "TUR", "AZE", "Akinci")
    assert (akinci["year"], akinci["delivered"]) == (2022, [2024])


def test_china_pakistan_jf17_orders(memory_store: MemoryStore) -> None:
    # trade-register.csv lines 18580 (1999, 50), 18635 (2011, 50), 18585 (2017, 12), 18654 (2018, 26):
    # JF-17 Thunder; line 18534 (2012, 50): JF-17 Thunder Block-3
    orders = [(d["year"], d["ordered"]) for d in deals(memory_store, "CHN", "PAK", "JF-17 Thunder")]
    assert orders == [(1999, 50), (2011, 50), (2017, 12), (2018, 26)]
    [block3] = deals(memory_store, "CHN", "PAK", "JF-17 Thunder Block-3")
    assert (block3["year"], block3["delivered"]) == (2012, [2023, 2024])
    # "produced under licence in Pakistan" (2011, 2017, 2018, Block-3): also defence-industry collaboration
    licensed = memory_store.select(f"""{PREFIXES} SELECT ?year WHERE {{
        ?a sk:supplier <{nation('CHN')}> ; sk:recipient <{nation('PAK')}> ; a sk:DefenceIndustryCollaboration ;
           sk:weaponDesignation ?w ; sk:startYear ?year . FILTER(STRSTARTS(?w, "JF-17")) }} ORDER BY ?year""").rows
    assert [int(r["year"]) for r in licensed] == [2011, 2012, 2017, 2018]  # 1999: "assembly in Pakistan" only


def test_aid_comment_makes_military_assistance(memory_store: MemoryStore) -> None:
    # trade-register.csv line 2 of data: Afghanistan,Brazil,2017,,6,,EMB-314 Super Tucano ... financed by USA
    a = agreement("sipri-1")
    assert ask(memory_store, f'<{a}> sk:sourceId "sipri:1" ; a sk:ArmsTransfer , sk:MilitaryAssistance ; '
                             f"sk:supplier <{nation('BRA')}> ; sk:recipient <{nation('AFG')}> ; sk:startYear 2017")
    assert not ask(memory_store, f"<{a}> a sk:DefenceIndustryCollaboration")
    # the second record (An-26 from the Soviet Union, no comment): an arms transfer only; the USSR is Russia
    b = agreement("sipri-2")
    assert ask(memory_store, f"<{b}> sk:supplier <{nation('RUS')}> ; sk:startYear 1987 ; sk:startYearUncertain true")
    assert not ask(memory_store, f"<{b}> a sk:MilitaryAssistance")


NOT_NATIONS = [
    # (SIPRI name, its node, class): non-state actors (one star), organizations (two), never a nation
    ("PIJ (Israel/Palestine)", actor("pij-israel-palestine"), "NonStateActor"),
    ("Hamas (Palestine)", actor("hamas-palestine"), "NonStateActor"),
    ("Houthi rebels (Yemen)", actor("houthi-rebels-yemen"), "NonStateActor"),
    ("Biafra", actor("biafra"), "NonStateActor"),
    ("United Nations", organization("UN"), "InternationalOrganization"),
    ("Northern Cyprus", actor("northern-cyprus"), "UnrecognizedState"),
]


@pytest.mark.parametrize(("label", "uri", "cls"), NOT_NATIONS)
def test_non_state_parties_are_not_nations(memory_store: MemoryStore, label: str, uri: str, cls: str) -> None:
    assert ask(memory_store, f'<{uri}> a sk:{cls} ; rdfs:label "{label}"@en')
    assert not ask(memory_store, f"<{uri}> a sk:Nation")
    assert ask(memory_store, f"?a a sk:ArmsTransfer ; sk:hasParty <{uri}>")


def test_pij_is_neither_israel_nor_palestine(memory_store: MemoryStore) -> None:
    # trade-register.csv line 19789: PIJ (Israel/Palestine)*,unknown supplier(s),2012,?,10,?,Kornet ...
    rows = memory_store.select(f"""{PREFIXES} SELECT ?a WHERE {{
        ?a sk:recipient <{actor('pij-israel-palestine')}> ; sk:weaponDesignation "Kornet" ;
           sk:startYear 2012 }}""").rows
    assert len(rows) == 1
    a = str(rows[0]["a"])
    assert parties(memory_store, a) == {f"{BASE}id/actor/pij-israel-palestine".removeprefix(f"{BASE}id/nation/")}
    for key in ("ISR", "PSE"):
        assert not ask(memory_store, f"<{a}> sk:hasParty <{nation(key)}>")
    assert not ask(memory_store, f"<{a}> sk:supplier ?s")  # unknown supplier(s): only the known party


def test_nato_is_the_existing_organization(memory_store: MemoryStore) -> None:
    assert ask(memory_store, f"?a a sk:ArmsTransfer ; sk:recipient <{organization('NATO')}>")
    assert ask(memory_store, f"<{organization('NATO')}> sk:hasMember <{nation('TUR')}>")  # COW IGO's NATO


# --- MME ----------------------------------------------------------------------------------------

BRIGHT_STAR_YEARS = [1980, 1981, 1983, 1985, 1987, 1989, 1993, 1995, 1997, 1999, 2001, 2005, 2007, 2009]


def test_bright_star_iterations_link_to_the_curated_exercise(memory_store: MemoryStore) -> None:
    # mme_v7.csv: 14 rows with Series_Name "Bright Star" (SOURCES.md, section 9)
    rows = memory_store.select(f"""{PREFIXES} SELECT ?year WHERE {{
        ?e sk:iterationOf <{agreement('curated-bright-star-exercise')}> ; sk:startYear ?year }} ORDER BY ?year""").rows
    assert [int(r["year"]) for r in rows] == BRIGHT_STAR_YEARS
    # mme216 "Bright Star 82" (1981): Egypt, Oman, Somalia, Sudan, United States
    assert parties(memory_store, agreement("mme-mme216")) == {"EGY", "OMN", "SOM", "SDN", "USA"}
    assert not ask(memory_store, f"<{agreement('mme-mme216')}> sk:hasParty <{nation('JOR')}>")  # near-miss
    # mme472 "Bright Horizon 85" has no series: not an iteration of anything
    assert not ask(memory_store, f"<{agreement('mme-mme472')}> sk:iterationOf ?s")


def test_series_without_a_curated_record_get_a_series_node(memory_store: MemoryStore) -> None:
    # mme_v7.csv: Cobra Gold, 28 rows; "Peninsual Shield" (1984) is a spelling of Peninsula Shield
    assert ask(memory_store, f'<{BASE}id/exercise-series/cobra-gold> a sk:ExerciseSeries ; rdfs:label "Cobra Gold"@en')
    count = memory_store.select(f"""{PREFIXES} SELECT (COUNT(?e) AS ?n) WHERE {{
        ?e sk:iterationOf <{BASE}id/exercise-series/cobra-gold> }}""").rows[0]["n"]
    assert int(count) == 28
    count = memory_store.select(f"""{PREFIXES} SELECT (COUNT(?e) AS ?n) WHERE {{
        ?e sk:iterationOf <{BASE}id/exercise-series/peninsula-shield> }}""").rows[0]["n"]
    assert int(count) == 8
    assert not ask(memory_store, "?s a sk:ExerciseSeries ; rdfs:label \"Peninsual Shield\"@en")


def test_duplicate_mmeids_become_two_records(memory_store: MemoryStore) -> None:
    # mme_v7.csv: mme3457 is Baltic Circle (1996) and Noble Award (2007)
    assert ask(memory_store, f'<{agreement("mme-mme3457-1")}> rdfs:label "Baltic Circle"@en ; sk:startYear 1996')
    assert ask(memory_store, f'<{agreement("mme-mme3457-2")}> rdfs:label "Noble Award"@en ; sk:startYear 2007')
    assert not ask(memory_store, '?a sk:sourceId "mme:mme3457"')


def test_exercise_details(memory_store: MemoryStore) -> None:
    # mme_v7.csv: mme87 Readex 1-80, Vieques, 18.1262854 -65.4400985, 1980-01-14 to 1980-01-21, Sea and Amphibious,
    # Netherlands, United Kingdom, United States
    a = agreement("mme-mme87")
    assert ask(memory_store, f'<{a}> a sk:JointMilitaryExercise ; rdfs:label "Readex 1-80"@en ; '
                             f'sk:startDate "1980-01-14"^^xsd:date ; sk:endDate "1980-01-21"^^xsd:date ; '
                             f'sk:locationName "Vieques" ; geo:lat ?lat ; geo:long ?long ; '
                             f"sk:exerciseDomain <{BASE}id/exercise-domain/sea> , "
                             f"<{BASE}id/exercise-domain/amphibious> FILTER(?lat = 18.1262854 && ?long = -65.4400985)")
    assert not ask(memory_store, f"<{a}> sk:exerciseDomain <{BASE}id/exercise-domain/land>")
    assert parties(memory_store, a) == {"NLD", "GBR", "USA"}
    # mme3460-1 (1995, Ukraine): no name, no series: labelled from year, participants and place
    label = memory_store.select(f"{PREFIXES} SELECT ?l WHERE {{ <{agreement('mme-mme3460-1')}> rdfs:label ?l }}").rows
    assert str(label[0]["l"]).startswith("Joint exercise 1995: ")


def test_exercise_sectors(memory_store: MemoryStore) -> None:
    # mme_v7.csv: mme1574 Bright Star 97 Humanitarian 1; mme3743 GARUDA SHIELD 2007 Peacekeeping 1
    sector = f"{BASE}id/sector/"
    assert ask(memory_store, f"<{agreement('mme-mme1574')}> sk:coversSector <{sector}humanitarian>")
    assert not ask(memory_store, f"<{agreement('mme-mme1574')}> sk:coversSector <{sector}peacekeeping>")
    assert ask(memory_store, f"<{agreement('mme-mme3743')}> sk:coversSector <{sector}peacekeeping> , <{sector}defence>")
    assert ask(memory_store, f"<{agreement('mme-mme3743')}> sk:iterationOf "
                             f"<{agreement('curated-super-garuda-shield-exercise')}>")


# --- OIC: the OIC's own list, COW IGO kept as a second record -----------------------------------

OIC_MEMBERS = [
    # (nation, year joined in the OIC list, COW IGO's first year or None): oic_membership_sis2023_factbook2026_cow.csv
    ("CMR", 1974, 2006),
    ("PSE", 1969, None),   # Palestine: in the OIC list, not in COW IGO
    ("AZE", 1992, 1991),
    ("PAK", 1969, 1969),
    ("YEM", 1969, 1990),
]


@pytest.mark.parametrize(("key", "joined", "cow"), OIC_MEMBERS)
def test_oic_members(memory_store: MemoryStore, key: str, joined: int, cow: int | None) -> None:
    oic = organization("OIC")
    assert ask(memory_store, f"<{oic}> sk:hasMember <{nation(key)}> ; sk:participation ?p . "
                             f"?p sk:participant <{nation(key)}> ; sk:joinYear {joined} ; sk:role <{ROLE}member>")
    assert not ask(memory_store, f"<{oic}> sk:participation ?p . ?p sk:participant <{nation(key)}> ; "
                                 f"sk:joinYear {joined + 1}")
    second = f"<{oic}> sk:secondaryParticipation ?p . ?p sk:participant <{nation(key)}> ; sk:joinYear {cow or 0}"
    assert ask(memory_store, second) is (cow is not None)


def test_oic_has_57_members_and_5_observers(memory_store: MemoryStore) -> None:
    oic = organization("OIC")
    members = memory_store.select(f"""{PREFIXES} SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {{
        <{oic}> sk:participation ?p . ?p sk:participant ?n ; sk:role <{ROLE}member>
        FILTER NOT EXISTS {{ ?p sk:exitYear ?x }}
    }}""")
    assert int(members.rows[0]["c"]) == 57
    # members ever: also North and South Yemen, members until they united (COW IGO; the OIC list names Yemen)
    ever = memory_store.select(f"{PREFIXES} SELECT ?n WHERE {{ <{oic}> sk:hasMember ?n }}").rows
    assert len(ever) == 59 and {nation("cow-678"), nation("cow-680")} <= {str(r["n"]) for r in ever}
    observers = memory_store.select(f"""{PREFIXES} SELECT ?n WHERE {{
        <{oic}> sk:participation ?p . ?p sk:participant ?n ; sk:role <{ROLE}observer> }}""").rows
    assert {str(r["n"]) for r in observers} == {nation("BIH"), nation("CAF"), nation("THA"), nation("RUS"),
                                                 actor("northern-cyprus")}
    assert not ask(memory_store, f"<{oic}> sk:hasMember <{nation('RUS')}>")  # an observer is not a member
    assert not ask(memory_store, f"<{actor('northern-cyprus')}> a sk:Nation")


# --- several kinds per agreement ------------------------------------------------------------------

KINDS = [
    # (agreement, kinds it has, a kind it has not)
    ("atop-3222", {"Alliance", "NonAggressionPact"}, "DefencePact"),  # atop5_1a.csv 3222: nonagg 1, defense 0
    # atop5_1a.csv 3180 (NATO): defense 1, nonagg 1, consul 1, offense 0, neutral 0
    ("atop-3180", {"Alliance", "DefencePact", "NonAggressionPact", "ConsultationPact"}, "OffencePact"),
    # atop5_1a.csv 2490: defense 1, offense 1, neutral 1, consul 1, nonagg 0
    ("atop-2490", {"Alliance", "DefencePact", "OffencePact", "NeutralityPact", "ConsultationPact"},
     "NonAggressionPact"),
    # curated/agreements.csv: strategic_partnership, also_kinds defence_pact
    ("curated-saudi-pakistan-strategic-mutual-defence-2025", {"StrategicPartnership", "DefencePact", "Alliance"},
     "DefenceCooperationAgreement"),
    # curated/agreements.csv: technology_exchange, also_kinds nuclear_cooperation
    ("curated-us-uae-123-nuclear-cooperation-agreement-2009", {"TechnologyExchange", "NuclearCooperationAgreement"},
     "Alliance"),
    ("dcad-DCADv1.0-0001", {"DefenceCooperationAgreement"}, "Alliance"),
]


@pytest.mark.parametrize(("slug", "kinds", "not_kind"), KINDS)
def test_several_kinds(memory_store: MemoryStore, slug: str, kinds: set[str], not_kind: str) -> None:
    rows = memory_store.select(f"""{PREFIXES} SELECT ?k WHERE {{
        <{agreement(slug)}> a ?k . ?k rdfs:subClassOf sk:Agreement }}""").rows
    assert {str(r["k"]).rsplit("#", 1)[1] for r in rows} == kinds
    assert not_kind not in kinds
