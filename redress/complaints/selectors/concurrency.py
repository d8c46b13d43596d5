"""Optimistic concurrency: the version of a complaint a form was opened on, and what changed
since (ADR 0016). Every service that changes a complaint or its stages moves the version on."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max

from redress.complaints.models import Complaint
from redress.core.models import AuditEvent


@dataclass(frozen=True)
class EditToken:
    """The complaint's version, and its latest audit event, when a form was opened."""

    version: int
    last_event: int

    @property
    def text(self) -> str:
        return f"{self.version}.{self.last_event}"


def edit_token(complaint: Complaint) -> EditToken:
    """The complaint's version as it is in the database now."""
    version = Complaint.objects.filter(pk=complaint.pk).values_list("version", flat=True).get()
    last = AuditEvent.objects.filter(complaint_id=complaint.pk).aggregate(last=Max("pk"))["last"]
    return EditToken(version, last or 0)


def read_token(text: str) -> EditToken | None:
    """A token from a form; None when it is missing or not one of ours."""
    version, _, last = (text or "").partition(".")
    if not (version.isdigit() and last.isdigit()):
        return None
    return EditToken(int(version), int(last))


def changes_since(complaint: Complaint, token: EditToken) -> list[AuditEvent]:
    """The audit events recorded on the complaint after the form was opened, oldest first."""
    return list(
        AuditEvent.objects.filter(complaint_id=complaint.pk, pk__gt=token.last_event)
        .select_related("content_type")
        .order_by("at", "id")
    )
