"""Letter templates the complaints manager edits, their saved versions, and the letters produced
from them for a complaint.

A template's text is Jinja2 limited to merge fields (`sandbox.py`). Each save keeps a version,
so the template's history shows every text it has had and a produced letter names the version
it was made from. A produced letter keeps its final text (the officer may have edited it for this
one letter) and the Word and PDF documents saved on the complaint; sending it by email and
marking it posted are recorded on it and on the complaint's timeline.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from redress.core.models import TimeStampedModel


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    EXTENSION = "extension", "Extension notice"
    RESPONSE = "response", "Response covering letter"
    STAGE2_INVITATION = "stage2_invitation", "Invitation to stage 2"
    STAGE3_INVITATION = "stage3_invitation", "Invitation to stage 3"
    PANEL_INVITATION = "panel_invitation", "Review panel invitation"
    OMBUDSMAN = "ombudsman", "Ombudsman signposting"


class Audience(models.TextChoices):
    ADULT = "adult", "Adult"
    CHILD = "child", "Child or young person (plain words)"


class LetterTemplate(TimeStampedModel):
    code = models.SlugField(max_length=60, unique=True, help_text="Its name in addresses.")
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=24, choices=LetterKind.choices)
    stage = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The stage it is for; none for any stage."
    )
    audience = models.CharField(max_length=8, choices=Audience.choices, default=Audience.ADULT)
    use = models.CharField(
        "when to use it", max_length=300, help_text="A sentence for the officer choosing it."
    )
    subject = models.CharField(max_length=200, help_text="The letter's heading and email subject.")
    body = models.TextField(help_text="The letter, from 'Dear …' to the signature.")
    version = models.PositiveIntegerField(default=1)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name


class LetterTemplateVersion(models.Model):
    """A template's text as saved, once per save (the first is the shipped text)."""

    template = models.ForeignKey(LetterTemplate, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    note = models.CharField("what changed", max_length=300, blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["template", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "version"], name="letter_template_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} version {self.version}"


class RecipientRole(models.TextChoices):
    COMPLAINANT = "complainant", "The complainant"
    CHILD = "child", "The child or young person"
    ADVOCATE = "advocate", "The advocate"


class Letter(TimeStampedModel):
    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.PROTECT, related_name="letters"
    )
    stage = models.ForeignKey(
        "complaints.Stage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="letters")
    template_version = models.PositiveIntegerField()
    edited = models.BooleanField(
        default=False, help_text="The officer changed the text for this letter."
    )
    recipient_role = models.CharField(max_length=12, choices=RecipientRole.choices)
    recipient_name = models.CharField(max_length=200)
    recipient_address = models.TextField(blank=True)
    recipient_email = models.EmailField(blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    word = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="+", null=True
    )
    pdf = models.ForeignKey(
        "documents.Document", on_delete=models.PROTECT, related_name="+", null=True
    )
    produced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    produced_at = models.DateTimeField()
    message = models.ForeignKey(
        "notifications.Message",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The email it was sent by, whose state says whether it was delivered.",
    )
    posted_on = models.DateField(null=True, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-produced_at", "-pk"]
        indexes = [models.Index(fields=["complaint", "produced_at"], name="letter_complaint_idx")]

    def __str__(self) -> str:
        return f"{self.subject} ({self.complaint_id})"
