"""Allocating, holding and resuming, withdrawing, outside jurisdiction and findings: who may use
each page, each form calling its service, a broken rule shown at its field with what was typed
kept, and the stages page offering each action and showing a hold. Today is Monday 21 June
2021 (see conftest)."""

import pytest
from django.urls import reverse

from redress.complaints.models import Aspect, Hold, Stage
from redress.complaints.tests.factories import AspectFactory, HoldFactory
from redress.core.models import AuditEvent

pytestmark = pytest.mark.django_db

TEAM_ONLY = ["allocate", "hold", "resume", "withdraw", "outside_jurisdiction"]
PAGES = [*TEAM_ONLY, "findings"]


def _date(name, day, month, year):
    return {f"{name}-day": str(day), f"{name}-month": str(month), f"{name}-year": str(year)}


def _url(name, complaint, number=1):
    return reverse(f"complaints:{name}", args=[complaint.pk, number])


def _stages(complaint):
    return reverse("complaints:stages", args=[complaint.pk])


# -- who may use the pages -----------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_the_complaints_team_opens_every_page(officer_client, manager_client, caseload, name):
    assert officer_client.get(_url(name, caseload.due_today)).status_code == 200
    assert manager_client.get(_url(name, caseload.due_today)).status_code == 200


@pytest.mark.parametrize("name", TEAM_ONLY)
def test_those_involved_see_the_complaint_but_may_not_act(
    responding_manager_client, investigator_client, caseload, name
):
    url = _url(name, caseload.escalated, 2)
    assert responding_manager_client.get(url).status_code == 403
    assert investigator_client.get(url).status_code == 403
    assert responding_manager_client.post(url, {}).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_a_complaint_someone_may_not_see_is_not_found(
    responding_manager_client, investigator_client, caseload, name
):
    assert responding_manager_client.get(_url(name, caseload.due_today)).status_code == 404
    assert investigator_client.get(_url(name, caseload.due_today)).status_code == 404


@pytest.mark.parametrize("name", PAGES)
def test_executives_and_visitors_are_refused(executive_client, client, caseload, name):
    assert executive_client.get(_url(name, caseload.due_today)).status_code == 403
    response = client.get(_url(name, caseload.due_today))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_a_stage_that_does_not_exist_is_not_found(officer_client, caseload, name):
    assert officer_client.get(_url(name, caseload.due_today, 3)).status_code == 404


def test_findings_are_for_the_allocated_manager_and_the_appointed_investigator(
    responding_manager_client, investigator_client, caseload
):
    """Both are involved in stage 2 of CSC-2021-0004; the investigator is not appointed to
    its stage 1, so may not record findings there."""
    AspectFactory(stage=caseload.stage2)
    url = _url("findings", caseload.escalated, 2)
    assert responding_manager_client.get(url).status_code == 200
    assert investigator_client.get(url).status_code == 200
    assert investigator_client.get(_url("findings", caseload.escalated, 1)).status_code == 403


# -- allocation ------------------------------------------------------------------------------------


def test_allocate_lists_who_may_respond_and_saves(
    officer_client, caseload, responding_manager, investigator, executive
):
    url = _url("allocate", caseload.due_today)
    page = officer_client.get(url).content.decode()
    assert "Allocate stage 1" in page
    assert "Rita Tester (responding manager)" in page
    assert "Olive Tester (complaints officer)" in page
    assert "Ivan Tester" not in page
    assert "Eve Tester" not in page
    response = officer_client.post(url, {"to": str(responding_manager.pk)}, follow=True)
    assert response.redirect_chain == [(_stages(caseload.due_today), 302)]
    assert "Stage 1 allocated to Rita Tester" in response.content.decode()
    assert caseload.due_today.stages.get().allocated_to == responding_manager

    page = officer_client.get(url).content.decode()
    assert "Reallocate stage 1" in page
    response = officer_client.post(url, {"to": ""}, follow=True)
    assert "Stage 1 is no longer allocated" in response.content.decode()
    assert caseload.due_today.stages.get().allocated_to is None


def test_allocating_a_closed_stage_shows_the_rule(officer_client, caseload, responding_manager):
    page = officer_client.post(
        _url("allocate", caseload.closed), {"to": str(responding_manager.pk)}
    ).content.decode()
    assert "There is a problem" in page
    assert "Stage 1 was already responded to on 20 May 2021" in page
    assert caseload.closed.stages.get().allocated_to is None


def test_allocating_to_someone_not_listed_is_refused_at_the_field(
    officer_client, caseload, investigator
):
    page = officer_client.post(
        _url("allocate", caseload.due_today), {"to": str(investigator.pk)}
    ).content.decode()
    assert 'href="#to"' in page
    assert caseload.due_today.stages.get().allocated_to is None


# -- holds -----------------------------------------------------------------------------------------


