"""Triage: an officer turns what the public sent into records through the staff services, or
declines it; each audited, nothing half-written when a rule refuses, never twice."""

from __future__ import annotations

import datetime
import html

import pytest
from django.urls import reverse

from redress.complaints.models import Complaint
from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import ComplaintFactory
from redress.core import config
from redress.core.models import AuditEvent
from redress.feedback.models import Compliment, InformalFeedback
from redress.front import answers as contract
from redress.front.models import Submission
from redress.front.rules import SubmissionNotWaiting
from redress.front.services import triage
from redress.front.services.submissions import submission_record
from redress.notifications.models import Kind, Message
from redress.organisations.tests.factories import ServiceAreaFactory
from redress.people.models import Person
from redress.procedures.models import Procedure
from redress.reporting.periods import make_period
from redress.reporting.selectors.reports import report_figures

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@pytest.fixture
def today(settings):
    settings.REDRESS_TODAY = D("2026-12-04")
    return settings.REDRESS_TODAY


@pytest.fixture
def service(today):
    return ServiceAreaFactory(name="Children in need")


def complaint_sent(service, **extra) -> Submission:
    answers = {
        "service_area": service.pk,
        "about": "The Riverside team",
        "what_happened": "Nobody came to the review meeting.",
        "put_right": "A new date.",
        "on_behalf": True,
        "complainant_type": "parent",
        "child_name": "Theo Example",
        "child_dob": "2014-05-17",
        "child_age_band": "",
        "child_views": "He wants to know who his worker is.",
        "address": "1 Example Street",
        "contact_method": "email",
        "advocate": contract.ADVOCATE_WANTED,
        "advocate_name": "",
        "advocate_organisation": "",
        "interpreter": "Polish",
        "support": "",
    } | extra
    return submission_record(
        kind="complaint", answers=answers, name="Marcia Example", email="marcia@example.org"
    )


