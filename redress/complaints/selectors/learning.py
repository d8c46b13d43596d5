"""Learning actions as the staff pages read them: who sees which, the filtered list and its
counts. The complaints team sees every action, including those raised from complaints in
general; anyone else who sees complaints sees the actions on the complaints they may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from redress.complaints.models import LearningAction
from redress.complaints.services.learning import THEME_KINDS
from redress.taxonomies.models import Term

from .scoping import complaints_visible_to, may_manage_complaints, sees_complaints

# The list's status filter: open includes overdue, as on the complaints list.
ACTION_STATUSES = {"open": "Open", "overdue": "Overdue", "completed": "Completed"}


@dataclass(frozen=True)
class ActionFilters:
    status: str = ""
    theme: Term | None = None
    owner: str = ""


@dataclass(frozen=True)
class ActionCounts:
    total: int
    open: int
    overdue: int
    completed: int


def actions_visible_to(user: Any) -> QuerySet[LearningAction]:
    actions = LearningAction.objects.all()
    if may_manage_complaints(user):
        return actions
    if not sees_complaints(user):
        return actions.none()
    return actions.filter(complaint__in=complaints_visible_to(user))


def learning_themes() -> QuerySet[Term]:
    """The terms a learning action's theme is chosen from: the learning themes, then the
    themes, each taxonomy in the order it came into use."""
    return (
        Term.objects.filter(taxonomy__kind__in=THEME_KINDS, parent__isnull=True)
        .select_related("taxonomy")
        .order_by("-taxonomy__kind", "taxonomy__valid_from", "taxonomy__code", "order", "name")
    )


def _status(status: str, today: datetime.date) -> Q:
    if status == "open":
        return Q(completed_date__isnull=True)
    if status == "overdue":
        return Q(completed_date__isnull=True, due_date__lt=today)
    if status == "completed":
        return Q(completed_date__isnull=False)
    return Q()


def _filtered(user: Any, filters: ActionFilters) -> QuerySet[LearningAction]:
    actions = actions_visible_to(user)
    if filters.theme is not None:
        actions = actions.filter(theme=filters.theme)
    if filters.owner:
        actions = actions.filter(owner__icontains=filters.owner)
    return actions


def action_list(
    *, user: Any, filters: ActionFilters, today: datetime.date
) -> QuerySet[LearningAction]:
    """The actions the user may see that match the filters, soonest due first (those without
    a due date last)."""
    return (
        _filtered(user, filters)
        .filter(_status(filters.status, today))
        .select_related("complaint", "theme__parent")
        .order_by(F("due_date").asc(nulls_last=True), "raised_date", "id")
    )


def action_counts(*, user: Any, filters: ActionFilters, today: datetime.date) -> ActionCounts:
    """How many actions match the filters, and how many of those by status, in one query."""
    counts = _filtered(user, filters).aggregate(
        open=Count("pk", filter=_status("open", today)),
        overdue=Count("pk", filter=_status("overdue", today)),
        completed=Count("pk", filter=_status("completed", today)),
    )
    total = counts[filters.status] if filters.status else counts["open"] + counts["completed"]
    return ActionCounts(total=total, **counts)


def action_for_page(*, user: Any, pk: int) -> LearningAction | None:
    """The action, if the user may see it."""
    return (
        actions_visible_to(user)
        .select_related("complaint__procedure", "theme__parent")
        .filter(pk=pk)
        .first()
    )
