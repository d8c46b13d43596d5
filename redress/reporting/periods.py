"""Reporting periods: financial years, quarters, months and arbitrary ranges.

A period is an inclusive date range with a label (`2021-22`, `2021-22 Q1`, `2021-04`). Its
previous period is the same range one year earlier, as `FIGURES.md` defines it.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

FY_START_MONTH = 4
FY_LABEL = re.compile(r"(\d{4})-(\d{2})")
# The years a report can cover: wide enough for any authority's history, narrow enough that a
# period, its financial years and its previous period are always real dates.
FIRST_YEAR, LAST_YEAR = 1900, 2199


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date
    label: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"The period ends ({self.end}) before it starts ({self.start}).")

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.start <= day <= self.end

    @property
    def previous(self) -> Period:
        return make_period(_years_earlier(self.start, 1), _years_earlier(self.end, 1))

    def as_json(self) -> dict[str, str]:
        return {"label": self.label, "start": self.start.isoformat(), "end": self.end.isoformat()}

    @property
    def is_financial_year(self) -> bool:
        return (
            self.start.month == FY_START_MONTH
            and self.start.day == 1
            and self.end == _years_later(self.start, 1) - datetime.timedelta(days=1)
        )

    def quarters(self) -> list[Period]:
        """The financial quarters of a financial year, Q1 = April to June."""
        out = []
        for q in range(4):
            start = _add_months(self.start, 3 * q)
            end = _add_months(start, 3) - datetime.timedelta(days=1)
            out.append(Period(start, min(end, self.end), f"Q{q + 1}"))
        return out

    def months(self) -> list[Period]:
        out = []
        start = self.start.replace(day=1)
        while start <= self.end:
            end = _add_months(start, 1) - datetime.timedelta(days=1)
            out.append(Period(max(start, self.start), min(end, self.end), f"{start:%Y-%m}"))
            start = _add_months(start, 1)
        return out


def reportable(day: datetime.date) -> bool:
    """Whether a report can start, end or be "as at" this day (FIRST_YEAR to LAST_YEAR)."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def financial_year(label_or_year: str | int) -> Period:
    """`financial_year("2021-22")` or `financial_year(2021)`: 1 April 2021 – 31 March 2022."""
    if isinstance(label_or_year, int):
        first = label_or_year
    else:
        match = FY_LABEL.fullmatch(label_or_year.strip())
        if not match or (int(match[1]) + 1) % 100 != int(match[2]):
            raise ValueError(f"'{label_or_year}' is not a financial year such as 2021-22.")
        first = int(match[1])
    start = datetime.date(first, FY_START_MONTH, 1)
    return Period(
        start,
        datetime.date(first + 1, FY_START_MONTH, 1) - datetime.timedelta(days=1),
        fy_label(first),
    )


def fy_label(first_year: int) -> str:
    return f"{first_year}-{(first_year + 1) % 100:02d}"


def financial_year_of(day: datetime.date) -> Period:
    return financial_year(day.year if day.month >= FY_START_MONTH else day.year - 1)


def last_complete_financial_year(today: datetime.date) -> Period:
    return financial_year_of(today).previous


def quarter_of(day: datetime.date) -> str:
    """Financial quarter label: Q1 = April–June."""
    return f"Q{((day.month - FY_START_MONTH) % 12) // 3 + 1}"


def make_period(start: datetime.date, end: datetime.date) -> Period:
    """A period with the most natural label: `2021-22`, `2021-22 Q2`, `2021-07`, or the dates."""
    candidate = financial_year_of(start)
    if (start, end) == (candidate.start, candidate.end):
        return candidate
    for quarter in candidate.quarters():
        if (start, end) == (quarter.start, quarter.end):
            return Period(start, end, f"{candidate.label} {quarter.label}")
    month_end = _add_months(start.replace(day=1), 1) - datetime.timedelta(days=1)
    if start.day == 1 and end == month_end:
        return Period(start, end, f"{start:%Y-%m}")
    return Period(start, end, f"{start.isoformat()} to {end.isoformat()}")


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return (
        day.replace(year=index // 12, month=index % 12 + 1, day=1)
        if day.day == 1
        else _clamp(index // 12, index % 12 + 1, day.day)
    )


def _clamp(year: int, month: int, day: int) -> datetime.date:
    while True:
        try:
            return datetime.date(year, month, day)
        except ValueError:
            day -= 1


def _years_earlier(day: datetime.date, years: int) -> datetime.date:
    return _clamp(day.year - years, day.month, day.day)


def _years_later(day: datetime.date, years: int) -> datetime.date:
    return _clamp(day.year + years, day.month, day.day)
