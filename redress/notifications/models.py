"""Every message Redress sends (an email, a text message or a letter), kept with its delivery
state so a failed send can be retried and shown to the complaints manager."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from redress.core.models import TimeStampedModel


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "Text message"
    LETTER = "letter", "Letter"


class State(models.TextChoices):
    QUEUED = "queued", "Waiting to be sent"
    SENT = "sent", "Sent"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Not sent: every attempt failed"
    PERMANENT_FAILURE = "permanent_failure", "Not sent: the address cannot be used"


class Kind(models.TextChoices):
    STAGE_DUE = "reminder.stage_due", "Reminder: stage due soon"
    STAGE_OVERDUE = "reminder.stage_overdue", "Reminder: stage overdue"
    RESPONSE_DUE = "reminder.response_due", "Reminder: Ombudsman response due soon"
    RESPONSE_OVERDUE = "reminder.response_overdue", "Reminder: Ombudsman response overdue"
    REMEDY_DUE = "reminder.remedy_due", "Reminder: Ombudsman remedy due soon"
    REMEDY_OVERDUE = "reminder.remedy_overdue", "Reminder: Ombudsman remedy overdue"
    LEARNING_DUE = "reminder.learning_due", "Reminder: learning action due soon"
    LEARNING_OVERDUE = "reminder.learning_overdue", "Reminder: learning action overdue"
    DIGEST = "digest.weekly", "Weekly digest"
    LETTER = "letter", "Letter from a template"
    ADVOCACY_REFERRAL = "advocacy.referral", "Referral to the advocacy provider"
    OTHER = "other", "Other message"


# The states a complaints manager is shown as failed (`selectors.failed_messages`).
FAILED_STATES = (State.FAILED, State.PERMANENT_FAILURE)


class Message(TimeStampedModel):
    complaint = models.ForeignKey(
        "complaints.Complaint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="messages",
        help_text="A member of staff; blank for someone outside Redress (see `to`).",
    )
    to = models.TextField(
        "sent to", help_text="The email address, phone number or postal address (one per line)."
    )
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    kind = models.CharField(max_length=40, choices=Kind.choices, default=Kind.OTHER)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    # Unique, so a message that must go once (a reminder) is refused by the database the second
    # time, however many runs race.
    dedupe_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    provider_id = models.CharField(
        max_length=100, blank=True, help_text="The provider's id (GOV.UK Notify's notification id)."
    )
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # A document sent with the message (a letter made from a template): attached to an email.
    attachment = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="messages",
        help_text="A document of the complaint sent with the message.",
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="message_state_idx"),
            models.Index(fields=["complaint", "created_at"], name="message_complaint_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.subject}"
