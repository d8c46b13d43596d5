"""Retention reaches what the public sent online (redress.front): the submissions and follow
links of a complaint it anonymises, and, on their own, submissions never made a record once
the period has passed since they were sent. A submission still waiting for triage is never
touched."""

import datetime
import io

import pytest
from django.core.management import call_command

from redress.core import audit
from redress.core.models import AuditEvent
from redress.documents import samples
from redress.documents.services import storage
from redress.front.models import FollowLink, Submission, SubmissionFile, SubmissionStatus
from redress.front.services.submissions import submission_acknowledge, submission_record
from redress.notifications.models import Message
from redress.retention import selectors, services
from redress.retention.models import Anonymisation

from .helpers import closed_complaint, d

pytestmark = pytest.mark.django_db
WHAT = "Jo Bloggs of 1 High Street: her son's social worker, Ms Smith, never rang back."
NAME, EMAIL, PHONE = "Jo Bloggs", "jo@example.org", "07700 900123"
ANSWERS = {"what_happened": WHAT, "on_behalf": True, "child_name": "Sam Bloggs"}
NOTE = "Jo Bloggs rang to say it was sent twice."


def _sent(received, status, *, kind="complaint", complaint=None):
    """A submission with personal data everywhere, a file, an acknowledgement and a download
    of its file in its audit trail."""
    submission = submission_record(
        kind=kind,
        answers=ANSWERS,
        name=NAME,
        email=EMAIL,
        phone=PHONE,
        complaint=complaint,
        files=[("Letter from Jo Bloggs.pdf", io.BytesIO(samples.pdf(["From Jo Bloggs"])))],
    )
    submission_acknowledge(submission)
    audit.record(
        action="submission.file_download",
        obj=submission,
        by=None,
        after={"name": "Letter from Jo Bloggs.pdf"},
        complaint=complaint,
    )
    Submission.objects.filter(pk=submission.pk).update(
        received_date=d(received), status=status, triage_note=NOTE
    )
    submission.refresh_from_db()
    return submission


def _link(complaint):
    return FollowLink.objects.create(
        complaint=complaint,
        email="jo@example.org",
        token_hash=f"{complaint.pk:064d}",
        expires_at=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC),
    )


def _stored(submission):
    return list(SubmissionFile.objects.filter(submission=submission))


def _assert_blanked(submission, *, files):
    before = (submission.reference, submission.kind, submission.status, submission.complaint_id)
    submission.refresh_from_db()
    assert (submission.name, submission.email, submission.phone) == ("", "", "")
    assert (submission.answers, submission.triage_note) == ({}, "")
    # What it was, when and what became of it stay.
    assert (submission.reference, submission.kind, submission.status) == before[:3]
    assert submission.complaint_id == before[3]
    assert not SubmissionFile.objects.filter(submission=submission).exists()
    assert not any(storage().exists(f.stored_name) for f in files)
    trail = AuditEvent.objects.filter(content_type__model="submission", object_id=submission.pk)
    assert "Bloggs" not in str(list(trail.values("before", "after", "note")))
    assert "submission.record" in set(trail.values_list("action", flat=True))
    assert trail.filter(action="retention.anonymise").count() == 1
    assert Anonymisation.objects.filter(
        record_type=selectors.SUBMISSION, object_id=submission.pk
    ).exists()
    if submission.kind in ("complaint", "child_complaint"):  # the kinds acknowledged
        acknowledgement = Message.objects.get(
            dedupe_key=f"submission.acknowledge:{submission.reference}"
        )
        assert (acknowledgement.to, acknowledgement.subject, acknowledgement.body) == ("", "", "")


