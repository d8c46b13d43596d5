"""Three Ombudsman enquiries, seen on Wednesday 1 December 2021."""

import datetime
from types import SimpleNamespace

import pytest
import time_machine

from redress.complaints.tests.factories import ComplaintFactory
from redress.ombudsman.tests.factories import EnquiryFactory, RemedyFactory

TODAY = datetime.date(2021, 12, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2021, 12, 1, 11, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def enquiries(d, responding_manager):
    """- `pending`: on a complaint only the team sees; our response overdue since 20 November;
    - `decided`: fault found, on a complaint allocated to the responding manager; response
      sent; an apology complied with and a payment remedy overdue;
    - `orphan`: no complaint on record; no fault found."""
    hidden = ComplaintFactory(reference="CSC-2021-0101", received_date=d("2021-05-04"))
    theirs = ComplaintFactory(reference="CSC-2021-0102", received_date=d("2021-04-06"))
    theirs.stages.update(allocated_to=responding_manager)
    pending = EnquiryFactory(
        lgo_reference="21 004 101",
        complaint=hidden,
        received_date=d("2021-10-25"),
        response_due_date=d("2021-11-20"),
    )
    decided = EnquiryFactory(
        lgo_reference="21 002 202",
        complaint=theirs,
        received_date=d("2021-07-01"),
        response_due_date=d("2021-07-29"),
        response_sent_date=d("2021-07-28"),
        decision="fault_found",
        decision_date=d("2021-10-01"),
        recommendations="Apologise and pay £300 for the distress caused",
        remedy_due_date=d("2021-11-01"),
    )
    apology = RemedyFactory(
        enquiry=decided,
        kind="apology",
        due_date=d("2021-11-01"),
        completed_date=d("2021-10-20"),
        evidence="Letter of 20 October",
    )
    payment = RemedyFactory(
        enquiry=decided, kind="payment", description="£300", due_date=d("2021-11-01")
    )
    orphan = EnquiryFactory(
        lgo_reference="20 009 303",
        received_date=d("2021-03-01"),
        decision="no_fault",
        decision_date=d("2021-06-01"),
    )
    return SimpleNamespace(
        pending=pending,
        decided=decided,
        orphan=orphan,
        apology=apology,
        payment=payment,
        hidden=hidden,
        theirs=theirs,
    )
