"""Helpers the section builders share."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from redress.core import presenters
from redress.reporting.charts import Chart
from redress.reporting.figures.numbers import pct

from ..model import Block, ChartBlock, TableBlock, Value
from ..values import fmt

if TYPE_CHECKING:
    from ..context import BuildContext

Blocks = list[Block]


def scope_began(ctx: BuildContext) -> datetime.date | None:
    """The day the report's locality or service area came into use: the earliest day one of
    the service area versions it counts was in use (in the locality, for a locality's report).
    None for the whole authority, or for a scope in use since records began."""
    if ctx.locality is None and ctx.service is None:
        return None
    from redress.organisations.models import ServiceArea

    starts = []
    for area in ServiceArea.objects.filter(pk__in=ctx.areas or ()).select_related("locality"):
        start = area.valid_from
        if ctx.locality and area.locality is not None and area.locality.valid_from is not None:
            start = (
                area.locality.valid_from if start is None else max(start, area.locality.valid_from)
            )
        if start is None:
            return None
        starts.append(start)
    return min(starts, default=None)


def new_since(ctx: BuildContext) -> datetime.date | None:
    """The day the report's scope began, when that was after the same period a year before
    ended: nothing of it existed then, so there is nothing to compare with (not "none")."""
    began = scope_began(ctx)
    return began if began is not None and began > ctx.period.previous.end else None


def began_words(ctx: BuildContext, began: datetime.date) -> str:
    """ "the West locality began on 1 January 2022", "Family Hub began on 1 February 2022" """
    who = f"the {ctx.covers}" if ctx.locality else ctx.covers
    return f"{who} began on {presenters.govuk_date(began)}"


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
