#!/usr/bin/env python3
"""Write tests/questions/sources.jsonl: the questions issue 15 says must work on the new sources (arms
transfers, exercises, the OIC list), with gold computed from the CSVs by make_gold.py's functions.

Run from the repository root:  python tests/questions/make_sources_set.py  [-v]

The engine of this branch has no question types for most of them yet (the QA rework adds them): the set is
not scored by the test suite until it does. `type` names the question kind of docs/semantics.md, "Arms-transfer
questions" and "Exercise questions". Same line format as dev.jsonl, with "expect_without_noncommercial" where a
build without SIPRI answers otherwise.
"""
from __future__ import annotations

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "sources.jsonl")
_spec = importlib.util.spec_from_file_location("sharaka_make_gold", os.path.join(HERE, "make_gold.py"))
G = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(G)

BRIGHT_STAR = "bright-star-exercise"


def Q():
    return [
        # ---------------- who supplies X with arms (since Y, by weapon category) ----------------
        ("s-sup-01", "arms_suppliers", "Who supplies Azerbaijan with arms since 2010?", G.arms_suppliers("AZE", years=(2010, None))),
        ("s-sup-02", "arms_suppliers", "which countries sell weapons to egypt", G.arms_suppliers("EGY")),
        ("s-sup-03", "arms_suppliers", "Who sold fighter jets to Saudi Arabia since 2000?",
         G.arms_suppliers("SAU", category="combat_aircraft", years=(2000, None))),
        ("s-sup-04", "arms_suppliers", "Pakistan's drone suppliers", G.arms_suppliers("PAK", category="uavs")),
        ("s-sup-05", "arms_suppliers", "Who supplied tanks to Iraq in the 2000s?",
         G.arms_suppliers("IRQ", category="tanks", years=(2000, 2009))),
        # ---------------- what X has exported to Y ----------------
        ("s-exp-01", "arms_exports", "What has Türkiye exported to Azerbaijan?", G.arms_exports("TUR", "AZE")),
        ("s-exp-02", "arms_exports", "arms deals between China and Pakistan since 2015", G.arms_exports("CHN", "PAK", years=(2015, None))),
        ("s-exp-03", "arms_exports", "What weapons did Russia sell to Iran?", G.arms_exports("RUS", "IRN")),
        # ---------------- which OIC members bought a weapon or category (from whom) ----------------
        ("s-buy-01", "arms_buyers", "Which OIC members bought the Bayraktar TB2?", G.oic_buyers(designation="Bayraktar TB2")),
        ("s-buy-02", "arms_buyers", "which muslim countries have TB2 drones", G.oic_buyers(designation="TB2")),
        ("s-buy-03", "arms_buyers", "Which OIC members bought air defence systems from China?",
         G.oic_buyers(category="air_defence_systems", supplier="CHN")),
        ("s-buy-04", "arms_buyers", "Which OIC countries bought submarines from Germany?",
         G.oic_buyers(category="submarines", supplier="DEU")),
        # ---------------- top arms suppliers of X in a period ----------------
        ("s-top-01", "top_arms_suppliers", "Top arms suppliers of Pakistan between 2010 and 2024",
         G.top_arms_suppliers("PAK", 5, years=(2010, 2024))),
        ("s-top-02", "top_arms_suppliers", "Who are Saudi Arabia's 3 biggest arms suppliers?", G.top_arms_suppliers("SAU", 3)),
        # ---------------- has X received a category from Y ----------------
        ("s-rec-01", "arms_received", "Has Pakistan received submarines from France?", G.has_received("PAK", "FRA", "submarines")),
        ("s-rec-02", "arms_received", "Has Pakistan received submarines from China?", G.has_received("PAK", "CHN", "submarines")),
        ("s-rec-03", "arms_received", "Did Türkiye get submarines from Germany?", G.has_received("TUR", "DEU", "submarines")),
        ("s-rec-04", "arms_received", "Has Azerbaijan received armed drones from Israel?",
         G.has_received("AZE", "ISR", "armed_drones")),
        # ---------------- which states license-produce weapons from Y ----------------
        ("s-lic-01", "licensed_production", "Which states license-produce weapons from China?", G.licensed_producers("CHN")),
        ("s-lic-02", "licensed_production", "Who builds Turkish weapons under licence?", G.licensed_producers("TUR")),
        # ---------------- which exercises X and Y held together ----------------
        ("s-ex-01", "exercises_between", "Which exercises did Egypt and the United States hold together?",
         G.exercises_together("EGY", "USA")),
        ("s-ex-02", "exercises_between", "drills between Pakistan and China", G.exercises_together("PAK", "CHN")),
        ("s-ex-03", "exercises_between", "Which exercises have Türkiye and Israel held together in the 2000s?",
         G.exercises_together("TUR", "ISR", years=(2000, 2009))),
        # ---------------- who took part in an exercise in a year ----------------
        ("s-ep-01", "exercise_participants", "Who took part in Bright Star in 1999?",
         G.exercise_participants(BRIGHT_STAR, 1999)),
        ("s-ep-02", "exercise_participants", "Who took part in Bright Star 82?", G.exercise_participants(BRIGHT_STAR, 1981)),
        ("s-ep-03", "exercise_participants", "Which countries took part in Cobra Gold in 2005?",
         G.exercise_participants("Cobra Gold", 2005)),
        ("s-ep-04", "exercise_participants", "Who joined Anatolian Eagle in 2004?",
         G.exercise_participants("anatolian-eagle-exercise", 2004)),
        # ---------------- which OIC members joined humanitarian exercises with X ----------------
        ("s-hum-01", "exercise_partners_in_org", "Which OIC members joined humanitarian exercises with the United States?",
         G.oic_members_joining_exercises("USA")),
        ("s-hum-02", "exercise_partners_in_org", "Which OIC members took part in peacekeeping exercises with France?",
         G.oic_members_joining_exercises("FRA", sector="peacekeeping")),
        # ---------------- the OIC's members and observers, since when ----------------
        ("s-oic-01", "org_members", "Who are the members of the OIC?", G.oic_list("member")),
        ("s-oic-02", "org_observers", "Which states are observers of the OIC?", G.oic_list("observer")),
        ("s-oic-03", "count_org_members", "How many members does the OIC have?", {"value": 57}),
        ("s-oic-04", "org_membership", "Is Palestine a member of the OIC?", {"value": True}),
        ("s-oic-05", "org_join_year", "When did Palestine join the OIC?", G.oic_join_year("PSE")),
        ("s-oic-06", "org_join_year", "When did Cameroon join the OIC?", G.oic_join_year("CMR")),  # COW: 2006
        ("s-oic-07", "org_membership", "Is Russia a member of the OIC?", {"value": False}),  # an observer
    ]


def main():
    G.write_question_set(Q(), OUT, verbose="-v" in sys.argv)


if __name__ == "__main__":
    main()
