"""Where a period spans a restructure: the days inside it on which service area versions ended
and others began (`ServiceArea.valid_from` / `valid_to`), and the parts of the period they cut
it into. A report shows some tables once per part, since the services before a restructure are
not the ones after it (Sandwell 2021-22, Tables 2 to 5)."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field, fields

import polars as pl

from redress.reporting.facts import Facts
from redress.reporting.periods import Period, make_period

from .context import FigureContext

ONE_DAY = datetime.timedelta(days=1)

# One row per service area version the facts cover, with its effective dates (null: since
# records began, still in use), as `organisations.ServiceArea` stores them.
VERSIONS: dict[str, pl.DataType] = {
    "service_area_id": pl.Int64(),
    "valid_from": pl.Date(),
    "valid_to": pl.Date(),
}


@dataclass(frozen=True)
class VersionedFacts(Facts):
    """The facts with the effective dates of the service area versions they cover.

    Kept beside `Facts` rather than in it while the facts are being reworked; a report's facts
    (`selectors.reports.report_facts`) are these, and facts without them have no restructure."""

    service_areas: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=VERSIONS))


def with_versions(facts: Facts, areas: pl.DataFrame) -> VersionedFacts:
    """The facts with the service area versions `areas` (columns of VERSIONS)."""
    kept = {f.name: getattr(facts, f.name) for f in fields(Facts)}
    return VersionedFacts(
        **kept, service_areas=areas.select(pl.col(c).cast(t) for c, t in VERSIONS.items())
    )


def versions(facts: Facts) -> pl.DataFrame | None:
    return facts.service_areas if isinstance(facts, VersionedFacts) else None


def restructures(areas: pl.DataFrame, period: Period) -> list[datetime.date]:
    """The days after the period's first on which the set of service areas in force changed:
    some version began on the day and another ended the day before."""
    began = {d for d in areas["valid_from"].drop_nulls() if period.start < d <= period.end}
    followed = {d + ONE_DAY for d in areas["valid_to"].drop_nulls()}
    return sorted(began & followed)


def period_parts(ctx: FigureContext) -> list[Period]:
    """The parts of the period split at its restructures, in order; none without one."""
    areas = versions(ctx.facts)
    days = restructures(areas, ctx.period) if areas is not None else []
    if not days:
        return []
    bounds = [ctx.period.start, *days, ctx.period.end + ONE_DAY]
    return [make_period(start, end - ONE_DAY) for start, end in itertools.pairwise(bounds)]


def in_force(ctx: FigureContext, part: Period) -> set[int]:
    """The service area versions in force on some day of the part."""
    areas = versions(ctx.facts)
    if areas is None:
        return set()
    overlapping = areas.filter(
        (pl.col("valid_from").is_null() | (pl.col("valid_from") <= part.end))
        & (pl.col("valid_to").is_null() | (pl.col("valid_to") >= part.start))
    )
    return set(overlapping["service_area_id"].to_list())
