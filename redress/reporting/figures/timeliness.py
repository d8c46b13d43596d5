"""Timeliness: the cohort of each stage group, in time against the initial, applicable and
maximum deadlines, average working days, response-time bands, quarters, and stage 2 workload.

Bands come from the procedure's own timescales (statutory stage 1: 0-10, 11-20, 21+; statutory
stage 2: 0-25, 26-65, 66+; local stage 2: 0-25, 26+), never from numbers written here.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from redress.complaints.choices import Outcome

from .context import TIMELINESS_GROUPS, FigureContext, selection
from .numbers import Rate, mean, pct
from .registry import Counted, Evidence, Table, counted, scalar, table

GROUPS = tuple(TIMELINESS_GROUPS)
CHECKS = {
    "applicable": "in_time_applicable",
    "initial": "in_time_initial",
    "maximum": "in_time_maximum",
}

# Each timeliness measure exists for two populations. `timeliness.*` is FIGURES.md's cohort:
# stages received in the period and responded by as_of. `responses.*` is the stages responded
# in the period, whenever received: the population published reports (Birmingham 2021-22) use.
# Both leave out withdrawn and outside-jurisdiction stages.
# Each is spread into a registration: the population parameter and the words of its definition.
COHORT: dict[str, Any] = {
    "population": ("cohort",),
    "words": {
        "who": "timeliness cohort (received in the period, responded by as_of, outcome "
        "neither withdrawn nor outside jurisdiction)"
    },
}
RESPONSES: dict[str, Any] = {
    "population": ("responses",),
    "words": {
        "who": "responses issued in the period (whenever received; outcome neither "
        "withdrawn nor outside jurisdiction)"
    },
}


@scalar("timeliness.{group}.cohort", group=GROUPS, **COHORT)
@scalar("responses.{group}.count", group=GROUPS, **RESPONSES)
def population_size(ctx: FigureContext, group: str, population: str) -> Counted:
    """number of {group} records in the {who}"""
    return counted(ctx.population(population, group))


@scalar("timeliness.{group}.within_{check}", group=GROUPS, check=tuple(CHECKS), **COHORT)
@scalar("responses.{group}.within_{check}", group=GROUPS, check=tuple(CHECKS), **RESPONSES)
def within(ctx: FigureContext, group: str, check: str, population: str) -> Counted:
    """{group} records in time against their {check} deadline, of the {who}"""
    return counted(ctx.population(population, group), pl.col(CHECKS[check]))


# The percentages in time and the averages come with the previous period's value, as both
# published reports compare them with the year before ("53.4%, against 63.7% in 2020-21").
@scalar(
    "timeliness.{group}.within_{check}.pct",
    group=GROUPS,
    check=tuple(CHECKS),
    previous=True,
    **COHORT,
)
@scalar(
    "responses.{group}.within_{check}.pct",
    group=GROUPS,
    check=tuple(CHECKS),
    previous=True,
    **RESPONSES,
)
def within_pct(ctx: FigureContext, group: str, check: str, population: str) -> Rate:
    """{group} records in time against their {check} deadline, % of the {who}"""
    frame = ctx.population(population, group)
    return Rate(int(frame[CHECKS[check]].sum()), frame.height)


@scalar("timeliness.{group}.average_working_days", group=GROUPS, previous=True, **COHORT)
@scalar("responses.{group}.average_working_days", group=GROUPS, previous=True, **RESPONSES)
def average(ctx: FigureContext, group: str, population: str) -> float | None:
    """mean working days taken over the {group} {who}, 2 places"""
    return mean(ctx.population(population, group)["taken"].to_list())


@selection
def _panels_held(ctx: FigureContext) -> pl.DataFrame:
    """Stage 3 requests received in the period whose review panel had met by as_of."""
    return ctx.received(3).filter(pl.col("panel").is_not_null())


@scalar("timeliness.stage3.panels_held")
def panels_held(ctx: FigureContext) -> Counted:
    """stage 3 requests received in the period whose review panel had met by as_of"""
    return counted(_panels_held(ctx))


@scalar("timeliness.stage3.panels_in_time")
def panels_in_time(ctx: FigureContext) -> Counted:
    """of timeliness.stage3.panels_held, those whose panel met within its procedure's panel
    timescale (30 working days, later by any days on hold) of the request
    """
    return counted(_panels_held(ctx), pl.col("panel_in_time").fill_null(False))


@scalar("timeliness.stage3.panel_within_30.pct")
def panel_within(ctx: FigureContext) -> float | None:
    """stage 3 panels held within their procedure's panel timescale (30 working days, later by
    any days on hold) of the request, % of panels held, for stage 3 requests received in the
    period
    """
    held = _panels_held(ctx)
    return pct(int(held["panel_in_time"].sum()), held.height)


def band_edges(ctx: FigureContext, procedure: str, stage: int) -> list[int]:
    """The upper edges of the bands: the procedure's initial and maximum timescales."""
    rule = ctx.facts.stage_rules.filter(
        (pl.col("procedure") == procedure) & (pl.col("stage") == stage)
    )
    if rule.is_empty():
        return []
    return sorted({int(rule["initial_days"][0]), int(rule["max_days"][0])})


def band_labels(edges: list[int]) -> list[str]:
    labels, low = [], 0
    for edge in edges:
        labels.append(f"{low}-{edge}")
        low = edge + 1
    return [*labels, f"{low}+"]


