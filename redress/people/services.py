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

from .models import AgeBand, ContactMethod, Person
from .signals import people_renamed

if TYPE_CHECKING:
    from redress.accounts.models import User

KEY_STEM = "P"
KEY_WIDTH = 6
EDITABLE = (
    "name",
    "email",
    "phone",
    "address",
    "date_of_birth",
    "age_band",
    "preferred_contact",
    "accessibility_needs",
    "interpreter",
    "notes",
)
UNSET: Any = object()
# The detail a way of contacting someone needs.
CONTACT_NEEDS = {
    ContactMethod.EMAIL: ("email", "email address"),
    ContactMethod.PHONE: ("phone", "phone number"),
    ContactMethod.TEXT: ("phone", "phone number"),
    ContactMethod.LETTER: ("address", "address"),
}


def _coded(value: str, choices: type[AgeBand] | type[ContactMethod], *, what: str) -> None:
    if value and value not in choices.values:
        raise rules.NotAChoice(value=value, what=what, choices=", ".join(choices.values))


def check_person(values: dict[str, Any]) -> None:
    """The checks a person's details must pass (those present in `values`), so a form can
    show them before anything is written: a real email address, a date of birth in the past
    or an age band (not both), and the detail their preferred way of contact needs."""
    born = values.get("date_of_birth")
    if born is not None and born > clock_today():
        raise rules.DateInFuture(what="birth", date=born)
    email = values.get("email")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise rules.EmailNotValid(email=email) from None
    _coded(values.get("age_band") or "", AgeBand, what="age band")
    if born is not None and values.get("age_band"):
        raise rules.AgeBandWithBirthDate()
    contact = values.get("preferred_contact") or ""
    _coded(contact, ContactMethod, what="way of contact")
    if contact and "preferred_contact" in values:
        field, detail = CONTACT_NEEDS[ContactMethod(contact)]
        if field in values and not (values[field] or "").strip():
            raise rules.PreferredContactMissing(method=ContactMethod(contact).label, detail=detail)


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
    age_band: str = "",
    preferred_contact: str = "",
    accessibility_needs: str = "",
    interpreter: str = "",
    notes: str = "",
) -> Person:
    """Record a person. Without a key they get the next stable one (P000123); the key never
    changes and never contains a name, so repeat complainants can be counted safely.
    `age_band` is for when the date of birth is not known; `interpreter` is the language, when
    they need one."""
    details = {
        "name": name.strip(),
        "email": email.strip(),
        "phone": phone.strip(),
        "address": address.strip(),
        "date_of_birth": date_of_birth,
        "age_band": age_band,
        "preferred_contact": preferred_contact,
        "accessibility_needs": accessibility_needs.strip(),
        "interpreter": interpreter.strip(),
        "notes": notes.strip(),
    }
    check_person(details)
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
    age_band: str = UNSET,
    preferred_contact: str = UNSET,
    accessibility_needs: str = UNSET,
    interpreter: str = UNSET,
    notes: str = UNSET,
) -> Person:
    """Change a person's details; only those given change, and never the key. The details
    they end with pass the same checks as a new person's."""
    given = {
        field: value
        for field, value in {
            "name": name,
            "email": email,
            "phone": phone,
            "address": address,
            "date_of_birth": date_of_birth,
            "age_band": age_band,
            "preferred_contact": preferred_contact,
            "accessibility_needs": accessibility_needs,
            "interpreter": interpreter,
            "notes": notes,
        }.items()
        if value is not UNSET
    }
    given = {k: v.strip() if isinstance(v, str) else v for k, v in given.items()}
    check_person(given)
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = audit.snapshot(person, EDITABLE)
    for field, value in given.items():
        setattr(person, field, value)
    check_person({field: getattr(person, field) for field in EDITABLE})
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
        if "name" in changed:
            # The complaints' search finds them by name (kept with the complaints' state).
            people_renamed.send(sender=Person, person_ids=[person.pk])
    return person
