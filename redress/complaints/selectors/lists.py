"""The complaints list: filtered, sorted and counted in the database on the state each complaint
keeps (`complaints.state`, ADR 0015), one page at a time by keyset.

Every filter reads a stored, indexed column of the complaint or of its current stage (the stage
numbered `stage_reached`), so no deadline is worked out in SQL, and the counts the page shows
(all, open, on hold, overdue, closed) come from one aggregate query.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, fields
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    Lookup,
    OuterRef,
    Q,
    QuerySet,
)

from redress.complaints.choices import AppointmentRole, StageStatus
from redress.complaints.models import Appointment, Complaint, Stage
from redress.organisations.models import Locality, Organisation, ServiceArea
from redress.procedures.models import Procedure, StageRule

from .paging import SortKey
from .scoping import complaints_visible_to, sees_every_complaint
from .search import matching

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

    @property
    def open_by_nature(self) -> bool:
        """Whether every complaint these filters let through is open (or on hold): only an open
        stage waits for something or has a due date."""
        return bool(self.waiting or self.due or self.unallocated)

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


class AmongLiterals(Lookup):
    """`field__among=(...)`: `IN` with the values written into the SQL rather than bound.
    SQLite uses a partial index only where the query's condition is the index's own, and a
    bound parameter never is: written out, `status IN ('open', 'on_hold')` reaches the small
    `stage_open_idx` and `complaint_open_list_idx` (bound, SQLite read every stage through
    another index, 83 ms of the team's work at 100,000). Only plain codes are written out."""

    lookup_name = "among"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        lhs, params = self.process_lhs(compiler, connection)
        values = [str(value) for value in self.rhs]
        if not values or not all(PLAIN_CODE.fullmatch(value) for value in values):
            raise ValueError(f"Only plain codes can be written into SQL: {values!r}")
        return f"{lhs} IN ({', '.join(f"'{value}'" for value in values)})", tuple(params)


PLAIN_CODE = re.compile(r"[a-z][a-z0-9_]*")
CharField.register_lookup(AmongLiterals)

# Not closed: open or on hold (an IN the status index can serve, where "<> closed" cannot).
OPEN_STATUSES = (StageStatus.OPEN, StageStatus.ON_HOLD)
NOT_CLOSED = Q(status__among=OPEN_STATUSES)
OPEN_FILTERS = frozenset({"open", "on_hold", "overdue"})


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


def open_stages() -> QuerySet[Stage]:
    """Open (or on hold) stages, on the small partial index `stage_open_idx`. Only a
    complaint's current stage can be open (a stage is escalated only once it is answered), so
    "the open complaints whose current stage…" is "the complaints of the open stages that…"."""
    return Stage.objects.filter(status__among=OPEN_STATUSES)


def stage_assigned_to(user: Any) -> Q:
    """An open stage allocated to the user, or one they are appointed to (investigating
    officers, independent persons, panel members): a union of the two, each on an index, as
    an OR of them would read every open stage."""
    allocated = open_stages().filter(allocated_to=user).order_by().values_list("pk", flat=True)
    appointed = Appointment.objects.filter(user=user).order_by().values_list("stage", flat=True)
    return Q(pk__in=allocated.union(appointed))


def stage_waiting_for(what: str) -> Q:
    """A stage waiting for its acknowledgement, or a stage 2 for its investigating officer or
    independent person, or for the statement of complaint."""
    if what == "acknowledgement":
        return Q(acknowledged_date__isnull=True)
    if what == "appointments":

        def appointed(role: str) -> Q:
            return Q(Exists(Appointment.objects.filter(stage=OuterRef("pk"), role=role)))

        missing = ~appointed(AppointmentRole.INVESTIGATING_OFFICER) | ~appointed(
            AppointmentRole.INDEPENDENT_PERSON
        )
        # Only an independent investigation has them (the statutory stage 2; a local stage 2 is
        # a manager's review): its stage rule says so. An open stage 2 is its complaint's
        # current stage, so these are the open stage 2s of the open complaints at stage 2 under
        # such a procedure: a set the database reads once from `complaint_open_stage_idx`
        # (a lookup of each stage's complaint cost 20 ms on the team's page at a million).
        investigating = StageRule.objects.filter(stage=2, independent_investigation=True)
        under_investigation = Complaint.objects.filter(
            NOT_CLOSED,
            stage_reached=2,
            procedure_id__in=investigating.values("procedure_id"),
        ).values("pk")
        return Q(number=2) & missing & Q(complaint_id__in=under_investigation)
    if what == "statement":
        return Q(number=2, statement_agreed_date__isnull=True)
    return Q()


def with_open_stage(condition: Q) -> Q:
    """Complaints with an open (or on hold) stage meeting the condition."""
    return Q(pk__in=open_stages().filter(condition).order_by().values("complaint_id"))


def _current_stage_of(**conditions: Any) -> QuerySet[Any, Any]:
    """Ids of complaints whose current stage, open or closed, meets the conditions."""
    stages = Stage.objects.filter(number=F("complaint__stage_reached"), **conditions)
    return stages.order_by().values("complaint_id")


def assigned_to(user: Any, *, open_only: bool = False) -> Q:
    """The current stage is allocated to the user, or they are appointed to it. `open_only`:
    the caller keeps open (or on hold) complaints only, so their open stages are enough."""
    if open_only:
        allocated = open_stages().filter(allocated_to=user).order_by().values("complaint_id")
        appointed = Appointment.objects.filter(user=user, stage__status__among=OPEN_STATUSES)
        return Q(pk__in=allocated.union(appointed.order_by().values("stage__complaint_id")))
    appointed = Appointment.objects.filter(
        user=user, stage__number=F("stage__complaint__stage_reached")
    )
    return Q(
        pk__in=_current_stage_of(allocated_to=user).union(
            appointed.order_by().values("stage__complaint_id")
        )
    )


def in_team(team: Any, *, open_only: bool = False) -> Q:
    """The current stage is allocated to someone of this organisation."""
    if open_only:
        return with_open_stage(Q(allocated_to__organisation=team))
    return Q(pk__in=_current_stage_of(allocated_to__organisation=team))


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


def _filtered(
    user: Any, filters: ComplaintFilters, today: datetime.date, *, open_only: bool
) -> QuerySet[Complaint]:
    """The complaints the user may see matching every filter but status. `open_only`: the
    caller keeps only open (or on hold) ones, so the filters on people may look at their open
    stages alone."""
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
        (filters.waiting, with_open_stage(stage_waiting_for(filters.waiting))),
    ):
        if value:
            conditions &= condition
    if filters.citywide:
        conditions &= Q(locality__isnull=True)
    elif filters.locality is not None:
        conditions &= Q(locality=filters.locality)
    if filters.team is not None:
        conditions &= in_team(filters.team, open_only=open_only)
    if filters.allocated_to is not None:
        conditions &= assigned_to(filters.allocated_to, open_only=open_only)
    elif filters.unallocated:
        conditions &= with_open_stage(Q(allocated_to__isnull=True))
    if filters.q:
        conditions &= matching(filters.q)
    return complaints.filter(conditions)


