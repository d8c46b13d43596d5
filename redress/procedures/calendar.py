"""The statutory clock: working days, effective starts, due dates and working days taken.

A working day is Monday to Friday, not an England and Wales bank holiday (from the `holidays`
package) and not a closure day the authority configured. The definitions are those of
`FIGURES.md`:

- a complaint received on a non-working day starts on the next working day (*effective start*);
- the due date for N working days is the N-th working day after the effective start;
- working days taken = the working days d with effective start < d <= response date.

Every function has a scalar form and a vectorised form (NumPy arrays of `datetime64[D]`, and
Polars expressions) for bulk use; the tests prove they agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import holidays
import numpy as np
import polars as pl

WEEKMASK = "1111100"
FIRST_YEAR = 1990
LAST_YEAR = 2060
ONE_DAY = datetime.timedelta(days=1)
NP_DAY = np.timedelta64(1, "D")


@dataclass(frozen=True)
class SkippedDay:
    date: datetime.date
    reason: str


@dataclass(frozen=True)
class DeadlineExplanation:
    """Why a deadline falls where it does."""

    received: datetime.date
    effective_start: datetime.date
    days: int
    due: datetime.date
    skipped: tuple[SkippedDay, ...] = field(default_factory=tuple)
    start_moved_because: str | None = None
    # Working days the stage was on hold (included in `days`), and each hold as a phrase.
    held_days: int = 0
    holds: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        out = [f"Received {_long(self.received)}."]
        if self.start_moved_because:
            out.append(
                f"{_long(self.received)} is not a working day ({self.start_moved_because}), "
                f"so the clock starts on the next working day, {_long(self.effective_start)}."
            )
        if self.held_days:
            held = "1 working day" if self.held_days == 1 else f"{self.held_days} working days"
            timescale = self.days - self.held_days
            out.append(
                f"The stage was on hold for {held} ({'; '.join(self.holds)}), when the clock "
                f"stopped, so the deadline moves {held} later: {timescale} + {self.held_days} = "
                f"{self.days}."
            )
        out.append(
            f"Due on the {_ordinal(self.days)} working day after {_long(self.effective_start)}: "
            f"{_long(self.due)}."
        )
        if self.skipped:
            out.append("Days skipped:")
            out.extend(f"  {_long(s.date)}: {s.reason}" for s in self.skipped)
        else:
            out.append("No days skipped.")
        return out


class WorkingCalendar:
    """Working days for England and Wales, less an authority's closure days."""

    def __init__(
        self,
        closure_days: Mapping[datetime.date, str] | Iterable[datetime.date] = (),
        first_year: int = FIRST_YEAR,
        last_year: int = LAST_YEAR,
    ) -> None:
        if not isinstance(closure_days, Mapping):
            closure_days = dict.fromkeys(closure_days, "authority closure day")
        bank = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
        self.first_year = first_year
        self.last_year = last_year
        self.bank_holidays: dict[datetime.date, str] = dict(sorted(bank.items()))
        self.closure_days: dict[datetime.date, str] = dict(sorted(closure_days.items()))
        self._np = np.busdaycalendar(weekmask=WEEKMASK, holidays=self.holiday_dates)

    # -- what a day is -------------------------------------------------------------------------

    @cached_property
    def holiday_dates(self) -> list[datetime.date]:
        """Every weekday that is not a working day, sorted."""
        return sorted({d for d in (*self.bank_holidays, *self.closure_days) if d.weekday() < 5})

    def is_working_day(self, day: datetime.date) -> bool:
        return bool(np.is_busday(np.datetime64(day, "D"), busdaycal=self._np))

    def why_not_working(self, day: datetime.date) -> str | None:
        """The reason a day is not a working day, or None if it is one."""
        reasons = []
        if day.weekday() >= 5:
            reasons.append(f"{day:%A}")
        if day in self.bank_holidays:
            reasons.append(f"{self.bank_holidays[day]} (bank holiday)")
        if day in self.closure_days:
            reasons.append(f"{self.closure_days[day]} (closure day)")
        return ", ".join(reasons) or None

    # -- scalar clock --------------------------------------------------------------------------

    def effective_start(self, received: datetime.date) -> datetime.date:
        """The received date, or the next working day if it was received on a day off."""
        return _to_date(
            np.busday_offset(np.datetime64(received, "D"), 0, "forward", busdaycal=self._np)
        )

    def add_working_days(self, start: datetime.date, days: int) -> datetime.date:
        """The `days`-th working day after the effective start of `start`."""
        if days < 0:
            raise ValueError("A timescale cannot be negative.")
        return _to_date(
            np.busday_offset(np.datetime64(start, "D"), days, "forward", busdaycal=self._np)
        )

    def due_date(self, received: datetime.date, days: int) -> datetime.date:
        """Due date for a timescale of `days` working days from a request received then."""
        return self.add_working_days(received, days)

    def working_days_taken(self, received: datetime.date, responded: datetime.date) -> int:
        """Working days d with effective start < d <= responded (never negative)."""
        start = np.datetime64(self.effective_start(received), "D") + NP_DAY
        end = np.datetime64(responded, "D") + NP_DAY
        return max(0, int(np.busday_count(start, end, busdaycal=self._np)))

    def working_days_held(self, start: datetime.date, end: datetime.date) -> int:
        """Working days d with start <= d < end: the clock stops on the day a hold starts and
        runs again on the day it ends."""
        if end <= start:
            return 0
        return int(
            np.busday_count(np.datetime64(start, "D"), np.datetime64(end, "D"), busdaycal=self._np)
        )

    def working_days_until(self, today: datetime.date, due: datetime.date) -> int:
        """Working days from today to a due date: positive ahead, 0 on the day, negative after."""
        if due >= today:
            return int(
                np.busday_count(
                    np.datetime64(today, "D"), np.datetime64(due, "D"), busdaycal=self._np
                )
            )
        return -int(
            np.busday_count(
                np.datetime64(due, "D") + NP_DAY,
                np.datetime64(today, "D") + NP_DAY,
                busdaycal=self._np,
            )
        )

    def explain_due(self, received: datetime.date, days: int) -> DeadlineExplanation:
        start = self.effective_start(received)
        due = self.add_working_days(received, days)
        skipped = []
        day = received
        while day < due:
            if reason := self.why_not_working(day):
                skipped.append(SkippedDay(day, reason))
            day += ONE_DAY
        return DeadlineExplanation(
            received=received,
            effective_start=start,
            days=days,
            due=due,
            skipped=tuple(skipped),
            start_moved_because=self.why_not_working(received),
        )

    # -- vectorised clock (NumPy) -----------------------------------------------------------------

    def effective_start_many(self, received: np.ndarray) -> np.ndarray:
        return np.busday_offset(_as_days(received), 0, "forward", busdaycal=self._np)

    def due_date_many(self, received: np.ndarray, days: np.ndarray | int) -> np.ndarray:
        return np.busday_offset(_as_days(received), days, "forward", busdaycal=self._np)

    def working_days_taken_many(self, received: np.ndarray, responded: np.ndarray) -> np.ndarray:
        start = self.effective_start_many(received) + NP_DAY
        end = _as_days(responded) + NP_DAY
        return np.maximum(np.busday_count(start, end, busdaycal=self._np), 0)

    # -- vectorised clock (Polars expressions; nulls stay null) ------------------------------------

    def effective_start_expr(self, received: pl.Expr) -> pl.Expr:
        return received.dt.add_business_days(0, holidays=self.holiday_dates, roll="forward")

    def due_date_expr(self, received: pl.Expr, days: pl.Expr | int) -> pl.Expr:
        return received.dt.add_business_days(days, holidays=self.holiday_dates, roll="forward")

    def working_days_held_expr(self, start: pl.Expr, end: pl.Expr) -> pl.Expr:
        """`working_days_held` of each row: working days d with start <= d < end."""
        count = pl.business_day_count(start, end, holidays=self.holiday_dates)
        return pl.when(count < 0).then(0).otherwise(count).cast(pl.Int32)

    def working_days_taken_expr(self, received: pl.Expr, responded: pl.Expr) -> pl.Expr:
        start = self.effective_start_expr(received) + pl.duration(days=1)
        end = responded + pl.duration(days=1)
        count = pl.business_day_count(start, end, holidays=self.holiday_dates)
        return pl.when(count < 0).then(0).otherwise(count).cast(pl.Int32)


def _as_days(values: np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype="datetime64[D]")


def _to_date(value: np.datetime64) -> datetime.date:
    return value.astype("datetime64[D]").item()


def _long(day: datetime.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
