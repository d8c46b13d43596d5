"""The shape of a subject access export's material: record types as tables of plain values,
and how a person can be linked to a complaint."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from redress.complaints.models import Complaint
from redress.people.models import Person

Value = str | int | bool | Decimal | datetime.date | datetime.datetime | dict | list | None

# How a person can be linked to a complaint, by the complaint's field.
ROLES = {
    "complainant": "complainant",
    "on_behalf_of": "the child or young person it was made on behalf of",
    "children": "a child or young person it is about",
    "advocate_person": "advocate",
}
# The complaint's fields that name a person, as audit snapshots hold them (ids).
PERSON_FIELDS = ("complainant", "on_behalf_of", "advocate_person")


@dataclass(frozen=True)
class Table:
    """One record type: `name` is its files' name, `columns` (key, heading) in order; every
    row has every key, and `record` (the first column) says which record the row is."""

    name: str
    title: str
    columns: tuple[tuple[str, str], ...]
    rows: list[dict[str, Value]]


def make_table(
    name: str, title: str, columns: Iterable[tuple[str, str]], rows: list[dict]
) -> Table:
    """A table whose first column is `record`, and every row with every column."""
    every = (("record", "Record"), *columns)
    keys = [key for key, _ in every]
    return Table(name, title, every, [{k: row.get(k) for k in keys} for row in rows])


def who(user: Any) -> str:
    return user.display_name if user is not None else ""


def named(person: Person | None) -> str:
    if person is None:
        return ""
    return f"{person.name} ({person.key})" if person.name else person.key


def name_of(obj: Any) -> str:
    return obj.name if obj is not None else ""


def roles_in(person: Person, complaint: Complaint) -> list[str]:
    """How the person is linked to the complaint (its children prefetched, ideally)."""
    roles = []
    if complaint.complainant_id == person.pk:
        roles.append(ROLES["complainant"])
    if complaint.on_behalf_of_id == person.pk:
        roles.append(ROLES["on_behalf_of"])
    if any(c.pk == person.pk for c in complaint.children.all()):
        roles.append(ROLES["children"])
    if complaint.advocate_person_id == person.pk:
        roles.append(ROLES["advocate_person"])
    return roles
