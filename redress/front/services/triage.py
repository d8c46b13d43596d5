"""Triage: what a complaints officer does with something sent through the public pages. Each
action turns a waiting submission into a record through the same services as staff entry (so
every rule applies, and the record's audit trail begins there), or declines it with a reason,
and is itself audited. The submission is locked first, so two officers acting at once cannot
both act: the second is told it has been dealt with."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction

from redress.complaints.choices import Method
from redress.complaints.services.escalation import complaint_escalate
from redress.complaints.services.records import complaint_record
from redress.core import audit, clock
from redress.feedback.services import compliment_record, informal_feedback_record
from redress.people.services import person_record

from .. import answers as contract
from ..models import Submission, SubmissionKind, SubmissionStatus
from ..rules import SubmissionNotWaiting

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.complaints.models import Complaint
    from redress.organisations.models import ServiceArea
    from redress.procedures.models import Procedure

COMPLAINT_KINDS = (SubmissionKind.COMPLAINT, SubmissionKind.CHILD_COMPLAINT)


def _lock(submission: Submission) -> Submission:
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if not locked.waiting:
        raise SubmissionNotWaiting(
            reference=locked.reference, status=locked.get_status_display().lower()
        )
    return locked


def _done(
    submission: Submission,
    *,
    action: str,
    status: str,
    by: User | None,
    note: str = "",
    **links: Any,
) -> Submission:
    submission.status = status
    submission.triaged_by = by
    submission.triaged_at = clock.now()
    submission.triage_note = note.strip()
    for name, value in links.items():
        setattr(submission, name, value)
    submission.save()
    audit.record(
        action=action,
        obj=submission,
        by=by,
        after={
            "reference": submission.reference,
            "status": status,
            **{name: getattr(value, "pk", value) for name, value in links.items()},
        },
        complaint=submission.complaint,
        note=note.strip(),
    )
    return submission


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _people(submission: Submission) -> tuple[Any, Any]:
    """The complainant and the child it is about, as people (new records: the officer links a
    known person afterwards on the complaint's People tab if they match)."""
    answers = submission.answers
    support = [answers.get("support", "")]
    needs = "\n".join(s for s in support if s)
    child_details = {
        "name": answers.get("child_name", ""),
        "date_of_birth": _date(answers.get("child_dob", "")),
        "age_band": "" if answers.get("child_dob") else answers.get("child_age_band", ""),
    }
    if submission.kind == SubmissionKind.CHILD_COMPLAINT:
        complainant = person_record(
            by=None,
            email=submission.email,
            phone=submission.phone,
            preferred_contact=answers.get("contact_method", ""),
            **child_details,
        )
        return complainant, None
    complainant = person_record(
        by=None,
        name=submission.name,
        email=submission.email,
        phone=submission.phone,
        address=answers.get("address", ""),
        preferred_contact=answers.get("contact_method", ""),
        accessibility_needs=needs,
        interpreter=answers.get("interpreter", ""),
    )
    child = person_record(by=None, **child_details) if answers.get("on_behalf") else None
    return complainant, child


def _advocacy(answers: dict[str, Any]) -> dict[str, Any]:
    wanted = answers.get("advocate", "")
    if wanted == contract.ADVOCATE_HAS:
        return {
            "advocacy_offered": True,
            "advocate": "external",
            "advocate_organisation": answers.get("advocate_organisation", ""),
        }
    return {"advocacy_offered": True if wanted else None}


@transaction.atomic
def submission_accept(
    *,
    submission: Submission,
    procedure: Procedure,
    service_area: ServiceArea,
    by: User | None,
    note: str = "",
) -> Complaint:
    """Accept a complaint sent online into a procedure: its people and the complaint are
    recorded (method "online form", received the day it was sent, the reference it was given),
    and stage 1 begins. Nothing is kept if any rule refuses."""
    submission = _lock(submission)
    if submission.kind not in COMPLAINT_KINDS:
        raise ValueError(f"{submission.reference} is not a complaint.")
    answers = submission.answers
    complainant, child = _people(submission)
    about = answers.get("about", "")
    summary = answers.get("what_happened", "")
    if about:
        summary = f"About: {about}\n\n{summary}"
    if answers.get("child_views"):
        summary += f"\n\nThe child's views: {answers['child_views']}"
    if answers.get("advocate") == contract.ADVOCATE_HAS and answers.get("advocate_name"):
        summary += f"\n\nTheir advocate: {answers['advocate_name']}"
    complaint = complaint_record(
        received_on=submission.received_date,
        procedure=procedure,
        service_area=service_area,
        by=by,
        reference=submission.reference,
        method=Method.ONLINE_FORM,
        complainant=complainant,
        complainant_type=answers.get("complainant_type", ""),
        on_behalf_of=child,
        summary=summary,
        desired_outcome=answers.get("put_right", ""),
        **_advocacy(answers),
    )
    _done(
        submission,
        action="submission.accept",
        status=SubmissionStatus.ACCEPTED,
        by=by,
        note=note,
        complaint=complaint,
    )
    return complaint


@transaction.atomic
def submission_handle_informally(
    *, submission: Submission, by: User | None, service_area: ServiceArea | None, note: str = ""
) -> Any:
    """Record a submission (a child's feedback, or a complaint the sender is content to have
    handled informally) as informal feedback."""
    submission = _lock(submission)
    answers = submission.answers
    parts = [answers.get(k, "") for k in ("about", "what", "what_happened", "better", "put_right")]
    feedback = informal_feedback_record(
        received_on=submission.received_date,
        by=by,
        from_child=submission.kind in (SubmissionKind.FEEDBACK, SubmissionKind.CHILD_COMPLAINT)
        or answers.get("complainant_type") == "child_young_person",
        service_area=service_area,
        advocate=answers.get("advocate") if isinstance(answers.get("advocate"), bool) else None,
        summary="\n\n".join(p for p in parts if p),
    )
    _done(
        submission,
        action="submission.informal",
        status=SubmissionStatus.INFORMAL,
        by=by,
        note=note,
        informal_feedback=feedback,
    )
    return feedback


@transaction.atomic
def submission_record_compliment(
    *, submission: Submission, by: User | None, service_area: ServiceArea, note: str = ""
) -> Any:
    submission = _lock(submission)
    answers = submission.answers
    compliment = compliment_record(
        received_on=submission.received_date,
        service_area=service_area,
        by=by,
        staff_member=answers.get("staff_member", ""),
        consent_to_publish=bool(answers.get("consent_to_share")),
        source=answers.get("source", ""),
        external=True,
        text=answers.get("what", ""),
    )
    _done(
        submission,
        action="submission.compliment",
        status=SubmissionStatus.COMPLIMENT,
        by=by,
        note=note,
        compliment=compliment,
    )
    return compliment


@transaction.atomic
def submission_open_next_stage(
    *, submission: Submission, by: User | None, late_reason: str = "", note: str = ""
) -> Any:
    """Open the next stage a complainant asked for online after the time allowed, accepting
    their reason (or the officer's) for the lateness."""
    submission = _lock(submission)
    if submission.complaint is None:
        raise ValueError(f"{submission.reference} is not about a complaint.")
    stage = complaint_escalate(
        complaint=submission.complaint,
        requested_on=submission.received_date,
        by=by,
        late_reason=late_reason,
    )
    _done(
        submission,
        action="submission.next_stage",
        status=SubmissionStatus.NEXT_STAGE,
        by=by,
        note=note or late_reason,
    )
    return stage


@transaction.atomic
def submission_decline(*, submission: Submission, by: User | None, reason: str) -> Submission:
    """Mark a submission as not a complaint (nor anything to record), with the reason."""
    submission = _lock(submission)
    if not reason.strip():
        from redress.procedures.rules import RequiredValueMissing

        raise RequiredValueMissing(what="reason")
    return _done(
        submission,
        action="submission.decline",
        status=SubmissionStatus.NOT_COMPLAINT,
        by=by,
        note=reason,
    )