def _assert_untouched(submission):
    submission.refresh_from_db()
    assert (submission.name, submission.email, submission.phone) == (
        NAME,
        EMAIL,
        PHONE,
    )
    assert (submission.answers, submission.triage_note) == (ANSWERS, NOTE)
    if submission.kind == "complaint":
        assert (
            Message.objects.get(dedupe_key=f"submission.acknowledge:{submission.reference}").to
            == EMAIL
        )
    (kept,) = _stored(submission)
    assert storage().exists(kept.stored_name)
    assert not Anonymisation.objects.filter(
        record_type=selectors.SUBMISSION, object_id=submission.pk
    ).exists()


def test_a_complaints_submissions_and_follow_links_go_with_it(django_capture_on_commit_callbacks):
    old = closed_complaint("2016-05-02", "2016-06-01")
    recent = closed_complaint("2022-05-04", "2022-06-01")
    accepted = _sent("2016-05-01", SubmissionStatus.ACCEPTED, complaint=old)
    asked = _sent("2016-07-01", SubmissionStatus.NEXT_STAGE, kind="next_stage", complaint=old)
    waiting = _sent("2016-07-02", SubmissionStatus.WAITING, kind="next_stage", complaint=old)
    # Sent long ago, but its complaint is not yet due: it waits for its complaint.
    kept = _sent("2016-05-01", SubmissionStatus.ACCEPTED, complaint=recent)
    link, kept_link = _link(old), _link(recent)
    files = {s.pk: _stored(s) for s in (accepted, asked)}

    dry = services.retention_run(as_of=d("2028-01-10"), apply=False)
    assert dry.submissions == 2
    _assert_untouched(accepted)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.retention_run(as_of=d("2028-01-10"), apply=True)

    assert (report.complaints, report.submissions) == ([old.reference], 2)
    for submission in (accepted, asked):
        _assert_blanked(submission, files=files[submission.pk])
    _assert_untouched(waiting)
    _assert_untouched(kept)
    link.refresh_from_db()
    kept_link.refresh_from_db()
    assert (link.email, link.token_hash) == ("", None)
    assert (kept_link.email, kept_link.token_hash) == ("jo@example.org", f"{recent.pk:064d}")
    # Run again: nothing more to do, and the waiting request is still left alone.
    again = services.retention_run(as_of=d("2028-01-10"), apply=True)
    assert (again.submissions, again.nothing_to_do) == (0, True)
    _assert_untouched(waiting)


def test_submissions_never_made_a_record_go_once_the_period_has_passed(
    django_capture_on_commit_callbacks,
):
    declined = _sent("2019-03-01", SubmissionStatus.NOT_COMPLAINT)
    compliment = _sent("2019-03-02", SubmissionStatus.COMPLIMENT, kind="compliment")
    informal = _sent("2020-01-10", SubmissionStatus.INFORMAL, kind="feedback")  # the last day
    recent = _sent("2020-01-11", SubmissionStatus.NOT_COMPLAINT)
    waiting = _sent("2015-01-01", SubmissionStatus.WAITING)
    files = {s.pk: _stored(s) for s in (declined, compliment, informal)}

    dry = services.retention_run(as_of=d("2026-01-10"), apply=False)
    assert (dry.submissions, dry.complaints) == (3, [])
    assert dry.audit_events > 0
    _assert_untouched(declined)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.retention_run(as_of=d("2026-01-10"), by=None, apply=True)

    assert report.submissions == 3
    for submission in (declined, compliment, informal):
        _assert_blanked(submission, files=files[submission.pk])
    policy = Anonymisation.objects.get(record_type="submission", object_id=declined.pk).policy
    assert policy == "online submission not made a record: 6 years after receipt"
    _assert_untouched(recent)
    _assert_untouched(waiting)
    assert services.retention_run(as_of=d("2026-01-10"), apply=True).nothing_to_do


def test_the_command_counts_submissions():
    _sent("2019-03-01", SubmissionStatus.NOT_COMPLAINT)
    out = io.StringIO()
    call_command("retention", "--dry-run", "--as-of", "2026-01-10", stdout=out)
    assert "  submissions sent online: 1" in out.getvalue()
