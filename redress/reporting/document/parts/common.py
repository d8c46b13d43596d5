"""Helpers the section builders share."""

from __future__ import annotations

from redress.reporting.charts import Chart
from redress.reporting.figures.numbers import pct

from ..model import Block, ChartBlock, TableBlock, Value
from ..values import fmt

Blocks = list[Block]


def chart_block(chart: Chart, table: TableBlock) -> ChartBlock | TableBlock:
    """The chart with its data table; just the table when the chart would be empty."""
    if chart.empty:
        return table
    return ChartBlock(
        key=chart.key,
        title=chart.title,
        spec=chart.spec,
        description=chart.description,
        table=table,
    )


def share(
    part: int | None, whole: int | None, *, figure_id: str | None = None, drill=None
) -> Value:
    """A percentage the report derives from two figures (a part of a whole), rounded as the
    figures are; it names the figure counting the part, whose records are behind it."""
    value = pct(part, whole) if part is not None and whole is not None else None
    return Value(fmt(value, "pct"), figure_id, drill=drill)
