"""Load the source CSVs into plain records, following docs/semantics.md (incl. "Round two").

Written for the blind English evaluation set, without looking at the engine. Stdlib only.
Everything here is my own reading of the contract; where I had to choose, NOTES.md says so.
"""
import csv
import os
import re
from collections import defaultdict

DATA = "/work/shared/data"
KG = "/work/main/kg/sources"

# ---------------------------------------------------------------- nations

_codelist = list(csv.DictReader(open(f"{DATA}/countrycode/codelist.csv", encoding="utf-8")))
COW_TO_ISO = {}
ISON_TO_ISO = {}
NAME_EN = {}
for _r in _codelist:
    iso = _r["iso3c"] if _r["iso3c"] not in ("", "NA") else None
    if _r["cown"] not in ("", "NA") and iso:
        COW_TO_ISO[int(_r["cown"])] = iso
    if _r["iso3n"] not in ("", "NA") and iso:
        ISON_TO_ISO[int(float(_r["iso3n"]))] = iso
    if iso:
        NAME_EN[iso] = _r["country.name.en"]
    elif _r["cown"] not in ("", "NA"):
        NAME_EN[f"cow-{_r['cown']}"] = _r["country.name.en"]
NAME_EN["XKX"] = "Kosovo"
NAME_EN["cow-730"] = "Korea"


def cow_nation(code, year=None):
    """COW numeric code -> ISO3 or cow-<code>; None when not mapped (ATOP 8152)."""
    code = int(code)
    if code == 8152:
        return None
    if code == 260:
        return "DEU"
    if code == 345:
        if year is not None and year >= 2006:
            return "SRB"
        return "cow-345"
    if code == 347:
        return "XKX"
    if code == 730:
        return "cow-730"
    return COW_TO_ISO.get(code, f"cow-{code}")


def ison_nation(code):
    code = int(float(code))
    if code == 900:
        return "XKX"
    return ISON_TO_ISO[code]


# ---------------------------------------------------------------- agreements

class Agreement:
    __slots__ = ("id", "source", "kinds", "sectors", "year", "end", "parts", "meta", "terminated")

    def __init__(self, id, source, kinds, sectors, year, end=None, meta=None):
        self.id = id
        self.source = source
        self.kinds = set(kinds)
        self.sectors = sectors if sectors is None else set(sectors)
        self.year = year
        self.end = end
        self.parts = []  # (nation, role, join, exit)
        self.meta = meta or {}
        self.terminated = False

    def add(self, nation, role="party", join=None, exit=None):
        if nation:
            self.parts.append((nation, role, join, exit))

    @property
    def parties(self):
        return {p[0] for p in self.parts}

    def __repr__(self):
        return f"<{self.id} {sorted(self.kinds)} {self.year} {sorted(self.parties)}>"


PACT_KINDS = {"defence_pact", "offence_pact", "neutrality_pact", "nonaggression_pact", "consultation_pact"}
ATOP_FLAG_KIND = {"defense": "defence_pact", "offense": "offence_pact", "neutral": "neutrality_pact",
                  "nonagg": "nonaggression_pact", "consul": "consultation_pact"}


def kind_matches(agreement, kind):
    if kind is None:
        return True
    if kind in agreement.kinds:
        return True
    if kind == "alliance" and agreement.kinds & PACT_KINDS:
        return True
    return False


AGREEMENTS = []
BY_NATION = {}  # nation -> agreements it is a party of (rebuilt by load_agreements)
BY_ID = {}


