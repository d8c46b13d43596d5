"""Costs of handling complaints and compensation paid, in pounds and pence."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import transaction

from redress.complaints.choices import PaymentKind, PaymentStage
from redress.complaints.models import Complaint, Payment
from redress.complaints.state import complaint_changed
from redress.core import audit
from redress.procedures import rules

from .checks import choice, not_in_future, required_text

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.ombudsman.models import Enquiry

# Fees belong to the stage whose people earn them; compensation and other costs to any.
KIND_STAGE: dict[str, str] = {
    PaymentKind.INVESTIGATING_OFFICER: PaymentStage.STAGE2,
    PaymentKind.INDEPENDENT_PERSON: PaymentStage.STAGE2,
    PaymentKind.REVIEW_PANEL: PaymentStage.STAGE3,
}
PENNY = Decimal("0.01")
LARGEST = Decimal("9999999999.99")  # what the amount column holds


def parse_amount(value: Decimal | int | str) -> Decimal:
    """Pounds and pence above zero: `250`, `250.5`, `£1,250.00`."""
    try:
        amount = Decimal(str(value).strip().lstrip("£").replace(",", ""))
    except InvalidOperation:
        raise rules.AmountNotValid(amount=value) from None
    if (
        not amount.is_finite()
        or amount <= 0
        or amount > LARGEST
        or amount != amount.quantize(PENNY)
    ):
        raise rules.AmountNotValid(amount=value)
    return amount.quantize(PENNY)


def _check_enquiry(*, stage: str, complaint: Complaint | None, enquiry: Enquiry | None) -> None:
    """A payment for an Ombudsman enquiry is at the Ombudsman stage and on the enquiry's
    complaint; an Ombudsman-stage payment on a complaint with enquiries says which one."""
    if enquiry is not None:
        if stage != PaymentStage.LGO:
            raise rules.PaymentEnquiryNotAtOmbudsmanStage(
                enquiry=enquiry.lgo_reference, stage=stage
            )
        if complaint is not None and enquiry.complaint_id != complaint.pk:
            raise rules.PaymentEnquiryOtherComplaint(
                enquiry=enquiry.lgo_reference, reference=complaint.reference
            )
    elif (
        stage == PaymentStage.LGO
        and complaint is not None
        and complaint.ombudsman_enquiries.exists()
    ):
        raise rules.PaymentNeedsEnquiry(reference=complaint.reference)


@transaction.atomic
def payment_record(
    *,
    paid_on: datetime.date,
    stage: str,
    kind: str,
    amount: Decimal | int | str,
    by: User | None,
    complaint: Complaint | None = None,
    enquiry: Enquiry | None = None,
    description: str = "",
) -> Payment:
    """Record a cost (investigating officer, independent person, review panel, other) or a
    compensation payment, at stage `1`, `2`, `3` or `lgo`, on a complaint or an Ombudsman
    enquiry or neither (a cost not tied to one complaint)."""
    choice(stage, PaymentStage, what="payment stage")
    choice(kind, PaymentKind, what="payment kind")
    expected = KIND_STAGE.get(kind)
    if expected is not None and stage != expected:
        raise rules.PaymentKindNotForStage(
            kind=PaymentKind(kind).label,
            expected=expected,
            stage="the Ombudsman stage" if stage == PaymentStage.LGO else f"stage {stage}",
        )
    value = parse_amount(amount)
    not_in_future(paid_on, what="payment")
    if (
        complaint is not None
        and stage != PaymentStage.LGO
        and not complaint.stages.filter(number=int(stage)).exists()
    ):
        raise rules.PaymentStageNotReached(reference=complaint.reference, stage=stage)
    _check_enquiry(stage=stage, complaint=complaint, enquiry=enquiry)
    if complaint is None and enquiry is not None:
        complaint = enquiry.complaint
    payment = Payment.objects.create(
        complaint=complaint,
        enquiry=enquiry,
        date=paid_on,
        stage=stage,
        kind=kind,
        amount=value,
        description=description.strip(),
    )
    audit.record(
        action="payment.record",
        obj=payment,
        by=by,
        after=audit.snapshot(payment),
        complaint=complaint,
    )
    complaint_changed(complaint)
    return payment


@transaction.atomic
def payment_remove(*, payment: Payment, reason: str, by: User | None) -> None:
    """Remove a payment recorded by mistake, saying why."""
    reason = required_text(reason, what="reason for removing the payment")
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    audit.record(
        action="payment.remove",
        obj=payment,
        by=by,
        before=audit.snapshot(payment),
        complaint=payment.complaint,
        note=reason,
    )
    complaint_changed(payment.complaint)
    payment.delete()
