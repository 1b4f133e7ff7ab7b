"""OIC membership from the OIC's own member list (SIS 2023, checked against the CIA Factbook 2026 and COW IGO):
57 members with the year they joined, 5 observers. This is the OIC membership the graph answers from; COW
IGO's OIC spells are kept beside it as a second, cited record (kg/organizations.py)."""

from __future__ import annotations

from functools import cache

from sharaka.kg.actors import unrecognized_state
from sharaka.kg.model import BuildContext, PartialDate
from sharaka.kg.nations import english_name
from sharaka.kg.sources import read_rows
from sharaka.kg.vocab import ROLE, SK, nation_uri, organization_uri

DATASET = "oic"
FILE = "oic_membership_sis2023_factbook2026_cow.csv"
ORGANIZATION = "OIC"
SLUG = f"org-{ORGANIZATION}"
# Rows without an ISO code: what they are (never guessed from the name by a pattern).
NO_ISO = {"Turkish Cypriot State": ("turkish-cypriot-state", "northern-cyprus")}
ROLES = {"member": ROLE.member, "observer": ROLE.observer}


@cache
def listed_nations() -> frozenset[str]:
    """The nations the OIC list names, as members or observers."""
    return frozenset(row["iso3c"] for _, row in read_rows(DATASET, FILE) if row["iso3c"])


def load(ctx: BuildContext) -> None:
    org = organization_uri(ORGANIZATION)
    for _, row in read_rows(DATASET, FILE):
        joined = PartialDate.parse(row["joined_year"])
        role = ROLES.get(row["status"])
        if joined is None or role is None:
            ctx.report.skip(DATASET, "row without a joining year or a known status")
            continue
        if row["iso3c"]:
            key = ctx.codes.from_iso3(DATASET, row["iso3c"])
            if key is None:
                ctx.report.skip(DATASET, f"ISO code {row['iso3c']} not mapped")
                continue
            record_id, actor, party = key, None, nation_uri(key)
        elif row["name_as_listed"] in NO_ISO:
            record_id, slug = NO_ISO[row["name_as_listed"]]
            actor = party = unrecognized_state(ctx, DATASET, slug)
            key = f"actor-{slug}"
        else:
            ctx.report.skip(DATASET, "no ISO code, and not in the table of entities without one")
            continue
        record = ctx.record(DATASET, "members", record_id)
        is_member = role == ROLE.member
        # Observers take part in the OIC but are not members: no sk:hasMember / sk:memberOf for them.
        ctx.participation(DATASET, org, SLUG, key, record=record, join=joined, role=role, actor=actor,
                          shortcut=SK.hasMember if is_member else None)
        if is_member:
            ctx.add(DATASET, party, SK.memberOf, org)
        _compare(ctx, row, key, joined.year)


def _compare(ctx: BuildContext, row: dict[str, str], key: str, joined: int) -> None:
    """Report where the sources behind the list disagree: COW IGO's first year, the Factbook's status."""
    name = english_name(key) if not key.startswith("actor-") else row["name_as_listed"]
    cow_year = row["cow_igo_first_year"]
    if row["status"] == "member" and cow_year and int(cow_year) != joined:
        ctx.report.note(DATASET, f"{name}: joined {joined} in the OIC list, {cow_year} in COW IGO (answers give "
                                 f"{joined} and say that COW differs)")
    if row["factbook_status"] != row["status"]:
        ctx.report.note(DATASET, f"{name}: {row['status']} in the OIC list, "
                                 f"{row['factbook_status'] or 'not listed'} in the CIA World Factbook")
