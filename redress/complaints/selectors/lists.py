"""The complaints list: filtered, sorted and counted in the database on the state each complaint
keeps (`complaints.state`, ADR 0015), one page at a time by keyset.

Every filter reads a stored, indexed column of the complaint or of its current stage (the stage
numbered `stage_reached`), so no deadline is worked out in SQL, and the counts the page shows
(all, open, on hold, overdue, closed) come from one aggregate query.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
)

from redress.complaints.choices import AppointmentRole, StageStatus
from redress.complaints.models import Appointment, Complaint, Stage
from redress.ombudsman.models import Enquiry
from redress.organisations.models import Locality, Organisation, ServiceArea
from redress.people.models import Person
from redress.procedures.models import Procedure

from .paging import SortKey
from .scoping import complaints_visible_to

STATUSES = {"open": "Open", "on_hold": "On hold", "overdue": "Overdue", "closed": "Closed"}
# What a stage can be waiting for, as "My work" counts it and the list filters by it.
WAITING = {
    "acknowledgement": "Acknowledgement",
    "appointments": "Stage 2: appointments",
    "statement": "Stage 2: statement of complaint",
}
UNALLOCATED = "none"
# When the current stage is due, as "My work" counts it and the list filters by it.
DUE = {"today": "Today", "this_week": "Later this week"}


def _date(value: Any) -> datetime.date:
    return datetime.date.fromisoformat(str(value))


# Sort keys a page may ask for ("-" in front: the other way round), and what they order by.
SORTS = {
    "due": SortKey("due_date", _date, nullable=True),
    "received": SortKey("received_date", _date),
    "reference": SortKey("reference", str),
    "stage": SortKey("stage_reached", int, nullable=True),
    "service": SortKey("service_area__name", str),
    "procedure": SortKey("procedure__order", int),
}
DEFAULT_SORT = "-received"


@dataclass(frozen=True)
class ComplaintFilters:
    q: str = ""
    status: str = ""
    procedure: Procedure | None = None
    stage: int | None = None
    service_area: ServiceArea | None = None
    locality: Locality | None = None
    citywide: bool = False
    organisation: Organisation | None = None
    outcome: str = ""
    allocated_to: int | None = None
    unallocated: bool = False
    team: Organisation | None = None
    waiting: str = ""
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None
    due: str = ""
    complainant_type: str = ""
    sort: str = DEFAULT_SORT

    def without(self, name: str) -> ComplaintFilters:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values[name] = next(f for f in fields(self) if f.name == name).default
        return ComplaintFilters(**values)

    @property
    def sort_key(self) -> SortKey:
        return SORTS.get(self.sort.lstrip("-"), SORTS["received"])

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-") if self.sort.lstrip("-") in SORTS else True


@dataclass(frozen=True)
class StatusCounts:
    """How many complaints match the filters other than status, by status; `listed` is how
    many the list shows (the status filter included)."""

    total: int
    open: int
    on_hold: int
    overdue: int
    closed: int
    listed: int


NOT_CLOSED = ~Q(status=StageStatus.CLOSED)


def overdue(today: datetime.date) -> Q:
    """Open (not on hold), and the stored due date has passed."""
    return Q(status=StageStatus.OPEN, due_date__lt=today)


def status_condition(status: str, today: datetime.date) -> Q:
    if status == "open":
        return NOT_CLOSED
    if status == "on_hold":
        return Q(status=StageStatus.ON_HOLD)
    if status == "overdue":
        return overdue(today)
    if status == "closed":
        return Q(status=StageStatus.CLOSED)
    return Q()


def with_current_stage(complaints: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """`current`: the complaint's current stage, joined (at most one row per complaint)."""
    return complaints.annotate(
        current=FilteredRelation("stages", condition=Q(stages__number=F("stage_reached")))
    )


def appointed_to_current(**conditions: Any) -> Exists:
    return Exists(
        Appointment.objects.filter(
            stage__complaint=OuterRef("pk"), stage__number=OuterRef("stage_reached"), **conditions
        )
    )


def assigned_to(user: Any) -> Q:
    """The current stage is allocated to the user, or they are appointed to it (investigating
    officers, independent persons, panel members)."""
    return Q(current__allocated_to=user) | Q(appointed_to_current(user=user))


def waiting_for(what: str) -> Q:
    """Open (or on hold) complaints whose current stage waits for something."""
    if what == "acknowledgement":
        return NOT_CLOSED & Q(current__acknowledged_date__isnull=True)
    if what == "appointments":
        missing = ~Q(appointed_to_current(role=AppointmentRole.INVESTIGATING_OFFICER)) | ~Q(
            appointed_to_current(role=AppointmentRole.INDEPENDENT_PERSON)
        )
        return NOT_CLOSED & Q(stage_reached=2) & missing
    if what == "statement":
        return NOT_CLOSED & Q(stage_reached=2, current__statement_agreed_date__isnull=True)
    return Q()


