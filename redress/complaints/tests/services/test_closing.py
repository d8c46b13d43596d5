"""Closing a stage without a response on its merits: withdrawn, or outside jurisdiction. Each
keeps its reason, is refused on a closed stage, without a reason, or on a day the stage (or
its hold) does not allow, and ends a hold the stage was on. Today is Monday 10 January 2022."""

import pytest

from redress.complaints.choices import StageStatus
from redress.complaints.services import (
    complaint_escalate,
    stage_close_outside_jurisdiction,
    stage_hold,
    stage_resume,
    stage_withdraw,
)
from redress.procedures import rules

from .helpers import D, complaint_with, nothing_written, only_event, stage_of

pytestmark = pytest.mark.django_db

RECEIVED = {"received_date": D("2021-12-01")}


@pytest.fixture
def stage():
    return stage_of(complaint_with(RECEIVED), 1)


def outside(stage, officer, on="2021-12-08", reason="Before the family court"):
    return stage_close_outside_jurisdiction(
        stage=stage, decided_on=D(on), reason=reason, by=officer
    )


class TestOutsideJurisdiction:
    def test_closes_the_stage_with_its_reason(self, stage, officer):
        stage = outside(stage, officer, reason="  Before the family court ")
        assert (
            stage.outcome,
            stage.responded_date,
            stage.closed_reason,
            stage.status,
            stage.is_open,
        ) == (
            "outside_jurisdiction",
            D("2021-12-08"),
            "Before the family court",
            StageStatus.CLOSED,
            False,
        )
        event = only_event("stage.close_outside_jurisdiction")
        assert (event.actor, event.before, event.after) == (
            officer,
            {"responded_date": None, "outcome": "", "closed_reason": ""},
            {
                "responded_date": "2021-12-08",
                "outcome": "outside_jurisdiction",
                "closed_reason": "Before the family court",
            },
        )

    def test_needs_a_reason(self, stage, officer):
        with nothing_written(stage), pytest.raises(rules.ClosingNeedsReason) as err:
            outside(stage, officer, reason=" ")
        assert err.value.message == "Enter the reason the complaint is outside jurisdiction."
        assert err.value.field == "reason"

    def test_not_before_the_stage_was_received(self, stage, officer):
        with nothing_written(stage), pytest.raises(rules.DateBefore) as err:
            outside(stage, officer, on="2021-11-30")
        assert err.value.message == (
            "The decision date, 30 November 2021, is before the date stage 1 was received "
            "(1 December 2021)."
        )

    def test_not_in_the_future(self, stage, officer):
        with nothing_written(stage), pytest.raises(rules.DateInFuture):
            outside(stage, officer, on="2022-01-11")

    def test_only_an_open_stage(self, stage, officer):
        stage = stage_withdraw(
            stage=stage, withdrawn_on=D("2021-12-03"), reason="Resolved", by=officer
        )
        with nothing_written(stage), pytest.raises(rules.StageClosed) as err:
            outside(stage, officer)
        assert err.value.message == (
            "Stage 1 is closed (withdrawn on 3 December 2021), so it cannot be changed. A "
            "complaints manager can correct it."
        )

    def test_cannot_go_on_to_a_further_stage(self, stage, officer):
        stage = outside(stage, officer)
        with pytest.raises(rules.EscalationFromClosedStage):
            complaint_escalate(complaint=stage.complaint, requested_on=D("2021-12-20"), by=officer)


class TestClosingAStageOnHold:
    def test_a_withdrawal_ends_the_hold_that_day(self, stage, officer):
        hold = stage_hold(stage=stage, start_on=D("2021-12-06"), reason="Police", by=officer)
        stage = stage_withdraw(
            stage=stage, withdrawn_on=D("2021-12-13"), reason="No longer wanted", by=officer
        )
        hold.refresh_from_db()
        assert hold.end_date == D("2021-12-13")
        assert (stage.status, stage.held_days, stage.closed_reason) == (
            StageStatus.CLOSED,
            5,
            "No longer wanted",
        )
        event = only_event("stage.resume")
        assert event.note == "The stage closed: withdrawn."

    def test_outside_jurisdiction_ends_the_hold_too(self, stage, officer):
        hold = stage_hold(stage=stage, start_on=D("2021-12-06"), reason="Court", by=officer)
        outside(stage, officer, on="2021-12-07")
        hold.refresh_from_db()
        assert hold.end_date == D("2021-12-07")

    def test_not_before_the_hold_started(self, stage, officer):
        hold = stage_hold(stage=stage, start_on=D("2021-12-06"), reason="Court", by=officer)
        with nothing_written(stage, hold), pytest.raises(rules.DateBefore) as err:
            stage_withdraw(stage=stage, withdrawn_on=D("2021-12-03"), reason="X", by=officer)
        assert err.value.message == (
            "The withdrawal date, 3 December 2021, is before the day the stage was put on hold "
            "(6 December 2021)."
        )

    def test_not_before_the_last_hold_ended(self, stage, officer):
        stage_hold(stage=stage, start_on=D("2021-12-06"), reason="Court", by=officer)
        stage_resume(stage=stage, resumed_on=D("2021-12-13"), by=officer)
        with nothing_written(stage), pytest.raises(rules.DateBefore) as err:
            outside(stage, officer, on="2021-12-10")
        assert err.value.message == (
            "The decision date, 10 December 2021, is before the end of its last hold "
            "(13 December 2021)."
        )
