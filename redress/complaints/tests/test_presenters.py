import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from redress.complaints import presenters
from redress.complaints.models import Complaint, LearningAction, Payment, Stage
from redress.complaints.tests.factories import ComplaintFactory
from redress.core.models import AuditEvent
from redress.ombudsman.models import Enquiry

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("days_left", "text", "colour"),
    [
        (-3, "3 working days overdue", "govuk-tag--red"),
        (0, "Due today", "govuk-tag--yellow"),
        (5, "Due in 5 working days", "govuk-tag--yellow"),
        (6, "Due in 6 working days", "govuk-tag--blue"),
    ],
)
def test_deadline_tags(days_left, text, colour):
    stage = Stage(number=1, received_date=datetime.date(2021, 6, 7))
    assert presenters.deadline_tag(stage, days_left) == {"text": text, "classes": colour}


def test_a_closed_stage_shows_its_outcome():
    stage = Stage(number=1, responded_date=datetime.date(2021, 6, 7), outcome="not_upheld")
    assert presenters.deadline_tag(stage, None)["text"] == "Closed: Not upheld"


def test_learning_action_tags():
    today = datetime.date(2021, 10, 1)
    action = LearningAction(due_date=datetime.date(2021, 9, 30))
    assert presenters.action_tag(action, today)["text"] == "Overdue"
    action.completed_date = datetime.date(2021, 9, 29)
    assert presenters.action_tag(action, today)["text"] == "Done 29 September 2021"


def test_values_read_as_words():
    value = presenters.field_value
    assert value(Stage, "responded_date", "2021-06-18", {}) == "18 June 2021"
    assert value(Stage, "outcome", "partially_upheld", {}) == "Partially upheld"
    assert value(Stage, "outcome", "", {}) == "not recorded"
    assert value(Payment, "amount", "1200.5", {}) == "£1,200.50"
    assert value(Stage, "timescale_days", 20, {}) == "20 working days"
    assert value(Complaint, "service_area", 7, {}) == "record 7 (since removed)"
    assert value(Stage, "due", "2021-07-05", {}) == "5 July 2021"
    assert presenters.field_label(Stage, "acknowledged_date") == "Acknowledged date"
    assert presenters.field_label(Stage, "timescale_days") == "Timescale"
    assert presenters.field_label(Enquiry, "lgo_reference") == "Ombudsman's reference"


def _event(action, obj, **fields):
    return AuditEvent(
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        actor_label="Olive",
        **fields,
    )


def test_titles_name_the_stage_and_fall_back_to_plain_words():
    stage = ComplaintFactory().stages.get()
    numbers = {stage.pk: 1}
    title = presenters.event_title
    assert title(_event("stage.extend", stage), Stage, numbers[stage.pk]) == "Stage 1 extended"
    assert title(_event("admin.change", stage), Stage, 1) == "Stage 1 corrected in the admin"
    assert title(_event("payment.record", stage), Payment, None) == "Payment recorded"
    assert title(_event("brand.new_thing", stage), Stage, 1) == "Brand new thing"
    assert (
        presenters.moment(datetime.datetime(2021, 12, 1, 9, 5, tzinfo=datetime.UTC))
        == "1 December 2021 at 9:05am"
    )


def test_an_escalation_reads_as_the_request_not_as_changes(d):
    from redress.complaints.tests.factories import StageFactory

    complaint = ComplaintFactory()
    stage2 = StageFactory(complaint=complaint, number=2, received_date=d("2021-05-03"))
    event = _event(
        "complaint.escalate",
        stage2,
        before={"stage": 1},
        after={
            "complaint": complaint.pk,
            "number": 2,
            "received_date": "2021-05-03",
            "responded_date": None,
            "status": "open",
            "due_date": "2021-06-01",
            "held_days": 0,
            "panel_recommendations": "",
        },
    )
    event.at = datetime.datetime(2021, 5, 3, 9, tzinfo=datetime.UTC)
    [entry] = presenters.timeline([event], {}, {stage2.pk: 2})
    assert entry.title == "Escalated to stage 2 (requested 3 May 2021)"
    assert entry.changes == []


def test_a_record_added_lists_what_it_was_given_but_not_the_state_kept_for_lists():
    complaint = ComplaintFactory()
    event = _event(
        "complaint.record",
        complaint,
        after={"summary": "No reply", "status": "open", "version": 1, "stage_reached": 1},
    )
    event.at = datetime.datetime(2021, 5, 3, 9, tzinfo=datetime.UTC)
    [entry] = presenters.timeline([event], {}, {})
    assert entry.changes == [presenters.Change("Summary", None, "No reply")]
