import pytest

from redress.complaints.services import mediation_hold, mediation_offer, mediation_record_outcome
from redress.complaints.tests.factories import MediationFactory
from redress.procedures import rules

from .helpers import D, complaint_with, nothing_written, only_event, stage_of

pytestmark = pytest.mark.django_db

S1 = {"received_date": D("2021-03-18"), "responded_date": D("2021-04-01"), "outcome": "upheld"}


@pytest.fixture
def complaint():
    return complaint_with(S1, reference="CSC-2021-0007")


class TestOffer:
    def test_after_the_latest_response(self, officer, complaint):
        mediation = mediation_offer(
            complaint=complaint, offered_on=D("2021-04-06"), mediator="Kim", by=officer
        )
        assert (mediation.after_stage, mediation.offered_date, mediation.outcome) == (
            1,
            D("2021-04-06"),
            "",
        )
        event = only_event("mediation.offer")
        assert event.after["offered_date"] == "2021-04-06"
        assert event.complaint == complaint

    def test_not_before_a_response(self):
        complaint = complaint_with(reference="CSC-2021-0008")
        with nothing_written(complaint), pytest.raises(rules.MediationBeforeResponse) as err:
            mediation_offer(complaint=complaint, offered_on=D("2021-04-06"), by=None)
        assert err.value.message == (
            "Mediation is offered once stage 1 has been responded to; CSC-2021-0008 has no "
            "stage 1 response."
        )

    def test_not_before_the_response_date(self, complaint):
        with nothing_written(complaint), pytest.raises(rules.MediationBeforeResponse) as err:
            mediation_offer(complaint=complaint, offered_on=D("2021-03-31"), by=None)
        assert err.value.message.endswith("has no stage 1 response by 31 March 2021.")

    def test_after_a_stage_it_has_not_reached(self, complaint):
        with nothing_written(complaint), pytest.raises(rules.StageNotReached) as err:
            mediation_offer(complaint=complaint, offered_on=D("2021-04-06"), after_stage=2, by=None)
        assert err.value.message == "Complaint CSC-2021-0007 has no stage 2."

    def test_one_pending_at_a_time(self, complaint):
        mediation_offer(complaint=complaint, offered_on=D("2021-04-06"), by=None)
        with nothing_written(complaint), pytest.raises(rules.MediationAlreadyPending) as err:
            mediation_offer(complaint=complaint, offered_on=D("2021-04-07"), by=None)
        assert err.value.message == (
            "Complaint CSC-2021-0007 already has a mediation offered on 6 April 2021 with no "
            "outcome."
        )


class TestHoldAndOutcome:
    def test_held_then_resolved(self, officer, complaint):
        mediation = MediationFactory(complaint=complaint, offered_date=D("2021-04-06"))
        mediation = mediation_hold(
            mediation=mediation, held_on=D("2021-04-20"), mediator="Kim", by=officer
        )
        assert (mediation.held_date, mediation.mediator) == (D("2021-04-20"), "Kim")
        assert only_event("mediation.hold").before["held_date"] is None
        mediation = mediation_record_outcome(mediation=mediation, outcome="resolved", by=officer)
        event = only_event("mediation.record_outcome")
        assert (event.before["outcome"], event.after["outcome"]) == ("", "resolved")

    def test_not_held_before_it_was_offered(self, complaint):
        mediation = MediationFactory(complaint=complaint, offered_date=D("2021-04-06"))
        with nothing_written(mediation), pytest.raises(rules.DateBefore) as err:
            mediation_hold(mediation=mediation, held_on=D("2021-04-05"), by=None)
        assert err.value.message == (
            "The mediation held date, 5 April 2021, is before the date mediation was offered "
            "(6 April 2021)."
        )

    def test_a_declined_mediation_was_not_held(self, complaint):
        mediation = MediationFactory(complaint=complaint, outcome="declined")
        with nothing_written(mediation), pytest.raises(rules.MediationDeclined):
            mediation_hold(mediation=mediation, held_on=D("2021-07-05"), by=None)

    def test_resolved_only_when_held(self, complaint):
        mediation = MediationFactory(complaint=complaint)
        with nothing_written(mediation), pytest.raises(rules.MediationNotHeld) as err:
            mediation_record_outcome(mediation=mediation, outcome="resolved", by=None)
        assert err.value.message == (
            "Record when the mediation was held before recording that it resolved the complaint."
        )

    def test_declined_only_when_not_held(self, complaint):
        mediation = MediationFactory(complaint=complaint, held_date=D("2021-07-05"))
        with nothing_written(mediation), pytest.raises(rules.MediationAlreadyHeld):
            mediation_record_outcome(mediation=mediation, outcome="declined", by=None)

    def test_a_paused_mediation_can_have_another_outcome_but_not_a_final_one(self, complaint):
        mediation = MediationFactory(complaint=complaint, outcome="paused")
        mediation = mediation_record_outcome(mediation=mediation, outcome="declined", by=None)
        with nothing_written(mediation), pytest.raises(rules.MediationOutcomeRecorded) as err:
            mediation_record_outcome(mediation=mediation, outcome="escalated", by=None)
        assert err.value.message == (
            "The mediation's outcome is already recorded as 'declined'; only a paused mediation "
            "can have another."
        )

    def test_escalated_opens_the_next_stage(self, officer, complaint):
        mediation = MediationFactory(complaint=complaint, held_date=D("2021-04-20"))
        mediation_record_outcome(
            mediation=mediation,
            outcome="escalated",
            escalation_requested_on=D("2021-04-21"),
            by=officer,
        )
        assert stage_of(complaint, 2).received_date == D("2021-04-21")
        assert only_event("complaint.escalate").actor == officer

    def test_a_failed_escalation_records_no_outcome(self):
        complaint = complaint_with({**S1, "outcome": "withdrawn"})
        mediation = MediationFactory(complaint=complaint, held_date=D("2021-04-20"))
        with nothing_written(mediation), pytest.raises(rules.EscalationFromClosedStage):
            mediation_record_outcome(
                mediation=mediation,
                outcome="escalated",
                escalation_requested_on=D("2021-04-21"),
                by=None,
            )
