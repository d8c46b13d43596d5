"""The rules a change of state can break, as named classes.

Each class's docstring is the message a user sees: a template filled in from the context the
service passes (`ExtensionBeyondMaximum(stage=1, max_days=20)`). Dates in the context are shown
the GOV.UK way. A form can attach the message to the input named by `field`; an API can use
`code`.
"""

from __future__ import annotations

import datetime
import inspect
import re
import string
from typing import Any, ClassVar

from redress.core.presenters import govuk_date

# Regulation 19 of the 2006 Regulations: a review panel is three people, one of them its chair.
PANEL_SIZE = 3


class RuleViolation(Exception):  # noqa: N818 (the name the services and views know)
    """This change breaks a rule of the procedure."""

    code: ClassVar[str] = "rule_violation"
    field: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__doc__" not in cls.__dict__ or not (cls.__doc__ or "").strip():
            raise TypeError(f"{cls.__name__} needs a docstring: it is the user-facing message.")
        cls.code = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()

    def __init__(self, **context: Any) -> None:
        missing = self.placeholders() - context.keys()
        if missing:
            raise TypeError(f"{type(self).__name__} needs {', '.join(sorted(missing))}.")
        self.context = context
        self.message = self.template().format(
            **{key: _show(value) for key, value in context.items()}
        )
        super().__init__(self.message)

    @classmethod
    def template(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "").replace("\n", " ")

    @classmethod
    def placeholders(cls) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(cls.template()) if name}


