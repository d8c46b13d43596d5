"""The stage 3 pages: who may use them, the panel's forms with the services' rules as errors,
and the fixes from the walk-through (no dates after today, one due date on the page)."""

import datetime

import pytest
from django.urls import reverse

from redress.complaints.models import Appointment
from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import (
    AppointmentFactory,
    AspectFactory,
    ComplaintFactory,
    StageFactory,
)
from redress.core.models import AuditEvent

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat
PAGES = ["stage3_appoint", "stage3_panel", "stage3_report", "stage3_respond"]


def _date(name, day, month, year):
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def _url(name, complaint, *more):
    return reverse(f"complaints:{name}", args=[complaint.pk, *more])


@pytest.fixture
def stage3(db, responding_manager, investigator):
    """A statutory complaint whose stage 3 was asked for on Monday 17 May 2021, allocated to
    the responding manager; the investigator was stage 2's investigating officer, Jo Bloggs its
    independent person."""
    complaint = ComplaintFactory(reference="CSC-2021-0100", received_date=D("2021-03-01"))
    complaint.stages.update(responded_date=D("2021-03-12"), outcome="not_upheld")
    stage2 = StageFactory(
        complaint=complaint,
        number=2,
        received_date=D("2021-03-15"),
        responded_date=D("2021-05-10"),
        outcome="not_upheld",
    )
    AppointmentFactory(stage=stage2, user=investigator, name="Ivan Investigator")
    AppointmentFactory(stage=stage2, role="independent_person", name="Jo Bloggs")
    return StageFactory(
        complaint=complaint,
        number=3,
        received_date=D("2021-05-17"),
        allocated_to=responding_manager,
    )


def _appoint_panel(stage):
    for role, name in (
        ("panel_chair", "Ann Chair"),
        ("panel_member", "Bob Member"),
        ("panel_member", "Cat Member"),
    ):
        AppointmentFactory(stage=stage, role=role, name=name)


# -- who may use the pages -----------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_the_complaints_team_opens_every_page(officer_client, manager_client, stage3, name):
    assert officer_client.get(_url(name, stage3.complaint)).status_code == 200
    assert manager_client.get(_url(name, stage3.complaint)).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_those_involved_see_the_complaint_but_may_not_act(
    responding_manager_client, investigator_client, stage3, name
):
    for client in (responding_manager_client, investigator_client):
        response = client.get(_url(name, stage3.complaint))
        assert response.status_code == 403
        assert "Only the complaints team" in response.content.decode()
        assert client.post(_url(name, stage3.complaint), {}).status_code == 403
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("name", PAGES)
def test_a_complaint_they_may_not_see_is_not_found(
    responding_manager_client, investigator_client, stage3, name
):
    stage3.complaint.stages.update(allocated_to=None)
    Appointment.objects.all().delete()
    for client in (responding_manager_client, investigator_client):
        assert client.get(_url(name, stage3.complaint)).status_code == 404
        assert client.post(_url(name, stage3.complaint), {}).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_an_executive_has_no_complaint_pages(executive_client, stage3, name):
    assert executive_client.get(_url(name, stage3.complaint)).status_code == 403


def test_a_complaint_at_stage_2_has_no_stage_3_pages(officer_client, stage3):
    stage3.delete()
    for name in PAGES:
        assert officer_client.get(_url(name, stage3.complaint)).status_code == 404


# -- one due date, and the milestones ------------------------------------------------------------


def test_the_stages_page_shows_one_due_date_and_the_milestones(officer_client, stage3):
    """The walk-through found 50 working days and the panel's 15 both shown as due dates."""
    page = officer_client.get(_url("stages", stage3.complaint)).content.decode()
    section = page[page.index('id="stage-3-heading"') :]
    assert "Final response due" in section
    assert "50 working days: 27 July 2021" in section
    for other in (
        "Initial deadline",
        "Applicable deadline",
        "Maximum deadline",
        "Authority&#39;s response due",
    ):
        assert other not in section
    assert section.count("working days: ") == 1
    assert "Review panel milestones" in section
    assert "They are not deadlines of their own: the deadline is the final response date" in (
        section
    )
    assert "30 working days after the request" in section
    assert "29 June 2021" in section  # the panel: 30 working days, over the bank holiday
    assert "5 working days after the panel" in section
    assert "Once the panel is recorded" in section
    assert "15 working days after the report" in section
    # The tag counts down to the final response, the one deadline.
    assert "Due in 26 working days" in page


