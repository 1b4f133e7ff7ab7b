"""Stage 3, interpret: the linked question becomes a typed frame (frame.py).

Reading order: concepts (kinds, sectors, obligations, weapon categories) → nations and their roles
(who supplies whom, who led) → organizations (asked about, or a filter on the answer) → named
agreements → time (and whether it is an event or a state of affairs) → what is asked (intent,
aggregate) → how many ("top 5") → what was left over. Every mention a rule uses is marked; what no
rule used is reported in the frame, and a word that changes the meaning but is not understood makes
the scope stage refuse rather than answer a wider question."""

from __future__ import annotations

from rdflib import URIRef

from sharaka.qa.frame import Frame
from sharaka.qa.intent import read_intent, read_limit
from sharaka.qa.lexicon import EntityIndex
from sharaka.qa.link import CONCEPT_KINDS, LinkedQuestion, Mention
from sharaka.qa.normalize import fold
from sharaka.qa.reading import Reading
from sharaka.qa.roles import assign_roles
from sharaka.qa.time import read_time, settle_aspect
from sharaka.qa.vocabulary import Vocabulary


def _weak_counts(r: Reading) -> None:
    """"count" and "total" ask for a number only first in the question or before "of" or a noun of
    ours ("count Egypt's pacts", "total of"), not as a verb ("which nations count Iraq as an ally")."""
    for i, m in enumerate(r.mentions):
        if not m.has("ask", "count_weak"):
            continue
        following = r.mentions[i + 1] if i + 1 < len(r.mentions) else None
        first = m is r.first_content()
        strong = first or (following is not None and (following.has("prep", "of") or following.has("noun")
                                                      or r.nominal(following)))
        if strong:
            r.strong_counts.add(id(m))
        r.use(m)


def interpret(linked: LinkedQuestion, index: EntityIndex, generic_words: frozenset[str],
              vocabulary: Vocabulary) -> Frame:
    r = Reading(linked, index, generic_words, vocabulary)
    frame = Frame()
    _weak_counts(r)
    _concepts(r, frame)
    assign_roles(r, frame)
    _organizations(r, frame)
    _agreements(r, frame)
    read_time(r, frame)
    read_intent(r, frame)
    settle_aspect(r, frame)
    read_limit(r, frame)
    _leftovers(r, frame)
    return frame


# -- concepts ---------------------------------------------------------------------------------
# Kinds that say what kind of arms transfer: "co-produced weapons", "arms given as military aid" are
# those deals, not every arms transfer besides them.
QUALIFIED = {"ArmsTransfer": ("DefenceIndustryCollaboration", "MilitaryAssistance")}


# An obligation says which alliance: "consult with Jordan under a defence pact" is the consultation
# obligation, whatever the word for the pact; and each obligation is the kind of alliance named after it
# (docs/semantics.md, round two: ATOP's flags and the curated defence pacts).
ALLIANCE_WORDS = ("Alliance", "DefencePact")
OBLIGATION_KINDS = {"defence": "DefencePact", "offence": "OffencePact", "neutrality": "NeutralityPact",
                    "non_aggression": "NonAggressionPact", "consultation": "ConsultationPact"}


def _qualify(r: Reading, frame: Frame) -> None:
    names = {r.index.entities[u].local_name: u for u in frame.kinds if u in r.index.entities}
    if frame.obligations and set(names) <= set(ALLIANCE_WORDS):
        frame.kinds.clear()
        kinds = [r.index.concept(OBLIGATION_KINDS.get(r.index.entities[u].local_name, "")) for u in frame.obligations
                 if u in r.index.entities]
        if kinds and all(k is not None for k in kinds):
            frame.kinds[:] = [k for k in kinds if k is not None]
            frame.obligations.clear()
        return
    if frame.deals and "ArmsTransfer" in names:
        frame.kinds.remove(names.pop("ArmsTransfer"))  # a named weapon's deals are arms transfers already
    for broad, qualifiers in QUALIFIED.items():
        if broad in names and any(q in names for q in qualifiers):
            frame.kinds.remove(names[broad])


def _concepts(r: Reading, frame: Frame) -> None:
    lists = {"category": frame.kinds, "sector": frame.sectors, "obligation": frame.obligations,
             "weapon": frame.weapons}
    for m in r.mentions:
        if m.kind == "generic":
            r.use(m)
        elif m.kind in lists:
            lists[m.kind].extend(u for u in m.uris if u not in lists[m.kind])
            r.use(m)
        elif m.kind == "designation":
            frame.deals.extend(u for u in m.uris if u not in frame.deals)
            frame.deals_text = " ".join(filter(None, (frame.deals_text, m.text)))
            r.use(m)
        elif m.kind == "word" and (m.has("kind") or m.has("sector")):
            frame.not_understood.append(m.text)  # a kind the graph does not have (yet): not answered as all
            r.use(m)
    _head_nouns(r, frame)
    _qualify(r, frame)


