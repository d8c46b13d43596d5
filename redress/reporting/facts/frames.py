"""The facts one report run computes from: a frame per kind of record."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from functools import cached_property

import polars as pl

from . import schema


@dataclass(frozen=True)
class Facts:
    as_of: datetime.date
    stages: pl.DataFrame
    aspects: pl.DataFrame
    mediations: pl.DataFrame
    enquiries: pl.DataFrame
    payments: pl.DataFrame
    compliments: pl.DataFrame
    feedback: pl.DataFrame
    satisfaction: pl.DataFrame
    actions: pl.DataFrame
    context: pl.DataFrame
    stage_rules: pl.DataFrame
    # Satisfaction surveys (redress.surveys); empty where none are given.
    surveys: pl.DataFrame = field(default_factory=lambda: schema.empty(schema.SURVEY))
    # The service area versions covered, with their dates (`schema.SERVICE_AREA`); none given,
    # no restructure.
    service_areas: pl.DataFrame = field(default_factory=lambda: schema.empty(schema.SERVICE_AREA))
    # Already as the figures read them (`for_figures`).
    narrowed: bool = False

    def for_figures(self) -> Facts:
        """The facts as the figures engine reads them: the stage frame narrowed to the columns
        figures read (`schema.STAGE_FIGURES`), and the names repeated on every stage and reason
        held as categories. The same values, in a third less memory, for every selection the
        figures make (at a million complaints those selections, not the facts, were most of a
        report's memory). The stages are in order of stage, then day received, so that a
        stage's records received in a period are one slice of them, which the figures take
        without copying (`FigureContext.received`). Facts already narrowed are returned as
        they are."""
        if self.narrowed:
            return self
        stages = self.stages.select(schema.STAGE_FIGURES).with_columns(
            pl.col(schema.STAGE_CATEGORIES).cast(pl.Categorical())
        )
        if not in_stage_order(stages):  # extraction reads them in that order
            stages = stages.sort("stage", "received", maintain_order=True)
        aspects = self.aspects.select(
            c for c in schema.ASPECT if c in self.aspects.columns and c != "reference"
        ).with_columns(pl.col(schema.ASPECT_CATEGORIES).cast(pl.Categorical()))
        return replace(self, stages=stages, aspects=aspects, narrowed=True)

    @cached_property
    def stage_blocks(self) -> dict[int, tuple[int, int]] | None:
        """Where each stage's rows are in facts narrowed for the figures, which are in order of
        stage and day received: {stage: (offset, length)}, in order of stage. None for facts
        not in that order (not narrowed, or with a stage or day received missing)."""
        stages = self.stages
        if not self.narrowed or stages["stage"].null_count() or stages["received"].null_count():
            return None
        blocks, offset = {}, 0
        for length, stage in stages["stage"].rle().struct.unnest().iter_rows():
            blocks[int(stage)] = (offset, length)
            offset += length
        return blocks


def in_stage_order(stages: pl.DataFrame) -> bool:
    """Whether the stages are in order of stage, then day received (as the figures take them:
    `Facts.for_figures`)."""
    stage, received = pl.col("stage"), pl.col("received")
    later = (stage.diff() > 0) | ((stage.diff() == 0) & (received.diff() >= 0))
    return bool(stages.select(later.fill_null(True).all()).item())
