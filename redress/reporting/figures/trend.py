"""Trends: stage 1 over the period and the three periods before it (four years for an annual
report), as both published reports show them (Sandwell's Table 1 and Table 9, 2018/19 to
2021/22; Birmingham's compliance rates year on year).

Each row is the single-period figures computed for that period by the same functions, so the
report period's row is exactly its headline figures: `received.stage1`,
`outcome.stage1.upheld_or_partially.pct`, `timeliness.stage1.within_applicable.pct` and
`timeliness.stage1.average_working_days` for the complaints received; `responses.stage1.count`,
`responses.stage1.within_maximum.pct` and `responses.stage1.average_working_days` for the
responses issued.
"""

from __future__ import annotations

from typing import Any

from redress.reporting.periods import Period

from .context import FigureContext
from .outcomes import upheld_or_partially
from .registry import Table, table
from .timeliness import average, population_size, within, within_pct
from .volumes import received

# The period and the three before it: the four years both published reports compare.
YEARS = 4


def periods(period: Period, years: int = YEARS) -> list[Period]:
    """The period and the `years - 1` periods before it (each one year earlier), oldest first."""
    spans = [period]
    while len(spans) < years:
        spans.append(spans[-1].previous)
    return spans[::-1]


def _contexts(ctx: FigureContext) -> list[FigureContext]:
    """The context of each period of the trend, oldest first: the report's own and its
    previous period's are the ones every other figure uses, so their selections are made once.
    (Each table used to copy the stage 1 records of the four years and filter that copy
    again, which added 39 MB to a 100,000-complaint report's peak, against 26 MB now.)"""
    return [ctx.for_period(p) for p in periods(ctx.period)]


def _from_first_with(rows: list[dict[str, Any]], evidence: list[Any], key: str) -> Table:
    """Rows from the first period with any records counted in `key`: a period before the
    records begin is not a year of none."""
    first = next((i for i, row in enumerate(rows) if row[key]), len(rows))
    return Table(rows[first:], dict(enumerate(evidence[first:])))


@table("trend.stage1.by_year")
def stage1_by_year(ctx: FigureContext) -> Table:
    """Columns year, received, upheld_or_partially, upheld_or_partially_pct, answered, in_time,
    in_time_pct, average_working_days: for the period and each of the three before it (from the
    first with a stage 1 record received), the stage 1 records received in it, those upheld or
    partially upheld and their % of those received, and over its timeliness cohort the number
    answered, those in time against their applicable deadline, their % and the mean working days
    taken, oldest first
    """
    rows, evidence = [], []
    for year in _contexts(ctx):
        count = received(year, 1)
        upheld = upheld_or_partially(year, 1)
        rows.append(
            {
                "year": year.period.label,
                "received": count.value,
                "upheld_or_partially": upheld.part,
                "upheld_or_partially_pct": upheld.value,
                "answered": population_size(year, "stage1", "cohort").value,
                "in_time": within(year, "stage1", "applicable", "cohort").value,
                "in_time_pct": within_pct(year, "stage1", "applicable", "cohort").value,
                "average_working_days": average(year, "stage1", "cohort"),
            }
        )
        evidence.append(count.rows)
    return _from_first_with(rows, evidence, "received")


@table("trend.stage1.responses.by_year")
def stage1_responses_by_year(ctx: FigureContext) -> Table:
    """Columns year, responses, in_time, in_time_pct, average_working_days: for the period and
    each of the three before it (from the first with a stage 1 response), the stage 1 responses
    issued in it (whenever received; outcome neither withdrawn nor outside jurisdiction), those
    in time against their maximum deadline, their % and the mean working days taken, oldest
    first
    """
    rows, evidence = [], []
    for year in _contexts(ctx):
        responses = population_size(year, "stage1", "responses")
        rows.append(
            {
                "year": year.period.label,
                "responses": responses.value,
                "in_time": within(year, "stage1", "maximum", "responses").value,
                "in_time_pct": within_pct(year, "stage1", "maximum", "responses").value,
                "average_working_days": average(year, "stage1", "responses"),
            }
        )
        evidence.append(responses.rows)
    return _from_first_with(rows, evidence, "responses")
