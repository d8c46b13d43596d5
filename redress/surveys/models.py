"""The satisfaction survey offered to a complainant when their complaint closes: the closing-the-
loop questions, asked through a single-use link that expires.

A survey is one per complaint and stage it closed at (a complaint that closes at stage 1, is
escalated and closes again at stage 2 is asked twice, once about each). Only a hash of the link's
token is kept (`services.token_hash`); the token itself is in the message sent and nowhere else.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from redress.core.models import TimeStampedModel


class Question(models.TextChoices):
    """The closing-the-loop questions, in the order they are asked."""

    LISTENED = "listened", "Did we listen to you?"
    OUTCOME_UNDERSTOOD = "outcome_understood", "Did you understand the outcome of your complaint?"
    KEPT_INFORMED = "kept_informed", "Were you kept informed while we looked into it?"
    COMPLAIN_AGAIN = "complain_again", "Would you feel able to complain again?"


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class Survey(TimeStampedModel):
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="surveys"
    )
    stage_number = models.PositiveSmallIntegerField(
        "stage", help_text="The stage the complaint closed at when the survey was offered."
    )
    service_area = models.ForeignKey(
        "organisations.ServiceArea",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The complaint's service area when the survey was offered.",
    )
    # SHA-256 of the current link's token, hex; blank once the survey is answered, so a used
    # link finds nothing, exactly as an unknown one.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    channel = models.CharField(max_length=8, help_text="How the link was sent: email or sms.")
    sent_on = models.DateField(help_text="The day the survey was first sent.")
    last_sent_at = models.DateTimeField()
    sends = models.PositiveSmallIntegerField(default=1, help_text="How many times it was sent.")
    expires_at = models.DateTimeField(help_text="The current link works until then.")
    answered_at = models.DateTimeField(null=True, blank=True)
    listened = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    outcome_understood = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    kept_informed = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    complain_again = models.CharField(max_length=8, choices=Answer.choices, blank=True)
    # Free text, perhaps about a child: read by the complaints team on the complaint, never
    # extracted into the figures, a report or an executive's page.
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["complaint", "stage_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "stage_number"], name="survey_one_per_stage"
            ),
        ]
        indexes = [models.Index(fields=["sent_on"], name="survey_sent_idx")]

    def __str__(self) -> str:
        return f"Survey on {self.complaint} (stage {self.stage_number})"

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


class OptOut(TimeStampedModel):
    """A complainant who asked not to be sent satisfaction surveys."""

    person = models.OneToOneField(
        "people.Person", on_delete=models.CASCADE, related_name="survey_opt_out"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "survey opt-out"

    def __str__(self) -> str:
        return f"{self.person} does not want surveys"
