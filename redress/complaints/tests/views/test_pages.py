import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from redress.complaints.tests.factories import (
    AspectFactory,
    ExtensionFactory,
    LearningActionFactory,
    MediationFactory,
    PaymentFactory,
)
from redress.core import audit
from redress.feedback.tests.factories import SatisfactionAnswerFactory
from redress.ombudsman.tests.factories import RemedyFactory
from redress.procedures.models import ClosureDay

pytestmark = pytest.mark.django_db

TABS = ["summary", "stages", "timeline", "people", "payments"]


def _get(client, tab, complaint):
    return client.get(reverse(f"complaints:{tab}", args=[complaint.pk]))


@pytest.mark.parametrize("tab", TABS)
def test_every_tab_has_the_sub_navigation_with_itself_current(officer_client, caseload, tab):
    response = _get(officer_client, tab, caseload.overdue)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Complaint CSC-2021-0002" in page
    assert 'class="moj-sub-navigation"' in page
    assert page.count('aria-current="page"') == 1
    current = reverse(f"complaints:{tab}", args=[caseload.overdue.pk])
    assert f'aria-current="page" href="{current}"' in page
    assert "9 working days overdue" in page


def test_summary_shows_the_record(officer_client, caseload):
    complaint = caseload.due_today
    complaint.summary = "The social worker did not return calls."
    complaint.save()
    RemedyFactory(enquiry__complaint=complaint, enquiry__lgo_reference="21 001 234", kind="apology")
    page = _get(officer_client, "summary", complaint).content.decode()
    assert "7 June 2021" in page
    assert "Statutory children&#39;s procedure" in page
    assert "Fostering" in page
    assert "North" in page
    assert "The social worker did not return calls." in page
    assert "21 001 234" in page
    assert "Apology" in page
    assert "Due today" in page


def test_stages_explain_the_deadline_and_the_days_skipped(officer_client, caseload):
    page = _get(officer_client, "stages", caseload.overdue).content.decode()
    assert "Stage 1: local resolution" in page
    assert "10 working days: 8 June 2021" in page  # initial
    assert "20 working days: 22 June 2021" in page  # maximum
    assert "How this deadline was worked out" in page
    assert "Monday 31 May 2021: Spring Bank Holiday (bank holiday)" in page
    assert "Saturday 29 May 2021: Saturday" in page
    assert "Not yet: 9 working days overdue" in page
    assert "Not yet (due 26 May 2021)" in page  # acknowledgement: 2 working days


def test_an_extension_moves_the_applicable_deadline(officer_client, caseload, officer):
    stage = caseload.overdue.stages.get()
    ExtensionFactory(
        stage=stage,
        extended_to_days=20,
        reason="An advocate is needed",
        agreed_date=datetime.date(2021, 6, 1),
        agreed_by=officer,
    )
    page = _get(officer_client, "stages", caseload.overdue).content.decode()
    assert "20 working days, extended: 22 June 2021" in page
    assert "An advocate is needed" in page
    assert "Olive Tester" in page
    assert "Due in 1 working day" in page


def test_a_closure_day_is_explained_too(officer_client, caseload, d):
    ClosureDay.objects.create(date=d("2021-06-02"), reason="Staff training")
    page = _get(officer_client, "stages", caseload.overdue).content.decode()
    assert "Wednesday 2 June 2021: Staff training (closure day)" in page
    assert "10 working days: 9 June 2021" in page


def test_stages_show_responses_reasons_appointments_and_mediation(officer_client, caseload):
    complaint = caseload.escalated
    AspectFactory(stage=complaint.stages.get(number=1), finding="not_upheld")
    MediationFactory(complaint=complaint, after_stage=1, mediator="Mo Mediator")
    page = _get(officer_client, "stages", complaint).content.decode()
    assert "Stage 2: investigation" in page
    assert "23 April 2021. Took 9 working days: in time" in page
    assert "Not upheld" in page
    assert "Poor Communication" in page
    assert "Ivan Investigator" in page
    assert "Investigating officer" in page
    assert "Mediation after stage 1" in page
    assert "Mo Mediator" in page
    assert "Rita Tester" in page  # allocated


