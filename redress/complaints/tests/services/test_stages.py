import pytest

from redress.complaints.models import Extension
from redress.complaints.services import (
    stage_acknowledge,
    stage_agree_statement,
    stage_allocate,
    stage_extend,
    stage_hold,
    stage_respond,
    stage_resume,
    stage_withdraw,
)
from redress.complaints.services.stages import extension_refusal
from redress.complaints.tests.factories import AspectFactory
from redress.procedures import rules
from redress.procedures.models import StageRule
from redress.taxonomies.tests.factories import shipped_term

from .helpers import D, complaint_with, nothing_written, only_event, stage_of

pytestmark = pytest.mark.django_db

RESPONDED = {"responded_date": D("2021-04-15"), "outcome": "not_upheld"}
WITHDRAWN = {"responded_date": D("2021-04-08"), "outcome": "withdrawn"}


def stage1(**fields):
    return stage_of(complaint_with(fields), 1)


class TestAllocate:
    def test_allocates_and_audits(self, officer, responding_manager):
        stage = stage_allocate(stage=stage1(), to=responding_manager, by=officer)
        assert stage.allocated_to == responding_manager
        event = only_event("stage.allocate")
        assert (event.actor, event.before, event.after) == (
            officer,
            {"allocated_to": None},
            {"allocated_to": responding_manager.pk},
        )

    def test_a_responded_stage_cannot_be_reallocated(self, officer, responding_manager):
        stage = stage1(**RESPONDED)
        with nothing_written(stage), pytest.raises(rules.AlreadyResponded) as err:
            stage_allocate(stage=stage, to=responding_manager, by=officer)
        assert err.value.message == (
            "Stage 1 was already responded to on 15 April 2021. A complaints manager can "
            "correct it."
        )
        assert isinstance(err.value, rules.StageClosed)

    def test_a_withdrawn_stage_cannot_be_changed(self, officer, responding_manager):
        stage = stage1(**WITHDRAWN)
        with nothing_written(stage), pytest.raises(rules.StageClosed) as err:
            stage_allocate(stage=stage, to=responding_manager, by=officer)
        assert err.value.message == (
            "Stage 1 is closed (withdrawn on 8 April 2021), so it cannot be changed. A "
            "complaints manager can correct it."
        )


class TestAcknowledge:
    def test_records_the_date(self, officer):
        stage = stage_acknowledge(stage=stage1(), acknowledged_on=D("2021-04-06"), by=officer)
        assert stage.acknowledged_date == D("2021-04-06")
        event = only_event("stage.acknowledge")
        assert event.before == {"acknowledged_date": None}
        assert event.after == {"acknowledged_date": "2021-04-06"}

    def test_not_before_the_stage_was_received(self, officer):
        stage = stage1()
        with nothing_written(stage), pytest.raises(rules.DateBefore) as err:
            stage_acknowledge(stage=stage, acknowledged_on=D("2021-03-31"), by=officer)
        assert err.value.message == (
            "The acknowledgement date, 31 March 2021, is before the date stage 1 was received "
            "(1 April 2021)."
        )

    def test_not_in_the_future(self, officer):
        stage = stage1()
        with nothing_written(stage), pytest.raises(rules.DateInFuture):
            stage_acknowledge(stage=stage, acknowledged_on=D("2022-01-11"), by=officer)

    def test_only_once(self, officer):
        stage = stage1(acknowledged_date=D("2021-04-06"))
        with nothing_written(stage), pytest.raises(rules.AlreadyRecorded) as err:
            stage_acknowledge(stage=stage, acknowledged_on=D("2021-04-07"), by=officer)
        assert err.value.message == (
            "The acknowledgement of stage 1 was already recorded on 6 April 2021. A complaints "
            "manager can correct it."
        )


