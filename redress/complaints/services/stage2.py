"""The stage 2 investigation after the statement of complaint: the investigating officer's and
the independent person's reports and the adjudication on them; and the reasons a later stage
carries over from the one before.

Each date is refused in the future, before the stage (or the statement, or the appointment it
follows) and out of order, and is recorded once: a complaints manager corrects a wrong one.
The reports and the adjudication (and the appointments, in `appointments`) belong only to a
stage whose rule is an independent investigation (`StageRule.independent_investigation`, the
statutory stage 2): the local procedure's stage 2 is a review by a senior manager.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from redress.complaints.choices import AppointmentRole
from redress.complaints.models import Appointment, Aspect, Stage
from redress.complaints.state import complaint_changed
from redress.core import audit
from redress.procedures import rules

from .aspects import add_aspect
from .checks import ensure_open, lock_stage, not_before, not_in_future, procedure_label

if TYPE_CHECKING:
    from redress.accounts.models import User

IO_REPORT = "investigating officer's report"
IP_REPORT = "independent person's report"


def has_independent_investigation(stage: Stage) -> bool:
    """Whether the procedure's rule for the stage is an independent investigation (a stage
    without a rule is not)."""
    procedure_rules = stage.complaint.procedure.stage_rules.all()
    rule = next((r for r in procedure_rules if r.stage == stage.number), None)
    return rule is not None and rule.independent_investigation


def investigation_refusal(stage: Stage, what: str) -> rules.RuleViolation | None:
    """Why the stage has no `what` (an investigating officer, a report, the adjudication), or
    None when it is an independent investigation. A page shows this instead of a form that
    could only be refused."""
    if has_independent_investigation(stage):
        return None
    return rules.NoIndependentInvestigation(
        stage=stage.number, procedure=procedure_label(stage.complaint.procedure), what=what
    )


def ensure_investigation(stage: Stage, what: str) -> None:
    if (refusal := investigation_refusal(stage, what)) is not None:
        raise refusal


def check_report_date(
    stage: Stage,
    received_on: datetime.date,
    *,
    role: AppointmentRole,
    what: str,
    appointments: list[Appointment],
) -> None:
    """A report comes after the statement of complaint and after its author was appointed (the
    earliest appointment in `role`, of the stage's `appointments`)."""
    not_before(
        received_on,
        what=what,
        earlier="date the statement of complaint was agreed",
        earlier_date=stage.statement_agreed_date,
    )
    appointed = [a.appointed_date for a in appointments if a.role == role and a.appointed_date]
    not_before(
        received_on,
        what=what,
        earlier=f"date the {role.label.lower()} was appointed",
        earlier_date=min(appointed, default=None),
    )


def check_adjudication_date(
    stage: Stage, adjudicated_on: datetime.date, *, appointments: list[Appointment]
) -> None:
    """The adjudication needs the investigating officer's report and, where an independent
    person was appointed (or reported), theirs too, and comes on or after each."""
    reports = [(IO_REPORT, stage.io_report_date)]
    has_ip = any(a.role == AppointmentRole.INDEPENDENT_PERSON for a in appointments)
    if has_ip or stage.ip_report_date is not None:
        reports.append((IP_REPORT, stage.ip_report_date))
    for report, report_date in reports:
        if report_date is None:
            raise rules.AdjudicationNeedsReport(report=report)
        if adjudicated_on < report_date:
            raise rules.AdjudicationBeforeReport(
                date=adjudicated_on, report=report, report_date=report_date
            )


def _stage2(stage: Stage, what: str) -> Stage:
    stage = lock_stage(stage)
    if stage.number != 2:
        raise rules.Stage2Only(what=what, stage=stage.number)
    ensure_investigation(stage, what)
    ensure_open(stage)
    return stage


def _record_report(
    stage: Stage,
    *,
    role: AppointmentRole,
    field: str,
    what: str,
    action: str,
    received_on: datetime.date,
    by: User | None,
) -> Stage:
    stage = _stage2(stage, what)
    recorded = getattr(stage, field)
    if recorded is not None:
        raise rules.AlreadyRecorded(what=what, date=recorded)
    appointments = [a for a in stage.appointments.all() if a.role == role]
    if not appointments:
        raise rules.ReportNeedsAppointment(role=role.label.lower())
    not_before(
        received_on,
        what=what,
        earlier=f"date stage {stage.number} was received",
        earlier_date=stage.received_date,
    )
    check_report_date(stage, received_on, role=role, what=what, appointments=appointments)
    not_in_future(received_on, what=what)
    audit.save_changes(stage, {field: received_on}, action=action, by=by, complaint=stage.complaint)
    complaint_changed(stage.complaint, stage=stage)
    return stage


@transaction.atomic
def stage2_record_io_report(*, stage: Stage, received_on: datetime.date, by: User | None) -> Stage:
    """Record the day the investigating officer's report was received."""
    return _record_report(
        stage,
        role=AppointmentRole.INVESTIGATING_OFFICER,
        field="io_report_date",
        what=IO_REPORT,
        action="stage2.record_io_report",
        received_on=received_on,
        by=by,
    )


@transaction.atomic
def stage2_record_ip_report(*, stage: Stage, received_on: datetime.date, by: User | None) -> Stage:
    """Record the day the independent person's report was received."""
    return _record_report(
        stage,
        role=AppointmentRole.INDEPENDENT_PERSON,
        field="ip_report_date",
        what=IP_REPORT,
        action="stage2.record_ip_report",
        received_on=received_on,
        by=by,
    )


@transaction.atomic
def stage2_record_adjudication(
    *, stage: Stage, adjudicated_on: datetime.date, by: User | None
) -> Stage:
    """Record the day the adjudicating officer decided on the reports: after the investigating
    officer's report and, where an independent person was appointed, theirs too."""
    stage = _stage2(stage, "adjudication")
    if stage.adjudication_date is not None:
        raise rules.AlreadyRecorded(what="adjudication", date=stage.adjudication_date)
    check_adjudication_date(stage, adjudicated_on, appointments=list(stage.appointments.all()))
    not_in_future(adjudicated_on, what="adjudication")
    audit.save_changes(
        stage,
        {"adjudication_date": adjudicated_on},
        action="stage2.record_adjudication",
        by=by,
        complaint=stage.complaint,
    )
    complaint_changed(stage.complaint, stage=stage)
    return stage


@transaction.atomic
def stage_carry_over_reasons(*, stage: Stage, by: User | None) -> list[Aspect]:
    """Copy the previous stage's reasons for complaint to this open stage (without their
    findings, which are this stage's to make), leaving out any it already has. Each can then
    be removed, and others added, with `aspect_remove` and `aspect_add`."""
    stage = lock_stage(stage)
    ensure_open(stage)
    previous = stage.complaint.stages.filter(number=stage.number - 1).first()
    have: set[tuple[int, int | None]] = set(
        stage.aspects.values_list("category_id", "subcategory_id")
    )
    carried = []
    if previous is not None:
        for aspect in previous.aspects.select_related(
            "category__parent", "category__taxonomy", "subcategory"
        ).order_by("order", "id"):
            if (aspect.category_id, aspect.subcategory_id) in have:
                continue
            carried.append(
                add_aspect(
                    stage=stage, category=aspect.category, subcategory=aspect.subcategory, by=by
                )
            )
            have.add((aspect.category_id, aspect.subcategory_id))
    if not carried:
        raise rules.NoReasonsToCarryOver(previous=stage.number - 1, stage=stage.number)
    return carried
