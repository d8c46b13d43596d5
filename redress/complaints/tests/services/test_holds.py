"""Holds: one running at a time, with a reason, dated neither in the future nor before the
stage (or its last hold) allows; the clock stops while on hold and the deadline moves by the
working days held. Today is Monday 10 January 2022."""

import pytest

from redress.complaints.choices import StageStatus
from redress.complaints.models import Hold
from redress.complaints.selectors import clock
from redress.complaints.services import stage_hold, stage_respond, stage_resume
from redress.procedures import rules

from .helpers import D, complaint_with, nothing_written, only_event, stage_of

pytestmark = pytest.mark.django_db

# Received Wednesday 1 December 2021: statutory stage 1, 10 working days, due 15 December.
RECEIVED = {"received_date": D("2021-12-01")}


@pytest.fixture
def stage():
    return stage_of(complaint_with(RECEIVED), 1)


def held(stage, officer, start="2021-12-06", reason="Court proceedings"):
    return stage_hold(stage=stage, start_on=D(start), reason=reason, by=officer)


class TestHold:
    def test_stops_the_clock_and_audits(self, stage, officer):
        assert stage.due_date == D("2021-12-15")
        hold = held(stage, officer, reason="  Court proceedings  ")
        assert (hold.start_date, hold.end_date, hold.reason, hold.placed_by) == (
            D("2021-12-06"),
            None,
            "Court proceedings",
            officer,
        )
        stage.refresh_from_db()
        assert (stage.status, stage.due_date, stage.held_days) == (StageStatus.ON_HOLD, None, 0)
        complaint = stage.complaint
        complaint.refresh_from_db()
        assert (complaint.status, complaint.due_date) == (StageStatus.ON_HOLD, None)
        event = only_event("stage.hold")
        assert (event.actor, event.before, event.after, event.complaint) == (
            officer,
            None,
            {
                "stage": stage.pk,
                "start_date": "2021-12-06",
                "end_date": None,
                "reason": "Court proceedings",
            },
            complaint,
        )

    def test_moves_the_complaints_version_on(self, stage, officer):
        before = stage.complaint.version
        held(stage, officer)
        stage.complaint.refresh_from_db()
        assert stage.complaint.version > before

    def test_one_hold_at_a_time(self, stage, officer):
        held(stage, officer)
        with nothing_written(stage), pytest.raises(rules.StageAlreadyOnHold) as err:
            held(stage, officer, start="2021-12-08")
        assert err.value.message == (
            "Stage 1 has been on hold since 6 December 2021. Resume it before putting it on "
            "hold again."
        )

    def test_needs_a_reason(self, stage, officer):
        with nothing_written(stage), pytest.raises(rules.HoldNeedsReason) as err:
            held(stage, officer, reason="   ")
        assert err.value.field == "reason"
        assert err.value.message.startswith("Give the reason stage 1 is put on hold")
        assert not Hold.objects.exists()

    def test_not_in_the_future(self, stage, officer):
        with nothing_written(stage), pytest.raises(rules.HoldStartsInFuture) as err:
            held(stage, officer, start="2022-01-11")
        assert (
            err.value.message == "The hold cannot start on 11 January 2022: that is in the future."
        )
        assert err.value.field == "start_on"

    def test_not_before_the_stage_was_received(self, stage, officer):
        with nothing_written(stage), pytest.raises(rules.HoldStartsBeforeReceived) as err:
            held(stage, officer, start="2021-11-30")
        assert err.value.message == (
            "The hold cannot start on 30 November 2021, before stage 1 was received "
            "(1 December 2021)."
        )

    def test_not_before_the_last_hold_ended(self, stage, officer):
        held(stage, officer)
        stage_resume(stage=stage, resumed_on=D("2021-12-13"), by=officer)
        with nothing_written(stage), pytest.raises(rules.HoldStartsBeforeLastResumed) as err:
            held(stage, officer, start="2021-12-10")
        assert err.value.message == (
            "The hold cannot start on 10 December 2021, before the stage resumed from its last "
            "hold (13 December 2021)."
        )

    def test_only_on_an_open_stage(self, officer):
        stage = stage_of(
            complaint_with(
                {**RECEIVED, "responded_date": D("2021-12-10"), "outcome": "not_upheld"}
            ),
            1,
        )
        with nothing_written(stage), pytest.raises(rules.AlreadyResponded):
            held(stage, officer)