def band_expr(edges: list[int]) -> pl.Expr:
    labels = band_labels(edges)
    expr = pl.lit(labels[-1])
    for edge, label in reversed(list(zip(edges, labels, strict=False))):
        expr = pl.when(pl.col("taken") <= edge).then(pl.lit(label)).otherwise(expr)
    return expr.alias("band")


def _bands(frame: pl.LazyFrame, edges: list[int]) -> tuple[list[dict], Evidence]:
    """Rows band, count, pct (of the frame's records) and, for each, its records described
    lazily: the drill-down makes them, a report does not need them."""
    banded = frame.with_columns(band_expr(edges))
    counts = dict(banded.group_by("band").len().collect().iter_rows())
    total = sum(counts.values())
    rows, evidence = [], {}
    for label in band_labels(edges):
        count = counts.get(label, 0)
        rows.append({"band": label, "count": count, "pct": pct(count, total)})
        evidence[len(rows) - 1] = banded.filter(pl.col("band") == label)
    return rows, evidence


def _bands_by_area(frame: pl.DataFrame, edges: list[int]) -> Table:
    """Every area's bands, and a TOTAL's, from one count by area and band (each row's records
    described lazily)."""
    banded = frame.lazy().with_columns(band_expr(edges))
    counts = {
        (area, band): count
        for area, band, count in banded.group_by("area", "band").len().collect().iter_rows()
    }
    labels = band_labels(edges)
    rows, evidence = [], {}
    for area in [*sorted(frame["area"].unique()), "TOTAL"]:
        mine = banded if area == "TOTAL" else banded.filter(pl.col("area") == area)
        in_area = {
            label: sum(c for (a, b), c in counts.items() if b == label and area in ("TOTAL", a))
            for label in labels
        }
        total = sum(in_area.values())
        for label in labels:
            rows.append(
                {
                    "area": area,
                    "band": label,
                    "count": in_area[label],
                    "pct": pct(in_area[label], total),
                }
            )
            evidence[len(rows) - 1] = mine.filter(pl.col("band") == label)
    return Table(rows, evidence)


@table("timeliness.stage1.bands_by_area", **COHORT)
@table("responses.stage1.bands_by_area", **RESPONSES)
def stage1_bands_by_area(ctx: FigureContext, population: str) -> Table:
    """Columns area, band, count, pct: working days taken by the stage 1 {who}, in bands from the
    statutory stage 1 timescales (0-10, 11-20, 21+) whatever the procedure; pct of the area's
    total; a TOTAL area too
    """
    return _bands_by_area(ctx.population(population, "stage1"), band_edges(ctx, "statutory", 1))


@table("timeliness.stage1.by_quarter")
def stage1_by_quarter(ctx: FigureContext) -> Table:
    """Columns quarter, met, missed: the stage 1 cohort by financial quarter of receipt, against
    the applicable deadline
    """
    frame = ctx.cohort("stage1")
    rows, evidence = [], {}
    for quarter in ("Q1", "Q2", "Q3", "Q4"):
        mine = frame.filter(pl.col("quarter") == quarter)
        met = int(mine["in_time_applicable"].sum())
        rows.append({"quarter": quarter, "met": met, "missed": mine.height - met})
        evidence[len(rows) - 1] = mine
    return Table(rows, evidence)


@table("timeliness.stage2.{procedure}.bands", procedure=("statutory", "local"), **COHORT)
@table("responses.stage2.{procedure}.bands", procedure=("statutory", "local"), **RESPONSES)
def stage2_bands(ctx: FigureContext, procedure: str, population: str) -> Table:
    """Columns band, count, pct: working days taken by the {procedure} stage 2 {who}, in bands from
    the procedure's stage 2 timescales
    """
    frame = ctx.population(population, f"stage2.{procedure}")
    rows, evidence = _bands(frame.lazy(), band_edges(ctx, procedure, 2))
    return Table(rows, evidence)


# -- Stage 2 workload over the period -----------------------------------------------------------


@scalar("stage2.active")
def stage2_active(ctx: FigureContext) -> Counted:
    """stage 2 records open at any time in the period: received on or before its end and not
    responded before its start
    """
    stages = ctx.facts.stages.filter(
        (pl.col("stage") == 2)
        & (pl.col("received") <= ctx.period.end)
        & (pl.col("responded").is_null() | (pl.col("responded") >= ctx.period.start))
    )
    return counted(stages)


@selection
def _completed(ctx: FigureContext) -> pl.DataFrame:
    """Stage 2 records responded in the period. A withdrawal closes a stage on its day but is
    not a response, so withdrawn stages are not among them (docs/FIGURES.md)."""
    return ctx.responded_in_period(2).filter(
        pl.col("outcome").fill_null("") != Outcome.WITHDRAWN.value
    )


@scalar("stage2.completed")
def stage2_completed(ctx: FigureContext) -> Counted:
    """stage 2 records responded in the period (withdrawn ones are not responses)"""
    return counted(_completed(ctx))


@scalar("stage2.completed_out_of_time")
def stage2_completed_late(ctx: FigureContext) -> Counted:
    """stage 2 records responded in the period (not withdrawn) later than their applicable
    deadline
    """
    return counted(_completed(ctx), ~pl.col("in_time_applicable"))


# With the year before, as Sandwell's report compares it ("74 days … in comparison to the
# previous reporting year, where the average Stage 2 complaint was completed within 93 days").
@scalar("stage2.completed.average_working_days", previous=True)
def stage2_completed_average(ctx: FigureContext) -> float | None:
    """mean working days taken by the stage 2 records responded in the period (not withdrawn),
    2 places
    """
    return mean(_completed(ctx)["taken"].to_list())
