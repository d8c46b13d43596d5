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

from .checks import not_before, not_in_future, required_text, term_of_kind

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.taxonomies.models import Term

FIELDS = ["description", "theme", "owner", "raised_date", "due_date", "completed_date"]


@transaction.atomic
def action_raise(
    *,
    description: str,
    raised_on: datetime.date,
    by: User | None,
    complaint: Complaint | None = None,
    theme: Term | None = None,
    owner: str = "",
    due_on: datetime.date | None = None,
) -> LearningAction:
    """Record a learning action (from a complaint, or from complaints in general), with its
    owner, due date and learning theme."""
    description = required_text(description, what="description of the action")
    not_in_future(raised_on, what="raised")
    if complaint is not None:
        not_before(
            raised_on,
            what="raised",
            earlier="date the complaint was received",
            earlier_date=complaint.received_date,
        )
    if due_on is not None:
        not_before(due_on, what="due", earlier="date it was raised", earlier_date=raised_on)
    if theme is not None:
        term_of_kind(theme, [TaxonomyKind.LEARNING, TaxonomyKind.THEMES], described="themes")
    action = LearningAction.objects.create(
        complaint=complaint,
        description=description,
        theme=theme,
        owner=owner.strip(),
        raised_date=raised_on,
        due_date=due_on,
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
    *, action: LearningAction, completed_on: datetime.date, evidence: str, by: User | None
) -> LearningAction:
    """Record that a learning action was done, with the evidence."""
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
    audit.save_changes(
        action,
        {"completed_date": completed_on, "completion_evidence": evidence.strip()},
        action="action.complete",
        by=by,
        complaint=action.complaint,
        shown=[*FIELDS, "completion_evidence"],
    )
    complaint_changed(action.complaint)
    return action
