"""A stage that ends without a response on its merits: the complainant withdrew it, or it was
found outside the procedure's jurisdiction. Each closes the stage on the day, keeps the reason
in `Stage.closed_reason`, and ends a hold the stage was on that day. The stage keeps the day as
its response date, so it stops counting as open; the figures tell the outcomes apart
(`docs/FIGURES.md`: a withdrawal is not a response)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from redress.complaints.choices import Outcome
from redress.complaints.models import Stage
from redress.complaints.state import complaint_changed
from redress.core import audit
from redress.procedures import rules

from .checks import ensure_open, lock_stage, not_before, not_in_future
from .holds import end_hold, last_resumed, running_hold
from .stages import offer_survey

if TYPE_CHECKING:
    from redress.accounts.models import User


def _close(
    stage: Stage,
    *,
    on: datetime.date,
    outcome: Outcome,
    reason: str,
    what: str,
    reason_what: str,
    action: str,
    by: User | None,
) -> Stage:
    stage = lock_stage(stage)
    ensure_open(stage)
    reason = (reason or "").strip()
    if not reason:
        raise rules.ClosingNeedsReason(what=reason_what)
    received = f"date stage {stage.number} was received"
    not_before(on, what=what, earlier=received, earlier_date=stage.received_date)
    not_in_future(on, what=what)
    running = running_hold(stage)
    if running is not None:
        not_before(
            on, what=what, earlier="day the stage was put on hold", earlier_date=running.start_date
        )
    else:
        not_before(on, what=what, earlier="end of its last hold", earlier_date=last_resumed(stage))
    audit.save_changes(
        stage,
        {"responded_date": on, "outcome": outcome, "closed_reason": reason},
        action=action,
        by=by,
        complaint=stage.complaint,
    )
    if running is not None:
        running.stage = stage
        end_hold(running, on=on, by=by, note=f"The stage closed: {outcome.label.lower()}.")
    complaint_changed(stage.complaint, stage=stage)
    offer_survey(stage, by)
    return stage


@transaction.atomic
def stage_withdraw(
    *, stage: Stage, withdrawn_on: datetime.date, reason: str, by: User | None
) -> Stage:
    """Record that the complainant withdrew an open stage. The stage closes on that day with
    the outcome `withdrawn`, and cannot go on to a further stage."""
    return _close(
        stage,
        on=withdrawn_on,
        outcome=Outcome.WITHDRAWN,
        reason=reason,
        what="withdrawal",
        reason_what="reason the complaint was withdrawn",
        action="stage.withdraw",
        by=by,
    )


@transaction.atomic
def stage_close_outside_jurisdiction(
    *, stage: Stage, decided_on: datetime.date, reason: str, by: User | None
) -> Stage:
    """Record the decision that an open stage is outside the procedure's jurisdiction (for
    example, it is about a matter before a court, or about another organisation's service).
    The stage closes on the day of the decision, and cannot go on to a further stage."""
    return _close(
        stage,
        on=decided_on,
        outcome=Outcome.OUTSIDE_JURISDICTION,
        reason=reason,
        what="decision",
        reason_what="reason the complaint is outside jurisdiction",
        action="stage.close_outside_jurisdiction",
        by=by,
    )
