"""Roles of the nations of a question, and of the nations it asks for: who supplies whom, who bought
from whom, who led. Read from the verbs of direction (supply, receive, license, lead), the prepositions
"from"/"to"/"by", possessives ("Pakistan's suppliers") and the nouns of roles ("suppliers", "buyers").
Without a verb or noun of direction every nation is a plain party."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sharaka.qa.frame import Frame, Nation
from sharaka.qa.link import Mention

if TYPE_CHECKING:
    from sharaka.qa.reading import Reading

# verb → (role of its subject, role of its object)
DIRECTIONS = {"supply": ("supplier", "recipient"), "receive": ("recipient", "supplier"),
              "license": ("recipient", "supplier"), "lead": ("lead", "party")}
PREPOSITION_ROLE = {"from": "supplier", "to": "recipient"}
NOUN_ROLE = {"suppliers": "supplier", "recipients": "recipient"}
OTHER_SIDE = {"supplier": "recipient", "recipient": "supplier"}
LICENSED_KIND = "DefenceIndustryCollaboration"
ARMS_KIND = "ArmsTransfer"


def _has_got(r: Reading, frame: Frame, m: Mention) -> bool:
    """"has Qatar got military aid agreements", "have they got a DCA": the British perfect of "get" is
    "have", not a receipt — unless weapons are what was got ("has Pakistan got submarines from Germany")."""
    if m.text.lower() not in ("got", "gotten") or not any(
            x.has("verb", "possess") and x.start < m.start for x in r.mentions):
        return False
    arms = frame.weapons or frame.deals or any(
        r.index.entities[u].local_name == ARMS_KIND for u in frame.kinds if u in r.index.entities)
    return not arms


def _verb(r: Reading, frame: Frame) -> tuple[Mention | None, str | None]:
    for m in r.mentions:
        if _has_got(r, frame, m):
            r.use(m)
            continue
        for value in m.values("verb"):
            if value in DIRECTIONS:
                return m, value
    return None, None


def _neighbours(r: Reading, m: Mention) -> tuple[Mention | None, Mention | None]:
    i = r.mentions.index(m)
    before = r.mentions[i - 1] if i > 0 else None
    after = r.mentions[i + 1] if i + 1 < len(r.mentions) else None
    return before, after


def assign_roles(r: Reading, frame: Frame) -> None:
    verb, direction = _verb(r, frame)
    role_nouns = [m for m in r.mentions if set(m.values("noun")) & set(NOUN_ROLE)]
    # Roles exist only for some kinds (nuclear cooperation, arms transfers): "has Indonesia got a free
    # trade agreement" is no question of supply.
    role_kinds = (not frame.kinds and not frame.obligations) or bool(
        set(r.index.with_narrower(frame.kinds)) & r.index.role_kinds)
    directed = role_kinds and (direction in ("supply", "receive", "license") or bool(role_nouns)
                               or _from_and_to(r))
    if direction in ("supply", "receive", "license") and not directed:
        verb, direction = None, None
    for m in r.linked.of_kind("nation"):
        if len(m.uris) != 1:
            continue
        if any(n.uri == m.uris[0] for n in frame.nations):
            r.use(m)  # "Pakistan … with Pakistan": a nation is not its own partner
            continue
        entity = r.index.entities[m.uris[0]]
        role = _role_of(r, m, verb, direction, directed)
        frame.nations.append(Nation(m.uris[0], entity.label, m.text, role))
        r.use(m)
    if verb is not None and direction is not None:
        r.use(verb)
        frame.answer_role = _answer_role(r, frame, verb, direction)
    elif frame.answer_role is None and (frame.deals or frame.weapons) and not role_nouns and not r.linked.of_kind(
            "agreement"):
        frame.answer_role = "recipient"  # "which countries have TB2 drones": the weapon was bought
    deliveries = [m for m in r.words("verb", "delivered") if not _has_got(r, frame, m)]
    arms = frame.weapons or frame.deals or any(
        r.index.entities[u].local_name == ARMS_KIND for u in frame.kinds if u in r.index.entities)
    if directed and deliveries and arms:
        frame.delivered = True  # "has Pakistan received submarines": deals with a delivery year (SIPRI's only)
        r.use(*deliveries)
    if direction == "license":
        licensed = r.index.concept(LICENSED_KIND)
        if licensed is not None:
            frame.kinds[:] = [licensed]
    if directed:
        r.use(*(m for m in r.mentions if m.has("prep") and set(m.values("prep")) & {"from", "to", "by"}))


def _role_of(r: Reading, m: Mention, verb: Mention | None, direction: str | None, directed: bool) -> str:
    before, after = _neighbours(r, m)
    role_noun = _role_noun_after(r, m)
    if role_noun is not None:
        return OTHER_SIDE[NOUN_ROLE[role_noun]]  # "Pakistan's drone suppliers": Pakistan receives
    # "Turkish weapons", "Russia's arms": the maker's; Arabic puts the nation after ("أسلحة ألمانية")
    made = (before if r.vocabulary.verb_first else after)
    if directed and made is not None and _adjacent(*((made, m) if r.vocabulary.verb_first else (m, made))) \
            and _names_arms(r, made):
        return "supplier"
    # a case ending typed after the name is a postposition (Turkish "Pakistan'a" = to Pakistan)
    marker = after if r.vocabulary.postpositions else before
    if marker is not None and marker.has("prep"):
        prep = marker.values("prep")[0]
        if directed and prep in PREPOSITION_ROLE:
            return PREPOSITION_ROLE[prep]
        if prep == "by" and direction is not None:
            return DIRECTIONS[direction][0]
        noun = _noun_before(r, before) if prep in ("of", "to") and before is not None else None
        if noun is not None and noun in NOUN_ROLE:
            return OTHER_SIDE[NOUN_ROLE[noun]]  # suppliers of X: X receives
    if verb is None or direction is None:
        return "party"
    if direction == "lead":
        if r.vocabulary.verb_first and before is verb:
            return "lead"  # the subject follows the verb: "الاتفاقيات التي تقودها تركيا" (that Turkey leads)
        # "Saudi Arabia led …", "… where Saudi Arabia is the lead party"
        following = after.start if after is not None and after.has("aux") else None
        return "lead" if after is verb or (after is not None and following is not None
                                           and r.after(after, 1)[:1] == [verb]) else "party"
    if not directed:
        return "party"
    if r.vocabulary.verb_first and m.start > verb.start:
        return DIRECTIONS[direction][_verb_first_side(r, m, verb)]
    if m.start < verb.start:
        return DIRECTIONS[direction][0]
    if before is verb:
        return DIRECTIONS[direction][1]
    return DIRECTIONS[direction][1]


def _from_and_to(r: Reading) -> bool:
    """"arms deals from Qatar to Iran" (no verb): one nation after "from" and another after "to"."""
    marked: set[str] = set()
    for m in r.linked.of_kind("nation"):
        before, after = _neighbours(r, m)
        marker = after if r.vocabulary.postpositions else before
        if marker is not None:
            marked.update(v for v in marker.values("prep") if v in PREPOSITION_ROLE)
    return marked == set(PREPOSITION_ROLE)


def _verb_first_side(r: Reading, m: Mention, verb: Mention) -> int:
    """Verb-first languages (Arabic: "اشترت مصر من ألمانيا"): the first nation after the verb is its subject
    (0), unless a question word before the verb is ("من زود قطر", who supplied Qatar); the others are objects (1)."""
    before = [x for x in r.mentions if x.start < verb.start]
    for i, x in enumerate(before):
        # "من" is "who" and "from": "من أين" (from where) has its question word after it
        asks_who = x.has("wh", "who") or x.has("wh", "which")
        if asks_who and not (i + 1 < len(before) and before[i + 1].has("wh")):
            return 1
    first = next((x for x in r.mentions if x.start > verb.start and x.kind == "nation"), None)
    return 0 if first is m else 1


def _role_noun_after(r: Reading, m: Mention) -> str | None:
    """"Pakistan's suppliers", "Saudi Arabia's 3 biggest arms suppliers", "Turkish arms buyers": the role
    noun a nation owns, across counts, superlatives and kinds."""
    for following in r.after(m, 4):
        role = next((v for v in following.values("noun") if v in NOUN_ROLE), None)
        if role is not None:
            return role if (m.possessive or following.start == m.end or _only_modifiers(r, m, following)) else None
        if following.kind not in ("number", "category", "weapon", "sector", "word") or following.has("verb") or (
                following.kind == "word" and not following.has("ask")):
            return None
    return None


def _only_modifiers(r: Reading, m: Mention, noun: Mention) -> bool:
    between = [x for x in r.mentions if m.end <= x.start < noun.start]
    return all(x.kind in ("number", "category", "weapon", "sector") or x.has("ask") for x in between)


def _names_arms(r: Reading, m: Mention) -> bool:
    """Weapons: a weapon category, a weapon named by its designation, or the kind arms transfer."""
    if m.kind in ("weapon", "designation"):
        return True
    return m.kind == "category" and any(
        r.index.entities[u].local_name == ARMS_KIND for u in m.uris if u in r.index.entities)


def _noun_before(r: Reading, m: Mention) -> str | None:
    before, _ = _neighbours(r, m)
    if before is None:
        return None
    return next((v for v in before.values("noun") if v in NOUN_ROLE), None)


def _adjacent(a: Mention, b: Mention) -> bool:
    return b.start == a.end


def _answer_role(r: Reading, frame: Frame, verb: Mention, direction: str) -> str | None:
    """The role of the nations asked for: the verb's subject when the question word is its subject
    ("who supplies X", "which OIC members bought"), else the side a trailing "to"/"from" names, else
    the verb's object ("who did X arm")."""
    if frame.answer_role is not None:
        return frame.answer_role
    wh = r.question_word()
    if direction == "lead":
        return "lead" if wh is not None and wh.start < verb.start and not frame.role_of("lead") else None
    subjects = [n for n in frame.nations if n.role == DIRECTIONS[direction][0]]
    preps = [m for m in r.mentions if m.has("prep") and set(m.values("prep")) & set(PREPOSITION_ROLE)]
    dangling = [p for p in preps if not (r.after(p, 1) and r.after(p, 1)[0].kind in ("nation", "ambiguous"))]
    if r.vocabulary.verb_first:  # "لمن" (to whom): only a preposition of the question word asks for a side
        dangling = [p for p in dangling if r.after(p, 1) and r.after(p, 1)[0].has("wh")]
    if dangling:
        return PREPOSITION_ROLE[dangling[0].values("prep")[0]]
    if wh is not None and wh.start < verb.start and not subjects:
        return DIRECTIONS[direction][0]
    return DIRECTIONS[direction][1] if subjects else DIRECTIONS[direction][0]
