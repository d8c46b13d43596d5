"""How stage 1 complaints were made, and who made them."""

from __future__ import annotations

import polars as pl

from redress.complaints.choices import ComplainantType, Method

from .context import FigureContext
from .numbers import pct
from .registry import Table, table

NOT_RECORDED = "not_recorded"


def _shares(ctx: FigureContext, column: str, codes: list[str], label: str) -> Table:
    """A row per code with its count and share of the stage 1 complaints received, and the same
    for the previous period beside it (its records are not kept: a drill-down shows this
    period's). "Not recorded" is listed when either period has one."""
    frame = ctx.received(1)
    before = ctx.for_period(ctx.period.previous).received(1)
    # One count of every code in each period; a row's records made only if a drill-down asks.
    now, then = (dict(f.group_by(column).len().iter_rows()) for f in (frame, before))
    lazy = frame.lazy()
    rows, evidence = [], {}
    for code in [*codes, NOT_RECORDED]:
        key = None if code == NOT_RECORDED else code
        count, previous = now.get(key, 0), then.get(key, 0)
        if code == NOT_RECORDED and not count and not previous:
            continue
        rows.append(
            {
                label: code,
                "count": count,
                "pct": pct(count, frame.height),
                "previous": previous,
                "previous_pct": pct(previous, before.height),
            }
        )
        evidence[len(rows) - 1] = lazy.filter(
            pl.col(column).is_null() if key is None else pl.col(column) == code
        )
    return Table(rows, evidence)


@table("method.stage1")
def method(ctx: FigureContext) -> Table:
    """Columns method, count, pct, previous, previous_pct: stage 1 complaints received in the
    period by how they were made, % of received.stage1 (every method listed, including none),
    and the same for the previous period"""
    return _shares(ctx, "method", [m.value for m in Method], "method")


@table("complainant.stage1")
def complainant(ctx: FigureContext) -> Table:
    """Columns complainant_type, count, pct, previous, previous_pct: stage 1 complaints received
    in the period by who made them, % of received.stage1, and the same for the previous
    period"""
    return _shares(ctx, "complainant_type", [c.value for c in ComplainantType], "complainant_type")
