"""The home page: the signed-in user's work, and the open stages that are overdue or due soon."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from redress.complaints.models import Appointment, Stage
from redress.procedures.deadlines import StageDeadlines

from .clock import OPEN, Clock
from .scoping import sees_every_complaint, stages_visible_to

LIST_LENGTH = 20


@dataclass(frozen=True)
class WorkItem:
    stage: Stage
    deadlines: StageDeadlines | None
    days_left: int | None

    @property
    def complaint(self) -> Any:
        return self.stage.complaint


@dataclass(frozen=True)
class StageCount:
    number: int
    open: int
    overdue: int
    due_soon: int


@dataclass(frozen=True)
class MyWork:
    mine: list[WorkItem]
    overdue: list[WorkItem]
    due_soon: list[WorkItem]
    counts: list[StageCount]
    shows_all_open_stages: bool

    @property
    def open_total(self) -> int:
        return sum(c.open for c in self.counts)

    @property
    def overdue_total(self) -> int:
        return sum(c.overdue for c in self.counts)

    @property
    def due_soon_total(self) -> int:
        return sum(c.due_soon for c in self.counts)


def stage_rows(ids: list[int], clock: Clock) -> list[WorkItem]:
    """Whole rows for stage ids, in the order given, with their deadlines."""
    stages = Stage.objects.filter(pk__in=ids).select_related(
        "complaint__procedure", "complaint__service_area", "allocated_to"
    )
    by_id = {s.pk: s for s in stages.prefetch_related("extensions")}
    items = []
    for pk in ids:
        if pk in by_id:
            deadlines = clock.deadlines(by_id[pk])
            days_left = clock.days_left(deadlines.applicable_due) if deadlines else None
            items.append(WorkItem(by_id[pk], deadlines, days_left))
    return items


def stage_counts(stages: QuerySet[Stage], clock: Clock) -> list[StageCount]:
    """Open stages by stage number, with how many are overdue and due soon."""
    rows = (
        clock.with_deadline_inputs(stages.filter(OPEN))
        .values("number")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=clock.overdue),
            due_soon=Count("pk", filter=clock.due_soon),
        )
        .order_by("number")
    )
    return [StageCount(r["number"], r["open"], r["overdue"], r["due_soon"]) for r in rows]


def my_stages(user: Any) -> QuerySet[Stage]:
    """Open stages allocated to the user or that they are appointed to."""
    appointed = Exists(Appointment.objects.filter(stage=OuterRef("pk"), user=user))
    return Stage.objects.filter(OPEN).filter(Q(allocated_to=user) | Q(appointed))


def my_work(*, user: Any, clock: Clock) -> MyWork:
    """What the home page shows. Executives get the counts only."""
    shows_all = sees_every_complaint(user)
    counted = Stage.objects.all() if shows_all or not user.sees_personal_data else None
    counts = stage_counts(counted if counted is not None else stages_visible_to(user), clock)
    if not user.sees_personal_data and not shows_all:
        return MyWork([], [], [], counts, shows_all_open_stages=False)

    mine = stage_rows(clock.in_due_order(clock.with_deadline_inputs(my_stages(user)), 100), clock)
    overdue: list[WorkItem] = []
    due_soon: list[WorkItem] = []
    if shows_all:
        annotated = clock.with_deadline_inputs(Stage.objects.all())
        overdue = stage_rows(
            clock.in_due_order(annotated.filter(clock.overdue), LIST_LENGTH), clock
        )
        due_soon = stage_rows(
            clock.in_due_order(annotated.filter(clock.due_soon), LIST_LENGTH), clock
        )
    return MyWork(mine, overdue, due_soon, counts, shows_all_open_stages=shows_all)
