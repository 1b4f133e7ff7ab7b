"""SIPRI Arms Transfers Database, trade register: one arms transfer (a deal) per record, supplier → recipient.

Its terms are non-commercial: a build with exclude_noncommercial leaves this module out (kg/build.py)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from sharaka.errors import BuildError
from sharaka.kg.actors import Party, party_for
from sharaka.kg.model import TRUE, BuildContext, PartialDate, integer
from sharaka.kg.sipri_register import AID, DATASET, LICENSED, names, read_register, weapon_categories
from sharaka.kg.vocab import ROLE, SK, TRANSFER_STATUS, WEAPON

UNCERTAIN = "?"
DECIMAL = XSD.decimal
STATUS = {"New": "new", "Second hand": "second_hand", "Second hand but modernized": "second_hand_modernized"}
SECTORS = {"arms_transfer": "arms_procurement", "military_assistance": "military_assistance",
           "defense_industry": "defence_industry"}
TIVS = (("tiv_per_unit", SK.tivPerUnit), ("tiv_total_order", SK.tivForTotalOrder),
        ("tiv_delivered", SK.tivOfDeliveredWeapons))


def kinds_of(comments: str) -> list[str]:
    """An arms transfer; also military assistance and defence-industry collaboration when the comment says so."""
    kinds = ["arms_transfer"]
    if AID.search(comments):
        kinds.append("military_assistance")
    if LICENSED.search(comments):
        kinds.append("defense_industry")
    return kinds


def deal_label(supplier: Party | None, recipient: Party | None, record: dict[str, str]) -> str:
    """What the register says in one line: who, how many of what, ordered when."""
    number = f"{record['number_ordered']} " if record["number_ordered"] else ""
    who = (f"{supplier.label if supplier else 'unknown supplier'} → "
           f"{recipient.label if recipient else 'unknown recipient'}")
    return f"{who}: {number}{record['designation']} ({record['description']}), ordered {record['order_year']}"


def load(ctx: BuildContext) -> None:
    register = read_register()
    if register.rejoined:
        ctx.report.note(DATASET, f"{register.rejoined} records split over two lines by a line break in their "
                                 f"comment were joined again; {len(register.records)} records read")
    table = names()
    unknown: Counter[str] = Counter()
    for number, record in enumerate(register.records, start=1):
        parties = {}
        for role in ("supplier", "recipient"):
            name = table.get(record[role])
            if name is None:
                ctx.codes.unmapped[(DATASET, record[role])] += 1
                continue
            if name.kind == "unknown":
                unknown[name.sipri_name] += 1
                continue
            parties[role] = party_for(ctx, DATASET, name)
        if not parties:
            ctx.report.skip(DATASET, "supplier and recipient both unknown (no party to record)")
            continue
        _deal(ctx, str(number), record, parties.get("supplier"), parties.get("recipient"))
    for name, count in sorted(unknown.items()):
        ctx.report.note(DATASET, f"{count} deals name '{name}': that party is not recorded")


def _deal(ctx: BuildContext, record_id: str, row: dict[str, str], supplier: Party | None,
          recipient: Party | None) -> None:
    g = DATASET
    start = PartialDate.parse(row["order_year"])
    if start is None:
        raise BuildError(f"SIPRI record {record_id} has no year of order")
    record = ctx.record(DATASET, "register", record_id)
    kinds = kinds_of(row["comments"])
    uri = ctx.agreement(DATASET, record_id, kinds, deal_label(supplier, recipient, row), start, record)
    ctx.sectors(g, uri, ["defence", *(SECTORS[k] for k in kinds)])
    if row["order_year_uncertain"] == UNCERTAIN:
        ctx.add(g, uri, SK.startYearUncertain, TRUE)
    ctx.add(g, uri, SK.weaponDesignation, Literal(row["designation"]))
    ctx.add(g, uri, SK.weaponDescription, Literal(row["description"]))
    _weapon_category(ctx, uri, row["description"])
    for field, prop, mark in (("number_ordered", SK.numberOrdered, SK.numberOrderedUncertain),
                              ("number_delivered", SK.numberDelivered, SK.numberDeliveredUncertain)):
        if row[field]:
            ctx.add(g, uri, prop, integer(int(row[field])))
        if row[f"{field}_uncertain"] == UNCERTAIN:
            ctx.add(g, uri, mark, TRUE)
    for year in row["delivery_years"].split(";"):
        if year.strip():
            ctx.add(g, uri, SK.deliveryYear, integer(int(year)))
    ctx.add(g, uri, SK.transferStatus, TRANSFER_STATUS[STATUS[row["status"]]])
    if row["comments"]:
        ctx.add(g, uri, SK.sourceComment, Literal(row["comments"]))
    for field, prop in TIVS:
        if row[field]:
            ctx.add(g, uri, prop, Literal(Decimal(row[field]), datatype=DECIMAL))
    slug = f"sipri-{record_id}"
    for party, role, shortcut in ((supplier, ROLE.supplier, SK.supplier), (recipient, ROLE.recipient, SK.recipient)):
        if party is None:
            continue
        ctx.participation(g, uri, slug, party.key, record=record, role=role, actor=party.actor)
        ctx.add(g, uri, shortcut, party.uri)


def _weapon_category(ctx: BuildContext, deal: URIRef, description: str) -> None:
    """The description's SIPRI category and narrower concepts, each with all its broader concepts."""
    try:
        category = weapon_categories()[description]
    except KeyError:
        raise BuildError(f"SIPRI weapon description {description!r} is not in "
                         "kg/sources/lexicon/sipri_weapon_categories.csv") from None
    broader = ctx.weapon_broader
    for notation in (category.category, *category.narrower):
        for concept in broader[WEAPON[notation]]:
            ctx.add(DATASET, deal, SK.weaponCategory, concept)
