"""Arithmetic conventions of FIGURES.md: exact counts, percentages rounded half away from zero,
money in Decimal, `null` where a value cannot be computed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Rate:
    """A percentage figure kept as its exact counts: shown rounded, but its change from the
    previous period is worked from the exact ratios, never from rounded ones."""

    part: int
    whole: int | None
    places: int = 1

    @property
    def value(self) -> float | None:
        return pct(self.part, self.whole, self.places) if self.whole is not None else None

    @property
    def exact(self) -> Decimal | None:
        return Decimal(self.part) * 100 / Decimal(self.whole) if self.whole else None


Number = int | float | Decimal


def change_pct(current: Number | None, previous: Number | None) -> float | None:
    """(current − previous) ÷ previous × 100 to 1 place; None when previous is 0 or unknown."""
    if current is None or previous is None or previous == 0:
        return None
    now, before = _exact(current), _exact(previous)
    return float(round_half_away((now - before) * 100 / before, 1))


def _exact(value: Number) -> Decimal:
    # A float is taken at its shortest repr (Decimal(0.1) would carry the binary error into
    # the rounding).
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def mean(values: Iterable[int | float], places: int = 2) -> float | None:
    values = list(values)
    if not values:
        return None
    return float(round_half_away(Decimal(sum(values)) / Decimal(len(values)), places))


def pounds(pence: int) -> Decimal:
    return (Decimal(pence) / 100).quantize(PENNY)
