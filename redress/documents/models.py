"""Documents on a complaint or one of its stages: the complaint letter, reports, letters.

The record keeps what the file was (its cleaned name, the type found in its content, size and
sha256) and who uploaded it; the bytes live in the `documents` storage under a random name no
user chooses. Removing a document deletes its bytes and keeps the record, marked removed with
who, when and why, so the timeline and the audit trail still say what there was.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from redress.core.models import TimeStampedModel


class DocumentKind(models.TextChoices):
    COMPLAINT_LETTER = "complaint_letter", "Complaint letter"
    IO_REPORT = "io_report", "Investigating officer's report"
    IP_REPORT = "ip_report", "Independent person's report"
    PANEL_REPORT = "panel_report", "Review panel's report"
    RESPONSE_LETTER = "response_letter", "Response letter"
    OMBUDSMAN_LETTER = "ombudsman_letter", "Ombudsman letter"
    LETTER = "letter", "Letter from the authority"
    OTHER = "other", "Other"


class Document(TimeStampedModel):
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="documents"
    )
    stage = models.ForeignKey(
        "complaints.Stage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        help_text="The stage it belongs to; none for the complaint as a whole.",
    )
    kind = models.CharField("kind of document", max_length=32, choices=DocumentKind.choices)
    name = models.CharField(
        "file name", max_length=200, help_text="The uploaded file's name, cleaned."
    )
    stored_name = models.CharField(
        max_length=100, unique=True, help_text="Its name in the documents storage (random)."
    )
    content_type = models.CharField(
        "type", max_length=100, help_text="The type found in its content."
    )
    size = models.PositiveBigIntegerField("size in bytes")
    sha256 = models.CharField("SHA-256 checksum", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField()
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.TextField("why it was removed", blank=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        indexes = [models.Index(fields=["complaint", "uploaded_at"], name="document_complaint_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None
