"""The audit events of one complaint, and the names of the records their snapshots point to."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import models

from redress.complaints.models import Aspect, Complaint, Stage
from redress.core.models import AuditEvent
from redress.taxonomies.models import Term

from .scoping import visible_among

# What a record's name needs, so naming a hundred of them stays one query.
NAME_NEEDS: dict[type[models.Model], tuple[str, ...]] = {
    Aspect: ("category", "subcategory__parent"),
    Term: ("parent",),
    Stage: ("complaint",),
}

Names = dict[tuple[type[models.Model], Any], str]
# How a complaint (or its stage) the reader may not see is named: never by its reference.
HIDDEN_COMPLAINT = "a complaint that you cannot see"


def complaint_events(complaint: Complaint) -> list[AuditEvent]:
    """Everything that happened to a complaint, most recent first."""
    return list(
        AuditEvent.objects.filter(complaint_id=complaint.pk)
        .select_related("content_type")
        .order_by("-at", "-id")
    )


def _related_model(model: type[models.Model] | None, key: str) -> type[models.Model] | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except Exception:  # a key the service added, not a field
        return None
    return field.related_model if field.is_relation and not field.one_to_many else None


def referenced_names(events: list[AuditEvent], *, user: Any = None) -> Names:
    """`str()` of every record a snapshot refers to by id, read in one query per model. Given
    the reader, another complaint they may not see (the earlier one this follows on from) is
    named HIDDEN_COMPLAINT, as are its stages."""
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for event in events:
        model = event.content_type.model_class()
        for snapshot in (event.before or {}, event.after or {}):
            for key, value in snapshot.items():
                if value in (None, ""):
                    continue
                if key == "findings" and isinstance(value, dict):
                    wanted[Aspect].update(int(k) for k in value)
                elif related := _related_model(model, key):
                    # A many-to-many field (a complaint's children) is kept as a list of ids.
                    wanted[related].update(value if isinstance(value, list) else [value])
    names: Names = {}
    complaint_of: dict[tuple[type[models.Model], Any], int] = {}
    for model, ids in wanted.items():
        needs = NAME_NEEDS.get(model)
        queryset = model._default_manager.all()
        if needs:  # (select_related() with no names would follow every foreign key)
            queryset = queryset.select_related(*needs)
        for pk, obj in queryset.in_bulk(list(ids)).items():
            names[(model, pk)] = getattr(obj, "display_name", None) or str(obj)
            if isinstance(obj, Complaint | Stage):
                complaint_of[(model, pk)] = obj.complaint_id if isinstance(obj, Stage) else obj.pk
    if user is not None:
        visible = visible_among(user, complaint_of.values())
        for key, complaint_id in complaint_of.items():
            if complaint_id not in visible:
                names[key] = HIDDEN_COMPLAINT
    return names
