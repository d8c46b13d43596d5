"""Drill-down: the records behind one figure, or one row of a table, counted exactly as the
figure counted them. The figure is recomputed on its own (same period, as_of and scope as the
report: the whole authority, a service area, or a locality's service areas as its report chose
them), and its evidence frame is listed, leaving out what the user may not see.

Someone who reads only the publication version of reports (a responding manager, a
participation worker) gets a table row as that version prints it: a row with a count withheld
there (fewer than the threshold, which could identify a child) is refused, since its values and
its records would give the count back (publish.py)."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.db.models import QuerySet

from redress.complaints.models import Complaint
from redress.complaints.selectors import complaints_visible_to, sees_every_complaint
from redress.core import presenters
from redress.people.models import Person
from redress.reporting.figures import SCALARS, TABLES, FigureSet
from redress.reporting.periods import Period
from redress.reporting.presenters import figure_heading, table_row_heading
from redress.reporting.publish import publish_figures

from . import reports
from .access import report_access
from .records import Records, complaint_ids, lists_people, records
from .reports import ReportError, ReportScope, report_figures, report_scope, report_settings

# Figures about how long responses took: their lists show working days taken and the deadline.
TIMELINESS_PREFIXES = ("timeliness.", "responses.", "stage2.completed")
# Figures computed from the records of another figure, which is where their links lead.
ALIASES = {
    "cyp.stage1.pct": "cyp.stage1.received",
    "stage2.completed.average_working_days": "stage2.completed",
}


class UnknownFigureError(ReportError):
    pass


class NoRecordsError(ReportError):
    pass


class WithheldError(ReportError):
    """A table row with counts withheld from the version of reports this user reads, or a
    figure withheld from it (a report for one locality or service): its values and its records
    would give them back."""

    def __init__(self, *, table_id: str, row: int | None, threshold: int) -> None:
        what = (
            f"'{table_id}' is a count withheld"
            if row is None
            else f"Row {row + 1} of '{table_id}' holds counts withheld"
        )
        super().__init__(
            f"{what} from the published version "
            f"of reports, which is the version your role sees: "
            f"{presenters.fewer_than(threshold)}, since they could identify a child. The records "
            "behind it are not listed for the same reason; the complaints team can see them."
        )


@dataclass(frozen=True)
class Drill:
    figure_id: str
    row: int | None  # the table row, or None for a scalar figure
    definition: str
    value: Any  # the scalar's value, or the table row (a dict)
    period: Period
    as_of: datetime.date
    service: str | None
    records: Records
    scope: ReportScope = field(default_factory=ReportScope)
    # The period of the report the figure belongs to: its own, or for a comparison, the period a
    # year after the one listed (a locality's service areas are those its report chose).
    report_period: Period | None = None

    @property
    def is_table(self) -> bool:
        return self.row is not None

    @property
    def heading(self) -> str:
        """The page's heading: the table's caption and the row in words, or the figure's
        definition in words (its id is in the page's summary list)."""
        if self.row is not None:
            return table_row_heading(self.figure_id, self.row, self.value)
        return figure_heading(self.figure_id, self.as_of)

    @property
    def locality(self) -> str | None:
        return self.scope.locality

    @property
    def of_report(self) -> Period:
        return self.report_period or self.period


def drill_target(figure_id: str, counted: Collection[str]) -> tuple[str, bool] | None:
    """Where a figure's number links to: (a counted figure id, whether it is the previous
    period's), or None when the number has no list of its own (a % change, a ratio of two
    counts). `X.previous` is X over the previous period; `X.pct` lists X's records;
    an average lists the records averaged."""
    previous = figure_id.endswith(".previous")
    base = figure_id.removesuffix(".previous")
    candidates = [base, ALIASES.get(base, "")]
    if base.endswith(".pct"):
        candidates.append(base.removesuffix(".pct"))
    if base.endswith(".average_working_days"):
        stem = base.removesuffix(".average_working_days")
        candidates += [f"{stem}.cohort", f"{stem}.count"]
    for candidate in candidates:
        if candidate in counted:
            return candidate, previous
    return None


CHUNK = 2_000  # ids per query: SQLite allows a limited number of parameters


def _listed(user: Any, frame: pl.DataFrame, figure_id: str) -> Records:
    """The frame's records as this user may see them, with their complaints' references (and,
    for a list of people, the complainants' keys)."""
    scope = Complaint.objects.all()
    if not sees_every_complaint(user):
        scope = complaints_visible_to(user)
    references = _by_id(scope, complaint_ids(frame), "reference")
    people: dict[int, str] = {}
    if lists_people(frame):  # a stage's records carry its complainant too, but do not name them
        people = _by_id(Person.objects.all(), frame["complainant_id"].drop_nulls().unique(), "key")
    return records(
        frame,
        visible=None if sees_every_complaint(user) else set(references),
        timeliness=figure_id.startswith(TIMELINESS_PREFIXES),
        references=references,
        people=people,
    )


def _by_id(scope: QuerySet, ids: Iterable[int], field: str) -> dict[int, str]:
    """`field` of each of these records in `scope`, by id (records outside it are left out)."""
    ids = [int(i) for i in ids]
    found: dict[int, str] = {}
    for start in range(0, len(ids), CHUNK):
        found.update(scope.filter(pk__in=ids[start : start + CHUNK]).values_list("pk", field))
    return found


def _same(a: Period, b: Period) -> bool:
    return (a.start, a.end) == (b.start, b.end)


def _figures(
    *,
    only: str,
    period: Period,
    as_of: datetime.date,
    service: str | None,
    locality: str | None,
    report_period: Period | None,
) -> tuple[FigureSet, ReportScope]:
    """One figure (with its records) over the report's scope, from the selector the report
    itself uses (`report_scope`): a locality's service areas depend on the report's period, which
    a figure of the same period a year before shares with the report's own figures."""
    report = report_period or period
    if not (_same(period, report) or _same(period, report.previous)):
        raise ReportError(
            f"The period {presenters.govuk_date(period.start)} to "
            f"{presenters.govuk_date(period.end)} is not one the report for "
            f"{presenters.govuk_date(report.start)} to {presenters.govuk_date(report.end)} "
            "counts: its figures are of its own period or the same period a year before."
        )
    scope = report_scope(period=report, service=service, locality=locality)
    # Read through the module, as report_figures reads it, so that a test standing in for the
    # extraction (test_url_permissions.facts_once) stands in for a drill-down's as well.
    facts = reports.report_facts(as_of=as_of, period=period, scope=scope)
    figures = report_figures(
        period=period, as_of=as_of, service=scope.service, only={only}, facts=facts
    )
    return figures, scope


def figure_drill(
    *,
    figure_id: str,
    period: Period,
    as_of: datetime.date,
    service: str | None,
    user: Any,
    locality: str | None = None,
    report_period: Period | None = None,
) -> Drill:
    """The records behind a scalar figure of the period, in the report of the whole authority,
    a service area or a locality. For a locality's comparison with the year before, the period
    is the year before and `report_period` the report's, whose service areas are counted."""
    if figure_id not in SCALARS:
        raise UnknownFigureError(f"There is no figure called '{figure_id}'.")
    figures, scope = _figures(
        only=figure_id,
        period=period,
        as_of=as_of,
        service=service,
        locality=locality,
        report_period=report_period,
    )
    if not report_access(user).internal and scope.kind != "authority":
        threshold = report_settings().suppression_threshold
        if (
            figure_id
            in publish_figures(figures, threshold=threshold, scoped=True).suppressed_figures
        ):
            raise WithheldError(table_id=figure_id, row=None, threshold=threshold)
    frame = figures.evidence.get(figure_id)
    if frame is None:
        raise NoRecordsError(
            f"'{figure_id}' is not a count of records, so it has no list of its own: "
            f"{SCALARS[figure_id].definition}."
        )
    return Drill(
        figure_id=figure_id,
        row=None,
        definition=SCALARS[figure_id].definition,
        value=figures.figures[figure_id],
        period=period,
        as_of=as_of,
        service=scope.service,
        records=_listed(user, frame, figure_id),
        scope=scope,
        report_period=None
        if report_period is None or _same(period, report_period)
        else report_period,
    )


def table_drill(
    *,
    table_id: str,
    row: int,
    period: Period,
    as_of: datetime.date,
    service: str | None,
    user: Any,
    locality: str | None = None,
    report_period: Period | None = None,
) -> Drill:
    """The records behind one row of a table of the report's period, in the report of the whole
    authority, a service area or a locality."""
    if table_id not in TABLES:
        raise UnknownFigureError(f"There is no table called '{table_id}'.")
    if report_period is not None and not _same(period, report_period):
        raise ReportError(
            "A table's rows are of its report's own period: the period and the report's period "
            "must be the same."
        )
    figures, scope = _figures(
        only=table_id,
        period=period,
        as_of=as_of,
        service=service,
        locality=locality,
        report_period=None,
    )
    if not report_access(user).internal:
        threshold = report_settings().suppression_threshold
        figures = publish_figures(figures, threshold=threshold, scoped=scope.kind != "authority")
        if any(t == table_id and r == row for t, r, _ in figures.suppressed):
            raise WithheldError(table_id=table_id, row=row, threshold=threshold)
    rows = figures.tables[table_id]
    frame = figures.table_evidence.get(table_id, {}).get(row)
    if not 0 <= row < len(rows) or frame is None:
        raise UnknownFigureError(
            f"The table '{table_id}' has {len(rows)} rows for this report, and no row {row}."
        )
    return Drill(
        figure_id=table_id,
        row=row,
        definition=TABLES[table_id].definition,
        value=rows[row],
        period=period,
        as_of=as_of,
        service=scope.service,
        records=_listed(user, frame, table_id),
        scope=scope,
    )
