"""Triage's other actions and pages: each audited, the closing-the-loop answers of a child's
feedback kept and shown, a second officer refused on the page, a late next stage refused with
its reason, files served as documents are, and the queue's filters; other roles refused."""

from __future__ import annotations

import datetime
import io
import threading

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse

from redress.complaints.tests.factories import ComplaintFactory
from redress.core.models import AuditEvent
from redress.feedback.models import InformalFeedback, InformalFeedbackAnswer
from redress.front.models import Submission
from redress.front.rules import SubmissionNotWaiting
from redress.front.services import triage
from redress.front.services.submissions import submission_record
from redress.organisations.tests.factories import ServiceAreaFactory

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture
def service(settings):
    settings.REDRESS_TODAY = D("2026-12-04")
    return ServiceAreaFactory(name="Children in need")


def complaint_sent(service, **kwargs) -> Submission:
    return submission_record(
        kind="complaint",
        answers={
            "service_area": service.pk,
            "what_happened": "Nobody came to the review meeting.",
            "complainant_type": "parent",
            "advocate": "no",
        },
        name="Marcia Example",
        **kwargs,
    )


def feedback_sent(service) -> Submission:
    return submission_record(
        kind="feedback",
        answers={
            "service_area": service.pk,
            "about": "My reviews",
            "what": "Meetings in class time.",
            "better": "After school.",
            "advocate": False,
            "loop": {"taken_seriously": "partly", "advocacy_aware": "no"},
        },
    )


def test_a_childs_feedback_keeps_its_closing_the_loop_answers_and_shows_them(
    service, officer, officer_client
):
    feedback = triage.submission_handle_informally(
        submission=feedback_sent(service), by=officer, service_area=service
    )
    kept = {a.question: (a.answer, a.asked) for a in InformalFeedbackAnswer.objects.all()}
    assert kept == {
        "taken_seriously": ("partly", "Do you feel we listen to you?"),
        "advocacy_aware": ("no", "Do you know you can have an advocate?"),
    }
    event = AuditEvent.objects.get(action="submission.informal")
    assert (event.after["informal_feedback"], event.after["loop_answers"]) == (feedback.pk, 2)
    page = officer_client.get(reverse("feedback:informal", args=[feedback.pk]))
    html = page.content.decode()
    assert "Closing the loop" in html
    assert "Do you feel we listen to you?" in html
    assert "Partly" in html


def test_a_complaint_handled_informally_has_no_loop_answers(service, officer_client):
    submission = complaint_sent(service)
    response = officer_client.post(
        reverse("triage:informal", args=[submission.pk]),
        {"service_area": str(service.pk), "note": "Content to have it put right informally."},
    )
    assert response.status_code == 302
    feedback = InformalFeedback.objects.get()
    assert "Nobody came" in feedback.summary
    assert not feedback.loop_answers.exists()
    submission.refresh_from_db()
    assert (submission.status, submission.informal_feedback, submission.triage_note) == (
        "informal",
        feedback,
        "Content to have it put right informally.",
    )


