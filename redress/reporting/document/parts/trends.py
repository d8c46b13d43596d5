"""Stage 1 over the report's year and the three before it (`trend.*`, figures/trend.py), as both
published reports show it: in the volumes section the complaints received and the share upheld
(Sandwell's Table 1), in the timeliness section the share answered in time and the average
response (Sandwell's Table 9, Birmingham's compliance rates).

A trend needs two years before this one to say more than the comparison with last year that
the sections already make, so its sentences wait for three years; its table shows from two.
"""

from __future__ import annotations

import dataclasses

from redress.core import presenters
from redress.reporting.charts import definitions as charts

from ..context import BuildContext
from ..model import Cell, Paragraph, Run, TableBlock, Value
from ..sentences import in_words, listing
from ..values import Kind, column, para, text_cell
from .common import Blocks, chart_block

TREND = "trend.stage1.by_year"
RESPONSES = "trend.stage1.responses.by_year"
# Sentences from this many years (this one and two before it); the table from two.
SENTENCE_YEARS = 3
TABLE_YEARS = 2


def _amount(ctx: BuildContext, table_id: str, row: int, key: str, kind: Kind) -> Value:
    """A row's number; "none" for a count of nothing."""
    if kind == "count" and ctx.view.rows(table_id)[row][key] == 0:
        return Value("none")
    return ctx.view.row_value(table_id, row, key, kind)


def _is_this_year(ctx: BuildContext, table_id: str) -> bool:
    rows = ctx.view.rows(table_id)
    return bool(rows) and rows[-1]["year"] == ctx.label


def against_earlier(ctx: BuildContext, table_id: str, key: str, kind: Kind) -> list[Run]:
    """ ", against 84.0% in 2020-21, 71.1% in 2019-20 and 50.2% in 2018-19": the earlier
    years of the trend, latest first, leaving out any with no value; empty when none has
    one."""
    rows = ctx.view.rows(table_id)
    items: list[list[Run]] = [
        [_amount(ctx, table_id, i, key, kind), f" in {rows[i]['year']}"]
        for i in range(len(rows) - 2, -1, -1)
        if rows[i][key] is not None
    ]
    return [", against ", *listing(items, joiner=", ")] if items else []


def _over(ctx: BuildContext, table_id: str) -> str:
    """ "Over the last four years" (the same quarter, month or dates in each, for a shorter
    period)."""
    years = in_words(len(ctx.view.rows(table_id)))
    same = "" if ctx.period.is_financial_year else "the same period of "
    return f"Over {same}the last {years} years"


# -- Volumes ----------------------------------------------------------------------------------


def volumes_trend(ctx: BuildContext) -> Blocks:
    """ "Over the last four years, stage 1 complaints went from 263 in 2018-19 to 270 in
    2019-20, 213 in 2020-21 and 205 in 2021-22. The share of them upheld or partly upheld was
    54.8% in 2018-19, …", and the table."""
    v = ctx.view
    rows = v.rows(TREND)
    if len(rows) < TABLE_YEARS or not _is_this_year(ctx, TREND):
        return []
    blocks: Blocks = []
    if len(rows) >= SENTENCE_YEARS:
        later: list[list[Run]] = [
            [_amount(ctx, TREND, i, "received", "count"), f" in {r['year']}"]
            for i, r in enumerate(rows)
            if i
        ]
        blocks.append(
            para(
                f"{_over(ctx, TREND)}, stage 1 complaints went from ",
                _amount(ctx, TREND, 0, "received", "count"),
                f" in {rows[0]['year']} to ",
                *listing(later, joiner=", "),
                ".",
            )
        )
        shares: list[list[Run]] = [
            [v.row_value(TREND, i, "upheld_or_partially_pct", "pct"), f" in {r['year']}"]
            for i, r in enumerate(rows)
            if r["upheld_or_partially_pct"] is not None
        ]
        if len(shares) > 1:
            blocks.append(
                para(
                    "The share of them upheld or partly upheld was ",
                    *listing(shares, joiner=", "),
                    ".",
                )
            )
    table = v.table(
        TREND,
        [
            ("year", "Year", "text"),
            ("received", "Stage 1 complaints", "count"),
            ("upheld_or_partially", "Upheld or partly upheld", "count"),
            ("upheld_or_partially_pct", "Upheld or partly upheld: %", "pct"),
        ],
        footnote="Complaints received in each year, with their outcomes as recorded by "
        f"{presenters.govuk_date(ctx.as_of)}.",
    )
    blocks.append(dataclasses.replace(table, caption=f"Stage 1 complaints, {_span(ctx, TREND)}"))
    return blocks


def _span(ctx: BuildContext, table_id: str) -> str:
    rows = ctx.view.rows(table_id)
    return f"{rows[0]['year']} to {rows[-1]['year']}"


# -- Timeliness -------------------------------------------------------------------------------


def _within(ctx: BuildContext) -> str:
    limit = ctx.timescale(1)
    return (
        f"within {presenters.working_days(limit)}"
        if limit is not None
        else "within the longest timescale the procedure allows"
    )


