"""Mediation offered to a complainant unhappy with a response, and what came of it."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from redress.complaints.choices import MediationOutcome
from redress.complaints.models import Complaint, Mediation
from redress.complaints.state import complaint_changed
from redress.core import audit
from redress.core.presenters import govuk_date
from redress.procedures import rules

from .checks import choice, lock_complaint, not_before, not_in_future
from .escalation import complaint_escalate

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.complaints.models import Stage

FIELDS = ["after_stage", "offered_date", "held_date", "outcome", "mediator", "notes"]


def _lock(mediation: Mediation) -> Mediation:
    return (
        Mediation.objects.select_for_update(of=("self",))
        .select_related("complaint")
        .get(pk=mediation.pk)
    )


@transaction.atomic
def mediation_offer(
    *,
    complaint: Complaint,
    offered_on: datetime.date,
    by: User | None,
    after_stage: int | None = None,
    mediator: str = "",
    notes: str = "",
) -> Mediation:
    """Offer mediation after a stage's response (by default the latest one answered)."""
    complaint = lock_complaint(complaint)
    stages: dict[int, Stage] = {s.number: s for s in complaint.stages.all()}
    if after_stage is None:
        answered = [n for n, s in stages.items() if s.responded_date is not None]
        after_stage = max(answered) if answered else min(stages, default=1)
    stage = stages.get(after_stage)
    if stage is None:
        raise rules.StageNotReached(reference=complaint.reference, stage=after_stage)
    if stage.responded_date is None or stage.responded_date > offered_on:
        raise rules.MediationBeforeResponse(
            stage=after_stage,
            reference=complaint.reference,
            by_date=f" by {govuk_date(offered_on)}" if stage.responded_date else "",
        )
    not_in_future(offered_on, what="mediation offered")
    pending = complaint.mediations.filter(outcome="").first()
    if pending is not None:
        raise rules.MediationAlreadyPending(
            reference=complaint.reference, offered=pending.offered_date
        )
    mediation = Mediation.objects.create(
        complaint=complaint,
        after_stage=after_stage,
        offered_date=offered_on,
        mediator=mediator.strip(),
        notes=notes.strip(),
    )
    audit.record(
        action="mediation.offer",
        obj=mediation,
        by=by,
        after=audit.snapshot(mediation, FIELDS),
        complaint=complaint,
    )
    complaint_changed(complaint)
    return mediation


@transaction.atomic
def mediation_hold(
    *, mediation: Mediation, held_on: datetime.date, by: User | None, mediator: str = ""
) -> Mediation:
    """Record the day the mediation meeting took place (and who mediated)."""
    mediation = _lock(mediation)
    if mediation.outcome == MediationOutcome.DECLINED:
        raise rules.MediationDeclined()
    if mediation.held_date is not None:
        raise rules.AlreadyRecorded(what="mediation meeting", date=mediation.held_date)
    not_before(
        held_on,
        what="mediation held",
        earlier="date mediation was offered",
        earlier_date=mediation.offered_date,
    )
    not_in_future(held_on, what="mediation held")
    audit.save_changes(
        mediation,
        {"held_date": held_on, "mediator": mediator.strip() or mediation.mediator},
        action="mediation.hold",
        by=by,
        complaint=mediation.complaint,
        shown=FIELDS,
    )
    complaint_changed(mediation.complaint)
    return mediation


@transaction.atomic
def mediation_record_outcome(
    *,
    mediation: Mediation,
    outcome: str,
    by: User | None,
    escalation_requested_on: datetime.date | None = None,
    late_reason: str = "",
) -> Mediation:
    """Record what came of a mediation. A resolved mediation must have been held; a declined
    one cannot have been. When the outcome is `escalated` and `escalation_requested_on` is
    given, the next stage is opened in the same step (with the rules of `complaint_escalate`).
    """
    mediation = _lock(mediation)
    choice(outcome, MediationOutcome, what="mediation outcome")
    if mediation.outcome and mediation.outcome != MediationOutcome.PAUSED:
        raise rules.MediationOutcomeRecorded(
            outcome=MediationOutcome(mediation.outcome).label.lower()
        )
    if outcome == MediationOutcome.RESOLVED and mediation.held_date is None:
        raise rules.MediationNotHeld(outcome="resolved the complaint")
    if outcome == MediationOutcome.DECLINED and mediation.held_date is not None:
        raise rules.MediationAlreadyHeld(held=mediation.held_date)
    audit.save_changes(
        mediation,
        {"outcome": outcome},
        action="mediation.record_outcome",
        by=by,
        complaint=mediation.complaint,
        shown=FIELDS,
    )
    complaint_changed(mediation.complaint)
    if outcome == MediationOutcome.ESCALATED and escalation_requested_on is not None:
        complaint_escalate(
            complaint=mediation.complaint,
            requested_on=escalation_requested_on,
            by=by,
            late_reason=late_reason,
        )
    return mediation
