#!/usr/bin/env python3
"""Write the HELD-OUT question set tests/questions/heldout.jsonl.

Run from the repository root:  python tests/questions/make_heldout.py  [-v]

A second question set, written independently of the dev set and of the query examples, to measure
how the engine generalises. The gold answers are computed with the gold functions of
tests/questions/make_gold.py (loaded as a module, never run as a script: its main() writes the
dev set), which read the CSV files in kg/sources/ directly and apply docs/semantics.md. Only the
refusal statuses (ambiguous, unknown_entity, out_of_scope, no_match) are typed by hand; an empty
computed answer becomes {"status": "no_results"}.

Same line format as dev.jsonl: {"id", "type", "question", "expect"}. Deterministic output, except
the one question that says "in the last 5 years", whose gold follows today's year.
"""
from __future__ import annotations

import datetime
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "heldout.jsonl")

_spec = importlib.util.spec_from_file_location("sharaka_make_gold", os.path.join(HERE, "make_gold.py"))
G = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(G)

# gold functions reused from make_gold.py
partners, partners_at_year, partners_by_obligation = G.partners, G.partners_at_year, G.partners_by_obligation
agreements_of, between, has_agreement = G.agreements_of, G.between, G.has_agreement
count_agreements, count_between, count_partners = G.count_agreements, G.count_between, G.count_partners
top_partners, first_between, latest_between, common_partners = (G.top_partners, G.first_between,
                                                               G.latest_between, G.common_partners)
agreement_parties, agreement_parties_at_year, agreement_dates = (G.agreement_parties, G.agreement_parties_at_year,
                                                                 G.agreement_dates)
agreement_in_force, agreement_joined, agreement_left = G.agreement_in_force, G.agreement_joined, G.agreement_left
org_members, org_members_at_year, org_membership = G.org_members, G.org_members_at_year, G.org_membership
org_join_year, org_left, org_members_with = G.org_join_year, G.org_left, G.org_members_with
nation_organizations, led_by = G.nation_organizations, G.led_by
nuclear_suppliers, nuclear_recipients = G.nuclear_suppliers, G.nuclear_recipients
agreements_in_period, rank_nations, answered, status = (G.agreements_in_period, G.rank_nations, G.answered,
                                                        G.status)

DP, DCA, ECON, NUC, NORM = "defence_pact", "dca", "economic", "nuclear", "normalization"
AL, ARMS = "alliance", "arms_transfer"
EX, INTEL, SP, MA = "joint_exercise", "intelligence_sharing", "strategic_partnership", "military_assistance"
HUM, DIS, TECH = "humanitarian_mission", "disaster_response", "technology_exchange"

C = "curated:"
ABRAHAM = [C + "abraham-accords-uae-israel-2020", C + "abraham-accords-bahrain-israel-2020",
           C + "abraham-accords-sudan-israel-2020", C + "abraham-accords-morocco-israel-2020"]
BLACK_SEA = C + "black-sea-grain-initiative-2022"
CPEC = C + "china-pakistan-economic-corridor-2015"
SHUSHA = C + "shusha-declaration-turkey-azerbaijan-2021"
ALULA = C + "alula-declaration-qatar-reconciliation-2021"
BRIGHT_STAR = C + "bright-star-exercise"
SERVAL = C + "operation-serval-mali-2013"
EAEU_TREATY = C + "eurasian-economic-union-treaty-2014"
SAU_PAK_2025 = C + "saudi-pakistan-strategic-mutual-defence-2025"
IMCTC = C + "islamic-military-counter-terrorism-coalition-2015"
GAFTA, SAFTA, EAEC = "desta:462", "desta:667", "desta:434"

THIS_YEAR = datetime.date.today().year


