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
        "The due date, 1 April 2021, is before the date it was raised (1 May 2021)."
    )


def test_not_raised_before_the_complaint():
    complaint = complaint_with()
    with nothing_written(), pytest.raises(rules.DateBefore, match="date the complaint was"):
        action_raise(complaint=complaint, description="x", raised_on=D("2021-03-01"), by=None)


def test_a_reason_is_not_a_learning_theme():
    with nothing_written(), pytest.raises(rules.TermNotForUse):
        action_raise(
            description="x", raised_on=D("2021-05-01"), theme=shipped_term("Delay"), by=None
        )


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
