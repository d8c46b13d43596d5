"""The complaints list: filtered, sorted and counted in the database, one page at a time."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery

from redress.complaints.models import Complaint, Stage
from redress.organisations.models import Locality, ServiceArea
from redress.procedures.deadlines import StageDeadlines
from redress.procedures.models import Procedure

from .clock import OPEN, Clock
from .scoping import complaints_visible_to

STATUSES = {"open": "Open", "overdue": "Overdue", "closed": "Closed"}
# Sort keys a page may ask for, and the columns they order by (the reference breaks ties).
SORTS = {
    "reference": "reference",
    "received": "received_date",
    "stage": "stage_reached",
    "service": "service_area__name",
    "procedure": "procedure__order",
}
DEFAULT_SORT = "-received"


@dataclass(frozen=True)
class ComplaintFilters:
    procedure: Procedure | None = None
    stage: int | None = None
    status: str = ""
    service_area: ServiceArea | None = None
    locality: Locality | None = None
    citywide: bool = False
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None
    complainant_type: str = ""
    reference: str = ""
    sort: str = DEFAULT_SORT

    def without(self, name: str) -> ComplaintFilters:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values[name] = next(f for f in fields(self) if f.name == name).default
        return ComplaintFilters(**values)


@dataclass(frozen=True)
class ComplaintRow:
    complaint: Complaint
    current: Stage | None
    deadlines: StageDeadlines | None
    days_left: int | None


@dataclass(frozen=True)
class StatusCounts:
    total: int
    open: int
    overdue: int

    @property
    def closed(self) -> int:
        return self.total - self.open


def _with_open_stages(clock: Clock, *, overdue: bool = False) -> QuerySet:
    """Ids of complaints with an open (or an overdue) stage. Open stages are few, so a filter
    driven from them beats testing every complaint."""
    stages = Stage.objects.filter(OPEN)
    if overdue:
        stages = clock.with_deadline_inputs(stages).filter(clock.overdue)
    return stages.order_by().values("complaint_id")


def _filtered(user: Any, filters: ComplaintFilters, clock: Clock) -> QuerySet[Complaint]:
    complaints = complaints_visible_to(user)
    if filters.procedure is not None:
        complaints = complaints.filter(procedure=filters.procedure)
    if filters.service_area is not None:
        complaints = complaints.filter(service_area=filters.service_area)
    if filters.citywide:
        complaints = complaints.filter(locality__isnull=True)
    elif filters.locality is not None:
        complaints = complaints.filter(locality=filters.locality)
    if filters.received_from is not None:
        complaints = complaints.filter(received_date__gte=filters.received_from)
    if filters.received_to is not None:
        complaints = complaints.filter(received_date__lte=filters.received_to)
    if filters.complainant_type:
        complaints = complaints.filter(complainant_type=filters.complainant_type)
    if filters.reference:
        complaints = complaints.filter(reference__icontains=filters.reference.strip())
    if filters.stage is not None:
        # Stages are numbered without gaps, so "reached N" is "has N and not N + 1": two
        # sets of ids each database builds once, rather than a subquery per complaint.
        stages = Stage.objects.order_by()
        complaints = complaints.filter(
            pk__in=stages.filter(number=filters.stage).values("complaint_id")
        ).exclude(pk__in=stages.filter(number=filters.stage + 1).values("complaint_id"))
    return complaints


def _stage_reached() -> Subquery:
    reached = Stage.objects.filter(complaint=OuterRef("pk")).order_by("-number").values("number")
    return Subquery(reached[:1])


def _with_status(complaints: QuerySet[Complaint], status: str, clock: Clock) -> QuerySet:
    if status == "open":
        return complaints.filter(pk__in=_with_open_stages(clock))
    if status == "closed":
        return complaints.exclude(pk__in=_with_open_stages(clock))
    if status == "overdue":
        return complaints.filter(pk__in=_with_open_stages(clock, overdue=True))
    return complaints


def complaint_list(*, user: Any, filters: ComplaintFilters, clock: Clock) -> QuerySet[Complaint]:
    """The complaints the user may see that match the filters, sorted, ready to paginate.
    Each page loads its rows, their stages and extensions in three queries."""
    complaints = _with_status(_filtered(user, filters, clock), filters.status, clock)
    descending = filters.sort.startswith("-")
    column = SORTS.get(filters.sort.lstrip("-"), SORTS["received"])
    order = f"-{column}" if descending else column
    return (
        complaints.annotate(stage_reached=_stage_reached())
        .select_related("procedure", "service_area", "locality")
        .prefetch_related(
            Prefetch(
                "stages", queryset=Stage.objects.order_by("number").prefetch_related("extensions")
            )
        )
        .order_by(order, "reference")
    )


def status_counts(*, user: Any, filters: ComplaintFilters, clock: Clock) -> StatusCounts:
    """How many complaints match the filters other than status, and how many of them are open
    and overdue. Two queries: open stages are few, so they are counted from the stage side
    rather than by testing every complaint."""
    complaints = _filtered(user, filters, clock).order_by()
    total = complaints.count()
    open_stages = clock.with_deadline_inputs(
        Stage.objects.filter(OPEN, complaint__in=complaints.values("pk"))
    )
    counts = open_stages.order_by().aggregate(
        open=Count("complaint", distinct=True),
        overdue=Count("complaint", distinct=True, filter=clock.overdue),
    )
    return StatusCounts(total, counts["open"], counts["overdue"])


def complaint_rows(complaints: Any, clock: Clock) -> list[ComplaintRow]:
    """A page of complaints with each one's current stage and where its deadline stands."""
    rows = []
    for complaint in complaints:
        stages = list(complaint.stages.all())
        current = stages[-1] if stages else None
        deadlines = clock.deadlines(current) if current is not None else None
        days_left = (
            clock.days_left(deadlines.applicable_due)
            if deadlines is not None and current is not None and current.is_open
            else None
        )
        rows.append(ComplaintRow(complaint, current, deadlines, days_left))
    return rows
