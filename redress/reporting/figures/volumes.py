"""Volumes: what was received, by stage, procedure, year, month, service and area; escalation;
rates against referrals, assessments and open cases."""

from __future__ import annotations

import datetime

import polars as pl

from redress.reporting.periods import financial_year, fy_label, make_period

from .context import PROCEDURES, STAGES, FigureContext
from .numbers import pct
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
def escalation_1_2(ctx: FigureContext) -> float | None:
    """received.stage2 ÷ received.stage1 × 100"""
    return pct(ctx.received(2).height, ctx.received(1).height)


@scalar("escalation.stage2_to_stage3.pct", previous=True)
def escalation_2_3(ctx: FigureContext) -> float | None:
    """received.stage3 ÷ received.stage2.statutory × 100"""
    return pct(ctx.received(3).height, ctx.received(2, "statutory").height)


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
    """Columns year, stage1, stage2, stage3: for every financial year with data up to the period,
    oldest first
    """
    stages = ctx.facts.stages.filter(pl.col("received") <= ctx.period.end)
    if stages.is_empty():
        return Table([])
    first = stages["received"].min()
    assert isinstance(first, datetime.date)
    rows, evidence = [], {}
    year = first.year if first.month >= 4 else first.year - 1
    while financial_year(year).start <= ctx.period.end:
        span = financial_year(year)
        in_year = stages.filter(pl.col("received").is_between(span.start, span.end))
        rows.append({"year": fy_label(year), **_counts(in_year)})
        evidence[len(rows) - 1] = in_year
        year += 1
    return Table(rows, evidence)


def _counts(frame: pl.DataFrame) -> dict[str, int]:
    return {f"stage{n}": int((frame["stage"] == n).sum()) for n in STAGES}


@table("received.stage1.by_month")
def by_month(ctx: FigureContext) -> Table:
    """Columns month, count: of stage 1 records received, for the period and the two before it"""
    start = ctx.period.previous.previous.start
    span = make_period(start, ctx.period.end)
    stage1 = ctx.facts.stages.filter(pl.col("stage") == 1)
    rows, evidence = [], {}
    for month in span.months():
        in_month = stage1.filter(pl.col("received").is_between(month.start, month.end))
        rows.append({"month": month.label, "count": in_month.height})
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
