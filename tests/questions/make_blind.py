#!/usr/bin/env python3
"""Write tests/questions/blind.jsonl: a blind evaluation set for Sharaka.

Run from the repository root:  python tests/questions/make_blind.py [-v]

Written from docs/semantics.md and the `# title:` / `# description:` lines of queries/*.rq only,
without looking at the dev or held-out sets, the templates' examples or cues, or sharaka/qa/.
The gold answers reuse the gold functions of tests/questions/make_gold.py (loaded as a module;
they read the CSV files of kg/sources/ directly). Failure statuses ambiguous / unknown_entity /
out_of_scope / no_match are typed by hand (type "failure"); `no_results` is computed (an empty
answer set). Deterministic: sorted lists and keys, no relative dates.
"""
from __future__ import annotations

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "blind.jsonl")

_spec = importlib.util.spec_from_file_location("sharaka_make_gold", os.path.join(HERE, "make_gold.py"))
g = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(g)

DP, DCA, ECON, NUC, NORM = "defence_pact", "dca", "economic", "nuclear", "normalization"
AL, ARMS = "alliance", "arms_transfer"
EX, INTEL, SP = "joint_exercise", "intelligence_sharing", "strategic_partnership"
DR, HUM = "disaster_response", "humanitarian_mission"
C = "curated:"


# ---- small helpers for types make_gold has no function for --------------------------------
def first_of(x, kind=None, sector=None, value=False):
    s = g.select(x, kind, sector)
    if not s:
        return {"status": "no_results"}
    y = min(a.start for a in s)
    return {"value": y} if value else g._agreements(a for a in s if a.start == y)


def latest_of(x, kind=None, sector=None, value=False):
    s = g.select(x, kind, sector)
    if not s:
        return {"status": "no_results"}
    y = max(a.start for a in s)
    return {"value": y} if value else g._agreements(a for a in s if a.start == y)


def lead(sid):
    ld = g.AGREEMENTS[sid].lead
    return {"nations": [ld]} if ld else {"status": "no_results"}


def count_org_members(org):
    r = g.org_members(org)
    return {"value": len(r.get("nations", []))}


def org_joined_in_period(org, lo, hi):
    return g._nations(n for (o, n), sp in g.SPELLS.items() if o == org and any(lo <= s[0] <= hi for s in sp))


ANSWERED = g.answered
F = g.status


