"""The audit events about the person and their complaints, as a table."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import Q

from redress.complaints.models import Complaint
from redress.core.models import AuditEvent
from redress.people.models import Person

from .tables import PERSON_FIELDS, Table, make_table


def _mentions_person(snapshot: Any, pk: int) -> bool:
    if not isinstance(snapshot, dict):
        return False
    children = snapshot.get("children")
    return any(snapshot.get(f) == pk for f in PERSON_FIELDS) or (
        isinstance(children, list) and pk in children
    )


def audit_table(
    person: Person, complaint_ids: list[int], records: dict[type[models.Model], list[int]]
) -> Table:
    """Audit events about the person, about any of their complaints or about any record on
    them, and about complaints that named them once (a complaint whose complainant or child
    was corrected to someone else: its snapshots still hold their id)."""
    wanted = Q(complaint_id__in=complaint_ids)
    for model, pks in records.items():
        if pks:
            content_type = ContentType.objects.get_for_model(model)
            wanted |= Q(content_type=content_type, object_id__in=[str(pk) for pk in pks])
    complaint_type = ContentType.objects.get_for_model(Complaint)
    named = Q()
    for snap in ("before", "after"):
        for f in PERSON_FIELDS:
            named |= Q(**{f"{snap}__{f}": person.pk})
        if connection.vendor == "postgresql":
            named |= Q(**{f"{snap}__children__contains": [person.pk]})
        else:  # SQLite has no JSON containment: events holding children, checked below
            named |= Q(**{f"{snap}__has_key": "children"})
    once_named = [
        e.pk
        for e in AuditEvent.objects.filter(named, content_type=complaint_type)
        .exclude(complaint_id__in=complaint_ids)
        .only("pk", "before", "after")
        if _mentions_person(e.before, person.pk) or _mentions_person(e.after, person.pk)
    ]
    events = (
        AuditEvent.objects.filter(wanted | Q(pk__in=once_named))
        .select_related("content_type", "complaint")
        .order_by("at", "id")
    )
    return make_table(
        "audit_events",
        "The audit trail: every change recorded to these records",
        [
            ("at", "When"),
            ("actor", "Who"),
            ("action", "What"),
            ("record_type", "Record type"),
            ("object_id", "Record id"),
            ("complaint", "Complaint"),
            ("before", "Before"),
            ("after", "After"),
            ("note", "Note"),
        ],
        [
            {
                "record": f"event {e.pk}",
                "at": e.at,
                "actor": e.actor_label,
                "action": e.action,
                "record_type": e.content_type.model,
                "object_id": e.object_id,
                "complaint": e.complaint.reference if e.complaint else "",
                "before": e.before,
                "after": e.after,
                "note": e.note,
            }
            for e in events
        ],
    )
