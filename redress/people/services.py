"""The people behind complaints: complainants, children, advocates."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from redress.core import audit
from redress.core.clock import today as clock_today
from redress.core.sequences import create_with_next_key
from redress.procedures import rules

from .models import Person

if TYPE_CHECKING:
    from redress.accounts.models import User

KEY_STEM = "P"
KEY_WIDTH = 6
EDITABLE = ("name", "email", "phone", "address", "date_of_birth", "notes")
UNSET: Any = object()


def _check(values: dict[str, Any]) -> None:
    born = values.get("date_of_birth")
    if born is not None and born > clock_today():
        raise rules.DateInFuture(what="birth", date=born)
    email = values.get("email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise rules.EmailNotValid(email=email) from None


@transaction.atomic
def person_record(
    *,
    by: User | None,
    key: str | None = None,
    name: str = "",
    email: str = "",
    phone: str = "",
    address: str = "",
    date_of_birth: datetime.date | None = None,
    notes: str = "",
) -> Person:
    """Record a person. Without a key they get the next stable one (P000123); the key never
    changes and never contains a name, so repeat complainants can be counted safely."""
    details = {
        "name": name.strip(),
        "email": email.strip(),
        "phone": phone.strip(),
        "address": address.strip(),
        "date_of_birth": date_of_birth,
        "notes": notes.strip(),
    }
    _check(details)
    if key is not None:
        key = key.strip()
        if not key:
            raise rules.RequiredValueMissing(what="person's key")
        if Person.objects.filter(key=key).exists():
            raise rules.ReferenceTaken(what="a person", reference=key)
        person = Person.objects.create(key=key, **details)
    else:
        person = create_with_next_key(
            model=Person,
            field="key",
            stem=KEY_STEM,
            width=KEY_WIDTH,
            create=lambda k: Person.objects.create(key=k, **details),
        )
    audit.record(action="person.record", obj=person, by=by, after=audit.snapshot(person))
    return person


@transaction.atomic
def person_update(
    *,
    person: Person,
    by: User | None,
    name: str = UNSET,
    email: str = UNSET,
    phone: str = UNSET,
    address: str = UNSET,
    date_of_birth: datetime.date | None = UNSET,
    notes: str = UNSET,
) -> Person:
    """Change a person's contact details; only those given change, and never the key."""
    given = {
        field: value
        for field, value in {
            "name": name,
            "email": email,
            "phone": phone,
            "address": address,
            "date_of_birth": date_of_birth,
            "notes": notes,
        }.items()
        if value is not UNSET
    }
    given = {k: v.strip() if isinstance(v, str) else v for k, v in given.items()}
    _check(given)
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = audit.snapshot(person, EDITABLE)
    for field, value in given.items():
        setattr(person, field, value)
    after = audit.snapshot(person, EDITABLE)
    changed = audit.changed(before, after)
    if changed:
        person.save(update_fields=[*given, "updated_at"])
        audit.record(
            action="person.update",
            obj=person,
            by=by,
            before={k: before[k] for k in changed},
            after=changed,
        )
    return person
