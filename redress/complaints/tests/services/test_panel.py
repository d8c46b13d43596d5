import pytest

from redress.complaints.services import (
    appointment_remove,
    stage3_record_panel,
    stage3_record_panel_report,
    stage_appoint,
    stage_respond,
)
from redress.complaints.tests.factories import AppointmentFactory
from redress.procedures import rules

from .helpers import D, complaint_with, nothing_written, only_event, stage_of

pytestmark = pytest.mark.django_db

S1 = {"received_date": D("2021-03-18"), "responded_date": D("2021-04-01"), "outcome": "upheld"}
S2 = {"received_date": D("2021-04-06"), "responded_date": D("2021-06-01"), "outcome": "upheld"}


PANEL = (
    ("panel_chair", "Ann Chair"),
    ("panel_member", "Bob Member"),
    ("panel_member", "Cat Member"),
)


def appoint_panel(stage, panel=PANEL):
    for role, name in panel:
        AppointmentFactory(stage=stage, role=role, name=name)


@pytest.fixture
def stage3():
    stage = stage_of(complaint_with(S1, S2, {"received_date": D("2021-06-10")}), 3)
    appoint_panel(stage)
    return stage


@pytest.fixture
def no_panel():
    return stage_of(complaint_with(S1, S2, {"received_date": D("2021-06-10")}), 3)


def test_milestones_in_order_then_the_response(officer, stage3):
    stage = stage3_record_panel(stage=stage3, held_on=D("2021-07-20"), by=officer)
    assert stage.panel_date == D("2021-07-20")
    event = only_event("stage3.record_panel")
    assert (event.before, event.after) == ({"panel_date": None}, {"panel_date": "2021-07-20"})
    stage = stage3_record_panel_report(
        stage=stage,
        received_on=D("2021-07-26"),
        recommendations=" Apologise in writing.\nReview the contact policy. ",
        by=officer,
    )
    assert stage.panel_recommendations == "Apologise in writing.\nReview the contact policy."
    assert only_event("stage3.record_panel_report").after == {
        "panel_report_date": "2021-07-26",
        "panel_recommendations": "Apologise in writing.\nReview the contact policy.",
    }
    stage = stage_respond(stage=stage, responded_on=D("2021-08-10"), outcome="upheld", by=officer)
    assert stage.responded_date == D("2021-08-10")


def test_panel_dates_belong_to_stage_three():
    stage = stage_of(complaint_with(S1, {"received_date": D("2021-04-06")}), 2)
    with nothing_written(stage), pytest.raises(rules.PanelOnlyAtStage3) as err:
        stage3_record_panel(stage=stage, held_on=D("2021-05-01"), by=None)
    assert err.value.message == "Review panel dates belong to stage 3, not stage 2."


def test_the_panel_comes_after_the_request(stage3):
    with nothing_written(stage3), pytest.raises(rules.PanelMilestoneOutOfOrder) as err:
        stage3_record_panel(stage=stage3, held_on=D("2021-06-09"), by=None)
    assert err.value.message == (
        "The panel (9 June 2021) cannot come before the request for a review panel (10 June 2021)."
    )


def test_the_panel_is_recorded_once(stage3):
    stage3_record_panel(stage=stage3, held_on=D("2021-07-20"), by=None)
    with nothing_written(stage3), pytest.raises(rules.AlreadyRecorded, match="20 July 2021"):
        stage3_record_panel(stage=stage3, held_on=D("2021-07-21"), by=None)


def test_no_report_before_the_panel_met(stage3):
    with nothing_written(stage3), pytest.raises(rules.PanelMilestoneMissing) as err:
        stage3_record_panel_report(stage=stage3, received_on=D("2021-07-26"), by=None)
    assert err.value.message == "Record the date the panel met before the panel's report."


def test_the_report_comes_after_the_panel(stage3):
    stage3_record_panel(stage=stage3, held_on=D("2021-07-20"), by=None)
    with nothing_written(stage3), pytest.raises(rules.PanelMilestoneOutOfOrder) as err:
        stage3_record_panel_report(stage=stage3, received_on=D("2021-07-19"), by=None)
    assert err.value.message == (
        "The panel's report (19 July 2021) cannot come before the panel (20 July 2021)."
    )


def test_the_response_waits_for_the_report(stage3):
    with nothing_written(stage3), pytest.raises(rules.PanelMilestoneMissing) as err:
        stage_respond(stage=stage3, responded_on=D("2021-08-10"), outcome="upheld", by=None)
    assert err.value.message == "Record the panel's report before the authority's response."


