#!/usr/bin/env python3
"""Compute the gold answers of the Sharaka evaluation set and write tests/questions/dev.jsonl.

Run from the repository root:  python tests/questions/make_gold.py

The gold is computed here, independently of the graph build (kg/*.py) and of the engine
(sharaka/qa/): this script reads the CSV files of kg/sources/ directly and applies the rules
of docs/semantics.md with its own small functions. Only the failure statuses (ambiguous,
unknown_entity, out_of_scope, no_match) are typed by hand; `no_results` gold is computed (an
empty answer set becomes {"status": "no_results"}). Standard library only; the output is
deterministic (sorted lists and keys).
"""
from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SRC = os.path.join(ROOT, "kg", "sources")
OUT = os.path.join(HERE, "dev.jsonl")
sys.path.insert(0, HERE)
import gold_sources as S  # noqa: E402 (the round-two sources, read the same independent way)


def _read(rel, encoding="utf-8"):
    with open(os.path.join(SRC, rel), encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def _int(v):
    v = (v or "").strip()
    if v in ("", "NA", "."):
        return None
    return int(float(v))


# ---------------------------------------------------------------------------------------------
# Country codes -> nations (docs/semantics.md "Country codes become nations"; exception table
# copied from kg/countries.py COW_EXCEPTIONS / COW_FROM_YEAR / ISO_NUMERIC_EXCEPTIONS)
# ---------------------------------------------------------------------------------------------
COW_EXCEPTIONS = {
    260: "DEU", 265: "cow-265", 315: "cow-315", 345: "cow-345", 511: "cow-511",
    678: "cow-678", 680: "cow-680", 730: "cow-730", 817: "cow-817",
    240: "cow-240", 245: "cow-245", 267: "cow-267", 269: "cow-269", 271: "cow-271",
    273: "cow-273", 275: "cow-275", 280: "cow-280", 300: "cow-300",
    329: "cow-329", 332: "cow-332", 335: "cow-335", 337: "cow-337",
    347: "XKX",  # Kosovo is XKX (semantics.md); codelist gives it no iso3c. Not used by any source.
}
COW_FROM_YEAR = {345: (2006, "SRB")}
ISO_NUMERIC_EXCEPTIONS = {900: "XKX"}
UNMAPPED = {8152}  # ATOP member 8152 is not mapped

CODELIST = _read("countrycode/codelist.csv")
COW_TO_ISO = {}
ISON_TO_ISO = {}
NAME = {}  # nation key -> English name (country.name.en), for tie-breaks and readability
for _r in CODELIST:
    iso = _r["iso3c"] if _r["iso3c"] not in ("", "NA") else None
    cown = _int(_r["cown"])
    if iso:
        NAME[iso] = _r["country.name.en"]
        if cown is not None:
            COW_TO_ISO[cown] = iso
        if _int(_r["iso3n"]) is not None:
            ISON_TO_ISO[_int(_r["iso3n"])] = iso
    elif cown is not None:
        NAME["cow-%d" % cown] = _r["country.name.en"]
NAME.setdefault("XKX", "Kosovo")


def cow(code, year=None):
    code = int(code)
    if code in UNMAPPED:
        return None
    if code in COW_FROM_YEAR and year is not None and year >= COW_FROM_YEAR[code][0]:
        return COW_FROM_YEAR[code][1]
    return COW_EXCEPTIONS.get(code) or COW_TO_ISO.get(code)


def isonum(code):
    code = int(code)
    return ISO_NUMERIC_EXCEPTIONS.get(code) or ISON_TO_ISO.get(code)


# ---------------------------------------------------------------------------------------------
# Agreements
# ---------------------------------------------------------------------------------------------
DEFENCE_SUB = {"military_assistance", "defence_industry", "training_exercises", "arms_procurement",
               "defence_research", "defence_commission", "peacekeeping"}


class Agreement:
    def __init__(self, sid, kinds, start, name=""):
        # One or more kinds (docs/semantics.md, "Several kinds per agreement"); a kind filter matches any.
        self.sid, self.start, self.name = sid, start, name
        self.kinds = {kinds} if isinstance(kinds, str) else set(kinds)
        self.end = None          # recorded end year
        self.terminated = False  # DCAD terminated = 1
        self.parties = {}        # nation -> [join year or None, exit year or None]
        self.sectors = set()
        self.obligations = set()
        self.lead = None
        self.supplier = self.recipient = None
        self.nca_type = None
        self.designation = self.description = None  # SIPRI
        self.weapons = set()                        # SIPRI weapon categories, broader ones included
        self.delivered = []                         # SIPRI delivery years
        self.tiv_delivered = 0.0
        self.series = self.curated_series = None    # MME

    def add_party(self, nation, join=None, exit_=None):
        """One membership spell [join, exit] (None = not recorded) of a nation."""
        if nation is None:
            return
        self.parties.setdefault(nation, []).append([join, exit_])

    def merge_spells(self):
        """ATOP codes one row per member and phase: rows that follow each other (next entry <=
        previous exit + 1) are one spell; a real gap (e.g. Egypt out of the Arab League pact
        3015 from 1979 to 1989) leaves two spells. Two codes of one nation (COW 260 and 255) merge."""
        for nation, spells in self.parties.items():
            spells.sort(key=lambda sp: (sp[0] if sp[0] is not None else -1))
            merged = [list(spells[0])]
            for j, e in spells[1:]:
                last = merged[-1]
                if last[1] is None or (j is not None and j <= last[1] + 1):
                    last[1] = None if (last[1] is None or e is None) else max(last[1], e)
                else:
                    merged.append([j, e])
            self.parties[nation] = merged

    def close_sectors(self):
        if self.sectors & DEFENCE_SUB:
            self.sectors.add("defence")


AGREEMENTS = {}


def _load_atop():
    members = defaultdict(list)
    for r in _read("atop/atop5_1m.csv"):
        members[r["atopid"]].append(r)
    for r in _read("atop/atop5_1a.csv"):
        a = Agreement("atop:" + r["atopid"], "alliance", int(r["begyr"]), "ATOP alliance " + r["atopid"])
        a.end = int(r["endyr"]) if _int(r["endyr"]) else None
        a.sectors.add("defence")
        if _int(r["milaid"]) in (1, 2, 3, 4):
            a.sectors.add("military_assistance")
        if _int(r["ecaid"]) in (1, 2, 3):
            a.sectors.add("economy")
        for flag in ("defense", "offense", "neutral", "nonagg", "consul"):
            if _int(r[flag]) == 1:
                a.obligations.add(flag)
                a.kinds.add(ATOP_KINDS[flag])
        for m in members[r["atopid"]]:
            x = int(m["yrexit"])
            a.add_party(cow(m["member"], a.start), int(m["yrent"]), x if x else None)
        a.merge_spells()
        AGREEMENTS[a.sid] = a


# An ATOP alliance is an alliance, and a pact of each kind whose obligation flag is 1.
ATOP_KINDS = {"defense": "defence_pact", "offense": "offence_pact", "neutral": "neutrality_pact",
              "nonagg": "non_aggression_pact", "consul": "consultation_pact"}

DCAD_CATEGORY = {"DIC": "defence_industry", "TREX": "training_exercises", "PROCUREMENT": "arms_procurement",
                 "RESEARCH": "defence_research", "COMMISSION": "defence_commission"}


def _load_dcad():
    for r in _read("dcad/DCAD-v1.0-main.csv"):
        y = int(r["signYear"])
        a = Agreement("dcad:" + r["DCAid"], "dca", y, r["cowName1"] + "-" + r["cowName2"])
        a.terminated = r["terminated"].strip() == "1"
        a.sectors.add("defence")
        for c in ("category1", "category2", "category3"):
            if r[c] in DCAD_CATEGORY:
                a.sectors.add(DCAD_CATEGORY[r[c]])
        a.add_party(cow(r["ccode1"], y))
        a.add_party(cow(r["ccode2"], y))
        AGREEMENTS[a.sid] = a


def _desta_members(r):
    out = []
    for i in range(1, 92):
        c = _int(r.get("c%d" % i))
        if c is not None:
            out.append((isonum(c), _int(r.get("mc%d" % i))))
    return out


def _load_desta():
    rows = _read("desta/desta_list_of_treaties_02_03.csv", encoding="cp1252")
    base = {}
    for r in rows:
        if r["entry_type"] == "base_treaty":
            a = Agreement("desta:" + r["number"], "economic", int(r["year"]), r["name"])
            a.sectors.add("economy")
            for nation, _mc in _desta_members(r):
                a.add_party(nation)
            base[r["number"]] = a
            AGREEMENTS[a.sid] = a
    for r in rows:  # accessions: members that were not parties yet join in the accession year
        if r["entry_type"] == "accession" and r["base_treaty"] in base:
            a = base[r["base_treaty"]]
            for nation, _mc in _desta_members(r):
                if nation is None:
                    continue
                if nation not in a.parties:
                    a.add_party(nation, int(r["year"]))
                elif a.parties[nation][0][0] is not None:  # in two accession rows: the earlier counts
                    a.parties[nation][0][0] = min(a.parties[nation][0][0], int(r["year"]))
    for r in rows:  # withdrawals: members flagged mc = 1 get an exit year
        if r["entry_type"] == "withdrawal" and r["base_treaty"] in base:
            a = base[r["base_treaty"]]
            for nation, mc in _desta_members(r):
                if mc == 1 and nation in a.parties:
                    x = a.parties[nation][0][1]
                    a.parties[nation][0][1] = int(r["year"]) if x is None else max(x, int(r["year"]))


def _load_nca():
    for i, r in enumerate(_read("nca/nca_dataset_v2.0.csv"), start=1):
        y = int(r["year"])
        a = Agreement("nca:%d" % i, "nuclear", y, r["country1"] + " -> " + r["country2"])
        a.supplier, a.recipient = cow(r["ccode1"], y), cow(r["ccode2"], y)
        a.nca_type = int(r["nca_type"])
        a.sectors.add("nuclear")
        if a.nca_type in (5, 6):
            a.sectors.add("energy")
        if a.nca_type == 7:
            a.sectors.add("defence")
        a.add_party(a.supplier)
        a.add_party(a.recipient)
        AGREEMENTS[a.sid] = a


CURATED_KIND = {"economic_partnership": "economic", "defense_industry": "defence_industry",
                "nuclear_cooperation": "nuclear", "defence_cooperation": "dca"}
CURATED_SECTOR = {"defense": "defence"}
CURATED_EXTRA_SECTOR = {"military_assistance": "military_assistance", "defense_industry": "defence_industry",
                        "joint_exercise": "training_exercises"}


def _load_curated():
    for r in _read("curated/agreements.csv"):
        kinds = {CURATED_KIND.get(k, k) for k in [r["category"], *r["also_kinds"].split(";")] if k}
        if "defence_pact" in kinds:
            kinds.add("alliance")  # a curated defence pact is also an alliance
        a = Agreement("curated:" + r["id"], kinds, int(r["start_date"][:4]), r["name"])
        a.end = int(r["end_date"][:4]) if r["end_date"].strip() else None
        a.lead = r["lead_party"].strip() or None
        for s in r["sectors"].split(";"):
            if s.strip():
                a.sectors.add(CURATED_SECTOR.get(s.strip(), s.strip()))
        for k in [r["category"], *r["also_kinds"].split(";")]:
            if k in CURATED_EXTRA_SECTOR:
                a.sectors.add(CURATED_EXTRA_SECTOR[k])
        for p in r["parties"].split(";"):
            if p.strip():
                a.add_party(p.strip())
        AGREEMENTS[a.sid] = a


def _load_sipri():
    """One arms transfer per record (sipri:<position>); parties supplier and recipient; the record naming
    neither (both unknown) is no agreement."""
    for n, r in enumerate(S.sipri_records(), start=1):
        recipient, supplier = (S.party_key(name, S.SIPRI_EXCEPTIONS) for name in r[:2])  # Recipient, Supplier
        if supplier is None and recipient is None:
            continue
        a = Agreement("sipri:%d" % n, "arms_transfer", int(r[2]), "%s -> %s %s" % (r[1], r[0], r[6]))
        a.sectors |= {"defence", "arms_procurement"}
        if S.AID.search(r[12]):
            a.kinds.add("military_assistance")
            a.sectors.add("military_assistance")
        if S.LICENSED.search(r[12]):
            a.kinds.add("defence_industry")
            a.sectors.add("defence_industry")
        a.supplier, a.recipient = supplier, recipient
        a.add_party(supplier)
        a.add_party(recipient)
        a.designation, a.description = r[6], r[7]
        a.weapons = S.weapon_categories(r[7])
        a.delivered = [int(y) for y in r[10].split(";") if y.strip()]
        a.tiv_delivered = float(r[15]) if r[15] else 0.0
        AGREEMENTS[a.sid] = a


def _load_mme():
    for r in S.mme_rows():
        a = Agreement("mme:" + r["_id"], "joint_exercise", int(r["s.year"]), r["Ex_Name"])
        a.end = int(r["e.year"])
        a.sectors |= {"defence", "training_exercises"}
        if r["Humanitarian"] == "1":
            a.sectors.add("humanitarian")
        if r["Peacekeeping"] == "1":
            a.sectors.add("peacekeeping")
        for key in sorted(r["_parties"]):
            a.add_party(key)
        a.series, a.curated_series = r["_series"], r["_curated"]
        AGREEMENTS[a.sid] = a


_load_atop()
_load_dcad()
_load_desta()
_load_nca()
_load_curated()
if not S.EXCLUDED:  # a build with exclude_noncommercial has no SIPRI (docs/sources.md)
    _load_sipri()
_load_mme()
for _a in AGREEMENTS.values():
    _a.close_sectors()

# ---------------------------------------------------------------------------------------------
# Organizations (COW IGO v3 spells; West Germany 260 + Germany 255 = one DEU spell)
# ---------------------------------------------------------------------------------------------
ENDED = {"0", "2", "3", "-1", "absent"}
ORGS = {r["code"]: r for r in _read("cow_igo/organizations.csv")}
SPELLS = defaultdict(list)  # (org, nation) -> [[start, end, ended_by], ...]
for _r in sorted(_read("cow_igo/igo_memberships.csv"), key=lambda r: (r["org_code"], int(r["start_year"]))):
    if _r["status"] != "full":
        continue
    _n = cow(_r["ccode"], int(_r["start_year"]))
    _sp = SPELLS[(_r["org_code"], _n)]
    _s, _e = int(_r["start_year"]), int(_r["end_year"])
    if _sp and _s <= _sp[-1][1] + 1:  # contiguous spells of one nation (260 then 255) merge
        _sp[-1][1] = max(_sp[-1][1], _e)
        _sp[-1][2] = _r["ended_by"]
    else:
        _sp.append([_s, _e, _r["ended_by"]])


# The OIC's membership is its own list (docs/semantics.md, "OIC membership"): its 57 members from the year they
# joined, no exits; COW IGO's spells stay for the nations the list does not name (North and South Yemen).
# Observers are not members.
OIC_OBSERVERS = {}
for _status, _key, _joined in S.oic_rows():
    if _status == "member":
        SPELLS[("OIC", _key)] = [[_joined, 9999, "data_end"]]
    else:
        OIC_OBSERVERS[_key] = _joined
        SPELLS.pop(("OIC", _key), None)

# ---------------------------------------------------------------------------------------------
# Query helpers (semantics.md, "Question types")
# ---------------------------------------------------------------------------------------------
def in_years(a, years):
    if years is None:
        return True
    lo, hi = years
    return (lo is None or a.start >= lo) and (hi is None or a.start <= hi)


def select(nation=None, kind=None, sector=None, years=None):
    out = []
    for a in AGREEMENTS.values():
        if nation is not None and nation not in a.parties:
            continue
        if kind is not None and kind not in a.kinds:
            continue
        if sector is not None and sector not in a.sectors:
            continue
        if not in_years(a, years):
            continue
        out.append(a)
    return out


def _between(x, y, kind=None, sector=None, years=None):
    return [a for a in select(x, kind, sector, years) if y in a.parties]


def _partner_counts(x, kind=None, sector=None, years=None):
    counts = defaultdict(int)
    for a in select(x, kind, sector, years):
        for p in a.parties:
            if p != x and S.is_nation(p):  # partners are nations (not armed groups or organizations)
                counts[p] += 1
    return counts


def _nations(s):
    s = sorted(k for k in set(s) if S.is_nation(k))
    return {"nations": s} if s else {"status": "no_results"}


def _agreements(s):
    s = sorted({a.sid if isinstance(a, Agreement) else a for a in s})
    return {"agreements": s} if s else {"status": "no_results"}


def _check_size(expect, limit=5000):  # SIPRI and MME made long answers real (a nation's deals)
    for k in ("nations", "agreements", "organizations"):
        if k in expect and len(expect[k]) > limit:
            raise SystemExit("gold too large (%d %s)" % (len(expect[k]), k))
    return expect


def partners(x, kind=None, sector=None, years=None):
    return _nations(_partner_counts(x, kind, sector, years))


def count_partners(x, kind=None, sector=None, years=None):
    return {"value": len(_partner_counts(x, kind, sector, years))}


def _member_in(spells, year):
    return any((j is None or j <= year) and (e is None or e >= year) for j, e in spells)


def in_force(a, year):
    """In force in `year`: started by then and not ended before; an arms transfer is an event of its year of
    order (docs/semantics.md, "Time")."""
    if "arms_transfer" in a.kinds:
        return a.start == year
    return a.start <= year and (a.end is None or a.end >= year)


def partners_at_year(x, year, kind=None, sector=None):
    out = set()
    for a in select(x, kind, sector):
        if not in_force(a, year):
            continue
        if not _member_in(a.parties[x], year):
            continue
        out |= {p for p, spells in a.parties.items() if p != x and S.is_nation(p) and _member_in(spells, year)}
    return _nations(out)


def _in_force_together(a, x, p, lo, hi):
    """docs/semantics.md "Time" (round two): a state of affairs in a range of years holds when, for one
    spell of each party, the latest of the start year, both join years and the range's start is no later
    than the earliest of the end year, both exit years and the range's end (missing ones ignored)."""
    end = a.start if "arms_transfer" in a.kinds else a.end  # an arms transfer is an event of its year of order
    for jx, ex in a.parties[x]:
        for jp, ep in a.parties[p]:
            low = max(v for v in (a.start, jx, jp, lo) if v is not None)
            highs = [v for v in (end, ex, ep, hi) if v is not None]
            if not highs or low <= min(highs):
                return True
    return False


def _partners_in_force(x, years, kind=None, sector=None):
    lo, hi = years
    return {p for a in select(x, kind, sector) for p in a.parties if p != x and _in_force_together(a, x, p, lo, hi)}


def partners_in_force(x, years, kind=None, sector=None):
    """Partners in a state of affairs over a range ("allies since 1990", "partners in the 1990s")."""
    return _nations(_partners_in_force(x, years, kind, sector))


def count_partners_in_force(x, years, kind=None, sector=None):
    return {"value": len(_partners_in_force(x, years, kind, sector))}


def partners_by_obligation(x, obligation, years=None):
    """Partners in an alliance with that obligation: the ATOP flag, or the kind it names (docs/semantics.md,
    round two: a curated defence pact is a defence pact too, e.g. the 2025 Saudi–Pakistan agreement)."""
    out = set()
    for a in select(x, "alliance", years=years):
        if obligation in a.obligations or ATOP_KINDS[obligation] in a.kinds:
            out |= {p for p in a.parties if p != x and S.is_nation(p)}
    return _nations(out)


def agreements_of(x, kind=None, sector=None, years=None):
    return _agreements(select(x, kind, sector, years))


def count_agreements(x, kind=None, sector=None, years=None):
    return {"value": len(select(x, kind, sector, years))}


def between(x, y, kind=None, sector=None, years=None):
    return _agreements(_between(x, y, kind, sector, years))


def has_agreement(x, y, kind=None, sector=None, years=None):
    return {"value": bool(_between(x, y, kind, sector, years))}


def count_between(x, y, kind=None, sector=None, years=None):
    return {"value": len(_between(x, y, kind, sector, years))}


def _ranked(counts, n):
    """Top n by count, ties broken by English name; refuse a tie across the cut (ambiguous gold)."""
    order = sorted(counts, key=lambda k: (-counts[k], NAME.get(k, k)))
    # A set written for the full build avoids ties at the cut; without SIPRI some appear, and the contract's
    # tie-break (English name) decides.
    if len(order) > n and counts[order[n - 1]] == counts[order[n]] and not S.EXCLUDED:
        raise SystemExit("tie across the cut at %d: %s" % (n, [(k, counts[k]) for k in order[: n + 3]]))
    return order[:n]


def top_partners(x, n=5, kind=None, sector=None, years=None):
    return _nations(_ranked(_partner_counts(x, kind, sector, years), n))


def first_between(x, y, kind=None, sector=None, value=False):
    s = _between(x, y, kind, sector)
    if not s:
        return {"status": "no_results"}
    y0 = min(a.start for a in s)
    return {"value": y0} if value else _agreements(a for a in s if a.start == y0)


def latest_between(x, y, kind=None, sector=None, value=False):
    s = _between(x, y, kind, sector)
    if not s:
        return {"status": "no_results"}
    y1 = max(a.start for a in s)
    return {"value": y1} if value else _agreements(a for a in s if a.start == y1)


def common_partners(x, y, kind=None, sector=None):
    px, py = _partner_counts(x, kind, sector), _partner_counts(y, kind, sector)
    return _nations(set(px) & set(py) - {x, y})


def agreement_parties(*sids):
    out = set()
    for sid in sids:
        out |= set(AGREEMENTS[sid].parties)
    return _nations(out)


def agreement_parties_at_year(sid, year):
    a = AGREEMENTS[sid]
    if not in_force(a, year):
        return {"status": "no_results"}
    return _nations(p for p, spells in a.parties.items() if _member_in(spells, year))


def agreement_dates(sid, value=True):
    return {"value": AGREEMENTS[sid].start} if value else {"agreements": [sid]}


def agreement_in_force(sid):
    a = AGREEMENTS[sid]
    return {"value": not (a.end is not None or a.terminated)}


def agreement_joined(sid):
    a = AGREEMENTS[sid]
    return _nations(p for p, spells in a.parties.items() if any(j is not None and j > a.start for j, _e in spells))


def agreement_left(sid):
    a = AGREEMENTS[sid]
    return _nations(p for p, spells in a.parties.items()
                    if any(e is not None and (a.end is None or e < a.end) for _j, e in spells))


def org_members(org):
    return _nations(n for (o, n), sp in SPELLS.items() if o == org and any(s[2] not in ENDED for s in sp))


def org_members_at_year(org, year):
    return _nations(n for (o, n), sp in SPELLS.items() if o == org and any(s[0] <= year <= s[1] for s in sp))


def org_ever(org):
    return {n for (o, n) in SPELLS if o == org}


def org_membership(x, org):
    return {"value": (org, x) in SPELLS}


def org_join_year(x, org):
    sp = SPELLS.get((org, x))
    return {"value": sp[0][0]} if sp else {"status": "no_results"}


def org_left(org):
    return _nations(n for (o, n), sp in SPELLS.items() if o == org and any(s[2] in ENDED for s in sp))


def org_members_with(org, x, kind=None, sector=None, years=None):
    return _nations(set(_partner_counts(x, kind, sector, years)) & org_ever(org))


def nation_organizations(x):
    s = sorted(o for (o, n) in SPELLS if n == x)
    return {"organizations": s} if s else {"status": "no_results"}


def led_by(x, kind=None, sector=None, years=None):
    return _agreements(a for a in select(None, kind, sector, years) if a.lead == x)


def nuclear_suppliers(x, years=None):
    return _nations(a.supplier for a in select(None, "nuclear", years=years) if a.recipient == x)


def nuclear_recipients(x, years=None):
    return _nations(a.recipient for a in select(None, "nuclear", years=years) if a.supplier == x)


def agreements_in_period(years, kind=None, sector=None):
    return _agreements(select(None, kind, sector, years))


def rank_nations(n=10, kind=None, sector=None, years=None, org=None):
    counts = defaultdict(int)
    members = org_ever(org) if org else None
    for a in select(None, kind, sector, years):
        for p in a.parties:
            if S.is_nation(p) and (members is None or p in members):
                counts[p] += 1
    return _nations(_ranked(counts, n))


# ---------------------------------------------------------------------------------------------
# Round two: arms transfers, exercises, the OIC list (docs/semantics.md, "Arms-transfer questions",
# "Exercise questions", "OIC membership")
# ---------------------------------------------------------------------------------------------
def designation_words(text):
    """Words of a weapon name: letters and digits, hyphens inside a word removed ("TB-2" = "TB2")."""
    return [re.sub(r"[^a-z0-9]", "", w) for w in re.split(r"[\s/]+", S.fold(text.replace("-", ""))) if w]


def designation_matches(name, designation):
    """docs/semantics.md, "Weapon designations": every word of the name equals a word of the designation or is
    a family prefix of one followed only by letters ("F-16" matches "F-16C"; "TB2" does not match "TB-20")."""
    words = designation_words(designation)
    return all(any(w == d or (d.startswith(w) and d[len(w):].isalpha()) for d in words)
               for w in designation_words(name))


def _deals(supplier=None, recipient=None, category=None, years=None, designation=None):
    for a in select(None, "arms_transfer", years=years):
        if supplier is not None and a.supplier != supplier:
            continue
        if recipient is not None and a.recipient != recipient:
            continue
        if category is not None and category not in a.weapons:
            continue
        if designation and not designation_matches(designation, a.designation):
            continue
        yield a


def oic_members_now():
    return {n for (o, n), sp in SPELLS.items() if o == "OIC" and any(s[2] not in ENDED for s in sp)}


def arms_suppliers(x, category=None, years=None):
    """Who supplies X with arms: suppliers (nations) of deals with recipient X."""
    return _nations(a.supplier for a in _deals(recipient=x, category=category, years=years))


def arms_exports(x, y, category=None, years=None):
    """What X has exported to Y: the deals X → Y."""
    return _agreements(_deals(supplier=x, recipient=y, category=category, years=years))


def oic_buyers(designation=None, category=None, supplier=None, years=None):
    """Which OIC members bought a weapon (by designation) or a category (from a supplier)."""
    members = oic_members_now()
    return _nations(a.recipient for a in _deals(supplier=supplier, category=category, years=years,
                                                designation=designation) if a.recipient in members)


def top_arms_suppliers(x, n=5, years=None):
    """Suppliers of X ranked by the sum of SIPRI TIV of delivered weapons over X's deals ordered in the period."""
    tiv = defaultdict(float)
    for a in _deals(recipient=x, years=years):
        if S.is_nation(a.supplier):
            tiv[a.supplier] += a.tiv_delivered
    return _nations(_ranked({k: round(v, 6) for k, v in tiv.items()}, n))


def has_received(x, y, category):
    """Yes iff a deal Y → X of that category has a delivery year."""
    return {"value": any(a.delivered for a in _deals(supplier=y, recipient=x, category=category))}


def licensed_producers(y):
    """Recipients of deals from Y that are also defence-industry collaboration (licensed production)."""
    return _nations(a.recipient for a in _deals(supplier=y) if "defence_industry" in a.kinds)


def exercises_together(x, y, years=None):
    return between(x, y, "joint_exercise", years=years)


def exercise_participants(series, year):
    """Participants of the iterations of a series held in `year` (series: its MME name, or the curated id of
    the exercise its iterations belong to)."""
    key = series.casefold()
    out = set()
    for a in AGREEMENTS.values():
        if a.start == year and (a.series == key or a.curated_series == series):
            out |= set(a.parties)
    return _nations(out)


def oic_members_joining_exercises(x, sector="humanitarian"):
    """OIC members among the participants (other than X) of exercises with X that cover the sector."""
    members = oic_members_now()
    return _nations(p for a in select(x, "joint_exercise", sector) for p in a.parties if p != x and p in members)


def oic_list(status="member"):
    return _nations(k for s, k, _ in S.oic_rows() if s == status)


def oic_join_year(x):
    for _status, k, year in S.oic_rows():
        if k == x:
            return {"value": year}
    return {"status": "no_results"}


def answered():
    """Types whose answer is a list of concepts, kinds or datasets: only the status is checked."""
    return {"status": "answered"}


def status(s):
    assert s in ("ambiguous", "unknown_entity", "out_of_scope", "no_match", "no_results")
    return {"status": s}


# ---------------------------------------------------------------------------------------------
# The questions: (id, type, question, gold). `type` is the template id, or "failure" for the
# questions that must be refused (ambiguous / unknown_entity / out_of_scope / no_match).
# Words map to kinds and sectors as in docs/semantics.md and ontology/sharaka.ttl hidden labels:
# "trade agreement(s)/deals/FTA/economic agreements" = kind; bare "trade"/"economic" = sector
# economy; "military"/"security"/"defence agreements" = sector defence; "alliance(s)/allies" =
# kind defence pact; "DCA"/"defence cooperation" = kind DCA; "nuclear deal/agreement" = kind;
# bare "nuclear" = sector; "drills/exercises" = kind joint exercise; "peace deal" = kind
# normalization; "counter-terrorism" = sector intelligence; "share intelligence" = kind.
# ---------------------------------------------------------------------------------------------
# Second look: gold re-derived by hand with grep/awk on the raw CSVs (run from kg/sources/), and
# found equal to what the functions above compute:
#  partners-13  awk -F, '$1==438||$3==438' dcad/DCAD-v1.0-main.csv -> 365 (RUS, 2001), 369 (UKR, 2009)
#  ca-01        awk -F, '$4==770{print $1}' atop/atop5_1m.csv | sort -u -> 11 atopids
#               (3222 3255 3260 3275 3355 3530 3705 3755 3985 4810 5060; SOURCES-shared.md lists the same)
#  ca-12        awk -F, '$1==640||$3==640' dcad/DCAD-v1.0-main.csv | wc -l -> 141
#  apy-05/al-05 awk -F, '$1==3275{print $4,$6,$9}' atop/atop5_1m.csv -> 645 (IRQ) 1955-1959, the four others 1955-1979
#  om-02        grep -c '^OIC,.*data_end' cow_igo/igo_memberships.csv -> 56
#  ojy-06       grep -E '^NATO,(260|255),' -> 260 1955-1989 (absent), 255 1990-2014: one DEU spell from 1955
#  haw-14       no DCAD row with 404 and 365 -> false
#  ns-06        awk -F, '$2==615{print $3}' nca/nca_dataset_v2.0.csv | sort -u -> Argentina China France India
#  ab-05        NCA data rows 2626 (USSR-Iran 1989), 2627 (USSR-Iran 1990), 2628 (Russia-Iran 1995)
#  cab-04       NCA data rows 511, 512 (USA -> Egypt, 1981) -> 2
#  ap-06        desta row "4" Agadir Agreement: c1-c4 = 818 400 504 788 -> EGY JOR MAR TUN
#  aj-06        desta "667+1" accession (2008) adds c8 = 4 (AFG) to the 7 SAARC members of base row 667
#  oms-08/09    grep '^LAS,62[56],' -> only 625 (SDN) 1956-2014; South Sudan (626) never -> false / true
#  ol-05        grep '^OPEC,' | grep -v data_end -> 130 (ECU) 1992, 481 (GAB) 1996, 850 (IDN) 2008, all ended by 0
#  pay-01       atop5_1m 3015 member 651: 1945-1979 and 1989-0, so Egypt is out of the Arab League pact in
#               1985 (two spells, not min/max); its partners in force that year are ISR (3743/3850) and SDN
#  nr-fail-09   grep '^GCC,' -> the six founders 1981-2014, all data_end: nobody left -> no_results
ABRAHAM = ["curated:abraham-accords-uae-israel-2020", "curated:abraham-accords-bahrain-israel-2020",
           "curated:abraham-accords-sudan-israel-2020", "curated:abraham-accords-morocco-israel-2020"]
DP, DCA, ECON, NUC, NORM = "defence_pact", "dca", "economic", "nuclear", "normalization"
AL, ARMS = "alliance", "arms_transfer"
EX, INTEL, SP = "joint_exercise", "intelligence_sharing", "strategic_partnership"


def Q():
    return [
        # ---------------- partners ----------------
        ("partners-01", "partners", "Since 2000, with which states has Pakistn concluded defence pacts?",
         partners("PAK", DP, years=(2000, None))),  # hand-checked: only atop:5060 (CHN, 2005); PAK joined 3755 in 2004 but it began 1976
        ("partners-02", "partners", "Who are Türkiye's partners in military drills?", partners("TUR", EX)),
        ("partners-03", "partners", "Which nations did Indonesai sign free trade agreements with between 2000 and 2010?",
         partners("IDN", ECON, years=(2000, 2010))),
        ("partners-04", "partners", "List every country Egypt has a peace treaty with", partners("EGY", NORM)),
        ("partners-05", "partners", "who are qatar's allies??", partners("QAT", AL)),
        ("partners-06", "partners", "With which countries did Persia sign nuclear cooperation agreements before 1990?",
         partners("IRN", NUC, years=(None, 1989))),
        ("partners-07", "partners", "Which states has Azerbaijian partnered with?", partners("AZE")),
        ("partners-08", "partners", "Which countries does Kazakhstan have defence cooperation agreements with?",
         partners("KAZ", DCA)),
        ("partners-09", "partners", "Which countries has Nigeria signed defence pacts with?", partners("NGA", DP)),
        ("partners-10", "partners", "Which countries has Niger signed defence pacts with?", partners("NER", DP)),
        ("partners-11", "partners", "Who are Sudan's allies?", partners("SDN", AL)),
        ("partners-12", "partners", "Who are South Sudan's partners?", partners("SSD")),
        ("partners-13", "partners", "Which countries have defence cooperation agreements with Guinea?",
         partners("GIN", DCA)),  # hand-checked: DCAD rows of ccode 438 are with 365 (RUS) and 369 (UKR)
        ("partners-14", "partners", "Guinea-Bissau: which countries has it signed defence cooperation agreements with?",
         partners("GNB", DCA)),
        ("partners-15", "partners", "Which nations have DCAs with Equatorial Guinea?", partners("GNQ", DCA)),
        ("partners-16", "partners", "Which countries do the Emirates cooperate with on technology?",
         partners("ARE", sector="technology")),
        # a state of affairs over a range: in force in some year of it, with each party's own years
        ("partners-17", "partners", "Jordan's partners in the 1990s", partners_in_force("JOR", (1990, 1999))),
        ("partners-18", "partners", "Which countries work with Egypt in the nuclear field?", partners("EGY", sector="nuclear")),
        ("partners-19", "partners", "Who has Morocco signed trade deals with since 2015?", partners("MAR", ECON, years=(2015, None))),
        ("partners-20", "partners", "Which countries share intelligence with Malaysia?", partners("MYS", INTEL)),
        ("partners-21", "partners", "Which states did Bangladesh sign economic agreements with before 2000?",
         partners("BGD", ECON, years=(None, 1999))),
        ("partners-22", "partners", "Who are the Saudi partners on counter-terrorism?", partners("SAU", sector="intelligence")),
        ("partners-23", "partners", "Which countries has باكستان signed nuclear cooperation agreements with?", partners("PAK", NUC)),
        ("partners-24", "partners", "Who are the allies of Turquie since 1990?", partners_in_force("TUR", (1990, None), AL)),
        ("partners-25", "partners", "WHICH COUNTRIES HAS THE KSA SIGNED MILITARY AGREEMENTS WITH SINCE 2010?",
         partners("SAU", sector="defence", years=(2010, None))),
        ("partners-26", "partners", "Which countries cooperate with Iran on energy?", partners("IRN", sector="energy")),
        ("partners-27", "partners", "  Who are Malaysia's allies?   ", partners("MYS", AL)),
        ("partners-28", "partners", "Who has Azerbaijan held war games with?", partners("AZE", EX)),
        ("partners-29", "partners", "Which countries had Morocco signed defence cooperation agreements with by 2000?",
         partners("MAR", DCA, years=(None, 2000))),
        ("partners-30", "partners", "Which countries have trade agreements with the Émirats arabes unis since 2010?",
         partners("ARE", ECON, years=(2010, None))),
        # ---------------- partners_at_year ----------------
        ("pay-01", "partners_at_year", "Which countries were allied with Egypt in 1985?", partners_at_year("EGY", 1985, AL)),
        ("pay-02", "partners_at_year", "Which nations had a defence pact in force with Pakistan in 1960?",
         partners_at_year("PAK", 1960, DP)),  # hand-checked: 3222 SAU, 3260 SEATO, 3275 CENTO, 3355 USA
        ("pay-03", "partners_at_year", "With whom was Jordan allied in 1990?", partners_at_year("JOR", 1990, AL)),
        ("pay-04", "partners_at_year", "Who was Saudi Arabia allied with in 1960?", partners_at_year("SAU", 1960, AL)),
        ("pay-05", "partners_at_year", "Which countries had an alliance in force with Indonesia in 2010?",
         partners_at_year("IDN", 2010, AL)),
        ("pay-06", "partners_at_year", "Who were Türkiye's allies in 1960?", partners_at_year("TUR", 1960, AL)),
        ("pay-07", "partners_at_year", "Which countries were Iran's allies in 1975?", partners_at_year("IRN", 1975, AL)),
        # ---------------- partners_by_obligation ----------------
        ("pbo-01", "partners_by_obligation", "Which states are bound to Pakistan by a mutual defence obligation?",
         partners_by_obligation("PAK", "defense")),
        ("pbo-02", "partners_by_obligation", "With which countries does Iran have a non-aggression pact?",
         partners_by_obligation("IRN", "nonagg")),
        ("pbo-03", "partners_by_obligation", "Which countries promised neutrality to Türkiye?",
         partners_by_obligation("TUR", "neutral")),
        ("pbo-04", "partners_by_obligation", "Which countries have consultation pacts with Saudi Arabia?",
         partners_by_obligation("SAU", "consul")),
        ("pbo-05", "partners_by_obligation", "Which nations have an offensive alliance with Egypt?",
         partners_by_obligation("EGY", "offense")),
        ("pbo-06", "partners_by_obligation", "Who has a non-aggression pact with Afghanistan?",
         partners_by_obligation("AFG", "nonagg")),
        # ---------------- agreements_of_nation ----------------
        ("aon-01", "agreements_of_nation", "List the alliances Saudi Arabia is part of", agreements_of("SAU", AL)),
        ("aon-02", "agreements_of_nation", "Show Türkiye's military exercises", agreements_of("TUR", EX)),
        ("aon-03", "agreements_of_nation", "Which peace deals has Morocco signed?", agreements_of("MAR", NORM)),
        ("aon-04", "agreements_of_nation", "Which agreements did Iran conclude in 2021?", agreements_of("IRN", years=(2021, 2021))),
        ("aon-05", "agreements_of_nation", "Show the humanitarian missions involving Qatar", agreements_of("QAT", "humanitarian_mission")),
        ("aon-06", "agreements_of_nation", "Which disaster relief operations involved Turkey?", agreements_of("TUR", "disaster_response")),
        ("aon-07", "agreements_of_nation", "What intelligence sharing agreements is Pakistan part of?", agreements_of("PAK", INTEL)),
        ("aon-08", "agreements_of_nation", "Which technology transfer programmes has the UAE joined?",
         agreements_of("ARE", "technology_exchange")),
        ("aon-09", "agreements_of_nation", "list azerbaijan's defence cooperation agreements signed after 2005",
         agreements_of("AZE", DCA, years=(2006, None))),
        ("aon-10", "agreements_of_nation", "What nuclear cooperation agreements has Bangladesh signed?", agreements_of("BGD", NUC)),
        ("aon-11", "agreements_of_nation", "Which trade agreements has Egypt signed since 2010?", agreements_of("EGY", ECON, years=(2010, None))),
        ("aon-12", "agreements_of_nation", "Which military aid agreements involve Nigeria?", agreements_of("NGA", "military_assistance")),
        ("aon-13", "agreements_of_nation", "Which strategic partnerships has Iran signed?", agreements_of("IRN", SP)),
        ("aon-14", "agreements_of_nation", "What agreements has South Sudan signed?", agreements_of("SSD")),
        ("aon-16", "agreements_of_nation", "Which FTAs has Jordan signed since 2005?", agreements_of("JOR", ECON, years=(2005, None))),
        ("aon-15", "agreements_of_nation", "Which defence pacts has Kazakhstan signed between 1995 and 2005?",
         agreements_of("KAZ", DP, years=(1995, 2005))),
        # ---------------- agreements_between ----------------
        ("ab-01", "agreements_between", "Which agreements link Turkey and Azerbaijian?", between("TUR", "AZE")),
        ("ab-02", "agreements_between", "Show me trade deals between China and Pakistan", between("CHN", "PAK", ECON)),
        ("ab-03", "agreements_between", "Which military agreements have the KSA and the USA signed?",
         between("SAU", "USA", sector="defence")),
        ("ab-04", "agreements_between", "agreements between Egypt and Israel", between("EGY", "ISR")),
        ("ab-05", "agreements_between", "What nuclear deals have Iran and Russia signed?", between("IRN", "RUS", NUC)),
        ("ab-06", "agreements_between", "Which joint exercises have Jordan and America held together?", between("JOR", "USA", EX)),
        ("ab-07", "agreements_between", "What agreements does Saudi Arabia have with the Emirates?", between("SAU", "ARE")),
        ("ab-08", "agreements_between", "Which treaties has Turkey signed with Libya?", between("TUR", "LBY")),
        ("ab-09", "agreements_between", "What agreements connect Pakistan and Türkiye since 2000?", between("PAK", "TUR", years=(2000, None))),
        ("ab-10", "agreements_between", "Defence cooperation agreements between Pakistan and Turkey?", between("PAK", "TUR", DCA)),
        ("ab-11", "agreements_between", "Which agreements have Indonesia and Malaysia signed in the 1990s?",
         between("IDN", "MYS", years=(1990, 1999))),
        ("ab-12", "agreements_between", "What agreements are there between Morocco and the United States?", between("MAR", "USA")),
        ("ab-13", "agreements_between", "Qatar and Turkey agreements", between("QAT", "TUR")),
        ("ab-14", "agreements_between", "Which trade agreements do Kazakhstan and Russia share?", between("KAZ", "RUS", ECON)),
        ("ab-15", "agreements_between", "agreements between Bangladesh and the US??", between("BGD", "USA")),
        ("ab-16", "agreements_between", "Which agreements between Iran and Pakistan were signed before 1980?",
         between("IRN", "PAK", years=(None, 1979))),
        ("ab-17", "agreements_between", "List the defence pacts between Britain and Turkey", between("GBR", "TUR", DP)),
        ("ab-18", "agreements_between", "Which agreements have Egypt and Jordan signed between 2010 and 2024?",
         between("EGY", "JOR", years=(2010, 2024))),
        ("ab-19", "agreements_between", "Which agreements link Niger and Nigeria?", between("NER", "NGA")),
        ("ab-20", "agreements_between", "What agreements do Sudan and South Sudan have?", between("SDN", "SSD")),
        ("ab-21", "agreements_between", "Agreements between Guinea and Guinea-Bissau", between("GIN", "GNB")),
        ("ab-22", "agreements_between", "Which agreements have Arabie saoudite and Pakistan signed?", between("SAU", "PAK")),
        ("ab-23", "agreements_between", "What has Nigeria signed with China?", between("NGA", "CHN")),
        # ---------------- has_agreement_with ----------------
        ("haw-01", "has_agreement_with", "Do Turkish and Azerbaijani forces hold joint drills together?", has_agreement("TUR", "AZE", EX)),
        ("haw-02", "has_agreement_with", "Does Pakistan have an alliance with Saudia Arabia?", has_agreement("PAK", "SAU", AL)),
        ("haw-03", "has_agreement_with", "Has Egypt signed a peace deal with Israel?", has_agreement("EGY", "ISR", NORM)),
        ("haw-04", "has_agreement_with", "Is there a strategic partnership between Russia and Iran?", has_agreement("RUS", "IRN", SP)),
        ("haw-05", "has_agreement_with", "Is there a free trade agreement between Morocco and America?", has_agreement("MAR", "USA", ECON)),
        ("haw-06", "has_agreement_with", "Are Indonesia and Malaysia intelligence-sharing partners?", has_agreement("IDN", "MYS", INTEL)),
        ("haw-07", "has_agreement_with", "Have Israel and Türkiye restored relations?", has_agreement("ISR", "TUR", NORM)),
        ("haw-08", "has_agreement_with", "Does Saudi Arabia have a normalization agreement with Israel?", has_agreement("SAU", "ISR", NORM)),
        ("haw-09", "has_agreement_with", "Has the UK signed a defence cooperation agreement with Qatar?", has_agreement("GBR", "QAT", DCA)),
        ("haw-10", "has_agreement_with", "Does Iran have a defence pact with the United States?", has_agreement("IRN", "USA", DP)),
        ("haw-11", "has_agreement_with", "Is there any agreement between Pakistan and India since 2010?",
         has_agreement("PAK", "IND", years=(2010, None))),
        ("haw-12", "has_agreement_with", "Do Bangladesh and Myanmar cooperate on humanitarian matters?",
         has_agreement("BGD", "MMR", sector="humanitarian")),
        ("haw-13", "has_agreement_with", "Does Niger have a trade agreement with Nigeria?", has_agreement("NER", "NGA", ECON)),
        ("haw-14", "has_agreement_with", "Does Guinea-Bissau have a defence cooperation agreement with Russia?",
         has_agreement("GNB", "RUS", DCA)),
        ("haw-15", "has_agreement_with", "Does Equatorial Guinea have a defence cooperation agreement with Ukraine?",
         has_agreement("GNQ", "UKR", DCA)),
        ("haw-16", "has_agreement_with", "Has Sudan signed a normalization agreement with Israel?", has_agreement("SDN", "ISR", NORM)),
        ("haw-17", "has_agreement_with", "Has South Sudan signed a normalization agreement with Israel?", has_agreement("SSD", "ISR", NORM)),
        ("haw-18", "has_agreement_with", "Did Qatar and the US sign a nuclear deal?", has_agreement("QAT", "USA", NUC)),
        ("haw-19", "has_agreement_with", "Is Kazakhstan in a defence pact with China?", has_agreement("KAZ", "CHN", DP)),
        ("haw-20", "has_agreement_with", "Do Malaysia and Pakistan take part in any joint exercise together?", has_agreement("MYS", "PAK", EX)),
        ("haw-21", "has_agreement_with", "does guinea have a defence cooperation agreement with russia", has_agreement("GIN", "RUS", DCA)),
        ("haw-22", "has_agreement_with", "Has Israel signed a CEPA with the UAE?", has_agreement("ISR", "ARE", ECON)),
        ("haw-23", "has_agreement_with", "Does Pakistan have a security pact with China?", has_agreement("PAK", "CHN", DP)),
        ("haw-24", "has_agreement_with", "Does Pakistan have a trade agreement with Émirats arabes unis?", has_agreement("PAK", "ARE", ECON)),
        # ---------------- count_agreements ----------------
        ("ca-01", "count_agreements", "How many alliances has Pakistan signed?", count_agreements("PAK", AL)),
        # hand-checked: 11 = atopids 3222 3255 3260 3275 3355 3530 3705 3755 3985 4810 5060 (SOURCES-shared.md lists the same 11)
        ("ca-02", "count_agreements", "How many trade agreements does Türkiye have?", count_agreements("TUR", ECON)),
        ("ca-03", "count_agreements", "Number of joint exercises involving Jordan", count_agreements("JOR", EX)),
        ("ca-04", "count_agreements", "How many agreements did Indonesia sign since 2010?", count_agreements("IDN", years=(2010, None))),
        ("ca-05", "count_agreements", "How many nuclear deals has Egypt concluded?", count_agreements("EGY", NUC)),
        ("ca-06", "count_agreements", "Between 1995 and 2005, how many DCAs did Malaysia sign?", count_agreements("MYS", DCA, years=(1995, 2005))),
        ("ca-07", "count_agreements", "How many agreements has Saudi Arabia signed?", count_agreements("SAU")),
        ("ca-08", "count_agreements", "how many defense cooperation agreements has Azerbaijan signed before 2000",
         count_agreements("AZE", DCA, years=(None, 1999))),
        ("ca-09", "count_agreements", "How many agreements is Niger a party to?", count_agreements("NER")),
        ("ca-10", "count_agreements", "HOW MANY TRADE AGREEMENTS HAS NIGERIA SIGNED?", count_agreements("NGA", ECON)),
        ("ca-11", "count_agreements", "How many normalization agreements has the United Kingdom signed?", count_agreements("GBR", NORM)),
        ("ca-12", "count_agreements", "How many defence cooperation agreements has Turkey signed?", count_agreements("TUR", DCA)),
        # hand-checked: 141 = DCAD rows with 640 in ccode1 or ccode2 (SOURCES-shared.md: "Turkey (640) is in 141 rows")
        # ---------------- count_agreements_between ----------------
        ("cab-01", "count_agreements_between", "How many agreements have Türkiye and Germany signed?", count_between("TUR", "DEU")),
        ("cab-02", "count_agreements_between", "How many DCAs do Pakistan and China have?", count_between("PAK", "CHN", DCA)),
        ("cab-03", "count_agreements_between", "Count the trade agreements between Egypt and Jordan", count_between("EGY", "JOR", ECON)),
        ("cab-04", "count_agreements_between", "How many nuclear deals did America sign with Egypt?", count_between("USA", "EGY", NUC)),
        ("cab-05", "count_agreements_between", "How many agreements between Saudi Arabia and Britain since 2000?",
         count_between("SAU", "GBR", years=(2000, None))),
        ("cab-06", "count_agreements_between", "How many agreements do Kazakhstan and Russia share?", count_between("KAZ", "RUS")),
        ("cab-07", "count_agreements_between", "number of defence pacts between Iran and Russia", count_between("IRN", "RUS", DP)),
        ("cab-08", "count_agreements_between", "How many agreements have Malaysia and Pakistan signed?", count_between("MYS", "PAK")),
        ("cab-09", "count_agreements_between", "How many defence pacts do Saudi Arabia and Israel have?", count_between("SAU", "ISR", DP)),
        ("cab-10", "count_agreements_between", "How many agreements has تركيا signed with Pakistan?", count_between("TUR", "PAK")),
        # ---------------- count_partners ----------------
        ("cp-01", "count_partners", "With how many states does Pakistan have alliances?", count_partners("PAK", AL)),
        ("cp-02", "count_partners", "How many nations does Turkey have trade agreements with?", count_partners("TUR", ECON)),
        ("cp-03", "count_partners", "How many partners does Indonesia have?", count_partners("IDN")),
        ("cp-04", "count_partners", "How many countries has Iran signed agreements with since 2000?", count_partners("IRN", years=(2000, None))),
        ("cp-05", "count_partners", "Number of countries that hold joint exercises with Egypt", count_partners("EGY", EX)),
        ("cp-06", "count_partners", "How many countries have nuclear cooperation agreements with Pakistan?", count_partners("PAK", NUC)),
        ("cp-07", "count_partners", "how many partners does qatar have", count_partners("QAT")),
        ("cp-08", "count_partners", "How many nations has Azerbaijan signed defence cooperation agreements with?", count_partners("AZE", DCA)),
        # ---------------- top_partners ----------------
        ("tp-01", "top_partners", "Who are Pakistan's main partners?", top_partners("PAK", 5)),
        ("tp-02", "top_partners", "Which countries has the UAE signed the most trade agreements with?", top_partners("ARE", 5, ECON)),
        ("tp-03", "top_partners", "What are Egypt's top 4 military partners?", top_partners("EGY", 4, sector="defence")),
        ("tp-04", "top_partners", "Indonesia's top 3 nuclear cooperation partners", top_partners("IDN", 3, NUC)),
        ("tp-05", "top_partners", "Which countries does the Kingdom of Saudi Arabia have the most agreements with?", top_partners("SAU", 5)),
        ("tp-06", "top_partners", "Who are Iran's closest allies?", top_partners("IRN", 5, AL)),
        ("tp-07", "top_partners", "Top 8 partners of Kazakhstan", top_partners("KAZ", 8)),
        ("tp-08", "top_partners", "Turkey's top 3 defence cooperation partners?", top_partners("TUR", 3, DCA)),
        # ---------------- first_agreement_between ----------------
        ("fab-01", "first_agreement_between", "What year did China and Pakistan first sign an agreement?", first_between("CHN", "PAK", value=True)),
        ("fab-02", "first_agreement_between", "What was the first defence pact between Turkey and Pakistan?", first_between("TUR", "PAK", DP)),
        ("fab-03", "first_agreement_between", "Earliest agreement between Egypt and Israel?", first_between("EGY", "ISR")),
        ("fab-04", "first_agreement_between", "Which was the first trade agreement between Jordan and the USA?", first_between("JOR", "USA", ECON)),
        ("fab-05", "first_agreement_between", "When did Saudi Arabia and the US first sign an agreement?", first_between("SAU", "USA", value=True)),
        ("fab-06", "first_agreement_between", "What is the oldest agreement between Iran and Russia?", first_between("IRN", "RUS")),
        ("fab-07", "first_agreement_between", "First defence cooperation agreement between Azerbaijan and Turkey", first_between("AZE", "TUR", DCA)),
        # ---------------- latest_agreement_between ----------------
        ("lab-01", "latest_agreement_between", "What is the most recent agreement between Türkiye and Azerbaijan?", latest_between("TUR", "AZE")),
        ("lab-02", "latest_agreement_between", "Latest military agreement between Pakistan and Saudi Arabia?",
         latest_between("PAK", "SAU", sector="defence")),
        ("lab-03", "latest_agreement_between", "When did Egypt and Israel last sign an agreement?", latest_between("EGY", "ISR", value=True)),
        ("lab-04", "latest_agreement_between", "Newest trade agreement between India and the United Arab Emirates", latest_between("IND", "ARE", ECON)),
        ("lab-05", "latest_agreement_between", "What was the last agreement signed by Iran and Russia?", latest_between("IRN", "RUS")),
        ("lab-06", "latest_agreement_between", "Latest nuclear cooperation agreement between Pakistan and China", latest_between("PAK", "CHN", NUC)),
        ("lab-07", "latest_agreement_between", "When did Kazakhstan and Russia most recently sign a trade agreement?",
         latest_between("KAZ", "RUS", ECON, value=True)),
        # ---------------- common_partners ----------------
        ("cmp-01", "common_partners", "Which nations are partners of both Turkey and Pakistan?", common_partners("TUR", "PAK")),
        ("cmp-02", "common_partners", "Which nations have defence pacts with both Egypt and Jordan?", common_partners("EGY", "JOR", DP)),
        ("cmp-03", "common_partners", "Common trade agreement partners of Malaysia and Indonesia?", common_partners("MYS", "IDN", ECON)),
        ("cmp-04", "common_partners", "Which countries join both Saudi Arabia and the UAE in joint exercises?", common_partners("SAU", "ARE", EX)),
        ("cmp-05", "common_partners", "Which countries have nuclear cooperation agreements with both Pakistan and Iran?",
         common_partners("PAK", "IRN", NUC)),
        ("cmp-06", "common_partners", "Mutual allies of Azerbaijan and Kazakhstan", common_partners("AZE", "KAZ", AL)),
        # ---------------- agreement_parties ----------------
        ("ap-01", "agreement_parties", "Which countries signed the Abraham Accords?", agreement_parties(*ABRAHAM)),
        ("ap-02", "agreement_parties", "Members of ATOP alliance 3015?", agreement_parties("atop:3015")),
        ("ap-03", "agreement_parties", "Who are the parties to the China–Pakistan Economic Corridor?",
         agreement_parties("curated:china-pakistan-economic-corridor-2015")),
        ("ap-04", "agreement_parties", "Who participates in Exercise Anatolian Eagle?", agreement_parties("curated:anatolian-eagle-exercise")),
        ("ap-05", "agreement_parties", "Which states are in the Islamic Military Counter Terrorism Coalition?",
         agreement_parties("curated:islamic-military-counter-terrorism-coalition-2015")),
        ("ap-06", "agreement_parties", "Which countries are party to the Agadir Agreement?", agreement_parties("desta:4")),
        ("ap-07", "agreement_parties", "Who took part in the Black Sea Grain Initiative?", agreement_parties("curated:black-sea-grain-initiative-2022")),
        ("ap-08", "agreement_parties", "Which countries are parties to the D8 PTA?", agreement_parties("desta:291")),
        ("ap-09", "agreement_parties", "Who are the members of the Greater Arab Free Trade Agreement?", agreement_parties("desta:462")),
        ("ap-10", "agreement_parties", "Who signed ATOP alliance 3222?", agreement_parties("atop:3222")),
        # ---------------- agreement_parties_at_year ----------------
        ("apy-01", "agreement_parties_at_year", "Which states belonged to ATOP alliance 3180 in 1985?",
         agreement_parties_at_year("atop:3180", 1985)),
        ("apy-02", "agreement_parties_at_year", "Which countries were parties to the Greater Arab Free Trade Agreement in 1998?",
         agreement_parties_at_year("desta:462", 1998)),
        ("apy-03", "agreement_parties_at_year", "Which nations were members of ATOP alliance 3015 in 1970?",
         agreement_parties_at_year("atop:3015", 1970)),
        ("apy-04", "agreement_parties_at_year", "Who was in the South Asian Free Trade Area in 2005?", agreement_parties_at_year("desta:667", 2005)),
        ("apy-05", "agreement_parties_at_year", "Who belonged to ATOP alliance 3275 in 1962?", agreement_parties_at_year("atop:3275", 1962)),
        # hand-checked: atop5_1m 3275: IRQ yrexit 1959; GBR IRN PAK TUR 1955-1979
        # ---------------- agreement_dates ----------------
        ("ad-01", "agreement_dates", "In what year was the Egypt–Israel Peace Treaty concluded?",
         agreement_dates("curated:egypt-israel-peace-treaty-1979")),
        ("ad-02", "agreement_dates", "When did the Shusha Declaration get signed?", agreement_dates("curated:shusha-declaration-turkey-azerbaijan-2021")),
        ("ad-03", "agreement_dates", "What year did ATOP alliance 3222 start?", agreement_dates("atop:3222")),
        ("ad-04", "agreement_dates", "When was the China–Pakistan Economic Corridor agreed?",
         agreement_dates("curated:china-pakistan-economic-corridor-2015", value=False)),
        ("ad-05", "agreement_dates", "When did the Agadir Agreement begin?", agreement_dates("desta:4")),
        ("ad-06", "agreement_dates", "When was the Wadi Araba Treaty signed?", agreement_dates("curated:israel-jordan-peace-treaty-1994")),
        ("ad-07", "agreement_dates", "When was the AlUla Declaration signed?",
         agreement_dates("curated:alula-declaration-qatar-reconciliation-2021", value=False)),
        # ---------------- agreement_in_force ----------------
        ("aif-01", "agreement_in_force", "Is the Black Sea Grain Initiative still active?", agreement_in_force("curated:black-sea-grain-initiative-2022")),
        ("aif-02", "agreement_in_force", "Is ATOP alliance 3222 still in force?", agreement_in_force("atop:3222")),
        ("aif-03", "agreement_in_force", "Is the Egypt–Israel Peace Treaty still valid?", agreement_in_force("curated:egypt-israel-peace-treaty-1979")),
        ("aif-04", "agreement_in_force", "Is Operation Serval still ongoing?", agreement_in_force("curated:operation-serval-mali-2013")),
        ("aif-05", "agreement_in_force", "Is CPEC still in effect?", agreement_in_force("curated:china-pakistan-economic-corridor-2015")),
        ("aif-06", "agreement_in_force", "Is ATOP alliance 3275 still in force?", agreement_in_force("atop:3275")),  # endyr 1979
        ("aif-07", "agreement_in_force", "Is the Joint Gulf Shield 1 exercise still ongoing?", agreement_in_force("curated:gulf-shield-1-exercise-2018")),
        # ---------------- agreement_coverage (answer is a list of concepts: status only) ----------------
        ("acv-01", "agreement_coverage", "Which sectors does the Shusha Declaration on Allied Relations cover?", answered()),
        ("acv-02", "agreement_coverage", "What obligations does ATOP alliance 3355 include?", answered()),
        ("acv-03", "agreement_coverage", "What areas does CPEC cover?", answered()),
        ("acv-04", "agreement_coverage", "What does the Akkuyu nuclear power plant agreement cover?", answered()),
        # ---------------- agreement_joined ----------------
        ("aj-01", "agreement_joined", "Which states acceded to ATOP alliance 3180 after it started?", agreement_joined("atop:3180")),
        ("aj-02", "agreement_joined", "Later members of the Cotonou Agreement?", agreement_joined("desta:253")),
        ("aj-03", "agreement_joined", "Which countries joined alliance 3015 later?", agreement_joined("atop:3015")),
        ("aj-04", "agreement_joined", "Who joined the European Economic Area after it was signed?", agreement_joined("desta:437")),
        ("aj-05", "agreement_joined", "Who joined the Greater Arab Free Trade Agreement later?", agreement_joined("desta:462")),
        ("aj-06", "agreement_joined", "Who joined SAFTA after it began?", agreement_joined("desta:667")),
        # ---------------- agreement_left ----------------
        ("al-01", "agreement_left", "Which members withdrew from ATOP alliance 3260?", agreement_left("atop:3260")),
        ("al-02", "agreement_left", "Which countries quit the Central European Free Trade Agreement?", agreement_left("desta:192")),
        ("al-03", "agreement_left", "Which members exited ATOP 3015?", agreement_left("atop:3015")),
        ("al-04", "agreement_left", "Who withdrew from ATOP alliance 3075?", agreement_left("atop:3075")),
        ("al-05", "agreement_left", "Which states left ATOP alliance 3275?", agreement_left("atop:3275")),
        # ---------------- org_members ----------------
        ("om-01", "org_members", "Which states make up the Gulf Cooperation Council?", org_members("GCC")),
        ("om-02", "org_members", "Which countries belong to the Organisation of Islamic Cooperation?", org_members("OIC")),
        # hand-checked: 56, as in oic_members_cow_igo_v3.csv (58 rows minus North and South Yemen)
        ("om-03", "org_members", "Which countries are in the Arab League?", org_members("LAS")),
        ("om-04", "org_members", "What countries are members of NATO?", org_members("NATO")),
        ("om-05", "org_members", "Who is in the SCO?", org_members("SCO")),
        ("om-06", "org_members", "Members of ECOWAS", org_members("ECOWAS")),
        ("om-07", "org_members", "Which countries make up the D-8?", org_members("D8")),
        ("om-08", "org_members", "Which states are members of the Economic Cooperation Organization?", org_members("ECO")),
        ("om-09", "org_members", "Who are the members of OPEC?", org_members("OPEC")),
        ("om-10", "org_members", "Which countries are members of TURKSOY?", org_members("TURKSOY")),
        # TURKSOY spells end in 2013 only because 2014 is coded -9 (missing), which does not end a spell
        # ---------------- org_members_at_year ----------------
        ("omy-01", "org_members_at_year", "Arab League members in 1985", org_members_at_year("LAS", 1985)),
        ("omy-02", "org_members_at_year", "Which states belonged to the Organization of the Islamic Conference in 1972?",
         org_members_at_year("OIC", 1972)),
        ("omy-03", "org_members_at_year", "Which countries were in NATO in 1990?", org_members_at_year("NATO", 1990)),
        ("omy-04", "org_members_at_year", "List the members of the GCC in 1990.", org_members_at_year("GCC", 1990)),
        ("omy-05", "org_members_at_year", "Which countries were in the Baghdad Pact in 1957?", org_members_at_year("CENTO", 1957)),
        ("omy-06", "org_members_at_year", "Who were the ASEAN members in 1990?", org_members_at_year("ASEAN", 1990)),
        ("omy-07", "org_members_at_year", "Which states were in the Warsaw Pact in 1980?", org_members_at_year("WARSAW_PACT", 1980)),
        # ---------------- org_membership ----------------
        ("oms-01", "org_membership", "Does Pakistn belong to the OIC?", org_membership("PAK", "OIC")),
        ("oms-02", "org_membership", "Is Türkiye in NATO?", org_membership("TUR", "NATO")),
        ("oms-03", "org_membership", "Is Iran part of the GCC?", org_membership("IRN", "GCC")),
        ("oms-04", "org_membership", "Is Indonesia a member of ASEAN?", org_membership("IDN", "ASEAN")),
        ("oms-05", "org_membership", "Is Azerbaijan a member of the Economic Cooperation Organization?", org_membership("AZE", "ECO")),
        ("oms-06", "org_membership", "Is Niger in the OIC?", org_membership("NER", "OIC")),
        ("oms-07", "org_membership", "Is Nigeria a member of the OIC?", org_membership("NGA", "OIC")),
        ("oms-08", "org_membership", "Is South Sudan a member of the Arab League?", org_membership("SSD", "LAS")),
        ("oms-09", "org_membership", "Is Sudan a member of the Arab League?", org_membership("SDN", "LAS")),
        ("oms-10", "org_membership", "Is Equatorial Guinea an OIC member?", org_membership("GNQ", "OIC")),
        ("oms-11", "org_membership", "Is Guinea-Bissau a member of the OIC?", org_membership("GNB", "OIC")),
        ("oms-12", "org_membership", "Was Pakistan a member of SEATO?", org_membership("PAK", "SEATO")),
        ("oms-13", "org_membership", "Is Kazakhstan a member of the CSTO?", org_membership("KAZ", "CSTO")),
        ("oms-14", "org_membership", "Does Egypt belong to OPEC?", org_membership("EGY", "OPEC")),
        ("oms-15", "org_membership", "Is Guinea a member of ECOWAS?", org_membership("GIN", "ECOWAS")),
        ("oms-16", "org_membership", "Is مصر a member of the Arab League?", org_membership("EGY", "LAS")),
        ("oms-17", "org_membership", "Is Qatar in the GCC!!", org_membership("QAT", "GCC")),
        # ---------------- org_join_year ----------------
        ("ojy-01", "org_join_year", "In what year did Egypt become an OIC member?", org_join_year("EGY", "OIC")),
        ("ojy-02", "org_join_year", "What year did Türkiye enter NATO?", org_join_year("TUR", "NATO")),
        ("ojy-03", "org_join_year", "When was Qatar admitted to the League of Arab States?", org_join_year("QAT", "LAS")),
        ("ojy-04", "org_join_year", "Since when has Malaysia been a member of ASEAN?", org_join_year("MYS", "ASEAN")),
        ("ojy-05", "org_join_year", "What year did Kazakhstan join the SCO?", org_join_year("KAZ", "SCO")),
        ("ojy-06", "org_join_year", "When did Germany join NATO?", org_join_year("DEU", "NATO")),
        # West Germany (260) 1955-1989 and Germany (255) 1990-2014 are one DEU spell: 1955
        ("ojy-07", "org_join_year", "When did Nigeria join the OIC?", org_join_year("NGA", "OIC")),
        # ---------------- org_left ----------------
        ("ol-01", "org_left", "Who left CENTO?", org_left("CENTO")),
        ("ol-02", "org_left", "Which countries withdrew from the Arab League?", org_left("LAS")),
        ("ol-03", "org_left", "Which states left the OIC?", org_left("OIC")),
        ("ol-04", "org_left", "Former members of the Warsaw Pact?", org_left("WARSAW_PACT")),
        ("ol-05", "org_left", "Which countries quit OPEC?", org_left("OPEC")),
        # ---------------- org_members_with ----------------
        ("omw-01", "org_members_with", "Which members of the OIC are allied with the USA?", org_members_with("OIC", "USA", AL)),
        ("omw-02", "org_members_with", "Which Gulf Cooperation Council members signed DCAs with America?", org_members_with("GCC", "USA", DCA)),
        ("omw-03", "org_members_with", "Which Arab League states have made peace deals with Israel?", org_members_with("LAS", "ISR", NORM)),
        ("omw-04", "org_members_with", "Which OIC countries have nuclear cooperation agreements with Russia?", org_members_with("OIC", "RUS", NUC)),
        ("omw-05", "org_members_with", "Which ASEAN members conduct military exercises with Indonesia?", org_members_with("ASEAN", "IDN", EX)),
        ("omw-06", "org_members_with", "Which NATO members have defence cooperation agreements with Azerbaijan?",
         org_members_with("NATO", "AZE", DCA)),
        ("omw-07", "org_members_with", "Which D-8 members have trade agreements with Turkey?", org_members_with("D8", "TUR", ECON)),
        # ---------------- nation_organizations ----------------
        ("no-01", "nation_organizations", "What organisations does Türkiye belong to?", nation_organizations("TUR")),
        ("no-02", "nation_organizations", "List Pakistan's memberships in international organizations.", nation_organizations("PAK")),
        ("no-03", "nation_organizations", "Which blocs has Egypt been part of?", nation_organizations("EGY")),
        ("no-04", "nation_organizations", "Indonesia's organization memberships?", nation_organizations("IDN")),
        ("no-05", "nation_organizations", "Which organizations does Kazakhstan belong to?", nation_organizations("KAZ")),
        ("no-06", "nation_organizations", "Which organizations is Nigeria a member of?", nation_organizations("NGA")),
        ("no-07", "nation_organizations", "What organizations has Persia joined?", nation_organizations("IRN")),
        # ---------------- led_by ----------------
        ("lb-01", "led_by", "Which humanitarian missions has Türkiye led?", led_by("TUR", "humanitarian_mission")),
        ("lb-02", "led_by", "Which disaster relief operations were led by America?", led_by("USA", "disaster_response")),
        ("lb-03", "led_by", "Which military exercises has Pakistan organized?", led_by("PAK", EX)),
        ("lb-04", "led_by", "What deals did the USA broker?", led_by("USA")),
        ("lb-05", "led_by", "Which military operations has Saudi Arabia led?", led_by("SAU", sector="defence")),
        ("lb-06", "led_by", "Which agreements did China lead?", led_by("CHN")),
        ("lb-07", "led_by", "What has Qatar led?", led_by("QAT")),
        # ---------------- nuclear_suppliers ----------------
        ("ns-01", "nuclear_suppliers", "Who gave nuclear assistance to Pakistan?", nuclear_suppliers("PAK")),
        ("ns-02", "nuclear_suppliers", "Which nations supplied nuclear technology to Iran before 1979?", nuclear_suppliers("IRN", (None, 1978))),
        ("ns-03", "nuclear_suppliers", "From which countries did Egypt receive nuclear assistance?", nuclear_suppliers("EGY")),
        ("ns-04", "nuclear_suppliers", "Turkey's nuclear suppliers since 1980", nuclear_suppliers("TUR", (1980, None))),
        ("ns-05", "nuclear_suppliers", "Which nations helped Indonesia with nuclear technology?", nuclear_suppliers("IDN")),
        ("ns-06", "nuclear_suppliers", "Who supplied nuclear assistance to Algeria?", nuclear_suppliers("DZA")),
        ("ns-07", "nuclear_suppliers", "Which countries provided nuclear help to Bangladesh?", nuclear_suppliers("BGD")),
        # ---------------- nuclear_recipients ----------------
        ("nr-01", "nuclear_recipients", "To whom did Pakistan provide nuclear assistance?", nuclear_recipients("PAK")),
        ("nr-02", "nuclear_recipients", "Which countries received nuclear help from the Soviet Union?", nuclear_recipients("RUS")),
        ("nr-03", "nuclear_recipients", "Who did China supply nuclear technology to?", nuclear_recipients("CHN")),
        ("nr-04", "nuclear_recipients", "Recipients of American nuclear cooperation since 1990?", nuclear_recipients("USA", (1990, None))),
        ("nr-05", "nuclear_recipients", "Which nations did Argentina export nuclear technology to?", nuclear_recipients("ARG")),
        ("nr-06", "nuclear_recipients", "Which countries did India supply with nuclear assistance?", nuclear_recipients("IND")),
        # ---------------- agreements_in_period ----------------
        ("aip-01", "agreements_in_period", "Which peace deals were concluded from 2016 to 2020?", agreements_in_period((2016, 2020), NORM)),
        ("aip-02", "agreements_in_period", "Which military exercises began after 2009?", agreements_in_period((2010, None), EX)),
        ("aip-03", "agreements_in_period", "What alliances were formed in the 2000s?", agreements_in_period((2000, 2009), AL)),
        ("aip-04", "agreements_in_period", "Humanitarian missions launched since 2021?", agreements_in_period((2021, None), "humanitarian_mission")),
        ("aip-05", "agreements_in_period", "Which strategic partnerships were agreed in 2022?", agreements_in_period((2022, 2022), SP)),
        ("aip-06", "agreements_in_period", "Which intelligence sharing agreements were signed between 2015 and 2017?",
         agreements_in_period((2015, 2017), INTEL)),
        ("aip-07", "agreements_in_period", "List the disaster response operations before 2000", agreements_in_period((None, 1999), "disaster_response")),
        # ---------------- rank_nations ----------------
        ("rn-01", "rank_nations", "Which countries have signed the most defence pacts?", rank_nations(10, DP)),
        ("rn-02", "rank_nations", "Top 8 OIC members by number of trade agreements", rank_nations(8, ECON, org="OIC")),
        ("rn-03", "rank_nations", "Top 5 countries by nuclear cooperation agreements", rank_nations(5, NUC)),
        ("rn-04", "rank_nations", "Which GCC members have signed the most defence cooperation agreements?", rank_nations(10, DCA, org="GCC")),
        ("rn-05", "rank_nations", "Top 3 nations by number of defence cooperation agreements since 2000", rank_nations(3, DCA, years=(2000, None))),
        ("rn-06", "rank_nations", "Rank the countries by number of agreements", rank_nations(10)),
        # ---------------- nation_summary / definition / capabilities / sources (status only) --------
        ("ns-sum-01", "nation_summary", "Give me a profile of Türkiye's agreements.", answered()),
        ("ns-sum-02", "nation_summary", "Summarise Malaysia's partnerships", answered()),
        ("ns-sum-03", "nation_summary", "Overview of Qatar's agreements by kind?", answered()),
        ("ns-sum-04", "nation_summary", "What kinds of agreements does Azerbaijan have?", answered()),
        ("def-01", "definition", "What is a defence cooperation agreement?", answered()),
        ("def-02", "definition", "Define normalization agreement.", answered()),
        ("def-03", "definition", "What does intelligence sharing mean?", answered()),
        ("def-04", "definition", "Explain what a non-aggression obligation is.", answered()),
        ("cap-01", "capabilities", "What can you answer?", answered()),
        ("cap-02", "capabilities", "what kinds of questions do you handle", answered()),
        ("cap-03", "capabilities", "Help!!", answered()),
        ("cap-04", "capabilities", "Which types of agreements do you know about?", answered()),
        ("src-01", "sources", "Which datasets is this based on?", answered()),
        ("src-02", "sources", "How do I cite your data?", answered()),
        ("src-03", "sources", "Where does the data come from?", answered()),
        ("src-04", "sources", "What are your sources??", answered()),
    ] + FAILURES()


def FAILURES():
    return [
        # ---------------- no_results (computed: understood, but the answer set is empty) ----------------
        ("nr-fail-01", "partners", "Which countries has the United Kingdom signed normalization agreements with?", partners("GBR", NORM)),
        ("nr-fail-02", "nuclear_suppliers", "Who supplied nuclear assistance to Azerbaijan?", nuclear_suppliers("AZE")),
        ("nr-fail-03", "agreements_of_nation", "Which defence cooperation agreements did Turkey sign before 1980?",
         agreements_of("TUR", DCA, years=(None, 1979))),  # DCAD starts in 1980
        ("nr-fail-04", "agreements_in_period", "Which nuclear cooperation agreements were signed after 2010?",
         agreements_in_period((2011, None), NUC)),  # NCA ends in 2003
        ("nr-fail-05", "agreements_in_period", "Which normalization agreements were signed in the 1950s?",
         agreements_in_period((1950, 1959), NORM)),
        ("nr-fail-06", "agreements_of_nation", "Which joint exercises has Nigeria taken part in?", agreements_of("NGA", EX)),
        ("nr-fail-07", "led_by", "Which operations did Iran lead?", led_by("IRN")),
        ("nr-fail-08", "org_members", "Who are the current members of CENTO?", org_members("CENTO")),
        ("nr-fail-09", "org_left", "Who left the GCC?", org_left("GCC")),
        ("nr-fail-10", "agreement_joined", "Who joined the Agadir Agreement after it started?", agreement_joined("desta:4")),
        ("nr-fail-11", "nuclear_recipients", "To which countries did Egypt supply nuclear assistance?", nuclear_recipients("EGY")),
        ("nr-fail-12", "partners", "Which countries has Saudi Arabia signed defence cooperation agreements with before 1975?",
         partners("SAU", DCA, years=(None, 1974))),
        ("nr-fail-13", "agreements_between", "Which trade agreements have Iran and the United States signed?", between("IRN", "USA", ECON)),
        # ---------------- ambiguous (typed by hand) ----------------
        ("amb-01", "failure", "Which countries has Congo signed defence pacts with?", status("ambiguous")),
        ("amb-02", "failure", "What agreements do Korea and Turkey have?", status("ambiguous")),
        ("amb-03", "failure", "Does Pakistan have a trade agreement with Korea?", status("ambiguous")),
        ("amb-04", "failure", "Which trade agreements has the Dominican government signed?", status("ambiguous")),
        ("amb-05", "failure", "Who are Nigeri's allies?", status("ambiguous")),  # one edit from Niger and from Nigeria
        ("amb-06", "failure", "Is Corée a member of any alliance with the United States?", status("ambiguous")),
        ("amb-07", "failure", "How many agreements has the Congolese state signed?", status("ambiguous")),
        ("amb-08", "failure", "Which countries have nuclear cooperation agreements with كوريا?", status("ambiguous")),
        ("amb-09", "failure", "Is Slovania a member of NATO?", status("ambiguous")),  # one edit from Slovenia and from Slovakia
        ("amb-10", "failure", "Which defence pacts has Timor signed?", status("ambiguous")),
        ("amb-11", "failure", "Who are the partners of the Islamic Republic?", status("ambiguous")),
        ("amb-12", "failure", "Who are Jambia's trade partners?", status("ambiguous")),  # one edit from Gambia and from Zambia
        # ---------------- unknown_entity (typed by hand) ----------------
        ("unk-01", "failure", "Which countries has Wakanda signed defence pacts with?", status("unknown_entity")),
        ("unk-02", "failure", "Is Freedonia a member of the OIC?", status("unknown_entity")),
        ("unk-03", "failure", "What agreements do Pakistan and Zubrowka have?", status("unknown_entity")),
        ("unk-04", "failure", "Who are the allies of Genovia?", status("unknown_entity")),
        ("unk-05", "failure", "How many trade agreements has Latveria signed?", status("unknown_entity")),
        ("unk-06", "failure", "Does Turkey have a defence pact with Elbonia?", status("unknown_entity")),
        ("unk-07", "failure", "Which countries received nuclear assistance from Ruritania?", status("unknown_entity")),
        ("unk-08", "failure", "Who are the members of the Zubrowkan Union?", status("unknown_entity")),
        ("unk-09", "failure", "When did Egypt join the Galactic Federation?", status("unknown_entity")),
        ("unk-10", "failure", "Who signed the Treaty of Narnia?", status("unknown_entity")),
        # ---------------- out_of_scope (typed by hand) ----------------
        ("oos-01", "failure", "What is the capital of Azerbaijan?", status("out_of_scope")),
        ("oos-02", "failure", "What's the weather in Riyadh tomorrow?", status("out_of_scope")),
        ("oos-03", "failure", "Who won the football World Cup in 2022?", status("out_of_scope")),
        ("oos-04", "failure", "What is the population of Pakistan?", status("out_of_scope")),
        ("oos-05", "failure", "Who is the president of Turkey?", status("out_of_scope")),
        ("oos-06", "failure", "Which currency does Malaysia use?", status("out_of_scope")),
        ("oos-07", "failure", "What languages are spoken in Iran?", status("out_of_scope")),
        ("oos-08", "failure", "How tall is the Burj Khalifa?", status("out_of_scope")),
        ("oos-09", "failure", "Tell me a joke about Qatar", status("out_of_scope")),
        ("oos-10", "failure", "What is the GDP of Indonesia?", status("out_of_scope")),
        # ---------------- no_match (typed by hand: domain words, no question type fits) ----------------
        ("nm-01", "failure", "agreements agreements treaty", status("no_match")),
        ("nm-02", "failure", "Which defence pacts?", status("no_match")),
        ("nm-03", "failure", "treaties and pacts and deals", status("no_match")),
        ("nm-04", "failure", "partner partner partner", status("no_match")),
        ("nm-05", "failure", "signed ratified acceded", status("no_match")),
        ("nm-06", "failure", "Show me the agreements.", status("no_match")),  # no nation, agreement or years: no type fits
        ("nm-07", "failure", "trade deal accord pact", status("no_match")),
    ]


def _gold_without_noncommercial():
    """The same script run again with the sources of non-commercial terms left out (SIPRI): {id: expect}."""
    import subprocess

    env = dict(os.environ, **{S.WITHOUT_NONCOMMERCIAL: "1"})
    done = subprocess.run([sys.executable, os.path.abspath(sys.argv[0])], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def write_question_set(questions, out_path, verbose=False):
    """Check ids are unique and gold lists small, write the JSONL deterministically (shared by the
    dev, held-out and blind sets). Where a build without the non-commercial sources (exclude_noncommercial)
    answers otherwise, the line also carries that gold as "expect_without_noncommercial"."""
    if S.EXCLUDED:  # the second run of _gold_without_noncommercial: print the gold, write nothing
        print(json.dumps({qid: expect for qid, _, _, expect in questions}, sort_keys=True))
        return
    other = _gold_without_noncommercial()
    seen = set()
    lines = []
    for qid, qtype, text, expect in questions:
        assert qid not in seen, qid
        seen.add(qid)
        try:
            _check_size(expect)
        except SystemExit as e:
            raise SystemExit("%s: %s" % (qid, e)) from None
        line = {"id": qid, "type": qtype, "question": text, "expect": expect}
        if other[qid] != expect:
            line["expect_without_noncommercial"] = other[qid]
        lines.append(json.dumps(line, ensure_ascii=False, sort_keys=True))
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    if verbose:
        for line in lines:
            d = json.loads(line)
            v = next(iter(d["expect"].values()))
            print("%-14s %-26s %-5s %s | %s" % (d["id"], d["type"], len(v) if isinstance(v, list) else "",
                                                v[:8] if isinstance(v, list) else v, d["question"]))
    print("wrote %d questions to %s" % (len(lines), os.path.relpath(out_path, ROOT)))


def main():
    write_question_set(Q(), OUT, verbose="-v" in sys.argv)


if __name__ == "__main__":
    main()
