"""The subject access export: gathered, packed and audited in one transaction, so a download
or a file written is always in the audit trail (who, when, which person)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from redress.core import audit, clock, config
from redress.people.models import Person

from .material import subject_access_material
from .package import package
from .redactions import names_to_redact

if TYPE_CHECKING:
    from redress.accounts.models import User

ACTION = "person.subject_access_export"  # as recorded below (written out for the label test)


@dataclass(frozen=True)
class SubjectAccessExport:
    file_name: str
    content: bytes
    records: dict[str, int]
    redactions: int


def file_name(person: Person, on: str) -> str:
    """`subject-access-P000123-2026-12-06.zip`: a key is never a name, and any character a
    file name should not hold becomes `-`."""
    key = re.sub(r"[^A-Za-z0-9_.]", "-", person.key).strip(".-") or str(person.pk)
    return f"subject-access-{key}-{on}.zip"


@transaction.atomic
def subject_access_export(*, person: Person, by: User | None, via: str) -> SubjectAccessExport:
    """Everything held about `person` as a ZIP (`package`), with other people's names listed
    for redaction, and the audit event saying who made it, when, for whom and `via` what (the
    staff page, the command line). A caller that then fails to deliver it should let the
    transaction roll back, taking the event with it."""
    material = subject_access_material(person=person)
    flags = names_to_redact(material)
    now = clock.now()
    content = package(
        material,
        flags,
        generated_at=now,
        generated_by=audit.actor_label(by),
        authority=str(config.get("authority_name")),
    )
    records = {t.name: len(t.rows) for t in material.tables}
    audit.record(
        action="person.subject_access_export",
        obj=person,
        by=by,
        after={"records": records, "redactions": len(flags), "via": via},
        note=f"Subject access export for {person.key}, {via}.",
    )
    return SubjectAccessExport(
        file_name=file_name(person, timezone.localtime(now).date().isoformat()),
        content=content,
        records=records,
        redactions=len(flags),
    )
