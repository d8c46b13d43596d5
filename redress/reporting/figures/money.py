"""Costs of investigating complaints and compensation paid, in pounds (Decimal, exact)."""

from __future__ import annotations

from decimal import Decimal

import polars as pl

from .context import FigureContext, selection
from .numbers import pounds
from .registry import Table, scalar, table

COSTS = {
    "costs.stage2.investigating_officer": ("2", "investigating_officer"),
    "costs.stage2.independent_person": ("2", "independent_person"),
    "costs.stage3.review_panel": ("3", "review_panel"),
}
COMPENSATION_STAGES = ("1", "2", "3", "lgo")
# FIGURES.md names them compensation.stage1, .stage2, .stage3 and .lgo.
COMPENSATION_IDS = {"stage1": "1", "stage2": "2", "stage3": "3", "lgo": "lgo"}


@selection
def paid(ctx: FigureContext) -> pl.DataFrame:
    return ctx.facts.payments.filter(ctx.in_period("date"))


def total(frame: pl.DataFrame) -> Decimal:
    return pounds(int(frame["pence"].sum()))


def _is(stage: str | None, kind: str) -> pl.Expr:
    """Whether a payment is of the kind (and at the stage, unless None)."""
    kind_is = pl.col("kind") == kind
    return kind_is if stage is None else kind_is & (pl.col("stage") == stage)


def _of(ctx: FigureContext, stage: str | None, kind: str) -> pl.LazyFrame:
    """The payments of the kind (and stage) dated in the period, described for the
    drill-down."""
    return paid(ctx).lazy().filter(_is(stage, kind))


def _total_of(ctx: FigureContext, stage: str | None, kind: str) -> Decimal:
    """What the payments of the kind (and stage) dated in the period add up to."""
    summed = paid(ctx).select(pl.col("pence").filter(_is(stage, kind)).sum()).item()
    return pounds(int(summed))


@scalar("costs.{key}", key=tuple(k.removeprefix("costs.") for k in COSTS), previous=True)
def cost(ctx: FigureContext, key: str) -> Decimal:
    """payments of the kind and stage named in the id, dated in the period (£)"""
    stage, kind = COSTS[f"costs.{key}"]
    return _total_of(ctx, stage, kind)


def investigation(ctx: FigureContext) -> pl.DataFrame:
    named = pl.any_horizontal(
        (pl.col("stage") == stage) & (pl.col("kind") == kind) for stage, kind in COSTS.values()
    )
    return paid(ctx).filter(named | (pl.col("kind") == "other_cost"))


@scalar("costs.investigation.total", previous=True)
def investigation_total(ctx: FigureContext) -> Decimal:
    """costs.stage2.investigating_officer + costs.stage2.independent_person +
    costs.stage3.review_panel + any other_cost payments dated in the period (£)
    """
    return total(investigation(ctx))


@scalar("compensation.{key}", key=tuple(COMPENSATION_IDS), previous=True)
def compensation(ctx: FigureContext, key: str) -> Decimal:
    """compensation payments at the stage the id names (stage 1, 2, 3, or lgo: the Ombudsman's
    remedies) dated in the period (£)
    """
    return _total_of(ctx, COMPENSATION_IDS[key], "compensation")


@scalar("compensation.total", previous=True)
def compensation_total(ctx: FigureContext) -> Decimal:
    """all compensation payments dated in the period (£)"""
    return _total_of(ctx, None, "compensation")


@scalar("payments.total", previous=True)
def payments_total(ctx: FigureContext) -> Decimal:
    """costs.investigation.total + compensation.total (£)"""
    return investigation_total(ctx) + compensation_total(ctx)


@table("costs")
def costs_table(ctx: FigureContext) -> Table:
    """Columns kind, stage, amount, previous: payments by kind and stage dated in the period, with
    the previous period's amount (£)
    """
    lines: list[tuple[str, str | None]] = [(kind, stage) for stage, kind in COSTS.values()]
    lines += [("other_cost", None)]
    lines += [("compensation", stage) for stage in COMPENSATION_STAGES]
    previous = ctx.for_period(ctx.period.previous)
    rows, evidence = [], {}
    for kind, stage in lines:
        rows.append(
            {
                "kind": kind,
                "stage": stage or "any",
                "amount": _total_of(ctx, stage, kind),
                "previous": _total_of(previous, stage, kind),
            }
        )
        evidence[len(rows) - 1] = _of(ctx, stage, kind)
    return Table(rows, evidence)