def test_put_on_hold_then_resume(officer_client, caseload, officer):
    complaint = caseload.due_today  # received Monday 7 June, due Monday 21 June
    url = _url("hold", complaint)
    page = officer_client.get(url).content.decode()
    assert "Put stage 1 on hold" in page
    data = {"reason": "Court proceedings", **_date("start_on", 14, 6, 2021)}
    response = officer_client.post(url, data, follow=True)
    assert response.redirect_chain == [(_stages(complaint), 302)]
    page = response.content.decode()
    assert "Stage 1 on hold from 14 June 2021: its clock has stopped" in page
    assert "On hold since 14 June 2021" in page
    assert "Court proceedings" in page
    assert _url("resume", complaint) in page
    assert "govuk-tag--purple" in page  # the tag: on hold
    assert reverse("complaints:respond", args=[complaint.pk, 1]) not in page
    stage = complaint.stages.get()
    assert (stage.status, stage.due_date) == ("on_hold", None)
    assert AuditEvent.objects.get(action="stage.hold").actor == officer

    response = officer_client.post(
        _url("resume", complaint), _date("resumed_on", 21, 6, 2021), follow=True
    )
    page = response.content.decode()
    assert "Stage 1 resumed on 21 June 2021" in page
    stage = complaint.stages.get()
    # 14 to 18 June held: 5 working days, so the deadline moves from 21 to 28 June.
    assert (stage.status, stage.held_days, stage.due_date) == ("open", 5, stage.due_date)
    assert str(stage.due_date) == "2021-06-28"
    assert "10 working days: 28 June 2021" in page
    assert (
        "The stage was on hold for 5 working days (14 June to 21 June 2021: Court "
        "proceedings), when the clock stopped, so the deadline moves 5 working days later: "
        "10 + 5 = 15."
    ) in page
    assert "Held before (5 working days in all)" in page


def test_a_hold_with_no_reason_keeps_the_date_typed(officer_client, caseload):
    page = officer_client.post(
        _url("hold", caseload.due_today), _date("start_on", 14, 6, 2021)
    ).content.decode()
    assert "Enter why the stage is on hold" in page
    assert 'href="#reason"' in page
    assert 'name="start_on-day" type="text" value="14"' in page
    assert not Hold.objects.exists()


def test_a_hold_in_the_future_is_the_rule_shown_at_the_date(officer_client, caseload):
    page = officer_client.post(
        _url("hold", caseload.due_today),
        {"reason": "Police investigation", **_date("start_on", 22, 6, 2021)},
    ).content.decode()
    assert "The hold cannot start on 22 June 2021: that is in the future." in page
    assert 'href="#start_on-day"' in page
    assert 'id="start_on-error"' in page
    assert "Police investigation</textarea>" in page
    assert not Hold.objects.exists()


def test_a_second_hold_is_refused(officer_client, caseload):
    stage = caseload.due_today.stages.get()
    HoldFactory(stage=stage, start_date=stage.received_date)
    page = officer_client.post(
        _url("hold", caseload.due_today),
        {"reason": "Again", **_date("start_on", 14, 6, 2021)},
    ).content.decode()
    assert "Stage 1 has been on hold since 7 June 2021." in page
    assert Hold.objects.count() == 1


def test_resume_before_the_hold_started_is_shown_at_the_date(officer_client, caseload):
    stage = caseload.due_today.stages.get()
    HoldFactory(stage=stage, start_date=stage.received_date.replace(day=14))
    page = officer_client.post(
        _url("resume", caseload.due_today), _date("resumed_on", 10, 6, 2021)
    ).content.decode()
    assert "The stage cannot resume on 10 June 2021, before it was put on hold" in page
    assert 'href="#resumed_on-day"' in page
    assert 'name="resumed_on-day" type="text" value="10"' in page
    assert Hold.objects.get().end_date is None


def test_the_respond_page_refuses_a_stage_on_hold(officer_client, caseload):
    stage = caseload.due_today.stages.get()
    HoldFactory(stage=stage, start_date=stage.received_date)
    page = officer_client.post(
        reverse("complaints:respond", args=[caseload.due_today.pk, 1]),
        {"outcome": "upheld", **_date("responded_on", 18, 6, 2021)},
    ).content.decode()
    assert "Resume it before recording its response." in page
    assert Stage.objects.get(pk=stage.pk).responded_date is None


# -- closing without a response --------------------------------------------------------------------


def test_withdraw(officer_client, caseload):
    complaint = caseload.due_today
    data = {"reason": "Resolved informally", **_date("withdrawn_on", 18, 6, 2021)}
    response = officer_client.post(_url("withdraw", complaint), data, follow=True)
    page = response.content.decode()
    assert "Stage 1 withdrawn on 18 June 2021" in page
    assert "Why it was withdrawn" in page
    assert "Resolved informally" in page
    assert "Took " not in page  # a withdrawal is not a response: no timeliness
    stage = complaint.stages.get()
    assert (stage.outcome, stage.closed_reason) == ("withdrawn", "Resolved informally")