def test_the_timeline_says_who_did_what_and_what_changed(officer_client, caseload, officer):
    stage = caseload.overdue.stages.get()
    audit.record(
        action="stage.acknowledge",
        obj=stage,
        by=officer,
        before={"acknowledged_date": None},
        after={"acknowledged_date": "2021-05-25"},
        complaint=caseload.overdue,
    )
    audit.record(
        action="stage.allocate",
        obj=stage,
        by=officer,
        before={"allocated_to": None},
        after={"allocated_to": officer.pk},
        complaint=caseload.overdue,
    )
    audit.record(
        action="admin.change",
        obj=caseload.overdue,
        by=None,
        before={"complainant_type": "parent"},
        after={"complainant_type": "child_young_person"},
        complaint=caseload.overdue,
        note="Changed in the admin.",
    )
    page = _get(officer_client, "timeline", caseload.overdue).content.decode()
    assert 'class="moj-timeline"' in page
    assert "Stage 1 acknowledged" in page
    assert "Acknowledged date:</span>" in page
    assert 'not recorded <span aria-hidden="true">→</span>' in page
    assert "25 May 2021" in page
    assert "Stage 1 allocated" in page
    assert "Olive Tester" in page  # the allocated user by name, not id
    assert "Complaint corrected in the admin" in page
    assert "Parent" in page
    assert "Child or young person" in page
    assert "by Redress (system)" in page
    assert "by Olive Tester (Complaints officer)" in page
    assert "21 June 2021 at 12:00pm" in page  # 11:00 UTC is noon in London
    # Most recent first.
    assert page.index("corrected in the admin") < page.index("Stage 1 acknowledged")


def test_an_empty_timeline_says_so(officer_client, caseload):
    page = _get(officer_client, "timeline", caseload.closed).content.decode()
    assert "Nothing has been recorded on this complaint" in page


def test_people_shows_the_complainant_and_who_is_involved(officer_client, caseload):
    page = _get(officer_client, "people", caseload.due_today).content.decode()
    assert "Alex Parent" in page
    assert "Complainant" in page
    page = _get(officer_client, "people", caseload.escalated).content.decode()
    assert "Ivan Investigator" in page
    assert "Rita Tester" in page


def test_payments_and_learning(officer_client, caseload):
    complaint = caseload.closed
    PaymentFactory(complaint=complaint, amount=Decimal("250.00"), kind="compensation")
    PaymentFactory(complaint=complaint, amount=Decimal("1200.50"), kind="investigating_officer")
    LearningActionFactory(complaint=complaint, due_date=datetime.date(2021, 6, 1))
    SatisfactionAnswerFactory(complaint=complaint, question="taken_seriously", answer="partly")
    page = _get(officer_client, "payments", complaint).content.decode()
    assert "£250.00" in page
    assert "£1,200.50" in page
    assert "£1,450.50" in page  # total
    assert "Remind social workers to share meeting minutes promptly." in page
    assert "Overdue" in page
    assert "Were your concerns taken seriously?" in page
    assert "Partly" in page


@pytest.mark.parametrize("tab", TABS)
def test_an_investigator_sees_their_complaint_and_no_other(investigator_client, caseload, tab):
    assert _get(investigator_client, tab, caseload.escalated).status_code == 200
    response = _get(investigator_client, tab, caseload.due_today)
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert "Alex Parent" not in page


@pytest.mark.parametrize("tab", TABS)
def test_a_hidden_complaint_answers_exactly_as_a_missing_one(investigator_client, caseload, tab):
    """The answer must not tell whether a complaint exists: same status, same page."""
    hidden = _get(investigator_client, tab, caseload.due_today)
    missing = investigator_client.get(reverse(f"complaints:{tab}", args=[99999]))
    assert hidden.status_code == missing.status_code == 404
    assert _without_tokens(hidden) == _without_tokens(missing)


def _without_tokens(response) -> str:
    """The page without its per-request CSRF token."""
    return re.sub(r'value="[^"]{32,}"', "", response.content.decode())


