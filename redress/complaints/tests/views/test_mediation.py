"""The mediation pages: who may use them, and the offer, the meeting and the outcome with the
services' rules as errors."""

import datetime

import pytest
from django.urls import reverse

from redress.complaints.models import Mediation
from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import MediationFactory
from redress.core.models import AuditEvent

pytestmark = pytest.mark.django_db

D = datetime.date.fromisoformat


def _date(name, day, month, year):
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def _url(name, complaint, *more):
    return reverse(f"complaints:{name}", args=[complaint.pk, *more])


@pytest.fixture
def answered(caseload, responding_manager):
    """CSC-2021-0001, its stage 1 allocated to the responding manager and answered on
    14 June 2021."""
    complaint = caseload.due_today
    complaint.stages.update(
        responded_date=D("2021-06-14"), outcome="not_upheld", allocated_to=responding_manager
    )
    refresh_complaints([complaint.pk])
    return complaint


@pytest.fixture
def offered(answered):
    return MediationFactory(complaint=answered, after_stage=1, offered_date=D("2021-06-15"))


def _pages(complaint, mediation):
    return [
        _url("mediation_offer", complaint),
        _url("mediation_hold", complaint, mediation.pk),
        _url("mediation_outcome", complaint, mediation.pk),
    ]


# -- who may use the pages -----------------------------------------------------------------------


def test_the_complaints_team_opens_every_page(officer_client, manager_client, offered):
    for url in _pages(offered.complaint, offered):
        assert officer_client.get(url).status_code == 200
        assert manager_client.get(url).status_code == 200


def test_the_responding_manager_sees_the_complaint_but_may_not_act(
    responding_manager_client, offered
):
    for url in _pages(offered.complaint, offered):
        response = responding_manager_client.get(url)
        assert response.status_code == 403
        assert "Only the complaints team" in response.content.decode()
        assert responding_manager_client.post(url, {}).status_code == 403
    assert not AuditEvent.objects.exists()


def test_the_investigator_may_not_see_the_complaint(investigator_client, offered):
    for url in _pages(offered.complaint, offered):
        assert investigator_client.get(url).status_code == 404
        assert investigator_client.post(url, {}).status_code == 404


def test_the_investigator_appointed_to_it_sees_it_but_may_not_act(investigator_client, caseload):
    mediation = MediationFactory(complaint=caseload.escalated, after_stage=1)
    for url in _pages(caseload.escalated, mediation):
        assert investigator_client.get(url).status_code == 403


def test_an_executive_has_no_complaint_pages(executive_client, offered):
    for url in _pages(offered.complaint, offered):
        assert executive_client.get(url).status_code == 403


def test_a_mediation_of_another_complaint_is_not_found(officer_client, offered, caseload):
    url = _url("mediation_hold", caseload.overdue, offered.pk)
    assert officer_client.get(url).status_code == 404


# -- offer -----------------------------------------------------------------------------------------


def test_the_stages_page_offers_mediation_after_a_response(officer_client, answered):
    page = officer_client.get(_url("stages", answered)).content.decode()
    assert "Offer mediation" in page
    assert _url("mediation_offer", answered) in page


def test_no_mediation_is_offered_after_the_procedures_last_stage(officer_client, answered):
    # With no further stage to go to, the Ombudsman is next, not mediation.
    answered.procedure.stage_rules.filter(stage__gt=1).delete()
    page = officer_client.get(_url("stages", answered)).content.decode()
    assert "Offer mediation" not in page