def test_withdraw_needs_a_reason_and_keeps_the_date(officer_client, caseload):
    page = officer_client.post(
        _url("withdraw", caseload.due_today), _date("withdrawn_on", 18, 6, 2021)
    ).content.decode()
    assert "Enter why the complainant withdrew" in page
    assert 'name="withdrawn_on-day" type="text" value="18"' in page
    assert caseload.due_today.stages.get().is_open


def test_outside_jurisdiction(officer_client, caseload):
    complaint = caseload.due_today
    data = {"reason": "Before the family court", **_date("decided_on", 18, 6, 2021)}
    page = officer_client.post(
        _url("outside_jurisdiction", complaint), data, follow=True
    ).content.decode()
    assert "Stage 1 closed as outside jurisdiction on 18 June 2021" in page
    assert "Why it is outside jurisdiction" in page
    stage = complaint.stages.get()
    assert (stage.outcome, stage.responded_date.isoformat(), stage.closed_reason) == (
        "outside_jurisdiction",
        "2021-06-18",
        "Before the family court",
    )


def test_outside_jurisdiction_before_receipt_is_shown_at_the_date(officer_client, caseload):
    page = officer_client.post(
        _url("outside_jurisdiction", caseload.due_today),
        {"reason": "Another council's", **_date("decided_on", 1, 6, 2021)},
    ).content.decode()
    assert "The decision date, 1 June 2021, is before the date stage 1 was received" in page
    assert 'href="#decided_on-day"' in page
    assert "Another council&#39;s</textarea>" in page or "Another council's</textarea>" in page
    assert caseload.due_today.stages.get().is_open


# -- findings --------------------------------------------------------------------------------------


def test_the_investigator_records_findings(investigator_client, caseload, investigator):
    first = AspectFactory(stage=caseload.stage2)
    second = AspectFactory(
        stage=caseload.stage2, subcategory=None, category=first.category.parent or first.category
    )
    url = _url("findings", caseload.escalated, 2)
    page = investigator_client.get(url).content.decode()
    assert "Findings at stage 2" in page
    assert f'name="finding_{first.pk}"' in page
    assert f'name="finding_{second.pk}"' in page
    response = investigator_client.post(
        url, {f"finding_{first.pk}": "upheld", f"finding_{second.pk}": ""}, follow=True
    )
    assert response.redirect_chain == [(_stages(caseload.escalated), 302)]
    assert "Findings at stage 2 recorded" in response.content.decode()
    assert Aspect.objects.get(pk=first.pk).finding == "upheld"
    assert Aspect.objects.get(pk=second.pk).finding == ""
    event = AuditEvent.objects.get(action="aspect.record_finding")
    assert (event.actor, event.after["finding"]) == (investigator, "upheld")
    assert event.after["stage"] == first.stage_id  # the timeline names the stage


def test_an_unknown_finding_is_refused_at_its_field(officer_client, caseload):
    aspect = AspectFactory(stage=caseload.stage2)
    page = officer_client.post(
        _url("findings", caseload.escalated, 2), {f"finding_{aspect.pk}": "maybe"}
    ).content.decode()
    assert f'href="#finding_{aspect.pk}"' in page
    assert Aspect.objects.get(pk=aspect.pk).finding == ""


def test_the_respond_page_lists_a_finding_per_reason(responding_manager_client, caseload):
    first = AspectFactory(stage=caseload.stage2)
    page = responding_manager_client.get(
        reverse("complaints:respond", args=[caseload.escalated.pk, 2])
    ).content.decode()
    assert f'name="finding_{first.pk}"' in page
    assert "Findings on each reason for complaint" in page


# -- the stages page -------------------------------------------------------------------------------


def test_the_stages_page_offers_the_team_each_action(officer_client, caseload):
    AspectFactory(stage=caseload.due_today.stages.get())
    page = officer_client.get(_stages(caseload.due_today)).content.decode()
    for name in [*TEAM_ONLY, "findings"]:
        if name != "resume":
            assert _url(name, caseload.due_today) in page, name
    assert _url("resume", caseload.due_today) not in page
    assert "Put on hold" in page


def test_a_closed_stage_offers_none(officer_client, caseload):
    page = officer_client.get(_stages(caseload.closed)).content.decode()
    for name in PAGES:
        assert _url(name, caseload.closed) not in page, name


def test_those_involved_see_only_the_findings_link(
    responding_manager_client, investigator_client, caseload
):
    AspectFactory(stage=caseload.stage2)
    for client in (responding_manager_client, investigator_client):
        page = client.get(_stages(caseload.escalated)).content.decode()
        assert _url("findings", caseload.escalated, 2) in page
        for name in TEAM_ONLY:
            assert _url(name, caseload.escalated, 2) not in page, name
