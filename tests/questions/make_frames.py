#!/usr/bin/env python3
"""Write tests/questions/frames.jsonl: dev questions for the features of the typed frame, in the words
people type (lowercase, no punctuation, typos, polite preambles, possessives, informal words).

Run from the repository root:  python tests/questions/make_frames.py

Gold comes from the gold functions of tests/questions/make_gold.py (the CSVs, never the graph or the
engine), plus the few small rules below for meanings make_gold has no function for (the members of an
organization in its last recorded year, the nation(s) with the most, answers kept to an organization's
members). Refusals are typed by hand. Same line format as dev.jsonl.
"""
from __future__ import annotations

import importlib.util
import os
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "frames.jsonl")

_spec = importlib.util.spec_from_file_location("sharaka_make_gold", os.path.join(HERE, "make_gold.py"))
G = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(G)

DP, DCA, ECON, NUC, NORM, EX, INTEL = G.DP, G.DCA, G.ECON, G.NUC, G.NORM, G.EX, G.INTEL
AL = G.AL  # "allies", "alliance", "allied": any alliance (docs/semantics.md, round two)


def members_last_year(org):
    """docs/semantics.md (clarifications): the members in the last year COW IGO records for the organization;
    the OIC's are its own list's."""
    if org == "OIC":
        return set(G.oic_list("member")["nations"])
    spells = {n: sp for (o, n), sp in G.SPELLS.items() if o == org}
    last = max(s[1] for sp in spells.values() for s in sp)
    return {n for n, sp in spells.items() if any(s[0] <= last <= s[1] for s in sp)}


def only_members(expect, org):
    """A nation-list gold kept to the organization's members (docs/semantics.md: groups as filters)."""
    if "nations" not in expect:
        return expect
    return G._nations(set(expect["nations"]) & members_last_year(org))


def most(counts):
    """The nation(s) with the highest count: one answer, or the tie."""
    if not counts:
        return {"status": "no_results"}
    top = max(counts.values())
    return G._nations(k for k, v in counts.items() if v == top)


def agreement_counts(kind=None, sector=None, years=None, among=None):
    counts = defaultdict(int)
    for a in G.select(None, kind, sector, years):
        for p in a.parties:
            if among is None or p in among:
                counts[p] += 1
    return counts


def partner_agreement_counts(x, kind=None, sector=None, years=None):
    return G._partner_counts(x, kind, sector, years)


def status(s):
    return G.status(s)


def series_parties(curated_id):
    """Asking for an exercise series by name means all its iterations, the curated record included."""
    parties = set(G.AGREEMENTS["curated:" + curated_id].parties)
    for a in G.AGREEMENTS.values():
        if a.curated_series == curated_id:
            parties |= set(a.parties)
    return G._nations(p for p in parties if G.S.is_nation(p))