def complaint_list(
    *, user: Any, filters: ComplaintFilters, today: datetime.date
) -> QuerySet[Complaint]:
    """The complaints the user may see that match the filters, unordered: `paging.keyset_page`
    orders and slices them."""
    return (
        # Open, on hold and overdue are all open: a person's open stages are enough to look at.
        _filtered(
            user, filters, today, open_only=filters.status in OPEN_FILTERS or filters.open_by_nature
        )
        .filter(status_condition(filters.status, today))
        .select_related("procedure", "service_area", "locality")
    )


def _found_by_subquery(filters: ComplaintFilters) -> bool:
    """Whether a filter finds its complaints on an index of its own, in a set small enough to
    read the rows of once: a search (better run once than twice), or what open stages wait for.
    A person's or a team's complaints are not: over the years they run to thousands, each
    current stage found through its complaint; their count is of ids alone, and their open
    ones are found on the open stages (few) again."""
    return bool(filters.q or filters.unallocated or filters.waiting)


# The complaint's columns `complaint_tally` (complaints 0009) counts by, each with how a filter
# names its value there (a missing value is kept as 0).
TALLIED = {
    "procedure": ("procedure_id", lambda value: value.pk),
    "stage": ("stage_reached", lambda value: value),
    "service_area": ("service_area_id", lambda value: value.pk),
    "organisation": ("organisation_id", lambda value: value.pk),
    "complainant_type": ("complainant_type", lambda value: value),
    "locality": ("locality_id", lambda value: value.pk),
}
# What else a list may have and still be counted from the tally: the status (counted apart,
# from the open ones) and the sort. Any other filter, including one added later, is not.
TALLY_ALSO = frozenset({"citywide", "status", "sort"})