class TestResume:
    def test_the_deadline_moves_by_the_working_days_held(self, stage, officer):
        held(stage, officer)  # Monday 6 December
        hold = stage_resume(stage=stage, resumed_on=D("2021-12-13"), by=officer)  # next Monday
        assert hold.end_date == D("2021-12-13")
        stage.refresh_from_db()
        # 6 to 10 December held: 5 working days, so 15 instead of 10 from 1 December.
        assert (stage.status, stage.held_days, stage.due_date) == (
            StageStatus.OPEN,
            5,
            D("2021-12-22"),
        )
        event = only_event("stage.resume")
        assert (event.before, event.after) == (
            {
                "stage": stage.pk,
                "start_date": "2021-12-06",
                "end_date": None,
                "reason": "Court proceedings",
            },
            {
                "stage": stage.pk,
                "start_date": "2021-12-06",
                "end_date": "2021-12-13",
                "reason": "Court proceedings",
            },
        )

    def test_holds_add_up(self, stage, officer):
        held(stage, officer)
        stage_resume(stage=stage, resumed_on=D("2021-12-08"), by=officer)  # 6, 7: 2 days
        held(stage, officer, start="2021-12-20")
        stage_resume(stage=stage, resumed_on=D("2022-01-04"), by=officer)
        stage.refresh_from_db()
        # 20 to 31 December less the Christmas and Boxing Day bank holidays (27 and 28 December)
        # and the New Year one (3 January): 8. Due on the 20th working day: 31 December.
        assert (stage.held_days, stage.due_date) == (2 + 8, D("2021-12-31"))

    def test_resumed_the_day_it_started_holds_no_day(self, stage, officer):
        held(stage, officer)
        stage_resume(stage=stage, resumed_on=D("2021-12-06"), by=officer)
        stage.refresh_from_db()
        assert (stage.held_days, stage.due_date) == (0, D("2021-12-15"))

    def test_only_a_stage_on_hold(self, stage, officer):
        with nothing_written(stage), pytest.raises(rules.StageNotOnHold) as err:
            stage_resume(stage=stage, resumed_on=D("2021-12-13"), by=officer)
        assert err.value.message == "Stage 1 is not on hold, so there is nothing to resume."

    def test_not_before_the_hold_started(self, stage, officer):
        hold = held(stage, officer)
        with nothing_written(stage, hold), pytest.raises(rules.ResumeBeforeHold) as err:
            stage_resume(stage=stage, resumed_on=D("2021-12-03"), by=officer)
        assert err.value.message == (
            "The stage cannot resume on 3 December 2021, before it was put on hold "
            "(6 December 2021)."
        )
        assert err.value.field == "resumed_on"

    def test_not_in_the_future(self, stage, officer):
        hold = held(stage, officer)
        with nothing_written(stage, hold), pytest.raises(rules.ResumeInFuture) as err:
            stage_resume(stage=stage, resumed_on=D("2022-01-11"), by=officer)
        assert (
            err.value.message
            == "The stage cannot resume on 11 January 2022: that is in the future."
        )


class TestRespondingToAHeldStage:
    def test_is_refused_while_on_hold(self, stage, officer):
        held(stage, officer)
        with nothing_written(stage), pytest.raises(rules.StageOnHold) as err:
            stage_respond(stage=stage, responded_on=D("2021-12-20"), outcome="upheld", by=officer)
        assert err.value.message == (
            "Stage 1 has been on hold since 6 December 2021. Resume it before recording its "
            "response."
        )

    def test_cannot_come_before_the_hold_ended(self, stage, officer):
        held(stage, officer)
        stage_resume(stage=stage, resumed_on=D("2021-12-13"), by=officer)
        with nothing_written(stage), pytest.raises(rules.DateBefore) as err:
            stage_respond(stage=stage, responded_on=D("2021-12-10"), outcome="upheld", by=officer)
        assert err.value.message == (
            "The response date, 10 December 2021, is before the end of its last hold "
            "(13 December 2021)."
        )

    def test_after_resuming_the_working_days_held_are_not_taken(self, stage, officer):
        held(stage, officer)
        stage_resume(stage=stage, resumed_on=D("2021-12-13"), by=officer)
        stage = stage_respond(
            stage=stage, responded_on=D("2021-12-20"), outcome="upheld", by=officer
        )
        assert (stage.status, stage.held_days) == (StageStatus.CLOSED, 5)
        # 13 working days from 1 to 20 December, less the 5 held: 8, in time against 10.
        deadlines = clock().deadlines(stage)
        assert (deadlines.working_days_taken, deadlines.in_time) == (8, True)
