"""The audit trail of an import: one event per record created or updated, each pointing at the
ImportRun (which holds the file's name and checksum), written in bulk with the records."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from redress.core import clock
from redress.core.audit import actor_label
from redress.core.models import AuditEvent

from .insert import Inserter

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.imports.models import ImportRun

CREATED = "import.created"
UPDATED = "import.updated"
FLUSH_AT = 2000
VARYING = ["action", "content_type_id", "object_id", "complaint_id", "before", "after"]


@cache
def _names(model: type[models.Model]) -> dict[str, str]:
    """attname -> field name, so the trail reads `service_area: 3` as audit.snapshot does."""
    return {f.attname: f.name for f in model._meta.concrete_fields}


def trail_values(values: dict[str, Any], model: type[models.Model]) -> dict[str, Any]:
    """Values by field name, for an event's before or after. Dates and amounts stay as they
    are: the inserter's JSON encoder writes them as audit.json_value would."""
    names = _names(model)
    return {names.get(attname, attname): value for attname, value in values.items()}


def created_values(values: dict[str, Any], model: type[models.Model]) -> dict[str, Any]:
    """A new record's values for its `after`, leaving out the empty ones: the trail of a large
    import is most of what it writes, so it is kept lean."""
    names = _names(model)
    return {
        names.get(attname, attname): value
        for attname, value in values.items()
        if value is not None and value != ""
    }


class AuditTrail:
    def __init__(self, *, run: ImportRun, by: User | None) -> None:
        self.events: list[dict[str, Any]] = []
        self.content_types: dict[type[models.Model], int] = {}
        self.written = 0
        self.inserter = Inserter(AuditEvent, VARYING)
        # The same on every event of the run, so written once per batch.
        self.constants = {
            "at": clock.now(),
            "actor_id": by.pk if by is not None else None,
            "actor_label": actor_label(by),
            "note": f"Imported from {run.file_name}",  # the run holds the name and checksum
            "import_run_id": run.pk,
        }

    def created(
        self,
        model: type[models.Model],
        pk: int,
        complaint_id: int | None,
        after: dict[str, Any],
    ) -> None:
        self._add(CREATED, model, pk, complaint_id, None, after)

    def updated(
        self,
        model: type[models.Model],
        pk: int,
        complaint_id: int | None,
        before: dict[str, Any],
        after: dict[str, Any],
    ) -> None:
        self._add(UPDATED, model, pk, complaint_id, before, after)

    def _add(
        self,
        action: str,
        model: type[models.Model],
        pk: int,
        complaint_id: int | None,
        before: dict[str, Any] | None,
        after: dict[str, Any],
    ) -> None:
        self.events.append(
            {
                "action": action,
                "content_type_id": self._content_type_id(model),
                "object_id": str(pk),
                "complaint_id": complaint_id,
                "before": before,
                "after": after,
            }
        )

    def _content_type_id(self, model: type[models.Model]) -> int:
        # Held per import (not per process): tests flush and recreate content types.
        pk = self.content_types.get(model)
        if pk is None:
            pk = self.content_types[model] = ContentType.objects.get_for_model(model).pk
        return pk

    def flush_if_full(self) -> None:
        if len(self.events) >= FLUSH_AT:
            self.flush()

    def flush(self) -> None:
        if self.events:
            self.inserter.insert(self.events, self.constants)
            self.written += len(self.events)
            self.events = []
