"""The selections figures start from (`FigureContext.received`): a stage's records received in
the period are a slice of the facts, which `Facts.for_figures` puts in order of stage and day
received, and they are the same records a filter of the facts would give, in the same order,
whatever order the facts were built in (ADR 0034)."""

import datetime
import random

import polars as pl
import pytest

from redress.reporting.facts.frames import in_stage_order
from redress.reporting.figures.context import FigureContext, ReportSettings
from redress.reporting.periods import financial_year

from .builders import FactsBuilder

YEAR = financial_year("2021-22")


def _shuffled_facts(calendar, seed: int):
    """Stages of every stage number, received over three years, built in a random order."""
    rng = random.Random(seed)
    b = FactsBuilder()
    days = [datetime.date(2019, 12, 1) + datetime.timedelta(days=n) for n in range(900)]
    for _ in range(60):
        received = rng.choice(days)
        complaint = b.complaint(received, procedure=rng.choice(["statutory", "local"]))
        b.stage(complaint, number=1, received=received)
        if rng.random() < 0.4:
            b.stage(complaint, number=2, received=received + datetime.timedelta(days=30))
            if rng.random() < 0.5:
                b.stage(complaint, number=3, received=received + datetime.timedelta(days=90))
    rng.shuffle(b.stages)
    return b.build(calendar)


def _filtered(facts, period, stage=None):
    stages = facts.stages.filter(pl.col("received").is_between(period.start, period.end))
    return stages if stage is None else stages.filter(pl.col("stage") == stage)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_figures_facts_are_in_order_of_stage_and_day_received(calendar, seed):
    facts = _shuffled_facts(calendar, seed)
    assert not in_stage_order(facts.stages)
    ordered = facts.for_figures().stages
    assert in_stage_order(ordered)
    assert sorted(ordered["stage_id"]) == sorted(facts.stages["stage_id"])  # the same rows


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_periods_selections_are_the_records_a_filter_gives_in_its_order(calendar, seed):
    facts = _shuffled_facts(calendar, seed).for_figures()
    for period in (YEAR, YEAR.previous, YEAR.previous.previous):
        ctx = FigureContext(facts, period, ReportSettings())
        assert ctx.received().equals(_filtered(facts, period))
        for stage in (1, 2, 3, 4):
            assert ctx.received(stage).equals(_filtered(facts, period, stage))
        assert ctx.received(1, "local").equals(
            _filtered(facts, period, 1).filter(pl.col("procedure") == "local")
        )


def test_a_stage_in_the_period_is_one_run_of_the_facts(calendar):
    """So it can be taken as a slice of them (`FigureContext._received_slice`)."""
    facts = _shuffled_facts(calendar, 4).for_figures()
    ctx = FigureContext(facts, YEAR, ReportSettings())
    stage1 = ctx.received(1)
    assert stage1.height
    # The facts' rows from where they hold its first record on are its records.
    offset = facts.stages["stage_id"].to_list().index(stage1["stage_id"][0])
    assert facts.stages.slice(offset, stage1.height).equals(stage1)
    assert ctx.for_period(YEAR.previous).received(1).equals(_filtered(facts, YEAR.previous, 1))


def test_facts_with_no_stages_select_nothing(calendar):
    facts = FactsBuilder().build(calendar).for_figures()
    ctx = FigureContext(facts, YEAR, ReportSettings())
    assert ctx.received().height == 0
    assert ctx.received(1).height == 0
    assert ctx.received().columns == facts.stages.columns
