"""The records the report's case-by-case parts are tested on (Appendix D, "you said, we did",
and the Ombudsman's decisions case by case): a child's complaint about fostering, with free
text that names them, an Ombudsman decision on it, a payment the Ombudsman asked for, and an
excerpt written (and approved) for publication."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from redress.complaints.tests.factories import ComplaintFactory, PaymentFactory
from redress.ombudsman.tests.factories import EnquiryFactory
from redress.people.tests.factories import PersonFactory
from redress.reporting.excerpts.services import excerpt_save

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.complaints.models import Complaint, Payment
    from redress.ombudsman.models import Enquiry
    from redress.organisations.models import ServiceArea
    from redress.reporting.models import ExcerptSource, PublishableExcerpt

# The child who complained: a name that must never reach a published report.
CHILD = "Jamie Smith"


def childs_complaint(
    reference: str, *, service_area: ServiceArea, received: datetime.date
) -> Complaint:
    """A complaint made by a child, Jamie Smith."""
    return ComplaintFactory(
        reference=reference,
        service_area=service_area,
        received_date=received,
        complainant=PersonFactory(name=CHILD),
        complainant_type="child_young_person",
    )


def ombudsman_decision(
    *,
    received: datetime.date,
    decision: str,
    decided: datetime.date,
    complaint: Complaint | None = None,
    **more: Any,
) -> Enquiry:
    """An Ombudsman enquiry received and decided (`more`: its reference, summary, remedy…)."""
    return EnquiryFactory(
        complaint=complaint,
        received_date=received,
        decision=decision,
        decision_date=decided,
        **more,
    )


def ombudsman_payment(
    enquiry: Enquiry, *, paid: datetime.date, amount: str, complaint: Complaint | None = None
) -> Payment:
    """Compensation the Ombudsman asked for, paid on `paid`."""
    return PaymentFactory(
        complaint=complaint,
        enquiry=enquiry,
        date=paid,
        stage="lgo",
        kind="compensation",
        amount=Decimal(amount),
    )


def excerpt(
    record: Any,
    text: str,
    *,
    by: User,
    source: ExcerptSource | None = None,
    approve: bool = True,
) -> PublishableExcerpt:
    """The words a complaints manager wrote for publication from a record, approved unless
    `approve` is False."""
    return excerpt_save(record=record, text=text, approve=approve, by=by, source=source)