def Q():
    return [
        # partners
        ("bl-p-01", "partners", "who are pakistan's military partners?", g.partners("PAK", sector="defence")),
        ("bl-p-02", "partners", "Which countries has Indonesia signed trade agreements with since 2010?",
         g.partners("IDN", kind=ECON, years=(2010, None))),
        ("bl-p-03", "partners", "List the allies of Türkiye", g.partners("TUR", kind=AL)),
        ("bl-p-05", "partners", "With whom did Oman sign defence cooperation agreements between 1990 and 2005?",
         g.partners("OMN", kind=DCA, years=(1990, 2005))),
        ("bl-p-06", "partners", "Which countries have a peace deal with the United Kingdom?",
         g.partners("GBR", kind=NORM)),
        # partners_at_year
        ("bl-pay-01", "partners_at_year", "Which countries had an alliance in force with Egypt in 1960?",
         g.partners_at_year("EGY", 1960, kind=AL)),
        ("bl-pay-02", "partners_at_year", "iran's partners in force in 1975", g.partners_at_year("IRN", 1975)),
        ("bl-pay-03", "partners_at_year", "Who were the partners of Arabie saoudite in defence agreements in force in 2000?",
         g.partners_at_year("SAU", 2000, sector="defence")),
        # partners_by_obligation
        ("bl-pbo-01", "partners_by_obligation", "Which nations have a defence obligation with Turkey under an alliance?",
         g.partners_by_obligation("TUR", "defense")),
        ("bl-pbo-02", "partners_by_obligation", "non-aggression pact partners of Afghanistan",
         g.partners_by_obligation("AFG", "nonagg")),
        ("bl-pbo-03", "partners_by_obligation", "With which countries does Egypt have alliances with a consultation obligation?",
         g.partners_by_obligation("EGY", "consul")),
        ("bl-pbo-05", "partners_by_obligation", "Who is obliged to defend Indonesia under a defence pact?",
         g.partners_by_obligation("IDN", "defense")),
        # agreements_of_nation
        ("bl-aon-01", "agreements_of_nation", "list all the agreements of Qatar", g.agreements_of("QAT")),
        ("bl-aon-02", "agreements_of_nation", "What military exercises does Jordan take part in?",
         g.agreements_of("JOR", kind=EX)),
        ("bl-aon-04", "agreements_of_nation", "Azerbaidjan defence agreements signed after 2000",
         g.agreements_of("AZE", sector="defence", years=(2001, None))),
        ("bl-aon-05", "agreements_of_nation", "energy agreements of Algérie", g.agreements_of("DZA", sector="energy")),
        ("bl-aon-06", "agreements_of_nation", "What nuclear deals has Bhutan signed?", g.agreements_of("BTN", kind=NUC)),
        # agreements_between
        ("bl-ab-01", "agreements_between", "What agreements exist between Pakistan and China?", g.between("PAK", "CHN")),
        ("bl-ab-02", "agreements_between", "trade deals between turkey and britain", g.between("TUR", "GBR", kind=ECON)),
        ("bl-ab-03", "agreements_between", "List the defence cooperation agreements between Turkey and Azerbaijan from 1995 to 2010",
         g.between("TUR", "AZE", kind=DCA, years=(1995, 2010))),
        ("bl-ab-04", "agreements_between", "Which agreements have Israel and Iran signed together?", g.between("ISR", "IRN")),
        # has_agreement_with
        ("bl-haw-01", "has_agreement_with", "Do Israel and المغرب have any agreement?", g.has_agreement("ISR", "MAR")),
        ("bl-haw-02", "has_agreement_with", "Is there a nuclear deal between the Islamic Republic of Iran and Russia?",
         g.has_agreement("IRN", "RUS", kind=NUC)),
        ("bl-haw-03", "has_agreement_with", "Has KSA ever been in an alliance with Iran?",
         g.has_agreement("SAU", "IRN", kind=AL)),
        ("bl-haw-05", "has_agreement_with", "Have Israel and Iran ever had a defence pact?",
         g.has_agreement("ISR", "IRN", kind=DP)),
        # count_agreements
        ("bl-ca-01", "count_agreements", "How many agreements has Indonesa signed?", g.count_agreements("IDN")),
        ("bl-ca-02", "count_agreements", "number of free trade agreements of Malysia", g.count_agreements("MYS", kind=ECON)),
        ("bl-ca-03", "count_agreements", "How many defence cooperation agreements did Turkey sign in the 2000s?",
         g.count_agreements("TUR", kind=DCA, years=(2000, 2009))),
        # count_agreements_between
        ("bl-cab-01", "count_agreements_between", "How many agreements do the US and مصر share?",
         g.count_between("USA", "EGY")),
        ("bl-cab-02", "count_agreements_between", "How many nuclear cooperation agreements are there between France and Pakistan?",
         g.count_between("FRA", "PAK", kind=NUC)),
        ("bl-cab-03", "count_agreements_between", "count of defense agreements between turkiye and pakistan",
         g.count_between("TUR", "PAK", sector="defence")),
        # count_partners
        ("bl-cp-01", "count_partners", "How many partners does Kazakstan have?", g.count_partners("KAZ")),
        ("bl-cp-02", "count_partners", "how many countries has Iran signed trade agreements with?",
         g.count_partners("IRN", kind=ECON)),
        ("bl-cp-03", "count_partners", "Number of nations Egypt has a defence pact with", g.count_partners("EGY", kind=DP)),
        # top_partners
        ("bl-tp-01", "top_partners", "Who are Turkey's top partners?", g.top_partners("TUR")),
        ("bl-tp-02", "top_partners", "top 3 partners of Morocco by number of trade agreements",
         g.top_partners("MAR", 3, kind=ECON)),
        ("bl-tp-03", "top_partners", "Pakistan's top 2 partners in defence", g.top_partners("PAK", 2, sector="defence")),
        # first_agreement_between
        ("bl-fab-01", "first_agreement_between", "What was the first agreement between Turkey and Israel?",
         g.first_between("TUR", "ISR")),
        ("bl-fab-02", "first_agreement_between", "In what year did Egypt and the USA sign their first agreement?",
         g.first_between("EGY", "USA", value=True)),
        ("bl-fab-04", "first_agreement_between", "What was the first defence cooperation agreement between Armenia and Azerbaijan?",
         g.first_between("ARM", "AZE", kind=DCA)),
        # latest_agreement_between
        ("bl-lab-01", "latest_agreement_between", "What is the most recent agreement between India and the Emirates?",
         g.latest_between("IND", "ARE")),
        ("bl-lab-02", "latest_agreement_between", "latest FTA between Turkey and Malaysia",
         g.latest_between("TUR", "MYS", kind=ECON)),
        ("bl-lab-03", "latest_agreement_between", "In which year did the Russian Federation and Iran sign their latest agreement?",
         g.latest_between("RUS", "IRN", value=True)),
        # common_partners
        ("bl-cmp-01", "common_partners", "Which countries are partners of both Saudi Arabia and Iran?",
         g.common_partners("SAU", "IRN")),
        ("bl-cmp-02", "common_partners", "common allies of Pakistan and Turkey", g.common_partners("PAK", "TUR", kind=AL)),
        ("bl-cmp-04", "common_partners", "Which countries hold joint exercises with both Israel and Iran?",
         g.common_partners("ISR", "IRN", kind=EX)),
        # agreement_parties
        ("bl-ap-01", "agreement_parties", "Who are the parties to the Abraham Accords?", g.agreement_parties(*g.ABRAHAM)),
        ("bl-ap-02", "agreement_parties", "which countries are in the agadir agreement", g.agreement_parties("desta:4")),
        ("bl-ap-03", "agreement_parties", "Which countries belong to the Islamic Military Counter Terrorism Coalition?",
         g.agreement_parties(C + "islamic-military-counter-terrorism-coalition-2015")),
        ("bl-ap-05", "agreement_parties", "Who signed NAFTA?", g.agreement_parties("desta:636")),
        # agreement_parties_at_year
        ("bl-apy-01", "agreement_parties_at_year", "Which countries were parties to the South Asian Free Trade Area in 2005?",
         g.agreement_parties_at_year("desta:667", 2005)),
        ("bl-apy-02", "agreement_parties_at_year", "parties of the Greater Arab Free Trade Agreement in 1998",
         g.agreement_parties_at_year("desta:462", 1998)),
        # agreement_dates
        ("bl-ad-01", "agreement_dates", "When was the Jordan–United States Free Trade Agreement signed?",
         g.agreement_dates("curated:jordan-us-free-trade-agreement-2000")),
        ("bl-ad-02", "agreement_dates", "what year did the Shusha Declaration start",
         g.agreement_dates(C + "shusha-declaration-turkey-azerbaijan-2021")),
        ("bl-ad-03", "agreement_dates", "Date of the Agadir Agreement?", g.agreement_dates("desta:4")),
        # agreement_in_force
        ("bl-aif-01", "agreement_in_force", "Is the Black Sea Grain Initiative still in force?",
         g.agreement_in_force(C + "black-sea-grain-initiative-2022")),
        ("bl-aif-02", "agreement_in_force", "Is Operation Serval still in force?",
         g.agreement_in_force(C + "operation-serval-mali-2013")),
        ("bl-aif-03", "agreement_in_force", "Is the Egypt-Israel peace treaty still valid?",
         g.agreement_in_force(C + "egypt-israel-peace-treaty-1979")),
        # agreement_coverage (answer is a list of sectors: only the status is checked)
        ("bl-cov-01", "agreement_coverage", "What does the Russia–Iran Comprehensive Strategic Partnership Treaty cover?",
         ANSWERED()),
        ("bl-cov-02", "agreement_coverage", "Which sectors does the US–Bahrain C-SIPA cover?", ANSWERED()),
        # agreement_joined
        ("bl-aj-01", "agreement_joined", "Which countries joined SAFTA after it started?", g.agreement_joined("desta:667")),
        ("bl-aj-02", "agreement_joined", "Who joined the Greater Arab Free Trade Agreement later on?",
         g.agreement_joined("desta:462")),
        ("bl-aj-03", "agreement_joined", "Who joined the Agadir Agreement after it began?", g.agreement_joined("desta:4")),
        # agreement_left
        ("bl-al-01", "agreement_left", "Which countries left COMESA?", g.agreement_left("desta:243")),
        ("bl-al-02", "agreement_left", "Who withdrew from the Central European Free Trade Agreement (CEFTA)?",
         g.agreement_left("desta:192")),
        ("bl-al-03", "agreement_left", "which members left the EFTA convention", g.agreement_left("desta:375")),
        # agreement_lead
        ("bl-lead-01", "agreement_lead", "Who brokered the Saudi Arabia–Iran agreement to resume diplomatic relations?",
         lead(C + "saudi-iran-beijing-agreement-2023")),
        ("bl-lead-02", "agreement_lead", "Which country organizes Exercise AMAN?", lead(C + "aman-naval-exercise")),
        # led_by
        ("bl-lb-01", "led_by", "What operations has Turkey led?", g.led_by("TUR")),
        ("bl-lb-02", "led_by", "agreements brokered by the United States", g.led_by("USA")),
        ("bl-lb-04", "led_by", "What agreements has Japan led?", g.led_by("JPN")),
        # nuclear_suppliers
        ("bl-ns-01", "nuclear_suppliers", "Which countries supplied Pakistan with nuclear assistance?", g.nuclear_suppliers("PAK")),
        ("bl-ns-02", "nuclear_suppliers", "Which countries provided nuclear assistance to Egypt before 1980?",
         g.nuclear_suppliers("EGY", years=(None, 1979))),
        ("bl-ns-04", "nuclear_suppliers", "Who gave nuclear help to Afghanistan?", g.nuclear_suppliers("AFG")),
        # nuclear_recipients
        ("bl-nr-01", "nuclear_recipients", "To which countries did Pakistan supply nuclear assistance?",
         g.nuclear_recipients("PAK")),
        ("bl-nr-02", "nuclear_recipients", "Who received nuclear assistance from China between 1980 and 2000?",
         g.nuclear_recipients("CHN", years=(1980, 2000))),
        ("bl-nr-03", "nuclear_recipients", "Which countries has Saudi Arabia supplied with nuclear assistance?",
         g.nuclear_recipients("SAU")),
        # org_members
        ("bl-om-01", "org_members", "Who are the members of the Gulf Cooperation Council?", g.org_members("GCC")),
        ("bl-om-02", "org_members", "list the members of the arab league", g.org_members("LAS")),
        ("bl-om-03", "org_members", "membres de l'Union du Maghreb arabe", g.org_members("AMU")),
        ("bl-om-05", "org_members", "Who are the current members of SEATO?", g.org_members("SEATO")),
        # org_members_at_year
        ("bl-omy-01", "org_members_at_year", "Who were the members of NATO in 1960?", g.org_members_at_year("NATO", 1960)),
        ("bl-omy-02", "org_members_at_year", "Which countries were in OPEC in 1995?", g.org_members_at_year("OPEC", 1995)),
        ("bl-omy-04", "org_members_at_year", "CENTO member states in 1958", g.org_members_at_year("CENTO", 1958)),
        # org_membership
        ("bl-oms-01", "org_membership", "Is Türkiye a member of the OIC?", g.org_membership("TUR", "OIC")),
        ("bl-oms-02", "org_membership", "Is Israel part of the Arab League?", g.org_membership("ISR", "LAS")),
        ("bl-oms-03", "org_membership", "Was Iran ever a member of CENTO?", g.org_membership("IRN", "CENTO")),
        # org_join_year
        ("bl-ojy-01", "org_join_year", "When did Turkey join NATO?", g.org_join_year("TUR", "NATO")),
        ("bl-ojy-02", "org_join_year", "What year did Kazakhstan join the Organisation of Islamic Cooperation?",
         g.org_join_year("KAZ", "OIC")),
        ("bl-ojy-03", "org_join_year", "When did Pakistan join the Shanghai Cooperation Organisation?",
         g.org_join_year("PAK", "SCO")),
        # org_left
        ("bl-ol-01", "org_left", "Which countries left OPEC?", g.org_left("OPEC")),
        ("bl-ol-03", "org_left", "Has any country left the GCC? Which ones?", g.org_left("GCC")),
        # org_members_with
        ("bl-omw-01", "org_members_with", "Which Arab states have signed agreements with Türkiye?",
         g.org_members_with("LAS", "TUR")),
        ("bl-omw-02", "org_members_with", "Which Gulf states have defence agreements with the US?",
         g.org_members_with("GCC", "USA", sector="defence")),
        ("bl-omw-03", "org_members_with", "Muslim countries that have a nuclear deal with France",
         g.org_members_with("OIC", "FRA", kind=NUC)),
        # count_org_members
        ("bl-com-01", "count_org_members", "How many members does the OIC have?", count_org_members("OIC")),
        ("bl-com-02", "count_org_members", "how many countries are in ASEAN", count_org_members("ASEAN")),
        # org_joined_in_period
        ("bl-ojp-01", "org_joined_in_period", "Which countries joined the OIC in the 1990s?",
         org_joined_in_period("OIC", 1990, 1999)),
        ("bl-ojp-02", "org_joined_in_period", "Who joined NATO between 1980 and 2010?", org_joined_in_period("NATO", 1980, 2010)),
        ("bl-ojp-03", "org_joined_in_period", "Which countries joined the GCC from 2000 to 2010?",
         org_joined_in_period("GCC", 2000, 2010)),
        # nation_organizations
        ("bl-no-01", "nation_organizations", "Which organizations is Azerbaijan a member of?", g.nation_organizations("AZE")),
        ("bl-no-02", "nation_organizations", "What international organisations does Egypt belong to?",
         g.nation_organizations("EGY")),
        # nation_summary
        ("bl-ns-sum-01", "nation_summary", "Give me an overview of Uzbekistan's agreements", ANSWERED()),
        ("bl-ns-sum-02", "nation_summary", "summary of tunisia agreements", ANSWERED()),
        # first_agreement_of_nation
        ("bl-fan-01", "first_agreement_of_nation", "What was Qatar's very first agreement?", first_of("QAT")),
        ("bl-fan-02", "first_agreement_of_nation", "When did Bangladesh sign its first defence cooperation agreement?",
         first_of("BGD", kind=DCA, value=True)),
        ("bl-fan-03", "first_agreement_of_nation", "kazakhstan earliest agreement", first_of("KAZ")),
        # latest_agreement_of_nation
        ("bl-lan-01", "latest_agreement_of_nation", "What is the latest agreement signed by Oman?", latest_of("OMN")),
        ("bl-lan-02", "latest_agreement_of_nation", "Most recent nuclear agreement of Brazil", latest_of("BRA", kind=NUC)),
        ("bl-lan-03", "latest_agreement_of_nation", "In what year did Tunisia sign its most recent agreement?",
         latest_of("TUN", value=True)),
        # agreements_in_period
        ("bl-aip-01", "agreements_in_period", "Which normalization agreements were signed between 2019 and 2023?",
         g.agreements_in_period((2019, 2023), kind=NORM)),
        ("bl-aip-02", "agreements_in_period", "List all disaster relief operations since 2020",
         g.agreements_in_period((2020, None), kind=DR)),
        ("bl-aip-04", "agreements_in_period", "humanitarian missions in the 2010s",
         g.agreements_in_period((2010, 2019), kind=HUM)),
        ("bl-aip-05", "agreements_in_period", "Which nuclear cooperation agreements were signed since 2010?",
         g.agreements_in_period((2010, None), kind=NUC)),
        # rank_nations
        ("bl-rk-01", "rank_nations", "Which countries have the most agreements?", g.rank_nations()),
        ("bl-rk-02", "rank_nations", "top 5 countries by number of defence cooperation agreements",
         g.rank_nations(5, kind=DCA)),
        ("bl-rk-04", "rank_nations", "Which 5 Muslim countries have the most defence cooperation agreements?",
         g.rank_nations(5, kind=DCA, org="OIC")),
        # definition / sources / capabilities
        ("bl-def-01", "definition", "What is a defence cooperation agreement?", ANSWERED()),
        ("bl-def-02", "definition", "what does non-aggression mean?", ANSWERED()),
        ("bl-src-01", "sources", "Where does your data come from?", ANSWERED()),
        ("bl-src-02", "sources", "Which datasets is Sharaka built on?", ANSWERED()),
        ("bl-cap-01", "capabilities", "What can you answer?", ANSWERED()),
        ("bl-cap-02", "capabilities", "what kind of questions can i ask?", ANSWERED()),
    ]