def questions():
    oic = members_last_year("OIC")
    return [
        # -- partners, in people's words ---------------------------------------------------------
        ("fr-p-01", "partners", "can you tell me who Somalia has signed trade agreements with", G.partners("SOM", ECON)),
        ("fr-p-02", "partners", "who are pakistans allies", G.partners("PAK", AL)),
        ("fr-p-03", "partners", "Saudi Arbia allies", G.partners("SAU", AL)),
        ("fr-p-04", "partners", "Which nations count Iraq as an ally?", G.partners("IRQ", AL)),
        ("fr-p-05", "partners", "hey quick question who has egypt got trade deals with since 2010",
         G.partners("EGY", ECON, years=(2010, None))),
        ("fr-p-06", "partners", "i'd like to know which countries jordan did military drills with",
         G.partners("JOR", EX)),
        ("fr-p-07", "partners", "who did india sign the 123 agreement with", G.partners("IND", NUC)),
        ("fr-p-08", "partners", "which countries hold war games with azerbaijan", G.partners("AZE", EX)),
        ("fr-p-09", "partners", "intel sharing partners of malaysia", G.partners("MYS", INTEL)),
        ("fr-p-10", "partners", "who are turkeys energy partners", G.partners("TUR", sector="energy")),
        # -- states of affairs in time --------------------------------------------------------------
        ("fr-t-01", "partners", "egypt's allies in 1978", G.partners_at_year("EGY", 1978, AL)),
        ("fr-t-02", "partners", "who was pakistan allied with back in 1960", G.partners_at_year("PAK", 1960, AL)),
        ("fr-t-03", "partners", "Which countries did Egypt sign defence pacts with in 1978?",
         G.partners("EGY", DP, years=(1978, 1978))),  # the near-miss: signed that year
        ("fr-t-04", "has_agreement", "was pakistan in an alliance with the us in 1960",
         {"value": bool(G._partners_in_force("PAK", (1960, 1960), AL) & {"USA"})}),
        ("fr-t-05", "has_agreement", "did turkey and azerbaijan have a defence pact before 1990",
         {"value": bool(G._partners_in_force("TUR", (None, 1989), DP) & {"AZE"})}),
        ("fr-t-06", "partners", "who were iraq's allies in the 80s", G.partners_in_force("IRQ", (1980, 1989), AL)),
        ("fr-t-07", "agreements", "what agreements has jordan signed in the 90s",
         G.agreements_of("JOR", years=(1990, 1999))),
        ("fr-t-08", "agreements", "agreements signed by morocco in the '90s", G.agreements_of("MAR", years=(1990, 1999))),
        ("fr-t-09", "agreements", "what did pakistan sign in the nineties", G.agreements_of("PAK", years=(1990, 1999))),
        ("fr-t-10", "count", "how many allies did egypt have in 1990",
         {"value": len(G._partners_in_force("EGY", (1990, 1990), AL))}),
        # -- counts ------------------------------------------------------------------------------
        ("fr-c-01", "count", "Kuwait's DCAs — how many?", G.count_agreements("KWT", DCA)),
        ("fr-c-02", "count", "how many defence pacts does turkey have", G.count_agreements("TUR", DP)),
        ("fr-c-03", "count", "i'd like to know how many nuclear deals iran has", G.count_agreements("IRN", NUC)),
        ("fr-c-04", "count", "number of countries qatar has trade agreements with", G.count_partners("QAT", ECON)),
        ("fr-c-05", "count", "count egypt's peace treaties", G.count_agreements("EGY", NORM)),
        ("fr-c-06", "count", "how many agreements between pakistan and china", G.count_between("PAK", "CHN")),
        # -- yes / no ----------------------------------------------------------------------------
        ("fr-y-01", "has_agreement", "does pakistan have a defence pact with saudi arabia", G.has_agreement("PAK", "SAU", DP)),
        ("fr-y-02", "has_agreement", "has israel ever had a peace deal with jordan", G.has_agreement("ISR", "JOR", NORM)),
        ("fr-y-03", "has_agreement", "is there a nuclear deal between iran and russia", G.has_agreement("IRN", "RUS", NUC)),
        ("fr-y-04", "has_agreement", "Has Indonesia got a free trade agreement with Japan?",
         G.has_agreement("IDN", "JPN", ECON)),
        ("fr-y-05", "membership", "is qatar in the gcc", G.org_membership("QAT", "GCC")),
        ("fr-y-06", "membership", "is indonesia an oic member", G.org_membership("IDN", "OIC")),
        # -- first, latest, when -----------------------------------------------------------------
        ("fr-f-01", "when", "when did egypt and israel last sign an agreement",
         G.latest_between("EGY", "ISR", value=True)),
        ("fr-f-02", "when", "when did turkey and israel first sign an agreement", G.first_between("TUR", "ISR", value=True)),
        ("fr-f-03", "agreements", "whats the latest agreement between uae and israel", G.latest_between("ARE", "ISR")),
        ("fr-f-04", "agreements", "the earliest trade agreement between turkey and malaysia",
         G.first_between("TUR", "MYS", ECON)),
        ("fr-f-05", "when", "when did oman join the arab league", G.org_join_year("OMN", "LAS")),
        # -- superlatives ------------------------------------------------------------------------
        ("fr-s-01", "most", "the country with the most defence pacts", most(agreement_counts(DP))),
        ("fr-s-02", "most", "Which OIC member has the most DCAs?", most(agreement_counts(DCA, among=oic))),
        ("fr-s-03", "most", "which muslim country has signed the most trade agreements",
         most(agreement_counts(ECON, among=oic))),
        ("fr-s-04", "top", "top 3 countries by number of trade agreements", G.rank_nations(3, ECON)),
        ("fr-s-05", "most", "who is pakistans biggest partner in defence cooperation",
         most(partner_agreement_counts("PAK", DCA))),
        ("fr-s-06", "top", "egypt's 3 main trade partners", G.top_partners("EGY", 3, ECON)),
        # -- groups as filters -------------------------------------------------------------------
        ("fr-g-01", "partners", "Which members of the OIC are allied with the USA?",
         only_members(G.partners("USA", AL), "OIC")),
        ("fr-g-02", "partners", "which arab states have dcas with turkey", only_members(G.partners("TUR", DCA), "LAS")),
        ("fr-g-03", "partners", "gulf states that signed trade deals with china", only_members(G.partners("CHN", ECON), "GCC")),
        ("fr-g-04", "parties", "which oic members took part in anatolian eagle",
         only_members(series_parties("anatolian-eagle-exercise"), "OIC")),
        ("fr-g-05", "parties", "which nato members were in the saudi-led coalition in yemen",
         only_members(G.agreement_parties("curated:saudi-led-coalition-yemen-2015"), "NATO")),
        # -- members of organizations ------------------------------------------------------------
        ("fr-m-01", "members", "who are the members of cento", G._nations(members_last_year("CENTO"))),
        ("fr-m-02", "members", "members of the warsaw pact", G._nations(members_last_year("WARSAW_PACT"))),
        ("fr-m-03", "members", "who is in the gcc", G._nations(members_last_year("GCC"))),
        ("fr-m-04", "count", "how many members does the arab league have", {"value": len(members_last_year("LAS"))}),
        ("fr-m-05", "members", "which countries joined asean in the 90s", G._nations(
            n for (o, n), sp in G.SPELLS.items() if o == "ASEAN" and any(1990 <= s[0] <= 1999 for s in sp))),
        ("fr-m-06", "status", "who are the current members of seato", status("no_results")),
        # -- named agreements in the words people use ---------------------------------------------
        ("fr-n-01", "parties", "which countries took part in the aman naval exercise", series_parties("aman-naval-exercise")),
        ("fr-n-02", "parties", "who led the saudi-led coalition in yemen",
         G._nations([G.AGREEMENTS["curated:saudi-led-coalition-yemen-2015"].lead])),
        ("fr-n-03", "parties", "who is in the india-middle east-europe corridor",
         G.agreement_parties("curated:india-middle-east-europe-economic-corridor-2023")),
        ("fr-n-04", "parties", "which countries helped in the rescue after the 2023 turkey earthquake",
         G.agreement_parties("curated:turkey-earthquake-2023-international-rescue")),
        ("fr-n-05", "parties", "who took part in the relief after the 2005 kashmir earthquake",
         G.agreement_parties("curated:kashmir-earthquake-2005-international-relief")),
        ("fr-n-06", "when", "when did the shusha declaration get signed",
         G.agreement_dates("curated:shusha-declaration-turkey-azerbaijan-2021")),
        ("fr-n-07", "in_force", "is the black sea grain deal still in force",
         G.agreement_in_force("curated:black-sea-grain-initiative-2022")),
        # -- kinds by informal words ---------------------------------------------------------------
        ("fr-k-01", "agreements", "what intel-sharing deals has saudi arabia joined", G.agreements_of("SAU", INTEL)),
        ("fr-k-02", "agreements", "which peace accords did morocco sign", G.agreements_of("MAR", NORM)),
        ("fr-k-03", "agreements", "pakistan turkey defence industry projects",
         G.between("PAK", "TUR", "defence_industry")),
        ("fr-k-04", "agreements", "what nuclear deals does bangladesh have", G.agreements_of("BGD", NUC)),
        # -- roles (nuclear: NCA's direction) -----------------------------------------------------
        ("fr-r-01", "partners", "who gave nuclear help to iraq before 1990", G.nuclear_suppliers("IRQ", years=(None, 1989))),
        ("fr-r-02", "partners", "which countries received nuclear help from the soviet union", G.nuclear_recipients("RUS")),
        ("fr-r-03", "partners", "pakistan's nuclear suppliers", G.nuclear_suppliers("PAK")),
        ("fr-r-04", "partners", "where did libya get nuclear technology from", G.nuclear_suppliers("LBY")),
        # -- refusals ------------------------------------------------------------------------------
        ("fr-x-01", "failure", "Who is Turkey's defence minister?", status("out_of_scope")),
        ("fr-x-02", "failure", "whats the population of egypt", status("out_of_scope")),
        ("fr-x-03", "failure", "why did egypt sign a peace treaty with israel", status("no_match")),
        ("fr-x-04", "failure", "what cyber-security deals has saudi arabia joined", status("no_match")),
        ("fr-x-05", "failure", "since 99999999999999999999 which agreements did egypt sign", status("no_match")),
        ("fr-x-06", "failure", "which countries has egypt not signed trade deals with", status("no_match")),
        ("fr-x-07", "failure", "which countries has wakanda signed defence pacts with", status("unknown_entity")),
        ("fr-x-08", "failure", "how many troops does pakistan have in saudi arabia", status("no_match")),
        ("fr-x-09", "failure", "who won the world cup", status("out_of_scope")),
        ("fr-x-10", "failure", "what are congo's trade agreements", status("ambiguous")),
    ]


def main():
    G.write_question_set(questions(), OUT)


if __name__ == "__main__":
    main()
