#!/usr/bin/env python3
# Derive spells of full membership in selected intergovernmental organizations from the
# Correlates of War IGO data set v3.0, state-year format.
#
# Input : state_year_format3.csv (COW IGO v3.0, converted from the igoR .rda; see
#         ../shared/data/SOURCES.md section 7)
#         sha256 540f9d07d3ee34f13712464b8dd1984cba062cee13ac86afdbde27a0e0155a60
#         15,557 rows; columns ccode, year, state, then one lower-case column per IGO.
# Command (run from the repository root):
#   python3 kg/sources/cow_igo/derive_igo_memberships.py \
#       ../shared/data/cow_igo/state_year_format3.csv kg/sources/cow_igo/
# Output: organizations.csv and igo_memberships.csv in the output folder.
# Standard library only; the output is deterministic (sorted rows, '\n' line endings).
"""Derive full-membership spells for selected IGOs from COW IGO v3.0 (state-year format).

Cell codes in the state-year file (codebook, July 2019): 0 no membership, 1 full membership,
2 associate membership, 3 observer, -9 missing data, -1 IGO not in existence.

A *spell* is a maximal run of a state's observations that are coded 1 (full membership)
in consecutive observation years. Observation years are the distinct years present
anywhere in the file: the codebook describes five-yearly observations before 1965, which
would count as consecutive, but this file (v3.0) holds every year 1816-2014, so a spell is
a run of consecutive calendar years. A spell is broken by any observed value other than 1
(0, 2, 3, -9, -1) and by a year in which the state is absent from the file (e.g. a state
out of the COW system during an occupation, or Syria during the United Arab Republic,
1959-1960).

Output columns of igo_memberships.csv:
  org_code    our upper-case organization code (see organizations.csv)
  ccode       COW state code
  start_year  first observed year of the spell
  end_year    last observed year of the spell. The data end in 2014, so end_year 2014
              means "still a full member at the end of the data", not that membership
              ended in 2014. (TURKSOY is coded -9, missing, for every state in 2014, so
              its spells end in 2013 for that reason only.)
  status      always "full"; associate (2) and observer (3) years are not exported.
  ended_by    what follows the spell: the code of the next observed year (0 no longer a
              member, 2 associate, 3 observer, -9 missing, -1 organization no longer exists),
              "absent" (the state is not in the file that year) or "data_end" (2014).
              Only 0, 2, 3, -1 and "absent" mean the full membership ended.
Rows are sorted by org_code, ccode (numerically), start_year.

Known limits of the source: membership is coded without suspensions (e.g. Egypt in the
OIC 1979-84); entry years can differ from the organizations' own records; states that are
not COW states (Palestine, Kosovo before its COW entry) are absent.
"""
import csv
import hashlib
import itertools
import os
import sys

