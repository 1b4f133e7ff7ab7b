"""Stages 3–4, interpret and compile: questions become typed frames, and frames become query shapes.
Every shape's examples compile back to it; paraphrases people type give the frame a person would
expect, each beside a near-miss that must give another; nothing is dropped in silence."""

from __future__ import annotations

from typing import Any

import pytest

from sharaka.qa.engine import QAEngine
from sharaka.queries import load_templates

EXAMPLES = [(t.id, ex) for t in load_templates() for ex in t.examples]


@pytest.mark.parametrize(("shape", "question"), EXAMPLES, ids=[f"{t}:{q[:40]}" for t, q in EXAMPLES])
def test_every_example_compiles_to_its_shape(engine: QAEngine, shape: str, question: str) -> None:
    answer = engine.answer(question)
    assert answer.template == shape, answer.explanation
    assert answer.status in ("answered", "no_results"), answer.text


def frame(engine: QAEngine, question: str) -> dict[str, Any]:
    return engine.answer(question).explanation["frame"]  # type: ignore[no-any-return]


def roles(f: dict[str, Any]) -> list[tuple[str, str]]:
    return [(n["uri"].rsplit("/", 1)[-1], n["role"]) for n in f["nations"]]


def local(uris: list[str]) -> set[str]:
    return {u.rsplit("#", 1)[-1].rsplit("/", 1)[-1] for u in uris}


# (question, expected parts of the frame). Near-misses follow the case they could be confused with.
FRAMES: list[tuple[str, dict[str, Any]]] = [
    ("Which nations count Iraq as an ally?", {"intent": "partners", "aggregate": "list"}),
    ("Count Iraq's allies", {"intent": "partners", "aggregate": "count"}),
    ("Kuwait's DCAs — how many?", {"intent": "agreements", "aggregate": "count",
                                    "kinds": {"DefenceCooperationAgreement"}}),
    ("How many partners does Kuwait have in defence cooperation?", {"intent": "partners", "aggregate": "count"}),
    ("can you tell me who Somalia has signed trade agreements with",
     {"intent": "partners", "kinds": {"EconomicPartnership"}, "roles": [("SOM", "party")]}),
    ("Which of Egypt's agreements are about energy?", {"intent": "agreements", "sectors": {"energy"}}),
    ("Who are Egypt's energy partners?", {"intent": "partners", "sectors": {"energy"}}),
    ("Was Pakistan in an alliance with the US in 1960?",
     {"intent": "agreements", "aggregate": "exists", "aspect": "in_force", "point": 1960}),
    ("Did Pakistan sign an alliance with the US in 1960?", {"aggregate": "exists", "aspect": "event"}),
    ("Egypt's allies in 1978", {"intent": "partners", "aspect": "in_force", "point": 1978}),
    ("Which countries did Egypt sign defence pacts with in 1978?", {"intent": "partners", "aspect": "event"}),
    ("did turkey and azerbaijan have a defence pact before 1990", {"aggregate": "exists", "aspect": "in_force",
                                                                   "to": 1989}),
    ("Which countries received nuclear help from the Soviet Union?",
     {"intent": "partners", "answer_role": "recipient", "roles": [("RUS", "supplier")]}),
    ("Which countries gave nuclear help to Iraq?",
     {"intent": "partners", "answer_role": "supplier", "roles": [("IRQ", "recipient")]}),
    ("Has Indonesia got a free trade agreement with Japan?",  # "got" is no supply of a trade agreement
     {"aggregate": "exists", "roles": [("IDN", "party"), ("JPN", "party")]}),
    ("Which OIC members took part in exercise Anatolian Eagle?", {"intent": "parties", "member_filter": "OIC"}),
    ("Who took part in exercise Anatolian Eagle?", {"intent": "parties", "member_filter": None}),
    ("Which members of the OIC are allied with the USA?", {"intent": "partners", "member_filter": "OIC"}),
    ("Is Pakistan a member of the OIC?", {"intent": "members", "aggregate": "exists", "organization": "OIC"}),
    ("Which OIC member has the most DCAs?", {"intent": "nations", "aggregate": "most", "limit": 1}),
    ("Which OIC members have the most DCAs?", {"intent": "nations", "aggregate": "top"}),
    ("the country with the most defence pacts", {"intent": "nations", "aggregate": "most", "limit": 1}),
    ("top 3 countries by number of trade agreements", {"intent": "nations", "aggregate": "top", "limit": 3}),
    ("When did Egypt and Israel last sign an agreement?", {"intent": "agreements", "aggregate": "latest"}),
    ("When did Egypt and Israel first sign an agreement?", {"intent": "agreements", "aggregate": "when"}),
    ("who led the saudi-led coalition in yemen", {"intent": "parties", "answer_role": "lead"}),
    ("who took part in the saudi-led coalition in yemen", {"intent": "parties", "answer_role": None}),
    ("what agreements has jordan signed in the 90s", {"intent": "agreements", "from": 1990, "to": 1999}),
    ("Mutual allies of Azerbaijan and Kazakhstan", {"intent": "partners", "roles": [("AZE", "party"),
                                                                                     ("KAZ", "party")]}),
]


