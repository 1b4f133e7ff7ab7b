"""The answer object: one shape for the CLI, the JSON API and the chat page (docs/question-answering.md,
"The answer object"; schema at /api/openapi.json)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

STATUSES = ("answered", "no_results", "no_match", "unknown_entity", "ambiguous", "out_of_scope")


@dataclass
class Answer:
    question: str
    status: str
    text: str
    answers: list[dict[str, Any]] = field(default_factory=list)
    template: str | None = None
    score: float | None = None
    bindings: dict[str, list[str]] = field(default_factory=dict)
    sparql: str | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)
    suggestions: list[dict[str, Any]] = field(default_factory=list)
    dataset_version: str = ""
    elapsed_ms: float = 0.0
    truncated: bool = False
    value: Any = None
    explanation: dict[str, Any] = field(default_factory=dict)
    lang: str = "en"  # the language the question was read in and the answer is written in
    headings: dict[str, str] = field(default_factory=dict)  # table headings in that language (none: English)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status}")

    def to_dict(self) -> dict[str, Any]:
        # Shallow: the fields are plain JSON values built for this answer. dataclasses.asdict deep-copied
        # them, about 12% of an API request (profiled).
        return {f.name: getattr(self, f.name) for f in fields(self)}
