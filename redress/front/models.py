"""The front door: what the public send without an account, waiting for the complaints team.

A `Submission` is a complaint, a child's complaint, a compliment, a child's informal feedback or a
request for the next stage sent through the public pages. It is not yet a record of the
complaints procedure: an officer triages it (`services.triage`), which accepts it into the
statutory or local procedure (recording the complaint through the same services as staff entry,
with the method "online form"), records it as a compliment or informal feedback, opens the next
stage, or marks it not a complaint. Its answers are kept as the form's structured values (never
typed as JSON by anyone). Attachments are checked as documents are (`documents.content`) and
become the complaint's documents when it is accepted.

A `FollowLink` is the single-use sign-in link a complainant asks for to follow their complaint:
only a hash of its token is kept, cleared when it is used, so a used link finds nothing, exactly
as an unknown one. `PublicAttempt` counts what an address sent, for the rate limit.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from redress.core.models import TimeStampedModel


class SubmissionKind(models.TextChoices):
    COMPLAINT = "complaint", "Complaint"
    CHILD_COMPLAINT = "child_complaint", "Complaint from a child or young person"
    COMPLIMENT = "compliment", "Compliment"
    FEEDBACK = "feedback", "Feedback from a child or young person"
    NEXT_STAGE = "next_stage", "Request for the next stage"


class SubmissionStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for triage"
    ACCEPTED = "accepted", "Accepted as a complaint"
    NEXT_STAGE = "next_stage", "Next stage opened"
    COMPLIMENT = "compliment", "Recorded as a compliment"
    INFORMAL = "informal", "Handled as informal feedback"
    NOT_COMPLAINT = "not_complaint", "Not a complaint"
    NOT_COMPLIMENT = "not_compliment", "Not a compliment"
    NOTHING_TO_RECORD = "nothing_to_record", "Nothing to record"
    REFUSED = "refused", "Next stage refused"


class Submission(TimeStampedModel):
    reference = models.CharField(
        max_length=64,
        unique=True,
        help_text="Given on sending ({prefix}-{YYYY}-W{NNNN}); a complaint accepted from it "
        "keeps it, so the sender's reference stays theirs.",
    )
    kind = models.CharField(max_length=16, choices=SubmissionKind.choices)
    status = models.CharField(
        max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.WAITING
    )
    submitted_at = models.DateTimeField()
    received_date = models.DateField(help_text="The day it was sent (the authority's today).")
    # Who sent it and how to reach them: personal data, kept until triage makes it a record
    # (then the record's people hold it) and removed with the rest by retention.
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    # The form's answers, as the form's own field names and cleaned values (strings, booleans,
    # lists of strings, ISO dates). Free text about a child: read by the complaints team only.
    answers = models.JSONField(default=dict, blank=True)
    # A request for the next stage: the complaint it is about. Accepted: the complaint made.
    complaint = models.ForeignKey(
        "complaints.Complaint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    compliment = models.ForeignKey(
        "feedback.Compliment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    informal_feedback = models.ForeignKey(
        "feedback.InformalFeedback",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    triage_note = models.TextField(blank=True, help_text="Why it was handled as it was.")

    class Meta:
        ordering = ["submitted_at", "pk"]
        indexes = [
            models.Index(fields=["status", "submitted_at"], name="submission_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    @property
    def waiting(self) -> bool:
        return self.status == SubmissionStatus.WAITING


class SubmissionFile(TimeStampedModel):
    """A file sent with a submission, checked as a document is; its bytes in the documents
    storage under a random name. Accepting the submission as a complaint makes it one of the
    complaint's documents (`document`) and removes this copy."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    name = models.CharField("file name", max_length=200)
    stored_name = models.CharField(max_length=100, unique=True)
    content_type = models.CharField("type", max_length=100)
    size = models.PositiveBigIntegerField("size in bytes")
    sha256 = models.CharField("SHA-256 checksum", max_length=64)
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["submission", "pk"]

    def __str__(self) -> str:
        return self.name


class FollowLink(TimeStampedModel):
    """A single-use link to follow a complaint, sent to the address recorded for its
    complainant. Only the SHA-256 of the token is kept, cleared when the link is used."""

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="follow_links"
    )
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    email = models.EmailField(help_text="Where the link was sent.")
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Follow link for {self.complaint}"


class PublicAttempt(models.Model):
    """One form sent or link asked for from an address (a keyed hash of it, never the address
    itself), for the rate limit (`front.spam`). Older than a day, they are deleted."""

    action = models.CharField(max_length=16)
    address_hash = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["action", "address_hash", "at"], name="attempt_idx")]

    def __str__(self) -> str:
        return f"{self.action} at {self.at:%Y-%m-%d %H:%M}"
