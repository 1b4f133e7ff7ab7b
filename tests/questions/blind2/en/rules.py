"""The answer rules of docs/semantics.md, as I read them, over the records of data.py.

Years: a `years` argument is an inclusive (lo, hi) range on the start year (None = open end).
State-of-affairs questions ("allies in 1978", "before 1990" about a state) use in_force_*.
"""
import re
from collections import Counter, defaultdict

import data
from data import kind_matches

INF = 10 ** 6

# Readings of unclear points; gold.py recomputes every question under the alternatives and keeps
# only the questions whose answer does not depend on them (see NOTES.md).
READING = {
    "sipri_sectors": False,   # True: a SIPRI deal covers defence (+ mil. assistance / defence industry)
    "org_filter_ever": False,  # True: "which GCC states" = members ever, not current members
    "wide_categories": False,  # True: edge weapon descriptions also count (e.g. "(armed) UAV")
    "nuclear_curated": False,  # True: curated nuclear rows add suppliers/recipients (both ways)
}


def _sectors(a):
    if a.sectors is not None:
        return a.sectors
    if a.source == "sipri" and READING["sipri_sectors"]:
        s = {"defence"}
        if "military_assistance" in a.kinds:
            s.add("military_assistance")
        if "defence_industry" in a.kinds:
            s.add("defence_industry")
        return s
    return set()


def _in(year, years):
    if years is None:
        return True
    lo, hi = years
    return (lo is None or year >= lo) and (hi is None or year <= hi)


def select(kind=None, sector=None, years=None, sources=None, among=None):
    out = []
    for a in (data.AGREEMENTS if among is None else among):
        if sources and a.source not in sources:
            continue
        if not kind_matches(a, kind):
            continue
        if sector and sector not in _sectors(a):
            continue
        if not _in(a.year, years):
            continue
        out.append(a)
    return out


def _with(x, **kw):
    return select(among=data.BY_NATION.get(x, []), **kw)


# ------------------------------------------------------------ nations and agreements

def partners(x, **kw):
    res = set()
    for a in _with(x, **kw):
        res |= a.parties
    res.discard(x)
    return res


def agreements_of(x, **kw):
    return {a.id for a in _with(x, **kw)}


def agreements_between(x, y, **kw):
    return {a.id for a in _with(x, **kw) if y in a.parties}


def _interval(a, nation):
    """Years in which `nation` is a party of `a` in force: list of (lo, hi)."""
    res = []
    for (n, role, j, e) in a.parts:
        if n != nation:
            continue
        lo = max(a.year, j if j is not None else -INF)
        hi = min(a.end if a.end is not None else INF, e if e is not None else INF)
        if lo <= hi:
            res.append((lo, hi))
    return res


def together(a, x, y, lo, hi):
    """x and y are both parties of `a`, in force, in some year of [lo, hi]."""
    for (l1, h1) in _interval(a, x):
        for (l2, h2) in _interval(a, y):
            if max(l1, l2, lo) <= min(h1, h2, hi):
                return True
    return False


def partners_in_force(x, lo, hi=None, kind=None, sector=None):
    hi = lo if hi is None else hi
    res = set()
    for a in _with(x, kind=kind, sector=sector):
        for p in a.parties - {x}:
            if together(a, x, p, lo, hi):
                res.add(p)
    return res


def agreements_in_force_between(x, y, lo, hi=None, kind=None):
    hi = lo if hi is None else hi
    return {a.id for a in _with(x, kind=kind) if y in a.parties and together(a, x, y, lo, hi)}


def top_partners(x, n=5, **kw):
    c = Counter()
    for a in _with(x, **kw):
        for p in a.parties - {x}:
            c[p] += 1
    return ranked(c, n)


def ranked(counter, n):
    """Top n keys by count, ties at the cut broken by English name. Returns (top, tie_at_cut)."""
    items = sorted(counter.items(), key=lambda kv: (-kv[1], data.NAME_EN.get(kv[0], kv[0])))
    top = items[:n]
    tie = len(items) > n and items[n][1] == top[-1][1]
    return {k for k, _ in top}, tie


def maxima(counter):
    if not counter:
        return set()
    m = max(counter.values())
    return {k for k, v in counter.items() if v == m}


