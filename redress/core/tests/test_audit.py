"""save_changes: the change, only its fields saved, and one audit event with before and after."""

import datetime

import pytest

from redress.complaints.tests.factories import ComplaintFactory
from redress.core import audit
from redress.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_save_changes_saves_the_fields_and_records_before_and_after(officer):
    complaint = ComplaintFactory(summary="As first told")
    stage = complaint.stages.get()
    stage.outcome = "upheld"  # unsaved: only the fields given are written

    event = audit.save_changes(
        stage,
        {"acknowledged_date": datetime.date(2021, 6, 2)},
        action="stage.acknowledge",
        by=officer,
        complaint=complaint,
        note="By phone",
    )

    stage.refresh_from_db()
    assert stage.acknowledged_date == datetime.date(2021, 6, 2)
    assert stage.outcome == ""
    assert event == AuditEvent.objects.get(action="stage.acknowledge")
    assert event.before == {"acknowledged_date": None}
    assert event.after == {"acknowledged_date": "2021-06-02"}
    assert (event.actor, event.complaint, event.note) == (officer, complaint, "By phone")


def test_save_changes_can_show_more_of_the_record(officer):
    stage = ComplaintFactory().stages.get()
    event = audit.save_changes(
        stage,
        {"acknowledged_date": datetime.date(2021, 6, 2)},
        action="stage.acknowledge",
        by=officer,
        shown=["acknowledged_date", "number"],
    )
    assert event.before == {"acknowledged_date": None, "number": 1}
    assert event.after == {"acknowledged_date": "2021-06-02", "number": 1}