def test_the_milestones_fill_in_as_the_panel_goes(officer_client, stage3):
    _appoint_panel(stage3)
    stage3.complaint.stages.filter(number=3).update(
        panel_date=D("2021-06-14"),
        panel_report_date=D("2021-06-18"),
        panel_recommendations="Apologise in writing.\nReview the contact policy.",
    )
    refresh_complaints([stage3.complaint_id])
    page = officer_client.get(_url("stages", stage3.complaint)).content.decode()
    section = page[page.index('id="stage-3-heading"') :]
    assert "14 June 2021" in section  # held
    assert "21 June 2021" in section  # report due: 5 working days after the panel
    assert "9 July 2021" in section  # response due: 15 working days after the report
    assert '<p class="govuk-body">Review the contact policy.</p>' in section
    assert "Final response due" in section
    assert "Applicable deadline" not in section


def test_the_team_records_the_authoritys_response_from_the_header(officer_client, stage3):
    page = officer_client.get(_url("stages", stage3.complaint)).content.decode()
    assert _url("stage3_respond", stage3.complaint) in page
    assert _url("respond", stage3.complaint, 3) not in page
    assert _url("stage3_panel", stage3.complaint) in page
    assert _url("stage3_appoint", stage3.complaint) in page


def test_the_responding_manager_is_offered_no_stage_3_steps(responding_manager_client, stage3):
    page = responding_manager_client.get(_url("stages", stage3.complaint)).content.decode()
    for name in PAGES:
        assert _url(name, stage3.complaint) not in page
    assert "Record response" not in page


# -- the panel -------------------------------------------------------------------------------------


def test_appoint_the_panel(officer_client, stage3):
    url = _url("stage3_appoint", stage3.complaint)
    for role, name in (("panel_chair", "Ann Chair"), ("panel_member", "Bob Member")):
        data = {"role": role, "name": name, **_date("appointed_on", 1, 6, 2021)}
        response = officer_client.post(url, data, follow=True)
        assert response.redirect_chain == [(_url("stages", stage3.complaint), 302)]
    assert "Bob Member appointed review panel member to stage 3" in response.content.decode()
    assert sorted(stage3.appointments.values_list("role", flat=True)) == [
        "panel_chair",
        "panel_member",
    ]


def test_a_second_chair_is_refused_at_the_role(officer_client, stage3):
    AppointmentFactory(stage=stage3, role="panel_chair", name="Ann Chair")
    data = {"role": "panel_chair", "name": "Bob Chair", **_date("appointed_on", 1, 6, 2021)}
    page = officer_client.post(_url("stage3_appoint", stage3.complaint), data).content.decode()
    assert "The stage 3 review panel already has a chair, Ann Chair." in page
    assert 'href="#role"' in page
    assert 'value="Bob Chair"' in page


def test_the_stage_2_independent_person_is_refused_as_a_panellist(officer_client, stage3):
    data = {"role": "panel_member", "name": "Jo Bloggs", **_date("appointed_on", 1, 6, 2021)}
    page = officer_client.post(_url("stage3_appoint", stage3.complaint), data).content.decode()
    assert (
        "Jo Bloggs was the independent person at stage 2, so cannot sit on the stage 3 review "
        "panel."
    ) in page
    assert 'href="#name"' in page
    assert not stage3.appointments.exists()


def test_a_fourth_panellist_is_refused(officer_client, stage3):
    _appoint_panel(stage3)
    page = officer_client.get(_url("stages", stage3.complaint)).content.decode()
    assert _url("stage3_appoint", stage3.complaint) not in page
    data = {"role": "panel_member", "name": "Dan Member", **_date("appointed_on", 1, 6, 2021)}
    page = officer_client.post(_url("stage3_appoint", stage3.complaint), data).content.decode()
    assert "The stage 3 review panel already has its 3 members." in page


def test_the_panel_meets_once_it_is_complete(officer_client, stage3):
    url = _url("stage3_panel", stage3.complaint)
    page = officer_client.post(url, _date("held_on", 14, 6, 2021)).content.decode()
    assert "The review panel has 0 of its 3 members." in page
    _appoint_panel(stage3)
    response = officer_client.post(url, _date("held_on", 14, 6, 2021), follow=True)
    assert "The review panel met on 14 June 2021" in response.content.decode()
    stage3.refresh_from_db()
    assert str(stage3.panel_date) == "2021-06-14"