def first_between(x, y, latest=False, **kw):
    ags = [a for a in _with(x, **kw) if y in a.parties]
    if not ags:
        return None, set()
    yr = max(a.year for a in ags) if latest else min(a.year for a in ags)
    return yr, {a.id for a in ags if a.year == yr}


def first_of(x, latest=False, **kw):
    ags = _with(x, **kw)
    if not ags:
        return None, set()
    yr = max(a.year for a in ags) if latest else min(a.year for a in ags)
    return yr, {a.id for a in ags if a.year == yr}


def common_partners(x, y, **kw):
    return (partners(x, **kw) & partners(y, **kw)) - {x, y}


def by_obligation(x, flag):
    res = set()
    for a in _with(x, sources={"atop"}):
        if a.meta[flag] == "1":
            res |= a.parties
    res.discard(x)
    return res


def agreement(aid):
    return data.BY_ID[aid]


def parties_at(aid, year):
    a = agreement(aid)
    return {n for n in a.parties if any(lo <= year <= hi for lo, hi in _interval(a, n))}


def joined(aid):
    a = agreement(aid)
    return {n for (n, r, j, e) in a.parts if j is not None and j > a.year}


def left(aid):
    a = agreement(aid)
    end = a.end if a.end is not None else INF
    return {n for (n, r, j, e) in a.parts if e is not None and e < end}


def in_force(aid):
    a = agreement(aid)
    return not (a.end is not None or a.terminated)


def led_by(x):
    return {a.id for a in data.AGREEMENTS if a.source == "curated" and a.meta["lead"] == x}


def in_period(kind=None, sector=None, years=None):
    return {a.id for a in select(kind=kind, sector=sector, years=years)}


def rank_nations(n=None, org=None, **kw):
    c = Counter()
    for a in select(**kw):
        for p in a.parties:
            c[p] += 1
    if org:
        mem = org_filter(org)
        c = Counter({k: v for k, v in c.items() if k in mem})
    if n is None:
        return maxima(c), False
    return ranked(c, n)


def count_by_nation(org=None, **kw):
    c = Counter()
    for a in select(**kw):
        for p in a.parties:
            c[p] += 1
    return c


# ------------------------------------------------------------ organizations

def org_members(org):
    if org == "OIC":
        return set(data.OIC_MEMBERS)
    return {n for (n, s, e, by) in data.IGO[org] if e == 2014 and by == "data_end"}


def org_members_ever(org):
    if org == "OIC":
        return set(data.OIC_MEMBERS)
    return {n for (n, s, e, by) in data.IGO[org]}


def org_filter(org):
    return org_members_ever(org) if READING["org_filter_ever"] else org_members(org)


def org_members_at(org, year):
    if org == "OIC":
        return {n for n, j in data.OIC_MEMBERS.items() if j <= year}
    return {n for (n, s, e, by) in data.IGO[org] if s <= year <= e}


def org_join_year(org, x):
    if org == "OIC":
        return data.OIC_MEMBERS.get(x)
    starts = [s for (n, s, e, by) in data.IGO[org] if n == x]
    return min(starts) if starts else None


def is_member(org, x):
    if org == "OIC":
        return x in data.OIC_MEMBERS
    return any(n == x for (n, s, e, by) in data.IGO[org])


def org_left(org):
    return {n for (n, s, e, by) in data.IGO[org] if by in ("0", "2", "3", "-1", "absent")}


def org_joined_in(org, lo, hi):
    if org == "OIC":
        return {n for n, j in data.OIC_MEMBERS.items() if lo <= j <= hi}
    return {n for (n, s, e, by) in data.IGO[org] if lo <= s <= hi}


def nation_orgs(x):
    res = {org for org, sp in data.IGO.items() if org != "OIC" and any(n == x for (n, *_r) in sp)}
    if x in data.OIC_MEMBERS:
        res.add("OIC")
    return res


def org_members_with(org, x, **kw):
    return partners(x, **kw) & org_filter(org)


# ------------------------------------------------------------ nuclear (NCA)

def nuclear_suppliers(x):
    res = {a.parts[0][0] for a in data.AGREEMENTS if a.source == "nca" and len(a.parts) == 2
           and a.parts[1][0] == x}
    if READING["nuclear_curated"]:
        res |= partners(x, kind="nuclear", sources={"curated"})
    res.discard(x)
    return res


