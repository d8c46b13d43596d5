"""Following a complaint from the public pages: a single-use sign-in link sent to the address
recorded for the complainant, and asking for the next stage.

Asking for a link answers the same whatever was typed (a wrong reference, a wrong address or a
right pair), so the page never tells anyone whether a reference exists; only the right pair sends
a message, to the address already recorded. Only the SHA-256 of a link's token is kept, and it
is cleared when the link is used, so a used link finds nothing, exactly as an unknown one."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from redress.complaints.choices import Outcome
from redress.complaints.models import Complaint
from redress.complaints.services.escalation import complaint_escalate
from redress.core import audit, clock, config
from redress.core.tokens import token_hash
from redress.procedures.models import StageRule
from redress.procedures.selectors import working_calendar

from ..models import FollowLink, Submission, SubmissionKind, SubmissionStatus
from ..rules import FollowLinkNotValid
from .submissions import submission_record

ENDED = {Outcome.WITHDRAWN, Outcome.OUTSIDE_JURISDICTION}


def link_minutes() -> int:
    return int(settings.REDRESS_FOLLOW_LINK_MINUTES)


def follow_link_url(token: str) -> str:
    site = str(getattr(settings, "REDRESS_SITE_URL", "") or "").rstrip("/")
    return f"{site}{reverse('front:follow_link', args=[token])}"


def _complaint_for(reference: str, email: str) -> Complaint | None:
    complaint = (
        Complaint.objects.select_related("complainant")
        .filter(reference__iexact=reference.strip())
        .first()
    )
    email = email.strip().lower()
    if complaint is None or complaint.complainant is None or not email:
        return None
    if complaint.complainant.email.strip().lower() != email:
        return None
    return complaint


def follow_request(*, reference: str, email: str) -> None:
    """Send a sign-in link if the reference and email address match a complaint and the address
    recorded for its complainant; otherwise do nothing. The caller says the same either way."""
    token = secrets.token_urlsafe(32)
    complaint = _complaint_for(reference, email)
    if complaint is None:
        return
    from redress.notifications.models import Kind
    from redress.notifications.services import message_send

    minutes = link_minutes()
    with transaction.atomic():
        FollowLink.objects.create(
            complaint=complaint,
            token_hash=token_hash(token),
            email=complaint.complainant.email,  # type: ignore[union-attr]
            expires_at=clock.now() + datetime.timedelta(minutes=minutes),
        )
        message_send(
            kind=Kind.OTHER,
            subject=f"Follow your complaint {complaint.reference}",
            body=(
                f"Use this link to see where your complaint {complaint.reference} has got to:\n\n"
                f"{follow_link_url(token)}\n\nIt works once, for {minutes} minutes. If you did "
                "not ask for it, you can ignore this email.\n\n"
                f"{config.get('authority_name')}"
            ),
            to=complaint.complainant.email,  # type: ignore[union-attr]
            complaint=complaint,
        )


@transaction.atomic
def follow_use(token: str) -> Complaint:
    """The complaint a link is for, using the link up. An unknown, used or expired link is
    refused with one and the same message."""
    link = (
        FollowLink.objects.select_for_update()
        .select_related("complaint")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if link is None or link.expires_at <= clock.now():
        raise FollowLinkNotValid()
    link.token_hash = None
    link.used_at = clock.now()
    link.save(update_fields=["token_hash", "used_at", "updated_at"])
    audit.record(
        action="follow.sign_in",
        obj=link,
        by=None,
        label="The complainant",
        after={"complaint": link.complaint.reference},
        complaint=link.complaint,
    )
    return link.complaint


def next_stage_window(complaint: Complaint) -> tuple[int, datetime.date | None] | None:
    """(the next stage's number, the last day to ask for it) when the complainant may ask for
    it now; None when there is no next stage to ask for (the current one is open, ended, or the
    last). The last day is None where the procedure sets no time."""
    stages = list(complaint.stages.order_by("number"))
    if not stages:
        return None
    last = stages[-1]
    if last.responded_date is None or last.outcome in ENDED:
        return None
    procedure = complaint.procedure
    try:
        procedure.stage_rule(last.number + 1)
        rule = procedure.stage_rule(last.number)
    except StageRule.DoesNotExist:  # no further stage in this procedure
        return None
    if Submission.objects.filter(
        complaint=complaint, kind=SubmissionKind.NEXT_STAGE, status=SubmissionStatus.WAITING
    ).exists():
        return None  # already asked, waiting for the team
    window = rule.next_stage_request_days
    ends = working_calendar().due_date(last.responded_date, window) if window else None
    return last.number + 1, ends


@transaction.atomic
def follow_ask_next_stage(
    *, complaint: Complaint, reason: str, late_reason: str = ""
) -> tuple[str, Any]:
    """The complainant asks for the next stage. In time: it is opened through the escalation
    service and their reason kept with it (a submission already dealt with, for the team to
    read). Late: a waiting submission with their reasons, for the team to decide in triage.
    Returns ("opened", stage) or ("triage", submission)."""
    found = next_stage_window(complaint)
    if found is None:
        raise FollowLinkNotValid()
    _number, ends = found
    today = clock.today()
    person = complaint.complainant
    name, email = (person.name, person.email) if person else ("", "")
    answers = {"reason": reason.strip(), "late_reason": late_reason.strip()}
    if ends is not None and today > ends:
        submission = submission_record(
            kind=SubmissionKind.NEXT_STAGE,
            answers=answers,
            complaint=complaint,
            name=name,
            email=email,
        )
        return "triage", submission
    stage = complaint_escalate(complaint=complaint, requested_on=today, by=None)
    submission = submission_record(
        kind=SubmissionKind.NEXT_STAGE,
        answers=answers,
        complaint=complaint,
        name=name,
        email=email,
    )
    Submission.objects.filter(pk=submission.pk).update(
        status=SubmissionStatus.NEXT_STAGE, triaged_at=clock.now(), triage_note="Opened online."
    )
    return "opened", stage
