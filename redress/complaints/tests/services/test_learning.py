import pytest

from redress.complaints.services import action_complete, action_raise
from redress.complaints.tests.factories import LearningActionFactory
from redress.procedures import rules
from redress.taxonomies.models import Term
from redress.taxonomies.tests.factories import shipped_term

from .helpers import D, complaint_with, nothing_written, only_event

pytestmark = pytest.mark.django_db


def learning_theme(name="Recording"):
    return Term.objects.get(taxonomy__code="learning-themes-2021", name=name)


def test_raise_an_action(officer):
    complaint = complaint_with()
    action = action_raise(
        complaint=complaint,
        description=" Share minutes within 5 days ",
        raised_on=D("2021-05-01"),
        due_on=D("2021-07-01"),
        theme=learning_theme(),
        owner="Head of Service",
        by=officer,
    )
    assert action.description == "Share minutes within 5 days"
    event = only_event("action.raise")
    assert event.actor == officer
    assert event.complaint == complaint
    assert event.after["due_date"] == "2021-07-01"
    assert event.after["theme"] == learning_theme().pk


def test_needs_a_description():
    with nothing_written(), pytest.raises(rules.RequiredValueMissing) as err:
        action_raise(description=" ", raised_on=D("2021-05-01"), by=None)
    assert err.value.message == "Enter the description of the action."


def test_not_due_before_raised():
    with nothing_written(), pytest.raises(rules.DateBefore) as err:
        action_raise(description="x", raised_on=D("2021-05-01"), due_on=D("2021-04-01"), by=None)
    assert err.value.message == (
        "The due date, 1 April 2021, is before the date the action was raised (1 May 2021)."
    )
    assert err.value.field == "due_on"


def test_not_raised_before_the_complaint():
    complaint = complaint_with()
    with nothing_written(), pytest.raises(rules.DateBefore, match="date the complaint was"):
        action_raise(complaint=complaint, description="x", raised_on=D("2021-03-01"), by=None)


def test_a_reason_is_not_a_learning_theme():
    with nothing_written(), pytest.raises(rules.TermNotForUse):
        action_raise(
            description="x", raised_on=D("2021-05-01"), theme=shipped_term("Delay"), by=None
        )


def test_raise_from_a_stage_with_you_said_we_did(officer):
    complaint = complaint_with({}, {"received_date": D("2021-06-01")})
    action = action_raise(
        complaint=complaint,
        stage_number=2,
        description="Review contact arrangements",
        you_said=" Contact was cancelled without notice ",
        we_did=" ",
        raised_on=D("2021-07-01"),
        by=officer,
    )
    assert (action.stage_number, action.you_said, action.we_did) == (
        2,
        "Contact was cancelled without notice",
        "",
    )
    event = only_event("action.raise")
    assert (event.after["stage_number"], event.after["you_said"]) == (
        2,
        "Contact was cancelled without notice",
    )
    complaint.refresh_from_db()
    assert complaint.version > 0


def test_the_stage_must_be_one_the_complaint_reached():
    complaint = complaint_with()
    with nothing_written(complaint), pytest.raises(rules.ActionStageNotReached) as err:
        action_raise(
            complaint=complaint, stage_number=2, description="x", raised_on=D("2021-05-01"), by=None
        )
    assert err.value.message == (
        f"Complaint {complaint.reference} has no stage 2: choose a stage it has reached, or "
        "leave the stage blank."
    )
    assert err.value.field == "stage_number"


def test_a_stage_needs_its_complaint():
    with nothing_written(), pytest.raises(rules.ActionStageWithoutComplaint) as err:
        action_raise(stage_number=1, description="x", raised_on=D("2021-05-01"), by=None)
    assert err.value.field == "stage_number"


def test_not_raised_before_the_stage_that_prompted_it():
    complaint = complaint_with({}, {"received_date": D("2021-06-01")})
    with nothing_written(complaint), pytest.raises(rules.DateBefore) as err:
        action_raise(
            complaint=complaint, stage_number=2, description="x", raised_on=D("2021-05-01"), by=None
        )
    assert err.value.message == (
        "The raised date, 1 May 2021, is before the date stage 2 was received (1 June 2021)."
    )


def test_a_theme_from_the_themes_taxonomy_is_accepted():
    action = action_raise(
        description="x",
        raised_on=D("2021-05-01"),
        theme=Term.objects.get(taxonomy__code="sandwell-themes-2021", name="Communication"),
        by=None,
    )
    assert action.theme.name == "Communication"


def test_complete_with_evidence(officer):
    action = LearningActionFactory()
    action = action_complete(
        action=action, completed_on=D("2021-08-01"), evidence="Team meeting minutes", by=officer
    )
    assert (action.completed_date, action.completion_evidence) == (
        D("2021-08-01"),
        "Team meeting minutes",
    )
    event = only_event("action.complete")
    assert (event.before["completed_date"], event.after["completed_date"]) == (None, "2021-08-01")


def test_completion_needs_evidence():
    action = LearningActionFactory()
    with nothing_written(action), pytest.raises(rules.ActionNeedsEvidence) as err:
        action_complete(action=action, completed_on=D("2021-08-01"), evidence="", by=None)
    assert err.value.message == "Describe the evidence that the action was completed."


def test_completed_once():
    action = LearningActionFactory(completed_date=D("2021-08-01"))
    with nothing_written(action), pytest.raises(rules.AlreadyRecorded):
        action_complete(action=action, completed_on=D("2021-08-02"), evidence="Again", by=None)


def test_not_completed_in_the_future():
    action = LearningActionFactory()
    with nothing_written(action), pytest.raises(rules.DateInFuture) as err:
        action_complete(action=action, completed_on=D("2022-01-11"), evidence="Soon", by=None)
    assert err.value.message == "The completed date, 11 January 2022, is in the future."


def test_completion_can_write_we_did(officer):
    action = LearningActionFactory(we_did="Planned")
    action = action_complete(
        action=action,
        completed_on=D("2021-08-01"),
        evidence="Minutes",
        we_did=" Contact is now confirmed in writing ",
        by=officer,
    )
    assert action.we_did == "Contact is now confirmed in writing"
    event = only_event("action.complete")
    assert (event.before["we_did"], event.after["we_did"]) == (
        "Planned",
        "Contact is now confirmed in writing",
    )
