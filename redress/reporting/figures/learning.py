"""Learning and improvement actions raised from complaints."""

from __future__ import annotations

import polars as pl

from .context import FigureContext, selection
from .registry import Counted, Table, counted, scalar, table


@selection
def raised(ctx: FigureContext) -> pl.DataFrame:
    return ctx.facts.actions.filter(ctx.in_period("raised"))


def _overdue(ctx: FigureContext) -> pl.Expr:
    return pl.col("completed").is_null() & pl.col("due").is_not_null() & (pl.col("due") < ctx.as_of)


@scalar("actions.total")
def actions_total(ctx: FigureContext) -> Counted:
    """learning actions raised in the period"""
    return counted(raised(ctx))


@scalar("actions.completed")
def actions_completed(ctx: FigureContext) -> Counted:
    """learning actions raised in the period and completed by as_of"""
    return counted(raised(ctx), pl.col("completed").is_not_null())


@scalar("actions.overdue")
def actions_overdue(ctx: FigureContext) -> Counted:
    """learning actions raised in the period, past their due date and not completed at as_of"""
    return counted(raised(ctx), _overdue(ctx))


@table("actions.by_theme")
def actions_by_theme(ctx: FigureContext) -> Table:
    """Columns theme, total, completed, overdue: learning actions raised in the period by theme,
    largest first
    """
    frame = raised(ctx).with_columns(
        pl.col("theme").fill_null("No theme"), _overdue(ctx).alias("is_overdue")
    )
    grouped = (
        frame.group_by("theme")
        .agg(
            pl.len().alias("total"),
            pl.col("completed").is_not_null().sum().alias("completed"),
            pl.col("is_overdue").sum().alias("overdue"),
        )
        .sort([pl.col("total").cast(pl.Int64).neg(), "theme"])
    )
    rows = [
        {
            "theme": r["theme"],
            "total": int(r["total"]),
            "completed": int(r["completed"]),
            "overdue": int(r["overdue"]),
        }
        for r in grouped.iter_rows(named=True)
    ]
    return Table(rows, {i: frame.filter(pl.col("theme") == r["theme"]) for i, r in enumerate(rows)})