@pytest.mark.parametrize(("question", "expected"), FRAMES, ids=[q[:50] for q, _ in FRAMES])
def test_questions_give_the_frame_a_person_expects(engine: QAEngine, question: str, expected: dict[str, Any]) -> None:
    f = frame(engine, question)
    time = f["time"] or {}
    got = {"intent": f["intent"], "aggregate": f["aggregate"], "answer_role": f["answer_role"],
           "kinds": local(f["kinds"]), "sectors": local(f["sectors"]), "roles": roles(f),
           "member_filter": f["member_filter"] and f["member_filter"].rsplit("/", 1)[-1],
           "organization": f["organization"] and f["organization"].rsplit("/", 1)[-1],
           "aspect": time.get("aspect"), "point": time.get("point"), "from": time.get("from"),
           "to": time.get("to"), "limit": f["limit"]}
    assert {k: got[k] for k in expected} == expected, f


@pytest.mark.parametrize(("question", "words"), [
    ("what cyber-security deals has saudi arabia joined", ["cyber"]),
    ("Which countries has Egypt not signed trade deals with?", ["not"]),
    ("Which countries have more than 10 alliances?", ["more than"]),
    ("Which countries signed the fewest defence pacts?", ["fewest"]),
    ("which agreements did egypt sign since 99999999999999999999", ["since 99999999999999999999"]),
])
def test_a_word_that_changes_the_meaning_is_said_not_dropped(engine: QAEngine, question: str,
                                                             words: list[str]) -> None:
    answer = engine.answer(question)
    assert answer.status == "no_match" and answer.sparql is None
    assert all(w in answer.text for w in words), answer.text


def test_a_word_that_changes_nothing_is_listed_as_ignored(engine: QAEngine) -> None:
    answer = engine.answer("hey bot who are pakistans allies lol")
    assert answer.status == "answered" and answer.template == "partners"
    assert answer.explanation["ignored"] == ["bot"]  # "lol" is a filler of the vocabulary


def test_intel_sharing_is_a_kind_not_all_agreements(engine: QAEngine) -> None:
    answer = engine.answer("what intel-sharing deals has saudi arabia joined")
    assert answer.status == "answered"
    assert {a["source_id"] for a in answer.answers} == {"curated:islamic-military-counter-terrorism-coalition-2015",
                                                        "curated:terrorist-financing-targeting-center-2017"}


@pytest.mark.parametrize(("question", "status"), [
    ("Who is Turkey's defence minister?", "out_of_scope"),
    ("What is the population of Egypt?", "out_of_scope"),
    ("How many people live in Pakistan?", "out_of_scope"),
    ("Tell me a joke about Qatar", "out_of_scope"),
    ("best kebab place in istanbul", "out_of_scope"),
    ("Why did Egypt sign a peace treaty with Israel?", "no_match"),
    ("What is the average duration of a defence pact?", "no_match"),
    ("Which countries has wakanda signed defence pacts with?", "unknown_entity"),
    ("Which trade agreements were ratified by parliament?", "no_match"),  # a common word is not a name
])
def test_scope_is_decided_by_meaning(engine: QAEngine, question: str, status: str) -> None:
    answer = engine.answer(question)
    assert answer.status == status, (answer.text, answer.explanation["frame"])
    assert answer.sparql is None


@pytest.mark.parametrize(("question", "source_id"), [
    ("which countries took part in the aman naval exercise", "curated:aman-naval-exercise"),
    ("who led the saudi-led coalition in yemen", "curated:saudi-led-coalition-yemen-2015"),
    ("who is in the india-middle east-europe corridor", "curated:india-middle-east-europe-economic-corridor-2023"),
    ("which countries helped in the rescue after the 2023 turkey earthquake",
     "curated:turkey-earthquake-2023-international-rescue"),
    ("which countries helped in the rescue after the 2023 morocco earthquake",
     "curated:morocco-earthquake-2023-international-rescue"),  # the near-miss: same year, another country
    ("When did the Shusha Declaration get signed?", "curated:shusha-declaration-turkey-azerbaijan-2021"),
])
def test_agreements_by_the_words_people_use(engine: QAEngine, question: str, source_id: str) -> None:
    answer = engine.answer(question)
    agreements = answer.explanation["frame"]["agreements"]
    assert [engine.index.entities[u].source_id for u in (engine.index.source_ids[source_id.lower()],)] == [source_id]
    assert {str(engine.index.source_ids[source_id.lower()])} == set(agreements), answer.explanation["mentions"]
