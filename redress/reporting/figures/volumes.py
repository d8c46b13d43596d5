"""Volumes: what was received, by stage, procedure, year, month, service and area; escalation;
rates against referrals, assessments and open cases."""

from __future__ import annotations

import datetime
from typing import Any

import polars as pl

from redress.reporting.periods import FY_START_MONTH, Period, financial_year

from .context import PROCEDURES, STAGES, FigureContext
from .numbers import Rate, pct
from .registry import Counted, Table, counted, scalar, table
from .structure import in_force, period_parts


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
    # Counted in one pass over a year column; each year's records are described, not copied
    # (the drill-down makes them), since every year's together is every stage record there is.
    stages = ctx.facts.stages.lazy().filter(pl.col("received") <= ctx.period.end)
    counts = (
        stages.with_columns(
            year=pl.col("received").dt.year()
            - (pl.col("received").dt.month() < FY_START_MONTH).cast(pl.Int32)
        )
        .group_by("year", "stage")
        .len()
        .collect()
    )
    rows: list[dict[str, Any]] = []
    evidence: dict[int, pl.LazyFrame] = {}
    by_year: dict[int, dict[int, int]] = {}
    for year_number, stage, number in counts.iter_rows():
        by_year.setdefault(year_number, {})[stage] = number
    for year_number in sorted(by_year):  # a year with no records at all is not listed
        year = financial_year(year_number)
        rows.append(
            {"year": year.label, **{f"stage{n}": by_year[year_number].get(n, 0) for n in STAGES}}
        )
        evidence[len(rows) - 1] = stages.filter(pl.col("received").is_between(year.start, year.end))
    return Table(rows, evidence)


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
    ordered = sorted(months.items(), key=lambda item: item[1])
    # One pass counts every month; each month's records are described, not copied.
    stage1 = ctx.facts.stages.lazy().filter(pl.col("stage") == 1)
    in_month = {label: pl.col("received").is_between(start, end) for label, (start, end) in ordered}
    counts = stage1.select([expr.sum().alias(label) for label, expr in in_month.items()]).collect()
    rows = [{"month": label, "count": int(counts[label][0] or 0)} for label in in_month]
    evidence = {i: stage1.filter(expr) for i, expr in enumerate(in_month.values())}
    return Table(rows, evidence)


def _grouped_table(ctx: FigureContext, by: str, label: str, order: list[pl.Expr]) -> Table:
    received = ctx.received()
    counts = _stage_counts(received, by).sort(order)
    rows = [
        {label: r[by], **{f"stage{n}": r[f"stage{n}"] for n in STAGES}}
        for r in counts.iter_rows(named=True)
    ]
    evidence = {i: received.lazy().filter(pl.col(by) == row[label]) for i, row in enumerate(rows)}
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
    return _open_cases(ctx, ctx.period.label)


def _open_cases(ctx: FigureContext, label: str, areas: set[int] | None = None) -> Table:
    """Stage 1 received in ctx's period against the open cases recorded for the period
    labelled `label`, of the service area versions `areas` (None: every one)."""
    cases = ctx.facts.context.filter(
        (pl.col("period") == label)
        & (pl.col("measure") == "open_cases")
        & pl.col("service_area_id").is_not_null()
    )
    if areas is not None:
        cases = cases.filter(pl.col("service_area_id").is_in(sorted(areas)))
    received = ctx.received(1)
    # One count for every service; a row's records made only if a drill-down asks.
    counts = dict(received.group_by("service_area_id").len().iter_rows())
    lazy = received.lazy()
    rows, evidence = [], {}
    for case in cases.sort("service").iter_rows(named=True):
        complaints = counts.get(case["service_area_id"], 0)
        value = int(case["value"])
        rows.append(
            {
                "service": case["service"],
                "complaints": complaints,
                "open_cases": value,
                "pct": pct(complaints, value, places=2),
            }
        )
        evidence[len(rows) - 1] = lazy.filter(pl.col("service_area_id") == case["service_area_id"])
    return Table(rows, evidence)


# -- By part of a period that spans a restructure --------------------------------------------


def _by_part(parts: list[tuple[Period, Table]]) -> Table:
    """The parts' tables one after the other, each row led by its part's number and dates."""
    rows: list[dict[str, Any]] = []
    evidence: dict[int, pl.DataFrame | pl.LazyFrame] = {}
    for number, (part, shown) in enumerate(parts, start=1):
        for index, row in enumerate(shown.rows):
            if index in shown.evidence:
                evidence[len(rows)] = shown.evidence[index]
            rows.append({"part": number, "from": part.start, "to": part.end, **row})
    return Table(rows, evidence)


@table("received.by_service.parts")
def by_service_parts(ctx: FigureContext) -> Table:
    """Columns part, from, to, service, stage1, stage2, stage3: received.by_service for each
    part of a period that spans a restructure (cut on each day some services began and others
    ended the day before: figures/structure.py), the parts in order; no rows without one
    """
    return _by_part([(part, by_service(ctx.for_period(part))) for part in period_parts(ctx)])


@table("ratio.stage1_to_open_cases.by_service.parts")
def open_cases_ratio_parts(ctx: FigureContext) -> Table:
    """Columns part, from, to, service, complaints, open_cases, pct: for each part of a period
    that spans a restructure, stage 1 received in the part ÷ the period's open cases × 100 (2
    places), for the service area versions in force in the part with an open-cases figure for
    the period; no rows without a restructure
    """
    return _by_part(
        [
            (part, _open_cases(ctx.for_period(part), ctx.period.label, in_force(ctx, part)))
            for part in period_parts(ctx)
        ]
    )