def _head_nouns(r: Reading, frame: Frame) -> None:
    """A weapon word right after a designation is what people call it ("patriot missiles", "wing loong
    drones"): the designation says which weapon; the word is no second filter."""
    ends = {m.end for m in r.mentions if m.kind == "designation"}
    for m in r.mentions:
        if m.kind == "weapon" and m.start in ends:
            frame.weapons[:] = [u for u in frame.weapons if u not in m.uris]


# -- organizations ----------------------------------------------------------------------------
def _group_words(r: Reading, m: Mention) -> Mention | None:
    """The nations-noun right after an organization ("OIC members", "GCC countries") or before it
    ("members of the OIC"), if any."""
    following = r.after(m, 1)
    if following and following[0].has("noun") and set(following[0].values("noun")) & {"nations", "members"}:
        return following[0]
    i = r.mentions.index(m)
    before = r.mentions[max(0, i - 2):i]
    if before and (before[-1].has("verb", "belong") and before[-1].has("noun")):
        return before[-1]  # "members of" is one phrase
    if len(before) == 2 and before[1].has("prep", "of") and set(before[0].values("noun")) & {"nations", "members"}:
        return before[0]
    return None


def _organizations(r: Reading, frame: Frame) -> None:
    orgs = r.linked.of_kind("organization")
    if not orgs:
        return
    # A relation other than membership: a kind, an agreement, a verb of supply or lead, partners.
    relation = bool(frame.kinds or frame.sectors or frame.weapons or frame.deals or frame.obligations
                    or r.linked.of_kind("agreement", "generic") or r.words("noun", "partners")
                    or any(r.words("verb", v) for v in ("supply", "receive", "license", "lead", "event")))
    for m in orgs:
        group = _group_words(r, m)
        as_group = group is not None or r.is_group(m)
        if relation and frame.member_filter is None and (as_group or not frame.nations):
            frame.member_filter, frame.member_filter_text = m.uris[0], m.text
            r.use(m, *(g for g in [group] if g))
        elif frame.organization is None:
            frame.organization = m.uris[0]
            r.use(m)
        elif frame.member_filter is None:
            frame.member_filter, frame.member_filter_text = m.uris[0], m.text
            r.use(m)


# -- named agreements -------------------------------------------------------------------------
def _agreements(r: Reading, frame: Frame) -> None:
    named = r.linked.of_kind("agreement")
    for m in named:
        frame.agreements.extend(u for u in m.uris if u not in frame.agreements)
        r.use(m)
    # A record found by a description is called by its name; a group by what was typed ("Abraham Accords").
    frame.agreement_text = " and ".join(
        r.index.entities[m.uris[0]].label if len(m.uris) == 1 and m.uris[0] in r.index.entities else m.text
        for m in named)


# -- leftovers --------------------------------------------------------------------------------
def _leftovers(r: Reading, frame: Frame) -> None:
    """Words no rule used: unknown ones that modify a noun of the question change its meaning; the
    others are reported as ignored."""
    own_words = _named_words(r, frame)
    for i, m in enumerate(r.mentions):
        if id(m) in r.used or m.kind in ("year", "ambiguous"):
            continue
        if m.kind == "unknown" and fold(m.text) in own_words:
            r.use(m)  # "the indomalphi trilateral arrangement": a word of the named agreement's own name
            continue
        if m.kind == "unknown":
            following = r.mentions[i + 1] if i + 1 < len(r.mentions) else None
            modifies = len(m.text) > 1 and following is not None and (
                r.nominal(following) or following.has("noun") or following.kind in CONCEPT_KINDS)
            # a code with digits ("F-16s", "S-400") names a weapon or a record: not understood, not ignored
            modifies = modifies or (any(c.isdigit() for c in m.text) and any(c.isalpha() for c in m.text))
            possessed = following is not None and following.possessive
            (frame.not_understood if modifies and not possessed else frame.ignored).append(m.text)
        elif m.kind == "word" and m.has("neg"):
            frame.not_understood.append(m.text)
        elif _unused_meaning(frame, m):
            frame.ignored.append(m.text)


def _named_words(r: Reading, frame: Frame) -> frozenset[str]:
    """The words of the names of the agreements the question names (a few: a series has many)."""
    if not 0 < len(frame.agreements) <= 3:
        return frozenset()
    return frozenset(w for u in frame.agreements if u in r.index.entities
                     for w in fold(r.index.entities[u].label).split() if len(w) >= 3)


def _unused_meaning(frame: Frame, m: Mention) -> bool:
    """A mention that meant something and was not used (a stray number, an extra nation, a lone verb)."""
    if m.kind == "number":
        return True
    if m.kind in ("nation", "organization", "agreement"):
        return not _used_entity(frame, m)
    quiet = ("filler", "domain", "prep", "wh", "aux", "grammar", "scope")
    return m.kind == "word" and not any(m.has(sense) for sense in quiet)


def _used_entity(frame: Frame, m: Mention) -> bool:
    uris: set[URIRef] = {n.uri for n in frame.nations} | set(frame.agreements)
    uris |= {u for u in (frame.organization, frame.member_filter) if u is not None}
    return bool(set(m.uris) & uris)
