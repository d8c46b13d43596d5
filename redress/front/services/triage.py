"""Triage: what a complaints officer does with something sent through the public pages. Each
action turns a waiting submission into a record through the same services as staff entry (so
every rule applies, and the record's audit trail begins there), or declines it with a reason,
and is itself audited. The submission is locked first, so two officers acting at once cannot
both act: the second is told it has been dealt with."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from functools import partial
from typing import IO, TYPE_CHECKING, Any

from django.db import transaction

from redress.complaints.choices import Advocacy, Method
from redress.complaints.services.advocacy import complaint_refer_advocacy
from redress.complaints.services.escalation import complaint_escalate
from redress.complaints.services.records import complaint_record
from redress.core import audit, clock
from redress.documents.models import DocumentKind
from redress.documents.services import bytes_delete, document_upload, storage
from redress.feedback.models import Answer, InformalFeedbackAnswer, Question
from redress.feedback.services import compliment_record, informal_feedback_record
from redress.people.services import person_record

from .. import answers as contract
from ..models import Submission, SubmissionFile, SubmissionKind, SubmissionStatus
from ..rules import SubmissionNotWaiting

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.complaints.models import Complaint
    from redress.feedback.models import InformalFeedback
    from redress.organisations.models import Locality, Organisation, ServiceArea
    from redress.people.models import Person
    from redress.procedures.models import Procedure
    from redress.taxonomies.models import Term

    Reasons = Sequence[tuple[Term, Term | None]]

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
    counts: dict[str, int] | None = None,
    **links: Any,
) -> Submission:
    """Mark the submission dealt with, linked to what it became (`links`: its fields), and
    audit it (`counts`: how many of what came with it, for the audit trail)."""
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
            **(counts or {}),
        },
        complaint=submission.complaint,
        note=note.strip(),
    )
    return submission


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _people(
    submission: Submission, *, complainant: Person | None
) -> tuple[Person, Person | None, list[Person]]:
    """The complainant (`complainant`, a person already recorded the officer chose, or a new
    record from the answers), the child it is made on behalf of, and the children it is about.
    A child's own complaint: the child is the complainant and the child it is about."""
    answers = submission.answers
    child_details = {
        "name": answers.get("child_name", ""),
        "date_of_birth": _date(answers.get("child_dob", "")),
        "age_band": "" if answers.get("child_dob") else answers.get("child_age_band", ""),
    }
    if submission.kind == SubmissionKind.CHILD_COMPLAINT:
        if complainant is None:
            complainant = person_record(
                by=None,
                email=submission.email,
                phone=submission.phone,
                preferred_contact=answers.get("contact_method", ""),
                **child_details,
            )
        return complainant, None, [complainant]
    if complainant is None:
        complainant = person_record(
            by=None,
            name=submission.name,
            email=submission.email,
            phone=submission.phone,
            address=answers.get("address", ""),
            preferred_contact=answers.get("contact_method", ""),
            accessibility_needs=answers.get("support", ""),
            interpreter=answers.get("interpreter", ""),
        )
    child = person_record(by=None, **child_details) if answers.get("on_behalf") else None
    return complainant, child, []


def _advocacy(answers: dict[str, Any], *, child: bool) -> dict[str, Any]:
    """What the form's advocacy question says: asking it was the offer (the child's form always
    asks); an advocate already helping is recorded as an external advocate, by name."""
    wanted = answers.get("advocate", "")
    if wanted == contract.ADVOCATE_HAS:
        name = answers.get("advocate_name", "").strip()
        return {
            "advocacy_offered": True,
            "advocate": Advocacy.EXTERNAL,
            "advocate_person": person_record(by=None, name=name) if name else None,
            "advocate_organisation": answers.get("advocate_organisation", ""),
        }
    if wanted == contract.ADVOCATE_NO:
        return {"advocacy_offered": True, "advocate": Advocacy.NONE}
    if wanted == contract.ADVOCATE_WANTED:  # none yet: the referral follows
        return {"advocacy_offered": True}
    return {"advocacy_offered": True if child else None}


def _summary(answers: dict[str, Any]) -> str:
    about = answers.get("about", "")
    summary = answers.get("what_happened", "")
    if about:
        summary = f"About: {about}\n\n{summary}"
    if answers.get("child_views"):
        summary += f"\n\nThe child's views: {answers['child_views']}"
    return summary


def _files_to_documents(submission: Submission, complaint: Complaint, *, by: User | None) -> int:
    """Each file sent becomes one of the complaint's documents (checked again as any upload
    is); the submission's copy is deleted once the whole acceptance is committed."""
    count = 0
    for sent in submission.files.filter(document__isnull=True):
        with storage().open(sent.stored_name, "rb") as handle:
            sent.document = document_upload(
                complaint=complaint, file=handle, name=sent.name, kind=DocumentKind.OTHER, by=by
            )
        sent.save(update_fields=["document", "updated_at"])
        transaction.on_commit(partial(bytes_delete, sent.stored_name), robust=True)
        count += 1
    return count