def nuclear_recipients(x):
    res = {a.parts[1][0] for a in data.AGREEMENTS if a.source == "nca" and len(a.parts) == 2
           and a.parts[0][0] == x}
    if READING["nuclear_curated"]:
        res |= partners(x, kind="nuclear", sources={"curated"})
    res.discard(x)
    return res


# ------------------------------------------------------------ arms transfers (SIPRI)

CATEGORY = {
    "combat aircraft": {"FGA aircraft", "fighter aircraft", "bomber aircraft", "ground-attack aircraft",
                        "trainer/combat aircraft"},
    "uav": {"UAV", "armed UAV", "UCAV"},
    "armed drone": {"armed UAV", "UCAV"},
    "tank": {"tank", "light tank"},
    "frigate": {"frigate"},
    "corvette": {"corvette"},
}
CATEGORY_WIDE = {
    "combat aircraft": {"FGA/electronic warfare aircraft", "(armed) trainer aircraft"},
    "uav": {"(armed) UAV", "maritime patrol UAV", "light aircraft/UAV", "one-way attack drone",
            "loitering munition"},
    "armed drone": {"(armed) UAV", "one-way attack drone", "loitering munition"},
    "tank": {"training tank"},
    "frigate": {"frigate/landing ship", "patrol ship/frigate", "ampibious assault ship/frigate"},
    "corvette": {"corvette/minesweeper"},
    "submarine": set(),
    "helicopter": {"helicopter/transport aircraft"},
}


def in_category(desc, cat):
    if cat is None:
        return True
    if cat == "helicopter":
        ok = desc.endswith("helicopter")
    elif cat == "submarine":
        ok = desc == "submarine" or desc.endswith(" submarine")
    else:
        ok = desc in CATEGORY[cat]
    if not ok and READING["wide_categories"]:
        ok = desc in CATEGORY_WIDE.get(cat, set())
    return ok


def _norm(s):
    return re.sub(r"[^0-9a-z]", "", s.lower())


def deals(supplier=None, recipient=None, cat=None, years=None, designation=None, delivered=None):
    out = []
    for a in data.SIPRI:
        sup = [n for (n, r, j, e) in a.parts if r == "supplier"]
        rec = [n for (n, r, j, e) in a.parts if r == "recipient"]
        if supplier and supplier not in sup:
            continue
        if recipient and recipient not in rec:
            continue
        if not in_category(a.meta["description"], cat):
            continue
        if not _in(a.year, years):
            continue
        if designation and _norm(designation) not in _norm(a.meta["designation"]):
            continue
        if delivered and not a.meta["delivery"]:
            continue
        out.append(a)
    return out


def _role(a, role):
    return {n for (n, r, j, e) in a.parts if r == role}


def arms_suppliers(x, **kw):
    res = set()
    for a in deals(recipient=x, **kw):
        res |= _role(a, "supplier")
    return res


def arms_recipients(y, **kw):
    res = set()
    for a in deals(supplier=y, **kw):
        res |= _role(a, "recipient")
    return res


def exported(x, y, **kw):
    return {a.id for a in deals(supplier=x, recipient=y, **kw)}


def buyers(org=None, supplier=None, **kw):
    res = set()
    for a in deals(supplier=supplier, **kw):
        res |= _role(a, "recipient")
    if org:
        res &= org_filter(org)
    return res


def top_suppliers(x, n=5, years=None):
    c = Counter()
    for a in deals(recipient=x, years=years):
        for s in _role(a, "supplier"):
            c[s] += a.meta["tiv_delivered"]
    return ranked(c, n)


def received(x, cat, y):
    return bool(deals(supplier=y, recipient=x, cat=cat, delivered=True))


def licence_producers(y, org=None):
    res = set()
    for a in deals(supplier=y):
        if "defence_industry" in a.kinds:
            res |= _role(a, "recipient")
    if org:
        res &= org_filter(org)
    return res


# ------------------------------------------------------------ exercises (MME + curated)

def exercises_between(x, y, years=None):
    return {a.id for a in _with(x, kind="joint_exercise", years=years) if y in a.parties}


def series_participants(series, year):
    res = set()
    for a in data.MME:
        if a.meta["series"].lower() == series.lower() and a.year == year:
            res |= a.parties
    return res


def humanitarian_exercise_partners(x, org="OIC"):
    res = set()
    for a in _with(x, kind="joint_exercise", sector="humanitarian"):
        res |= a.parties
    res.discard(x)
    return res & org_filter(org)
