import pytest

from redress.complaints.services import (
    stage3_record_panel,
    stage3_record_panel_report,
    stage_respond,
)
from redress.procedures import rules

from .helpers import D, complaint_with, nothing_written, only_event, stage_of

pytestmark = pytest.mark.django_db

S1 = {"received_date": D("2021-03-18"), "responded_date": D("2021-04-01"), "outcome": "upheld"}
S2 = {"received_date": D("2021-04-06"), "responded_date": D("2021-06-01"), "outcome": "upheld"}


@pytest.fixture
def stage3():
    return stage_of(complaint_with(S1, S2, {"received_date": D("2021-06-10")}), 3)


def test_milestones_in_order_then_the_response(officer, stage3):
    stage = stage3_record_panel(stage=stage3, held_on=D("2021-07-20"), by=officer)
    assert stage.panel_date == D("2021-07-20")
    event = only_event("stage3.record_panel")
    assert (event.before, event.after) == ({"panel_date": None}, {"panel_date": "2021-07-20"})
    stage = stage3_record_panel_report(stage=stage, received_on=D("2021-07-26"), by=officer)
    assert only_event("stage3.record_panel_report").after == {"panel_report_date": "2021-07-26"}
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
