"""What happens within a stage: allocation, acknowledgement, the statement of complaint,
extensions, and the response with its outcome and findings. (Holds are in `holds`; withdrawal
and outside jurisdiction in `closing`.)"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction

from redress.complaints.choices import Finding, Outcome
from redress.complaints.models import Aspect, Extension, Stage
from redress.complaints.selectors.scoping import responds_to_complaints
from redress.complaints.state import complaint_changed
from redress.core import audit
from redress.core.presenters import govuk_date
from redress.procedures import rules
from redress.procedures.deadlines import stage_deadlines
from redress.procedures.selectors import working_calendar

from .checks import (
    choice,
    choices_text,
    current_days,
    ensure_open,
    lock_stage,
    not_before,
    not_in_future,
    procedure_label,
    rule_for,
)
from .holds import check_not_held

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.procedures.models import StageRule

# Withdrawal has its own service; the other outcomes are what a response can conclude.
RESPONSE_OUTCOMES = (
    Outcome.UPHELD,
    Outcome.PARTIALLY_UPHELD,
    Outcome.NOT_UPHELD,
    Outcome.INCONCLUSIVE,
    Outcome.OUTSIDE_JURISDICTION,
)


def _received(stage: Stage) -> str:
    return f"date stage {stage.number} was received"


def check_may_be_allocated(user: User) -> None:
    """A stage is allocated to someone who can sign in and who responds to complaints."""
    if not user.is_active:
        raise rules.AllocatedUserInactive(name=user.display_name)
    if not responds_to_complaints(user):
        role = user.get_role_display().lower()
        article = "an" if role[:1] in "aeiou" else "a"
        raise rules.AllocatedUserCannotRespond(name=user.display_name, role=f"{article} {role}")


@transaction.atomic
def stage_allocate(*, stage: Stage, to: User | None, by: User | None) -> Stage:
    """Allocate an open stage to the manager who will respond (None takes it back)."""
    stage = lock_stage(stage)
    ensure_open(stage)
    if to is not None:
        check_may_be_allocated(to)
    audit.save_changes(
        stage, {"allocated_to": to}, action="stage.allocate", by=by, complaint=stage.complaint
    )
    complaint_changed(stage.complaint, stage=stage)
    return stage


@transaction.atomic
def stage_acknowledge(*, stage: Stage, acknowledged_on: datetime.date, by: User | None) -> Stage:
    """Record that the complainant was told the request was received."""
    stage = lock_stage(stage)
    ensure_open(stage)
    if stage.acknowledged_date is not None:
        raise rules.AlreadyRecorded(
            what=f"acknowledgement of stage {stage.number}", date=stage.acknowledged_date
        )
    not_before(
        acknowledged_on,
        what="acknowledgement",
        earlier=_received(stage),
        earlier_date=stage.received_date,
    )
    not_in_future(acknowledged_on, what="acknowledgement")
    audit.save_changes(
        stage,
        {"acknowledged_date": acknowledged_on},
        action="stage.acknowledge",
        by=by,
        complaint=stage.complaint,
    )
    complaint_changed(stage.complaint, stage=stage)
    return stage


@transaction.atomic
def stage_agree_statement(*, stage: Stage, agreed_on: datetime.date, by: User | None) -> Stage:
    """Record the day the stage 2 statement of complaint was agreed with the complainant.

    Where the procedure starts the stage 2 clock then, the deadlines move with it.
    """
    stage = lock_stage(stage)
    if stage.number != 2:
        raise rules.StatementOnlyAtStage2(stage=stage.number)
    ensure_open(stage)
    if stage.statement_agreed_date is not None:
        raise rules.AlreadyRecorded(what="statement of complaint", date=stage.statement_agreed_date)
    not_before(
        agreed_on,
        what="statement agreed",
        earlier=_received(stage),
        earlier_date=stage.received_date,
    )
    not_in_future(agreed_on, what="statement agreed")
    rule = rule_for(stage.complaint.procedure, stage.number)
    note = ""
    if rule.clock_start == "statement_agreed":
        note = f"The stage 2 clock starts from {govuk_date(agreed_on)}."
    audit.save_changes(
        stage,
        {"statement_agreed_date": agreed_on},
        action="stage.agree_statement",
        by=by,
        complaint=stage.complaint,
        note=note,
    )
    complaint_changed(stage.complaint, stage=stage)
    return stage


@transaction.atomic
def stage_extend(
    *,
    stage: Stage,
    extended_to_days: int,
    reason: str,
    agreed_on: datetime.date,
    by: User | None,
) -> Extension:
    """Record an agreed extension: the stage's timescale becomes `extended_to_days` working days,
    within the procedure's maximum, and its deadline moves with it."""
    stage = lock_stage(stage)
    rule = rule_for(stage.complaint.procedure, stage.number)
    if (refusal := _not_extendable(stage, rule)) is not None:
        raise refusal
    if not (reason or "").strip():
        raise rules.ExtensionNeedsReason(stage=stage.number)
    if extended_to_days > rule.max_days:
        raise rules.ExtensionBeyondMaximum(stage=stage.number, max_days=rule.max_days)
    current = current_days(stage, rule)
    if extended_to_days <= current:
        raise rules.ExtensionNotLonger(current_days=current)
    not_before(
        agreed_on,
        what="extension agreed",
        earlier=_received(stage),
        earlier_date=stage.received_date,
    )
    not_in_future(agreed_on, what="extension agreed")
    extension = Extension.objects.create(
        stage=stage,
        agreed_date=agreed_on,
        extended_to_days=extended_to_days,
        reason=reason.strip(),
        agreed_by=by,
    )
    audit.record(
        action="stage.extend",
        obj=stage,
        by=by,
        before={"timescale_days": current, "due": _due(stage, rule, current).isoformat()},
        after={
            "timescale_days": extended_to_days,
            "due": _due(stage, rule, extended_to_days).isoformat(),
            "extension": extension.pk,
        },
        complaint=stage.complaint,
        note=extension.reason,
    )
    complaint_changed(stage.complaint, stage=stage)
    return extension


