from decimal import Decimal

import pytest

from redress.complaints.models import Payment
from redress.complaints.tests.factories import ComplaintFactory
from redress.complaints.tests.services.helpers import D, frozen_today, nothing_written, only_event
from redress.ombudsman.models import Enquiry
from redress.ombudsman.services import (
    enquiry_change_organisation,
    enquiry_decide,
    enquiry_record,
    enquiry_record_response,
    remedy_add,
    remedy_complete,
)
from redress.ombudsman.tests.factories import EnquiryFactory, RemedyFactory
from redress.organisations.tests.factories import OrganisationFactory
from redress.procedures import rules

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with frozen_today():
        yield


def decided(decision="fault_found", **kwargs):
    return EnquiryFactory(
        lgo_reference="21 001 234",
        decision=decision,
        decision_date=D("2021-10-01"),
        complaint=ComplaintFactory(),
        **kwargs,
    )


class TestEnquiryRecord:
    def test_records_an_enquiry(self, officer):
        complaint = ComplaintFactory()
        enquiry = enquiry_record(
            lgo_reference=" 21 001 234 ",
            received_on=D("2021-08-02"),
            complaint=complaint,
            by=officer,
        )
        assert enquiry.lgo_reference == "21 001 234"
        event = only_event("enquiry.record")
        assert (event.actor, event.complaint) == (officer, complaint)
        assert event.after["received_date"] == "2021-08-02"

    def test_the_ombudsmans_reference_is_unique(self):
        EnquiryFactory(lgo_reference="21 001 234")
        with nothing_written(), pytest.raises(rules.ReferenceTaken) as err:
            enquiry_record(lgo_reference="21 001 234", received_on=D("2021-08-02"), by=None)
        assert err.value.message == (
            "There is already an Ombudsman enquiry with the reference 21 001 234."
        )
        assert Enquiry.objects.count() == 1

    def test_not_in_the_future(self):
        with pytest.raises(rules.DateInFuture):
            enquiry_record(lgo_reference="21 001 235", received_on=D("2022-02-01"), by=None)
        assert not Enquiry.objects.exists()

    def test_records_when_our_response_is_due_and_moves_the_complaint_on(self, officer):
        complaint = ComplaintFactory()
        version = complaint.version
        enquiry = enquiry_record(
            lgo_reference="21 001 240",
            received_on=D("2021-08-02"),
            response_due_on=D("2021-08-30"),
            summary=" Delay in a stage 2 investigation ",
            complaint=complaint,
            by=officer,
        )
        assert (enquiry.response_due_date, enquiry.summary) == (
            D("2021-08-30"),
            "Delay in a stage 2 investigation",
        )
        assert only_event("enquiry.record").after["response_due_date"] == "2021-08-30"
        complaint.refresh_from_db()
        assert complaint.version == version + 1

    def test_a_taken_reference_is_shown_at_the_reference(self):
        EnquiryFactory(lgo_reference="21 001 234")
        with pytest.raises(rules.EnquiryReferenceTaken) as err:
            enquiry_record(lgo_reference="21 001 234", received_on=D("2021-08-02"), by=None)
        assert err.value.field == "lgo_reference"

    def test_the_response_is_not_due_before_the_enquiry(self):
        with nothing_written(), pytest.raises(rules.EnquiryResponseDueBeforeReceived) as err:
            enquiry_record(
                lgo_reference="21 001 241",
                received_on=D("2021-08-02"),
                response_due_on=D("2021-08-01"),
                by=None,
            )
        assert err.value.message == (
            "The date our response is due, 1 August 2021, is before the enquiry was received "
            "(2 August 2021)."
        )
        assert err.value.field == "response_due_on"
        assert not Enquiry.objects.exists()