def test_a_second_officer_is_told_it_has_been_dealt_with(service, officer, manager_client):
    submission = complaint_sent(service)
    form = manager_client.get(reverse("triage:decline", args=[submission.pk]))
    assert form.status_code == 200
    triage.submission_decline(submission=submission, by=officer, reason="A request for records.")
    response = manager_client.post(
        reverse("triage:decline", args=[submission.pk]), {"reason": "Spam."}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "has already been dealt with: not a complaint" in html
    submission.refresh_from_db()
    assert (submission.triaged_by, submission.triage_note) == (officer, "A request for records.")
    assert AuditEvent.objects.filter(action="submission.decline").count() == 1


def test_a_late_request_is_refused_with_its_reason(service, officer_client, officer):
    complaint = ComplaintFactory(received_date=D("2026-06-01"))
    late = submission_record(
        kind="next_stage",
        answers={"reason": "Not answered.", "late_reason": "I forgot."},
        complaint=complaint,
    )
    page = officer_client.get(reverse("triage:decline", args=[late.pk])).content.decode()
    assert "Refuse the request" in page
    assert "Why the request is refused" in page
    blank = officer_client.post(reverse("triage:decline", args=[late.pk]), {"reason": ""})
    assert "Enter why the request is refused" in blank.content.decode()
    response = officer_client.post(
        reverse("triage:decline", args=[late.pk]), {"reason": "Months late, no good reason."}
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert (late.status, late.triaged_by) == ("refused", officer)
    assert complaint.stages.count() == 1
    event = AuditEvent.objects.get(action="submission.decline")
    assert (event.complaint_id, event.note) == (complaint.pk, "Months late, no good reason.")


def test_the_next_stage_form_is_pre_filled_with_the_senders_reason(service, officer_client):
    complaint = ComplaintFactory(received_date=D("2026-06-01"))
    late = submission_record(
        kind="next_stage",
        answers={"reason": "Not answered.", "late_reason": "I was in hospital."},
        complaint=complaint,
    )
    page = officer_client.get(reverse("triage:next_stage", args=[late.pk])).content.decode()
    assert "I was in hospital." in page


def test_a_compliment_is_recorded_and_audited(service, officer_client):
    sent = submission_record(
        kind="compliment",
        answers={
            "service_area": service.pk,
            "staff_member": "Asha",
            "what": "Always called back.",
            "consent_to_share": False,
            "source": "parent",
        },
    )
    response = officer_client.post(
        reverse("triage:compliment", args=[sent.pk]), {"service_area": str(service.pk)}
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.compliment.text == "Always called back."
    assert sent.compliment.external is True
    assert AuditEvent.objects.get(action="submission.compliment").after["compliment"] == (
        sent.compliment.pk
    )


def test_a_file_sent_is_downloaded_as_documents_are_and_audited(service, officer_client):
    submission = complaint_sent(service, files=[("note.txt", io.BytesIO(b"A note.\n"))])
    record = officer_client.get(reverse("triage:record", args=[submission.pk])).content.decode()
    held = submission.files.get()
    url = reverse("triage:file", args=[submission.pk, held.pk])
    assert url in record
    response = officer_client.get(url)
    assert b"".join(response.streaming_content) == b"A note.\n"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert AuditEvent.objects.get(action="submission.file_download").after == {"name": "note.txt"}
    other = complaint_sent(service)
    wrong = reverse("triage:file", args=[other.pk, held.pk])
    assert officer_client.get(wrong).status_code == 404


def test_the_queue_filters_by_kind_and_shows_everything_on_request(
    service, officer, officer_client
):
    complaint = complaint_sent(service)
    feedback = feedback_sent(service)
    declined = complaint_sent(service)
    triage.submission_decline(submission=declined, by=officer, reason="Spam.")
    queue = reverse("triage:queue")
    waiting = officer_client.get(queue).content.decode()
    assert "2 waiting" in waiting
    assert declined.reference not in waiting
    only = officer_client.get(queue, {"kind": "feedback"}).content.decode()
    assert feedback.reference in only
    assert complaint.reference not in only
    everything = officer_client.get(queue, {"show": "all"}).content.decode()
    assert "3 sent online" in everything
    assert declined.reference in everything
    assert "Not a complaint" in everything


@pytest.mark.parametrize(
    "role_client", ["responding_manager_client", "investigator_client", "executive_client"]
)
def test_other_roles_are_refused_the_queue_and_its_records(service, role_client, request):
    client = request.getfixturevalue(role_client)
    submission = complaint_sent(service)
    for url in (
        reverse("triage:queue"),
        reverse("triage:record", args=[submission.pk]),
        reverse("triage:accept", args=[submission.pk]),
    ):
        assert client.get(url).status_code == 403
    assert "waiting for triage" not in client.get(reverse("core:home")).content.decode()
    response = client.post(reverse("triage:decline", args=[submission.pk]), {"reason": "No."})
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.waiting


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_officers_at_once_the_second_waits_for_the_first_and_is_refused(
    service, officer, manager
):
    """Row locks are what PostgreSQL has (SQLite locks the whole database for a write)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks: PostgreSQL")
    submission = complaint_sent(service)
    refused: list[Exception] = []

    def second_officer() -> None:
        try:
            triage.submission_decline(submission=submission, by=manager, reason="Spam.")
        except SubmissionNotWaiting as error:
            refused.append(error)
        finally:
            connections.close_all()

    with transaction.atomic():
        triage.submission_decline(submission=submission, by=officer, reason="A records request.")
        other = threading.Thread(target=second_officer)
        other.start()
        other.join(timeout=1)
        assert other.is_alive()  # waiting for the first officer's lock
    other.join(timeout=10)
    assert [str(e.message) for e in refused] == [
        f"{submission.reference} has already been dealt with: not a complaint."
    ]
    submission.refresh_from_db()
    assert (submission.triaged_by, submission.triage_note) == (officer, "A records request.")
