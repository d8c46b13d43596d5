"""How long personal data is kept, complaints held back from erasure, and what has been erased.

Retention never deletes a record: it anonymises one, so every figure the authority has
published can still be produced from the same rows (`redress.retention.services`).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from redress.core.models import TimeStampedModel

DEFAULT_YEARS = 6


class RecordType(models.TextChoices):
    COMPLAINT = (
        "complaint",
        "Complaints (their people, stages, Ombudsman enquiries and audit trail)",
    )
    INFORMAL_FEEDBACK = "informal_feedback", "Informal feedback"
    COMPLIMENT = "compliment", "Compliments"


# What the period is counted from, for each record type (shown in the admin and the command).
COUNTED_FROM = {
    RecordType.COMPLAINT: "the complaint closes (its last stage answered or closed)",
    RecordType.INFORMAL_FEEDBACK: "the feedback is received",
    RecordType.COMPLIMENT: "the compliment is received",
}


class RetentionPeriod(models.Model):
    """How many years a record type's personal data is kept. A record type without a row here
    is kept for `DEFAULT_YEARS`."""

    record_type = models.CharField(max_length=24, choices=RecordType.choices, unique=True)
    years = models.PositiveSmallIntegerField(
        default=DEFAULT_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Years after the complaint closes (feedback and compliments: after they are "
        "received) before personal data is anonymised.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["record_type"]

    def __str__(self) -> str:
        return f"{self.get_record_type_display()}: {self.years} years"


class LegalHold(TimeStampedModel):
    """A complaint kept out of retention (litigation, an inquiry, a subject access request)
    until the hold is lifted."""

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="legal_holds"
    )
    reason = models.TextField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_at = models.DateTimeField()
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["complaint", "placed_at", "id"]
        constraints = [
            # At most one hold in force per complaint.
            models.UniqueConstraint(
                fields=["complaint"],
                condition=models.Q(lifted_at__isnull=True),
                name="legal_hold_one_in_force",
            )
        ]

    def __str__(self) -> str:
        state = "lifted" if self.lifted_at else "in force"
        return f"Legal hold on {self.complaint} ({state})"

    @property
    def in_force(self) -> bool:
        return self.lifted_at is None


class Anonymisation(models.Model):
    """One record whose personal data retention has replaced: what makes a run idempotent."""

    record_type = models.CharField(max_length=24)
    object_id = models.BigIntegerField()
    anonymised_at = models.DateTimeField()
    policy = models.CharField(
        max_length=200, help_text="The rule applied, e.g. 'complaint: 6 years after closing'."
    )

    class Meta:
        ordering = ["anonymised_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "object_id"], name="anonymisation_unique_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.object_id} anonymised {self.anonymised_at:%Y-%m-%d}"