def _atop(lenient_merge=False):
    a_rows = {r["atopid"]: r for r in csv.DictReader(open(f"{DATA}/atop/atop5_1a.csv"))}
    phases = defaultdict(list)
    for r in csv.DictReader(open(f"{DATA}/atop/atop5_1m.csv")):
        nation = cow_nation(r["member"], int(r["yrent"]))
        if nation is None:
            continue
        phases[(r["atopid"], nation)].append(
            (int(r["yrent"]), int(r["moent"]), int(r["yrexit"]), int(r["moexit"])))
    out = {}
    for atopid, r in a_rows.items():
        kinds = {"alliance"} | {k for f, k in ATOP_FLAG_KIND.items() if r[f] == "1"}
        sectors = {"defence"}
        if r["milaid"] in ("1", "2", "3", "4"):
            sectors.add("military_assistance")
        if r["ecaid"] in ("1", "2", "3"):
            sectors.add("economy")
        endyr = int(r["endyr"])
        ag = Agreement(f"atop:{atopid}", "atop", kinds, sectors, int(r["begyr"]), endyr or None,
                       meta={k: r[k] for k in ("defense", "offense", "neutral", "nonagg", "consul")})
        out[atopid] = ag
    for (atopid, nation), ph in phases.items():
        ph.sort()
        spells = []
        for (ys, ms, ye, me) in ph:
            if spells:
                pys, pms, pye, pme = spells[-1]
                joined = (ys, ms) == (pye, pme)
                if lenient_merge and pye != 0:
                    joined = joined or (ys * 12 + ms) - (pye * 12 + pme) <= 1
                if joined:
                    spells[-1] = (pys, pms, ye, me)
                    continue
            spells.append((ys, ms, ye, me))
        for (ys, ms, ye, me) in spells:
            out[atopid].add(nation, "member", ys, ye or None)
    return list(out.values())


DCAD_SECTOR = {"DIC": "defence_industry", "TREX": "training_exercises", "PROCUREMENT": "arms_procurement",
               "RESEARCH": "defence_research", "COMMISSION": "joint_commission"}


def _dcad():
    out = []
    for r in csv.DictReader(open(f"{DATA}/dcad/DCAD-v1.0-main.csv", encoding="utf-8")):
        year = int(r["signYear"])
        sectors = {"defence"} | {DCAD_SECTOR[r[c]] for c in ("category1", "category2", "category3")
                                 if r[c] in DCAD_SECTOR}
        ag = Agreement(f"dcad:{r['DCAid']}", "dcad", {"dca"}, sectors, year)
        ag.terminated = r["terminated"] == "1"
        ag.add(cow_nation(r["ccode1"], year))
        ag.add(cow_nation(r["ccode2"], year))
        out.append(ag)
    return out


def _desta():
    rows = list(csv.DictReader(open(f"{DATA}/desta/desta_list_of_treaties_02_03.csv", encoding="latin-1")))

    def members(r, flag=None):
        res = []
        for i in range(1, 92):
            v = r[f"c{i}"]
            if v in ("", "NA"):
                continue
            if flag is not None and r[f"mc{i}"] != flag:
                continue
            res.append(ison_nation(v))
        return res

    base = {}
    for r in rows:
        if r["entry_type"] == "base_treaty":
            ag = Agreement(f"desta:{r['number']}", "desta", {"trade"}, {"economy"}, int(r["year"]),
                           meta={"name": r["name"]})
            ag.meta["_m"] = {n: [None, None] for n in members(r)}
            base[r["number"]] = ag
    # accessions in year order, then file order
    acc = [r for r in rows if r["entry_type"] == "accession"]
    acc.sort(key=lambda r: int(r["year"]))
    for r in acc:
        ag = base.get(r["base_treaty"])
        if ag is None:
            continue
        for n in members(r):
            if n not in ag.meta["_m"]:
                ag.meta["_m"][n] = [int(r["year"]), None]
    for r in rows:
        if r["entry_type"] == "withdrawal":
            ag = base.get(r["base_treaty"])
            if ag is None:
                continue
            for n in members(r, "1"):
                if n in ag.meta["_m"]:
                    ag.meta["_m"][n][1] = int(r["year"])
                else:
                    ag.meta.setdefault("_withdrew_nonparty", []).append(n)
    for ag in base.values():
        for n, (j, e) in ag.meta.pop("_m").items():
            ag.add(n, "member", j, e)
    return list(base.values())


