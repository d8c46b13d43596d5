"""Holds: a stage's clock stops while it is on hold (for example while court proceedings or a
criminal investigation would be prejudiced), and every deadline moves by the working days it
was held. One hold runs at a time; `complaints.state` works the held days and the on-hold
status out from the `Hold` rows."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from redress.complaints.models import Hold, Stage
from redress.complaints.state import complaint_changed
from redress.core import audit
from redress.core.clock import today
from redress.procedures import rules

from .checks import ensure_open, lock_stage, not_before

if TYPE_CHECKING:
    from redress.accounts.models import User

# What a hold's audit event shows: the stage names it on the timeline.
HOLD_FIELDS = ("stage", "start_date", "end_date", "reason")


def running_hold(stage: Stage) -> Hold | None:
    """The hold the stage is on now, if any."""
    return stage.holds.filter(end_date__isnull=True).order_by("-start_date", "-id").first()


@transaction.atomic
def stage_hold(*, stage: Stage, start_on: datetime.date, reason: str, by: User | None) -> Hold:
    """Put an open stage on hold from `start_on`: its clock stops until it resumes."""
    stage = lock_stage(stage)
    ensure_open(stage)
    if (running := running_hold(stage)) is not None:
        raise rules.StageAlreadyOnHold(stage=stage.number, since=running.start_date)
    reason = (reason or "").strip()
    if not reason:
        raise rules.HoldNeedsReason(stage=stage.number)
    if start_on > today():
        raise rules.HoldStartsInFuture(date=start_on)
    if start_on < stage.received_date:
        raise rules.HoldStartsBeforeReceived(
            date=start_on, stage=stage.number, earlier_date=stage.received_date
        )
    last = last_resumed(stage)
    if last is not None and start_on < last:
        raise rules.HoldStartsBeforeLastResumed(date=start_on, earlier_date=last)
    hold = Hold.objects.create(stage=stage, start_date=start_on, reason=reason, placed_by=by)
    audit.record(
        action="stage.hold",
        obj=hold,
        by=by,
        after=audit.snapshot(hold, HOLD_FIELDS),
        complaint=stage.complaint,
    )
    complaint_changed(stage.complaint, stage=stage)
    return hold


def end_hold(hold: Hold, *, on: datetime.date, by: User | None, note: str = "") -> Hold:
    """Stop a running hold on `on`, audited; for a service that has locked and checked its
    stage and calls `complaint_changed` itself."""
    audit.save_changes(
        hold,
        {"end_date": on},
        action="stage.resume",
        by=by,
        complaint=hold.stage.complaint,
        note=note,
        shown=HOLD_FIELDS,
    )
    return hold


def last_resumed(stage: Stage) -> datetime.date | None:
    """The day the stage last came off hold, if it ever was on hold."""
    return (
        stage.holds.filter(end_date__isnull=False)
        .order_by("-end_date")
        .values_list("end_date", flat=True)
        .first()
    )


def check_not_held(stage: Stage, *, on: datetime.date, what: str) -> None:
    """Before a stage's response: it is not on hold, and the response does not come before
    the end of a hold (whose working days would then count against nothing)."""
    if (running := running_hold(stage)) is not None:
        raise rules.StageOnHold(stage=stage.number, since=running.start_date)
    not_before(on, what=what, earlier="end of its last hold", earlier_date=last_resumed(stage))


@transaction.atomic
def stage_resume(*, stage: Stage, resumed_on: datetime.date, by: User | None) -> Hold:
    """Take a stage off hold on `resumed_on`: its clock runs again from that day, and its
    deadlines move by the working days it was held."""
    stage = lock_stage(stage)
    ensure_open(stage)
    hold = running_hold(stage)
    if hold is None:
        raise rules.StageNotOnHold(stage=stage.number)
    if resumed_on > today():
        raise rules.ResumeInFuture(date=resumed_on)
    if resumed_on < hold.start_date:
        raise rules.ResumeBeforeHold(date=resumed_on, earlier_date=hold.start_date)
    hold.stage = stage  # the locked instance, with its complaint
    end_hold(hold, on=resumed_on, by=by)
    complaint_changed(stage.complaint, stage=stage)
    return hold
