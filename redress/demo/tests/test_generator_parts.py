"""The generator's building blocks: exact allocation, the working-day index, findings."""

import datetime
import random

import pytest

from redress.demo.generator.alloc import (
    Band,
    ShapeError,
    apportion,
    band_values,
    counts_between,
    split_units,
)
from redress.demo.generator.build import working_days
from redress.demo.generator.build.aspects import findings_for
from redress.demo.generator.plan import make_plans
from redress.demo.generator.shape import STAGE1_BANDS


def test_apportion_adds_up_and_follows_the_weights():
    assert apportion(10, [1, 1, 1]) == [4, 3, 3]
    assert apportion(362, [126, 70, 82, 84]) == [126, 70, 82, 84]
    # 3.5, 1.75, 1.75: the two largest remainders (0.75) get the spare units.
    assert apportion(7, [0.5, 0.25, 0.25]) == [3, 2, 2]
    assert apportion(0, [1, 2]) == [0, 0]
    with pytest.raises(ShapeError, match="weights that are all zero"):
        apportion(3, [0, 0])


def test_band_values_hit_the_counts_and_the_total_exactly():
    rng = random.Random(5)
    values = band_values(rng, list(zip(STAGE1_BANDS, (63, 79, 124), strict=True)), 7663)
    assert [len(v) for v in values] == [63, 79, 124]
    assert sum(map(sum, values)) == 7663
    for band, members in zip(STAGE1_BANDS, values, strict=True):
        assert all(band.contains(v) for v in members)
    with pytest.raises(ShapeError, match="cannot be spread"):
        band_values(rng, [(Band("0-10", 0, 10), 2)], 50)


def test_counts_between_and_split_units_are_exact():
    rng = random.Random(1)
    counts = counts_between(rng, 362, 1018, 1, 6, {1: 1, 2: 1, 3: 1})
    assert sum(counts) == 1018
    assert min(counts) >= 1
    assert max(counts) <= 6
    parts = split_units(rng, 367448, 12, unit=2500)
    assert sum(parts) == 367448
    assert sum(1 for p in parts if p % 2500) == 1  # one payment carries the odd pennies
    with pytest.raises(ShapeError, match="too small"):
        split_units(rng, 1000, 5, unit=2500)


def test_the_working_day_index_agrees_with_the_calendar(calendar):
    wd = working_days()
    rng = random.Random(2)
    start = datetime.date(2013, 1, 1)
    for _ in range(300):
        received = start + datetime.timedelta(days=rng.randrange(3500))
        days = rng.randrange(0, 200)
        assert wd.add(received, days) == calendar.add_working_days(received, days)
        responded = received + datetime.timedelta(days=rng.randrange(0, 300))
        assert wd.taken(received, responded) == calendar.working_days_taken(received, responded)
    good_friday = datetime.date(2022, 4, 15)
    assert not wd.is_working(good_friday)
    assert wd.back(datetime.date(2022, 4, 19), 1) == datetime.date(2022, 4, 14)


def test_findings_agree_with_the_outcome():
    rng = random.Random(3)
    assert findings_for(rng, "upheld", 3) == ["upheld"] * 3
    assert findings_for(rng, "withdrawn", 2) == ["", ""]
    assert findings_for(rng, "partially_upheld", 1) == ["partially_upheld"]
    for _ in range(50):
        found = findings_for(rng, "partially_upheld", 4)
        assert "not_upheld" in found
        assert {"upheld", "partially_upheld"} & set(found)


def test_plans_cover_every_year_and_add_up():
    plans = make_plans(random.Random(0))
    labels = [p.label for p in plans]
    assert labels[0] == "2013-14"
    assert labels[-1] == "2022-23"
    assert len(labels) == 10
    assert plans[-1].is_open
    assert plans[-1].end == datetime.date(2022, 5, 31)
    for plan in plans:
        assert sum(plan.stage1_slots.values()) == plan.figures.stage1
        assert sum(plan.methods.values()) == plan.figures.stage1
        assert sum(plan.complainants.values()) == plan.figures.stage1
        assert sum(plan.outcomes[1].values()) == plan.figures.stage1
