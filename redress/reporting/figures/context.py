"""What a figure function sees: the facts, the period, the authority's settings, and the
selections most figures start from (received in the period, the timeliness cohort…)."""

from __future__ import annotations

import datetime
import functools
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from redress.reporting.facts import Facts
from redress.reporting.periods import Period

STAGES = (1, 2, 3)
PROCEDURES = ("statutory", "local")
# Timeliness is reported for these stage groups (FIGURES.md, `timeliness.S.*`).
TIMELINESS_GROUPS: dict[str, tuple[int, str | None]] = {
    "stage1": (1, None),
    "stage2.statutory": (2, "statutory"),
    "stage2.local": (2, "local"),
    "stage3": (3, None),
}


@dataclass(frozen=True)
class ReportSettings:
    stage2_average_cost: Decimal = Decimal("0.00")
    suppression_threshold: int = 5
    voice: str = "we"  # or "authority": the report speaks as the authority, by name
    # The report's profile (ADR 0028): its sections in order (empty: every section, in the
    # default order), and reasons by "category" and sub-category or by "theme".
    sections: tuple[str, ...] = ()
    reasons_by: str = "category"
    # The stage 1 timeliness measure the summary and the timeliness section lead with: the
    # "responses" issued in the period, or the complaints received in it, each against its own
    # "deadline" (setting report_timeliness_by). The engine computes both whatever the choice.
    timeliness_by: str = "responses"
    TIMELINESS_MEASURES = ("responses", "deadline")  # (not a field: no annotation)

    def __post_init__(self) -> None:
        if self.timeliness_by not in self.TIMELINESS_MEASURES:
            raise ValueError(
                f"'{self.timeliness_by}' is not a timeliness measure: "
                f"{', '.join(self.TIMELINESS_MEASURES)}."
            )


class FigureContext:
    def __init__(
        self,
        facts: Facts,
        period: Period,
        settings: ReportSettings,
        _contexts: weakref.WeakValueDictionary[Period, FigureContext] | None = None,
    ) -> None:
        self.facts = facts
        self.period = period
        self.settings = settings
        self._cache: dict[tuple[object, ...], pl.DataFrame] = {}
        # The contexts of other periods over the same facts, shared by all of them: a figure
        # comparing with last year asks for it again and again (every scalar, the reasons,
        # the costs…), and each keeps its selections instead of filtering the facts afresh.
        # Weak, so that no context holds itself: a cycle would keep the facts and every
        # selection in memory until Python's cycle collector happened to run.
        self._contexts = weakref.WeakValueDictionary() if _contexts is None else _contexts
        self._contexts.setdefault(period, self)

    @property
    def as_of(self) -> datetime.date:
        return self.facts.as_of

    def for_period(self, period: Period) -> FigureContext:
        known = self._contexts.get(period)
        if known is None:
            known = FigureContext(self.facts, period, self.settings, self._contexts)
        return known

    def in_period(self, column: str) -> pl.Expr:
        return pl.col(column).is_between(self.period.start, self.period.end, closed="both")

    def _cached(self, key: tuple[object, ...], build) -> pl.DataFrame:
        if key not in self._cache:
            self._cache[key] = build()
        return self._cache[key]

    def received(self, stage: int | None = None, procedure: str | None = None) -> pl.DataFrame:
        """Stage records received in the period (optionally one stage, one procedure)."""

        def build() -> pl.DataFrame:
            # A stage's records received in the period are a slice of the facts, which are in
            # order of stage and day received (Facts.for_figures): no copy is made. All stages'
            # are those slices one after another (as a filter would give them), and a
            # procedure's are filtered from its stage's.
            if procedure is not None:
                return self.received(stage).filter(pl.col("procedure") == procedure)
            blocks = self.facts.stage_blocks
            if blocks is None:  # facts in another order: filtered
                if stage is not None:
                    return self.received().filter(pl.col("stage") == stage)
                return self.facts.stages.filter(self.in_period("received"))
            if stage is not None:
                return self._received_slice(*blocks.get(stage, (0, 0)))
            slices = [self.received(n) for n in blocks]
            return pl.concat(slices, rechunk=False) if slices else self.facts.stages.clear()

        return self._cached(("received", stage, procedure), build)

    def _received_slice(self, offset: int, length: int) -> pl.DataFrame:
        """The rows received in the period of the block of the facts at offset, length."""
        stages = self.facts.stages
        received = stages["received"].slice(offset, length)
        first = int(received.search_sorted(self.period.start, side="left"))
        after = int(received.search_sorted(self.period.end, side="right"))
        return stages.slice(offset + first, after - first)

    def cohort(self, group: str) -> pl.DataFrame:
        """The timeliness cohort: received in the period, responded by as_of, and not withdrawn
        or outside jurisdiction."""
        stage, procedure = TIMELINESS_GROUPS[group]

        def build() -> pl.DataFrame:
            return self.received(stage, procedure).filter(
                pl.col("responded").is_not_null() & ~pl.col("excluded_from_timeliness")
            )

        return self._cached(("cohort", group), build)

    def responses(self, group: str) -> pl.DataFrame:
        """Responses issued in the period for the stage group (whenever received), leaving out
        withdrawn and outside-jurisdiction stages: the population the published reports use."""
        stage, procedure = TIMELINESS_GROUPS[group]

        def build() -> pl.DataFrame:
            return self.responded_in_period(stage, procedure).filter(
                ~pl.col("excluded_from_timeliness")
            )

        return self._cached(("responses", group), build)

    def population(self, name: str, group: str) -> pl.DataFrame:
        """`cohort` (received in the period) or `responses` (responded in the period)."""
        return self.cohort(group) if name == "cohort" else self.responses(group)

    def responded_in_period(self, stage: int, procedure: str | None = None) -> pl.DataFrame:
        """Stage records whose response is dated in the period (whenever received)."""

        def build() -> pl.DataFrame:
            if procedure is not None:
                return self.responded_in_period(stage).filter(pl.col("procedure") == procedure)
            return self.facts.stages.filter(
                (pl.col("stage") == stage) & self.in_period("responded")
            )

        return self._cached(("responded", stage, procedure), build)

    def context_value(self, measure: str) -> int | None:
        frame = self.facts.context.filter(
            (pl.col("period") == self.period.label)
            & (pl.col("measure") == measure)
            & pl.col("service_area_id").is_null()
        )
        return int(frame["value"][0]) if frame.height else None


def selection(
    build: Callable[[FigureContext], pl.DataFrame],
) -> Callable[[FigureContext], pl.DataFrame]:
    """A selection of the facts that several figures start from (the payments dated in the
    period, the mediations offered in it…), made once for each period of a run and shared by
    every figure that asks, as `received` and `cohort` are."""

    @functools.wraps(build)
    def selected(ctx: FigureContext) -> pl.DataFrame:
        return ctx._cached((build.__module__, build.__qualname__), lambda: build(ctx))

    return selected
