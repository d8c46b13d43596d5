"""The stage 2 pages: who may use them, and each form with its service's rules as errors."""

import pytest
from django.urls import reverse

from redress.accounts.models import Role, User
from redress.complaints.models import Appointment, Aspect
from redress.complaints.tests.factories import AppointmentFactory, AspectFactory, StageFactory
from redress.core.models import AuditEvent
from redress.procedures.models import StageRule
from redress.taxonomies.tests.factories import shipped_term

pytestmark = pytest.mark.django_db

PAGES = [
    "stage2_appoint",
    "stage2_statement",
    "stage2_reasons",
    "stage2_reasons_carry_over",
    "stage2_io_report",
    "stage2_ip_report",
    "stage2_adjudication",
]


def _date(name, day, month, year):
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def _url(name, complaint, *more):
    return reverse(f"complaints:{name}", args=[complaint.pk, *more])


@pytest.fixture
def stage2(caseload):
    """CSC-2021-0004 at stage 2 (received 14 June 2021), allocated to the responding manager,
    with the investigator appointed as its investigating officer."""
    return caseload.stage2


@pytest.fixture
def outsider(db):
    return User.objects.create_user(
        username="jo_bloggs", first_name="Jo", last_name="Bloggs", role=Role.INVESTIGATING_OFFICER
    )


# -- who may use the pages -----------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_the_complaints_team_opens_every_page(officer_client, manager_client, stage2, name):
    assert officer_client.get(_url(name, stage2.complaint)).status_code == 200
    assert manager_client.get(_url(name, stage2.complaint)).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_those_involved_see_the_complaint_but_may_not_act(
    responding_manager_client, investigator_client, stage2, name
):
    for client in (responding_manager_client, investigator_client):
        response = client.get(_url(name, stage2.complaint))
        assert response.status_code == 403
        assert "Only the complaints team" in response.content.decode()
        assert client.post(_url(name, stage2.complaint), {}).status_code == 403
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("name", PAGES)
def test_a_complaint_they_may_not_see_is_not_found(
    responding_manager_client, investigator_client, caseload, name
):
    hidden = StageFactory(complaint=caseload.closed, number=2).complaint
    for client in (responding_manager_client, investigator_client):
        assert client.get(_url(name, hidden)).status_code == 404
        assert client.post(_url(name, hidden), {}).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_an_executive_has_no_complaint_pages(executive_client, stage2, name):
    assert executive_client.get(_url(name, stage2.complaint)).status_code == 403


def test_removing_an_appointment_is_the_teams_too(
    officer_client, responding_manager_client, investigator_client, executive_client, stage2
):
    appointment = stage2.appointments.get()
    url = _url("appointment_remove", stage2.complaint, 2, appointment.pk)
    assert officer_client.get(url).status_code == 200
    for client in (responding_manager_client, investigator_client, executive_client):
        assert client.post(url, {}).status_code == 403
    assert Appointment.objects.filter(pk=appointment.pk).exists()


def test_a_complaint_without_a_stage_2_has_no_stage_2_pages(officer_client, caseload):
    for name in PAGES:
        assert officer_client.get(_url(name, caseload.due_today)).status_code == 404


# -- the stage 2 journey after escalation ----------------------------------------------------------


def test_after_escalation_the_stages_page_offers_the_stage_2_steps(officer_client, caseload):
    complaint = caseload.due_today
    complaint.stages.update(responded_date="2021-06-14", outcome="not_upheld")
    response = officer_client.post(
        _url("escalate", complaint), _date("requested_on", 18, 6, 2021), follow=True
    )
    page = response.content.decode()
    assert response.redirect_chain == [(_url("stages", complaint), 302)]
    assert "escalated to stage 2" in page
    for name in ("stage2_appoint", "stage2_statement", "stage2_reasons", "stage2_io_report"):
        assert _url(name, complaint) in page
    assert "Appoint someone to stage 2" in page


