"""Building closed and open complaints for the retention tests."""

from __future__ import annotations

import datetime

from redress.complaints.models import Complaint
from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import ComplaintFactory, HoldFactory
from redress.people.models import Person
from redress.people.tests.factories import PersonFactory

d = datetime.date.fromisoformat


def closed_complaint(
    received: str, responded: str, *, complainant: Person | None = None, **fields: object
) -> Complaint:
    """A stage 1 complaint answered on `responded`, with personal data everywhere retention
    reaches."""
    complaint = ComplaintFactory(
        received_date=d(received),
        complainant=complainant or person(),
        summary="Jo Bloggs of 1 High Street says her son's social worker never rang back.",
        desired_outcome="An apology from Ms Smith.",
        custom_data={"social_worker": "Ms Smith"},
        **fields,
    )
    stage = complaint.stages.get()
    HoldFactory(stage=stage, start_date=d(received), end_date=d(received), reason="Jo in hospital")
    complaint.stages.update(responded_date=d(responded), outcome="upheld")
    refresh_complaints([complaint.pk])
    complaint.refresh_from_db()
    return complaint


def open_complaint(received: str, *, complainant: Person | None = None) -> Complaint:
    return ComplaintFactory(
        received_date=d(received),
        complainant=complainant or person(),
        summary="Still being looked at: Jo Bloggs, 1 High Street.",
    )


def person(**fields: object) -> Person:
    return PersonFactory(
        **{
            "name": "Jo Bloggs",
            "email": "jo@example.org",
            "phone": "07700 900123",
            "address": "1 High Street, Kingsmoor",
            "notes": "Prefers afternoons.",
            **fields,
        }
    )