def test_a_panel_after_today_is_refused_at_its_date(officer_client, stage3):
    """The walk-through's stage 3 that could never be answered began with a panel dated after
    today."""
    _appoint_panel(stage3)
    response = officer_client.post(
        _url("stage3_panel", stage3.complaint), _date("held_on", 22, 6, 2021)
    )
    page = response.content.decode()
    assert "The panel date, 22 June 2021, is in the future." in page
    assert 'href="#held_on-day"' in page
    assert 'name="held_on-day" type="text" value="22"' in page
    stage3.refresh_from_db()
    assert stage3.panel_date is None


def test_the_report_with_its_recommendations(officer_client, stage3):
    _appoint_panel(stage3)
    officer_client.post(_url("stage3_panel", stage3.complaint), _date("held_on", 14, 6, 2021))
    data = {"recommendations": "Apologise in writing.", **_date("received_on", 18, 6, 2021)}
    response = officer_client.post(_url("stage3_report", stage3.complaint), data, follow=True)
    page = response.content.decode()
    assert "The panel&#39;s report was received on 18 June 2021" in page
    assert "Apologise in writing." in page
    stage3.refresh_from_db()
    assert (str(stage3.panel_report_date), stage3.panel_recommendations) == (
        "2021-06-18",
        "Apologise in writing.",
    )


def test_a_report_before_the_panel_or_after_today_is_refused_at_its_date(officer_client, stage3):
    _appoint_panel(stage3)
    officer_client.post(_url("stage3_panel", stage3.complaint), _date("held_on", 14, 6, 2021))
    url = _url("stage3_report", stage3.complaint)
    data = {"recommendations": "Apologise in writing.", **_date("received_on", 11, 6, 2021)}
    page = officer_client.post(url, data).content.decode()
    assert (
        "The panel&#39;s report (11 June 2021) cannot come before the panel (14 June 2021)."
    ) in page
    assert 'href="#received_on-day"' in page
    assert "Apologise in writing.</textarea>" in page
    data = {"recommendations": "Apologise in writing.", **_date("received_on", 22, 6, 2021)}
    page = officer_client.post(url, data).content.decode()
    assert "The panel&#39;s report date, 22 June 2021, is in the future." in page
    stage3.refresh_from_db()
    assert stage3.panel_report_date is None


# -- the authority's response ----------------------------------------------------------------------


def test_the_response_waits_for_the_report(officer_client, stage3):
    data = {"outcome": "upheld", **_date("responded_on", 18, 6, 2021)}
    page = officer_client.post(_url("stage3_respond", stage3.complaint), data).content.decode()
    assert "Record the panel&#39;s report before the authority&#39;s response." in page
    assert 'value="upheld" checked' in page
    assert stage3.complaint.stages.get(number=3).is_open


def test_record_the_authoritys_response(officer_client, stage3):
    _appoint_panel(stage3)
    aspect = AspectFactory(stage=stage3)
    officer_client.post(_url("stage3_panel", stage3.complaint), _date("held_on", 14, 6, 2021))
    officer_client.post(
        _url("stage3_report", stage3.complaint),
        {"recommendations": "Apologise in writing.", **_date("received_on", 16, 6, 2021)},
    )
    url = _url("stage3_respond", stage3.complaint)
    page = officer_client.get(url).content.decode()
    assert "The final response is due by <strong>27 July 2021</strong>" in page
    assert "Apologise in writing." in page
    data = {"outcome": "upheld", **_date("responded_on", 15, 6, 2021)}
    page = officer_client.post(url, data).content.decode()
    assert (
        "The authority&#39;s response (15 June 2021) cannot come before the panel&#39;s report "
        "(16 June 2021)."
    ) in page
    assert 'href="#responded_on-day"' in page
    data = {
        "outcome": "upheld",
        f"finding_{aspect.pk}": "upheld",
        **_date("responded_on", 21, 6, 2021),
    }
    response = officer_client.post(url, data, follow=True)
    assert "The authority&#39;s response to the review panel recorded: upheld" in (
        response.content.decode()
    )
    stage = stage3.complaint.stages.get(number=3)
    aspect.refresh_from_db()
    assert (str(stage.responded_date), stage.outcome, aspect.finding) == (
        "2021-06-21",
        "upheld",
        "upheld",
    )
