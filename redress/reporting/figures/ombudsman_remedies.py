"""Whether the authority did what the Ombudsman asked: the decisions of the period that set a
date to comply with remedies by, and whether they were fully complied with by it, late, or are
still outstanding on `as_of` (an enquiry is fully complied with on the day its last remedy
was)."""

from __future__ import annotations

import polars as pl

from .context import FigureContext, selection
from .escalation_routes import decided
from .numbers import Rate
from .registry import Counted, counted, scalar


@selection
def remedied(ctx: FigureContext) -> pl.DataFrame:
    return decided(ctx).filter(pl.col("remedy_due").is_not_null())


@selection
def _outstanding(ctx: FigureContext) -> pl.DataFrame:
    return remedied(ctx).filter(pl.col("remedy_completed").is_null())


@scalar("lgo.remedies.due")
def remedies_due(ctx: FigureContext) -> Counted:
    """Ombudsman decisions made in the period that set a date to comply with remedies by"""
    return counted(remedied(ctx))


@scalar("lgo.remedies.on_time")
def remedies_on_time(ctx: FigureContext) -> Counted:
    """of those, every remedy complied with by that date (as recorded by as_of)"""
    return counted(remedied(ctx), pl.col("remedy_completed") <= pl.col("remedy_due"))


@scalar("lgo.remedies.on_time.pct")
def remedies_on_time_pct(ctx: FigureContext) -> Rate:
    """lgo.remedies.on_time ÷ lgo.remedies.due × 100"""
    return Rate(remedies_on_time(ctx).value, remedied(ctx).height)


@scalar("lgo.remedies.late")
def remedies_late(ctx: FigureContext) -> Counted:
    """of those, every remedy complied with, the last after that date"""
    return counted(remedied(ctx), pl.col("remedy_completed") > pl.col("remedy_due"))


@scalar("lgo.remedies.outstanding")
def remedies_outstanding(ctx: FigureContext) -> Counted:
    """of those, a remedy not yet complied with at as_of"""
    return counted(_outstanding(ctx))


@scalar("lgo.remedies.overdue")
def remedies_overdue(ctx: FigureContext) -> Counted:
    """of those outstanding, past the date at as_of"""
    return counted(_outstanding(ctx), pl.col("remedy_due") < ctx.as_of)
