"""Dates that cannot be: in the future, for what has already happened, far in the future for
what is planned, and long before any complaint Redress could hold, for any date.

A file is history, so every date in it records something that happened (received, responded,
held, paid, completed) and cannot be after today, as the staff pages refuse it too. Only the
dates something is due by may be ahead, and then by a few years at most: `2099-12-31` is a
placeholder or a typing slip, not a deadline. Nor can any date come before 1 January 1990
(`REDRESS_IMPORT_EARLIEST_YEAR`), when the Children Act 1989 came in: `1066-10-14` or
`0001-01-01` is a slip of the year, or a spreadsheet's blank date.
"""

from __future__ import annotations

import datetime

from django.conf import settings

from redress.core.clock import today

from ..format import SHEETS, date
from ..problems import DateInFuture, DateTooEarly, DateTooFarAhead
from .checker import Checker

# The dates by which something is due.
PLANNED = {
    "ombudsman": ("remedy_due_date",),
    "ombudsman_remedies": ("due_date",),
    "actions": ("due_date",),
}
# Every other date column records what happened: read from the format, so a new one is checked.
HAPPENED = {
    name: columns
    for name, sheet in SHEETS.items()
    if (
        columns := tuple(
            c.name for c in sheet.columns if c.parse is date and c.name not in PLANNED.get(name, ())
        )
    )
}
PLANNED_YEARS = 5
EARLIEST_YEAR = 1990


def check_dates(c: Checker) -> None:
    day = today()
    try:
        horizon = day.replace(year=day.year + PLANNED_YEARS)
    except ValueError:  # 29 February
        horizon = day.replace(year=day.year + PLANNED_YEARS, day=28)
    earliest = datetime.date(getattr(settings, "REDRESS_IMPORT_EARLIEST_YEAR", EARLIEST_YEAR), 1, 1)
    for sheet, columns in HAPPENED.items():
        _check(c, sheet, columns, earliest, day, DateInFuture, today=day)
    for sheet, columns in PLANNED.items():
        _check(
            c, sheet, columns, earliest, horizon, DateTooFarAhead, today=day, years=PLANNED_YEARS
        )


def _check(
    c: Checker,
    sheet: str,
    columns: tuple[str, ...],
    earliest: datetime.date,
    latest: datetime.date,
    rule: type[DateInFuture] | type[DateTooFarAhead],
    **facts: object,
) -> None:
    rows = c.rows(sheet)
    if not rows:
        return
    for column in columns:
        for r in rows:
            value = getattr(r, column)
            if value is None:
                continue
            if value < earliest:
                c.log.report(DateTooEarly, sheet, r.line, column, value, year=earliest.year)
            elif value > latest:
                c.log.report(rule, sheet, r.line, column, value, **facts)