def week_ends(today: datetime.date) -> datetime.date:
    """The Sunday that ends today's week: "due this week" is after today, up to then."""
    return today + datetime.timedelta(days=6 - today.weekday())


def due_when(when: str, today: datetime.date) -> Q:
    """Open (not on hold: a stage on hold has no due date), and due today or later this week."""
    if when == "today":
        return Q(due_date=today)
    if when == "this_week":
        return Q(due_date__gt=today, due_date__lte=week_ends(today))
    return Q()


def search(q: str) -> QuerySet[Any, Any]:
    """Ids of complaints whose reference, complainant's name, child's name or Ombudsman
    reference contains `q`: a union of small index lookups (trigram indexes on PostgreSQL)
    rather than one OR across joins, which would test every complaint."""
    people = Person.objects.filter(name__icontains=q).values("pk")
    ids = Complaint.objects.order_by().values("pk")
    return (
        ids.filter(reference__icontains=q)
        .union(ids.filter(complainant__in=people))
        .union(ids.filter(on_behalf_of__in=people))
        .union(Complaint.children.through.objects.filter(person__in=people).values("complaint_id"))
        .union(
            Enquiry.objects.filter(lgo_reference__icontains=q, complaint__isnull=False).values(
                "complaint_id"
            )
        )
    )


def _filtered(user: Any, filters: ComplaintFilters, today: datetime.date) -> QuerySet[Complaint]:
    """The complaints the user may see matching every filter but status."""
    complaints = with_current_stage(complaints_visible_to(user))
    conditions = Q()
    for value, condition in (
        (filters.procedure, Q(procedure=filters.procedure)),
        (filters.stage, Q(stage_reached=filters.stage)),
        (filters.service_area, Q(service_area=filters.service_area)),
        (filters.organisation, Q(organisation=filters.organisation)),
        (filters.complainant_type, Q(complainant_type=filters.complainant_type)),
        (filters.received_from, Q(received_date__gte=filters.received_from)),
        (filters.received_to, Q(received_date__lte=filters.received_to)),
        (filters.due, due_when(filters.due, today)),
        (filters.outcome, Q(current__outcome=filters.outcome)),
        (filters.team, Q(current__allocated_to__organisation=filters.team)),
        (filters.waiting, waiting_for(filters.waiting)),
    ):
        if value:
            conditions &= condition
    if filters.citywide:
        conditions &= Q(locality__isnull=True)
    elif filters.locality is not None:
        conditions &= Q(locality=filters.locality)
    if filters.allocated_to is not None:
        conditions &= assigned_to(filters.allocated_to)
    elif filters.unallocated:
        conditions &= NOT_CLOSED & Q(current__allocated_to__isnull=True)
    if filters.q:
        conditions &= Q(pk__in=search(filters.q))
    return complaints.filter(conditions)


def complaint_list(
    *, user: Any, filters: ComplaintFilters, today: datetime.date
) -> QuerySet[Complaint]:
    """The complaints the user may see that match the filters, unordered: `paging.keyset_page`
    orders and slices them."""
    return (
        _filtered(user, filters, today)
        .filter(status_condition(filters.status, today))
        .select_related("procedure", "service_area", "locality")
    )


def status_counts(*, user: Any, filters: ComplaintFilters, today: datetime.date) -> StatusCounts:
    """How many complaints match the filters, by status: one aggregate query."""
    counts = (
        _filtered(user, filters, today)
        .order_by()
        .aggregate(
            total=Count("pk"),
            open=Count("pk", filter=NOT_CLOSED),
            on_hold=Count("pk", filter=Q(status=StageStatus.ON_HOLD)),
            overdue=Count("pk", filter=overdue(today)),
        )
    )
    closed = counts["total"] - counts["open"]
    listed = {"": counts["total"], "closed": closed}.get(filters.status)
    return StatusCounts(
        total=counts["total"],
        open=counts["open"],
        on_hold=counts["on_hold"],
        overdue=counts["overdue"],
        closed=closed,
        listed=counts[filters.status] if listed is None else listed,
    )


def current_stages(complaints: list[Complaint]) -> dict[int, Stage]:
    """Each complaint's current stage, with who it is allocated to: one query for a page."""
    stages = Stage.objects.filter(complaint__in=[c.pk for c in complaints]).select_related(
        "allocated_to"
    )
    reached = {c.pk: c.stage_reached for c in complaints}
    return {s.complaint_id: s for s in stages if reached.get(s.complaint_id) == s.number}
