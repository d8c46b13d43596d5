"""Volumes: what was received, by stage, procedure, year, month, service and area; escalation;
rates against referrals, assessments and open cases."""

from __future__ import annotations

import datetime
from typing import Any

import polars as pl

from redress.reporting.periods import financial_year, financial_year_of

from .context import PROCEDURES, STAGES, FigureContext
from .numbers import Rate, pct
from .registry import Counted, Table, counted, scalar, table


@scalar("received.stage{n}", n=STAGES, previous=True)
def received(ctx: FigureContext, n: int) -> Counted:
    """stage {n} records received in the period"""
    return counted(ctx.received(n))


@scalar("received.stage{n}.{procedure}", n=(1, 2), procedure=PROCEDURES)
def received_by_procedure(ctx: FigureContext, n: int, procedure: str) -> Counted:
    """stage {n} records received in the period under the {procedure} procedure"""
    return counted(ctx.received(n, procedure))


@scalar("escalation.stage1_to_stage2.pct", previous=True)
def escalation_1_2(ctx: FigureContext) -> Rate:
    """received.stage2 ÷ received.stage1 × 100"""
    return Rate(ctx.received(2).height, ctx.received(1).height)


@scalar("escalation.stage2_to_stage3.pct", previous=True)
def escalation_2_3(ctx: FigureContext) -> Rate:
    """received.stage3 ÷ received.stage2.statutory × 100"""
    return Rate(ctx.received(3).height, ctx.received(2, "statutory").height)


@scalar("context.{measure}", measure=("referrals", "family_assessments"))
def context_value(ctx: FigureContext, measure: str) -> int | None:
    """the {measure} context value recorded for the period"""
    return ctx.context_value(measure)


@scalar("ratio.stage1_to_{measure}.pct", measure=("referrals", "family_assessments"))
def ratio(ctx: FigureContext, measure: str) -> float | None:
    """received.stage1 ÷ the {measure} context value × 100, to 2 places"""
    value = ctx.context_value(measure)
    return pct(ctx.received(1).height, value, places=2) if value else None


def _stage_counts(frame: pl.DataFrame, by: str) -> pl.DataFrame:
    return (
        frame.group_by(by)
        .agg(*(pl.col("stage").eq(n).sum().alias(f"stage{n}") for n in STAGES))
        .with_columns(*(pl.col(f"stage{n}").cast(pl.Int64) for n in STAGES))
    )


@table("received.by_year")
def by_year(ctx: FigureContext) -> Table:
    """Columns year, stage1, stage2, stage3: records received in each financial year with data,
    up to the end of the period, oldest first
    """
    stages = ctx.facts.stages.filter(pl.col("received") <= ctx.period.end)
    rows: list[dict[str, Any]] = []
    evidence: dict[int, pl.DataFrame] = {}
    if stages.is_empty():
        return Table(rows, evidence)
    first = stages["received"].min()
    assert isinstance(first, datetime.date)
    year = financial_year_of(first)
    while year.start <= ctx.period.end:
        in_year = stages.filter(pl.col("received").is_between(year.start, year.end))
        if not in_year.is_empty():
            rows.append({"year": year.label, **_counts(in_year)})
            evidence[len(rows) - 1] = in_year
        year = financial_year(year.start.year + 1)
    return Table(rows, evidence)


def _counts(frame: pl.DataFrame) -> dict[str, int]:
    return {f"stage{n}": int((frame["stage"] == n).sum()) for n in STAGES}


@table("received.stage1.by_month")
def by_month(ctx: FigureContext) -> Table:
    """Columns month, count: stage 1 records received in each month of the period and of the
    two periods before it (the same months one and two years earlier), oldest first
    """
    spans = [ctx.period.previous.previous, ctx.period.previous, ctx.period]
    # A period longer than a year overlaps the ones before it: each month is listed once.
    months: dict[str, tuple[datetime.date, datetime.date]] = {}
    for month in (m for span in spans for m in span.months()):
        start, end = months.get(month.label, (month.start, month.end))
        months[month.label] = (min(start, month.start), max(end, month.end))
    stage1 = ctx.facts.stages.filter(pl.col("stage") == 1)
    rows, evidence = [], {}
    for label, (start, end) in sorted(months.items(), key=lambda item: item[1]):
        in_month = stage1.filter(pl.col("received").is_between(start, end))
        rows.append({"month": label, "count": in_month.height})
        evidence[len(rows) - 1] = in_month
    return Table(rows, evidence)


def _grouped_table(ctx: FigureContext, by: str, label: str, order: list[pl.Expr]) -> Table:
    received = ctx.received()
    counts = _stage_counts(received, by).sort(order)
    rows = [
        {label: r[by], **{f"stage{n}": r[f"stage{n}"] for n in STAGES}}
        for r in counts.iter_rows(named=True)
    ]
    evidence = {i: received.filter(pl.col(by) == row[label]) for i, row in enumerate(rows)}
    return Table(rows, evidence)


@table("received.by_service")
def by_service(ctx: FigureContext) -> Table:
    """Columns service, stage1, stage2, stage3: received in the period, most stage 1 first"""
    return _grouped_table(
        ctx,
        "service",
        "service",
        [
            pl.col("stage1").cast(pl.Int64).neg(),
            pl.col("stage2").cast(pl.Int64).neg(),
            pl.col("service"),
        ],
    )


@table("received.by_area")
def by_area(ctx: FigureContext) -> Table:
    """Columns area, stage1, stage2, stage3: received in the period; area is the locality, or
    Citywide for services without one
    """
    return _grouped_table(ctx, "area", "area", [pl.col("area")])


@table("ratio.stage1_to_open_cases.by_service")
def open_cases_ratio(ctx: FigureContext) -> Table:
    """Columns service, complaints, open_cases, pct: stage 1 received ÷ open cases × 100 (2
    places), for services with an open-cases figure for the period
    """
    cases = ctx.facts.context.filter(
        (pl.col("period") == ctx.period.label)
        & (pl.col("measure") == "open_cases")
        & pl.col("service_area_id").is_not_null()
    )
    received = ctx.received(1)
    rows, evidence = [], {}
    for case in cases.sort("service").iter_rows(named=True):
        mine = received.filter(pl.col("service_area_id") == case["service_area_id"])
        value = int(case["value"])
        rows.append(
            {
                "service": case["service"],
                "complaints": mine.height,
                "open_cases": value,
                "pct": pct(mine.height, value, places=2),
            }
        )
        evidence[len(rows) - 1] = mine
    return Table(rows, evidence)