def _due(stage: Stage, rule: StageRule, days: int) -> datetime.date:
    """The stage's due date on a timescale of `days` working days, later by the working days it
    was on hold: the date its stored state and its page show."""
    return stage_deadlines(
        rule=rule,
        calendar=working_calendar(),
        received=stage.received_date,
        statement_agreed=stage.statement_agreed_date,
        extended_to_days=days,
        held_days=stage.held_days,
    ).applicable_due


def _not_extendable(stage: Stage, rule: StageRule) -> rules.RuleViolation | None:
    if not stage.is_open:
        if stage.responded_date and stage.outcome not in {
            Outcome.WITHDRAWN,
            Outcome.OUTSIDE_JURISDICTION,
        }:
            return rules.ExtensionAfterResponse(stage=stage.number, responded=stage.responded_date)
        try:
            ensure_open(stage)
        except rules.RuleViolation as closed:
            return closed
    if not rule.extendable:
        return rules.ExtensionNotAllowed(
            stage=stage.number,
            procedure=procedure_label(stage.complaint.procedure),
            days=rule.timescale_days,
        )
    return None


def extension_refusal(stage: Stage) -> rules.RuleViolation | None:
    """Why no extension of this stage could be recorded at all (its procedure fixes the
    timescale, it was responded to, or it is already extended to the maximum), or None. A page
    shows this instead of a form that could only be refused."""
    rule = rule_for(stage.complaint.procedure, stage.number)
    if (refusal := _not_extendable(stage, rule)) is not None:
        return refusal
    if current_days(stage, rule) >= rule.max_days:
        return rules.ExtensionBeyondMaximum(stage=stage.number, max_days=rule.max_days)
    return None


