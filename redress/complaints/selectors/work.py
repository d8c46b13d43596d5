"""My work and the team's work: what waits, what is due and what is overdue, counted on the
state each complaint keeps (ADR 0015), so the counts cost the same at any size.

Open complaints are counted by their open stages (only the current stage can be open), read
from the partial index `stage_open_idx`, with the same conditions the complaints list filters
by (`lists.stage_waiting_for`, `lists.stage_assigned_to`, `lists.due_when`, `lists.overdue`),
so each count links to a list showing exactly those complaints.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from operator import add
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from redress.accounts.models import User
from redress.complaints.choices import StageStatus
from redress.complaints.models import Complaint, LearningAction, Stage
from redress.ombudsman.models import Enquiry

from .lists import (
    due_when,
    open_stages,
    overdue,
    stage_assigned_to,
    stage_waiting_for,
)
from .scoping import complaint_ids_visible_to, sees_every_complaint

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
        # Added up thousands of times on the team's page: no introspection.
        return CaseCounts(*map(add, _values(self), _values(other)))


def _values(counts: CaseCounts) -> tuple[int, ...]:
    return (
        counts.open,
        counts.on_hold,
        counts.awaiting_acknowledgement,
        counts.due_today,
        counts.due_this_week,
        counts.overdue,
        counts.waiting_appointments,
        counts.waiting_statement,
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
    team_id: int | None = None


@dataclass(frozen=True)
class TeamCounts:
    """The open complaints of one team: the people of one organisation."""

    team_id: int | None
    name: str
    counts: CaseCounts
    people: int


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
    unallocated: CaseCounts

    @property
    def teams(self) -> list[TeamCounts]:
        """The people's work by their organisation (those without one together, last)."""
        found: dict[int | None, list[PersonWork]] = {}
        for person in self.people:
            if person.user_id is not None:
                found.setdefault(person.team_id, []).append(person)
        teams = [
            TeamCounts(
                pk,
                people[0].team or "No team",
                _total(p.counts for p in people),
                len(people),
            )
            for pk, people in found.items()
        ]
        return sorted(teams, key=lambda t: (t.team_id is None, t.name.lower()))

    def people_of(self, team_id: int | None) -> list[PersonWork]:
        """The people of one team (None: those with no organisation)."""
        return [p for p in self.people if p.user_id is not None and p.team_id == team_id]


def _count_columns(today: datetime.date) -> dict[str, Count]:
    return {
        "open": Count("pk"),
        "on_hold": Count("pk", filter=Q(status=StageStatus.ON_HOLD)),
        "awaiting_acknowledgement": Count("pk", filter=stage_waiting_for("acknowledgement")),
        "due_today": Count("pk", filter=due_when("today", today)),
        "due_this_week": Count("pk", filter=due_when("this_week", today)),
        "overdue": Count("pk", filter=overdue(today)),
        "waiting_appointments": Count("pk", filter=stage_waiting_for("appointments")),
        "waiting_statement": Count("pk", filter=stage_waiting_for("statement")),
    }


COUNTED = tuple(f.name for f in fields(CaseCounts))


def _total(counts: Iterable[CaseCounts]) -> CaseCounts:
    """The sum of many counts, column by column (no CaseCounts made along the way)."""
    columns = list(zip(*map(_values, counts), strict=True))
    return CaseCounts(*map(sum, columns)) if columns else CaseCounts()


def _counts(row: Any) -> CaseCounts:
    return CaseCounts(*(row[name] for name in COUNTED))


def other_counts(user: Any, today: datetime.date, *, everyone: bool) -> OtherCounts:
    """Ombudsman and learning work. For one person: the enquiries they may see (their own
    complaints'; every one for the complaints team) and the learning actions they own. For
    `everyone`: the whole service's. Two queries."""
    # The enquiries on the complaints the user may see, as `ombudsman.selectors` has it.
    seen = Enquiry.objects.all()
    if not everyone and not sees_every_complaint(user):
        seen = seen.filter(complaint_id__in=complaint_ids_visible_to(user))
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


def work_items(stages: QuerySet[Stage], clock: Any, limit: int) -> list[WorkItem]:
    """The first `limit` open stages due (most overdue first; on hold last), each with its
    complaint and the working days left. One query."""
    rows = stages.select_related("complaint__service_area", "complaint__procedure").order_by(
        F("due_date").asc(nulls_last=True), "complaint__reference"
    )[:limit]
    return [
        WorkItem(
            stage.complaint, stage, clock.days_left(stage.due_date) if stage.due_date else None
        )
        for stage in rows
    ]


def my_work(*, user: Any, clock: Any) -> MyWork:
    """The user's open complaints (their open stage allocated or appointed to them) counted by
    what they wait for, the first of them due, and their Ombudsman and learning work."""
    today = clock.today
    mine = open_stages().filter(stage_assigned_to(user)).order_by()
    counts = _counts(mine.aggregate(**_count_columns(today)))
    items = work_items(mine, clock, LIST_LENGTH)
    return MyWork(counts, other_counts(user, today, everyone=False), items)


def team_work(*, user: Any, today: datetime.date) -> TeamWork:
    """Every open complaint, counted by the person its current stage is allocated to and by
    stage (one query, grouped on two numbers), the people's names (one more), and the
    service's Ombudsman and learning work."""
    rows = (
        open_stages()
        .order_by()
        .values("allocated_to", "number")
        .annotate(**_count_columns(today))
        .values_list("allocated_to", "number", *COUNTED)
    )
    # Each person's counts by stage, as tuples added up at the end (a large authority has
    # thousands of person-and-stage rows: no arithmetic on CaseCounts per row).
    grouped: dict[int | None, dict[int, tuple[int, ...]]] = {}
    for allocated_to, number, *values in rows:
        grouped.setdefault(allocated_to, {})[number] = tuple(values)
    people = {
        pk: {number: CaseCounts(*values) for number, values in stages.items()}
        for pk, stages in grouped.items()
    }
    numbers = sorted({number for stages in grouped.values() for number in stages})
    by_stage = {
        number: _total(stages[number] for stages in people.values() if number in stages)
        for number in numbers
    }
    total = _total(by_stage.values())
    # Names only (a large authority has hundreds of people with work).
    users = User.objects.filter(pk__in=[pk for pk in people if pk]).values_list(
        "pk", "first_name", "last_name", "username", "organisation_id", "organisation__name"
    )
    found: dict[int | None, tuple[Any, ...]] = {u[0]: u for u in users}
    people_work = []
    for pk, stages in people.items():
        _, first, last, username, team_id, team = found.get(pk) or ("",) * 6
        people_work.append(
            PersonWork(
                user_id=pk,
                name=str(f"{first} {last}".strip() or username) if pk else "Not allocated",
                team=team or "",
                counts=_total(stages.values()),
                by_stage=dict(sorted(stages.items())),
                team_id=team_id,
            )
        )
    # Not allocated first (it needs someone), then people by name.
    people_work.sort(key=lambda p: (p.user_id is not None, p.name.lower()))
    return TeamWork(
        counts=total,
        other=other_counts(user, today, everyone=True),
        people=people_work,
        by_stage=by_stage,
        unallocated=_total(people.get(None, {}).values()),
    )