class TestAgreeStatement:
    def test_only_at_stage_two(self, officer):
        stage = stage1()
        with nothing_written(stage), pytest.raises(rules.StatementOnlyAtStage2) as err:
            stage_agree_statement(stage=stage, agreed_on=D("2021-04-06"), by=officer)
        assert err.value.message == (
            "A statement of complaint is agreed at stage 2 only, not stage 1."
        )

    def test_at_stage_two_notes_when_the_clock_starts_then(self, officer):
        StageRule.objects.filter(procedure__code="statutory", stage=2).update(
            clock_start="statement_agreed"
        )
        complaint = complaint_with(RESPONDED, {"received_date": D("2021-05-04")})
        stage = stage_agree_statement(
            stage=stage_of(complaint, 2), agreed_on=D("2021-05-10"), by=officer
        )
        assert stage.statement_agreed_date == D("2021-05-10")
        event = only_event("stage.agree_statement")
        assert event.after == {"statement_agreed_date": "2021-05-10"}
        assert event.note == "The stage 2 clock starts from 10 May 2021."


class TestExtend:
    def test_extends_and_moves_the_deadline(self, officer):
        stage = stage1()
        extension = stage_extend(
            stage=stage,
            extended_to_days=20,
            reason="An advocate is needed",
            agreed_on=D("2021-04-09"),
            by=officer,
        )
        assert (extension.extended_to_days, extension.agreed_by) == (20, officer)
        event = only_event("stage.extend")
        # Easter (2 and 5 April) and the early May bank holiday (3 May) are skipped.
        assert event.before == {"timescale_days": 10, "due": "2021-04-19"}
        assert event.after == {
            "timescale_days": 20,
            "due": "2021-05-04",
            "extension": extension.pk,
        }
        assert event.note == "An advocate is needed"

    def test_the_audited_deadline_includes_the_days_on_hold(self, officer):
        """On hold from Tuesday 6 to Tuesday 13 April 2021 (5 working days): every due date,
        stored, shown and audited, is 5 working days later."""
        stage = stage1()
        stage_hold(stage=stage, start_on=D("2021-04-06"), reason="Court proceedings", by=officer)
        stage_resume(stage=stage, resumed_on=D("2021-04-13"), by=officer)
        stage.refresh_from_db()
        assert (stage.held_days, stage.due_date) == (5, D("2021-04-26"))
        extension = stage_extend(
            stage=stage,
            extended_to_days=20,
            reason="An advocate is needed",
            agreed_on=D("2021-04-14"),
            by=officer,
        )
        stage.refresh_from_db()
        event = only_event("stage.extend")
        assert event.before == {"timescale_days": 10, "due": "2021-04-26"}
        assert event.after == {
            "timescale_days": 20,
            "due": "2021-05-11",
            "extension": extension.pk,
        }
        assert stage.due_date == D("2021-05-11")

    def test_not_beyond_the_maximum(self, officer):
        stage = stage1()
        with nothing_written(stage), pytest.raises(rules.ExtensionBeyondMaximum) as err:
            stage_extend(
                stage=stage,
                extended_to_days=21,
                reason="Complex",
                agreed_on=D("2021-04-09"),
                by=None,
            )
        assert err.value.message == "Stage 1 cannot be extended beyond 20 working days."
        assert err.value.code == "extension_beyond_maximum"

    def test_stage_two_may_go_to_sixty_five(self, officer):
        complaint = complaint_with(RESPONDED, {"received_date": D("2021-05-04")})
        stage = stage_of(complaint, 2)
        stage_extend(
            stage=stage, extended_to_days=65, reason="Complex", agreed_on=D("2021-05-04"), by=None
        )
        with pytest.raises(rules.ExtensionBeyondMaximum, match="beyond 65 working days"):
            stage_extend(
                stage=stage, extended_to_days=66, reason="More", agreed_on=D("2021-05-05"), by=None
            )

    def test_a_fixed_timescale_cannot_be_extended(self):
        stage = stage_of(complaint_with(code="local"), 1)
        with nothing_written(stage), pytest.raises(rules.ExtensionNotAllowed) as err:
            stage_extend(
                stage=stage,
                extended_to_days=20,
                reason="Complex",
                agreed_on=D("2021-04-09"),
                by=None,
            )
        assert err.value.message == (
            "Stage 1 of the local complaints procedure cannot be extended: its timescale is "
            "fixed at 20 working days."
        )

    def test_needs_a_reason(self):
        stage = stage1()
        with nothing_written(stage), pytest.raises(rules.ExtensionNeedsReason) as err:
            stage_extend(
                stage=stage, extended_to_days=20, reason="  ", agreed_on=D("2021-04-09"), by=None
            )
        assert err.value.message == "Give the reason the extension of stage 1 was agreed."

    def test_not_after_the_response(self):
        stage = stage1(**RESPONDED)
        with nothing_written(stage), pytest.raises(rules.ExtensionAfterResponse) as err:
            stage_extend(
                stage=stage, extended_to_days=20, reason="Late", agreed_on=D("2021-04-09"), by=None
            )
        assert err.value.message == (
            "Stage 1 was responded to on 15 April 2021, so its deadline can no longer be extended."
        )

    def test_not_on_a_withdrawn_stage(self):
        stage = stage1(**WITHDRAWN)
        with nothing_written(stage), pytest.raises(rules.StageClosed):
            stage_extend(
                stage=stage, extended_to_days=20, reason="Late", agreed_on=D("2021-04-07"), by=None
            )

    def test_must_lengthen_the_current_timescale(self):
        stage = stage1()
        stage_extend(
            stage=stage, extended_to_days=15, reason="Complex", agreed_on=D("2021-04-09"), by=None
        )
        with nothing_written(stage), pytest.raises(rules.ExtensionNotLonger) as err:
            stage_extend(
                stage=stage, extended_to_days=12, reason="Less", agreed_on=D("2021-04-12"), by=None
            )
        assert err.value.message == (
            "An extension must be longer than the current timescale of 15 working days."
        )
        assert Extension.objects.count() == 1

    def test_the_refusal_says_why_no_extension_could_be_recorded_at_all(self):
        """What the extend page shows instead of a form: the rule the service would apply."""
        assert extension_refusal(stage1()) is None
        local = stage_of(complaint_with(code="local"), 1)
        assert isinstance(extension_refusal(local), rules.ExtensionNotAllowed)
        assert isinstance(extension_refusal(stage1(**RESPONDED)), rules.ExtensionAfterResponse)
        assert isinstance(extension_refusal(stage1(**WITHDRAWN)), rules.StageClosed)
        at_most = stage1()
        stage_extend(
            stage=at_most, extended_to_days=20, reason="Complex", agreed_on=D("2021-04-09"), by=None
        )
        refusal = extension_refusal(at_most)
        assert isinstance(refusal, rules.ExtensionBeyondMaximum)
        assert refusal.message == "Stage 1 cannot be extended beyond 20 working days."