def _nca():
    out = []
    with open(f"{DATA}/nca/nca_dataset_v2.0.csv", encoding="utf-8") as f:
        for i, r in enumerate(csv.DictReader(f), start=1):
            year = int(r["year"])
            t = int(float(r["nca_type"]))
            sectors = {"nuclear"}
            if t in (5, 6):
                sectors.add("energy")
            if t == 7:
                sectors.add("defence")
            ag = Agreement(f"nca:{i}", "nca", {"nuclear"}, sectors, year, meta={"type": t})
            ag.add(cow_nation(r["ccode1"], year), "supplier")
            ag.add(cow_nation(r["ccode2"], year), "recipient")
            out.append(ag)
    return out


CURATED_KIND = {"normalization": "normalization", "strategic_partnership": "strategic_partnership",
                "joint_exercise": "joint_exercise", "intelligence_sharing": "intelligence_sharing",
                "military_assistance": "military_assistance", "defense_industry": "defence_industry",
                "technology_exchange": "technology_exchange", "humanitarian_mission": "humanitarian_mission",
                "disaster_response": "disaster_response", "economic_partnership": "trade",
                "defence_pact": "defence_pact", "nuclear_cooperation": "nuclear",
                "defence_cooperation": "dca"}
CURATED = {}


def _curated():
    out = []
    for r in csv.DictReader(open(f"{DATA}/curated/agreements.csv", encoding="utf-8")):
        kinds = {CURATED_KIND[r["category"]]}
        for k in filter(None, r["also_kinds"].split(";")):
            kinds.add(CURATED_KIND[k])
        if "defence_pact" in kinds:
            kinds.add("alliance")
        sectors = {"defence" if s == "defense" else s for s in r["sectors"].split(";") if s}
        if r["category"] == "military_assistance":
            sectors.add("military_assistance")
        if r["category"] == "defense_industry":
            sectors.add("defence_industry")
        if r["category"] == "joint_exercise":
            sectors.add("training_exercises")
        end = int(r["end_date"][:4]) if r["end_date"] else None
        ag = Agreement(f"curated:{r['id']}", "curated", kinds, sectors, int(r["start_date"][:4]), end,
                       meta={"name": r["name"], "lead": r["lead_party"] or None, "row": r})
        for p in r["parties"].split(";"):
            ag.add(p)
        CURATED[r["id"]] = ag
        out.append(ag)
    return out


# SIPRI names -> nations (a written table; names not listed and not in countrycode are not nations)
SIPRI_NAMES = {
    "Bosnia-Herzegovina": "BIH", "Cabo Verde": "CPV", "Congo": "COG", "DR Congo": "COD",
    "Cote d'Ivoire": "CIV", "Czechia": "CZE", "eSwatini": "SWZ", "Laos": "LAO", "Viet Nam": "VNM",
    "Saint Vincent": "VCT", "Saint Kitts and Nevis": "KNA", "North Macedonia": "MKD", "Timor-Leste": "TLS",
    "Turkiye": "TUR", "UAE": "ARE", "Palestine": "PSE", "Kosovo": "XKX", "Soviet Union": "RUS",
    "Russia": "RUS", "Aruba": "ABW", "Western Sahara": "ESH", "North Yemen": "cow-678",
    "Yemen Arab Republic (North Yemen)": "cow-678", "South Yemen": "cow-680", "Czechoslovakia": "cow-315",
    "East Germany (GDR)": "cow-265", "Yugoslavia": "cow-345", "South Vietnam": "cow-817",
    "United States": "USA", "United Kingdom": "GBR", "South Korea": "KOR", "North Korea": "PRK",
    "Iran": "IRN", "Syria": "SYR", "Brunei": "BRN", "Taiwan": "TWN", "Moldova": "MDA", "Bolivia": "BOL",
    "Venezuela": "VEN", "Tanzania": "TZA", "Gambia": "GMB", "Bahamas": "BHS", "Myanmar": "MMR",
    "Libya": "LBY", "Netherlands": "NLD", "Antigua and Barbuda": "ATG", "Trinidad and Tobago": "TTO",
}
NON_NATION = {"Biafra", "Katanga", "Northern Cyprus", "unknown supplier(s)", "unknown recipient(s)"}
_EN_TO_ISO = {v: k for k, v in NAME_EN.items() if not k.startswith("cow-")}


