"""Stage 2, linking: names, codes, aliases, demonyms, Arabic and French names, typos — and the traps
(Niger/Nigeria, Sudan/South Sudan, the Guineas, the Congos, the Koreas, Dominica) where a near-miss
must never silently become the wrong country."""

from __future__ import annotations

import pytest

from sharaka.qa.engine import QAEngine
from sharaka.qa.link import LinkedQuestion


def nations(linked: LinkedQuestion) -> list[str]:
    return [str(u).rsplit("/", 1)[-1] for m in linked.of_kind("nation") for u in m.uris]


# (question, nations linked in order). Near-misses sit next to the case they could be confused with.
NATION_CASES = [
    ("Which countries has Pakistan signed defence pacts with?", ["PAK"]),
    ("Which countries has Pakistn signed defence pacts with?", ["PAK"]),          # typo
    ("Trade partners of Indonesai", ["IDN"]),                                      # transposition
    ("Is Azerbaijian allied with Turkey?", ["AZE", "TUR"]),
    ("Is Türkiye in a joint exercise with Azerbaijan?", ["TUR", "AZE"]),
    ("Is Turkiye in NATO?", ["TUR"]),
    ("Turkish defence pacts", ["TUR"]),                                            # demonym
    ("Agreements between KSA and the UAE", ["SAU", "ARE"]),
    ("Saudi Arbia allies", ["SAU"]),                                               # a typo inside a long name
    ("who are pakistans allies", ["PAK"]),                                         # possessive without apostrophe
    ("what intel-sharing deals has saudi arabia joined", ["SAU"]),
    ("Saudi trade deals", ["SAU"]),
    ("Which treaties did the Emirates sign?", ["ARE"]),
    ("USA partners", ["USA"]),
    ("Who are America's allies?", ["USA"]),
    ("Did Britain sign a defence pact with Persia?", ["GBR", "IRN"]),
    ("Partners of U.S.", ["USA"]),
    ("partners of the us", ["USA"]),                                               # "the us" is the country
    ("Which countries signed agreements with us?", []),                            # "us" alone is a pronoun
    ("Which countries has باكستان signed agreements with?", ["PAK"]),             # Arabic
    ("Agreements of تركيا", ["TUR"]),
    ("Accords between Arabie saoudite and Turquie", ["SAU", "TUR"]),               # French
    ("Partners of the Émirats arabes unis", ["ARE"]),
    ("Partners of Emirats arabes unis", ["ARE"]),                                  # French without accents
    ("PAKISTAN DEFENCE PACTS", ["PAK"]),
    ("Niger's partners", ["NER"]),
    ("Nigeria's partners", ["NGA"]),                                               # twin of the line above
    ("Nigerian trade agreements", ["NGA"]),
    ("Nigerien trade agreements", ["NER"]),
    ("Sudan's allies", ["SDN"]),
    ("South Sudan's allies", ["SSD"]),                                             # longest name wins
    ("Guinea trade agreements", ["GIN"]),
    ("Guinea-Bissau trade agreements", ["GNB"]),
    ("Equatorial Guinea trade agreements", ["GNQ"]),
    ("Papua New Guinea trade agreements", ["PNG"]),
    ("Dominica agreements", ["DMA"]),
    ("Dominican Republic agreements", ["DOM"]),
    ("South Korea defence agreements", ["KOR"]),
    ("North Korea defence agreements", ["PRK"]),
    ("DR Congo partners", ["COD"]),
    ("Which countries did Iran sign with?", ["IRN"]),
    ("Which countries did Iraq sign with?", ["IRQ"]),                              # one letter from Iran
    ("Mali partners", ["MLI"]),
    ("Malawi partners", ["MWI"]),
    ("Austria's alliances", ["AUT"]),
    ("Australia's alliances", ["AUS"]),
    ("Partners of AUS", ["AUS"]),                                                  # ISO code, not COW's Austria
    ("partners of PAK", ["PAK"]),
    ("What is the capital of Chile, while we are at it?", ["CHL"]),               # "while" is not Chile
]


@pytest.mark.parametrize(("question", "expected"), NATION_CASES)
def test_nations_are_linked(engine: QAEngine, question: str, expected: list[str]) -> None:
    linked = engine.link(question)
    assert nations(linked) == expected
    assert not linked.ambiguities


