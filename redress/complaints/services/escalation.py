"""Moving a complaint on: escalation to the next stage, and transfer to another procedure."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models, transaction

from redress.complaints.choices import Outcome
from redress.complaints.models import Complaint, Stage
from redress.complaints.state import complaint_changed
from redress.core import audit
from redress.core.presenters import govuk_date
from redress.procedures import rules
from redress.procedures.selectors import working_calendar

from .checks import (
    lock_complaint,
    not_in_future,
    procedure_label,
    required_text,
    rule_for,
    stage_state,
)

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.organisations.models import Organisation
    from redress.procedures.models import Procedure

ENDS_THE_COMPLAINT = {Outcome.WITHDRAWN, Outcome.OUTSIDE_JURISDICTION}


@transaction.atomic
def complaint_escalate(
    *,
    complaint: Complaint,
    requested_on: datetime.date,
    by: User | None,
    late_reason: str = "",
    organisation: Organisation | None = None,
) -> Stage:
    """Open the next stage because the complainant asked for it on `requested_on`.

    The previous stage must have been responded to (stage 3 needs a completed stage 2), and
    not have ended withdrawn or outside jurisdiction. A request made later than the procedure
    allows after that response is accepted only with `late_reason`. `organisation` is who
    handles the new stage, where several organisations share the procedure.
    """
    complaint = lock_complaint(complaint)
    stages = list(complaint.stages.order_by("number"))
    if not stages:
        raise rules.StageNotReached(reference=complaint.reference, stage=1)
    previous = stages[-1]
    number = previous.number + 1
    rule_for(complaint.procedure, number)
    if previous.outcome in ENDS_THE_COMPLAINT:
        raise rules.EscalationFromClosedStage(
            previous=previous.number,
            outcome=Outcome(previous.outcome).label.lower(),
            stage=number,
        )
    if previous.responded_date is None:
        raise rules.PreviousStageNotCompleted(stage=number, previous=previous.number)
    if requested_on < previous.responded_date:
        raise rules.EscalationBeforeResponse(
            stage=number,
            requested=requested_on,
            previous=previous.number,
            responded=previous.responded_date,
        )
    not_in_future(requested_on, what="request")
    late_reason = (late_reason or "").strip()
    note = ""
    window = rule_for(complaint.procedure, previous.number).next_stage_request_days
    if window is not None:
        window_end = working_calendar().due_date(previous.responded_date, window)
        if requested_on > window_end:
            if not late_reason:
                raise rules.EscalationTooLate(
                    stage=number,
                    requested=requested_on,
                    days=window,
                    previous=previous.number,
                    window_end=window_end,
                )
            note = (
                f"Accepted after the request window closed on {govuk_date(window_end)}: "
                f"{late_reason}"
            )
    stage = Stage.objects.create(
        complaint=complaint, number=number, received_date=requested_on, organisation=organisation
    )
    audit.record(
        action="complaint.escalate",
        obj=stage,
        by=by,
        before={"stage": previous.number},
        after=audit.snapshot(stage),
        complaint=complaint,
        note=note,
    )
    complaint_changed(complaint)
    return stage


@transaction.atomic
def complaint_transfer_procedure(
    *, complaint: Complaint, procedure: Procedure, reason: str, by: User | None
) -> Complaint:
    """Move a complaint to another procedure (usually from the statutory to the local one).

    Only at stage 1 and before its response: after that the complainant has been answered
    under the first procedure. Any extension already agreed must fit the new procedure.
    """
    complaint = lock_complaint(complaint)
    if procedure.pk == complaint.procedure_id:
        raise rules.AlreadyUnderProcedure(
            reference=complaint.reference, procedure=procedure_label(procedure)
        )
    stages = list(complaint.stages.order_by("number"))
    latest = stages[-1] if stages else None
    if latest is None or latest.number != 1 or not latest.is_open:
        state = ""
        if latest is not None and not latest.is_open:
            state = f", which was {stage_state(latest)}"
        raise rules.TransferNotAllowed(
            procedure=procedure_label(procedure),
            reference=complaint.reference,
            stage=latest.number if latest else 0,
            state=state,
        )
    reason = required_text(reason, what="reason for the transfer")
    rule = rule_for(procedure, 1)
    longest = latest.extensions.aggregate(longest=models.Max("extended_to_days"))["longest"]
    if longest is not None and longest > rule.max_days:
        raise rules.ExtensionBeyondMaximum(stage=1, max_days=rule.max_days)
    audit.save_changes(
        complaint,
        {"procedure": procedure},
        action="complaint.transfer_procedure",
        by=by,
        complaint=complaint,
        note=reason,
    )
    complaint_changed(complaint)
    return complaint
