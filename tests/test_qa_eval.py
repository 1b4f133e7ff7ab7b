"""The evaluation targets on the dev set, through the command people run: `sharaka eval`."""

from __future__ import annotations

from pathlib import Path

import pytest

from sharaka.qa.answer import Answer
from sharaka.qa.engine import QAEngine
from sharaka.qa.evaluate import evaluate_lines, read_jsonl, score_line, set_score

DEV = Path(__file__).parent / "questions" / "dev.jsonl"
FAILURE_STATUSES = {"no_results", "no_match", "unknown_entity", "ambiguous", "out_of_scope"}


def test_dev_set_is_big_and_varied() -> None:
    lines = read_jsonl(DEV)
    assert len(lines) >= 200
    failures = [line for line in lines if line["expect"].get("status") in FAILURE_STATUSES]
    assert len(failures) >= 40
    assert {line["expect"]["status"] for line in failures} == FAILURE_STATUSES
    assert len({line["id"] for line in lines}) == len(lines)
    text = " ".join(line["question"] for line in lines)
    for needle in ("Türkiye", "KSA", "باكستان", "Turquie", "Pakistn", "since", "between"):
        assert needle in text, needle


# Round two's blind sets (tests/questions/blind2/: written from the CSVs by writers who never saw the engine; first
# scores and the scores after fixing mechanisms in docs/question-answering.md). English meets the goal; Arabic,
# French and Turkish do not yet (0.97 is the goal): their floors only keep what was reached from slipping back.
# Round three's sets C (tests/questions/blind3/: new writers, never tuned on): floors just under their first scores.
TARGETS = {"dev": (0.95, 0.95), "heldout": (0.95, 0.95), "blind": (0.95, 0.95), "frames": (0.95, 0.95),
           "blind2_en": (0.97, 0.97), "blind2_ar": (0.92, 0.97), "blind2_frtr": (0.78, 0.95),
           "blind3_en": (0.96, 0.96), "blind3_ar": (0.83, 0.88)}


@pytest.mark.parametrize("name", list(TARGETS))
def test_question_sets_meet_the_targets(engine: QAEngine, name: str) -> None:
    """The dev set, and the sets written later without looking at the engine (now regression sets)."""
    path = DEV.parent / f"{name}.jsonl"
    report = evaluate_lines(engine, read_jsonl(path))
    overall, failures = TARGETS[name]
    assert {"overall_f1", "answered_f1", "failure_accuracy", "errors", "count"} <= set(report)
    assert report["errors"] == 0, report["error_details"]
    assert report["overall_f1"] >= overall, report["misses"]
    assert report["failure_accuracy"] >= failures, report["misses"]
    assert report["count"] == len(read_jsonl(path))


def answer(status: str, items: list[dict[str, object]], value: object = None) -> Answer:
    return Answer(question="q", status=status, text="t", answers=items, value=value)  # type: ignore[arg-type]


def test_scoring_rules() -> None:
    assert set_score({"A", "B"}, {"A"}).f1 == pytest.approx(2 / 3)
    assert set_score(set(), set()).f1 == 1.0
    nations = [{"type": "nation", "iso3": "PAK"}, {"type": "nation", "iso3": "TUR"}]
    assert score_line({"nations": ["PAK", "TUR"]}, answer("answered", nations))[1] == 1.0
    assert score_line({"nations": ["PAK", "TUR"]}, answer("no_results", nations))[1] == 0.0
    assert score_line({"value": True}, answer("answered", [], True))[1] == 1.0
    assert score_line({"value": 1}, answer("answered", [], True))[1] == 0.0  # True is not the number 1
    assert score_line({"status": "ambiguous"}, answer("ambiguous", []))[1] == 1.0
    assert score_line({"status": "ambiguous"}, answer("no_match", []))[1] == 0.0


def test_exceptions_are_counted_not_hidden(engine: QAEngine) -> None:
    class Broken:
        def answer(self, question: str) -> Answer:
            raise RuntimeError("boom")

    report = evaluate_lines(Broken(), [{"id": "x", "question": "q", "expect": {"value": 1}}])
    assert report["errors"] == 1 and report["overall_f1"] == 0.0