@transaction.atomic
def submission_accept(
    *,
    submission: Submission,
    procedure: Procedure,
    service_area: ServiceArea,
    by: User | None,
    note: str = "",
    locality: Locality | None = None,
    organisation: Organisation | None = None,
    aspects: Reasons = (),
    complainant: Person | None = None,
    refer_advocacy: bool = False,
) -> Complaint:
    """Accept a complaint sent online into a procedure: its people and the complaint are
    recorded (method "online form", received the day it was sent, the reference it was given),
    stage 1 begins, the files sent become its documents, and, with `refer_advocacy` (the
    sender asked for an advocate), the child is referred to the advocacy provider today.
    `complainant`: a person already recorded (the officer found them), else one is recorded
    from the answers. Nothing is kept if any rule refuses."""
    submission = _lock(submission)
    if submission.kind not in COMPLAINT_KINDS:
        raise ValueError(f"{submission.reference} is not a complaint.")
    answers = submission.answers
    complainant, child, children = _people(submission, complainant=complainant)
    complaint = complaint_record(
        received_on=submission.received_date,
        procedure=procedure,
        service_area=service_area,
        locality=locality,
        organisation=organisation,
        aspects=aspects,
        by=by,
        reference=submission.reference,
        method=Method.ONLINE_FORM,
        complainant=complainant,
        complainant_type=answers.get("complainant_type", ""),
        on_behalf_of=child,
        children=children,
        summary=_summary(answers),
        desired_outcome=answers.get("put_right", ""),
        **_advocacy(answers, child=submission.kind == SubmissionKind.CHILD_COMPLAINT),
    )
    if refer_advocacy:
        complaint = complaint_refer_advocacy(complaint=complaint, by=by)
    documents = _files_to_documents(submission, complaint, by=by)
    _done(
        submission,
        action="submission.accept",
        status=SubmissionStatus.ACCEPTED,
        by=by,
        note=note,
        complaint=complaint,
        counts={"documents": documents},
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
    loop = _loop_answers(feedback, answers.get("loop") or {})
    _done(
        submission,
        action="submission.informal",
        status=SubmissionStatus.INFORMAL,
        by=by,
        note=note,
        informal_feedback=feedback,
        counts={"loop_answers": loop},
    )
    return feedback


def _loop_answers(feedback: InformalFeedback, loop: dict[str, str]) -> int:
    """Keep the closing-the-loop answers sent with a child's feedback, with the form's words."""
    from ..forms.other import FeedbackLoopForm

    fields = FeedbackLoopForm.base_fields
    kept = [
        InformalFeedbackAnswer(
            feedback=feedback,
            question=question,
            asked=str(fields[question].label) if question in fields else "",
            answer=answer if answer in Answer.values else "",
        )
        for question, answer in loop.items()
        if question in Question.values
    ]
    InformalFeedbackAnswer.objects.bulk_create(kept)
    return len(kept)


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


# What declining each kind of submission records it as.
DECLINED = {
    SubmissionKind.COMPLAINT: SubmissionStatus.NOT_COMPLAINT,
    SubmissionKind.CHILD_COMPLAINT: SubmissionStatus.NOT_COMPLAINT,
    SubmissionKind.COMPLIMENT: SubmissionStatus.NOT_COMPLIMENT,
    SubmissionKind.FEEDBACK: SubmissionStatus.NOTHING_TO_RECORD,
    SubmissionKind.NEXT_STAGE: SubmissionStatus.REFUSED,
}


@transaction.atomic
def submission_decline(*, submission: Submission, by: User | None, reason: str) -> Submission:
    """Decline a submission, with the reason: a complaint is not a complaint, a compliment not a
    compliment, feedback nothing to record, and a request for the next stage is refused."""
    submission = _lock(submission)
    if not reason.strip():
        from redress.procedures.rules import RequiredValueMissing

        raise RequiredValueMissing(what="reason")
    return _done(
        submission,
        action="submission.decline",
        status=DECLINED[SubmissionKind(submission.kind)],
        by=by,
        note=reason,
    )


def submission_file_open(*, sent: SubmissionFile, by: User | None) -> IO[bytes]:
    """A file sent with a submission, for the complaints team; the download is audited, as a
    document's is."""
    handle = storage().open(sent.stored_name, "rb")
    with transaction.atomic():
        audit.record(
            action="submission.file_download",
            obj=sent.submission,
            by=by,
            after={"name": sent.name},
        )
    return handle