def _show(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return govuk_date(value)
    return value


# -- values ------------------------------------------------------------------------------------


class NotAChoice(RuleViolation):
    """'{value}' is not a valid {what}. Choose one of: {choices}."""


class RequiredValueMissing(RuleViolation):
    """Enter the {what}."""


class DateInFuture(RuleViolation):
    """The {what} date, {date}, is in the future."""


class DateBefore(RuleViolation):
    """The {what} date, {date}, is before the {earlier} ({earlier_date})."""


class AmountNotValid(RuleViolation):
    """'{amount}' is not a valid amount: enter pounds and pence above zero, e.g. 250.00."""

    field = "amount"


class ReferenceTaken(RuleViolation):
    """There is already {what} with the reference {reference}."""

    field = "reference"


class AlreadyRecorded(RuleViolation):
    """The {what} was already recorded on {date}. A complaints manager can correct it."""


# -- stages and the procedure --------------------------------------------------------------------


class NoSuchStage(RuleViolation):
    """The {procedure} has no stage {stage}."""


class PreviousStageNotCompleted(RuleViolation):
    """Stage {stage} cannot start until stage {previous} has been responded to."""


class EscalationFromClosedStage(RuleViolation):
    """Stage {previous} ended as {outcome}, so the complaint cannot go on to stage {stage}."""


class EscalationBeforeResponse(RuleViolation):
    """The request for stage {stage} ({requested}) is before the stage {previous} response
    ({responded})."""

    field = "requested_on"


class EscalationTooLate(RuleViolation):
    """The request for stage {stage} came on {requested}, after the {days} working days allowed
    from the stage {previous} response (the last day was {window_end}). Give the reason for
    accepting it late."""

    field = "late_reason"


class StageClosed(RuleViolation):
    """Stage {stage} is closed ({state}), so it cannot be changed. A complaints manager can
    correct it."""


class AlreadyResponded(StageClosed):
    """Stage {stage} was already responded to on {responded}. A complaints manager can correct
    it."""


class ResponseBeforeReceived(RuleViolation):
    """The response date, {responded}, is before stage {stage} was received ({received})."""

    field = "responded_on"


class ResponseBeforeAdjudication(RuleViolation):
    """The response date, {responded}, is before the adjudication on the investigation
    ({adjudicated}). The stage {stage} response comes on or after the adjudication."""

    field = "responded_on"


class OutcomeNotForResponse(RuleViolation):
    """A response cannot record the outcome '{outcome}'. Choose one of: {choices}."""

    field = "outcome"


class FindingOnOtherStage(RuleViolation):
    """That reason belongs to stage {aspect_stage}; findings recorded with the stage {stage}
    response must be on its own reasons."""


class TransferNotAllowed(RuleViolation):
    """A complaint can move to the {procedure} only at stage 1, before the response; {reference}
    is at stage {stage}{state}."""


class AlreadyUnderProcedure(RuleViolation):
    """Complaint {reference} is already under the {procedure}."""


class StatementOnlyAtStage2(RuleViolation):
    """A statement of complaint is agreed at stage 2 only, not stage {stage}."""


# -- extensions ----------------------------------------------------------------------------------


class ExtensionNotAllowed(RuleViolation):
    """Stage {stage} of the {procedure} cannot be extended: its timescale is fixed at {days}
    working days."""


class ExtensionBeyondMaximum(RuleViolation):
    """Stage {stage} cannot be extended beyond {max_days} working days."""

    field = "extended_to_days"


class ExtensionNotLonger(RuleViolation):
    """An extension must be longer than the current timescale of {current_days} working
    days."""

    field = "extended_to_days"


class ExtensionNeedsReason(RuleViolation):
    """Give the reason the extension of stage {stage} was agreed."""

    field = "reason"


class ExtensionAfterResponse(StageClosed):
    """Stage {stage} was responded to on {responded}, so its deadline can no longer be
    extended."""


# -- allocation, holds, and closing without a response -------------------------------------------


class AllocatedUserCannotRespond(RuleViolation):
    """{name} is {role}, who does not respond to complaints. Allocate the stage to a responding
    manager or to the complaints team."""

    field = "to"


class AllocatedUserInactive(RuleViolation):
    """{name} can no longer sign in to Redress, so the stage cannot be allocated to them."""

    field = "to"


class StageAlreadyOnHold(RuleViolation):
    """Stage {stage} has been on hold since {since}. Resume it before putting it on hold
    again."""


class StageNotOnHold(RuleViolation):
    """Stage {stage} is not on hold, so there is nothing to resume."""


class StageOnHold(RuleViolation):
    """Stage {stage} has been on hold since {since}. Resume it before recording its
    response."""


class HoldNeedsReason(RuleViolation):
    """Give the reason stage {stage} is put on hold, for example court proceedings that the
    investigation would prejudice."""

    field = "reason"


class HoldStartsInFuture(DateInFuture):
    """The hold cannot start on {date}: that is in the future."""

    field = "start_on"


class HoldStartsBeforeReceived(DateBefore):
    """The hold cannot start on {date}, before stage {stage} was received ({earlier_date})."""

    field = "start_on"


class HoldStartsBeforeLastResumed(DateBefore):
    """The hold cannot start on {date}, before the stage resumed from its last hold
    ({earlier_date})."""

    field = "start_on"


class ResumeInFuture(DateInFuture):
    """The stage cannot resume on {date}: that is in the future."""

    field = "resumed_on"


class ResumeBeforeHold(DateBefore):
    """The stage cannot resume on {date}, before it was put on hold ({earlier_date})."""

    field = "resumed_on"


class ClosingNeedsReason(RequiredValueMissing):
    """Enter the {what}."""

    field = "reason"


# -- people appointed ----------------------------------------------------------------------------


class AppointmentNotForStage(RuleViolation):
    """The {role} is appointed at stage {expected}, not stage {stage}."""

    field = "role"


class AppointmentNeedsName(RuleViolation):
    """Enter the name of the {role}, or choose their user account."""

    field = "name"


class AlreadyAppointed(RuleViolation):
    """{name} is already appointed to stage {stage} as {role}."""

    field = "name"


class IndependentPersonOnPanel(RuleViolation):
    """{name} was the independent person at stage 2, so cannot sit on the stage 3 review
    panel."""

    field = "name"


class InvestigatorOnPanel(RuleViolation):
    """{name} was the investigating officer at stage 2, so cannot sit on the stage 3 review
    panel."""

    field = "name"


class InvestigatorNotIndependent(RuleViolation):
    """{name} is not independent of {service}: they {why}, so cannot be appointed {role}."""

    field = "name"


class IndependentPersonIsStaff(RuleViolation):
    """{name} works for the authority ({staff_role}), so cannot be the {role}: the {role} must
    be someone who neither works for the authority nor is a member of it."""

    field = "name"


class SamePersonTwoRoles(RuleViolation):
    """{name} is already the {other_role} at stage {stage}; the {role} must be someone else."""

    field = "name"


class PanelFull(RuleViolation):
    """The stage 3 review panel already has its {size} members."""


class PanelHasChair(RuleViolation):
    """The stage 3 review panel already has a chair, {name}."""

    field = "role"


class PanelNotComplete(RuleViolation):
    """The review panel has {count} of its {size} members. Appoint all {size}, one of them the
    chair, before recording that it met."""


class PanelHasNoChair(RuleViolation):
    """The review panel has no chair. Appoint one of its {size} members as chair before
    recording that it met."""


class PanelAlreadyMet(RuleViolation):
    """The review panel met on {date}, so who sat on it can no longer be changed."""


class PanelOnlyAtStage3(RuleViolation):
    """Review panel dates belong to stage 3, not stage {stage}."""


class PanelMilestoneMissing(RuleViolation):
    """Record the {previous} before the {milestone}."""


class PanelMilestoneOutOfOrder(RuleViolation):
    """The {milestone} ({date}) cannot come before the {previous} ({previous_date})."""


# -- the stage 2 investigation -------------------------------------------------------------------


class Stage2Only(RuleViolation):
    """The {what} is recorded at stage 2 only, not stage {stage}."""


class NoIndependentInvestigation(RuleViolation):
    """Stage {stage} of the {procedure} is not an independent investigation, so it has no
    {what}: its stage rule does not have "Independent investigation" set."""


class ReportNeedsAppointment(RuleViolation):
    """Appoint the {role} before recording their report."""

    field = "received_on"


class AdjudicationNeedsReport(RuleViolation):
    """Record the date of the {report} before the adjudication."""

    field = "adjudicated_on"


class AdjudicationBeforeReport(RuleViolation):
    """The adjudication ({date}) cannot come before the {report} ({report_date})."""

    field = "adjudicated_on"


class NoReasonsToCarryOver(RuleViolation):
    """Stage {previous} has no reasons for complaint that stage {stage} does not already
    have."""


# -- reasons for complaint -----------------------------------------------------------------------


class SubcategoryNotUnderCategory(RuleViolation):
    """'{subcategory}' is not a sub-category of '{category}'."""

    field = "subcategory"


class CategoryNotTopLevel(RuleViolation):
    """'{category}' is a sub-category; choose its category '{parent}' and then it."""

    field = "category"


class TermNotForUse(RuleViolation):
    """'{term}' belongs to {taxonomy}, which is not a set of {kind}."""


class DuplicateAspect(RuleViolation):
    """Stage {stage} already has the reason '{aspect}'."""

    field = "category"


# -- around the stages ---------------------------------------------------------------------------


class MediationBeforeResponse(RuleViolation):
    """Mediation is offered once stage {stage} has been responded to; {reference} has no stage
    {stage} response{by_date}."""

    field = "after_stage"


class MediationAlreadyPending(RuleViolation):
    """Complaint {reference} already has a mediation offered on {offered} with no outcome."""


class MediationNotHeld(RuleViolation):
    """Record when the mediation was held before recording that it {outcome}."""

    field = "outcome"


class MediationAlreadyHeld(RuleViolation):
    """The mediation was held on {held}, so it cannot have been declined."""

    field = "outcome"


class MediationDeclined(RuleViolation):
    """The mediation was declined, so it cannot have been held."""

    field = "held_on"


class MediationOutcomeRecorded(RuleViolation):
    """The mediation's outcome is already recorded as '{outcome}'; only a paused mediation can
    have another."""

    field = "outcome"


class PaymentKindNotForStage(RuleViolation):
    """{kind} costs belong to stage {expected}, not {stage}."""

    field = "stage"


class StageNotReached(RuleViolation):
    """Complaint {reference} has no stage {stage}."""


class PaymentStageNotReached(StageNotReached):
    """Complaint {reference} has no stage {stage}."""

    field = "stage"


class PaymentNeedsEnquiry(RuleViolation):
    """Choose the Ombudsman enquiry the payment belongs to: complaint {reference} has an
    Ombudsman enquiry, and a payment at the Ombudsman stage is made for one."""

    field = "enquiry"


class PaymentEnquiryNotAtOmbudsmanStage(RuleViolation):
    """A payment for Ombudsman enquiry {enquiry} belongs to the Ombudsman stage, not stage
    {stage}."""

    field = "stage"


class PaymentEnquiryOtherComplaint(RuleViolation):
    """Ombudsman enquiry {enquiry} is about another complaint, not {reference}."""

    field = "enquiry"


class ActionNeedsEvidence(RuleViolation):
    """Describe the evidence that the action was completed."""

    field = "evidence"


class ActionDueBeforeRaised(DateBefore):
    """The due date, {date}, is before the date the action was raised ({earlier_date})."""

    field = "due_on"


class ActionStageWithoutComplaint(RuleViolation):
    """Give the complaint whose stage {stage} prompted the action, or leave the stage blank."""

    field = "stage_number"


class ActionStageNotReached(StageNotReached):
    """Complaint {reference} has no stage {stage}: choose a stage it has reached, or leave the
    stage blank."""

    field = "stage_number"


class RelatedToItself(RuleViolation):
    """A complaint cannot follow on from itself."""


class RelatedCycle(RuleViolation):
    """{reference} already follows on from {other}, so {other} cannot follow on from it."""


class ServiceAreaNotInUse(RuleViolation):
    """{service} was not in use on {date} (in use {period})."""

    field = "service_area"


class EmailNotValid(RuleViolation):
    """'{email}' is not an email address."""

    field = "email"


class AgeBandWithBirthDate(RuleViolation):
    """Give the date of birth or the age band, not both: the age band is for when the date of
    birth is not known."""

    field = "age_band"


class PreferredContactMissing(RuleViolation):
    """{method} is their preferred way to be contacted, so enter their {detail}."""

    field = "preferred_contact"


class LocalityNotInUse(RuleViolation):
    """{locality} was not in use on {date} (in use {period})."""

    field = "locality"


class AdvocateNotExpected(RuleViolation):
    """You said there is no advocate, so leave the advocate's name and organisation blank, or
    choose the kind of advocate."""

    field = "advocate"


class OnBehalfOfComplainant(RuleViolation):
    """A complaint is not made on behalf of the complainant themselves: choose the child it is
    made for, or none."""

    field = "on_behalf_of"


class ComplaintNotAnswered(RuleViolation):
    """Closing-the-loop questions are asked once a complaint has been responded to; {reference}
    has no response yet."""


# -- corrections ---------------------------------------------------------------------------------


class CorrectionNeedsManager(RuleViolation):
    """Only a complaints manager can correct what was recorded on a stage."""


class CorrectionNeedsReason(RuleViolation):
    """Give the reason for the correction."""

    field = "reason"


class CorrectionFieldNotAllowed(RuleViolation):
    """'{name}' cannot be corrected here. Fields that can: {allowed}."""


class NothingToCorrect(RuleViolation):
    """The correction changes nothing: the values given are the ones already recorded."""


# -- the Ombudsman -------------------------------------------------------------------------------


class OrganisationAlreadyRecorded(RuleViolation):
    """{organisation} is already recorded as handling the enquiry. Choose another to change
    it."""

    field = "organisation"


class OrganisationAlreadyNotRecorded(RuleViolation):
    """No organisation is recorded as handling the enquiry already. Choose one to record it."""

    field = "organisation"


class RemedyBeforeDecision(RuleViolation):
    """Record the Ombudsman's decision on {reference} before its remedies."""


class RemedyNotExpected(RuleViolation):
    """The Ombudsman decided {reference} as '{decision}', which asks for no remedy."""

    field = "remedy_due_on"


class EnquiryReferenceTaken(ReferenceTaken):
    """There is already an Ombudsman enquiry with the reference {reference}."""

    field = "lgo_reference"


class EnquiryResponseDueBeforeReceived(RuleViolation):
    """The date our response is due, {due}, is before the enquiry was received
    ({received})."""

    field = "response_due_on"


class EnquiryResponseBeforeReceived(RuleViolation):
    """The date our response was sent, {sent}, is before the enquiry was received
    ({received})."""

    field = "sent_on"


class RemedyDueBeforeDecision(RuleViolation):
    """The remedies cannot be due on {due}, before the decision ({decided})."""

    field = "remedy_due_on"


# -- advocacy ------------------------------------------------------------------------------------


class AdvocacyAlreadyReferred(RuleViolation):
    """{reference} was already referred for advocacy on {date}."""


class AdvocacyReferralInFuture(DateInFuture):
    """The referral date, {date}, is in the future."""

    field = "referred_on"


class AdvocacyReferralBeforeReceived(DateBefore):
    """The referral date, {date}, is before the complaint was received ({earlier_date})."""

    field = "referred_on"


class AdvocacyNoChild(RuleViolation):
    """{reference} records no child or young person to refer: record who complained or who the
    complaint is about first."""


class AdvocacyProviderNotSet(RuleViolation):
    """No advocacy provider's referral address is set. A complaints manager sets it in the
    admin's Authority settings ("Advocacy provider's referral address")."""


# -- organisation ---------------------------------------------------------------------------------


class RestructureDateNotValid(RuleViolation):
    """{service} is in use {period}, so it cannot be restructured from {date}."""

    field = "on"


class VersionExists(RuleViolation):
    """There is already a {what} called {name} in use from {date}."""


class ClosureDayExists(RuleViolation):
    """{date} is already a closure day ({reason})."""


class NotAClosureDay(RuleViolation):
    """{date} is not a closure day."""