# (code, acronym, COW column, name as in the codebook, current name, alternative names,
#  founding note). Names are the codebook's Appendix A names; current_name is filled where
# the organization has been renamed or its formal name differs.
ORGS = [
    ("ACC", "ACC", "acc", "Arab Cooperation Council", "",
     "Arab Cooperation Council",
     "Founded February 1989 (Baghdad) by Egypt, Iraq, Jordan and North Yemen; defunct after "
     "the 1990 invasion of Kuwait. COW codes full members 1989-1990 only."),
    ("AMU", "AMU", "amu", "Arab Maghreb Union", "",
     "Arab Maghreb Union;Union du Maghreb arabe;UMA",
     "Founded February 1989 (Marrakesh treaty) by Algeria, Libya, Mauritania, Morocco and "
     "Tunisia."),
    ("ASEAN", "ASEAN", "asean", "Association of South East Asian Nations",
     "Association of Southeast Asian Nations",
     "Association of Southeast Asian Nations;Association of South East Asian Nations",
     "Founded August 1967 (Bangkok Declaration)."),
    ("AU", "AU", "au", "African Union", "",
     "African Union;Union africaine",
     "Constitutive Act signed 2000 (Lome); launched July 2002 (Durban) as the successor of "
     "the OAU."),
    ("CENTO", "CENTO", "cento", "Central Treaty Organization", "",
     "Central Treaty Organization;Baghdad Pact;Middle East Treaty Organization;METO",
     "Baghdad Pact signed 1955; renamed CENTO in 1959 after Iraq's withdrawal; dissolved "
     "1979."),
    ("CICA", "CICA", "cica", "Conference on Interaction and Confidence-Building Measures",
     "Conference on Interaction and Confidence-Building Measures in Asia",
     "Conference on Interaction and Confidence-Building Measures in Asia;"
     "Conference on Interaction and Confidence Building Measures in Asia",
     "Proposed 1992 by Kazakhstan; first summit 2002 (Almaty); secretariat from 2006 (COW "
     "codes members from 2006)."),
    ("CIS", "CIS", "cis", "Commonwealth of Independent States", "",
     "Commonwealth of Independent States",
     "Founded December 1991 (Minsk agreement and Alma-Ata protocol)."),
    ("CSTO", "CSTO", "csto", "Collective Security Treaty Organization", "",
     "Collective Security Treaty Organization;Collective Security Treaty Organisation;"
     "Tashkent Treaty",
     "Collective Security Treaty signed 1992 (Tashkent); organization established 2002."),
    ("D8", "D-8", "d8", "Developing 8 Organization for Economic Cooperation",
     "D-8 Organization for Economic Cooperation",
     "D-8;D8;Developing Eight;Developing-8;D-8 Organization for Economic Cooperation",
     "Founded June 1997 (Istanbul Declaration) by Bangladesh, Egypt, Indonesia, Iran, "
     "Malaysia, Nigeria, Pakistan and Turkey."),
    ("ECO", "ECO", "eco", "Economic Cooperation Organization", "",
     "Economic Cooperation Organization;Economic Cooperation Organisation;"
     "Regional Cooperation for Development",
     "Founded 1985 by Iran, Pakistan and Turkey as the successor of Regional Cooperation "
     "for Development (RCD, 1964); enlarged 1992."),
    ("ECOWAS", "ECOWAS", "ecowas", "Economic Community of West African States", "",
     "Economic Community of West African States;CEDEAO;"
     "Communaute economique des Etats de l'Afrique de l'Ouest",
     "Founded May 1975 (Treaty of Lagos)."),
    ("EU", "EU", "eu", "European Union", "",
     "European Union;Union europeenne",
     "Established November 1993 (Maastricht Treaty). Earlier European Communities "
     "membership is a separate COW column (eec), not exported here."),
    ("GCC", "GCC", "gcc", "Gulf Cooperation Council",
     "Cooperation Council for the Arab States of the Gulf",
     "Gulf Cooperation Council;Cooperation Council for the Arab States of the Gulf",
     "Founded May 1981 (Abu Dhabi) by Bahrain, Kuwait, Oman, Qatar, Saudi Arabia and the "
     "United Arab Emirates."),
    ("IGAD", "IGAD", "igad", "Intergovernmental Authority on Development", "",
     "Intergovernmental Authority on Development;IGADD;"
     "Intergovernmental Authority on Drought and Development",
     "Founded 1986 as IGADD (Intergovernmental Authority on Drought and Development); "
     "renamed and revitalized as IGAD in 1996."),
    ("ISDB", "IsDB", "isdb", "Islamic Development Bank", "",
     "Islamic Development Bank;IsDB;IDB",
     "Founding declaration 1973 (Jeddah); operations began 1975. COW codes members from "
     "1974."),
    ("LAS", "LAS", "loas", "League of Arab States", "",
     "Arab League;League of Arab States",
     "Founded March 1945 (Pact of the League of Arab States, Cairo)."),
    ("NATO", "NATO", "nato", "North Atlantic Treaty Organization", "",
     "North Atlantic Treaty Organization;North Atlantic Treaty Organisation;"
     "North Atlantic Alliance;OTAN",
     "North Atlantic Treaty signed April 1949 (Washington)."),
    ("OAPEC", "OAPEC", "oapec", "Organization of Arab Petroleum Exporting Countries", "",
     "Organization of Arab Petroleum Exporting Countries",
     "Founded January 1968 (Beirut agreement) by Kuwait, Libya and Saudi Arabia."),
    ("OAU", "OAU", "oau", "Organization for African Unity", "Organization of African Unity",
     "Organization of African Unity;Organisation of African Unity;Organization for African "
     "Unity",
     "Founded May 1963 (Addis Ababa); replaced by the African Union in 2002. The codebook "
     "spells it 'Organization for African Unity'."),
    ("OIC", "OIC", "oic", "Organization of the Islamic Conference",
     "Organisation of Islamic Cooperation",
     "Organisation of Islamic Cooperation;Organization of Islamic Cooperation;"
     "Organization of the Islamic Conference;Organisation of the Islamic Conference",
     "Founded September 1969 (Rabat summit); charter 1972; renamed Organisation of Islamic "
     "Cooperation in June 2011."),
    ("OPEC", "OPEC", "opec", "Organization of Petroleum Exporting Countries",
     "Organization of the Petroleum Exporting Countries",
     "Organization of the Petroleum Exporting Countries;"
     "Organization of Petroleum Exporting Countries",
     "Founded September 1960 (Baghdad conference) by Iran, Iraq, Kuwait, Saudi Arabia and "
     "Venezuela."),
    ("SAARC", "SAARC", "saarc", "South Asian Association for Regional Cooperation", "",
     "South Asian Association for Regional Cooperation",
     "Founded December 1985 (Dhaka charter)."),
    ("SCO", "SCO", "sco", "Shanghai Cooperation Organisation", "",
     "Shanghai Cooperation Organisation;Shanghai Cooperation Organization;Shanghai Five",
     "Shanghai Five formed 1996; Shanghai Cooperation Organisation founded June 2001. COW "
     "codes members from 1996."),
    ("SEATO", "SEATO", "seato", "Southeast Asia Treaty Organization", "",
     "Southeast Asia Treaty Organization;Manila Pact;Southeast Asia Collective Defense "
     "Treaty",
     "Manila Pact signed September 1954; organization dissolved June 1977."),
    ("TURKSOY", "TURKSOY", "turksoy", "Joint Administration of the Turkic Culture and Arts",
     "International Organization of Turkic Culture",
     "TURKSOY;TÜRKSOY;International Organization of Turkic Culture;"
     "Joint Administration of Turkic Culture and Arts",
     "Founded July 1993 (Almaty). COW codes 2014 as missing (-9) for all states."),
    ("WARSAW_PACT", "WP", "wpact", "Warsaw Treaty Organization", "",
     "Warsaw Pact;Warsaw Treaty Organization;Warsaw Treaty Organisation;"
     "Treaty of Friendship, Co-operation and Mutual Assistance",
     "Warsaw Treaty signed May 1955; dissolved July 1991."),
]

