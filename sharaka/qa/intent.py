"""What a question asks: the noun its answer is made of, the intent (partners, agreements, parties,
members …), the aggregate (count, yes/no, first, latest, top N, the most) and how many ("top 5")."""

from __future__ import annotations

from sharaka.qa.frame import Frame
from sharaka.qa.link import Mention
from sharaka.qa.reading import NATION_NOUNS, ROLE_NOUNS, Reading

LIMITED = ("top", "most", "rank")


def _answer_noun(r: Reading) -> tuple[str | None, Mention | None]:
    """What the answer is made of: the noun after the question word, or the head noun."""
    wh = r.question_word()
    if wh is not None and wh.values("wh")[0] in ("who", "where"):
        return "nations", wh
    anchors = [wh] if wh is not None else []
    anchors += [m for m in r.mentions if m.has("ask", "count") or id(m) in r.strong_counts]
    for anchor in anchors:
        for m in r.after(anchor, 6):
            noun = _noun_of(r, m)
            if noun:
                return noun, m
            if m.kind in ("nation", "agreement") and not m.possessive and anchor is wh:
                break
    for m in r.mentions:
        noun = _noun_of(r, m)
        if noun:
            return noun, m
    return None, None


def _noun_of(r: Reading, m: Mention) -> str | None:
    """The noun a mention gives the answer: its own, one of its words' ("defence partners" is partners),
    or agreements for a kind written as a noun; a kind followed by a noun of nations is an adjective
    ("trade agreement partners")."""
    nouns = m.values("noun") or r.inner_nouns(m)
    if nouns:
        return nouns[0]
    if r.is_group(m):
        return "nations"
    if r.nominal(m):
        following = r.after(m, 1)
        if following and set(following[0].values("noun")) & NATION_NOUNS:
            return None
        return "agreements"
    return None


def read_intent(r: Reading, frame: Frame) -> None:
    asks = r.asks()
    first = r.first_content()
    # "has brunei signed any nuclear agreements? which ones": the follow-up asks for the list
    yes_no = first is not None and first.has("aux") and not first.has("wh") and "list" not in asks
    r.use(*r.ask("list"))
    if r.vocabulary.yes_no_last and not yes_no and "list" not in asks:  # Turkish: a particle at the end ("var mı?")
        last = next((m for m in reversed(r.mentions) if m.kind != "function"), None)
        yes_no = last is not None and last.has("aux") and not any(m.has("wh") for m in r.mentions)
    noun, noun_mention = _answer_noun(r)
    if noun_mention is not None:
        r.use(noun_mention)
    entities = bool(frame.nations or frame.organization or frame.member_filter or frame.agreements)
    concepts = frame.kinds or frame.sectors or frame.obligations or frame.weapons
    frame.aggregate = ("count" if "count" in asks else "when" if "when" in asks and not yes_no
                       else "exists" if yes_no else "list")
    for extreme in ("first", "latest"):
        if extreme in asks and frame.aggregate in ("list", "when") and noun != "nations":
            if frame.aggregate == "list" or extreme == "latest":
                frame.aggregate = extreme
            r.use(*r.ask(extreme))
    if frame.aggregate == "list" and ("top" in asks or "most" in asks or "rank" in asks):
        singular = _singular(r, noun_mention)
        numbered = any(m.kind == "number" for m in r.mentions)
        # "the most" or "biggest" with a noun in the singular asks for the one (or the tie)
        frame.aggregate = "most" if singular and not numbered else "top"
        r.use(*r.ask("top"), *r.ask("most"), *r.ask("rank"))
    r.use(*(m for m in r.mentions if set(m.values("verb")) & {"event", "possess", "state", "belong", "join"}))
    r.use(*r.ask("count"), *r.ask("when"))
    frame.now = bool(r.ask("current"))
    r.use(*r.ask("current"))
    if noun in ROLE_NOUNS and frame.answer_role is None:
        frame.answer_role = ROLE_NOUNS[noun]

    if "define" in asks and concepts and not entities:
        frame.intent, frame.concept = "definition", [*frame.kinds, *frame.sectors, *frame.obligations,
                                                     *frame.weapons]
        r.use(*r.ask("define"))
    elif "capabilities" in asks and not entities and not concepts:
        frame.intent = "capabilities"
        r.use(*r.ask("capabilities"))
    elif "sources" in asks and not entities and not concepts:
        frame.intent = "sources"
        r.use(*r.ask("sources"))
    elif noun == "organizations" and frame.nations:
        frame.intent = "organizations"
    elif frame.agreements:
        _agreement_intent(r, frame, asks, noun)
    elif frame.organization is not None:
        _members_intent(r, frame, noun)
    elif "summary" in asks and frame.nations and not concepts and noun in (None, "agreements"):
        frame.intent = "summary"
        r.use(*r.ask("summary"))
    elif "summary" in asks and not entities and not concepts:
        frame.intent = "capabilities"  # "which kinds of agreements do you know about?"
        r.use(*r.ask("summary"))
    elif frame.nations or concepts or frame.member_filter or frame.uses_roles or (
            frame.aggregate in ("top", "most") and noun in NATION_NOUNS):
        _relation_intent(r, frame, asks, noun)
    if frame.intent in ("partners", "nations", "parties") and ("common" in asks):
        r.use(*r.ask("common"))