def check_findings(stage: Stage, findings: Mapping[int, str]) -> dict[int, Aspect]:
    aspects = {a.pk: a for a in Aspect.objects.select_related("stage").filter(pk__in=findings)}
    own = list(stage.aspects.values_list("pk", flat=True))
    for pk, finding in findings.items():
        aspect = aspects.get(pk)
        if aspect is None:
            raise rules.NotAChoice(
                value=pk, what=f"reason on stage {stage.number}", choices=choices_text(own)
            )
        if aspect.stage_id != stage.pk:
            raise rules.FindingOnOtherStage(aspect_stage=aspect.stage.number, stage=stage.number)
        choice(finding, Finding, what="finding", blank=True)
    return aspects


def check_not_before_adjudication(stage: Stage, responded_on: datetime.date) -> None:
    """A stage 2 investigation is answered on or after the adjudication on its reports, once
    that is recorded."""
    if stage.adjudication_date is not None and responded_on < stage.adjudication_date:
        raise rules.ResponseBeforeAdjudication(
            responded=responded_on, adjudicated=stage.adjudication_date, stage=stage.number
        )


@transaction.atomic
def stage_respond(
    *,
    stage: Stage,
    responded_on: datetime.date,
    outcome: str,
    by: User | None,
    responded_by: User | None = None,
    findings: Mapping[int, str] | None = None,
) -> Stage:
    """Record the response to a stage, its outcome and, optionally, the finding on each of its
    reasons (`{aspect id: finding}`). `responded_by` is the manager who responded, when someone
    else records it. At stage 3 the response is the authority's, after the panel's report."""
    stage = lock_stage(stage)
    ensure_open(stage)
    if outcome not in RESPONSE_OUTCOMES:
        raise rules.OutcomeNotForResponse(outcome=outcome, choices=choices_text(RESPONSE_OUTCOMES))
    if responded_on < stage.received_date:
        raise rules.ResponseBeforeReceived(
            responded=responded_on, stage=stage.number, received=stage.received_date
        )
    not_in_future(responded_on, what="response")
    check_not_held(stage, on=responded_on, what="response")
    check_not_before_adjudication(stage, responded_on)
    rule = rule_for(stage.complaint.procedure, stage.number)
    # A review panel stage ends with the authority's response to the panel's report, unless
    # it turned out to be outside jurisdiction before a panel met.
    if rule.panel_within_days is not None and outcome != Outcome.OUTSIDE_JURISDICTION:
        if stage.panel_report_date is None:
            raise rules.PanelMilestoneMissing(
                previous="panel's report", milestone="authority's response"
            )
        if responded_on < stage.panel_report_date:
            raise rules.PanelMilestoneOutOfOrder(
                milestone="authority's response",
                date=responded_on,
                previous="panel's report",
                previous_date=stage.panel_report_date,
            )
    findings = dict(findings or {})
    aspects = check_findings(stage, findings)

    fields = ["responded_date", "outcome", "responded_by"]
    before = audit.snapshot(stage, fields)
    before["findings"] = {str(pk): a.finding for pk, a in aspects.items()}
    stage.responded_date = responded_on
    stage.outcome = outcome
    stage.responded_by = responded_by or by
    stage.save(update_fields=[*fields, "updated_at"])
    for pk, finding in findings.items():
        aspects[pk].finding = finding
        aspects[pk].save(update_fields=["finding"])
    after = audit.snapshot(stage, fields)
    after["findings"] = {str(pk): finding for pk, finding in findings.items()}
    audit.record(
        action="stage.respond",
        obj=stage,
        by=by,
        before=before,
        after=after,
        complaint=stage.complaint,
    )
    complaint_changed(stage.complaint, stage=stage)
    offer_survey(stage, by)
    return stage


def offer_survey(stage: Stage, by: User | None) -> None:
    """The change may have closed the complaint: if so, its complainant is sent the
    satisfaction survey (`redress.surveys`), in this transaction; a survey that cannot be sent
    never undoes the change."""
    from redress.surveys.services import survey_offer_on_close  # (surveys builds on complaints)

    survey_offer_on_close(complaint=stage.complaint, by=by)
