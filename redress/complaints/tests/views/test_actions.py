import pytest
from django.urls import reverse

from redress.complaints.models import Extension
from redress.complaints.tests.factories import AspectFactory, ComplaintFactory, ExtensionFactory
from redress.core.models import AuditEvent
from redress.procedures.models import Procedure

pytestmark = pytest.mark.django_db


def _date(name, day, month, year):
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def _url(name, complaint, number=None):
    args = [complaint.pk] if number is None else [complaint.pk, number]
    return reverse(f"complaints:{name}", args=args)


def test_acknowledge_shows_today_and_records_it(officer_client, caseload, officer):
    url = _url("acknowledge", caseload.due_today, 1)
    page = officer_client.get(url).content.decode()
    assert "Acknowledge stage 1" in page
    assert 'name="acknowledged_on-day" type="text" value="21"' in page

    response = officer_client.post(url, _date("acknowledged_on", 8, 6, 2021), follow=True)
    assert response.redirect_chain == [(_url("stages", caseload.due_today), 302)]
    page = response.content.decode()
    assert "govuk-notification-banner--success" in page
    assert "Stage 1 acknowledged on 8 June 2021" in page
    stage = caseload.due_today.stages.get()
    assert str(stage.acknowledged_date) == "2021-06-08"
    event = AuditEvent.objects.get(action="stage.acknowledge")
    assert event.actor == officer


def test_a_date_in_the_future_is_the_services_rule_shown_at_the_date(officer_client, caseload):
    url = _url("acknowledge", caseload.due_today, 1)
    response = officer_client.post(url, _date("acknowledged_on", 22, 6, 2021))
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "22 June 2021, is in the future" in page
    assert 'href="#acknowledged_on-day"' in page
    assert 'id="acknowledged_on-error"' in page
    assert caseload.due_today.stages.get().acknowledged_date is None


def test_an_incomplete_date_says_what_is_missing(officer_client, caseload):
    url = _url("acknowledge", caseload.due_today, 1)
    page = officer_client.post(
        url, {"acknowledged_on-day": "8", "acknowledged_on-year": "2021"}
    ).content.decode()
    assert "Date acknowledged must include a month" in page
    page = officer_client.post(url, {}).content.decode()
    assert "Enter the date acknowledged" in page


def test_extend_beyond_the_maximum_is_refused_with_the_rule(officer_client, caseload):
    url = _url("extend", caseload.overdue, 1)
    page = officer_client.get(url).content.decode()
    assert "It can be extended to at most 20 working days" in page
    data = {"extended_to_days": "25", "reason": "Complex", **_date("agreed_on", 1, 6, 2021)}
    page = officer_client.post(url, data).content.decode()
    assert "20 working days" in page
    assert 'href="#extended_to_days"' in page
    assert not Extension.objects.exists()


def test_extend_needs_a_reason(officer_client, caseload):
    url = _url("extend", caseload.overdue, 1)
    page = officer_client.post(
        url, {"extended_to_days": "20", **_date("agreed_on", 1, 6, 2021)}
    ).content.decode()
    assert "Enter why the extension was agreed" in page
    assert not Extension.objects.exists()


def test_extend(officer_client, caseload):
    url = _url("extend", caseload.overdue, 1)
    data = {
        "extended_to_days": "20",
        "reason": "An advocate is needed",
        **_date("agreed_on", 1, 6, 2021),
    }
    response = officer_client.post(url, data, follow=True)
    page = response.content.decode()
    assert "Stage 1 extended to 20 working days" in page
    assert "20 working days, extended: 22 June 2021" in page
    assert Extension.objects.get().reason == "An advocate is needed"


def test_a_stage_its_procedure_does_not_let_extend_offers_no_form(officer_client, caseload, d):
    """The local procedure fixes stage 1 at 20 working days: no button, and the page says so
    rather than offering a form that could only be refused."""
    local = ComplaintFactory(
        procedure=Procedure.objects.get(code="local"), received_date=d("2021-06-07")
    )
    assert (
        _url("extend", local, 1) not in officer_client.get(_url("summary", local)).content.decode()
    )
    for response in (
        officer_client.get(_url("extend", local, 1)),
        officer_client.post(
            _url("extend", local, 1),
            {"extended_to_days": "25", "reason": "Complex", **_date("agreed_on", 8, 6, 2021)},
        ),
    ):
        page = response.content.decode()
        assert response.status_code == 200
        assert "Stage 1 cannot be extended" in page
        assert "its timescale is fixed at 20 working days" in page
        assert 'name="extended_to_days"' not in page
    assert not Extension.objects.exists()


def test_a_stage_responded_to_or_extended_to_the_maximum_offers_no_form(officer_client, caseload):
    page = officer_client.get(_url("extend", caseload.closed, 1)).content.decode()
    assert "Stage 1 cannot be extended" in page
    assert "responded to on 20 May 2021" in page
    ExtensionFactory(stage=caseload.overdue.stages.get(), extended_to_days=20)
    page = officer_client.get(_url("extend", caseload.overdue, 1)).content.decode()
    assert "cannot be extended beyond 20 working days" in page
    assert 'name="extended_to_days"' not in page


