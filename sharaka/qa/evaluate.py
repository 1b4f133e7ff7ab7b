"""`sharaka eval`: score a question set (JSONL) against the engine.

Each line: {"id", "question", "expect": {...}} where expect is one of
{"nations": [ISO3…]}, {"agreements": [source_id…]}, {"organizations": [code…]}, {"value": …}
or {"status": "<failure status>"}. Lists are scored by set precision, recall and F1; values by
exact match; failures by status. A line may add "type" (its question type) for per-type figures.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sharaka.errors import BadRequest, SharakaError
from sharaka.qa.answer import Answer

FAILURE_STATUSES = {"no_results", "no_match", "unknown_entity", "ambiguous", "out_of_scope"}


class Answers(Protocol):
    def answer(self, question: str) -> Answer: ...


@dataclass
class Score:
    precision: float
    recall: float
    f1: float


def set_score(expected: set[str], got: set[str]) -> Score:
    if not expected and not got:
        return Score(1.0, 1.0, 1.0)
    hit = len(expected & got)
    precision = hit / len(got) if got else 0.0
    recall = hit / len(expected) if expected else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1)


def _answer_keys(answer: Answer, kind: str) -> set[str]:
    if answer.status != "answered":
        return set()
    keys = set()
    for item in answer.answers:
        if kind == "nations" and item.get("type") == "nation":
            keys.add(item.get("iso3") or str(item.get("uri", "")).rsplit("/", 1)[-1])
        elif kind == "agreements" and item.get("source_id"):
            keys.add(str(item["source_id"]))
        elif kind == "organizations" and item.get("type") == "organization":
            keys.add(str(item.get("uri", "")).rsplit("/", 1)[-1])
    return keys


def score_line(expect: dict[str, Any], answer: Answer) -> tuple[str, float, str]:
    """(category, score 0..1, note) for one question."""
    if "status" in expect:
        ok = answer.status == expect["status"]
        return "failure", float(ok), "" if ok else f"expected status {expect['status']}, got {answer.status}"
    if "value" in expect:
        got = answer.value if answer.status == "answered" else None
        ok = got == expect["value"] and type(got) is type(expect["value"])
        return "answered", float(ok), "" if ok else f"expected value {expect['value']!r}, got {got!r} ({answer.status})"
    for kind in ("nations", "agreements", "organizations"):
        if kind in expect:
            expected, got = set(expect[kind]), _answer_keys(answer, kind)
            s = set_score(expected, got)
            note = "" if s.f1 == 1.0 else (f"missing {sorted(expected - got)[:8]} extra {sorted(got - expected)[:8]} "
                                             f"({answer.status}, {answer.template})")
            return "answered", s.f1, note
    raise ValueError(f"unknown expectation {expect}")


def evaluate_lines(engine: Answers, lines: list[dict[str, Any]]) -> dict[str, Any]:
    per_type: dict[str, list[float]] = defaultdict(list)
    answered: list[float] = []
    failures: list[float] = []
    misses: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    latencies: list[float] = []
    for line in lines:
        started = time.perf_counter()
        try:
            answer = engine.answer(line["question"])
        except SharakaError as exc:
            errors.append({"id": line.get("id"), "question": line["question"], "error": exc.detail})
            continue
        except Exception as exc:  # an engine bug: counted, never hidden
            errors.append({"id": line.get("id"), "question": line["question"], "error": repr(exc)})
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        category, score, note = score_line(line["expect"], answer)
        (failures if category == "failure" else answered).append(score)
        per_type[line.get("type") or answer.template or "failure"].append(score)
        if score < 1.0:
            misses.append({"id": line.get("id"), "question": line["question"], "score": round(score, 3),
                           "note": note, "template": answer.template, "status": answer.status})
    all_scores = answered + failures + [0.0] * len(errors)
    latencies.sort()
    return {
        "count": len(lines),
        "overall_f1": _mean(all_scores),
        "answered_f1": _mean(answered),
        "failure_accuracy": _mean(failures),
        "errors": len(errors),
        "error_details": errors,
        "per_type": {k: {"count": len(v), "f1": _mean(v)} for k, v in sorted(per_type.items())},
        "latency_ms": {"p50": _percentile(latencies, 50), "p99": _percentile(latencies, 99)},
        "misses": misses,
    }


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 4) if values else 1.0


def _percentile(sorted_values: list[float], p: int) -> float:
    if not sorted_values:
        return 0.0
    k = min(len(sorted_values) - 1, max(0, round(p / 100 * len(sorted_values)) - 1))
    return round(sorted_values[k], 2)


EXPECTATIONS = ("status", "value", "nations", "agreements", "organizations")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The question set, each line checked: a mistake in it is named by its line, before any question is asked."""
    lines = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.strip():
            try:
                line = json.loads(raw)
            except ValueError as exc:
                raise BadRequest(f"{path}:{number}: not JSON ({exc})") from None
            problem = _line_problem(line)
            if problem:
                raise BadRequest(f"{path}:{number}: {problem}")
            lines.append(line)
    return lines


def _line_problem(line: Any) -> str:
    if not isinstance(line, dict):
        return "each line must be a JSON object"
    if not isinstance(line.get("question"), str) or not line["question"].strip():
        return 'no "question" text'
    expect = line.get("expect")
    if not isinstance(expect, dict) or not any(key in expect for key in EXPECTATIONS):
        return f'"expect" must be an object with one of {", ".join(EXPECTATIONS)}'
    return ""


def evaluate_file(engine: Answers, path: Path) -> dict[str, Any]:
    return evaluate_lines(engine, read_jsonl(path))


def format_report(report: dict[str, Any]) -> str:
    out = [f"questions {report['count']}  overall F1 {report['overall_f1']:.3f}  answered F1 "
           f"{report['answered_f1']:.3f}  failure accuracy {report['failure_accuracy']:.3f}  errors "
           f"{report['errors']}  latency p50 {report['latency_ms']['p50']} ms p99 {report['latency_ms']['p99']} ms",
           "", f"{'type':<28} {'n':>4} {'F1':>6}"]
    out += [f"{t:<28} {v['count']:>4} {v['f1']:>6.3f}" for t, v in report["per_type"].items()]
    if report["misses"]:
        out += ["", "misses:"]
        out += [f"  [{m['id']}] {m['score']:.2f} {m['question']}\n      {m['note']}" for m in report["misses"]]
    if report["error_details"]:
        out += ["", "errors:"] + [f"  [{e['id']}] {e['question']}: {e['error']}" for e in report["error_details"]]
    return "\n".join(out)