EXPECTED_SHA256 = "540f9d07d3ee34f13712464b8dd1984cba062cee13ac86afdbde27a0e0155a60"


def sha256_of(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main(argv: list[str]) -> None:
    if len(argv) != 3:
        sys.exit("usage: derive_igo_memberships.py STATE_YEAR_FORMAT3_CSV OUTPUT_DIR")
    src, outdir = argv[1], argv[2]
    digest = sha256_of(src)
    print(f"input  {src}")
    print(f"sha256 {digest}" + ("" if digest == EXPECTED_SHA256 else
                                f"  (WARNING: expected {EXPECTED_SHA256})"))

    # Read only the needed columns. values[col][ccode][year] = cell string.
    with open(src, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        index = {name: i for i, name in enumerate(header)}
        missing = [o[2] for o in ORGS if o[2] not in index]
        if missing:
            sys.exit(f"columns not in input: {missing}")
        i_ccode, i_year = index["ccode"], index["year"]
        cols = [o[2] for o in ORGS]
        values = {c: {} for c in cols}
        years = set()
        nrows = 0
        for row in reader:
            nrows += 1
            ccode, year = int(row[i_ccode]), int(row[i_year])
            years.add(year)
            for c in cols:
                values[c].setdefault(ccode, {})[year] = row[index[c]].strip()
    grid = sorted(years)
    nxt = dict(itertools.pairwise(grid))  # next observation year
    print(f"input rows {nrows}, states {len(values[cols[0]])}, "
          f"observation years {len(grid)} ({grid[0]}-{grid[-1]})")

    def ended_by(by_year: dict[int, str], last: int) -> str:
        """Why a spell stops: the code observed the next year, 'absent' or 'data_end'."""
        following = nxt.get(last)
        if following is None:
            return "data_end"
        return by_year.get(following, "absent")

    spells = []
    for code, _acr, col, *_ in ORGS:
        for ccode, by_year in values[col].items():
            start = prev = None
            for year in sorted(by_year):
                if by_year[year] == "1":
                    if start is not None and nxt.get(prev) == year:
                        prev = year
                        continue
                    if start is not None:
                        spells.append((code, ccode, start, prev, ended_by(by_year, prev)))
                    start = prev = year
                else:
                    if start is not None:
                        spells.append((code, ccode, start, prev, ended_by(by_year, prev)))
                    start = prev = None
            if start is not None:
                spells.append((code, ccode, start, prev, ended_by(by_year, prev)))
    spells.sort()

    os.makedirs(outdir, exist_ok=True)
    org_path = os.path.join(outdir, "organizations.csv")
    with open(org_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "acronym", "name", "current_name", "alt_names", "founded_note",
                    "cow_column"])
        for code, acr, col, name, current, alt, note in sorted(ORGS):
            w.writerow([code, acr, name, current, alt, note, col])
    mem_path = os.path.join(outdir, "igo_memberships.csv")
    with open(mem_path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["org_code", "ccode", "start_year", "end_year", "status", "ended_by"])
        for code, ccode, start, end, why in spells:
            w.writerow([code, ccode, start, end, "full", why])

    print(f"{'code':<12} {'column':<8} {'states':>6} {'spells':>6} {'years':>9}  name")
    for code, _acr, col, name, *_ in sorted(ORGS):
        s = [x for x in spells if x[0] == code]
        span = f"{min(x[2] for x in s)}-{max(x[3] for x in s)}" if s else "-"
        print(f"{code:<12} {col:<8} {len({x[1] for x in s}):>6} {len(s):>6} {span:>9}  {name}")
    print(f"wrote {org_path}: {len(ORGS)} rows")
    print(f"wrote {mem_path}: {len(spells)} rows")


if __name__ == "__main__":
    main(sys.argv)