def test_offer_mediation(officer_client, answered, officer):
    url = _url("mediation_offer", answered)
    page = officer_client.get(url).content.decode()
    assert 'value="1" checked' in page  # after the stage answered
    data = {"after_stage": "1", "mediator": "Mo Mediator", **_date("offered_on", 15, 6, 2021)}
    response = officer_client.post(url, data, follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [(_url("stages", answered), 302)]
    assert "Mediation offered on 15 June 2021, after the stage 1 response" in page
    mediation = answered.mediations.get()
    assert (mediation.after_stage, mediation.mediator) == (1, "Mo Mediator")
    assert AuditEvent.objects.get(action="mediation.offer").actor == officer
    # Offered once: no second offer while it waits for its outcome.
    assert "Offer mediation" not in page
    assert _url("mediation_hold", answered, mediation.pk) in page


def test_mediation_before_the_response_is_refused_at_the_stage(officer_client, caseload):
    url = _url("mediation_offer", caseload.overdue)
    data = {"after_stage": "1", "mediator": "Mo Mediator", **_date("offered_on", 15, 6, 2021)}
    page = officer_client.post(url, data).content.decode()
    assert "Mediation is offered once stage 1 has been responded to" in page
    assert 'href="#after_stage"' in page
    assert 'value="Mo Mediator"' in page
    assert not Mediation.objects.exists()


def test_an_offer_in_the_future_is_refused_at_its_date(officer_client, answered):
    url = _url("mediation_offer", answered)
    data = {"after_stage": "1", **_date("offered_on", 22, 6, 2021)}
    page = officer_client.post(url, data).content.decode()
    assert "The mediation offered date, 22 June 2021, is in the future." in page
    assert 'href="#offered_on-day"' in page


# -- the meeting and the outcome -------------------------------------------------------------------


def test_record_the_meeting(officer_client, offered):
    url = _url("mediation_hold", offered.complaint, offered.pk)
    response = officer_client.post(
        url, {"mediator": "Mo Mediator", **_date("held_on", 18, 6, 2021)}, follow=True
    )
    assert "Mediation meeting held on 18 June 2021" in response.content.decode()
    offered.refresh_from_db()
    assert (str(offered.held_date), offered.mediator) == ("2021-06-18", "Mo Mediator")


def test_a_meeting_before_the_offer_is_refused_at_its_date(officer_client, offered):
    url = _url("mediation_hold", offered.complaint, offered.pk)
    page = officer_client.post(url, _date("held_on", 14, 6, 2021)).content.decode()
    assert "is before the date mediation was offered (15 June 2021)" in page
    assert 'href="#held_on-day"' in page


def test_resolved_without_a_meeting_is_refused_at_the_outcome(officer_client, offered):
    url = _url("mediation_outcome", offered.complaint, offered.pk)
    page = officer_client.post(url, {"outcome": "resolved"}).content.decode()
    assert "Record when the mediation was held before recording that it resolved" in page
    assert 'href="#outcome"' in page
    assert 'value="resolved" checked' in page
    offered.refresh_from_db()
    assert offered.outcome == ""


def test_escalated_with_the_request_opens_the_next_stage(officer_client, offered):
    url = _url("mediation_outcome", offered.complaint, offered.pk)
    data = {"outcome": "escalated", **_date("requested_on", 18, 6, 2021)}
    response = officer_client.post(url, data, follow=True)
    page = response.content.decode()
    assert "Mediation outcome recorded: escalated to the next stage. Stage 2 opened" in page
    assert str(offered.complaint.stages.get(number=2).received_date) == "2021-06-18"
    # ... and the stage 2 journey follows.
    assert _url("stage2_appoint", offered.complaint) in page


def test_a_request_date_only_goes_with_escalation(officer_client, offered):
    url = _url("mediation_outcome", offered.complaint, offered.pk)
    data = {"outcome": "declined", **_date("requested_on", 18, 6, 2021)}
    page = officer_client.post(url, data).content.decode()
    assert "Leave the date of the request blank unless the complaint is escalated" in page
    assert 'href="#requested_on-day"' in page
    offered.refresh_from_db()
    assert offered.outcome == ""


def test_an_escalation_request_before_the_response_is_refused_at_its_date(officer_client, offered):
    url = _url("mediation_outcome", offered.complaint, offered.pk)
    data = {"outcome": "escalated", **_date("requested_on", 11, 6, 2021)}
    page = officer_client.post(url, data).content.decode()
    assert "is before the stage 1 response" in page
    assert 'href="#requested_on-day"' in page
    offered.refresh_from_db()
    assert offered.outcome == ""
    assert not offered.complaint.stages.filter(number=2).exists()
