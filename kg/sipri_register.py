"""Reading SIPRI's trade register: its notes, its split records, and the written tables for its names and
weapon descriptions. kg/sipri.py turns the records into the graph."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache

from sharaka.errors import BuildError
from sharaka.kg.sources import datasets, read_rows

DATASET = "sipri"
REGISTER = "trade-register.csv"
NOTE_LINES = 11  # SIPRI's notes above the header: scope, conventions, source, date generated
COLUMNS = ("recipient", "supplier", "order_year", "order_year_uncertain", "number_ordered",
           "number_ordered_uncertain", "designation", "description", "number_delivered",
           "number_delivered_uncertain", "delivery_years", "status", "comments", "tiv_per_unit",
           "tiv_total_order", "tiv_delivered")
HEADER = ("Recipient", "Supplier", "Year of order", " ", "Number ordered", " ", "Weapon designation",
          "Weapon description", "Number delivered", " ", "Year(s) of delivery", "status", "Comments",
          "SIPRI TIV per unit", "SIPRI TIV for total order", "SIPRI TIV of delivered weapons")
TIV_FIELDS = 3

# docs/semantics.md, "SIPRI": the comment says the deal was aid, a gift, or paid for by a third state; or that
# the weapons are produced under licence or together.
AID = re.compile(r"\baid\b|\bgift\b|\bdonat|financed by", re.IGNORECASE)
LICENSED = re.compile(r"licen[cs]|co-?produc|joint(ly)? produc", re.IGNORECASE)


@dataclass(frozen=True)
class RegisterRead:
    records: list[dict[str, str]]
    rejoined: int  # records whose comment held a line break, read as two lines and joined again


def is_continuation(fields: list[str]) -> bool:
    """The second half of a record whose comment had a line break: an empty first field, then only the TIVs."""
    return len(fields) == 1 + TIV_FIELDS and fields[0] == ""


def read_register() -> RegisterRead:
    """The deal records in file order (29,515 in the export of 13 March 2025)."""
    source = datasets()[DATASET].file(REGISTER)
    with source.location.open(encoding=source.encoding, newline="") as fh:
        lines = fh.read().split("\n")
    header = next(csv.reader([lines[NOTE_LINES]]))
    if tuple(header) != HEADER:
        raise BuildError(f"kg/sources/{source.path}: unexpected header {header!r}; SIPRI changed its export format")
    rows: list[list[str]] = []
    rejoined = 0
    for line in lines[NOTE_LINES + 1:]:
        if not line:
            continue
        fields = next(csv.reader([line]))
        if is_continuation(fields) and rows and len(rows[-1]) == len(COLUMNS) - TIV_FIELDS:
            head = rows[-1]
            rows[-1] = [*head[:-1], head[-1].rstrip("\r"), *fields[1:]]
            rejoined += 1
            continue
        rows.append(fields)
    records = []
    for number, fields in enumerate(rows, start=1):
        if len(fields) != len(COLUMNS):
            raise BuildError(f"kg/sources/{source.path}: record {number} has {len(fields)} fields, not {len(COLUMNS)}")
        records.append(dict(zip(COLUMNS, fields, strict=True)))
    return RegisterRead(records, rejoined)


@dataclass(frozen=True)
class Name:
    """What one of SIPRI's party names is (lexicon/sipri_names.csv): a nation (key ISO3 or cow-<code>), an
    organization (its code), a non-state actor or unrecognized state (a slug), or unknown."""

    sipri_name: str
    kind: str
    key: str

    @property
    def label(self) -> str:
        """SIPRI's name without the stars that mark non-state actors (*) and organizations (**)."""
        return self.sipri_name.rstrip("*").strip()


@cache
def names() -> dict[str, Name]:
    return {row["sipri_name"]: Name(row["sipri_name"], row["kind"], row["key"])
            for _, row in read_rows("lexicon", "sipri_names.csv")}


@dataclass(frozen=True)
class WeaponCategory:
    category: str            # SIPRI's category (a top concept of the weapon-category scheme)
    narrower: tuple[str, ...]  # narrower concepts people ask for (combat_aircraft, armed_drones …)


@cache
def weapon_categories() -> dict[str, WeaponCategory]:
    """SIPRI weapon description → its category (lexicon/sipri_weapon_categories.csv)."""
    return {row["description"]: WeaponCategory(row["category"], tuple(n for n in row["narrower"].split(";") if n))
            for _, row in read_rows("lexicon", "sipri_weapon_categories.csv")}