RISKY_NAMES = {"Western Sahara", "Aruba", "Hong Kong SAR China", "Bermuda", "New Caledonia"}
SKIP_RISKY = [False]  # alternative reading: names whose status as a nation the contract leaves open


def sipri_nation(name):
    if name.endswith("*") or name in NON_NATION:
        return None
    if SKIP_RISKY[0] and name in RISKY_NAMES:
        return None
    if name in SIPRI_NAMES:
        return SIPRI_NAMES[name]
    if name in _EN_TO_ISO:
        return _EN_TO_ISO[name]
    raise KeyError(name)


AID_RE = re.compile(r"\baid\b|\bgift\b|\bdonat|financed by", re.I)
LICENCE_RE = re.compile(r"licen[cs]|co-?produc|joint(ly)? produc", re.I)
SIPRI = []


def _num(s):
    s = s.strip()
    return float(s) if s else 0.0


def _sipri():
    lines = open(f"{DATA}/sipri_at/trade-register.csv", encoding="latin-1").read().split("\n")
    recs = []
    for row in csv.reader(lines[12:]):
        if not row:
            continue
        if row[0] == "" and len(row) == 4 and recs:
            recs[-1] = recs[-1][:13] + row[1:]
            continue
        recs.append(row)
    assert len(recs) == 29515, len(recs)
    out = []
    for i, r in enumerate(recs, start=1):
        (rec, sup, yo, yo_q, n_ord, n_ord_q, desig, desc, n_del, n_del_q, ydel, status, comm,
         tiv_u, tiv_t, tiv_d) = r
        kinds = {"arms_transfer"}
        if AID_RE.search(comm):
            kinds.add("military_assistance")
        if LICENCE_RE.search(comm):
            kinds.add("defence_industry")
        ag = Agreement(f"sipri:{i}", "sipri", kinds, None, int(yo),
                       meta={"designation": desig, "description": desc, "comments": comm,
                             "delivery": [int(y) for y in ydel.split("; ") if y.strip()],
                             "tiv_delivered": _num(tiv_d), "supplier_name": sup, "recipient_name": rec})
        ag.add(sipri_nation(sup), "supplier")
        ag.add(sipri_nation(rec), "recipient")
        out.append(ag)
        SIPRI.append(ag)
    return out


MME_NAMES = {
    "Antigua & Barbuda": "ATG", "Bosnia & Herzegovina": "BIH", "Cape Verde": "CPV",
    "Congo - Brazzaville": "COG", "Congo - Kinshasa": "COD", "Côte d’Ivoire": "CIV",
    "Myanmar (Burma)": "MMR", "St. Kitts & Nevis": "KNA", "st. christopher": "KNA", "St. Lucia": "LCA",
    "St. Vincent & Grenadines": "VCT", "São Tomé & Príncipe": "STP", "Trinidad & Tobago": "TTO",
    "Russia": "RUS", "Federal Republic of Germany": "DEU", "Germany": "DEU",
    "German Democratic Republic": "cow-265", "Czechoslovakia": "cow-315", "Yugoslavia": "cow-345",
    "United States": "USA", "United Kingdom": "GBR", "South Korea": "KOR", "North Korea": "PRK",
    "Iran": "IRN", "Syria": "SYR", "Brunei": "BRN", "Taiwan": "TWN", "Moldova": "MDA", "Bolivia": "BOL",
    "Venezuela": "VEN", "Tanzania": "TZA", "Gambia": "GMB", "Bahamas": "BHS", "Laos": "LAO",
    "Vietnam": "VNM", "Czechia": "CZE", "Eswatini": "SWZ", "Turkey": "TUR", "Libya": "LBY",
    "Netherlands": "NLD", "Hong Kong SAR China": "HKG", "Bermuda": "BMU", "New Caledonia": "NCL",
    "North Macedonia": "MKD", "Timor-Leste": "TLS",
}
MME_SKIP = {"NATO", "Baltic States", "-9", "Netherlands Antilles"}
MME = []


