"""Arithmetic conventions of FIGURES.md: exact counts, percentages rounded half away from zero,
money in Decimal, `null` where a value cannot be computed."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")


def round_half_away(value: Decimal, places: int) -> Decimal:
    # Decimal's ROUND_HALF_UP rounds halves away from zero, for negatives too.
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def pct(numerator: int | Decimal, denominator: int | Decimal, places: int = 1) -> float | None:
    """numerator ÷ denominator × 100, rounded; None when the denominator is 0 or unknown."""
    if denominator is None or denominator == 0 or numerator is None:
        return None
    return float(round_half_away(Decimal(numerator) * 100 / Decimal(denominator), places))


def change_pct(current: int | Decimal | None, previous: int | Decimal | None) -> float | None:
    """(current − previous) ÷ previous × 100 to 1 place; None when previous is 0 or unknown."""
    if current is None or previous is None or previous == 0:
        return None
    return float(
        round_half_away((Decimal(current) - Decimal(previous)) * 100 / Decimal(previous), 1)
    )


def mean(values: Iterable[int | float], places: int = 2) -> float | None:
    values = list(values)
    if not values:
        return None
    return float(round_half_away(Decimal(sum(values)) / Decimal(len(values)), places))


def pounds(pence: int) -> Decimal:
    return (Decimal(pence) / 100).quantize(PENNY)
