"""The stage 3 review panel's milestones: the panel (its three members appointed, one the
chair) meets, then the chair reports with the panel's recommendations. The authority's response
that follows is `stage_respond`. Each date is refused in the future or out of order, so a stage
never reaches a state whose response could not be recorded."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from redress.complaints.choices import PANEL_ROLES, AppointmentRole
from redress.complaints.models import Stage
from redress.complaints.state import complaint_changed
from redress.core import audit
from redress.procedures import rules

from .checks import ensure_open, lock_stage, not_in_future, rule_for

if TYPE_CHECKING:
    from redress.accounts.models import User


def _panel_stage(stage: Stage) -> Stage:
    stage = lock_stage(stage)
    rule = rule_for(stage.complaint.procedure, stage.number)
    if rule.panel_within_days is None:
        raise rules.PanelOnlyAtStage3(stage=stage.number)
    ensure_open(stage)
    return stage


def _panel_complete(stage: Stage) -> None:
    roles = [a.role for a in stage.appointments.all() if a.role in PANEL_ROLES]
    if len(roles) < rules.PANEL_SIZE:
        raise rules.PanelNotComplete(count=len(roles), size=rules.PANEL_SIZE)
    if AppointmentRole.PANEL_CHAIR not in roles:
        raise rules.PanelHasNoChair(size=rules.PANEL_SIZE)


def _write(stage: Stage, changes: dict[str, object], *, action: str, by: User | None) -> Stage:
    audit.save_changes(stage, changes, action=action, by=by, complaint=stage.complaint)
    complaint_changed(stage.complaint, stage=stage)
    return stage


@transaction.atomic
def stage3_record_panel(*, stage: Stage, held_on: datetime.date, by: User | None) -> Stage:
    """Record the day the review panel met: once its three members are appointed, one of
    them the chair."""
    stage = _panel_stage(stage)
    if stage.panel_date is not None:
        raise rules.AlreadyRecorded(what="review panel", date=stage.panel_date)
    _panel_complete(stage)
    if held_on < stage.received_date:
        raise rules.PanelMilestoneOutOfOrder(
            milestone="panel",
            date=held_on,
            previous="request for a review panel",
            previous_date=stage.received_date,
        )
    not_in_future(held_on, what="panel")
    return _write(stage, {"panel_date": held_on}, action="stage3.record_panel", by=by)


@transaction.atomic
def stage3_record_panel_report(
    *, stage: Stage, received_on: datetime.date, by: User | None, recommendations: str = ""
) -> Stage:
    """Record the day the panel chair's report reached the authority, with the panel's
    recommendations."""
    stage = _panel_stage(stage)
    if stage.panel_date is None:
        raise rules.PanelMilestoneMissing(previous="date the panel met", milestone="panel's report")
    if stage.panel_report_date is not None:
        raise rules.AlreadyRecorded(what="panel's report", date=stage.panel_report_date)
    if received_on < stage.panel_date:
        raise rules.PanelMilestoneOutOfOrder(
            milestone="panel's report",
            date=received_on,
            previous="panel",
            previous_date=stage.panel_date,
        )
    not_in_future(received_on, what="panel's report")
    changes: dict[str, object] = {"panel_report_date": received_on}
    if recommendations.strip():
        changes["panel_recommendations"] = recommendations.strip()
    return _write(stage, changes, action="stage3.record_panel_report", by=by)