def FAILURES():
    return [
        # ambiguous
        ("bl-f-amb-01", "failure", "What agreements does Congo have with France?", F("ambiguous")),
        ("bl-f-amb-02", "failure", "Is Korea a member of ASEAN?", F("ambiguous")),
        ("bl-f-amb-03", "failure", "Which agreements has the Dominican government signed with Spain?", F("ambiguous")),
        ("bl-f-amb-04", "failure", "Who are Nigeri's partners?", F("ambiguous")),
        ("bl-f-amb-05", "failure", "What are the agreements between Corée and France?", F("ambiguous")),
        ("bl-f-amb-06", "failure", "Does Korea have a nuclear deal with the UAE?", F("ambiguous")),
        # unknown_entity
        ("bl-f-unk-01", "failure", "What agreements does Wakanda have with Kenya?", F("unknown_entity")),
        ("bl-f-unk-02", "failure", "Who are the allies of Atlantis?", F("unknown_entity")),
        ("bl-f-unk-03", "failure", "Is Genovia a member of the EU?", F("unknown_entity")),
        ("bl-f-unk-04", "failure", "List the trade agreements of Zubrowka", F("unknown_entity")),
        ("bl-f-unk-05", "failure", "How many agreements has Freedonia signed with the US?", F("unknown_entity")),
        ("bl-f-unk-06", "failure", "Who are the members of the Galactic Trade Federation?", F("unknown_entity")),
        ("bl-f-unk-07", "failure", "Which countries signed the Elbonia Accords?", F("unknown_entity")),
        # out_of_scope
        ("bl-f-oos-01", "failure", "What is the capital of Saudi Arabia?", F("out_of_scope")),
        ("bl-f-oos-02", "failure", "What's the weather like in Jakarta?", F("out_of_scope")),
        ("bl-f-oos-03", "failure", "How many people live in Pakistan?", F("out_of_scope")),
        ("bl-f-oos-04", "failure", "Who is the president of Egypt?", F("out_of_scope")),
        ("bl-f-oos-05", "failure", "Write me a poem about friendship", F("out_of_scope")),
        ("bl-f-oos-06", "failure", "What is the GDP of Turkey?", F("out_of_scope")),
        ("bl-f-oos-07", "failure", "Who won the 2022 World Cup?", F("out_of_scope")),
        # no_match
        ("bl-f-nm-01", "failure", "Which agreement has the longest text?", F("no_match")),
        ("bl-f-nm-02", "failure", "Why did Egypt sign a peace treaty with Israel?", F("no_match")),
        ("bl-f-nm-03", "failure", "What is the average duration of a defence pact?", F("no_match")),
        ("bl-f-nm-04", "failure", "Which trade agreements were ratified by parliament?", F("no_match")),
        ("bl-f-nm-05", "failure", "Rank the alliances by military strength", F("no_match")),
        # "Arabic" is a capitalized word that names no nation, organization or agreement: by the
        # semantics.md rule that is unknown_entity (first run typed it no_match, a gold bug).
        ("bl-f-nm-06", "failure", "Translate the Agadir Agreement into Arabic", F("unknown_entity")),
        ("bl-f-nm-07", "failure", "Which treaties were violated most often?", F("no_match")),
    ]


def main():
    g.write_question_set(Q() + FAILURES(), OUT, verbose="-v" in sys.argv)


if __name__ == "__main__":
    main()
