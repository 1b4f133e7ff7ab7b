"""Country codes: COW numeric and ISO numeric → Sharaka nation keys, in one place.

A nation key is the ISO 3166-1 alpha-3 code where one exists, else ``cow-<COW code>`` for
states that ceased to exist before they got one. The countrycode concordance does most of the
work; the exceptions below are the cases it leaves open or where Sharaka decides differently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from sharaka.kg.sources import read_rows

# COW numeric code → nation key, for codes the concordance leaves without an ISO3 code.
# Each line says why. Codes not here and not in the concordance are reported as unmapped.
COW_EXCEPTIONS: dict[int, str] = {
    260: "DEU",      # German Federal Republic (1955-1990): continued by Germany (countrycode's panel says DEU)
    265: "cow-265",  # German Democratic Republic: dissolved 1990, ISO code DD withdrawn
    315: "cow-315",  # Czechoslovakia: dissolved 1992 (COW's abbreviation CZE clashes with ISO's Czechia)
    345: "cow-345",  # Yugoslavia; from 2006 COW 345 is Serbia, see COW_FROM_YEAR
    511: "cow-511",  # Zanzibar (1963-1964): merged into Tanzania
    678: "cow-678",  # Yemen Arab Republic (North Yemen) until 1990; unified Yemen is COW 679 = YEM
    680: "cow-680",  # Yemen People's Republic (South Yemen) until 1990
    730: "cow-730",  # Korea (1887-1905), before the division
    817: "cow-817",  # Republic of Vietnam (South Vietnam) until 1975
    240: "cow-240", 245: "cow-245", 267: "cow-267", 269: "cow-269", 271: "cow-271",  # German states
    273: "cow-273", 275: "cow-275", 280: "cow-280",                                 # before 1871
    300: "cow-300",  # Austria-Hungary until 1918
    329: "cow-329", 332: "cow-332", 335: "cow-335", 337: "cow-337",  # Italian states before 1861
}

# COW reuses code 345 for Serbia after Montenegro's independence (June 2006).
COW_FROM_YEAR: dict[int, tuple[int, str]] = {345: (2006, "SRB")}

# ISO numeric codes that are not ISO 3166 but appear in a source.
ISO_NUMERIC_EXCEPTIONS: dict[int, str] = {
    900: "XKX",  # DESTA's code for Kosovo
}

# Codes a source uses that match no state and that we cannot resolve; the build lists them
# and tests pin this table, so a new one never goes unnoticed.
KNOWN_UNMAPPED: dict[tuple[str, str], str] = {
    ("atop", "8152"): "ATOP member code 8152 (alliance 1320, 1874) is not in the COW state list; the "
                      "codebook gives no meaning. The membership is left out.",
}


@dataclass(frozen=True)
class CountryRow:
    """One row of the countrycode concordance, with the columns Sharaka uses."""

    iso3: str
    iso2: str
    iso_numeric: str
    cow_code: str
    cow_abbreviation: str
    name_en: str
    names: dict[str, tuple[str, ...]]  # lang → names, preferred first


_NAME_COLUMNS = {
    "en": ("country.name.en", "cldr.name.en", "un.name.en", "iso.name.en", "cldr.short.en",
           "cldr.variant.en", "cow.name", "p4.name", "vdem.name"),
    "ar": ("cldr.name.ar", "un.name.ar", "cldr.short.ar", "cldr.variant.ar"),
    "fr": ("cldr.name.fr", "un.name.fr", "iso.name.fr", "country.name.fr", "cldr.short.fr", "cldr.variant.fr"),
    "tr": ("cldr.name.tr", "cldr.short.tr", "cldr.variant.tr"),
}


def _names(row: dict[str, str]) -> dict[str, tuple[str, ...]]:
    result = {}
    for lang, columns in _NAME_COLUMNS.items():
        seen: list[str] = []
        for column in columns:
            value = (row.get(column) or "").strip()
            if value and value not in seen:
                seen.append(value)
        result[lang] = tuple(seen)
    return result


@cache
def concordance() -> tuple[CountryRow, ...]:
    rows = []
    for _, row in read_rows("countrycode", "codelist.csv"):
        # Kosovo has no ISO code; the World Bank column carries the user-assigned XKX.
        iso3 = row["iso3c"] or ("XKX" if row["wb"] == "XKX" else "")
        rows.append(CountryRow(
            iso3=iso3, iso2=row["iso2c"], iso_numeric=row["iso3n"], cow_code=row["cown"],
            cow_abbreviation=row["cowc"], name_en=row["country.name.en"], names=_names(row),
        ))
    return tuple(rows)


@cache
def _cow_to_iso3() -> dict[int, str]:
    return {int(r.cow_code): r.iso3 for r in concordance() if r.cow_code and r.iso3}


@cache
def _isonum_to_iso3() -> dict[int, str]:
    return {int(r.iso_numeric): r.iso3 for r in concordance() if r.iso_numeric and r.iso3}


@cache
def by_iso3() -> dict[str, CountryRow]:
    return {r.iso3: r for r in concordance() if r.iso3}


@cache
def by_cow() -> dict[int, CountryRow]:
    return {int(r.cow_code): r for r in concordance() if r.cow_code}


@dataclass
class CodeResolver:
    """Maps source codes to nation keys and remembers what it could not map."""

    unmapped: Counter[tuple[str, str]] = field(default_factory=Counter)

    def from_cow(self, dataset: str, code: str | int, year: int | None = None) -> str | None:
        try:
            number = int(code)
        except (TypeError, ValueError):
            self.unmapped[(dataset, str(code))] += 1
            return None
        if number in COW_FROM_YEAR and year is not None:
            since, key = COW_FROM_YEAR[number]
            if year >= since:
                return key
        found = COW_EXCEPTIONS.get(number) or _cow_to_iso3().get(number)
        if found is None:
            self.unmapped[(dataset, str(code))] += 1
        return found

    def from_iso_numeric(self, dataset: str, code: str | int) -> str | None:
        try:
            number = int(code)
        except (TypeError, ValueError):
            self.unmapped[(dataset, str(code))] += 1
            return None
        key = ISO_NUMERIC_EXCEPTIONS.get(number) or _isonum_to_iso3().get(number)
        if key is None:
            self.unmapped[(dataset, str(code))] += 1
        return key

    def from_iso3(self, dataset: str, code: str) -> str | None:
        code = code.strip().upper()
        if code in by_iso3():
            return code
        self.unmapped[(dataset, code)] += 1
        return None
