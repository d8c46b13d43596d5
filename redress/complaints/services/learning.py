"""Learning from complaints: the actions raised, and the evidence they were done."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction

from redress.complaints.models import Complaint, LearningAction
from redress.complaints.state import complaint_changed
from redress.core import audit
from redress.procedures import rules
from redress.taxonomies.models import TaxonomyKind

from .checks import lock_complaint, not_before, not_in_future, required_text, term_of_kind

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.taxonomies.models import Term

FIELDS = [
    "description",
    "theme",
    "owner",
    "stage_number",
    "you_said",
    "we_did",
    "raised_date",
    "due_date",
    "completed_date",
]
# The taxonomies a learning action's theme may come from.
THEME_KINDS = (TaxonomyKind.LEARNING, TaxonomyKind.THEMES)


@transaction.atomic
def action_raise(
    *,
    description: str,
    raised_on: datetime.date,
    by: User | None,
    complaint: Complaint | None = None,
    stage_number: int | None = None,
    theme: Term | None = None,
    owner: str = "",
    due_on: datetime.date | None = None,
    you_said: str = "",
    we_did: str = "",
) -> LearningAction:
    """Record a learning action (from a complaint, and the stage whose response prompted it, or
    from complaints in general), with its owner, due date, learning theme and "you said, we
    did" wording. It is raised no earlier than the complaint (and that stage) was received, and
    falls due no earlier than it was raised."""
    description = required_text(description, what="description of the action")
    not_in_future(raised_on, what="raised")
    if complaint is not None:
        complaint = lock_complaint(complaint)
        not_before(
            raised_on,
            what="raised",
            earlier="date the complaint was received",
            earlier_date=complaint.received_date,
        )
    if stage_number is not None:
        if complaint is None:
            raise rules.ActionStageWithoutComplaint(stage=stage_number)
        stage = complaint.stages.filter(number=stage_number).first()
        if stage is None:
            raise rules.ActionStageNotReached(reference=complaint.reference, stage=stage_number)
        not_before(
            raised_on,
            what="raised",
            earlier=f"date stage {stage_number} was received",
            earlier_date=stage.received_date,
        )
    if due_on is not None and due_on < raised_on:
        raise rules.ActionDueBeforeRaised(date=due_on, earlier_date=raised_on)
    if theme is not None:
        term_of_kind(theme, THEME_KINDS, described="themes")
    action = LearningAction.objects.create(
        complaint=complaint,
        stage_number=stage_number,
        description=description,
        theme=theme,
        owner=owner.strip(),
        raised_date=raised_on,
        due_date=due_on,
        you_said=you_said.strip(),
        we_did=we_did.strip(),
    )
    audit.record(
        action="action.raise",
        obj=action,
        by=by,
        after=audit.snapshot(action, FIELDS),
        complaint=complaint,
    )
    complaint_changed(complaint)
    return action


@transaction.atomic
def action_complete(
    *,
    action: LearningAction,
    completed_on: datetime.date,
    evidence: str,
    by: User | None,
    we_did: str | None = None,
) -> LearningAction:
    """Record that a learning action was done, with the evidence (and, when given, the "we did"
    wording written now it is done)."""
    action = LearningAction.objects.select_for_update().get(pk=action.pk)
    if action.completed_date is not None:
        raise rules.AlreadyRecorded(what="completion of this action", date=action.completed_date)
    if not (evidence or "").strip():
        raise rules.ActionNeedsEvidence()
    not_before(
        completed_on,
        what="completed",
        earlier="date the action was raised",
        earlier_date=action.raised_date,
    )
    not_in_future(completed_on, what="completed")
    changes: dict[str, object] = {
        "completed_date": completed_on,
        "completion_evidence": evidence.strip(),
    }
    if we_did is not None:
        changes["we_did"] = we_did.strip()
    audit.save_changes(
        action,
        changes,
        action="action.complete",
        by=by,
        complaint=action.complaint,
        shown=[*FIELDS, "completion_evidence"],
    )
    complaint_changed(action.complaint)
    return action