def test_the_stages_page_offers_no_stage_2_steps_to_others(responding_manager_client, stage2):
    page = responding_manager_client.get(_url("stages", stage2.complaint)).content.decode()
    assert _url("stage2_appoint", stage2.complaint) not in page
    assert _url("stage2_statement", stage2.complaint) not in page
    assert "Remove" not in page


# -- appointments ---------------------------------------------------------------------------------


def test_appoint_the_independent_person(officer_client, stage2, outsider, officer):
    data = {"role": "independent_person", "user": outsider.pk, **_date("appointed_on", 15, 6, 2021)}
    response = officer_client.post(_url("stage2_appoint", stage2.complaint), data, follow=True)
    assert response.redirect_chain == [(_url("stages", stage2.complaint), 302)]
    assert "Jo Bloggs appointed independent person to stage 2" in response.content.decode()
    appointment = stage2.appointments.get(role="independent_person")
    assert (appointment.user, str(appointment.appointed_date)) == (outsider, "2021-06-15")
    assert AuditEvent.objects.get(action="stage.appoint").actor == officer


def test_a_member_of_staff_is_refused_as_independent_person_at_their_account(
    officer_client, stage2, manager
):
    data = {"role": "independent_person", "user": manager.pk, **_date("appointed_on", 15, 6, 2021)}
    response = officer_client.post(_url("stage2_appoint", stage2.complaint), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Morgan Tester works for the authority (complaints manager)" in page
    assert 'href="#user"' in page
    assert 'id="user-error"' in page
    # What was typed is kept.
    assert f'<option value="{manager.pk}" selected>' in page
    assert 'value="independent_person" checked' in page
    assert 'name="appointed_on-day" type="text" value="15"' in page
    assert not stage2.appointments.filter(role="independent_person").exists()


def test_the_investigating_officer_is_refused_as_independent_person_by_name(officer_client, stage2):
    data = {
        "role": "independent_person",
        "name": "Ivan Investigator",
        **_date("appointed_on", 15, 6, 2021),
    }
    page = officer_client.post(_url("stage2_appoint", stage2.complaint), data).content.decode()
    assert (
        "Ivan Investigator is already the investigating officer at stage 2; the independent "
        "person must be someone else."
    ) in page
    assert 'href="#name"' in page
    assert 'value="Ivan Investigator"' in page


def test_the_manager_handling_the_complaint_is_refused_by_name(officer_client, stage2):
    data = {
        "role": "independent_person",
        "name": "Rita Tester",
        **_date("appointed_on", 15, 6, 2021),
    }
    page = officer_client.post(_url("stage2_appoint", stage2.complaint), data).content.decode()
    assert "they handled this complaint at stage 2" in page
    assert 'href="#name"' in page


def test_an_appointment_needs_a_role_and_a_person(officer_client, stage2):
    page = officer_client.post(_url("stage2_appoint", stage2.complaint), {}).content.decode()
    assert "Select the role" in page
    assert "Enter the date appointed" in page
    data = {"role": "independent_person", **_date("appointed_on", 15, 6, 2021)}
    page = officer_client.post(_url("stage2_appoint", stage2.complaint), data).content.decode()
    assert "Enter the name of the independent person, or choose their user account." in page
    assert 'href="#name"' in page


def test_remove_an_appointment(officer_client, stage2):
    appointment = stage2.appointments.get()
    url = _url("appointment_remove", stage2.complaint, 2, appointment.pk)
    assert (
        "Remove Ivan Investigator as investigating officer"
        in officer_client.get(url).content.decode()
    )
    response = officer_client.post(url, {"reason": "Conflict of interest"}, follow=True)
    assert "Ivan Investigator is no longer the investigating officer at stage 2" in (
        response.content.decode()
    )
    assert not stage2.appointments.exists()
    assert AuditEvent.objects.get(action="stage.unappoint").note == "Conflict of interest"


def test_an_appointment_to_another_stage_is_not_found_there(officer_client, stage2):
    appointment = stage2.appointments.get()
    url = _url("appointment_remove", stage2.complaint, 1, appointment.pk)
    assert officer_client.get(url).status_code == 404


# -- the statement of complaint --------------------------------------------------------------------


def test_the_statement_page_says_the_clock_does_not_move(officer_client, stage2):
    page = officer_client.get(_url("stage2_statement", stage2.complaint)).content.decode()
    assert "the stage 2 clock started when the request was received, on 14 June 2021" in page
    assert "does not move the deadline" in page


def test_where_the_statement_starts_the_clock_the_page_says_so_and_the_deadline_moves(
    officer_client, stage2
):
    StageRule.objects.filter(procedure__code="statutory", stage=2).update(
        clock_start="statement_agreed"
    )
    url = _url("stage2_statement", stage2.complaint)
    page = officer_client.get(url).content.decode()
    assert "the stage 2 clock starts when the statement is agreed" in page
    assert "its 25 working days count from the date you give here" in page
    assert str(stage2.due_date) == "2021-07-19"
    response = officer_client.post(url, _date("agreed_on", 18, 6, 2021), follow=True)
    assert "Statement of complaint agreed on 18 June 2021: the stage 2 clock starts then" in (
        response.content.decode()
    )
    stage2.refresh_from_db()
    assert str(stage2.statement_agreed_date) == "2021-06-18"
    assert str(stage2.due_date) == "2021-07-23"


def test_a_statement_before_the_request_is_refused_at_the_date(officer_client, stage2):
    response = officer_client.post(
        _url("stage2_statement", stage2.complaint), _date("agreed_on", 11, 6, 2021)
    )
    page = response.content.decode()
    assert (
        "The statement agreed date, 11 June 2021, is before the date stage 2 was received "
        "(14 June 2021)."
    ) in page
    assert 'href="#agreed_on-day"' in page
    assert 'name="agreed_on-day" type="text" value="11"' in page
    stage2.refresh_from_db()
    assert stage2.statement_agreed_date is None


# -- the reasons for complaint ---------------------------------------------------------------------


def test_carry_over_the_stage_1_reasons_then_remove_one(officer_client, stage2):
    complaint = stage2.complaint
    AspectFactory(stage=complaint.stages.get(number=1), finding="not_upheld")
    page = officer_client.get(_url("stage2_reasons", complaint)).content.decode()
    assert (
        "Stage 1 has 1 reason that stage 2 does not have yet: Service Quality: Poor Communication"
        in page
    )
    response = officer_client.post(_url("stage2_reasons_carry_over", complaint), {}, follow=True)
    assert response.redirect_chain == [(_url("stage2_reasons", complaint), 302)]
    assert "1 reason carried over from stage 1" in response.content.decode()
    aspect = stage2.aspects.get()
    assert aspect.finding == ""

    page = officer_client.get(_url("stage2_reason_remove", complaint, aspect.pk)).content.decode()
    assert "Service Quality: Poor Communication" in page
    response = officer_client.post(
        _url("stage2_reason_remove", complaint, aspect.pk), {}, follow=True
    )
    assert "Reason removed from stage 2: Service Quality: Poor Communication" in (
        response.content.decode()
    )
    assert not stage2.aspects.exists()


def test_nothing_to_carry_over_is_said_plainly(officer_client, stage2):
    page = officer_client.post(
        _url("stage2_reasons_carry_over", stage2.complaint), {}
    ).content.decode()
    assert "Stage 1 has no reasons for complaint that stage 2 does not already have." in page


def test_add_a_reason(officer_client, stage2):
    category = shipped_term("Delay")
    subcategory = shipped_term("Delay", "Make a Decision")
    data = {"category": category.pk, "subcategory": subcategory.pk}
    response = officer_client.post(_url("stage2_reasons", stage2.complaint), data, follow=True)
    assert "Reason added to stage 2: Delay: Make a Decision" in response.content.decode()
    assert stage2.aspects.get().subcategory == subcategory


def test_a_sub_category_of_another_branch_is_refused_at_the_sub_category(officer_client, stage2):
    category = shipped_term("Service Quality")
    other = shipped_term("Delay", "Make a Decision")
    data = {"category": category.pk, "subcategory": other.pk}
    page = officer_client.post(_url("stage2_reasons", stage2.complaint), data).content.decode()
    assert "&#39;Make a Decision&#39; is not a sub-category of &#39;Service Quality&#39;." in page
    assert 'href="#subcategory"' in page
    assert f'<option value="{category.pk}" selected>' in page
    assert f'<option value="{other.pk}" selected>' in page
    assert not Aspect.objects.filter(stage=stage2).exists()


def test_the_same_reason_twice_is_refused_at_the_category(officer_client, stage2):
    aspect = AspectFactory(stage=stage2)
    data = {"category": aspect.category_id, "subcategory": aspect.subcategory_id}
    page = officer_client.post(_url("stage2_reasons", stage2.complaint), data).content.decode()
    assert "Stage 2 already has the reason" in page
    assert 'href="#category"' in page


# -- the reports and the adjudication ------------------------------------------------------------


def test_record_the_reports_and_the_adjudication(officer_client, stage2):
    complaint = stage2.complaint
    AppointmentFactory(stage=stage2, role="independent_person", name="Jo Bloggs")
    response = officer_client.post(
        _url("stage2_io_report", complaint), _date("received_on", 17, 6, 2021), follow=True
    )
    assert "The investigating officer&#39;s report was received on 17 June 2021" in (
        response.content.decode()
    )
    officer_client.post(_url("stage2_ip_report", complaint), _date("received_on", 18, 6, 2021))
    response = officer_client.post(
        _url("stage2_adjudication", complaint), _date("adjudicated_on", 21, 6, 2021), follow=True
    )
    page = response.content.decode()
    assert "Adjudication recorded on 21 June 2021" in page
    stage2.refresh_from_db()
    assert [str(d) for d in (stage2.io_report_date, stage2.ip_report_date)] == [
        "2021-06-17",
        "2021-06-18",
    ]
    assert str(stage2.adjudication_date) == "2021-06-21"
    # Recorded dates are shown, and no longer offered to record.
    assert _url("stage2_adjudication", complaint) not in page


def test_a_report_in_the_future_is_refused_at_the_date(officer_client, stage2):
    url = _url("stage2_io_report", stage2.complaint)
    page = officer_client.post(url, _date("received_on", 22, 6, 2021)).content.decode()
    assert "The investigating officer&#39;s report date, 22 June 2021, is in the future." in page
    assert 'href="#received_on-day"' in page
    assert 'name="received_on-year" type="text" value="2021"' in page


def test_a_report_needs_its_author_appointed(officer_client, stage2):
    url = _url("stage2_ip_report", stage2.complaint)
    page = officer_client.post(url, _date("received_on", 18, 6, 2021)).content.decode()
    assert "Appoint the independent person before recording their report." in page
    assert 'href="#received_on-day"' in page


def test_the_adjudication_before_a_report_is_refused_at_its_date(officer_client, stage2):
    complaint = stage2.complaint
    officer_client.post(_url("stage2_io_report", complaint), _date("received_on", 18, 6, 2021))
    page = officer_client.post(
        _url("stage2_adjudication", complaint), _date("adjudicated_on", 17, 6, 2021)
    ).content.decode()
    assert (
        "The adjudication (17 June 2021) cannot come before the investigating officer&#39;s "
        "report (18 June 2021)."
    ) in page
    assert 'href="#adjudicated_on-day"' in page
    stage2.refresh_from_db()
    assert stage2.adjudication_date is None