class TestResponse:
    def test_records_the_day_our_response_was_sent(self, officer):
        complaint = ComplaintFactory()
        enquiry = EnquiryFactory(complaint=complaint, response_due_date=D("2021-08-30"))
        version = complaint.version
        enquiry = enquiry_record_response(enquiry=enquiry, sent_on=D("2021-08-27"), by=officer)
        assert enquiry.response_sent_date == D("2021-08-27")
        event = only_event("enquiry.record_response")
        assert (event.actor, event.complaint) == (officer, complaint)
        assert (event.before, event.after) == (
            {"response_sent_date": None},
            {"response_sent_date": "2021-08-27"},
        )
        complaint.refresh_from_db()
        assert complaint.version == version + 1

    def test_an_enquiry_without_a_complaint(self):
        enquiry = enquiry_record_response(
            enquiry=EnquiryFactory(), sent_on=D("2021-08-27"), by=None
        )
        assert enquiry.response_sent_date == D("2021-08-27")

    def test_once(self):
        enquiry = EnquiryFactory(response_sent_date=D("2021-08-27"))
        with nothing_written(enquiry), pytest.raises(rules.AlreadyRecorded) as err:
            enquiry_record_response(enquiry=enquiry, sent_on=D("2021-08-28"), by=None)
        assert err.value.message == (
            "The response to the Ombudsman was already recorded on 27 August 2021. A "
            "complaints manager can correct it."
        )

    def test_not_before_the_enquiry(self):
        enquiry = EnquiryFactory(received_date=D("2021-08-02"))
        with nothing_written(enquiry), pytest.raises(rules.EnquiryResponseBeforeReceived) as err:
            enquiry_record_response(enquiry=enquiry, sent_on=D("2021-08-01"), by=None)
        assert err.value.message == (
            "The date our response was sent, 1 August 2021, is before the enquiry was "
            "received (2 August 2021)."
        )

    def test_not_in_the_future(self):
        enquiry = EnquiryFactory()
        with nothing_written(enquiry), pytest.raises(rules.DateInFuture):
            enquiry_record_response(enquiry=enquiry, sent_on=D("2022-01-11"), by=None)


class TestDecide:
    def test_records_the_decision(self, officer):
        enquiry = EnquiryFactory()
        enquiry = enquiry_decide(
            enquiry=enquiry,
            decision="fault_found",
            decided_on=D("2021-10-01"),
            recommendations="Apologise and pay £300",
            remedy_due_on=D("2021-11-01"),
            by=officer,
        )
        assert (enquiry.decision, enquiry.remedy_due_date) == ("fault_found", D("2021-11-01"))
        event = only_event("enquiry.decide")
        assert (event.before["decision"], event.after["decision"]) == ("", "fault_found")

    def test_once(self):
        enquiry = decided()
        with nothing_written(enquiry), pytest.raises(rules.AlreadyRecorded) as err:
            enquiry_decide(
                enquiry=enquiry, decision="no_fault", decided_on=D("2021-10-02"), by=None
            )
        assert err.value.message == (
            "The Ombudsman's decision was already recorded on 1 October 2021. A complaints "
            "manager can correct it."
        )

    def test_not_before_the_enquiry(self):
        enquiry = EnquiryFactory(received_date=D("2021-08-02"))
        with nothing_written(enquiry), pytest.raises(rules.DateBefore):
            enquiry_decide(
                enquiry=enquiry, decision="no_fault", decided_on=D("2021-08-01"), by=None
            )

    def test_remedies_not_due_before_the_decision(self):
        enquiry = EnquiryFactory()
        with nothing_written(enquiry), pytest.raises(rules.RemedyDueBeforeDecision) as err:
            enquiry_decide(
                enquiry=enquiry,
                decision="fault_found",
                decided_on=D("2021-10-01"),
                remedy_due_on=D("2021-09-30"),
                by=None,
            )
        assert err.value.message == (
            "The remedies cannot be due on 30 September 2021, before the decision (1 October 2021)."
        )
        assert err.value.field == "remedy_due_on"

    def test_the_decision_moves_the_complaint_on(self):
        complaint = ComplaintFactory()
        enquiry = EnquiryFactory(complaint=complaint)
        version = complaint.version
        enquiry_decide(enquiry=enquiry, decision="fault_found", decided_on=D("2021-10-01"), by=None)
        remedy = remedy_add(enquiry=enquiry, kind="apology", by=None)
        remedy_complete(remedy=remedy, completed_on=D("2021-10-05"), evidence="Sent", by=None)
        complaint.refresh_from_db()
        # decided, remedy added, remedy complied with: each a change the complaint's forms see
        assert complaint.version == version + 3

    def test_a_known_decision(self):
        enquiry = EnquiryFactory()
        with nothing_written(enquiry), pytest.raises(rules.NotAChoice, match="Ombudsman decision"):
            enquiry_decide(enquiry=enquiry, decision="upheld", decided_on=D("2021-10-01"), by=None)

    def test_no_remedy_date_without_fault(self):
        enquiry = EnquiryFactory(lgo_reference="21 001 236")
        with nothing_written(enquiry), pytest.raises(rules.RemedyNotExpected) as err:
            enquiry_decide(
                enquiry=enquiry,
                decision="no_fault",
                decided_on=D("2021-10-01"),
                remedy_due_on=D("2021-11-01"),
                by=None,
            )
        assert err.value.message == (
            "The Ombudsman decided 21 001 236 as 'Investigated: no fault', which asks for no "
            "remedy."
        )


