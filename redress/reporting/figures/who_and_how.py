"""How stage 1 complaints were made, and who made them."""

from __future__ import annotations

import polars as pl

from redress.complaints.choices import ComplainantType, Method

from .context import FigureContext
from .numbers import pct
from .registry import Table, table

NOT_RECORDED = "not_recorded"


def _shares(frame: pl.DataFrame, column: str, codes: list[str], label: str) -> Table:
    rows, evidence = [], {}
    for code in [*codes, NOT_RECORDED]:
        mine = frame.filter(
            pl.col(column).is_null() if code == NOT_RECORDED else pl.col(column) == code
        )
        if code == NOT_RECORDED and mine.is_empty():
            continue
        rows.append({label: code, "count": mine.height, "pct": pct(mine.height, frame.height)})
        evidence[len(rows) - 1] = mine
    return Table(rows, evidence)


@table("method.stage1")
def method(ctx: FigureContext) -> Table:
    """Columns method, count, pct: stage 1 complaints received in the period by how they were
    made, % of received.stage1 (every method listed, including none)"""
    return _shares(ctx.received(1), "method", [m.value for m in Method], "method")


@table("complainant.stage1")
def complainant(ctx: FigureContext) -> Table:
    """Columns complainant_type, count, pct: stage 1 complaints received in the period by who
    made them, % of received.stage1"""
    return _shares(
        ctx.received(1), "complainant_type", [c.value for c in ComplainantType], "complainant_type"
    )
