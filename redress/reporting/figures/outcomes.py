"""Outcomes of the stages received in the period, as recorded by as_of."""

from __future__ import annotations

import polars as pl

from redress.complaints.choices import Outcome

from .context import STAGES, FigureContext
from .numbers import Rate, pct
from .registry import Counted, Table, count_where, counted, scalar, table

OUTSTANDING = "outstanding"
OUTCOMES = (*(o.value for o in Outcome), OUTSTANDING)
UPHELD_OR_PARTIALLY = (Outcome.UPHELD.value, Outcome.PARTIALLY_UPHELD.value)


def outcome_is(outcome: str) -> pl.Expr:
    """Whether a record has the outcome; `outstanding` means no outcome recorded by as_of."""
    if outcome == OUTSTANDING:
        return pl.col("outcome").is_null()
    return pl.col("outcome") == outcome


def with_outcome[F: (pl.DataFrame, pl.LazyFrame)](frame: F, outcome: str) -> F:
    """Records with the outcome (`outcome_is`)."""
    return frame.filter(outcome_is(outcome))


@scalar("outcome.stage{n}.{outcome}", n=STAGES, outcome=OUTCOMES)
def outcome_count(ctx: FigureContext, n: int, outcome: str) -> Counted:
    """stage {n} records received in the period with outcome {outcome}"""
    return counted(ctx.received(n), outcome_is(outcome))


# Stage 1's upheld, partially upheld and not upheld shares come with the previous period's, as
# the published reports compare them with the year before.
COMPARED = (Outcome.UPHELD.value, Outcome.PARTIALLY_UPHELD.value, Outcome.NOT_UPHELD.value)


# (Decorators register from the bottom up: stage 1's in the order of OUTCOMES, then the others.)
@scalar("outcome.stage{n}.{outcome}.pct", n=STAGES[1:], outcome=OUTCOMES)
@scalar(
    "outcome.stage{n}.{outcome}.pct",
    n=(1,),
    outcome=tuple(o for o in OUTCOMES if o not in COMPARED),
)
@scalar("outcome.stage{n}.{outcome}.pct", n=(1,), outcome=COMPARED, previous=True)
def outcome_pct(ctx: FigureContext, n: int, outcome: str) -> Rate:
    """stage {n} records received in the period with outcome {outcome}, % of received.stage{n}"""
    received = ctx.received(n)
    return Rate(count_where(received, outcome_is(outcome)), received.height)


@scalar("outcome.stage{n}.upheld_or_partially.pct", n=STAGES, previous=True)
def upheld_or_partially(ctx: FigureContext, n: int) -> Rate:
    """(upheld + partially_upheld) ÷ received.stage{n} × 100"""
    received = ctx.received(n)
    return Rate(
        count_where(received, pl.col("outcome").is_in(UPHELD_OR_PARTIALLY)), received.height
    )


@table("outcomes")
def outcomes_table(ctx: FigureContext) -> Table:
    """Columns stage, outcome, count, pct: stage records received in the period by outcome, pct of
    those received at the stage
    """
    rows, evidence = [], {}
    for n in STAGES:
        received = ctx.received(n)
        # One count of every outcome; each row's records made only if a drill-down asks.
        counts = dict(received.group_by("outcome").len().iter_rows())
        lazy = received.lazy()
        for outcome in OUTCOMES:
            count = counts.get(None if outcome == OUTSTANDING else outcome, 0)
            rows.append(
                {"stage": n, "outcome": outcome, "count": count, "pct": pct(count, received.height)}
            )
            evidence[len(rows) - 1] = lazy.pipe(with_outcome, outcome)
    return Table(rows, evidence)