class TestRemedies:
    def test_add_takes_the_enquiry_due_date(self, officer):
        enquiry = decided(remedy_due_date=D("2021-11-01"))
        remedy = remedy_add(enquiry=enquiry, kind="apology", by=officer)
        assert remedy.due_date == D("2021-11-01")
        assert only_event("remedy.add").after["kind"] == "apology"

    def test_not_before_the_decision(self):
        enquiry = EnquiryFactory(lgo_reference="21 001 237")
        with nothing_written(enquiry), pytest.raises(rules.RemedyBeforeDecision) as err:
            remedy_add(enquiry=enquiry, kind="apology", by=None)
        assert (
            err.value.message
            == "Record the Ombudsman's decision on 21 001 237 before its remedies."
        )

    def test_not_after_no_fault(self):
        enquiry = decided("no_fault")
        with nothing_written(enquiry), pytest.raises(rules.RemedyNotExpected):
            remedy_add(enquiry=enquiry, kind="apology", by=None)

    def test_complete_with_evidence_and_payment(self, officer):
        enquiry = decided()
        apology = RemedyFactory(enquiry=enquiry, kind="apology")
        payment = RemedyFactory(enquiry=enquiry, kind="payment")
        remedy_complete(
            remedy=apology, completed_on=D("2021-10-10"), evidence="Letter sent", by=officer
        )
        enquiry.refresh_from_db()
        assert enquiry.remedy_completed_date is None
        remedy_complete(
            remedy=payment,
            completed_on=D("2021-10-20"),
            evidence="BACS ref 123",
            amount_paid="300",
            by=officer,
        )
        paid = Payment.objects.get()
        assert (paid.stage, paid.kind, paid.amount, paid.enquiry, paid.complaint) == (
            "lgo",
            "compensation",
            Decimal("300.00"),
            enquiry,
            enquiry.complaint,
        )
        enquiry.refresh_from_db()
        assert enquiry.remedy_completed_date == D("2021-10-20")
        event = only_event("enquiry.remedies_complete")
        assert event.after == {"remedy_completed_date": "2021-10-20"}

    def test_completion_needs_evidence(self):
        remedy = RemedyFactory(enquiry=decided())
        with nothing_written(remedy), pytest.raises(rules.RequiredValueMissing) as err:
            remedy_complete(remedy=remedy, completed_on=D("2021-10-10"), evidence="", by=None)
        assert err.value.message == "Enter the evidence the remedy was complied with."

    def test_a_bad_payment_undoes_the_completion(self):
        remedy = RemedyFactory(enquiry=decided(), kind="payment")
        with nothing_written(remedy), pytest.raises(rules.AmountNotValid):
            remedy_complete(
                remedy=remedy,
                completed_on=D("2021-10-10"),
                evidence="Paid",
                amount_paid="-1",
                by=None,
            )


class TestEnquiryOrganisation:
    def test_recorded_with_the_enquiry(self, officer):
        council = OrganisationFactory(name="Sandwell Council")
        enquiry = enquiry_record(
            lgo_reference="21 001 250", received_on=D("2021-08-02"), organisation=council, by=None
        )
        assert enquiry.organisation == council
        assert only_event("enquiry.record").after["organisation"] == council.pk

    def test_changed_audited_and_the_complaint_moves_on(self, officer):
        trust, council = OrganisationFactory(name="Trust"), OrganisationFactory(name="Council")
        enquiry = EnquiryFactory(complaint=ComplaintFactory(), organisation=trust)
        version = enquiry.complaint.version
        enquiry_change_organisation(enquiry=enquiry, organisation=council, by=officer)
        enquiry.refresh_from_db()
        assert enquiry.organisation == council
        event = only_event("enquiry.change_organisation")
        assert (event.actor, event.complaint) == (officer, enquiry.complaint)
        assert (event.before, event.after) == (
            {"organisation": trust.pk},
            {"organisation": council.pk},
        )
        enquiry.complaint.refresh_from_db()
        assert enquiry.complaint.version == version + 1
        enquiry_change_organisation(enquiry=enquiry, organisation=None, by=officer)
        enquiry.refresh_from_db()
        assert enquiry.organisation is None

    def test_no_change_is_refused(self, officer):
        trust = OrganisationFactory(name="Trust")
        enquiry = EnquiryFactory(organisation=trust)
        with (
            nothing_written(enquiry),
            pytest.raises(rules.OrganisationAlreadyRecorded, match="Trust is already recorded"),
        ):
            enquiry_change_organisation(enquiry=enquiry, organisation=trust, by=officer)
        unrecorded = EnquiryFactory(organisation=None)
        with (
            nothing_written(unrecorded),
            pytest.raises(rules.OrganisationAlreadyNotRecorded, match="No organisation is"),
        ):
            enquiry_change_organisation(enquiry=unrecorded, organisation=None, by=officer)