def test_a_responding_manager_sees_an_allocated_complaint(responding_manager_client, caseload):
    assert _get(responding_manager_client, "summary", caseload.escalated).status_code == 200
    assert _get(responding_manager_client, "summary", caseload.overdue).status_code == 404


@pytest.mark.parametrize("tab", TABS)
def test_an_executive_gets_no_complaint_page(executive_client, caseload, tab):
    response = _get(executive_client, tab, caseload.due_today)
    assert response.status_code == 403
    page = response.content.decode()
    assert "Executive or board member" in page
    assert "Alex Parent" not in page
    assert "CSC-2021-0001" not in page


def test_a_complaint_that_does_not_exist_is_not_found(officer_client, caseload):
    response = officer_client.get(reverse("complaints:summary", args=[99999]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_timeline_reads_what_the_services_recorded(officer_client, caseload, officer, d):
    from redress.complaints import services

    stage = caseload.overdue.stages.get()
    services.stage_extend(
        stage=stage,
        extended_to_days=20,
        reason="An advocate is needed",
        agreed_on=d("2021-06-01"),
        by=officer,
    )
    page = _get(officer_client, "timeline", caseload.overdue).content.decode()
    assert "Stage 1 extended" in page
    assert "Timescale:</span>" in page
    assert '10 working days <span aria-hidden="true">→</span>' in page
    assert "20 working days" in page
    assert "8 June 2021" in page  # the due date before
    assert "22 June 2021" in page  # and after
    assert "An advocate is needed" in page  # the note


def test_the_timeline_reads_an_escalation_as_the_request(officer_client, caseload, officer, d):
    from redress.complaints import services

    services.complaint_escalate(complaint=caseload.closed, requested_on=d("2021-06-03"), by=officer)
    page = _get(officer_client, "timeline", caseload.closed).content.decode()
    assert "Escalated to stage 2 (requested 3 June 2021)" in page
    assert "not recorded" not in page
    assert "Received date" not in page  # said in the title
    for kept_for_lists in ("Number:", "Status:", "Held days"):
        assert kept_for_lists not in page


def test_the_timeline_lists_the_values_a_new_stage_was_given(officer_client, caseload, officer):
    """A snapshot's key that only `after` has is a value given; one only `before` has is
    context, not a value that became "not recorded"."""
    stage = caseload.overdue.stages.get()
    audit.record(
        action="brand.new_thing",
        obj=stage,
        by=officer,
        before={"stage": 1},
        after={"panel_date": "2021-06-10", "acknowledged_date": None},
        complaint=caseload.overdue,
    )
    page = _get(officer_client, "timeline", caseload.overdue).content.decode()
    assert "Brand new thing" in page
    assert re.search(r"Panel date:</span>\s*10 June 2021\s*</li>", page)
    assert "not recorded" not in page


def test_the_timeline_follows_a_pinned_today(officer_client, caseload, settings):
    """A demonstration pins today: what is recorded then reads as done on that day."""
    settings.REDRESS_TODAY = datetime.date(2021, 6, 18)
    officer_client.post(
        reverse("complaints:acknowledge", args=[caseload.due_today.pk, 1]),
        {"acknowledged_on-day": "8", "acknowledged_on-month": "6", "acknowledged_on-year": "2021"},
    )
    page = _get(officer_client, "timeline", caseload.due_today).content.decode()
    assert "Stage 1 acknowledged" in page
    assert "18 June 2021 at 12:00pm" in page  # the pinned day, at the (travelled) time of day
    assert "21 June 2021 at" not in page


def test_no_extend_button_once_extended_as_far_as_the_rule_allows(officer_client, caseload):
    from redress.complaints.tests.factories import ExtensionFactory

    stage = caseload.overdue.stages.get()
    extend = reverse("complaints:extend", args=[caseload.overdue.pk, 1])
    ExtensionFactory(stage=stage, extended_to_days=15)
    assert extend in _get(officer_client, "summary", caseload.overdue).content.decode()
    ExtensionFactory(stage=stage, extended_to_days=20)  # the statutory stage 1 maximum
    assert extend not in _get(officer_client, "summary", caseload.overdue).content.decode()
