import pytest

from redress.complaints.services import complaint_escalate, complaint_transfer_procedure
from redress.complaints.tests.factories import ExtensionFactory
from redress.organisations.tests.factories import OrganisationFactory
from redress.procedures import rules
from redress.procedures.models import ClosureDay, Procedure, StageRule

from .helpers import D, complaint_with, nothing_written, only_event, procedure, stage_of

pytestmark = pytest.mark.django_db

# Responded on Thursday 1 April 2021: the 20 working days to ask for stage 2 skip Easter and
# the early May bank holiday, so the last day is Tuesday 4 May.
RESPONDED = {"received_date": D("2021-03-18"), "responded_date": D("2021-04-01")}
RESPONDED_OUTCOME = {**RESPONDED, "outcome": "not_upheld"}


class TestEscalate:
    def test_opens_the_next_stage(self, officer):
        council = OrganisationFactory(name="Sandwell Council")
        complaint = complaint_with(RESPONDED_OUTCOME)
        stage = complaint_escalate(
            complaint=complaint, requested_on=D("2021-05-04"), by=officer, organisation=council
        )
        assert (stage.number, stage.received_date, stage.organisation) == (
            2,
            D("2021-05-04"),
            council,
        )
        event = only_event("complaint.escalate")
        assert event.actor == officer
        assert event.complaint == complaint
        assert event.before == {"stage": 1}
        assert event.after["number"] == 2
        assert event.after["received_date"] == "2021-05-04"
        assert event.note == ""

    def test_no_stage_two_before_the_stage_one_response(self):
        complaint = complaint_with({"received_date": D("2021-03-18")})
        with nothing_written(complaint), pytest.raises(rules.PreviousStageNotCompleted) as err:
            complaint_escalate(complaint=complaint, requested_on=D("2021-04-01"), by=None)
        assert err.value.message == "Stage 2 cannot start until stage 1 has been responded to."

    def test_no_stage_three_without_a_completed_stage_two(self):
        complaint = complaint_with(RESPONDED_OUTCOME, {"received_date": D("2021-04-20")})
        with nothing_written(complaint), pytest.raises(rules.PreviousStageNotCompleted) as err:
            complaint_escalate(complaint=complaint, requested_on=D("2021-06-01"), by=None)
        assert err.value.message == "Stage 3 cannot start until stage 2 has been responded to."

    @pytest.mark.parametrize(
        ("outcome", "shown"),
        [("withdrawn", "withdrawn"), ("outside_jurisdiction", "outside jurisdiction")],
    )
    def test_nothing_escalates_from_a_stage_that_ended_the_complaint(self, outcome, shown):
        complaint = complaint_with({**RESPONDED, "outcome": outcome})
        with nothing_written(complaint), pytest.raises(rules.EscalationFromClosedStage) as err:
            complaint_escalate(complaint=complaint, requested_on=D("2021-04-06"), by=None)
        assert err.value.message == (
            f"Stage 1 ended as {shown}, so the complaint cannot go on to stage 2."
        )

    def test_the_local_procedure_has_no_stage_three(self):
        complaint = complaint_with(
            RESPONDED_OUTCOME,
            {"received_date": D("2021-04-20"), "responded_date": D("2021-05-20")},
            code="local",
        )
        with nothing_written(complaint), pytest.raises(rules.NoSuchStage) as err:
            complaint_escalate(complaint=complaint, requested_on=D("2021-05-21"), by=None)
        assert err.value.message == "The local complaints procedure has no stage 3."

    def test_not_before_the_response(self):
        complaint = complaint_with(RESPONDED_OUTCOME)
        with nothing_written(complaint), pytest.raises(rules.EscalationBeforeResponse) as err:
            complaint_escalate(complaint=complaint, requested_on=D("2021-03-31"), by=None)
        assert err.value.message == (
            "The request for stage 2 (31 March 2021) is before the stage 1 response (1 April 2021)."
        )

    def test_a_late_request_needs_a_reason(self):
        complaint = complaint_with(RESPONDED_OUTCOME)
        with nothing_written(complaint), pytest.raises(rules.EscalationTooLate) as err:
            complaint_escalate(complaint=complaint, requested_on=D("2021-05-05"), by=None)
        assert err.value.message == (
            "The request for stage 2 came on 5 May 2021, after the 20 working days allowed from "
            "the stage 1 response (the last day was 4 May 2021). Give the reason for accepting "
            "it late."
        )
        assert err.value.field == "late_reason"

    def test_a_late_request_is_accepted_with_its_reason(self, officer):
        complaint = complaint_with(RESPONDED_OUTCOME)
        complaint_escalate(
            complaint=complaint,
            requested_on=D("2021-05-05"),
            by=officer,
            late_reason="Complainant was in hospital",
        )
        assert only_event("complaint.escalate").note == (
            "Accepted after the request window closed on 4 May 2021: Complainant was in hospital"
        )

    def test_the_window_counts_closure_days(self):
        ClosureDay.objects.create(date=D("2021-04-20"), reason="Staff training day")
        complaint = complaint_with(RESPONDED_OUTCOME)
        stage = complaint_escalate(complaint=complaint, requested_on=D("2021-05-05"), by=None)
        assert stage.number == 2
        assert only_event("complaint.escalate").note == ""

    def test_the_window_comes_from_the_stage_rule(self):
        StageRule.objects.filter(procedure__code="statutory", stage=1).update(
            next_stage_request_days=5
        )
        complaint = complaint_with(RESPONDED_OUTCOME)
        with pytest.raises(rules.EscalationTooLate, match="after the 5 working days"):
            complaint_escalate(complaint=complaint, requested_on=D("2021-04-13"), by=None)

    def test_the_same_stage_cannot_open_twice(self):
        complaint = complaint_with(RESPONDED_OUTCOME)
        complaint_escalate(complaint=complaint, requested_on=D("2021-04-06"), by=None)
        with pytest.raises(rules.PreviousStageNotCompleted, match="Stage 3"):
            complaint_escalate(complaint=complaint, requested_on=D("2021-04-06"), by=None)
        assert complaint.stages.count() == 2


