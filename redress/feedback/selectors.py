"""Reads for the feedback pages, and who may use them.

- complaints officers and managers (and superusers): every compliment and every piece of
  informal feedback; they record them, and the closing-the-loop answers;
- participation and advocacy workers: the informal feedback children and young people gave
  (often through them), to read; not compliments, nor adults' feedback;
- everyone else: none. Compliments name staff and feedback is personal, so executives read the
  counts in the reports instead.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from redress.accounts.models import Role
from redress.complaints.selectors import may_manage_complaints
from redress.organisations.models import ServiceArea
from redress.taxonomies.models import TaxonomyKind, Term

from .models import Compliment, InformalFeedback, Question

TEAM_ONLY = (
    "Compliments and feedback are recorded and read by the complaints team (complaints officers "
    "and managers). The annual report shows their counts."
)
CHILDREN_ONLY = (
    "Only the complaints team, and participation and advocacy workers for feedback from children "
    "and young people, can see informal feedback. The annual report shows its counts."
)


def may_record_feedback(user: Any) -> bool:
    """Compliments, informal feedback and closing-the-loop answers: the complaints team's."""
    return may_manage_complaints(user)


def sees_compliments(user: Any) -> bool:
    return may_manage_complaints(user)


def sees_only_childrens_feedback(user: Any) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and not may_manage_complaints(user)
        and user.role == Role.PARTICIPATION_WORKER
    )


def sees_informal_feedback(user: Any) -> bool:
    return may_manage_complaints(user) or sees_only_childrens_feedback(user)


def informal_feedback_visible_to(user: Any) -> QuerySet[InformalFeedback]:
    feedback = InformalFeedback.objects.all()
    if may_manage_complaints(user):
        return feedback
    if sees_only_childrens_feedback(user):
        return feedback.filter(from_child=True)
    return feedback.none()


def feedback_themes() -> QuerySet[Term]:
    """The themes informal feedback is coded with (what `informal_feedback_record` accepts)."""
    return (
        Term.objects.filter(taxonomy__kind=TaxonomyKind.THEMES, parent__isnull=True)
        .select_related("taxonomy")
        .order_by("taxonomy__valid_from", "taxonomy__code", "order", "name")
    )


@dataclass(frozen=True)
class FeedbackFilters:
    service_area: ServiceArea | None = None
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None
    # Informal feedback only: True, False, or None for either.
    from_child: bool | None = None


def _received(filters: FeedbackFilters) -> Q:
    q = Q()
    if filters.service_area is not None:
        q &= Q(service_area=filters.service_area)
    if filters.received_from is not None:
        q &= Q(received_date__gte=filters.received_from)
    if filters.received_to is not None:
        q &= Q(received_date__lte=filters.received_to)
    return q


def compliment_list(*, filters: FeedbackFilters) -> QuerySet[Compliment]:
    """Compliments matching the filters, the latest received first."""
    return (
        Compliment.objects.filter(_received(filters))
        .select_related("service_area", "locality")
        .order_by("-received_date", "-id")
    )


def informal_feedback_list(*, user: Any, filters: FeedbackFilters) -> QuerySet[InformalFeedback]:
    """The informal feedback the user may see that matches the filters, the latest first."""
    feedback = informal_feedback_visible_to(user).filter(_received(filters))
    if filters.from_child is not None:
        feedback = feedback.filter(from_child=filters.from_child)
    return feedback.select_related("service_area", "theme").order_by("-received_date", "-id")


def compliment_for_page(*, pk: int) -> Compliment | None:
    return Compliment.objects.select_related("service_area", "locality").filter(pk=pk).first()


def informal_feedback_for_page(*, user: Any, pk: int) -> InformalFeedback | None:
    return (
        informal_feedback_visible_to(user)
        .select_related("service_area", "theme")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class ClosingTheLoop:
    """Where a complaint's closing-the-loop questions stand, for its summary page."""

    may_record: bool
    asked: bool  # the questions are asked once a stage has been responded to
    answered: int
    questions: int


def closing_the_loop(*, user: Any, complaint: Any) -> ClosingTheLoop:
    """Uses the complaint's prefetched stages and answers."""
    return ClosingTheLoop(
        may_record=may_record_feedback(user),
        asked=any(s.responded_date for s in complaint.stages.all()),
        answered=sum(1 for a in complaint.satisfaction_answers.all() if a.answer),
        questions=len(Question.choices),
    )
