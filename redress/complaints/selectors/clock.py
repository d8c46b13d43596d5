"""Deadlines of open stages, computed in the database where a page filters or counts by them.

A stage's applicable deadline is a number of working days (its procedure's timescale, or the
longest extension agreed) from its clock start. Working days cannot be counted in SQL, but the
due date only ever moves later as the clock start does, so "due on or before day D" is, for a
timescale of N days, "clock started on or before the latest start whose due date is D or
earlier". That gives one date comparison per distinct timescale in use, which the database can
filter and count with, while the calendar stays the one in `procedures.calendar`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from django.db.models import (
    Case,
    DateField,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from redress.complaints.choices import StageStatus
from redress.complaints.models import Extension, Stage
from redress.core.clock import today as clock_today
from redress.procedures.calendar import WorkingCalendar
from redress.procedures.deadlines import StageDeadlines, stage_deadlines
from redress.procedures.models import StageRule
from redress.procedures.selectors import working_calendar

ONE_DAY = datetime.timedelta(days=1)
# "Due soon": due today or within this many working days.
DUE_SOON_DAYS = 5

OPEN = Q(responded_date__isnull=True, outcome="")


@dataclass
class Clock:
    """Today, the working-day calendar and the procedures' stage rules, read once per page."""

    today: datetime.date
    calendar: WorkingCalendar
    rules: dict[tuple[int, int], StageRule]
    _latest_start: dict[tuple[int, datetime.date], datetime.date] = field(default_factory=dict)

    def rule(self, stage: Stage) -> StageRule | None:
        return self.rules.get((stage.complaint.procedure_id, stage.number))

    def deadlines(self, stage: Stage) -> StageDeadlines | None:
        """Every deadline of a stage; uses its prefetched extensions."""
        rule = self.rule(stage)
        if rule is None:
            return None
        extended = max((e.extended_to_days for e in stage.extensions.all()), default=None)
        return stage_deadlines(
            rule=rule,
            calendar=self.calendar,
            received=stage.received_date,
            statement_agreed=stage.statement_agreed_date,
            extended_to_days=extended,
            responded=stage.responded_date,
            panel=stage.panel_date,
            panel_report=stage.panel_report_date,
            held_days=stage.held_days,
            on_hold=stage.status == StageStatus.ON_HOLD,
        )

    def days_left(self, due: datetime.date) -> int:
        """Working days until a due date: negative once it has passed. On a day off just after
        the due date no working day has passed yet, but the stage is overdue all the same."""
        days = self.calendar.working_days_until(self.today, due)
        return min(days, -1) if due < self.today else days

    @property
    def due_soon_by(self) -> datetime.date:
        return self.calendar.add_working_days(self.today, DUE_SOON_DAYS)

    # -- in the database ---------------------------------------------------------------------

    @cached_property
    def timescales_in_use(self) -> list[int]:
        extended = Extension.objects.order_by().values_list("extended_to_days", flat=True)
        days = {r.timescale_days for r in self.rules.values()} | set(extended.distinct())
        return sorted(d for d in days if d)

    def latest_start(self, days: int, due_by: datetime.date) -> datetime.date:
        """The latest clock start whose due date, `days` working days on, is on or before
        `due_by`. A due date is never earlier than start + days, so search down from there."""
        key = (days, due_by)
        if key not in self._latest_start:
            start = due_by - datetime.timedelta(days=days)
            while self.calendar.due_date(start, days) > due_by:
                start -= ONE_DAY
            self._latest_start[key] = start
        return self._latest_start[key]

    def due_between(self, after: datetime.date | None, by: datetime.date) -> Q:
        """Stages (annotated by `with_deadline_inputs`) whose applicable due date is after
        `after` (when given) and on or before `by`."""
        conditions = []
        for days in self.timescales_in_use:
            condition = Q(applicable_days=days, clock_start_on__lte=self.latest_start(days, by))
            if after is not None:
                condition &= Q(clock_start_on__gt=self.latest_start(days, after))
            conditions.append(condition)
        if not conditions:
            return Q(pk__in=[])
        combined = conditions[0]
        for condition in conditions[1:]:
            combined |= condition
        return combined

    @property
    def overdue(self) -> Q:
        """Open, and the applicable due date has passed."""
        return OPEN & self.due_between(None, self.today - ONE_DAY)

    @property
    def due_soon(self) -> Q:
        """Open, due today or within `DUE_SOON_DAYS` working days."""
        return OPEN & self.due_between(self.today - ONE_DAY, self.due_soon_by)

    def with_deadline_inputs(self, stages: QuerySet[Stage]) -> QuerySet[Stage]:
        """Annotate `applicable_days` and `clock_start_on`, the inputs of `due_by`."""
        longest_extension = Subquery(
            Extension.objects.filter(stage=OuterRef("pk"))
            .order_by()
            .values("stage")
            .annotate(longest=Max("extended_to_days"))
            .values("longest")[:1],
            output_field=IntegerField(),
        )
        timescale = Case(
            *[
                When(complaint__procedure_id=p, number=n, then=Value(rule.timescale_days))
                for (p, n), rule in self.rules.items()
            ],
            default=Value(None),
            output_field=IntegerField(),
        )
        statement_starts = [
            When(
                complaint__procedure_id=p,
                number=n,
                statement_agreed_date__isnull=False,
                then=F("statement_agreed_date"),
            )
            for (p, n), rule in self.rules.items()
            if rule.clock_start == "statement_agreed"
        ]
        clock_start = Case(*statement_starts, default=F("received_date"), output_field=DateField())
        return stages.annotate(
            applicable_days=Coalesce(longest_extension, timescale),
            clock_start_on=clock_start,
        )

    def in_due_order(self, stages: QuerySet[Stage], limit: int) -> list[int]:
        """The ids of the `limit` stages due first, of stages annotated by
        `with_deadline_inputs`. Reads two columns per stage, so a long list never loads whole
        rows, and works out the due dates with the vectorised calendar."""
        rows = [
            row
            # (annotations django-stubs cannot see: `with_deadline_inputs` adds them)
            for row in stages.order_by().values_list("pk", "clock_start_on", "applicable_days")  # type: ignore[misc]
            if row[2] is not None
        ]
        if not rows:
            return []
        ids = np.array([r[0] for r in rows])
        starts = np.array([r[1] for r in rows], dtype="datetime64[D]")
        due = self.calendar.due_date_many(starts, np.array([r[2] for r in rows]))
        order = np.lexsort((ids, due))[:limit]
        return [int(i) for i in ids[order]]


def clock(today: datetime.date | None = None) -> Clock:
    return Clock(
        today=today or clock_today(),
        calendar=working_calendar(),
        rules={(r.procedure_id, r.stage): r for r in StageRule.objects.all()},
    )
