"""Deadlines of a stage, computed from its procedure's rule and the working-day calendar.

Pure functions over plain values, so the services, the pages, the figures engine and the demo
generator all compute a deadline the same way.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from typing import Protocol

from .calendar import DeadlineExplanation, WorkingCalendar


class StageTimescales(Protocol):
    stage: int
    timescale_days: int
    max_days: int
    clock_start: str
    panel_within_days: int | None
    report_within_days: int | None
    response_within_days: int | None


@dataclass(frozen=True)
class StageDeadlines:
    clock_start: datetime.date
    clock_started_by: str  # "received" or "statement_agreed"
    effective_start: datetime.date
    initial_days: int
    applicable_days: int
    maximum_days: int
    initial_due: datetime.date
    applicable_due: datetime.date
    maximum_due: datetime.date
    working_days_taken: int | None
    held_days: int = 0
    on_hold: bool = False
    panel_due: datetime.date | None = None
    report_due: datetime.date | None = None
    response_due: datetime.date | None = None

    @property
    def extended(self) -> bool:
        return self.applicable_days != self.initial_days

    @property
    def in_time(self) -> bool | None:
        """Against the applicable deadline; None while there is no response."""
        if self.working_days_taken is None:
            return None
        return self.working_days_taken <= self.applicable_days


def clock_start(
    rule: StageTimescales, *, received: datetime.date, statement_agreed: datetime.date | None
) -> tuple[datetime.date, str]:
    """When a stage's clock starts, and what started it: the statement of complaint being
    agreed, where the rule says so and it has been, else the request being received."""
    if rule.clock_start == "statement_agreed" and statement_agreed is not None:
        return statement_agreed, "statement_agreed"
    return received, "received"


def stage_deadlines(
    *,
    rule: StageTimescales,
    calendar: WorkingCalendar,
    received: datetime.date,
    statement_agreed: datetime.date | None = None,
    extended_to_days: int | None = None,
    responded: datetime.date | None = None,
    panel: datetime.date | None = None,
    panel_report: datetime.date | None = None,
    held_days: int = 0,
    on_hold: bool = False,
) -> StageDeadlines:
    """Every deadline of one stage. `extended_to_days` is the agreed extension, if any;
    `held_days` the working days the stage was on hold, which move every deadline later and do
    not count as working days taken; `on_hold` says the clock is stopped now."""
    start, started_by = clock_start(rule, received=received, statement_agreed=statement_agreed)
    applicable = extended_to_days if extended_to_days else rule.timescale_days
    stage3 = {}
    if rule.panel_within_days is not None:
        stage3["panel_due"] = calendar.due_date(start, rule.panel_within_days + held_days)
        if panel is not None and rule.report_within_days is not None:
            stage3["report_due"] = calendar.due_date(panel, rule.report_within_days)
        if panel_report is not None and rule.response_within_days is not None:
            stage3["response_due"] = calendar.due_date(panel_report, rule.response_within_days)
    return StageDeadlines(
        clock_start=start,
        clock_started_by=started_by,
        effective_start=calendar.effective_start(start),
        initial_days=rule.timescale_days,
        applicable_days=applicable,
        maximum_days=rule.max_days,
        initial_due=calendar.due_date(start, rule.timescale_days + held_days),
        applicable_due=calendar.due_date(start, applicable + held_days),
        maximum_due=calendar.due_date(start, rule.max_days + held_days),
        working_days_taken=(
            max(0, calendar.working_days_taken(start, responded) - held_days)
            if responded is not None
            else None
        ),
        held_days=held_days,
        on_hold=on_hold,
        **stage3,
    )


def explain_stage_deadline(
    *, deadlines: StageDeadlines, calendar: WorkingCalendar, holds: tuple[str, ...] = ()
) -> DeadlineExplanation:
    """Why the applicable deadline falls where it does, the working days on hold included
    (`holds` describes each hold, e.g. "12 July to 19 July 2021: court proceedings")."""
    explanation = calendar.explain_due(
        deadlines.clock_start, deadlines.applicable_days + deadlines.held_days
    )
    if not deadlines.held_days:
        return explanation
    return dataclasses.replace(explanation, held_days=deadlines.held_days, holds=holds)
