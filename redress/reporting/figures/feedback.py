"""Compliments and informal feedback."""

from __future__ import annotations

import polars as pl

from .context import FigureContext, selection
from .registry import Counted, Table, counted, scalar, table


@selection
def compliments(ctx: FigureContext) -> pl.DataFrame:
    return ctx.facts.compliments.filter(ctx.in_period("received"))


@selection
def feedback(ctx: FigureContext) -> pl.DataFrame:
    return ctx.facts.feedback.filter(ctx.in_period("received"))


@scalar("compliments.received", previous=True)
def compliments_received(ctx: FigureContext) -> Counted:
    """compliments received in the period"""
    return counted(compliments(ctx))


@scalar("compliments.external")
def compliments_external(ctx: FigureContext) -> Counted:
    """compliments received in the period from outside the organisation"""
    return counted(compliments(ctx), pl.col("external").fill_null(False))


@scalar("informal_feedback.received", previous=True)
def feedback_received(ctx: FigureContext) -> Counted:
    """informal feedback received in the period"""
    return counted(feedback(ctx))


@scalar("informal_feedback.cyp")
def feedback_cyp(ctx: FigureContext) -> Counted:
    """informal feedback received in the period from children and young people"""
    return counted(feedback(ctx), pl.col("from_child"))


@scalar("informal_feedback.cyp.satisfied")
def feedback_cyp_satisfied(ctx: FigureContext) -> Counted:
    """informal feedback from children and young people received in the period whose giver said
    they were satisfied
    """
    return counted(
        feedback(ctx).filter(pl.col("from_child") & pl.col("satisfied").fill_null(False))
    )


def _count_by(frame: pl.DataFrame, column: str, label: str) -> Table:
    counts = (
        frame.group_by(column)
        .len("count")
        .sort([pl.col("count").cast(pl.Int64).neg(), column], nulls_last=True)
    )
    rows = [
        {label: r[column] or "Not recorded", "count": int(r["count"])}
        for r in counts.iter_rows(named=True)
    ]
    keys = counts[column].to_list()
    # Each row's records are described, not copied: only the drill-down makes them.
    lazy = frame.lazy()
    return Table(rows, {i: lazy.filter(pl.col(column).eq_missing(k)) for i, k in enumerate(keys)})


@table("compliments.by_service")
def compliments_by_service(ctx: FigureContext) -> Table:
    """Columns service, count: compliments received in the period by service, largest first"""
    return _count_by(compliments(ctx), "service", "service")


@table("compliments.by_source")
def compliments_by_source(ctx: FigureContext) -> Table:
    """Columns source, count: compliments received in the period by who sent them, largest first"""
    return _count_by(compliments(ctx), "source", "source")


@table("informal_feedback.themes")
def feedback_themes(ctx: FigureContext) -> Table:
    """Columns theme, count: informal feedback received in the period by theme, largest first"""
    return _count_by(feedback(ctx), "theme", "theme")