def Q():
    return [
        # ---------------- partners ----------------
        ("h-par-01", "partners", "Saudia Arabia alliances with who?", partners("SAU", AL)),
        ("h-par-02", "partners", "Which are the countries that Pakistan make joint exercises with?", partners("PAK", EX)),
        ("h-par-03", "partners", "kazakstan trade partners", partners("KAZ", sector="economy")),
        ("h-par-04", "partners", "With which countries has Algérie signed nuclear cooperation agreements?",
         partners("DZA", NUC)),
        ("h-par-05", "partners", "Which countries signed DCAs with the Emirati government in the 2000s?",
         partners("ARE", DCA, years=(2000, 2009))),
        ("h-par-07", "partners", "iraq intelligence sharing partners", partners("IRQ", INTEL)),
        ("h-par-08", "partners", "Which nations have signed strategic partnerships with the KSA?", partners("SAU", SP)),
        ("h-par-11", "partners", "Who are the DRC's defence cooperation partners?", partners("COD", DCA)),
        ("h-par-10", "partners", "Which countries does مصر have alliances with?", partners("EGY", AL)),
        # ---------------- partners_at_year ----------------
        ("h-pay-01", "partners_at_year", "Who were Iraq's allies in 1956?", partners_at_year("IRQ", 1956, AL)),
        ("h-pay-02", "partners_at_year", "Which countries were in a defence pact with Syria in 1970?",
         partners_at_year("SYR", 1970, DP)),
        ("h-pay-03", "partners_at_year", "libya allies back in 1980", partners_at_year("LBY", 1980, AL)),
        ("h-pay-05", "partners_at_year", "Which nations had alliances in force with Morocco in 1965?",
         partners_at_year("MAR", 1965, AL)),
        # ---------------- partners_by_obligation ----------------
        ("h-pbo-01", "partners_by_obligation", "Which countries have promised to defend Saudi Arabia?",
         partners_by_obligation("SAU", "defense")),
        ("h-pbo-02", "partners_by_obligation", "Who signed non-aggression pacts with Turkey?",
         partners_by_obligation("TUR", "nonagg")),
        ("h-pbo-03", "partners_by_obligation", "Which countries have neutrality pacts with Iraq?",
         partners_by_obligation("IRQ", "neutral")),
        ("h-pbo-04", "partners_by_obligation", "Which states are committed to consult with Jordan under a defence pact?",
         partners_by_obligation("JOR", "consul")),
        # ---------------- agreements_of_nation ----------------
        ("h-aon-01", "agreements_of_nation", "What military deals has Morocco made since 2015?",
         agreements_of("MAR", sector="defence", years=(2015, None))),
        ("h-aon-02", "agreements_of_nation", "List every DCA Indonesia signed in the 1990s",
         agreements_of("IDN", DCA, years=(1990, 1999))),
        ("h-aon-03", "agreements_of_nation", "brunei agreements", agreements_of("BRN")),
        ("h-aon-04", "agreements_of_nation", "Which humanitarian missions has Jordan been part of?", agreements_of("JOR", HUM)),
        ("h-aon-07", "agreements_of_nation", "What nuclear cooperation agreements did Libya sign before 1980?",
         agreements_of("LBY", NUC, years=(None, 1979))),
        ("h-aon-08", "agreements_of_nation", "Show me Djibouti's defence pacts", agreements_of("DJI", DP)),
        ("h-aon-10", "agreements_of_nation", "Which strategic partnerships has the US entered since 2015?",
         agreements_of("USA", SP, years=(2015, None))),
        ("h-aon-11", "agreements_of_nation", "What agreements has Qatar signed in the last 5 years?",
         agreements_of("QAT", years=(THIS_YEAR - 4, THIS_YEAR))),  # the 5 calendar years ending with this one
        ("h-aon-12", "agreements_of_nation", "Which military assistance agreements involve Türkiye?", agreements_of("TUR", MA)),
        # ---------------- agreements_between ----------------
        ("h-ab-01", "agreements_between", "uae israel agreements??", between("ARE", "ISR")),
        ("h-ab-02", "agreements_between", "pakistan china defence agreements", between("PAK", "CHN", sector="defence")),
        ("h-ab-03", "agreements_between", "Which trade agreements link Morocco and Tunisia?", between("MAR", "TUN", ECON)),
        ("h-ab-04", "agreements_between", "Agreements between Türkiye and Azerbaïdjan", between("TUR", "AZE")),
        ("h-ab-05", "agreements_between", "What DCAs do Jordan and the USA have?", between("JOR", "USA", DCA)),
        ("h-ab-06", "agreements_between", "List the nuclear cooperation agreements between France and Iraq",
         between("FRA", "IRQ", NUC)),
        ("h-ab-08", "agreements_between", "russia iran agreements after 2000", between("RUS", "IRN", years=(2001, None))),
        # ---------------- has_agreement_with ----------------
        ("h-haw-01", "has_agreement_with", "Did Egypt ever sign a peace treaty with Israel?", has_agreement("EGY", "ISR", NORM)),
        ("h-haw-02", "has_agreement_with", "Does Qatar have a defence pact with the US?", has_agreement("QAT", "USA", DP)),
        ("h-haw-03", "has_agreement_with", "Has Indonesia got a free trade agreement with Japan?",
         has_agreement("IDN", "JPN", ECON)),
        ("h-haw-04", "has_agreement_with", "do iran and israel have any agreement", has_agreement("IRN", "ISR")),
        ("h-haw-05", "has_agreement_with", "Have Saudi Arabia and Iran normalized relations?", has_agreement("SAU", "IRN", NORM)),
        ("h-haw-06", "has_agreement_with", "Did Malaysia and Singapore sign a DCA before 2000?",
         has_agreement("MYS", "SGP", DCA, years=(None, 1999))),
        ("h-haw-07", "has_agreement_with", "Is Oman allied with the UK?", has_agreement("OMN", "GBR", AL)),
        # ---------------- count_agreements ----------------
        ("h-ca-01", "count_agreements", "how many fta does turkey have", count_agreements("TUR", ECON)),
        ("h-ca-02", "count_agreements", "Number of defence cooperation agreements signed by Brazil?", count_agreements("BRA", DCA)),
        ("h-ca-03", "count_agreements", "How many alliances has Iran been part of since 1950?",
         count_agreements("IRN", AL, years=(1950, None))),
        ("h-ca-05", "count_agreements", "Count Nigeria's nuclear cooperation agreements", count_agreements("NGA", NUC)),
        ("h-ca-06", "count_agreements", "how many military agreements does the UAE have", count_agreements("ARE", sector="defence")),
        # ---------------- count_agreements_between ----------------
        ("h-cab-01", "count_agreements_between", "How many agreements do India and Russia share?", count_between("IND", "RUS")),
        ("h-cab-02", "count_agreements_between", "how many DCA between turkey and usa", count_between("TUR", "USA", DCA)),
        ("h-cab-03", "count_agreements_between", "Number of trade agreements between Egypt and Jordan",
         count_between("EGY", "JOR", ECON)),
        ("h-cab-04", "count_agreements_between",
         "How many nuclear cooperation agreements did the United States sign with South Korea?",
         count_between("USA", "KOR", NUC)),
        # ---------------- count_partners ----------------
        ("h-cp-01", "count_partners", "How many countries has Qatar signed agreements with?", count_partners("QAT")),
        ("h-cp-02", "count_partners", "With how many nations does Malaysia have defence cooperation agreements?",
         count_partners("MYS", DCA)),
        ("h-cp-03", "count_partners", "number of trade partners of pakistan", count_partners("PAK", sector="economy")),
        # a state of affairs before a year: in force together in some year before it
        ("h-cp-04", "count_partners", "How many allies did Iraq have before 1990?", G.count_partners_in_force("IRQ", (None, 1989), AL)),
        # ---------------- top_partners ----------------
        ("h-tp-01", "top_partners", "Top 3 partners of Morocco", top_partners("MAR", 3)),
        ("h-tp-02", "top_partners", "Who are Iran's top 3 trade partners?", top_partners("IRN", 3, sector="economy")),
        ("h-tp-03", "top_partners", "Turkey's 4 closest defence partners", top_partners("TUR", 4, sector="defence")),
        ("h-tp-04", "top_partners", "top 2 DCA partners of the US", top_partners("USA", 2, DCA)),
        ("h-tp-05", "top_partners", "Egypt's 4 biggest nuclear cooperation partners", top_partners("EGY", 4, NUC)),
        # ---------------- first_agreement_between ----------------
        ("h-fab-01", "first_agreement_between", "What was the first agreement between Turkey and Israel?",
         first_between("TUR", "ISR")),
        ("h-fab-02", "first_agreement_between", "When did Pakistan and China first sign an agreement?",
         first_between("PAK", "CHN", value=True)),
        ("h-fab-03", "first_agreement_between", "earliest trade deal between malaysia and indonesia",
         first_between("MYS", "IDN", ECON)),
        ("h-fab-05", "first_agreement_between", "oldest alliance between the UK and Jordan", first_between("GBR", "JOR", AL)),
        # ---------------- latest_agreement_between ----------------
        ("h-lab-01", "latest_agreement_between", "What is the latest agreement between Saudi Arabia and the United States?",
         latest_between("SAU", "USA")),
        ("h-lab-02", "latest_agreement_between", "most recent DCA between Russia and Kazakhstan",
         latest_between("RUS", "KAZ", DCA)),
        ("h-lab-03", "latest_agreement_between", "When did Egypt and Russia last sign a nuclear cooperation agreement?",
         latest_between("EGY", "RUS", NUC, value=True)),
        ("h-lab-04", "latest_agreement_between", "Latest trade agreement between Turkey and Georgia?",
         latest_between("TUR", "GEO", ECON)),
        # ---------------- common_partners ----------------
        ("h-cmp-01", "common_partners", "Which countries are allies of both Qatar and Turkey?", common_partners("QAT", "TUR", AL)),
        ("h-cmp-02", "common_partners", "Common allies of Iran and Pakistan", common_partners("IRN", "PAK", AL)),
        ("h-cmp-03", "common_partners", "Which nations have DCAs with both Israel and Azerbaijan?",
         common_partners("ISR", "AZE", DCA)),
        # ---------------- agreement_parties ----------------
        ("h-ap-01", "agreement_parties", "Which countries took part in the Abraham Accords?", agreement_parties(*ABRAHAM)),
        ("h-ap-02", "agreement_parties", "Who participated in the Black Sea Grain Initiative?", agreement_parties(BLACK_SEA)),
        ("h-ap-03", "agreement_parties", "Members of the Greater Arab Free Trade Agreement", agreement_parties(GAFTA)),
        ("h-ap-04", "agreement_parties", "Who signed the AlUla Declaration?", agreement_parties(ALULA)),
        ("h-ap-06", "agreement_parties", "who is part of CPEC", agreement_parties(CPEC)),
        # ---------------- agreement_parties_at_year ----------------
        ("h-apy-01", "agreement_parties_at_year", "Who were the members of ATOP alliance 3015 in 1980?",
         agreement_parties_at_year("atop:3015", 1980)),
        ("h-apy-02", "agreement_parties_at_year", "Which countries were parties to ATOP alliance 3285 in 1970?",
         agreement_parties_at_year("atop:3285", 1970)),
        ("h-apy-03", "agreement_parties_at_year", "Parties of the South Asian Free Trade Area in 2005",
         agreement_parties_at_year(SAFTA, 2005)),
        ("h-apy-04", "agreement_parties_at_year", "Which countries were parties to the Eurasian Economic Community in 2010?",
         agreement_parties_at_year(EAEC, 2010)),
        # ---------------- agreement_dates ----------------
        ("h-ad-01", "agreement_dates", "When were the Abraham Accords signed?", {"value": 2020}),  # all four: 2020
        ("h-ad-02", "agreement_dates", "What year was the Shusha Declaration signed?", agreement_dates(SHUSHA)),
        ("h-ad-04", "agreement_dates", "When was ATOP alliance 3275 formed?", agreement_dates("atop:3275")),
        ("h-ad-05", "agreement_dates", "date of the Saudi Arabia–Pakistan Strategic Mutual Defence Agreement",
         agreement_dates(SAU_PAK_2025)),
        # ---------------- agreement_in_force ----------------
        ("h-aif-01", "agreement_in_force", "Is the Black Sea Grain Initiative still in force?", agreement_in_force(BLACK_SEA)),
        ("h-aif-02", "agreement_in_force", "Is ATOP alliance 3285 still active?", agreement_in_force("atop:3285")),
        ("h-aif-03", "agreement_in_force", "Is the China–Pakistan Economic Corridor still in effect?", agreement_in_force(CPEC)),
        ("h-aif-04", "agreement_in_force", "is operation serval still ongoing", agreement_in_force(SERVAL)),
        # ---------------- agreement_coverage (status only) ----------------
        ("h-cov-01", "agreement_coverage", "What does the Shusha Declaration cover?", answered()),
        ("h-cov-02", "agreement_coverage", "Which sectors does CPEC cover?", answered()),
        ("h-cov-03", "agreement_coverage", "What obligations does ATOP alliance 3180 include?", answered()),
        # ---------------- agreement_joined ----------------
        ("h-aj-01", "agreement_joined", "Who joined ATOP alliance 3015 after it was founded?", agreement_joined("atop:3015")),
        ("h-aj-02", "agreement_joined", "Which countries acceded to the South Asian Free Trade Area later?",
         agreement_joined(SAFTA)),
        ("h-aj-03", "agreement_joined", "new members admitted to ATOP alliance 3180", agreement_joined("atop:3180")),
        # ---------------- agreement_left ----------------
        ("h-al-01", "agreement_left", "Which countries left ATOP alliance 3260?", agreement_left("atop:3260")),
        ("h-al-02", "agreement_left", "Who pulled out of the Eurasian Economic Community?", agreement_left(EAEC)),
        ("h-al-03", "agreement_left", "Who quit ATOP alliance 3275?", agreement_left("atop:3275")),
        # ---------------- org_members ----------------
        ("h-om-01", "org_members", "Who are the members of the GCC?", org_members("GCC")),
        ("h-om-02", "org_members", "list opec members", org_members("OPEC")),
        ("h-om-03", "org_members", "Which countries are in the Shanghai Cooperation Organisation?", org_members("SCO")),
        # ---------------- org_members_at_year ----------------
        ("h-omy-01", "org_members_at_year", "Which countries were in OPEC in 1975?", org_members_at_year("OPEC", 1975)),
        ("h-omy-02", "org_members_at_year", "Arab League members in 1950", org_members_at_year("LAS", 1950)),
        ("h-omy-03", "org_members_at_year", "Who was in NATO in 1960?", org_members_at_year("NATO", 1960)),
        # ---------------- org_membership ----------------
        ("h-oms-01", "org_membership", "Is Iran a member of the SCO?", org_membership("IRN", "SCO")),
        ("h-oms-02", "org_membership", "Is Egypt a member of OAPEC?", org_membership("EGY", "OAPEC")),
        ("h-oms-03", "org_membership", "Is Azerbaijan part of the Organisation of Islamic Cooperation?",
         org_membership("AZE", "OIC")),
        ("h-oms-04", "org_membership", "Does Türkiye belong to NATO?", org_membership("TUR", "NATO")),
        # ---------------- org_join_year ----------------
        ("h-ojy-01", "org_join_year", "When did Turkey join NATO?", org_join_year("TUR", "NATO")),
        ("h-ojy-02", "org_join_year", "When did Uzbekistan join the OIC?", org_join_year("UZB", "OIC")),
        ("h-ojy-03", "org_join_year", "In what year did Nigeria become a member of OPEC?", org_join_year("NGA", "OPEC")),
        # ---------------- org_left ----------------
        ("h-ol-01", "org_left", "Which countries left NATO?", org_left("NATO")),
        ("h-ol-02", "org_left", "Who has left the Arab League?", org_left("LAS")),
        ("h-ol-04", "org_left", "Who left the Arab Cooperation Council?", org_left("ACC")),
        # ---------------- org_members_with ----------------
        ("h-omw-01", "org_members_with", "Which Arab League states had defence pacts with the USSR?",
         org_members_with("LAS", "RUS", DP)),
        ("h-omw-02", "org_members_with", "Which GCC members signed defence cooperation agreements with France?",
         org_members_with("GCC", "FRA", DCA)),
        ("h-omw-04", "org_members_with", "Which ASEAN countries have trade agreements with China?",
         org_members_with("ASEAN", "CHN", ECON)),
        ("h-omw-05", "org_members_with", "Which NATO members hold military exercises with Jordan?",
         org_members_with("NATO", "JOR", EX)),
        # ---------------- nation_organizations ----------------
        ("h-no-01", "nation_organizations", "Which organizations is Oman a member of?", nation_organizations("OMN")),
        ("h-no-02", "nation_organizations", "what blocs is algeria in", nation_organizations("DZA")),
        ("h-no-03", "nation_organizations", "Organisations that Malaysia belongs to", nation_organizations("MYS")),
        # ---------------- led_by ----------------
        ("h-lb-01", "led_by", "Which operations did France lead?", led_by("FRA")),
        ("h-lb-02", "led_by", "What agreements has Turkey brokered?", led_by("TUR")),
        ("h-lb-03", "led_by", "Which agreements did Saudi Arabia spearhead since 2015?", led_by("SAU", years=(2015, None))),
        ("h-lb-04", "led_by", "Which humanitarian missions did the UAE lead?", led_by("ARE", HUM)),
        # ---------------- nuclear_suppliers ----------------
        ("h-ns-01", "nuclear_suppliers", "Which countries gave nuclear assistance to Arabie Saoudite?", nuclear_suppliers("SAU")),
        ("h-ns-02", "nuclear_suppliers", "nuclear suppliers of libya", nuclear_suppliers("LBY")),
        ("h-ns-03", "nuclear_suppliers", "Where did Irak get nuclear help from before 1990?", nuclear_suppliers("IRQ", (None, 1989))),
        ("h-ns-04", "nuclear_suppliers", "Who provided atomic assistance to Syria?", nuclear_suppliers("SYR")),
        # ---------------- nuclear_recipients ----------------
        ("h-nr-01", "nuclear_recipients", "To which countries did France supply nuclear assistance before 1970?",
         nuclear_recipients("FRA", (None, 1969))),
        ("h-nr-02", "nuclear_recipients", "Which countries received nuclear help from Canada?", nuclear_recipients("CAN")),
        ("h-nr-03", "nuclear_recipients", "Who did Brazil give nuclear assistance to?", nuclear_recipients("BRA")),
        ("h-nr-04", "nuclear_recipients", "Which nations got atomic help from Iran?", nuclear_recipients("IRN")),
        # ---------------- agreements_in_period ----------------
        ("h-aip-01", "agreements_in_period", "Which joint exercises started between 2000 and 2010?",
         agreements_in_period((2000, 2010), EX)),
        ("h-aip-02", "agreements_in_period", "What strategic partnerships were signed since 2021?",
         agreements_in_period((2021, None), SP)),
        ("h-aip-03", "agreements_in_period", "Which normalization agreements were signed in 2023?",
         agreements_in_period((2023, 2023), NORM)),
        ("h-aip-04", "agreements_in_period", "military assistance operations in the 2010s", agreements_in_period((2010, 2019), MA)),
        ("h-aip-05", "agreements_in_period", "What defence pacts were signed in 1991?", agreements_in_period((1991, 1991), DP)),
        # ---------------- rank_nations ----------------
        ("h-rn-01", "rank_nations", "Top 2 Arab League members by number of defence pacts", rank_nations(2, DP, org="LAS")),
        ("h-rn-02", "rank_nations", "Rank the GCC states by number of agreements", rank_nations(10, org="GCC")),
        ("h-rn-03", "rank_nations", "top 4 countries by free trade agreements since 2010", rank_nations(4, ECON, years=(2010, None))),
        ("h-rn-04", "rank_nations", "Which 5 countries signed the most defence cooperation agreements in the 1990s?",
         rank_nations(5, DCA, years=(1990, 1999))),
        ("h-rn-05", "rank_nations", "top 3 ASEAN nations by number of DCAs", rank_nations(3, DCA, org="ASEAN")),
        # ---------------- nation_summary / definition / capabilities / sources (status only) ----------------
        ("h-sum-01", "nation_summary", "Tell me about Oman's agreements", answered()),
        ("h-sum-02", "nation_summary", "overview of israel's agreements", answered()),
        ("h-sum-03", "nation_summary", "Breakdown of Kuwait's agreements by type", answered()),
        ("h-def-01", "definition", "What does DCA mean?", answered()),
        ("h-def-02", "definition", "define defence pact", answered()),
        ("h-def-03", "definition", "What is a strategic partnership?", answered()),
        ("h-cap-01", "capabilities", "What kinds of questions can I ask you?", answered()),
        ("h-cap-02", "capabilities", "what can you do", answered()),
        ("h-src-01", "sources", "Which datasets do you use?", answered()),
        ("h-src-02", "sources", "how should I cite this data", answered()),
    ] + FAILURES()


