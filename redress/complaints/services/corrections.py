"""A complaints manager's correction of what was recorded on a stage, with the reason."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction

from redress.complaints.choices import AppointmentRole, Outcome
from redress.complaints.models import Stage
from redress.complaints.state import complaint_changed
from redress.core import audit
from redress.procedures import rules

from .checks import choice, lock_stage, not_before, not_in_future, rule_for
from .stage2 import (
    IO_REPORT,
    IP_REPORT,
    check_adjudication_date,
    check_report_date,
    ensure_investigation,
)
from .stages import check_findings, check_not_before_adjudication

if TYPE_CHECKING:
    from redress.accounts.models import User

CORRECTABLE = (
    "received_date",
    "acknowledged_date",
    "statement_agreed_date",
    "io_report_date",
    "ip_report_date",
    "adjudication_date",
    "responded_date",
    "outcome",
    "panel_date",
    "panel_report_date",
)
# The stage 2 investigation's dates, as the services that record them name them.
INVESTIGATION = {
    "io_report_date": IO_REPORT,
    "ip_report_date": IP_REPORT,
    "adjudication_date": "adjudication",
}
LATER_DATES = {
    "acknowledged_date": "acknowledgement",
    "statement_agreed_date": "statement agreed",
    **INVESTIGATION,
    "panel_date": "panel",
    "responded_date": "response",
}


def _check(stage: Stage) -> None:
    """The corrected stage must still make sense on its own and next to its neighbours."""
    if stage.received_date is None:
        raise rules.RequiredValueMissing(what="date the stage was received")
    received = f"date stage {stage.number} was received"
    for field, what in {
        "received_date": "received",
        **LATER_DATES,
        "panel_report_date": "panel's report",
    }.items():
        value = getattr(stage, field)
        if value is not None:
            not_in_future(value, what=what)
    for field, what in LATER_DATES.items():
        value = getattr(stage, field)
        if value is not None:
            not_before(value, what=what, earlier=received, earlier_date=stage.received_date)
    choice(stage.outcome, Outcome, what="outcome", blank=True)
    if stage.statement_agreed_date is not None and stage.number != 2:
        raise rules.StatementOnlyAtStage2(stage=stage.number)
    _check_investigation(stage)
    rule = rule_for(stage.complaint.procedure, stage.number)
    if rule.panel_within_days is None and (stage.panel_date or stage.panel_report_date):
        raise rules.PanelOnlyAtStage3(stage=stage.number)
    if stage.panel_report_date is not None:
        if stage.panel_date is None:
            raise rules.PanelMilestoneMissing(
                previous="date the panel met", milestone="panel's report"
            )
        if stage.panel_report_date < stage.panel_date:
            raise rules.PanelMilestoneOutOfOrder(
                milestone="panel's report",
                date=stage.panel_report_date,
                previous="panel",
                previous_date=stage.panel_date,
            )
    neighbours = {s.number: s for s in stage.complaint.stages.exclude(pk=stage.pk)}
    previous, following = neighbours.get(stage.number - 1), neighbours.get(stage.number + 1)
    if previous is not None and previous.responded_date is not None:
        not_before(
            stage.received_date,
            what=f"stage {stage.number} request",
            earlier=f"stage {previous.number} response",
            earlier_date=previous.responded_date,
        )
    if following is not None:
        if stage.responded_date is None:
            raise rules.PreviousStageNotCompleted(stage=following.number, previous=stage.number)
        not_before(
            following.received_date,
            what=f"stage {following.number} request",
            earlier=f"stage {stage.number} response",
            earlier_date=stage.responded_date,
        )


def _check_investigation(stage: Stage) -> None:
    """The reports and the adjudication in the order `stage2` records them: each report after
    the statement of complaint and its author's appointment, the adjudication after the reports
    (the independent person's too, where one was appointed), and the response after that."""
    for field, what in INVESTIGATION.items():
        if getattr(stage, field) is None:
            continue
        if stage.number != 2:
            raise rules.Stage2Only(what=what, stage=stage.number)
        ensure_investigation(stage, what)  # not on a local procedure's review
    appointments = list(stage.appointments.all())
    for field, role in (
        ("io_report_date", AppointmentRole.INVESTIGATING_OFFICER),
        ("ip_report_date", AppointmentRole.INDEPENDENT_PERSON),
    ):
        if (value := getattr(stage, field)) is not None:
            check_report_date(
                stage, value, role=role, what=INVESTIGATION[field], appointments=appointments
            )
    if stage.adjudication_date is not None:
        check_adjudication_date(stage, stage.adjudication_date, appointments=appointments)
    if stage.responded_date is not None:
        check_not_before_adjudication(stage, stage.responded_date)


@transaction.atomic
def stage_correct(
    *,
    stage: Stage,
    changes: Mapping[str, datetime.date | str | None],
    reason: str,
    by: User | None,
    findings: Mapping[int, str] | None = None,
) -> Stage:
    """Correct recorded dates or the outcome of any stage, open or closed, saying why.

    Only a complaints manager can. `changes` maps field names (`received_date`,
    `acknowledged_date`, `statement_agreed_date`, the stage 2 `io_report_date`,
    `ip_report_date` and `adjudication_date`, `responded_date`, `outcome`, `panel_date`,
    `panel_report_date`) to their corrected values; None (or "" for the outcome) clears one,
    so clearing the response and outcome reopens a stage. Each is checked in order with the
    others, as the service that first records it checks it. `findings` (`{aspect id: finding}`)
    corrects the findings on the stage's reasons. Stage 1's received date is the complaint's,
    so it changes too.
    """
    if by is None or not by.configures:
        raise rules.CorrectionNeedsManager()
    reason = (reason or "").strip()
    if not reason:
        raise rules.CorrectionNeedsReason()
    for name in changes:
        if name not in CORRECTABLE:
            raise rules.CorrectionFieldNotAllowed(name=name, allowed=", ".join(CORRECTABLE))
    stage = lock_stage(stage)
    before = audit.snapshot(stage, CORRECTABLE)
    values: dict[str, Any] = dict(changes)
    if "outcome" in values:
        values["outcome"] = values["outcome"] or ""
    for name, value in values.items():
        setattr(stage, name, value)
    _check(stage)
    findings = dict(findings or {})
    aspects = check_findings(stage, findings)
    after = audit.snapshot(stage, CORRECTABLE)
    for pk, finding in findings.items():
        before[f"finding:{pk}"] = aspects[pk].finding
        after[f"finding:{pk}"] = finding
    changed = audit.changed(before, after)
    if not changed:
        raise rules.NothingToCorrect()
    stage.save(update_fields=[*values, "updated_at"])
    for pk, finding in findings.items():
        aspects[pk].finding = finding
        aspects[pk].save(update_fields=["finding"])
    if stage.number == 1 and "received_date" in changed:
        complaint = stage.complaint
        complaint.received_date = stage.received_date
        complaint.save(update_fields=["received_date", "updated_at"])
    audit.record(
        action="stage.correct",
        obj=stage,
        by=by,
        before={k: before[k] for k in changed},
        after=changed,
        complaint=stage.complaint,
        note=reason,
    )
    complaint_changed(stage.complaint, stage=stage)
    return stage