class TestRespond:
    def test_records_response_outcome_and_findings(self, officer, responding_manager):
        stage = stage1()
        upheld = AspectFactory(stage=stage)
        not_upheld = AspectFactory(stage=stage, category=shipped_term("Delay"), subcategory=None)
        stage = stage_respond(
            stage=stage,
            responded_on=D("2021-04-15"),
            outcome="partially_upheld",
            by=officer,
            responded_by=responding_manager,
            findings={upheld.pk: "upheld", not_upheld.pk: "not_upheld"},
        )
        assert (stage.responded_date, stage.outcome) == (D("2021-04-15"), "partially_upheld")
        assert stage.responded_by == responding_manager
        upheld.refresh_from_db()
        not_upheld.refresh_from_db()
        assert (upheld.finding, not_upheld.finding) == ("upheld", "not_upheld")
        event = only_event("stage.respond")
        assert event.actor == officer
        assert event.before == {
            "responded_date": None,
            "outcome": "",
            "responded_by": None,
            "findings": {str(upheld.pk): "", str(not_upheld.pk): ""},
        }
        assert event.after == {
            "responded_date": "2021-04-15",
            "outcome": "partially_upheld",
            "responded_by": responding_manager.pk,
            "findings": {str(upheld.pk): "upheld", str(not_upheld.pk): "not_upheld"},
        }

    def test_the_recorder_responded_unless_said_otherwise(self, responding_manager):
        stage = stage_respond(
            stage=stage1(), responded_on=D("2021-04-15"), outcome="upheld", by=responding_manager
        )
        assert stage.responded_by == responding_manager

    def test_only_once(self, officer):
        stage = stage1(**RESPONDED)
        with nothing_written(stage), pytest.raises(rules.AlreadyResponded):
            stage_respond(stage=stage, responded_on=D("2021-04-16"), outcome="upheld", by=officer)

    def test_not_before_it_was_received(self, officer):
        stage = stage1()
        with nothing_written(stage), pytest.raises(rules.ResponseBeforeReceived) as err:
            stage_respond(stage=stage, responded_on=D("2021-03-30"), outcome="upheld", by=officer)
        assert err.value.message == (
            "The response date, 30 March 2021, is before stage 1 was received (1 April 2021)."
        )

    def test_stage_two_not_before_its_adjudication(self, officer):
        complaint = complaint_with(
            RESPONDED,
            {
                "received_date": D("2021-05-04"),
                "io_report_date": D("2021-06-01"),
                "adjudication_date": D("2021-06-10"),
            },
        )
        stage = stage_of(complaint, 2)
        with nothing_written(stage), pytest.raises(rules.ResponseBeforeAdjudication) as err:
            stage_respond(stage=stage, responded_on=D("2021-06-09"), outcome="upheld", by=officer)
        assert err.value.message == (
            "The response date, 9 June 2021, is before the adjudication on the investigation "
            "(10 June 2021). The stage 2 response comes on or after the adjudication."
        )
        assert err.value.field == "responded_on"
        # On the day of the adjudication, or after it, is fine.
        stage = stage_respond(
            stage=stage, responded_on=D("2021-06-10"), outcome="upheld", by=officer
        )
        assert stage.responded_date == D("2021-06-10")

    def test_withdrawal_is_not_a_response(self, officer):
        stage = stage1()
        with nothing_written(stage), pytest.raises(rules.OutcomeNotForResponse) as err:
            stage_respond(
                stage=stage, responded_on=D("2021-04-15"), outcome="withdrawn", by=officer
            )
        assert err.value.message == (
            "A response cannot record the outcome 'withdrawn'. Choose one of: upheld, "
            "partially_upheld, not_upheld, inconclusive, outside_jurisdiction."
        )

    def test_findings_only_on_this_stages_reasons(self, officer):
        complaint = complaint_with(RESPONDED, {"received_date": D("2021-05-04")})
        earlier = AspectFactory(stage=stage_of(complaint, 1))
        stage = stage_of(complaint, 2)
        with nothing_written(stage, earlier), pytest.raises(rules.FindingOnOtherStage) as err:
            stage_respond(
                stage=stage,
                responded_on=D("2021-06-01"),
                outcome="upheld",
                by=officer,
                findings={earlier.pk: "upheld"},
            )
        assert err.value.message == (
            "That reason belongs to stage 1; findings recorded with the stage 2 response must be "
            "on its own reasons."
        )

    def test_a_finding_must_be_a_finding(self, officer):
        stage = stage1()
        aspect = AspectFactory(stage=stage)
        with nothing_written(stage, aspect), pytest.raises(rules.NotAChoice, match="finding"):
            stage_respond(
                stage=stage,
                responded_on=D("2021-04-15"),
                outcome="upheld",
                by=officer,
                findings={aspect.pk: "inconclusive"},
            )


class TestWithdraw:
    def test_closes_the_stage_as_withdrawn(self, officer):
        stage = stage_withdraw(
            stage=stage1(), withdrawn_on=D("2021-04-08"), reason="Resolved informally", by=officer
        )
        assert (stage.outcome, stage.responded_date, stage.is_open) == (
            "withdrawn",
            D("2021-04-08"),
            False,
        )
        assert stage.closed_reason == "Resolved informally"
        event = only_event("stage.withdraw")
        assert event.after == {
            "responded_date": "2021-04-08",
            "outcome": "withdrawn",
            "closed_reason": "Resolved informally",
        }

    def test_needs_a_reason(self, officer):
        stage = stage1()
        with nothing_written(stage), pytest.raises(rules.RequiredValueMissing) as err:
            stage_withdraw(stage=stage, withdrawn_on=D("2021-04-08"), reason="", by=officer)
        assert err.value.message == "Enter the reason the complaint was withdrawn."

    def test_a_responded_stage_cannot_be_withdrawn(self, officer):
        stage = stage1(**RESPONDED)
        with nothing_written(stage), pytest.raises(rules.AlreadyResponded):
            stage_withdraw(stage=stage, withdrawn_on=D("2021-04-20"), reason="Late", by=officer)
