"""The audit trail: every change of state records who, when, what, and the values before and after.

Services call `record` inside their transaction, so a change and its audit event are written
together or not at all. `snapshot` turns a model instance into the JSON kept as before/after.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from . import clock
from .models import AuditEvent

if TYPE_CHECKING:
    # The user model, named by the framework rather than imported from `accounts`: core is
    # the bottom layer and imports no app above it.
    from django.contrib.auth.models import AbstractUser as User

SYSTEM_LABEL = "Redress (system)"


def json_value(value: Any) -> Any:
    """A value as it is kept in the trail: dates as ISO text, money as text, objects as ids."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of an instance (foreign keys as ids)."""
    names = fields or [
        f.name
        for f in instance._meta.concrete_fields
        if f.name not in {"id", "created_at", "updated_at"}
    ]
    out: dict[str, Any] = {}
    for name in names:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        out[name] = json_value(getattr(instance, attname))
    return out


def actor_label(user: User | None) -> str:
    if user is None:
        return SYSTEM_LABEL
    name = getattr(user, "display_name", None) or user.get_username()
    role_display = getattr(user, "get_role_display", None)
    role = role_display() if role_display is not None else ""
    return f"{name} ({role})" if role else name


def record(
    *,
    action: str,
    obj: models.Model,
    by: User | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    complaint: models.Model | None = None,
    note: str = "",
    label: str | None = None,
    import_run: models.Model | None = None,
) -> AuditEvent:
    """Write one audit event. Call inside the service's transaction. (`complaint` and
    `import_run` are the complaint and import run the event belongs to; core names no model of
    the apps above it, so they are typed as any record.)"""
    return AuditEvent.objects.create(
        at=clock.now(),
        actor_id=by.pk if by is not None else None,
        actor_label=label or actor_label(by),
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        complaint_id=complaint.pk if complaint is not None else None,
        before=before,
        after=after,
        note=note,
        import_run_id=import_run.pk if import_run is not None else None,
    )


def save_changes(
    obj: models.Model,
    changes: Mapping[str, Any],
    *,
    action: str,
    by: User | None,
    complaint: models.Model | None = None,
    note: str = "",
    shown: Iterable[str] | None = None,
) -> AuditEvent:
    """Set the changed fields, save only them (and `updated_at`), and record the change with
    the values before and after: the fields changed, or `shown` when the event should show
    more of the record. Call inside the service's transaction."""
    fields = list(shown or changes)
    before = snapshot(obj, fields)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save(update_fields=[*changes, "updated_at"])
    return record(
        action=action,
        obj=obj,
        by=by,
        before=before,
        after=snapshot(obj, fields),
        complaint=complaint,
        note=note,
    )


def changed(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The keys whose values differ, for a compact 'what changed' line."""
    return {k: after.get(k) for k in after if before.get(k) != after.get(k)}
