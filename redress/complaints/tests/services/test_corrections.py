import pytest

from redress.complaints.services import stage_correct
from redress.complaints.tests.factories import AspectFactory
from redress.procedures import rules

from .helpers import D, complaint_with, nothing_written, only_event, stage_of

pytestmark = pytest.mark.django_db

S1 = {"received_date": D("2021-03-18"), "responded_date": D("2021-04-01"), "outcome": "upheld"}


def test_a_manager_corrects_a_closed_stage(manager):
    stage = stage_of(complaint_with(S1), 1)
    stage = stage_correct(
        stage=stage,
        changes={"responded_date": D("2021-03-31"), "outcome": "partially_upheld"},
        reason="Letter was dated the 31st",
        by=manager,
    )
    assert (stage.responded_date, stage.outcome) == (D("2021-03-31"), "partially_upheld")
    event = only_event("stage.correct")
    assert event.actor == manager
    assert event.before == {"responded_date": "2021-04-01", "outcome": "upheld"}
    assert event.after == {"responded_date": "2021-03-31", "outcome": "partially_upheld"}
    assert event.note == "Letter was dated the 31st"


def test_clearing_the_response_reopens_the_stage(manager):
    stage = stage_of(complaint_with({**S1, "outcome": "withdrawn"}), 1)
    stage = stage_correct(
        stage=stage,
        changes={"responded_date": None, "outcome": ""},
        reason="Withdrawn in error",
        by=manager,
    )
    assert stage.is_open


def test_stage_one_received_is_the_complaints(manager):
    complaint = complaint_with(S1)
    stage_correct(
        stage=stage_of(complaint, 1),
        changes={"received_date": D("2021-03-17")},
        reason="Email arrived the day before",
        by=manager,
    )
    complaint.refresh_from_db()
    assert complaint.received_date == D("2021-03-17")


def test_only_a_manager(officer):
    stage = stage_of(complaint_with(S1), 1)
    with nothing_written(stage), pytest.raises(rules.CorrectionNeedsManager) as err:
        stage_correct(stage=stage, changes={"outcome": "not_upheld"}, reason="Typo", by=officer)
    assert (
        err.value.message == "Only a complaints manager can correct what was recorded on a stage."
    )


def test_needs_a_reason(manager):
    stage = stage_of(complaint_with(S1), 1)
    with nothing_written(stage), pytest.raises(rules.CorrectionNeedsReason):
        stage_correct(stage=stage, changes={"outcome": "not_upheld"}, reason=" ", by=manager)


def test_only_dates_and_outcome(manager):
    stage = stage_of(complaint_with(S1), 1)
    with nothing_written(stage), pytest.raises(rules.CorrectionFieldNotAllowed) as err:
        stage_correct(stage=stage, changes={"number": 2}, reason="Why", by=manager)
    assert err.value.message.startswith("'number' cannot be corrected here. Fields that can:")


def test_the_corrected_stage_must_make_sense(manager):
    stage = stage_of(complaint_with(S1), 1)
    with nothing_written(stage), pytest.raises(rules.DateBefore) as err:
        stage_correct(
            stage=stage, changes={"responded_date": D("2021-03-01")}, reason="Typo", by=manager
        )
    assert err.value.message == (
        "The response date, 1 March 2021, is before the date stage 1 was received (18 March 2021)."
    )
    with nothing_written(stage), pytest.raises(rules.NotAChoice):
        stage_correct(stage=stage, changes={"outcome": "sort of"}, reason="Typo", by=manager)


def test_stages_stay_in_order(manager):
    complaint = complaint_with(S1, {"received_date": D("2021-04-06")})
    stage = stage_of(complaint, 1)
    with nothing_written(stage), pytest.raises(rules.DateBefore) as err:
        stage_correct(
            stage=stage, changes={"responded_date": D("2021-04-07")}, reason="Typo", by=manager
        )
    assert err.value.message == (
        "The stage 2 request date, 6 April 2021, is before the stage 1 response (7 April 2021)."
    )
    with nothing_written(stage), pytest.raises(rules.PreviousStageNotCompleted):
        stage_correct(stage=stage, changes={"responded_date": None}, reason="Reopen", by=manager)


def test_a_correction_must_change_something(manager):
    stage = stage_of(complaint_with(S1), 1)
    with nothing_written(stage), pytest.raises(rules.NothingToCorrect):
        stage_correct(stage=stage, changes={"outcome": "upheld"}, reason="Same", by=manager)


def test_findings_on_a_closed_stage(manager):
    stage = stage_of(complaint_with(S1), 1)
    aspect = AspectFactory(stage=stage, finding="upheld")
    stage_correct(
        stage=stage, changes={}, findings={aspect.pk: "not_upheld"}, reason="Misread", by=manager
    )
    aspect.refresh_from_db()
    assert aspect.finding == "not_upheld"
    event = only_event("stage.correct")
    assert (event.before, event.after) == (
        {f"finding:{aspect.pk}": "upheld"},
        {f"finding:{aspect.pk}": "not_upheld"},
    )


def test_findings_only_on_the_stages_own_reasons(manager):
    complaint = complaint_with(S1, {"received_date": D("2021-04-06")})
    other = AspectFactory(stage=stage_of(complaint, 2))
    stage = stage_of(complaint, 1)
    with nothing_written(stage, other), pytest.raises(rules.FindingOnOtherStage):
        stage_correct(
            stage=stage, changes={}, findings={other.pk: "upheld"}, reason="Typo", by=manager
        )
