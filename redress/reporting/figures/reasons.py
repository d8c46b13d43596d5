"""Reasons for complaint (aspects by category and sub-category) and themes."""

from __future__ import annotations

import polars as pl

from .context import FigureContext, selection
from .outcomes import UPHELD_OR_PARTIALLY
from .registry import Counted, Table, counted, scalar, table


@selection
def stage1_aspects(ctx: FigureContext) -> pl.DataFrame:
    return ctx.facts.aspects.filter((pl.col("stage") == 1) & ctx.in_period("received"))


@scalar("aspects.stage1.total", previous=True)
def aspects_total(ctx: FigureContext) -> Counted:
    """aspects (reasons) recorded on stage 1 complaints received in the period"""
    return counted(stage1_aspects(ctx))


def _grouped(frame: pl.DataFrame, by: list[str], order: list[str]) -> Table:
    counts = frame.group_by(by).len("count").sort([pl.col("count").cast(pl.Int64).neg(), *order])
    rows = [
        {**{c: r[c] for c in by}, "count": int(r["count"])} for r in counts.iter_rows(named=True)
    ]
    # Each row's records, made only if a drill-down asks for them.
    lazy = frame.lazy()
    evidence = {
        i: lazy.filter(pl.all_horizontal(pl.col(c).eq_missing(row[c]) for c in by))
        for i, row in enumerate(rows)
    }
    return Table(rows, evidence)


@table("aspects.stage1.by_category")
def by_category(ctx: FigureContext) -> Table:
    """Columns category, count, previous: stage 1 aspects received in the period by category,
    largest first, with the same category's count in the previous period
    """
    current = _grouped(stage1_aspects(ctx), ["category"], ["category"])
    before = dict(
        stage1_aspects(ctx.for_period(ctx.period.previous))
        .group_by("category")
        .len("count")
        .iter_rows()
    )
    rows = [{**r, "previous": int(before.get(r["category"], 0))} for r in current.rows]
    return Table(rows, current.evidence)


@table("aspects.stage1.by_subcategory")
def by_subcategory(ctx: FigureContext) -> Table:
    """Columns category, subcategory, count: stage 1 aspects received in the period by category
    and sub-category, in alphabetical order of both (as Appendix B of a report lists them); an
    aspect with no sub-category comes last in its category, with subcategory blank
    """
    grouped = _grouped(stage1_aspects(ctx), ["category", "subcategory"], ["category"])
    order = sorted(
        range(len(grouped.rows)),
        key=lambda i: _alphabetical(grouped.rows[i]["category"], grouped.rows[i]["subcategory"]),
    )
    return Table(
        [grouped.rows[i] for i in order], {n: grouped.evidence[i] for n, i in enumerate(order)}
    )


def _alphabetical(category: str, subcategory: str | None) -> tuple[str, bool, str]:
    # Case-insensitive, so "Provide a Service" comes before "Provide Advice".
    return (category.casefold(), subcategory is None, (subcategory or "").casefold())


def themed_stage1(ctx: FigureContext) -> pl.DataFrame:
    return ctx.received(1).filter(pl.col("theme").is_not_null())


def _theme_rows(frame: pl.DataFrame) -> pl.DataFrame:
    return (
        frame.group_by("theme")
        .agg(
            pl.len().alias("count"),
            pl.col("outcome").is_in(UPHELD_OR_PARTIALLY).sum().alias("upheld_or_partially"),
        )
        .sort([pl.col("count").cast(pl.Int64).neg(), "theme"])
    )


@table("themes.stage1")
def themes(ctx: FigureContext) -> Table:
    """Columns theme, count, upheld_or_partially: stage 1 complaints received in the period by
    their theme, where a theme taxonomy is in use, largest first
    """
    frame = themed_stage1(ctx)
    rows = [
        {
            "theme": r["theme"],
            "count": int(r["count"]),
            "upheld_or_partially": int(r["upheld_or_partially"]),
        }
        for r in _theme_rows(frame).iter_rows(named=True)
    ]
    lazy = frame.lazy()
    return Table(rows, {i: lazy.filter(pl.col("theme") == r["theme"]) for i, r in enumerate(rows)})


@table("themes.stage1.top5")
def top5(ctx: FigureContext) -> Table:
    """Columns theme, count, upheld_or_partially, previous_upheld_or_partially: the five largest
    stage 1 themes of the period, with the same theme's upheld or partially upheld count in the
    previous period
    """
    current = themes(ctx)
    previous = {
        r["theme"]: r["upheld_or_partially"]
        for r in themes(ctx.for_period(ctx.period.previous)).rows
    }
    rows = [
        {**r, "previous_upheld_or_partially": previous.get(r["theme"], 0)} for r in current.rows[:5]
    ]
    return Table(rows, {i: current.evidence[i] for i in range(len(rows))})
