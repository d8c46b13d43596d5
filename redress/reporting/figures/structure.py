"""Where a period spans a restructure: the days inside it on which some services ended and
others began in their place (by the service area versions' `valid_from` / `valid_to`, carried in
`Facts.service_areas`), and the parts of the period they cut it into. A report shows some tables
once per part, since the services before a restructure are not the ones after it (Sandwell
2021-22, Tables 2 to 5)."""

from __future__ import annotations

import datetime
import itertools

import polars as pl

from redress.reporting.periods import Period, make_period

from .context import FigureContext

ONE_DAY = datetime.timedelta(days=1)


def _names_in_force(areas: pl.DataFrame, day: datetime.date) -> set[str]:
    on_the_day = areas.filter(
        (pl.col("valid_from").is_null() | (pl.col("valid_from") <= day))
        & (pl.col("valid_to").is_null() | (pl.col("valid_to") >= day))
    )
    return set(on_the_day["service"].drop_nulls().to_list())


def restructures(areas: pl.DataFrame, period: Period) -> list[datetime.date]:
    """The days after the period's first on which the services in force changed: some service
    began on the day and another ended the day before. Services are told apart by name: a
    service given a new version under the same name (moved to a locality, say) is the same
    service before and after, and a new team alone, or a closed one, restructures nothing.
    `areas` has the columns of `schema.SERVICE_AREA`."""
    days = sorted({d for d in areas["valid_from"].drop_nulls() if period.start < d <= period.end})
    cut = []
    for day in days:
        before, after = _names_in_force(areas, day - ONE_DAY), _names_in_force(areas, day)
        if after - before and before - after:
            cut.append(day)
    return cut


def period_parts(ctx: FigureContext) -> list[Period]:
    """The parts of the period split at its restructures, in order; none without one."""
    days = restructures(ctx.facts.service_areas, ctx.period)
    if not days:
        return []
    bounds = [ctx.period.start, *days, ctx.period.end + ONE_DAY]
    return [make_period(start, end - ONE_DAY) for start, end in itertools.pairwise(bounds)]


def in_force(ctx: FigureContext, part: Period) -> set[int]:
    """The service area versions in force on some day of the part."""
    overlapping = ctx.facts.service_areas.filter(
        (pl.col("valid_from").is_null() | (pl.col("valid_from") <= part.end))
        & (pl.col("valid_to").is_null() | (pl.col("valid_to") >= part.start))
    )
    return set(overlapping["service_area_id"].to_list())
