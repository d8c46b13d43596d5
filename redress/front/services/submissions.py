"""Recording what the public send: a submission with its answers and attachments, and the
acknowledgement sent through the notifications service."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import IO, Any

from django.db import transaction

from redress.core import audit, clock, config
from redress.core.sequences import create_with_next_key
from redress.documents.services import bytes_store, file_check

from ..models import Submission, SubmissionFile, SubmissionKind

REFERENCE_WIDTH = 4


def _stem(year: int) -> str:
    return f"{config.get('reference_prefix')}-{year}-W"


@transaction.atomic
def submission_record(
    *,
    kind: str,
    answers: Mapping[str, Any],
    name: str = "",
    email: str = "",
    phone: str = "",
    complaint: Any = None,
    files: Iterable[tuple[str, IO[bytes]]] = (),
) -> Submission:
    """Keep what was sent through a public form, waiting for triage, with its next
    `{prefix}-{YYYY}-W{NNNN}` reference. `files` are (name, file) pairs, each checked as a
    document is (name, size, type read from the content); a file refused refuses the whole
    submission, so nothing is half-kept."""
    if kind not in SubmissionKind.values:
        raise ValueError(f"'{kind}' is not a kind of submission.")
    now = clock.now()
    today = clock.today()

    def create(reference: str) -> Submission:
        return Submission.objects.create(
            reference=reference,
            kind=kind,
            submitted_at=now,
            received_date=today,
            name=name.strip(),
            email=email.strip(),
            phone=phone.strip(),
            answers=dict(answers),
            complaint=complaint,
        )

    submission = create_with_next_key(
        model=Submission,
        field="reference",
        stem=_stem(today.year),
        width=REFERENCE_WIDTH,
        create=create,
    )
    audit.record(
        action="submission.record",
        obj=submission,
        by=None,
        after={"reference": submission.reference, "kind": kind},
        complaint=complaint,
    )
    for raw_name, file in files:
        submission_attach(submission=submission, name=raw_name, file=file)
    return submission


def submission_attach(*, submission: Submission, name: str, file: IO[bytes]) -> SubmissionFile:
    """Keep a file sent with a submission, with the documents' checks."""
    checked = file_check(file, name=name)
    return SubmissionFile.objects.create(
        submission=submission,
        name=checked.name,
        stored_name=bytes_store(checked.data),
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
    )


ACKNOWLEDGEMENTS = {
    SubmissionKind.COMPLAINT: (
        "We have received your complaint",
        "Thank you for your complaint about children's social care. Your reference is "
        "{reference}.\n\nWe will contact you within 10 working days to tell you who is looking "
        "into it and when you should hear from us. Keep your reference: you need it to follow "
        "your complaint.",
    ),
    SubmissionKind.CHILD_COMPLAINT: (
        "We got your form",
        "Thank you for telling us. Your number is {reference}.\n\nSomeone from our team will get "
        "in touch with you soon. Keep this number safe.",
    ),
}


def submission_acknowledge(submission: Submission) -> Any:
    """Send the acknowledgement through the notifications service, to the email address given
    (none given: nothing is sent; the team contacts them as they asked). The message says only
    the reference and what happens next, nothing of what was sent."""
    if not submission.email or submission.kind not in ACKNOWLEDGEMENTS:
        return None
    from redress.notifications.models import Kind
    from redress.notifications.services import message_send

    authority = str(config.get("authority_name"))
    subject, body = ACKNOWLEDGEMENTS[SubmissionKind(submission.kind)]
    return message_send(
        kind=Kind.OTHER,
        subject=f"{subject}: {submission.reference}",
        body=body.format(reference=submission.reference) + f"\n\n{authority}",
        to=submission.email,
        dedupe_key=f"submission.acknowledge:{submission.reference}",
    )
