"""The answer object and the failure statuses, end to end through the engine; and the property that
any text up to the length limit gives an answer object, never an exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sharaka.errors import InvalidQuestion
from sharaka.qa.answer import STATUSES
from sharaka.qa.engine import QAEngine

REQUIRED_FIELDS = {"question", "status", "text", "answers", "template", "score", "bindings", "sparql", "sources",
                   "suggestions", "dataset_version", "elapsed_ms", "value", "truncated", "explanation"}


def test_answer_object_shape(engine: QAEngine) -> None:
    answer = engine.answer("Who are the parties to the Abraham Accords?").to_dict()
    assert set(answer) >= REQUIRED_FIELDS
    assert answer["status"] == "answered" and answer["template"] == "parties"
    nations = {a["iso3"] for a in answer["answers"]}
    assert nations == {"ARE", "BHR", "SDN", "MAR", "ISR", "USA"}
    assert all(a["type"] == "nation" and a["uri"].startswith("https://w3id.org/sharaka/id/nation/")
               for a in answer["answers"])
    curated = next(s for s in answer["sources"] if s["dataset"] == "curated")
    assert curated["record_count"] == 4 and "Sharaka curated agreements" in curated["citation"]
    assert len(answer["dataset_version"]) == 12 and answer["elapsed_ms"] > 0


def test_agreement_answers_carry_source_ids_and_dates(engine: QAEngine) -> None:
    answer = engine.answer("What defence pacts has Pakistan signed?")
    assert answer.status == "answered"
    # Checked by hand in atop5_1a.csv: atop 3260 (SEATO, 1954-09-08) has defense=1; atop 3222 (India and
    # Pakistan, 1951) has nonagg=1 only, so it is an alliance but no defence pact (docs/semantics.md).
    pact = next(a for a in answer.answers if a["source_id"] == "atop:3260")
    assert pact["start"] == 1954 and pact["type"] == "agreement"
    assert "defence pact" in pact["kinds"].split("; ")
    assert "atop:3222" not in {a["source_id"] for a in answer.answers}
    # One row per agreement, its kinds joined (never the same agreement once per kind).
    ids = [a["source_id"] for a in answer.answers]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("question", ["russia iran agreements after 2000", "What alliances has Pakistan signed?",
                                      "Which agreements has Turkey signed with Azerbaijan?"])
def test_an_agreement_is_listed_once_with_its_kinds_joined(engine: QAEngine, question: str) -> None:
    """Several kinds per agreement (an ATOP alliance is a consultation and a non-aggression pact …): one row
    each, never the agreement once per kind."""
    answer = engine.answer(question)
    ids = [a["source_id"] for a in answer.answers]
    assert answer.status == "answered" and ids and len(ids) == len(set(ids))
    assert any(len(a["kinds"].split("; ")) > 1 for a in answer.answers)


@pytest.mark.parametrize(("question", "value"), [
    ("Is Türkiye in a joint exercise with Azerbaijan?", True),
    ("Does Pakistan have a defence pact with Saudi Arabia?", True),
    ("Has the United Kingdom signed a peace treaty with Israel?", False),
    ("How many parties does the Agadir Agreement have?", None),
    ("When did Egypt join the OIC?", 1969),
    ("Is Pakistan a member of the OIC?", True),
    ("Is the Black Sea Grain Initiative still in force?", False),
])
def test_literal_values(engine: QAEngine, question: str, value: object) -> None:
    answer = engine.answer(question)
    if value is not None:
        assert answer.status == "answered" and answer.value == value


@pytest.mark.parametrize(("question", "status"), [
    ("What is the capital of France?", "out_of_scope"),
    ("Who won the football world cup in 2018?", "out_of_scope"),
    ("What's the weather like in Cairo today?", "out_of_scope"),
    ("Which countries has Wakanda signed defence pacts with?", "unknown_entity"),
    ("Is Freedonia in the OIC?", "unknown_entity"),
    ("partners of Congo", "ambiguous"),
    ("Which countries has Nigeri signed agreements with?", "ambiguous"),
    ("Which countries did Britain sign peace deals with?", "no_results"),
    ("????", "no_match"),
    ("agreements", "no_match"),
])
def test_failure_statuses(engine: QAEngine, question: str, status: str) -> None:
    answer = engine.answer(question)
    assert answer.status == status, (answer.text, answer.template)
    if status != "no_results":
        assert answer.suggestions, "a failure says what to try instead"
        assert answer.sparql is None


def test_too_long_question_is_an_invalid_question(engine: QAEngine) -> None:
    with pytest.raises(InvalidQuestion):
        engine.answer("x" * (engine.max_question_length + 1))


@pytest.mark.parametrize("question", ["Who sold Pakistan the qz9", "qz9", "agreements of Turkey xk7"])
def test_an_unknown_code_with_digits_at_the_end_is_reported(engine: QAEngine, question: str) -> None:
    """A code with digits names a weapon or a record: reported as not understood, also as the last word
    (found by the property test below: the last word has no word after it)."""
    answer = engine.answer(question)
    assert answer.status in STATUSES and answer.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=500))
def test_any_text_gives_an_answer_object(engine: QAEngine, text: str) -> None:
    answer = engine.answer(text)
    assert answer.status in STATUSES
    assert isinstance(answer.text, str) and answer.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["Pakistan", "Turkey", "defence", "pacts", "since", "2000", "OIC", "who", "is",
                                 "members", "of", "the", "Congo", "Nigeri", "atop:3222", "between", "and", "1990",
                                 "how", "many", "top", "5", "Abraham", "Accords", "?", "باكستان", "\u0022", "\\"]),
                max_size=14))
def test_any_word_salad_of_domain_words_gives_an_answer_object(engine: QAEngine, words: list[str]) -> None:
    answer = engine.answer(" ".join(words))
    assert answer.status in STATUSES


def test_a_cut_list_does_not_pass_its_length_off_as_the_count(memory_store) -> None:  # type: ignore[no-untyped-def]
    from sharaka.qa.engine import QAEngine

    small = QAEngine(memory_store, max_results=5)
    answer = small.answer("Which countries has Pakistan signed defence pacts with?")
    assert answer.truncated is True and len(answer.answers) == 5
    assert "has more than 5 partners" in answer.text and "the list stops at 5" in answer.text


@pytest.mark.parametrize("question", ["Is Pakistan in a defence pact with Pakistan?", "partners of PAK PAK PAK"])
def test_a_nation_is_not_its_own_partner(engine: QAEngine, question: str) -> None:
    answer = engine.answer(question)
    assert "Pakistan and Pakistan" not in answer.text
    assert answer.bindings.get("other") != answer.bindings.get("nation") or "other" not in answer.bindings


def test_version_never_shows_store_credentials() -> None:
    from sharaka.settings import Settings

    settings = Settings.load({"store": "http://alice:secret@db.example:7878/query"}, environ={})
    assert settings.public()["store"] == "http://db.example:7878/query"


def test_every_answer_names_its_sources(engine: QAEngine) -> None:
    """Provenance for every answered question (docs/semantics.md): records and datasets with citations;
    a count cites what it counted; a "no" names the datasets searched."""
    from sharaka.queries import load_templates

    for template in load_templates():
        for question in template.examples:
            answer = engine.answer(question)
            if answer.status != "answered":
                continue
            assert answer.sources, (question, answer.template)
            assert all(s["title"] for s in answer.sources), question
    count = engine.answer("How many defence pacts has Pakistan signed?")
    assert count.value == sum(s["record_count"] for s in count.sources) and count.value > 0
    no = engine.answer("Has the United Kingdom signed a peace treaty with Israel?")
    assert no.value is False and no.sources and all(s.get("searched") for s in no.sources)
    member = engine.answer("Is Pakistan a member of the OIC?")
    assert any(r.startswith("cow_igo:OIC-") for s in member.sources for r in s["records"])