def FAILURES():
    return [
        # ---------------- no_results (computed; asserted empty in main) ----------------
        ("h-nr-fail-01", "partners", "Which countries has Pakistan signed peace treaties with?", partners("PAK", NORM)),
        ("h-nr-fail-02", "nuclear_recipients", "To whom did Saudi Arabia give nuclear assistance?", nuclear_recipients("SAU")),
        ("h-nr-fail-03", "agreements_in_period", "Which normalization agreements were signed between 1995 and 2008?",
         agreements_in_period((1995, 2008), NORM)),
        ("h-nr-fail-04", "led_by", "Which operations has Egypt led?", led_by("EGY")),
        ("h-nr-fail-05", "agreement_joined", "Who joined the Black Sea Grain Initiative after it started?",
         agreement_joined(BLACK_SEA)),
        ("h-nr-fail-06", "agreements_between", "What peace deals have Qatar and Israel signed?", between("QAT", "ISR", NORM)),
        ("h-nr-fail-07", "agreements_of_nation", "Which DCAs did Qatar sign before 1990?", agreements_of("QAT", DCA, years=(None, 1989))),
        ("h-nr-fail-08", "nuclear_suppliers", "Who supplied nuclear assistance to Oman?", nuclear_suppliers("OMN")),
        ("h-nr-fail-09", "org_members", "Who are the current members of SEATO?", org_members("SEATO")),
        ("h-nr-fail-10", "org_join_year", "When did Morocco join the African Union?", org_join_year("MAR", "AU")),
        ("h-nr-fail-11", "agreement_left", "Which countries left ATOP alliance 3180?", agreement_left("atop:3180")),
        # ---------------- ambiguous (typed by hand) ----------------
        ("h-amb-01", "failure", "congo defence cooperation agreements", status("ambiguous")),
        ("h-amb-02", "failure", "How many nuclear deals has Korea signed?", status("ambiguous")),
        ("h-amb-03", "failure", "Does the Dominican government have an alliance with the USA?", status("ambiguous")),
        ("h-amb-04", "failure", "Who are Irat's allies?", status("ambiguous")),  # one edit from Iran and from Iraq
        ("h-amb-05", "failure", "Which trade agreements has Guana signed?", status("ambiguous")),  # Ghana / Guyana
        ("h-amb-06", "failure", "Is the Korean state a member of any defence pact with Japan?", status("ambiguous")),
        ("h-amb-07", "failure", "Who are the Congolese partners in military agreements?", status("ambiguous")),
        ("h-amb-08", "failure", "Which countries share trade agreements with New Guinea?", status("ambiguous")),
        ("h-amb-09", "failure", "Does Kore have an agreement with Türkiye?", status("ambiguous")),
        ("h-amb-10", "failure", "What alliances does Nambia have?", status("ambiguous")),  # Namibia / Gambia / Zambia
        # ---------------- unknown_entity (typed by hand) ----------------
        ("h-unk-01", "failure", "Which countries has Zamunda signed trade agreements with?", status("unknown_entity")),
        ("h-unk-02", "failure", "Does Egypt have a defence pact with Sokovia?", status("unknown_entity")),
        ("h-unk-03", "failure", "Is Borduria a member of NATO?", status("unknown_entity")),
        ("h-unk-04", "failure", "How many DCAs has Syldavia signed?", status("unknown_entity")),
        ("h-unk-05", "failure", "Who supplied nuclear assistance to Molvania?", status("unknown_entity")),
        ("h-unk-06", "failure", "What agreements link Jordan and Krakozhia?", status("unknown_entity")),
        ("h-unk-07", "failure", "Who are the members of the Andromeda Pact?", status("unknown_entity")),
        ("h-unk-08", "failure", "When did Iraq join the Kerplakistani Union?", status("unknown_entity")),
        ("h-unk-09", "failure", "Who signed the Treaty of Zembla?", status("unknown_entity")),
        # ---------------- out_of_scope (typed by hand) ----------------
        ("h-oos-01", "failure", "How many people live in Cairo?", status("out_of_scope")),
        ("h-oos-02", "failure", "best kebab place in istanbul", status("out_of_scope")),
        ("h-oos-03", "failure", "What time is it in Jakarta right now?", status("out_of_scope")),
        ("h-oos-04", "failure", "Who founded the Ottoman Empire?", status("out_of_scope")),
        ("h-oos-05", "failure", "What is the exchange rate of the Turkish lira to the dollar?", status("out_of_scope")),
        ("h-oos-06", "failure", "Who is the king of Morocco?", status("out_of_scope")),
        ("h-oos-07", "failure", "How long is the Nile river?", status("out_of_scope")),
        ("h-oos-08", "failure", "recommend a hotel in Dubai pls", status("out_of_scope")),
        ("h-oos-09", "failure", "What is the highest mountain in Pakistan?", status("out_of_scope")),
        # ---------------- no_match (typed by hand: domain words, no question type fits) ----------------
        ("h-nm-01", "failure", "pacts?", status("no_match")),
        ("h-nm-02", "failure", "alliance treaty agreement deal", status("no_match")),
        ("h-nm-03", "failure", "bilateral multilateral agreements", status("no_match")),
        ("h-nm-04", "failure", "sign sign sign", status("no_match")),
        ("h-nm-05", "failure", "Agreements, please.", status("no_match")),
        ("h-nm-06", "failure", "members and partners", status("no_match")),
        ("h-nm-07", "failure", "treaty ratification accession", status("no_match")),
    ]


def main():
    questions = Q()
    for qid, _, _, expect in questions:
        if qid.startswith("h-nr-fail-"):
            assert expect == {"status": "no_results"}, (qid, expect)
    G.write_question_set(questions, OUT, verbose="-v" in sys.argv)


if __name__ == "__main__":
    main()
