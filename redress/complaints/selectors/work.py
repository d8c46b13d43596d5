"""My work and the team's work: what waits, what is due and what is overdue, counted on the
state each complaint keeps (ADR 0015), so the counts cost the same at any size.

Everything is counted from the complaint side with the same conditions the complaints list
filters by (`lists.status_condition`, `lists.waiting_for`, `lists.assigned_to`), so each count
links to a list showing exactly those complaints.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, fields
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from redress.complaints.choices import StageStatus
from redress.complaints.models import Complaint, LearningAction, Stage
from redress.ombudsman.models import Enquiry

from .lists import (
    NOT_CLOSED,
    assigned_to,
    current_stages,
    due_when,
    overdue,
    waiting_for,
    with_current_stage,
)
from .scoping import sees_complaints, sees_every_complaint

LIST_LENGTH = 25


@dataclass(frozen=True)
class CaseCounts:
    """Open complaints (their current stage open or on hold), and what they wait for."""

    open: int = 0
    on_hold: int = 0
    awaiting_acknowledgement: int = 0
    due_today: int = 0
    due_this_week: int = 0
    overdue: int = 0
    waiting_appointments: int = 0
    waiting_statement: int = 0

    def __add__(self, other: CaseCounts) -> CaseCounts:
        return CaseCounts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


@dataclass(frozen=True)
class OtherCounts:
    """Ombudsman enquiries whose response is not sent (and of those, past its date), enquiries
    with remedies outstanding (and overdue), and learning actions overdue."""

    responses_awaited: int = 0
    responses_overdue: int = 0
    remedies_outstanding: int = 0
    remedies_overdue: int = 0
    learning_overdue: int = 0


@dataclass(frozen=True)
class PersonWork:
    """One person's (or nobody's: not allocated) open complaints, by stage."""

    user_id: int | None
    name: str
    team: str
    counts: CaseCounts
    by_stage: dict[int, CaseCounts] = field(default_factory=dict)


@dataclass(frozen=True)
class WorkItem:
    complaint: Complaint
    stage: Stage | None
    days_left: int | None


@dataclass(frozen=True)
class MyWork:
    counts: CaseCounts
    other: OtherCounts
    items: list[WorkItem]


@dataclass(frozen=True)
class TeamWork:
    counts: CaseCounts
    other: OtherCounts
    people: list[PersonWork]
    by_stage: dict[int, CaseCounts]


def _count_columns(today: datetime.date) -> dict[str, Count]:
    return {
        "open": Count("pk"),
        "on_hold": Count("pk", filter=Q(status=StageStatus.ON_HOLD)),
        "awaiting_acknowledgement": Count("pk", filter=waiting_for("acknowledgement")),
        "due_today": Count("pk", filter=due_when("today", today)),
        "due_this_week": Count("pk", filter=due_when("this_week", today)),
        "overdue": Count("pk", filter=overdue(today)),
        "waiting_appointments": Count("pk", filter=waiting_for("appointments")),
        "waiting_statement": Count("pk", filter=waiting_for("statement")),
    }


def _open_complaints() -> QuerySet[Complaint]:
    return with_current_stage(Complaint.objects.filter(NOT_CLOSED)).order_by()


def _counts(row: dict[str, Any]) -> CaseCounts:
    return CaseCounts(**{f.name: row[f.name] for f in fields(CaseCounts)})


def other_counts(user: Any, today: datetime.date, *, everyone: bool) -> OtherCounts:
    """Ombudsman and learning work. For one person: the enquiries they may see (their own
    complaints'; every one for the complaints team) and the learning actions they own. For
    `everyone`: the whole service's. Two queries."""
    from redress.ombudsman.selectors import enquiries_visible_to  # (ombudsman reads complaints)

    seen = Enquiry.objects.all() if everyone else enquiries_visible_to(user)
    not_sent = Q(response_sent_date__isnull=True)
    outstanding = Q(remedies__completed_date__isnull=True, remedies__isnull=False)
    enquiries = seen.order_by().aggregate(
        responses_awaited=Count("pk", filter=not_sent, distinct=True),
        responses_overdue=Count(
            "pk", filter=not_sent & Q(response_due_date__lt=today), distinct=True
        ),
        remedies_outstanding=Count("pk", filter=outstanding, distinct=True),
        remedies_overdue=Count(
            "pk", filter=outstanding & Q(remedies__due_date__lt=today), distinct=True
        ),
    )
    actions = LearningAction.objects.filter(completed_date__isnull=True, due_date__lt=today)
    if not everyone:
        actions = actions.filter(owner__icontains=user.display_name)
    return OtherCounts(**enquiries, learning_overdue=actions.count())


def work_items(complaints: QuerySet[Complaint], clock: Any, limit: int) -> list[WorkItem]:
    """The first `limit` complaints due (most overdue first; on hold and without a due date
    last), each with its current stage and the working days left. Two queries."""
    rows = list(
        complaints.select_related("service_area", "procedure").order_by(
            F("due_date").asc(nulls_last=True), "reference"
        )[:limit]
    )
    stages = current_stages(rows)
    return [
        WorkItem(
            complaint,
            stages.get(complaint.pk),
            clock.days_left(complaint.due_date) if complaint.due_date else None,
        )
        for complaint in rows
    ]


def my_work(*, user: Any, clock: Any) -> MyWork:
    """The user's open complaints (the current stage allocated or appointed to them) counted by
    what they wait for, the first of them due, and their Ombudsman and learning work."""
    today = clock.today
    mine = _open_complaints().filter(assigned_to(user))
    counts = _counts(mine.aggregate(**_count_columns(today)))
    items = work_items(mine, clock, LIST_LENGTH) if counts.open else []
    return MyWork(counts, other_counts(user, today, everyone=False), items)


def team_work(*, user: Any, today: datetime.date) -> TeamWork:
    """Every open complaint, counted by the person its current stage is allocated to and by
    stage, in one query; and the service's Ombudsman and learning work."""
    person = "current__allocated_to"
    rows = (
        _open_complaints()
        .values(
            person,
            "stage_reached",
            f"{person}__username",
            f"{person}__first_name",
            f"{person}__last_name",
            f"{person}__organisation__name",
        )
        .annotate(**_count_columns(today))
    )
    people: dict[int | None, dict[str, Any]] = {}
    by_stage: dict[int, CaseCounts] = {}
    total = CaseCounts()
    for row in rows:
        counts = _counts(row)
        total += counts
        number = row["stage_reached"] or 0
        by_stage[number] = by_stage.get(number, CaseCounts()) + counts
        entry = people.setdefault(row[person], {"row": row, "counts": CaseCounts(), "stages": {}})
        entry["counts"] += counts
        entry["stages"][number] = entry["stages"].get(number, CaseCounts()) + counts
    people_work = []
    for pk, entry in people.items():
        row = entry["row"]
        name = " ".join(n for n in (row[f"{person}__first_name"], row[f"{person}__last_name"]) if n)
        people_work.append(
            PersonWork(
                user_id=pk,
                name=(name or row[f"{person}__username"]) if pk else "Not allocated",
                team=row[f"{person}__organisation__name"] or "",
                counts=entry["counts"],
                by_stage=dict(sorted(entry["stages"].items())),
            )
        )
    # Not allocated first (it needs someone), then people by name.
    people_work.sort(key=lambda p: (p.user_id is not None, p.name.lower()))
    return TeamWork(
        counts=total,
        other=other_counts(user, today, everyone=True),
        people=people_work,
        by_stage=dict(sorted(by_stage.items())),
    )


def shows_team(user: Any) -> bool:
    """The team's work: the complaints team sees it with the people and links; executives see
    the counts only."""
    return sees_every_complaint(user) or not sees_complaints(user)
