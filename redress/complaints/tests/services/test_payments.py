from decimal import Decimal

import pytest

from redress.complaints.models import Payment
from redress.complaints.services import payment_record, payment_remove
from redress.complaints.tests.factories import PaymentFactory
from redress.ombudsman.tests.factories import EnquiryFactory
from redress.procedures import rules

from .helpers import D, complaint_with, nothing_written, only_event

pytestmark = pytest.mark.django_db


def pay(**kwargs):
    kwargs.setdefault("paid_on", D("2021-07-01"))
    kwargs.setdefault("stage", "1")
    kwargs.setdefault("kind", "compensation")
    kwargs.setdefault("amount", "250")
    kwargs.setdefault("by", None)
    return payment_record(**kwargs)


def test_records_a_compensation_payment(officer):
    complaint = complaint_with()
    payment = pay(complaint=complaint, amount="£1,250.5", by=officer)
    assert payment.amount == Decimal("1250.50")
    event = only_event("payment.record")
    assert event.actor == officer
    assert event.complaint == complaint
    assert event.after["amount"] == "1250.50"
    assert event.after["kind"] == "compensation"


def test_an_ombudsman_payment_is_filed_under_the_enquirys_complaint():
    complaint = complaint_with()
    payment = pay(stage="lgo", enquiry=EnquiryFactory(complaint=complaint))
    assert payment.complaint == complaint


@pytest.mark.parametrize("amount", ["0", "-5", "12.345", "abc", "NaN", "10000000000"])
def test_amounts_are_pounds_and_pence_above_zero(amount):
    with nothing_written(), pytest.raises(rules.AmountNotValid) as err:
        pay(amount=amount)
    assert err.value.message == (
        f"'{amount}' is not a valid amount: enter pounds and pence above zero, e.g. 250.00."
    )


def test_fees_belong_to_their_stage():
    with nothing_written(), pytest.raises(rules.PaymentKindNotForStage) as err:
        pay(kind="investigating_officer", stage="1")
    assert err.value.message == "Investigating officer costs belong to stage 2, not stage 1."
    with pytest.raises(rules.PaymentKindNotForStage, match="not the Ombudsman stage"):
        pay(kind="review_panel", stage="lgo")


def test_the_complaint_must_have_reached_the_stage():
    complaint = complaint_with(reference="CSC-2021-0005")
    with nothing_written(), pytest.raises(rules.StageNotReached) as err:
        pay(complaint=complaint, stage="2", kind="independent_person")
    assert err.value.message == "Complaint CSC-2021-0005 has no stage 2."


def test_unknown_codes():
    with nothing_written(), pytest.raises(rules.NotAChoice, match="not a valid payment stage"):
        pay(stage="4")
    with nothing_written(), pytest.raises(rules.NotAChoice, match="not a valid payment kind"):
        pay(kind="bribe")


def test_remove_with_a_reason(manager):
    payment = PaymentFactory()
    with nothing_written(payment), pytest.raises(rules.RequiredValueMissing):
        payment_remove(payment=payment, reason="", by=manager)
    payment_remove(payment=payment, reason="Entered twice", by=manager)
    assert not Payment.objects.exists()
    event = only_event("payment.remove")
    assert (event.before["amount"], event.note) == ("100.00", "Entered twice")