# Near-misses that must be asked about, never guessed.
AMBIGUOUS_CASES = [
    ("Which countries has Congo signed agreements with?", {"COG", "COD"}),
    ("Congolese defence pacts", {"COG", "COD"}),
    ("Korea's allies", {"KOR", "PRK"}),
    ("Korean trade agreements", {"KOR", "PRK"}),
    ("Dominican trade agreements", {"DMA", "DOM"}),
    ("Which countries has Nigeri signed agreements with?", {"NER", "NGA"}),
]


@pytest.mark.parametrize(("question", "candidates"), AMBIGUOUS_CASES)
def test_ambiguous_names_are_asked_about(engine: QAEngine, question: str, candidates: set[str]) -> None:
    linked = engine.link(question)
    assert linked.ambiguities, "a near-miss became a country"
    got = {str(u).rsplit("/", 1)[-1] for u in linked.ambiguities[0].candidates}
    assert candidates <= got
    answer = engine.answer(question)
    assert answer.status == "ambiguous"
    assert {s["iso3"] for s in answer.suggestions} >= candidates


@pytest.mark.parametrize(("question", "kind", "label"), [
    ("Which countries are members of the OIC?", "organization", "Organisation of Islamic Cooperation"),
    ("members of the Organisation of Islamic Cooperation", "organization", "Organisation of Islamic Cooperation"),
    ("Is Qatar in the GCC?", "organization", "Cooperation Council for the Arab States of the Gulf"),
    ("Arab League members", "organization", "League of Arab States"),
    ("Is Turkey in NATO?", "organization", "North Atlantic Treaty Organization"),
    ("when did turkey join nato", "organization", "North Atlantic Treaty Organization"),
    ("Who signed CPEC?", "agreement", "China–Pakistan Economic Corridor (CPEC) agreements"),
    ("Parties to the Shusha declaration", "agreement", "Shusha Declaration on Allied Relations"),
    ("Who took part in Exercise Anatolian Eagle?", "agreement", "Exercise Anatolian Eagle"),
    ("When was the Egypt–Israel Peace Treaty signed?", "agreement", "Egypt–Israel Peace Treaty"),
    ("Members of ATOP alliance 3222", "agreement", None),
    ("What does atop:3015 cover?", "agreement", None),
    ("Who signed DCADv1.0-0001?", "agreement", None),
])
def test_organizations_and_agreements_are_linked(engine: QAEngine, question: str, kind: str, label: str | None) -> None:
    mentions = engine.link(question).of_kind(kind)
    assert mentions, f"no {kind} found"
    if label is not None:
        assert engine.index.entities[mentions[0].uris[0]].label == label


def test_abraham_accords_name_a_group_of_four_agreements(engine: QAEngine) -> None:
    mention = engine.link("Who are the parties to the Abraham Accords?").of_kind("agreement")[0]
    assert {engine.index.entities[u].source_id for u in mention.uris} == {
        "curated:abraham-accords-uae-israel-2020", "curated:abraham-accords-bahrain-israel-2020",
        "curated:abraham-accords-sudan-israel-2020", "curated:abraham-accords-morocco-israel-2020"}


@pytest.mark.parametrize(("question", "kind", "notation"), [
    ("Pakistan's defence pacts", "category", "DefencePact"),
    ("Pakistan's military alliances", "category", "Alliance"),  # docs/semantics.md, round two: any alliance
    ("Which drills has Jordan held?", "category", "JointMilitaryExercise"),
    ("war games with Egypt", "category", "JointMilitaryExercise"),
    ("Morocco peace deal", "category", "NormalizationAgreement"),
    ("Turkey trade agreements", "category", "EconomicPartnership"),
    ("Indonesia FTA", "category", "EconomicPartnership"),
    ("military agreements of Egypt", "sector", "defence"),
    ("Egypt's defence agreements", "sector", "defence"),
    ("trade partners of Egypt", "sector", "economy"),
    # docs/semantics.md, round two: "mutual defence" and "non-aggression pact" name kinds of alliance
    ("mutual defence obligation with Pakistan", "category", "DefencePact"),
    ("non-aggression pact with Iran", "category", "NonAggressionPact"),
])
def test_kinds_sectors_and_obligations_are_linked(engine: QAEngine, question: str, kind: str, notation: str) -> None:
    mentions = engine.link(question).of_kind(kind)
    assert mentions, f"no {kind} in {question!r}"
    assert str(mentions[0].uris[0]).rsplit("#", 1)[-1].rsplit("/", 1)[-1] == notation


@pytest.mark.parametrize("question", [
    "Which countries has Wakanda signed defence pacts with?",
    "Is Freedonia allied with Turkey?",
])
def test_made_up_names_are_unknown_entities(engine: QAEngine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.status == "unknown_entity"
    assert answer.sparql is None
