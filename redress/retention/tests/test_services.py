"""Retention: what is due, legal holds, dry run, idempotency, and the audit trail anonymised."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from redress.complaints.models import Complaint, Hold
from redress.core import audit
from redress.core.models import AuditEvent
from redress.feedback.tests.factories import ComplimentFactory
from redress.people.models import Person
from redress.retention import holds, selectors, services
from redress.retention.models import Anonymisation, LegalHold, RecordType, RetentionPeriod
from redress.retention.personal import NOTE_REMOVED

from .helpers import closed_complaint, d, open_complaint, person

pytestmark = pytest.mark.django_db

AS_OF = d("2028-01-10")  # six years after 10 January 2022


def recorded(complaint: Complaint) -> None:
    """Audit events as the services write them: the complaint, its complainant's details
    changed, and a note quoting what was typed."""
    audit.record(
        action="complaint.recorded",
        obj=complaint,
        by=None,
        complaint=complaint,
        after=audit.snapshot(complaint),
    )
    audit.save_changes(
        complaint.complainant,
        {"name": "Jo Bloggs-Smith", "address": "2 Low Road"},
        action="person.changed",
        by=None,
        complaint=complaint,
    )
    hold = Hold.objects.get(stage__complaint=complaint)
    audit.record(action="stage.held", obj=hold, by=None, complaint=complaint, note="Jo in hospital")


def snapshot_everything() -> tuple:
    return (
        list(Person.objects.order_by("pk").values()),
        list(Complaint.objects.order_by("pk").values()),
        list(Hold.objects.order_by("pk").values()),
        list(AuditEvent.objects.order_by("pk").values()),
    )


def test_a_complaint_closed_six_years_ago_is_due_and_a_later_one_is_not():
    old = closed_complaint("2021-12-01", "2022-01-10")
    later = closed_complaint("2021-12-01", "2022-01-11")
    due = list(selectors.complaints_due(as_of=AS_OF))
    assert due == [old]
    assert due[0].closed_on == d("2022-01-10")
    assert later not in due


def test_an_open_complaint_is_never_touched_however_old():
    shared = person()
    still_open = open_complaint("2010-01-04", complainant=shared)
    closed = closed_complaint("2010-01-04", "2010-02-01", complainant=shared)
    report = services.retention_run(as_of=AS_OF, apply=True)
    assert report.complaints == [closed.reference]
    still_open.refresh_from_db()
    assert still_open.summary == "Still being looked at: Jo Bloggs, 1 High Street."
    # The complainant is behind a complaint still open: their details stay.
    shared.refresh_from_db()
    assert (shared.name, shared.address) == ("Jo Bloggs", "1 High Street, Kingsmoor")
    assert report.people == 0
    closed.refresh_from_db()
    assert closed.summary == ""


def test_an_ombudsman_enquiry_still_undecided_keeps_the_complaint_open():
    from redress.ombudsman.tests.factories import EnquiryFactory

    complaint = closed_complaint("2015-01-05", "2015-02-02")
    enquiry = EnquiryFactory(complaint=complaint, received_date=d("2015-06-01"))
    enquiry.decision_date = None
    enquiry.save()
    assert list(selectors.complaints_due(as_of=AS_OF)) == []
    enquiry.decision_date = d("2022-03-01")
    enquiry.decision = "upheld"
    enquiry.save()
    # Closed when the Ombudsman decided: six years after that is still to come.
    assert list(selectors.complaints_due(as_of=AS_OF)) == []
    assert list(selectors.complaints_due(as_of=d("2028-03-01"))) == [complaint]


def test_apply_anonymises_the_records_and_the_people():
    child = person(name="Sam Bloggs", date_of_birth=d("2008-03-04"), age_band="")
    complaint = closed_complaint("2016-05-02", "2016-06-01")
    complaint.children.add(child)
    report = services.retention_run(as_of=AS_OF, apply=True)
    assert report.complaints == [complaint.reference]
    assert report.people == 2
    before_search = complaint.search_text
    complaint.refresh_from_db()
    assert (complaint.summary, complaint.desired_outcome, complaint.custom_data) == ("", "", {})
    # The list's search finds them by name no more (the stored search text is written again).
    assert "bloggs" in before_search.lower()
    assert "bloggs" not in complaint.search_text.lower()
    assert complaint.reference.lower() in complaint.search_text.lower()
    # What the figures read stays.
    assert complaint.reference.startswith("CSC-")
    assert complaint.received_date == d("2016-05-02")
    assert complaint.stages.get().outcome == "upheld"
    assert Hold.objects.get(stage__complaint=complaint).reason == (
        "Removed under the retention policy."
    )
    complainant = Person.objects.get(pk=complaint.complainant_id)
    assert complainant.key.startswith("P")
    assert [
        complainant.name,
        complainant.email,
        complainant.phone,
        complainant.address,
        complainant.notes,
    ] == ["", "", "", "", ""]
    child.refresh_from_db()
    # Eight on the day of the complaint: the band stays once the date of birth goes.
    assert (child.name, child.date_of_birth, child.age_band) == ("", None, "5-9")


def test_the_audit_snapshots_are_anonymised_and_the_anonymisation_audited():
    complaint = closed_complaint("2016-05-02", "2016-06-01")
    recorded(complaint)
    services.retention_run(as_of=AS_OF, apply=True)
    trail = list(AuditEvent.objects.filter(complaint=complaint).order_by("pk"))
    recorded_event, changed, held, anonymised = trail
    assert recorded_event.after["summary"] == ""
    assert recorded_event.after["desired_outcome"] == ""
    assert recorded_event.after["custom_data"] == {}
    assert recorded_event.after["reference"] == complaint.reference  # not personal: kept
    assert changed.before == {"name": "", "address": ""}
    assert changed.after == {"name": "", "address": ""}
    assert held.note == NOTE_REMOVED
    assert anonymised.action == services.ANONYMISED
    assert anonymised.note == (
        "Personal data anonymised under the retention policy "
        "(complaints: 6 years after closing; closed 2016-06-01)."
    )
    assert "Jo" not in anonymised.note
    person_events = AuditEvent.objects.filter(
        action=services.ANONYMISED,
        content_type__model="person",
        object_id=str(complaint.complainant_id),
    )
    assert person_events.count() == 1
    everything = str(list(AuditEvent.objects.values("before", "after", "note")))
    for personal in ("Jo Bloggs", "High Street", "Low Road", "Ms Smith", "hospital"):
        assert personal not in everything


def test_the_audit_trail_stays_append_only_outside_the_run():
    complaint = closed_complaint("2016-05-02", "2016-06-01")
    recorded(complaint)
    services.retention_run(as_of=AS_OF, apply=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.filter(complaint=complaint).update(note="changed")


def test_a_dry_run_lists_and_changes_nothing():
    complaint = closed_complaint("2016-05-02", "2016-06-01")
    recorded(complaint)
    open_complaint("2016-05-02")
    before = snapshot_everything()
    report = services.retention_run(as_of=AS_OF, apply=False)
    assert report.complaints == [complaint.reference]
    assert report.people == 1
    assert report.audit_events == 3
    assert not report.applied
    assert snapshot_everything() == before
    assert not Anonymisation.objects.exists()
    applied = services.retention_run(as_of=AS_OF, apply=True)
    # The dry run said exactly what the run then did.
    assert (applied.complaints, applied.people, applied.audit_events) == (
        report.complaints,
        report.people,
        report.audit_events,
    )


def test_running_again_changes_nothing():
    complaint = closed_complaint("2016-05-02", "2016-06-01")
    recorded(complaint)
    services.retention_run(as_of=AS_OF, apply=True)
    after_first = snapshot_everything()
    again = services.retention_run(as_of=AS_OF, apply=True)
    assert again.nothing_to_do
    assert (again.complaints, again.people, again.audit_events) == ([], 0, 0)
    assert snapshot_everything() == after_first


def test_a_person_is_anonymised_with_their_last_complaint():
    shared = person()
    first = closed_complaint("2016-05-02", "2016-06-01", complainant=shared)
    closed_complaint("2021-05-04", "2022-06-01", complainant=shared)
    report = services.retention_run(as_of=AS_OF, apply=True)
    assert (report.complaints, report.people) == ([first.reference], 0)
    shared.refresh_from_db()
    assert shared.name == "Jo Bloggs"
    later = services.retention_run(as_of=d("2028-06-01"), apply=True)
    assert later.people == 1
    shared.refresh_from_db()
    assert shared.name == ""


def test_a_legal_hold_keeps_a_complaint_until_it_is_lifted(manager):
    complaint = closed_complaint("2016-05-02", "2016-06-01")
    hold = holds.legal_hold_place(complaint=complaint, reason="Claim issued", by=manager)
    assert hold.in_force
    report = services.retention_run(as_of=AS_OF, apply=True)
    assert (report.complaints, report.held) == ([], [complaint.reference])
    complaint.refresh_from_db()
    assert complaint.summary.startswith("Jo Bloggs")
    holds.legal_hold_lift(complaint=complaint, reason="Claim settled", by=manager)
    report = services.retention_run(as_of=AS_OF, apply=True)
    assert report.complaints == [complaint.reference]
    events = AuditEvent.objects.filter(complaint=complaint, action__startswith="legal_hold")
    assert [e.action for e in events] == ["legal_hold.place", "legal_hold.lift"]
    assert events[0].actor == manager


def test_legal_hold_rules(manager):
    complaint = closed_complaint("2016-05-02", "2016-06-01")
    with pytest.raises(holds.LegalHoldReasonMissing):
        holds.legal_hold_place(complaint=complaint, reason="  ", by=manager)
    with pytest.raises(holds.NoLegalHold, match="is not on legal hold"):
        holds.legal_hold_lift(complaint=complaint, reason="", by=manager)
    holds.legal_hold_place(complaint=complaint, reason="Claim issued", by=manager)
    with pytest.raises(holds.LegalHoldAlreadyInForce, match="already on legal hold"):
        holds.legal_hold_place(complaint=complaint, reason="Again", by=manager)
    holds.legal_hold_lift(complaint=complaint, reason="Settled", by=manager)
    services.retention_run(as_of=AS_OF, apply=True)
    with pytest.raises(holds.AlreadyAnonymised, match="already been anonymised"):
        holds.legal_hold_place(complaint=complaint, reason="Too late", by=manager)
    assert LegalHold.objects.count() == 1


def test_the_period_is_configured_per_record_type():
    complaint = closed_complaint("2016-05-02", "2016-06-01")
    compliment = ComplimentFactory(received_date=d("2019-01-07"), text="Thank you, Ms Smith")
    RetentionPeriod.objects.filter(record_type=RecordType.COMPLAINT).update(years=15)
    report = services.retention_run(as_of=AS_OF, apply=True)
    assert report.complaints == []
    assert report.compliments == 1
    assert "complaints: 15 years after closing" in report.policies.values()
    compliment.refresh_from_db()
    assert (compliment.text, compliment.staff_member) == ("", "")
    complaint.refresh_from_db()
    assert complaint.summary != ""


def test_a_retention_period_never_set_is_six_years():
    RetentionPeriod.objects.all().delete()
    assert selectors.retention_years(RecordType.COMPLAINT) == 6


def test_the_cutoff_of_29_february():
    assert selectors.cutoff(datetime.date(2028, 2, 29), 6) == datetime.date(2022, 2, 28)


def test_batches_count_each_person_and_event_once():
    shared = person()
    first = closed_complaint("2015-05-04", "2015-06-01", complainant=shared)
    second = closed_complaint("2016-05-02", "2016-06-01", complainant=shared)
    recorded(first)
    recorded(second)
    dry = services.retention_run(as_of=AS_OF, apply=False, batch=1)
    applied = services.retention_run(as_of=AS_OF, apply=True, batch=1)
    assert (dry.complaints, dry.people, dry.audit_events) == (
        applied.complaints,
        applied.people,
        applied.audit_events,
    )
    assert (applied.complaints, applied.people) == ([first.reference, second.reference], 1)
    shared.refresh_from_db()
    assert shared.name == ""
    assert AuditEvent.objects.filter(action=services.ANONYMISED).count() == 3