class TestTransferProcedure:
    def test_moves_an_open_stage_one_to_the_local_procedure(self, officer):
        complaint = complaint_with({"received_date": D("2021-04-01")})
        complaint = complaint_transfer_procedure(
            complaint=complaint, procedure=procedure("local"), reason="Adult services", by=officer
        )
        assert complaint.procedure.code == "local"
        event = only_event("complaint.transfer_procedure")
        assert event.before == {"procedure": procedure("statutory").pk}
        assert event.after == {"procedure": procedure("local").pk}
        assert event.note == "Adult services"

    def test_not_after_the_response(self):
        complaint = complaint_with(RESPONDED_OUTCOME, reference="CSC-2021-0042")
        with nothing_written(complaint), pytest.raises(rules.TransferNotAllowed) as err:
            complaint_transfer_procedure(
                complaint=complaint, procedure=procedure("local"), reason="Late", by=None
            )
        assert err.value.message == (
            "A complaint can move to the local complaints procedure only at stage 1, before the "
            "response; CSC-2021-0042 is at stage 1, which was responded to on 1 April 2021."
        )

    def test_not_at_stage_two(self):
        complaint = complaint_with(
            RESPONDED_OUTCOME, {"received_date": D("2021-04-06")}, reference="CSC-2021-0043"
        )
        with nothing_written(complaint), pytest.raises(rules.TransferNotAllowed) as err:
            complaint_transfer_procedure(
                complaint=complaint, procedure=procedure("local"), reason="Late", by=None
            )
        assert err.value.message.endswith("CSC-2021-0043 is at stage 2.")

    def test_already_under_it(self):
        complaint = complaint_with(code="local", reference="CSC-2021-0044")
        with nothing_written(complaint), pytest.raises(rules.AlreadyUnderProcedure) as err:
            complaint_transfer_procedure(
                complaint=complaint, procedure=procedure("local"), reason="Why", by=None
            )
        assert err.value.message == (
            "Complaint CSC-2021-0044 is already under the local complaints procedure."
        )

    def test_needs_a_reason(self):
        complaint = complaint_with()
        with nothing_written(complaint), pytest.raises(rules.RequiredValueMissing):
            complaint_transfer_procedure(
                complaint=complaint, procedure=procedure("local"), reason=" ", by=None
            )

    def test_an_agreed_extension_must_fit_the_new_procedure(self):
        short = Procedure.objects.create(code="short", name="Short procedure")
        StageRule.objects.create(
            procedure=short, stage=1, name="Quick", timescale_days=5, max_days=15
        )
        complaint = complaint_with()
        ExtensionFactory(stage=stage_of(complaint, 1), extended_to_days=20)
        with nothing_written(complaint), pytest.raises(rules.ExtensionBeyondMaximum) as err:
            complaint_transfer_procedure(complaint=complaint, procedure=short, reason="R", by=None)
        assert err.value.message == "Stage 1 cannot be extended beyond 15 working days."
