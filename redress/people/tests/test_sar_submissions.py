"""A subject access export lists what the person sent through the public pages: from their
email address (whatever its case) or linked to their complaints, with the answers in words."""

import pytest

from redress.complaints.tests.factories import ComplaintFactory
from redress.front.models import Submission, SubmissionStatus
from redress.front.services.submissions import submission_record
from redress.organisations.tests.factories import ServiceAreaFactory
from redress.people.sar.material import subject_access_material
from redress.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _table(person):
    tables = {table.name: table for table in subject_access_material(person=person).tables}
    return tables["online_submissions"]


def test_the_export_lists_what_the_person_sent_online():
    service = ServiceAreaFactory(name="Children in need")
    jo = PersonFactory(name="Jo Bloggs", email="Jo@Example.org")
    complaint = ComplaintFactory(complainant=jo)
    sent = submission_record(
        kind="complaint",
        answers={
            "service_area": service.pk,
            "what_happened": "The social worker never rang back.",
            "on_behalf": True,
            "interpreter": "",
        },
        name="Jo Bloggs",
        email="jo@EXAMPLE.org",
    )
    Submission.objects.filter(pk=sent.pk).update(status=SubmissionStatus.NOT_COMPLAINT)
    # Sent from no address, but it asks for the next stage of her complaint.
    asked = submission_record(
        kind="next_stage", answers={"reason": "Nobody answered my points."}, complaint=complaint
    )
    # Someone else's.
    submission_record(kind="complaint", answers={"what_happened": "x"}, email="al@example.org")

    rows = _table(jo).rows
    assert [row["reference"] for row in rows] == [sent.reference, asked.reference]
    first, second = rows
    assert (first["kind"], first["status"], first["received_date"]) == (
        "Complaint",
        "Not a complaint",
        sent.received_date,
    )
    assert (first["name"], first["email"]) == ("Jo Bloggs", "jo@EXAMPLE.org")
    assert first["answers"] == (
        "Interpreter: Not given\n"
        "On behalf: Yes\n"
        "Service area: Children in need\n"
        "What happened: The social worker never rang back."
    )
    assert (second["kind"], second["status"]) == (
        "Request for the next stage",
        "Waiting for triage",
    )
    assert second["answers"] == "Reason: Nobody answered my points."
    # Their audit events are in the export's audit trail.
    trail = {t.name: t for t in subject_access_material(person=jo).tables}["audit_events"].rows
    assert {r["object_id"] for r in trail if r["action"] == "submission.record"} == {
        str(sent.pk),
        str(asked.pk),
    }


def test_a_person_without_an_email_address_matches_nothing_by_address():
    submission_record(kind="compliment", answers={"what": "Kind"}, email="")
    assert _table(PersonFactory(email="")).rows == []