def test_an_accepted_complaint_is_recorded_as_staff_would_with_the_method_online_form(
    service, officer_client
):
    submission = complaint_sent(service)
    statutory = Procedure.objects.get(code="statutory")
    url = reverse("triage:accept", args=[submission.pk])
    page = officer_client.get(url)
    assert "Part III of the Children Act 1989" in page.content.decode()
    response = officer_client.post(
        url,
        {
            "procedure": str(statutory.pk),
            "service_area": str(service.pk),
            "refer": "no",
            "note": "",
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.advocacy_referred_on is None  # the officer refers them later
    assert complaint.reference == submission.reference  # the sender's reference stays theirs
    assert (complaint.method, complaint.received_date) == ("online_form", D("2026-12-04"))
    assert complaint.complainant.name == "Marcia Example"
    assert complaint.complainant.interpreter == "Polish"
    assert complaint.on_behalf_of.name == "Theo Example"
    assert complaint.on_behalf_of.date_of_birth == D("2014-05-17")
    assert complaint.advocacy_offered is True
    assert "Nobody came" in complaint.summary
    assert complaint.stages.get().number == 1
    submission.refresh_from_db()
    assert submission.status == "accepted"
    assert submission.complaint == complaint
    event = AuditEvent.objects.get(action="submission.accept")
    assert event.complaint_id == complaint.pk

    # It is in the annual report's count of complaints by method.
    figures = report_figures(
        period=make_period(D("2026-04-01"), D("2027-03-31")), as_of=D("2026-12-04")
    )
    online = next(r for r in figures.tables["method.stage1"] if r["method"] == "online_form")
    assert online["count"] == 1


def test_a_sender_who_asked_for_an_advocate_is_referred_on_acceptance(service, officer_client):
    config.set_value("advocacy_provider_email", "referrals@advocacy.example", by=None)
    submission = complaint_sent(service)
    url = reverse("triage:accept", args=[submission.pk])
    page = officer_client.get(url).content.decode()
    assert "They asked for an advocate." in page
    assert 'name="refer" type="radio" value="yes" checked' in page
    statutory = Procedure.objects.get(code="statutory")
    form = {"procedure": str(statutory.pk), "service_area": str(service.pk), "note": ""}
    assert "Select whether to refer them" in officer_client.post(url, form).content.decode()
    response = officer_client.post(url, {**form, "refer": "yes"}, follow=True)
    page = html.unescape(response.content.decode())
    assert (
        f"Complaint {submission.reference} recorded in the statutory children's procedure; "
        "stage 1 has begun. They have been referred for advocacy."
    ) in page
    complaint = Complaint.objects.get()
    assert (complaint.advocacy_offered, complaint.advocacy_referred_on) == (True, D("2026-12-04"))
    message = Message.objects.get(kind=Kind.ADVOCACY_REFERRAL)
    assert "First name: Theo\n" in message.body  # the child it is made for
    assert "review meeting" not in message.body


def test_a_referral_that_cannot_be_sent_keeps_the_submission_waiting(service, officer_client):
    submission = complaint_sent(service)  # and no provider's address is set
    statutory = Procedure.objects.get(code="statutory")
    response = officer_client.post(
        reverse("triage:accept", args=[submission.pk]),
        {"procedure": str(statutory.pk), "service_area": str(service.pk), "refer": "yes"},
    )
    assert "No advocacy provider&#39;s referral address is set." in response.content.decode()
    assert Complaint.objects.count() == 0
    submission.refresh_from_db()
    assert submission.waiting


def test_no_referral_question_when_no_advocate_was_asked_for(service, officer_client):
    submission = complaint_sent(service, advocate=contract.ADVOCATE_NO)
    page = officer_client.get(reverse("triage:accept", args=[submission.pk])).content.decode()
    assert 'name="refer"' not in page


def test_a_refused_acceptance_keeps_nothing_and_the_submission_waits(service, officer_client):
    submission = complaint_sent(service, complainant_type="not-a-type")
    statutory = Procedure.objects.get(code="statutory")
    response = officer_client.post(
        reverse("triage:accept", args=[submission.pk]),
        {"procedure": str(statutory.pk), "service_area": str(service.pk)},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert Complaint.objects.count() == 0
    assert Person.objects.count() == 0  # the people made first were rolled back
    submission.refresh_from_db()
    assert submission.waiting


def test_a_submission_is_dealt_with_once(service, officer):
    submission = complaint_sent(service)
    triage.submission_decline(submission=submission, by=officer, reason="A request for records.")
    with pytest.raises(SubmissionNotWaiting, match="already been dealt with"):
        triage.submission_accept(
            submission=submission,
            procedure=Procedure.objects.get(code="statutory"),
            service_area=service,
            by=officer,
        )
    assert Complaint.objects.count() == 0
    assert AuditEvent.objects.filter(action="submission.decline").count() == 1


def test_declining_needs_a_reason(service, officer_client):
    submission = complaint_sent(service)
    response = officer_client.post(reverse("triage:decline", args=[submission.pk]), {"reason": ""})
    assert "Enter why it is not a complaint" in response.content.decode()
    submission.refresh_from_db()
    assert submission.waiting


def test_feedback_and_compliments_become_their_records(service, officer):
    feedback = submission_record(
        kind="feedback",
        answers={"service_area": service.pk, "what": "Meetings in class time.", "advocate": True},
    )
    triage.submission_handle_informally(submission=feedback, by=officer, service_area=service)
    recorded = InformalFeedback.objects.get()
    assert recorded.from_child
    assert recorded.advocate is True
    assert "Meetings in class time." in recorded.summary

    compliment = submission_record(
        kind="compliment",
        answers={
            "service_area": service.pk,
            "staff_member": "Asha",
            "what": "Always called back.",
            "consent_to_share": True,
            "source": "foster_carer",
        },
    )
    triage.submission_record_compliment(submission=compliment, by=officer, service_area=service)
    kept = Compliment.objects.get()
    assert (kept.staff_member, kept.consent_to_publish, kept.source) == (
        "Asha",
        True,
        "foster_carer",
    )
    assert set(Submission.objects.values_list("status", flat=True)) == {"informal", "compliment"}


def test_a_late_request_for_the_next_stage_is_opened_with_its_reason(today, officer):
    complaint = ComplaintFactory(received_date=D("2026-06-01"))
    complaint.stages.update(responded_date=D("2026-06-20"), outcome="not_upheld")
    refresh_complaints([complaint.pk])
    late = submission_record(
        kind="next_stage",
        answers={"reason": "Not answered.", "late_reason": "I was in hospital."},
        complaint=complaint,
    )
    stage = triage.submission_open_next_stage(
        submission=late, by=officer, late_reason="In hospital when the letter came."
    )
    assert stage.number == 2
    assert stage.received_date == D("2026-12-04")
    event = AuditEvent.objects.get(action="complaint.escalate")
    assert "In hospital" in event.note


def test_the_queue_lists_what_waits_oldest_first(service, officer_client):
    first = complaint_sent(service)
    second = complaint_sent(service)
    html = officer_client.get(reverse("triage:queue")).content.decode()
    assert html.index(first.reference) < html.index(second.reference)
    record = officer_client.get(reverse("triage:record", args=[first.pk])).content.decode()
    assert "Nobody came to the review meeting." in record
    assert "Accept into a procedure" in record
    home = officer_client.get(reverse("core:home")).content.decode()
    assert "2 sent online, waiting for triage" in home
