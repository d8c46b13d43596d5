"""Today and the working-day calendar, read once per page: every deadline of a stage, and the
working days left until a due date, for the pages that show them.

Lists and counts do not work deadlines out: they read each stage's stored due date
(`complaints.state`, ADR 0015).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from redress.complaints.choices import StageStatus
from redress.complaints.models import Stage
from redress.core.clock import today as clock_today
from redress.procedures.calendar import WorkingCalendar
from redress.procedures.deadlines import StageDeadlines, stage_deadlines
from redress.procedures.models import StageRule
from redress.procedures.selectors import stage_rules_by_key, working_calendar

ONE_DAY = datetime.timedelta(days=1)
# "Due soon": due today or within this many working days.
DUE_SOON_DAYS = 5


@dataclass
class Clock:
    """Today, the working-day calendar and the procedures' stage rules (read when a page first
    works out a stage's deadlines), once per page."""

    today: datetime.date
    calendar: WorkingCalendar
    _rules: dict[tuple[int, int], StageRule] | None = field(default=None, repr=False)

    @property
    def rules(self) -> dict[tuple[int, int], StageRule]:
        if self._rules is None:
            self._rules = stage_rules_by_key()
        return self._rules

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


def clock(today: datetime.date | None = None) -> Clock:
    return Clock(today=today or clock_today(), calendar=working_calendar())