def _mme():
    rows = list(csv.DictReader(open(f"{DATA}/mme/mme_v7.csv", encoding="utf-8")))
    counts = defaultdict(int)
    for r in rows:
        counts[r["MMEID"]] += 1
    seen = defaultdict(int)
    cols = [c for c in rows[0] if c.startswith("State")]
    out = []
    for r in rows:
        mid = r["MMEID"]
        if counts[mid] > 1:
            seen[mid] += 1
            mid = f"{mid}-{seen[mid]}"
        sectors = {"defence", "training_exercises"}
        if r["Humanitarian"] == "1":
            sectors.add("humanitarian")
        if r["Peacekeeping"] == "1":
            sectors.add("peacekeeping")
        ag = Agreement(f"mme:{mid}", "mme", {"joint_exercise"}, sectors, int(r["s.year"]),
                       meta={"name": r["Ex_Name"], "series": r["Series_Name"].strip(),
                             "nato": any(r[c].strip() == "NATO" for c in cols)})
        for c in cols:
            name = r[c].strip()
            if not name or name in MME_SKIP or (SKIP_RISKY[0] and name in RISKY_NAMES):
                continue
            iso = MME_NAMES.get(name) or _EN_TO_ISO[name]
            ag.add(iso)
        out.append(ag)
        MME.append(ag)
    return out


def load_agreements(lenient_merge=False, skip_risky=False):
    SKIP_RISKY[0] = skip_risky
    AGREEMENTS.clear()
    SIPRI.clear()
    MME.clear()
    for f in (lambda: _atop(lenient_merge), _dcad, _desta, _nca, _curated, _sipri, _mme):
        AGREEMENTS.extend(f())
    BY_NATION.clear()
    BY_ID.clear()
    for a in AGREEMENTS:
        BY_ID[a.id] = a
        for n in a.parties:
            BY_NATION.setdefault(n, []).append(a)
    return AGREEMENTS


# ---------------------------------------------------------------- organizations

ORG_ROWS = {r["code"]: r for r in csv.DictReader(open(f"{KG}/cow_igo/organizations.csv", encoding="utf-8"))}
OIC_ROWS = list(csv.DictReader(open(f"{DATA}/oic/oic_membership_sis2023_factbook2026_cow.csv", encoding="utf-8")))
OIC_MEMBERS = {r["iso3c"]: int(r["joined_year"]) for r in OIC_ROWS if r["status"] == "member"}
OIC_OBSERVERS = {r["iso3c"] or "turkish-cypriot-state": int(r["joined_year"])
                 for r in OIC_ROWS if r["status"] == "observer"}


def _igo_spells():
    raw = defaultdict(list)
    for r in csv.DictReader(open(f"{KG}/cow_igo/igo_memberships.csv", encoding="utf-8")):
        n = cow_nation(r["ccode"], int(r["start_year"]))
        raw[(r["org_code"], n)].append([int(r["start_year"]), int(r["end_year"]), r["ended_by"]])
    spells = defaultdict(list)  # org -> [(nation, start, end, ended_by)]
    for (org, n), sp in raw.items():
        sp.sort()
        merged = []
        for s in sp:
            if merged and s[0] == merged[-1][1] + 1:
                merged[-1][1] = s[1]
                merged[-1][2] = s[2]
            else:
                merged.append(list(s))
        for s, e, by in merged:
            spells[org].append((n, s, e, by))
    return spells


IGO = _igo_spells()
