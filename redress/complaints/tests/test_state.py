"""The stored state of stages and complaints: what lists filter and sort on (ADR 0015)."""

import datetime

import pytest
import time_machine

from redress.complaints import services
from redress.complaints.models import Complaint, Hold, Stage
from redress.complaints.state import complaint_changed, refresh_all, refresh_complaints
from redress.complaints.tests.factories import ComplaintFactory, ExtensionFactory, StageFactory
from redress.procedures.models import ClosureDay

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2021, 8, 2, 11, tzinfo=datetime.UTC), tick=False):
        yield


def _stored(complaint):
    complaint = Complaint.objects.get(pk=complaint.pk)
    return complaint.stage_reached, complaint.status, complaint.due_date


def test_a_new_stage_stores_its_deadline_and_the_complaint_its_current_stage(d):
    complaint = ComplaintFactory(received_date=d("2021-06-07"))  # statutory: 10 working days
    assert _stored(complaint) == (1, "open", d("2021-06-21"))
    stage = complaint.stages.get()
    assert (stage.status, stage.due_date, stage.held_days) == ("open", d("2021-06-21"), 0)


def test_an_extension_moves_the_stored_deadline(d):
    complaint = ComplaintFactory(received_date=d("2021-06-07"))
    ExtensionFactory(stage=complaint.stages.get(), extended_to_days=20)
    assert _stored(complaint)[2] == d("2021-07-05")


def test_a_response_closes_the_stage_and_the_complaint(d, officer):
    complaint = ComplaintFactory(received_date=d("2021-06-07"))
    stage = services.stage_respond(
        stage=complaint.stages.get(), responded_on=d("2021-06-18"), outcome="upheld", by=officer
    )
    assert stage.status == "closed"
    assert _stored(complaint) == (1, "closed", None)


def test_escalation_moves_the_complaint_to_stage_2(d, officer):
    complaint = ComplaintFactory(received_date=d("2021-06-07"))
    services.stage_respond(
        stage=complaint.stages.get(), responded_on=d("2021-06-18"), outcome="not_upheld", by=officer
    )
    services.complaint_escalate(complaint=complaint, requested_on=d("2021-06-25"), by=officer)
    # Statutory stage 2: 25 working days from the request (no statement agreed yet).
    assert _stored(complaint) == (2, "open", d("2021-07-30"))


def test_a_hold_stops_the_clock_and_its_working_days_move_the_deadline(d):
    complaint = ComplaintFactory(received_date=d("2021-06-07"))
    stage = complaint.stages.get()
    hold = Hold.objects.create(stage=stage, start_date=d("2021-06-14"), reason="Court")
    refresh_complaints([complaint.pk])
    assert _stored(complaint) == (1, "on_hold", None)
    assert Stage.objects.get(pk=stage.pk).status == "on_hold"

    hold.end_date = d("2021-06-21")  # Monday to Monday: 5 working days held
    hold.save()
    refresh_complaints([complaint.pk])
    stage.refresh_from_db()
    assert stage.held_days == 5
    assert stage.due_date == d("2021-06-28")  # 21 June plus 5 working days
    assert _stored(complaint) == (1, "open", d("2021-06-28"))


def test_a_new_closure_day_moves_open_deadlines(d, officer):
    from redress.organisations.services import closure_day_add

    complaint = ComplaintFactory(received_date=d("2021-06-07"))
    closure_day_add(day=d("2021-06-10"), reason="Office move", by=officer)
    assert _stored(complaint)[2] == d("2021-06-22")
    assert ClosureDay.objects.count() == 1


def test_every_change_moves_the_version_on(d, officer):
    complaint = ComplaintFactory(received_date=d("2021-06-07"))
    before = Complaint.objects.get(pk=complaint.pk).version
    complaint_changed(complaint)
    assert Complaint.objects.get(pk=complaint.pk).version == before + 1


def test_refreshing_what_is_already_right_writes_nothing(d):
    ComplaintFactory(received_date=d("2021-06-07"))
    StageFactory(number=1, received_date=d("2021-06-08"))
    assert refresh_all() == 0
    Stage.objects.update(due_date=None)
    assert refresh_all() == 2  # the two stages repaired; their complaints were right
