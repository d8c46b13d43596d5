"""The arithmetic of FIGURES.md: percentages from exact counts rounded half away from zero,
changes from exact values, `null` where a value cannot be computed, money exact to the penny."""

from decimal import Decimal

import pytest

from redress.reporting.figures.numbers import Rate, change_pct, mean, pct, pounds, round_half_away


@pytest.mark.parametrize(
    ("part", "whole", "places", "expected"),
    [
        (1, 8, 1, 12.5),
        (1, 16, 1, 6.3),  # 6.25: half away from zero, not to even (6.2)
        (3, 16, 1, 18.8),  # 18.75
        (1, 3, 1, 33.3),
        (2, 3, 1, 66.7),
        (0, 5, 1, 0.0),
        (5, 5, 1, 100.0),
        (1, 800, 2, 0.13),  # 0.125
        (362, 15636, 2, 2.32),
        (1, 0, 1, None),
        (1, None, 1, None),
    ],
)
def test_pct(part, whole, places, expected):
    assert pct(part, whole, places) == expected


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (362, 310, 16.8),
        (399, 400, -0.3),  # −0.25: away from zero (Python's round() gives −0.2)
        (401, 400, 0.3),
        (5, 0, None),  # no change from zero
        (0, 5, -100.0),
        (None, 5, None),
        (5, None, None),
        (Decimal("7089.00"), Decimal("13699.48"), -48.3),
        (Decimal("143177.96"), Decimal("82669.81"), 73.2),
        (34.5, 38.1, -9.4),  # floats are taken at their shortest repr
    ],
)
def test_change_pct(current, previous, expected):
    assert change_pct(current, previous) == expected


def test_mean_to_two_places_half_away_from_zero():
    assert mean([0, 0, 0, 0, 0, 0, 0, 1]) == 0.13  # 0.125
    assert mean([7663 // 266] * 0 + [28] * 215 + [29] * 51) == 28.19  # 7,499 ÷ 266 = 28.191
    assert mean([5, 10, 11, 19, 24, 10, 10]) == 12.71
    assert mean([]) is None


def test_round_half_away_from_zero_for_negatives_too():
    assert round_half_away(Decimal("-2.5"), 0) == Decimal("-3")
    assert round_half_away(Decimal("2.45"), 1) == Decimal("2.5")
    assert round_half_away(Decimal("-2.45"), 1) == Decimal("-2.5")


def test_pounds_from_pence_keep_the_pennies():
    assert pounds(1369948) == Decimal("13699.48")
    assert str(pounds(708900)) == "7089.00"
    assert str(pounds(0)) == "0.00"


def test_a_rate_is_shown_rounded_and_kept_exact():
    rate = Rate(14, 33)
    assert rate.value == 42.4
    assert rate.exact == Decimal(1400) / Decimal(33)
    assert Rate(1, 800, places=2).value == 0.13
    assert Rate(0, 0).value is None
    assert Rate(0, 0).exact is None
    assert Rate(3, None).value is None