def test_the_response_comes_after_the_report(stage3):
    stage3_record_panel(stage=stage3, held_on=D("2021-07-20"), by=None)
    stage3_record_panel_report(stage=stage3, received_on=D("2021-07-26"), by=None)
    with nothing_written(stage3), pytest.raises(rules.PanelMilestoneOutOfOrder):
        stage_respond(stage=stage3, responded_on=D("2021-07-23"), outcome="upheld", by=None)


def test_outside_jurisdiction_needs_no_panel(stage3):
    stage = stage_respond(
        stage=stage3, responded_on=D("2021-06-15"), outcome="outside_jurisdiction", by=None
    )
    assert stage.outcome == "outside_jurisdiction"


def test_a_report_without_recommendations_leaves_them_blank(stage3):
    stage3_record_panel(stage=stage3, held_on=D("2021-07-20"), by=None)
    stage = stage3_record_panel_report(stage=stage3, received_on=D("2021-07-26"), by=None)
    assert stage.panel_recommendations == ""
    assert only_event("stage3.record_panel_report").after == {"panel_report_date": "2021-07-26"}


# -- the walk-through's stage 3 that could never be answered: dates after today ----------------


def test_a_panel_in_the_future_is_refused(stage3):
    with nothing_written(stage3), pytest.raises(rules.DateInFuture) as err:
        stage3_record_panel(stage=stage3, held_on=D("2022-01-11"), by=None)
    assert err.value.message == "The panel date, 11 January 2022, is in the future."


def test_a_report_in_the_future_is_refused(stage3):
    stage3_record_panel(stage=stage3, held_on=D("2022-01-10"), by=None)
    with nothing_written(stage3), pytest.raises(rules.DateInFuture) as err:
        stage3_record_panel_report(stage=stage3, received_on=D("2022-01-11"), by=None)
    assert err.value.message == "The panel's report date, 11 January 2022, is in the future."


def test_a_response_in_the_future_is_refused(stage3):
    stage3_record_panel(stage=stage3, held_on=D("2022-01-05"), by=None)
    stage3_record_panel_report(stage=stage3, received_on=D("2022-01-07"), by=None)
    with nothing_written(stage3), pytest.raises(rules.DateInFuture):
        stage_respond(stage=stage3, responded_on=D("2022-01-11"), outcome="upheld", by=None)


def test_the_latest_report_allowed_still_leaves_a_response_possible_today(stage3):
    """Every milestone is on or before today, so today is always a valid response date."""
    stage3_record_panel(stage=stage3, held_on=D("2022-01-10"), by=None)
    stage3_record_panel_report(stage=stage3, received_on=D("2022-01-10"), by=None)
    stage = stage_respond(stage=stage3, responded_on=D("2022-01-10"), outcome="upheld", by=None)
    assert not stage.is_open


# -- the panel --------------------------------------------------------------------------------


def test_the_panel_meets_only_once_all_three_are_appointed(no_panel):
    appoint_panel(no_panel, PANEL[:2])
    with nothing_written(no_panel), pytest.raises(rules.PanelNotComplete) as err:
        stage3_record_panel(stage=no_panel, held_on=D("2021-07-20"), by=None)
    assert err.value.message == (
        "The review panel has 2 of its 3 members. Appoint all 3, one of them the chair, before "
        "recording that it met."
    )


def test_the_panel_meets_only_with_a_chair(no_panel):
    appoint_panel(no_panel, [("panel_member", n) for n in ("Ann", "Bob", "Cat")])
    with nothing_written(no_panel), pytest.raises(rules.PanelHasNoChair) as err:
        stage3_record_panel(stage=no_panel, held_on=D("2021-07-20"), by=None)
    assert err.value.message == (
        "The review panel has no chair. Appoint one of its 3 members as chair before recording "
        "that it met."
    )


def test_who_sat_on_the_panel_stays_once_it_met(stage3):
    stage3_record_panel(stage=stage3, held_on=D("2021-07-20"), by=None)
    member = stage3.appointments.get(name="Bob Member")
    with nothing_written(stage3, member), pytest.raises(rules.PanelAlreadyMet) as err:
        appointment_remove(appointment=member, by=None)
    assert err.value.message == (
        "The review panel met on 20 July 2021, so who sat on it can no longer be changed."
    )


def test_a_panellist_can_be_replaced_before_the_panel_met(no_panel):
    appoint_panel(no_panel)
    appointment_remove(appointment=no_panel.appointments.get(name="Cat Member"), by=None)
    stage_appoint(stage=no_panel, role="panel_member", name="Dan Member", by=None)
    assert stage3_record_panel(stage=no_panel, held_on=D("2021-07-20"), by=None).panel_date
