"""The linked question as the interpretation reads it: its mentions without function words, which of
them a rule has used, and the questions rules ask of them (what is asked, is this a noun of agreements,
is this organization a group of nations)."""

from __future__ import annotations

from sharaka.qa.lexicon import EntityIndex
from sharaka.qa.link import CONCEPT_KINDS, LinkedQuestion, Mention
from sharaka.qa.vocabulary import Vocabulary

NATION_NOUNS = frozenset({"nations", "partners", "members", "parties", "suppliers", "recipients", "observers"})
ROLE_NOUNS = {"suppliers": "supplier", "recipients": "recipient", "lead": "lead"}


class Reading:
    """The linked question and which of its mentions the rules have used."""

    def __init__(self, linked: LinkedQuestion, index: EntityIndex, generic_words: frozenset[str],
                 vocabulary: Vocabulary) -> None:
        self.linked = linked
        self.index = index
        self.vocabulary = vocabulary
        self.generic_words = generic_words
        self.mentions = [m for m in linked.mentions if m.kind != "function"]
        self.used: set[int] = set()  # ids of used mentions
        self.strong_counts: set[int] = set()  # "count"/"total" that ask for a number here

    def use(self, *mentions: Mention) -> None:
        self.used.update(id(m) for m in mentions)

    def words(self, sense: str, value: str | None = None) -> list[Mention]:
        return [m for m in self.mentions if m.has(sense, value)]

    def asks(self) -> set[str]:
        found = {v for m in self.mentions for v in m.values("ask")}
        if any(id(m) in self.strong_counts for m in self.mentions):
            found.add("count")
        return found

    def ask(self, value: str) -> list[Mention]:
        return self.words("ask", value)

    def first_content(self) -> Mention | None:
        return next((m for m in self.mentions if not (m.kind == "word" and m.has("filler") and not m.has("aux"))),
                    None)

    def question_word(self) -> Mention | None:
        """The question word, not a relative one after a noun ("agreements where Saudi Arabia is the lead
        party", "the countries which …")."""
        def noun(x: Mention | None) -> bool:
            return x is not None and (x.has("noun") or self.nominal(x) or self.is_group(x))

        for i, m in enumerate(self.mentions):
            if m.has("wh"):
                before = self.mentions[i - 1] if i > 0 else None
                after = self.mentions[i + 1] if i + 1 < len(self.mentions) else None
                if not noun(before) or noun(after):  # "missions - which countries …" asks again
                    return m
        return None

    def nominal(self, m: Mention) -> bool:
        """A concept written as a noun of agreements ("defence pacts", "trade deals", "exercises")."""
        if m.kind in ("category", "generic"):
            return True
        return m.kind in CONCEPT_KINDS and any(w in self.generic_words for w in m.text.lower().split())

    def is_group(self, m: Mention) -> bool:
        """An organization written as a group of nations ("Muslim countries", "Arab states", "OIC members")."""
        if m.kind != "organization":
            return False
        words = [s.value for t in self.linked.question.tokens[m.start:m.end] for s in self.vocabulary.senses(t.norm)
                 if s.type == "noun"]
        following = self.after(m, 1)
        return "nations" in words or bool(following and set(following[0].values("noun")) & {"nations", "members"})

    def inner_nouns(self, m: Mention) -> list[str]:
        """Nouns of the words inside a concept's name ("military partners" → partners)."""
        if m.kind not in CONCEPT_KINDS:
            return []
        tokens = self.linked.question.tokens[m.start:m.end]
        return [s.value for t in tokens for s in self.vocabulary.senses(t.norm)
                if s.type == "noun" and s.value in NATION_NOUNS]

    def after(self, m: Mention, within: int = 5) -> list[Mention]:
        i = self.mentions.index(m)
        return self.mentions[i + 1:i + 1 + within]
