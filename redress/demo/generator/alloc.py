"""Exact allocation with a seeded random source: shares that add up, draws that hit a total.

Every function takes its `random.Random` explicitly and iterates over sequences, never sets,
so the same seed always gives the same dataset.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


class ShapeError(ValueError):
    """The targets cannot all be met; the message says which and where."""


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` into whole parts in proportion to `weights` (largest remainder; ties go to
    the earlier weight), so the parts always add up to `total`."""
    if total < 0:
        raise ShapeError(f"cannot share out a negative total ({total})")
    weight_sum = float(sum(weights))
    if total == 0:
        return [0] * len(weights)
    if weight_sum <= 0:
        raise ShapeError(f"cannot share out {total} over weights that are all zero")
    quotas = [total * w / weight_sum for w in weights]
    parts = [math.floor(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - parts[i]), i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def sample_weighted[T](
    rng: random.Random, items: Sequence[T], weights: Sequence[float], k: int
) -> list[T]:
    """`k` distinct items, each more likely the heavier it is (Efraimidis-Spirakis keys)."""
    if k > len(items):
        raise ShapeError(f"cannot choose {k} of only {len(items)}")
    keyed = []
    for i, (item, weight) in enumerate(zip(items, weights, strict=True)):
        key = rng.random() ** (1.0 / weight) if weight > 0 else -1.0 - rng.random()
        keyed.append((key, i, item))
    keyed.sort(key=lambda t: (-t[0], t[1]))
    return [item for _key, _i, item in keyed[:k]]


def take[K: Hashable](
    rng: random.Random, pool: Counter[K], affinity: dict[K, float] | None = None
) -> K:
    """Remove and return one key of `pool`, chosen in proportion to its remaining count times
    its affinity. Drawing until the pool is empty reproduces its counts exactly."""
    keys = [k for k, n in pool.items() if n > 0]
    if not keys:
        raise ShapeError("nothing left to draw from")
    weights = [pool[k] * (affinity.get(k, 1.0) if affinity else 1.0) for k in keys]
    if sum(weights) <= 0:
        weights = [float(pool[k]) for k in keys]
    key = rng.choices(keys, weights)[0]
    pool[key] -= 1
    return key


def counts_between(
    rng: random.Random, n: int, total: int, low: int, high: int, weights: dict[int, float]
) -> list[int]:
    """`n` whole numbers in [low, high] adding up to `total`, drawn from `weights` and then
    nudged one at a time."""
    if not n * low <= total <= n * high:
        raise ShapeError(f"{total} cannot be split into {n} parts of {low} to {high}")
    values = list(weights)
    counts = rng.choices(values, [weights[v] for v in values], k=n)
    diff = total - sum(counts)
    while diff:
        i = rng.randrange(n)
        if diff > 0 and counts[i] < high:
            counts[i] += 1
            diff -= 1
        elif diff < 0 and counts[i] > low:
            counts[i] -= 1
            diff += 1
    return counts


def split_units(
    rng: random.Random, total: int, n: int, unit: int = 1, spread: float = 0.35
) -> list[int]:
    """`n` positive amounts (in pence) adding up to `total` exactly, each a multiple of `unit`
    apart from one that takes the odd pennies."""
    if n <= 0:
        raise ShapeError(f"cannot split {total} into {n} payments")
    units, odd = divmod(total, unit)
    if units < n:
        raise ShapeError(f"{total / 100:.2f} is too small for {n} payments")
    weights = [max(0.05, 1 + rng.uniform(-spread, spread)) for _ in range(n)]
    parts = [p * unit for p in apportion(units - n, weights)]
    parts = [p + unit for p in parts]  # every payment at least one unit
    parts[rng.randrange(n)] += odd
    return parts


@dataclass(frozen=True)
class Band:
    """A range of working days taken, e.g. 11-20, or 21+ (`high` None) capped at `cap`."""

    label: str
    low: int
    high: int | None
    cap: int = 250

    @property
    def top(self) -> int:
        return self.high if self.high is not None else self.cap

    def contains(self, days: int) -> bool:
        return self.low <= days and (self.high is None or days <= self.high)


def band_values(
    rng: random.Random, counts: Sequence[tuple[Band, int]], total: int | None = None, floor: int = 1
) -> list[list[int]]:
    """Working days for each member of each band: the counts per band are exact, and when
    `total` is given so is their sum. Bounded bands are drawn uniformly; the open band is drawn
    from a long tail whose mean makes the total come out, then nudged to hit it exactly."""
    values: list[list[int]] = []
    for band, n in counts:
        if band.high is not None:
            low = max(band.low, floor)
            values.append([rng.randint(low, band.high) for _ in range(n)])
        else:
            values.append([])
    open_bands = [i for i, (band, _n) in enumerate(counts) if band.high is None]
    fixed_sum = sum(sum(v) for v in values)
    open_n = sum(counts[i][1] for i in open_bands)
    for i in open_bands:
        band, n = counts[i]
        mean = (total - fixed_sum) / open_n if total is not None and open_n else band.low + 25
        excess = max(1.0, mean - band.low)
        values[i] = [min(band.cap, band.low + round(rng.expovariate(1 / excess))) for _ in range(n)]
    if total is None:
        return values
    movable = [(i, j) for i, (band, n) in enumerate(counts) for j in range(n)]
    diff = total - sum(sum(v) for v in values)
    lowest = sum(max(b.low, floor) * n for b, n in counts)
    highest = sum(b.top * n for b, n in counts)
    if not lowest <= total <= highest:
        raise ShapeError(f"{total} working days cannot be spread over bands {counts}")
    while diff:
        i, j = movable[rng.randrange(len(movable))]
        band = counts[i][0]
        # Most of the nudging lands in the open band, where it changes no band count.
        if band.high is not None and rng.random() < 0.8 and open_bands:
            continue
        step = max(1, min(abs(diff), 5))
        value = values[i][j]
        new = min(band.top, value + step) if diff > 0 else max(band.low, floor, value - step)
        diff -= new - value
        values[i][j] = new
    return values