def _singular(r: Reading, noun_mention: Mention | None) -> bool:
    """The nations are asked for in the singular ("which country", "which Muslim country", "his biggest
    partner") and in no plural ("which countries")."""
    singular = plural = False
    for m in r.mentions:
        tokens = r.linked.question.tokens[m.start:m.end]
        senses = [s for t in tokens for s in r.vocabulary.senses(t.norm)] if m.kind != "word" else list(m.senses)
        nouns = {s.value for s in senses if s.type == "noun"} & NATION_NOUNS
        if not nouns:
            continue
        if any(s.type == "grammar" and s.value == "singular" for s in senses):
            singular = True
        else:
            plural = True
    return singular and not plural


def _agreement_intent(r: Reading, frame: Frame, asks: set[str], noun: str | None) -> None:
    if "in_force" in asks and frame.aggregate in ("exists", "list"):
        frame.intent, frame.aggregate = "facts", "exists"
        r.use(*r.ask("in_force"))
    elif frame.aggregate == "when" or ("when" in asks):
        frame.intent, frame.aggregate = "facts", "when"
    elif "coverage" in asks or "what_does" in asks:
        frame.intent = "coverage"
        r.use(*r.ask("coverage"), *r.ask("what_does"))
    elif noun == "agreements" and frame.aggregate in ("list", "count"):
        frame.intent = "agreements"
    else:
        frame.intent = "parties"
        if r.words("verb", "lead") and not frame.role_of("lead"):
            frame.answer_role = "lead"
            r.use(*r.words("verb", "lead"))
        elif r.words("verb", "join") and not frame.time:
            frame.party_change = "joined"
            r.use(*r.words("verb", "join"))
        elif r.words("verb", "leave"):
            frame.party_change = "left"
            r.use(*r.words("verb", "leave"))


def _members_intent(r: Reading, frame: Frame, noun: str | None) -> None:
    frame.intent = "members"
    if noun == "observers" or r.words("noun", "observers"):
        frame.membership = "observers"
        r.use(*r.words("noun", "observers"))
    elif r.words("verb", "leave"):
        frame.membership = "left"
        r.use(*r.words("verb", "leave"))
    elif r.words("verb", "join"):
        frame.membership = "joined"
        r.use(*r.words("verb", "join"))
    r.use(*r.words("verb", "belong"), *r.words("noun", "members"))
    if frame.member_filter is not None and not frame.nations:
        # two organizations, no other relation: "which OIC members are in NATO" asks about NATO's members,
        # kept to the OIC's (the first one, written as a group of nations, is the filter)
        frame.organization, frame.member_filter = frame.member_filter, frame.organization


def _relation_intent(r: Reading, frame: Frame, asks: set[str], noun: str | None) -> None:
    word = r.question_word()
    wh = word.values("wh")[0] if word is not None else None
    sides = {n.role for n in frame.nations} >= {"supplier", "recipient"}
    if frame.aggregate in ("when", "exists"):
        frame.intent = "agreements"
    elif noun is None and (wh == "what" or sides):
        frame.intent = "agreements"  # "what has Türkiye exported to Azerbaijan": the deals between the two sides
    elif noun in NATION_NOUNS or (noun is None and frame.answer_role):
        frame.intent = "partners" if frame.nations else "nations"
    elif frame.aggregate in ("top", "most") and not frame.nations:
        frame.intent = "nations"  # "which countries have the most defence pacts"
    elif noun == "agreements" or noun is None:
        concepts = frame.kinds or frame.sectors or frame.weapons or frame.obligations
        constrained = (frame.nations or frame.agreements or frame.member_filter or frame.time
                       or (concepts and frame.aggregate != "list") or frame.aggregate == "count")
        frame.intent = "agreements" if constrained else ""  # "which defence pacts?" asks about nothing
    else:
        frame.intent = ""


# -- how many ---------------------------------------------------------------------------------
def read_limit(r: Reading, frame: Frame) -> None:
    if frame.aggregate not in ("top", "most") and not r.ask("top") and not r.ask("most"):
        return
    for m in r.linked.of_kind("number"):
        near = [x for x in r.mentions if abs(x.start - m.start) <= 2 and x is not m]
        if any(x.has("ask") and set(x.values("ask")) & set(LIMITED) for x in near) or any(
                x.has("noun") or r.is_group(x) for x in near if x.start == m.end):
            frame.limit = min(int(m.number or 0), 50)
            r.use(m)
            if frame.aggregate == "most":
                frame.aggregate = "top"
            return
    singular = any(x.has("grammar", "singular") for x in r.mentions if x.has("noun") or x.has("grammar"))
    if frame.aggregate == "most" and singular:
        frame.limit = 1  # "which country has the most …": the one (or the tie)
