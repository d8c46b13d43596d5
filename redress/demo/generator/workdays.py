"""Working days as an index, for placing thousands of dates quickly.

Built once from `WorkingCalendar` (bank holidays, no closure days), so a date placed here is
exactly the one `WorkingCalendar.add_working_days` gives; the tests prove they agree. The
generator needs the inverse too ("the working day N before this one"), which an index makes
a subtraction.
"""

from __future__ import annotations

import datetime
from bisect import bisect_right

from redress.procedures.calendar import WorkingCalendar

ONE_DAY = datetime.timedelta(days=1)


class WorkingDays:
    """Working days from `first` to `last`, numbered 0, 1, 2, ..."""

    def __init__(
        self, calendar: WorkingCalendar, first: datetime.date, last: datetime.date
    ) -> None:
        self.first = first
        self.last = last
        self._base = first.toordinal()
        self.days: list[datetime.date] = []
        # For each calendar day: the index of the first working day on or after it.
        self._on_or_after: list[int] = []
        day = first
        pending = 0
        while day <= last:
            if calendar.is_working_day(day):
                self.days.append(day)
                self._on_or_after.extend([len(self.days) - 1] * (pending + 1))
                pending = 0
            else:
                pending += 1
            day += ONE_DAY
        self._on_or_after.extend([len(self.days)] * pending)
        self._ordinals = [d.toordinal() for d in self.days]

    def index(self, day: datetime.date) -> int:
        """Index of the working day on or after `day` (its effective start)."""
        return self._on_or_after[day.toordinal() - self._base]

    def is_working(self, day: datetime.date) -> bool:
        i = self.index(day)
        return i < len(self.days) and self.days[i] == day

    def index_on_or_before(self, day: datetime.date) -> int:
        return bisect_right(self._ordinals, day.toordinal()) - 1

    def day(self, index: int) -> datetime.date:
        if not 0 <= index < len(self.days):
            raise ValueError(
                f"working day {index} is outside {self.first} to {self.last}; widen the index"
            )
        return self.days[index]

    def add(self, start: datetime.date, days: int) -> datetime.date:
        """The `days`-th working day after the effective start of `start`."""
        return self.day(self.index(start) + days)

    def back(self, end: datetime.date, days: int) -> datetime.date:
        """The working day `days` working days before `end` (itself a working day)."""
        return self.day(self.index_on_or_before(end) - days)

    def taken(self, received: datetime.date, responded: datetime.date) -> int:
        """Working days d with effective start < d <= responded, as FIGURES.md defines them."""
        return max(0, self.index_on_or_before(responded) - self.index(received))

    def between(self, start: datetime.date, end: datetime.date) -> list[datetime.date]:
        """The working days from `start` to `end`, both included."""
        return self.days[self.index(start) : self.index_on_or_before(end) + 1]