def test_the_extend_page_follows_the_stage_rule(officer_client, caseload):
    """Statutory stage 2: 25 working days, at most 65."""
    page = officer_client.get(_url("extend", caseload.escalated, 2)).content.decode()
    assert "stage 2 has 25 working days" in page
    assert "It can be extended to at most 65 working days" in page
    assert "More than 25 and at most 65, counted from when the stage was received" in page


def test_an_extended_stage_can_be_extended_further_within_the_maximum(officer_client, caseload):
    ExtensionFactory(stage=caseload.overdue.stages.get(), extended_to_days=15)
    url = _url("extend", caseload.overdue, 1)
    page = officer_client.get(url).content.decode()
    assert "It has been extended to 15 working days" in page
    assert "More than 15 and at most 20" in page
    data = {"extended_to_days": "15", "reason": "Complex", **_date("agreed_on", 1, 6, 2021)}
    page = officer_client.post(url, data).content.decode()
    assert "The new timescale must be longer than the current 15 working days" in page
    assert 'href="#extended_to_days"' in page
    data["extended_to_days"] = "21"
    page = officer_client.post(url, data).content.decode()
    assert "Stage 1 can be extended to at most 20 working days" in page
    assert Extension.objects.count() == 1


def test_respond_with_findings(officer_client, caseload):
    stage = caseload.due_today.stages.get()
    aspect = AspectFactory(stage=stage)
    url = _url("respond", caseload.due_today, 1)
    page = officer_client.get(url).content.decode()
    assert "Finding on: Service Quality / Poor Communication" in page
    data = {
        "outcome": "partially_upheld",
        f"finding_{aspect.pk}": "upheld",
        **_date("responded_on", 18, 6, 2021),
    }
    response = officer_client.post(url, data, follow=True)
    assert "Stage 1 response recorded: partially upheld" in response.content.decode()
    stage.refresh_from_db()
    aspect.refresh_from_db()
    assert stage.outcome == "partially_upheld"
    assert str(stage.responded_date) == "2021-06-18"
    assert aspect.finding == "upheld"


def test_respond_needs_an_outcome_and_a_date_after_receipt(officer_client, caseload):
    url = _url("respond", caseload.due_today, 1)
    page = officer_client.post(url, _date("responded_on", 1, 6, 2021)).content.decode()
    assert "Select the outcome" in page
    data = {"outcome": "upheld", **_date("responded_on", 1, 6, 2021)}
    page = officer_client.post(url, data).content.decode()
    assert "is before stage 1 was received" in page
    assert 'href="#responded_on-day"' in page
    assert caseload.due_today.stages.get().is_open


def test_a_responding_manager_responds_to_their_stage_only(responding_manager_client, caseload):
    url = _url("respond", caseload.escalated, 2)
    assert responding_manager_client.get(url).status_code == 200
    response = responding_manager_client.get(_url("acknowledge", caseload.escalated, 2))
    assert response.status_code == 403
    assert "Only the complaints team" in response.content.decode()


def test_escalate_a_closed_stage(officer_client, caseload):
    url = _url("escalate", caseload.closed)
    assert "Escalate to stage 2" in officer_client.get(url).content.decode()
    response = officer_client.post(url, _date("requested_on", 1, 6, 2021), follow=True)
    assert "Complaint CSC-2021-0003 escalated to stage 2" in response.content.decode()
    assert caseload.closed.stages.filter(number=2).exists()


def test_escalating_an_open_stage_is_refused(officer_client, caseload):
    url = _url("escalate", caseload.due_today)
    page = officer_client.post(url, _date("requested_on", 18, 6, 2021)).content.decode()
    assert "cannot start until stage 1 has been responded to" in page
    assert not caseload.due_today.stages.filter(number=2).exists()


def test_the_complaint_page_offers_the_next_actions(officer_client, caseload):
    page = officer_client.get(_url("summary", caseload.due_today)).content.decode()
    assert _url("acknowledge", caseload.due_today, 1) in page
    assert _url("respond", caseload.due_today, 1) in page
    assert _url("extend", caseload.due_today, 1) in page
    closed = officer_client.get(_url("summary", caseload.closed)).content.decode()
    assert "Escalate to stage 2" in closed
    assert "Record response" not in closed


def test_an_investigator_has_no_actions(investigator_client, caseload):
    page = investigator_client.get(_url("summary", caseload.escalated)).content.decode()
    assert "Record response" not in page
    for name in ("acknowledge", "extend", "respond"):
        assert investigator_client.get(_url(name, caseload.escalated, 2)).status_code == 403
    assert investigator_client.get(_url("escalate", caseload.escalated)).status_code == 403
    assert investigator_client.get(reverse("complaints:record")).status_code == 403


def test_a_stage_that_does_not_exist_is_not_found(officer_client, caseload):
    assert officer_client.get(_url("acknowledge", caseload.due_today, 3)).status_code == 404


def test_an_action_on_a_complaint_someone_may_not_see_is_not_found(
    responding_manager_client, caseload
):
    """Not 403: the answer must not tell that the complaint exists."""
    hidden = caseload.overdue
    for name in ("acknowledge", "extend", "respond"):
        assert responding_manager_client.get(_url(name, hidden, 1)).status_code == 404
    assert responding_manager_client.get(_url("escalate", hidden)).status_code == 404
    response = responding_manager_client.post(_url("respond", hidden, 1), {"outcome": "upheld"})
    assert response.status_code == 404
    assert hidden.stages.get().is_open
