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


def test_a_stage_not_reached_is_shown_at_the_stage():
    complaint = complaint_with()
    with pytest.raises(rules.PaymentStageNotReached) as err:
        pay(complaint=complaint, stage="3", kind="compensation")
    assert err.value.field == "stage"


def test_a_payment_for_an_enquiry_is_at_the_ombudsman_stage():
    complaint = complaint_with()
    enquiry = EnquiryFactory(complaint=complaint, lgo_reference="21 001 234")
    with nothing_written(), pytest.raises(rules.PaymentEnquiryNotAtOmbudsmanStage) as err:
        pay(complaint=complaint, stage="1", enquiry=enquiry)
    assert err.value.message == (
        "A payment for Ombudsman enquiry 21 001 234 belongs to the Ombudsman stage, not stage 1."
    )
    assert err.value.field == "stage"


def test_the_enquiry_is_the_complaints_own():
    complaint = complaint_with(reference="CSC-2021-0005")
    other = EnquiryFactory(complaint=complaint_with(), lgo_reference="21 001 999")
    with nothing_written(), pytest.raises(rules.PaymentEnquiryOtherComplaint) as err:
        pay(complaint=complaint, stage="lgo", enquiry=other)
    assert err.value.message == (
        "Ombudsman enquiry 21 001 999 is about another complaint, not CSC-2021-0005."
    )


def test_an_ombudsman_payment_on_a_complaint_with_an_enquiry_says_which():
    complaint = complaint_with(reference="CSC-2021-0005")
    EnquiryFactory(complaint=complaint)
    with nothing_written(), pytest.raises(rules.PaymentNeedsEnquiry) as err:
        pay(complaint=complaint, stage="lgo")
    assert err.value.field == "enquiry"
    assert "complaint CSC-2021-0005 has an Ombudsman enquiry" in err.value.message


def test_an_ombudsman_payment_without_an_enquiry_on_record():
    complaint = complaint_with()
    payment = pay(complaint=complaint, stage="lgo")
    assert (payment.stage, payment.enquiry) == ("lgo", None)


def test_recording_and_removing_move_the_complaint_on():
    complaint = complaint_with()
    version = complaint.version
    payment = pay(complaint=complaint)
    payment_remove(payment=payment, reason="Entered twice", by=None)
    complaint.refresh_from_db()
    assert complaint.version == version + 2