def _responses_sentences(ctx: BuildContext) -> list[Paragraph]:
    """ "In 2021-22, 53.4% of stage 1 responses were issued within 20 working days, against
    63.7% in 2020-21, 68.0% in 2019-20 and 69.4% in 2018-19: the lowest of the four years. The
    average response took 28.81 working days, against 27.44 in 2020-21, …: the slowest of the
    four years." """
    v = ctx.view
    rows = v.rows(RESPONSES)
    last = len(rows) - 1
    if (
        len(rows) < SENTENCE_YEARS
        or not _is_this_year(ctx, RESPONSES)
        or rows[last]["in_time_pct"] is None  # no responses this year
    ):
        return []
    said = [
        para(
            f"In {ctx.label}, ",
            v.row_value(RESPONSES, last, "in_time_pct", "pct"),
            f" of stage 1 responses were issued {_within(ctx)}",
            *against_earlier(ctx, RESPONSES, "in_time_pct", "pct"),
            _extreme(ctx, RESPONSES, "in_time_pct", ("the highest", "the lowest")),
            ".",
        )
    ]
    days = against_earlier(ctx, RESPONSES, "average_working_days", "days")
    if days:
        said.append(
            para(
                "The average response took ",
                v.row_value(RESPONSES, last, "average_working_days", "days"),
                " working days",
                *days,
                _extreme(ctx, RESPONSES, "average_working_days", ("the slowest", "the quickest")),
                ".",
            )
        )
    return said


def _extreme(ctx: BuildContext, table_id: str, key: str, words: tuple[str, str]) -> str | None:
    """ ": the lowest of the four years" when this year's value is below (or, with the first of
    `words`, above) every earlier one; None otherwise."""
    values = [r[key] for r in ctx.view.rows(table_id) if r[key] is not None]
    if len(values) < SENTENCE_YEARS:
        return None
    *earlier, now = values
    years = f" of the {in_words(len(values))} years"
    if now > max(earlier):
        return f": {words[0]}{years}"
    if now < min(earlier):
        return f": {words[1]}{years}"
    return None


def _cohort_sentence(ctx: BuildContext) -> Paragraph | None:
    """ "Of the stage 1 complaints received in 2021-22 and answered, 76.1% were answered within
    their deadline (extended where agreed), against 84.0% in 2020-21, …." """
    v = ctx.view
    rows = v.rows(TREND)
    if len(rows) < SENTENCE_YEARS or not _is_this_year(ctx, TREND):
        return None
    last = len(rows) - 1
    earlier = against_earlier(ctx, TREND, "in_time_pct", "pct")
    if rows[last]["in_time_pct"] is None or not earlier:
        return None
    return para(
        f"Of the stage 1 complaints received in {ctx.label} and answered, ",
        v.row_value(TREND, last, "in_time_pct", "pct"),
        " were answered within their deadline (extended where agreed)",
        *earlier,
        _extreme(ctx, TREND, "in_time_pct", ("the highest", "the lowest")),
        ".",
    )


def timeliness_trend(ctx: BuildContext) -> Blocks:
    """The trend sentences, and a table of both measures by year with its chart."""
    v = ctx.view
    blocks: Blocks = [*_responses_sentences(ctx)]
    cohort = _cohort_sentence(ctx)
    if cohort is not None:
        blocks.append(cohort)
    responses, received = v.rows(RESPONSES), v.rows(TREND)
    years = list(dict.fromkeys([*(r["year"] for r in received), *(r["year"] for r in responses)]))
    if len(years) < TABLE_YEARS:
        return blocks
    # Both tables run to the report's year; one may start later (no responses yet, say).
    order = {r["year"]: i for i, r in enumerate(received)}
    years.sort(key=lambda y: _position(y, received, responses))
    answers = {r["year"]: i for i, r in enumerate(responses)}
    body = []
    chart_rows = []
    within = _within(ctx)
    measures = (f"Responses {within}", "Complaints received: answered in time")
    for year in years:
        cells: list[Cell] = [text_cell(year)]
        cells += _cells(
            ctx,
            RESPONSES,
            answers.get(year),
            ("responses", "count"),
            ("in_time_pct", "pct"),
            ("average_working_days", "days"),
        )
        cells += _cells(ctx, TREND, order.get(year), ("answered", "count"), ("in_time_pct", "pct"))
        body.append(tuple(cells))
        chart_rows += [
            {"measure": measures[0], "year": year, "pct": _raw(responses, answers, year)},
            {"measure": measures[1], "year": year, "pct": _raw(received, order, year)},
        ]
    table = TableBlock(
        key="trend.stage1.in_time",
        caption=f"Stage 1 complaints answered in time, {years[0]} to {years[-1]}",
        columns=(
            column("year", "Year"),
            column("responses", "Responses issued", "count"),
            column("in_time", f"{within[0].upper()}{within[1:]}", "pct"),
            column("average", "Average working days", "days"),
            column("answered", "Complaints received and answered", "count"),
            column("answered_in_time", "Answered within their deadline", "pct"),
        ),
        rows=tuple(body),
        footnote="Responses are counted in the year they were issued, whenever the complaint "
        "was received; complaints in the year they were received, against their deadline "
        "(extended where agreed); withdrawn complaints and those outside the jurisdiction of "
        "the procedure are left out of both.",
    )
    blocks.append(chart_block(charts.in_time_by_year(chart_rows), table))
    return blocks


def _position(year: str, *tables: list[dict]) -> int:
    """Years in the order of the trend: a table that has the year gives its place from the
    end (both end at the report's year)."""
    for rows in tables:
        labels = [r["year"] for r in rows]
        if year in labels:
            return labels.index(year) - len(labels)
    return 0


def _cells(
    ctx: BuildContext, table_id: str, row: int | None, *columns: tuple[str, Kind]
) -> list[Cell]:
    if row is None:
        return [Cell(text="–") for _ in columns]
    return [ctx.view.cell(table_id, row, key, kind) for key, kind in columns]


def _raw(rows: list[dict], index: dict[str, int], year: str) -> float | None:
    return rows[index[year]]["in_time_pct"] if year in index else None
