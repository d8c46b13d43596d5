"""How a report names its period and the period it is compared with, so that a quarterly or a
monthly report reads as a person would write it: "in Q1 2021-22 … compared with 80 in the same
quarter last year", "in April 2022 … compared with 25 in April 2021", not the financial year's
"2021-22 Q1" and "2020-21 Q1". The previous period is always the same dates a year earlier
(`Period.previous`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from redress.core import presenters
from redress.reporting.periods import Period, financial_year_of

PeriodKind = Literal["year", "quarter", "month", "dates"]

# The report's kind, by its period: "Complaints and compliments quarterly report Q1 2021-22".
KIND_WORDS: dict[PeriodKind, str] = {
    "year": "annual report",
    "quarter": "quarterly report",
    "month": "monthly report",
    "dates": "report",
}
SPAN_WORDS: dict[PeriodKind, str] = {
    "year": "the year",
    "quarter": "the quarter",
    "month": "the month",
    "dates": "the period",
}
# The previous period in running text, where its own name would only repeat this one's.
PREVIOUS_WORDS: dict[PeriodKind, str] = {
    "quarter": "the same quarter last year",
    "dates": "the same period a year earlier",
}


def period_kind(period: Period) -> PeriodKind:
    """A financial year, one of its quarters, a calendar month, or other dates."""
    if period.is_financial_year:
        return "year"
    year = financial_year_of(period.start)
    if any((q.start, q.end) == (period.start, period.end) for q in year.quarters()):
        return "quarter"
    following = (period.start.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    if period.start.day == 1 and period.end == following - datetime.timedelta(days=1):
        return "month"
    return "dates"


def period_heading(period: Period) -> str:
    """The period's name for a heading or a column: "2021-22", "Q1 2021-22", "April 2021", or
    "3 May to 10 June 2021" for other dates."""
    kind = period_kind(period)
    if kind == "year":
        return period.label
    if kind == "quarter":
        year = financial_year_of(period.start)
        number = next(n for n, q in enumerate(year.quarters(), start=1) if q.start == period.start)
        return f"Q{number} {year.label}"
    if kind == "month":
        return f"{period.start:%B %Y}"
    start, end = period.start, period.end
    if start.year == end.year:
        return f"{start.day} {start:%B} to {presenters.govuk_date(end)}"
    return f"{presenters.govuk_date(start)} to {presenters.govuk_date(end)}"


@dataclass(frozen=True)
class PeriodWords:
    """The period and the one it is compared with, as the report's text and tables name them."""

    kind: PeriodKind
    # For headings, columns and charts: "2021-22", "Q1 2021-22", "April 2022", "3 May to 10 June
    # 2021"; and the same a year earlier.
    heading: str
    previous_heading: str
    # To follow "in": the heading, or "the period 3 May to 10 June 2021" for other dates.
    label: str
    # The previous period to follow "in" or "with": "2020-21", "the same quarter last year",
    # "April 2021", "the same period a year earlier".
    previous_label: str
    # "the year", "the quarter", "the month", "the period": "received during the quarter".
    span: str

    @property
    def since(self) -> str | None:
        """What a headline's rise or fall is measured from, where the reader could not guess:
        None for a financial year (an annual report compares with the year before), the
        previous period's words otherwise ("rose by 12.5% to 36 from 32 in the same quarter
        last year")."""
        return None if self.kind == "year" else self.previous_label


def period_words(period: Period) -> PeriodWords:
    kind = period_kind(period)
    heading = period_heading(period)
    previous = period_heading(period.previous)
    return PeriodWords(
        kind=kind,
        heading=heading,
        previous_heading=previous,
        label=f"the period {heading}" if kind == "dates" else heading,
        previous_label=PREVIOUS_WORDS.get(kind, previous),
        span=SPAN_WORDS[kind],
    )


def report_title(period: Period, covers: str | None, *, subject: str) -> str:
    """ "Complaints and compliments annual report 2021-22", "… quarterly report Q1 2021-22: South
    locality", "… monthly report April 2022: Fostering"; `subject` is the words before the
    kind ("Complaints and compliments")."""
    words = period_words(period)
    title = f"{subject} {KIND_WORDS[words.kind]} {words.heading}"
    return f"{title}: {covers}" if covers else title
