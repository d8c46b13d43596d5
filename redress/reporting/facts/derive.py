"""Derived columns of the stage facts: the clock, deadlines, timeliness, bands and groupings.

Pure functions of a frame and a calendar, so the same derivation serves extracted facts and the
hand-built facts of the tests.
"""

from __future__ import annotations

from collections.abc import Collection

import polars as pl

from redress.complaints.choices import CYP_COMPLAINANT_TYPES, OUTCOMES_EXCLUDED_FROM_TIMELINESS
from redress.procedures.calendar import WorkingCalendar

CITYWIDE = "Citywide"
# Worked out whatever `only` says: the in-time flags are worked from them.
UNCONDITIONAL = frozenset({"taken", "panel_taken"})


def derive_stage_columns(
    stages: pl.DataFrame, calendar: WorkingCalendar, *, only: Collection[str] | None = None
) -> pl.DataFrame:
    """Add clock_start, effective_start, applicable_days, working days taken, due dates,
    in-time flags, the stage 3 panel measure and the grouping columns. With `only` (the
    columns a report's figures read), the due dates and the effective start are not worked
    out unless among them: each is a working-day sum over every stage, and no figure counts by
    them (the staff pages show a stage's own).

    Working days on hold do not count as working days taken, and every deadline moves later by
    them, the stage 3 panel's too: the clock stops while a stage is on hold (docs/FIGURES.md,
    Conventions)."""
    clock_start = (
        pl.when(
            (pl.col("clock_start_rule") == "statement_agreed")
            & pl.col("statement_agreed").is_not_null()
        )
        .then(pl.col("statement_agreed"))
        .otherwise(pl.col("received"))
    )
    frame = stages.with_columns(
        clock_start.alias("clock_start"),
        pl.coalesce("extended_to_days", "initial_days").alias("applicable_days"),
        pl.col("locality").fill_null(CITYWIDE).alias("area"),
        pl.col("complainant_type").is_in(list(CYP_COMPLAINANT_TYPES)).fill_null(False).alias("cyp"),
        pl.col("outcome")
        .is_in(list(OUTCOMES_EXCLUDED_FROM_TIMELINESS))
        .fill_null(False)
        .alias("excluded_from_timeliness"),
        _quarter(pl.col("received")).alias("quarter"),
    )
    held = pl.col("held_days").fill_null(0)
    clock = pl.col("clock_start")
    derived = [
        calendar.effective_start_expr(clock).alias("effective_start"),
        (calendar.working_days_taken_expr(clock, pl.col("responded")) - held)
        .clip(lower_bound=0)
        .alias("taken"),
        calendar.due_date_expr(clock, pl.col("initial_days") + held).alias("initial_due"),
        calendar.due_date_expr(clock, pl.col("applicable_days") + held).alias("applicable_due"),
        calendar.due_date_expr(clock, pl.col("max_days") + held).alias("maximum_due"),
        (calendar.working_days_taken_expr(pl.col("received"), pl.col("panel")) - held)
        .clip(lower_bound=0)
        .alias("panel_taken"),
    ]
    wanted = None if only is None else UNCONDITIONAL | set(only)
    frame = frame.with_columns(
        d for d in derived if wanted is None or d.meta.output_name() in wanted
    )
    return frame.with_columns(
        (pl.col("taken") <= pl.col("applicable_days")).alias("in_time_applicable"),
        (pl.col("taken") <= pl.col("initial_days")).alias("in_time_initial"),
        (pl.col("taken") <= pl.col("max_days")).alias("in_time_maximum"),
        (pl.col("panel_taken") <= pl.col("panel_within_days")).alias("panel_in_time"),
    )


def _quarter(day: pl.Expr) -> pl.Expr:
    """Financial quarter of a date: Q1 = April to June."""
    return pl.format("Q{}", ((day.dt.month() + 8) % 12) // 3 + 1)