def _counted(matching: QuerySet[Complaint]) -> tuple[str, tuple[Any, ...]]:
    """SQL counting the matching complaints: a count of their ids, on the narrowest index."""
    ids_sql, ids_params = matching.values("pk").query.sql_with_params()
    return f"SELECT COUNT(*) FROM ({ids_sql}) a", tuple(ids_params)


def _counted_from_tally(user: Any, filters: ComplaintFilters) -> tuple[str, tuple] | None:
    """SQL summing the complaint tally, where it can answer: the user sees every complaint and
    filters only by columns it counts by (a million complaints are a few hundred rows there).
    None where it cannot."""
    used = {f.name for f in fields(filters) if getattr(filters, f.name)}
    if used - TALLIED.keys() - TALLY_ALSO or not sees_every_complaint(user):
        return None
    conditions, params = [], []
    for name, (column, value_of) in TALLIED.items():
        value = getattr(filters, name)
        if value:
            conditions.append(f"{column} = %s")
            params.append(value_of(value))
    if filters.citywide:
        conditions.append("locality_id = %s")
        params.append(0)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    # (PostgreSQL's SUM of a bigint is a numeric)
    return (
        f"SELECT CAST(COALESCE(SUM(complaints), 0) AS bigint) FROM complaint_tally{where}",
        tuple(params),
    )


def status_counts(*, user: Any, filters: ComplaintFilters, today: datetime.date) -> StatusCounts:
    """How many complaints match the filters other than status, by status: one query.

    Where the filters are columns of the complaint (or none), the matching set can be most of a
    million rows: every match is counted once, from the complaint tally the database keeps
    where it counts by those columns and the user sees every complaint, else on the narrowest
    index that can (a count of ids needs no columns), and the open ones (few, on the status
    index) again by status and due date.
    One aggregate reading status and due date of every row would read the whole table. Where a
    filter finds its complaints from another table, the set is small and read once, in one
    aggregate, rather than found twice.
    """
    matching = _filtered(user, filters, today, open_only=filters.open_by_nature).order_by()
    if _found_by_subquery(filters):
        counts = matching.aggregate(
            total=Count("pk"),
            open=Count("pk", filter=NOT_CLOSED),
            on_hold=Count("pk", filter=Q(status=StageStatus.ON_HOLD)),
            overdue=Count("pk", filter=overdue(today)),
        )
        total, open_, on_hold, overdue_ = (
            counts[k] for k in ("total", "open", "on_hold", "overdue")
        )
    else:
        # The open ones, on the people's open stages where a filter is on people (an open
        # stage is always its complaint's current one).
        open_ones = _filtered(user, filters, today, open_only=True).order_by().filter(NOT_CLOSED)
        try:
            ids_sql, ids_params = _counted_from_tally(user, filters) or _counted(matching)
            open_sql, open_params = open_ones.values("status", "due_date").query.sql_with_params()
        except EmptyResultSet:
            return StatusCounts(0, 0, 0, 0, 0, 0)
        sql = (
            f"SELECT ({ids_sql}), COUNT(*), "
            "COUNT(*) FILTER (WHERE o.status = %s), "
            "COUNT(*) FILTER (WHERE o.status = %s AND o.due_date < %s) "
            f"FROM ({open_sql}) o"
        )
        params = (*ids_params, StageStatus.ON_HOLD, StageStatus.OPEN, today, *open_params)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            total, open_, on_hold, overdue_ = cursor.fetchone()
    counts = {"open": open_, "on_hold": on_hold, "overdue": overdue_, "closed": total - open_}
    return StatusCounts(
        total=total,
        **counts,
        listed=counts[filters.status] if filters.status else total,
    )


def current_stages(complaints: list[Complaint]) -> dict[int, Stage]:
    """Each complaint's current stage, with who it is allocated to: one query for a page."""
    stages = Stage.objects.filter(complaint__in=[c.pk for c in complaints]).select_related(
        "allocated_to"
    )
    reached = {c.pk: c.stage_reached for c in complaints}
    return {s.complaint_id: s for s in stages if reached.get(s.complaint_id) == s.number}
