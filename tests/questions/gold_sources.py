"""The round-two sources for the gold answers (SIPRI trade register, MME v7, the OIC list), read from the CSV
files of kg/sources/ with the standard library, independently of the build (kg/*.py) and of the engine.

Used by make_gold.py (imported as a sibling module). The rules are docs/semantics.md, "Round two"; the only
tables shared with the build are the hand-written ones of kg/sources/lexicon/ that the contract names as the
source of a fact (weapon description → category, exercise series → curated exercise). Names become nations by
matching countrycode's English names, plus the exceptions written below: a second route to the same answer as
the build's written name tables, so a wrong row in either shows up as a gold mismatch.
"""
from __future__ import annotations

import csv
import io
import os
import re
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(os.path.dirname(os.path.dirname(HERE)), "kg", "sources")
# Set by make_gold.py to compute the gold of a build with exclude_noncommercial (SIPRI left out).
WITHOUT_NONCOMMERCIAL = "SHARAKA_GOLD_WITHOUT_NONCOMMERCIAL"
EXCLUDED = os.environ.get(WITHOUT_NONCOMMERCIAL) == "1"


def read(rel, encoding="utf-8"):
    with open(os.path.join(SRC, rel), encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def fold(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


_ENGLISH = {}
for _r in read("countrycode/codelist.csv"):
    _iso = _r["iso3c"] or ("XKX" if _r["wb"] == "XKX" else "")
    if _iso:
        for _c in ("country.name.en", "cldr.name.en", "un.name.en", "iso.name.en", "cldr.short.en",
                   "cldr.variant.en", "cow.name"):
            if _r.get(_c):
                _ENGLISH.setdefault(fold(_r[_c]), _iso)

# SIPRI names countrycode does not give, and names that are not one state (docs/semantics.md, "SIPRI").
SIPRI_EXCEPTIONS = {
    "Soviet Union": "RUS", "Czechoslovakia": "cow-315", "East Germany (GDR)": "cow-265", "Yugoslavia": "cow-345",
    "South Vietnam": "cow-817", "North Yemen": "cow-678", "Yemen Arab Republic (North Yemen)": "cow-678",
    "South Yemen": "cow-680", "Kosovo": "XKX", "Turkiye": "TUR", "UAE": "ARE", "Palestine": "PSE",
    "DR Congo": "COD", "Saint Vincent": "VCT", "Biafra": "actor:Biafra", "Katanga": "actor:Katanga",
    "Northern Cyprus": "actor:Northern Cyprus",
    "African Union**": "org:AU", "European Union**": "org:EU", "NATO**": "org:NATO", "OSCE**": "org:OSCE",
    "Regional Security System**": "org:RSS", "United Nations**": "org:UN",
    "unknown supplier(s)": None, "unknown recipient(s)": None,
}
MME_EXCEPTIONS = {
    "Russia": "RUS", "Federal Republic of Germany": "DEU", "German Democratic Republic": "cow-265",
    "Czechoslovakia": "cow-315", "Yugoslavia": "cow-345", "st. christopher": "KNA", "NATO": "org:NATO",
    "Netherlands Antilles": None, "Baltic States": None, "-9": None,
}


def party_key(name, exceptions):
    """Nation key (ISO3 / cow-<code>), 'actor:<name>' for a non-state actor, 'org:<code>', or None."""
    if name in exceptions:
        return exceptions[name]
    if name.endswith("*"):
        return "actor:" + name.rstrip("*")
    return _ENGLISH[fold(name)]


def is_nation(key):
    return key is not None and not key.startswith(("actor:", "org:"))


# ---------------------------------------------------------------------------------------------
# SIPRI
# ---------------------------------------------------------------------------------------------
AID = re.compile(r"\baid\b|\bgift\b|\bdonat|financed by", re.I)
LICENSED = re.compile(r"licen[cs]|co-?produc|joint(ly)? produc", re.I)
WEAPONS = {r["description"]: [r["category"], *[n for n in r["narrower"].split(";") if n]]
           for r in read("lexicon/sipri_weapon_categories.csv")}
# The narrower weapon concepts and their broader ones (ontology/sharaka.ttl, weapon-category scheme).
WEAPON_BROADER = {"combat_aircraft": "aircraft", "helicopters": "aircraft", "uavs": "aircraft",
                  "armed_drones": "uavs", "tanks": "armoured_vehicles", "submarines": "ships",
                  "frigates": "ships", "corvettes": "ships"}


def sipri_records():
    """The 29,515 records: notes and header skipped, the four comments with a line break joined again."""
    with open(os.path.join(SRC, "sipri_at", "trade-register.csv"), encoding="latin-1", newline="") as f:
        body = f.read().split("\n", 12)[12]
    body = re.sub(r"\r?\n(?=,[^,\n]*,[^,\n]*,[^,\n]*(\n|$))", "", body)
    return [r for r in csv.reader(io.StringIO(body)) if r]


def weapon_categories(description):
    out = set()
    for concept in WEAPONS[description]:
        while concept:
            out.add(concept)
            concept = WEAPON_BROADER.get(concept)
    return out


# ---------------------------------------------------------------------------------------------
# MME
# ---------------------------------------------------------------------------------------------
SERIES = {r["series_name"]: (r["series"], r["curated_id"]) for r in read("lexicon/exercise_series.csv")}


def mme_rows():
    rows = read("mme/mme_v7.csv")
    total = {}
    for r in rows:
        total[r["MMEID"]] = total.get(r["MMEID"], 0) + 1
    seen = {}
    for r in rows:
        seen[r["MMEID"]] = seen.get(r["MMEID"], 0) + 1
        r["_id"] = r["MMEID"] if total[r["MMEID"]] == 1 else "%s-%d" % (r["MMEID"], seen[r["MMEID"]])
        r["_parties"] = {k for k in (party_key(r[c], MME_EXCEPTIONS) for c in r if c.startswith("State") and r[c])
                         if k}
        name = r["Series_Name"].strip()
        r["_series"] = " ".join(SERIES.get(name, (name, ""))[0].split()).casefold() if name else None
        r["_curated"] = SERIES.get(name, ("", ""))[1] or None
    return rows


# ---------------------------------------------------------------------------------------------
# OIC
# ---------------------------------------------------------------------------------------------
def oic_rows():
    """(status, key, joined year) of the OIC list; the Turkish Cypriot State is not a nation."""
    return [(r["status"], r["iso3c"] or "actor:Northern Cyprus", int(r["joined_year"]))
            for r in read("oic/oic_membership_sis2023_factbook2026_cow.csv")]
