"""Costs and compensation: many individual payments that add up, to the penny, to each year's
published (or invented) totals, all dated in that year.

Investigating officers and independent persons invoice for each statutory stage 2 answered in
the year (larger invoices for longer investigations), with an interim invoice for one still
open at the year end; review panels are paid after the panel meets; compensation follows an
upheld or partly upheld response. No two payments share a complaint, date, stage and kind (the
importer matches rows on them).
"""

from __future__ import annotations

import datetime
import random

from ..alloc import ShapeError, split_units
from ..plan import YearPlan
from ..records import SUBSTANTIVE, Complaint, Row, Stage, iso, money
from ..shape import AS_OF
from ..workdays import WorkingDays

ONE_DAY = datetime.timedelta(days=1)
TYPICAL_COMPENSATION = {"1": 28000, "2": 60000, "3": 60000}  # pence
COMPENSATION_UNIT = 2500  # compensation is paid in multiples of £25 (bar the odd pennies)


class Payments:
    def __init__(self, rng: random.Random, wd: WorkingDays, complaints: list[Complaint]) -> None:
        self.rng, self.wd = rng, wd
        self.stages = [s for c in complaints for s in c.stages]
        self.keys: set[tuple[str, str, str, str]] = set()

    def year(self, plan: YearPlan) -> list[Row]:
        rows: list[Row] = []
        end = min(plan.end, AS_OF)
        for (kind, stage), total in plan.figures.costs.items():
            if kind == "compensation":
                slots = self._compensation_slots(plan, stage, end)
                count = max(1, min(len(slots), round(total / TYPICAL_COMPENSATION[stage])))
                slots = self.rng.sample(slots, count) if slots else slots
                amounts = (
                    split_units(self.rng, total, len(slots), COMPENSATION_UNIT) if slots else []
                )
            else:
                slots = self._fee_slots(plan, kind, end)
                weights = [w for _s, _d, w in slots]
                amounts = _split_by(self.rng, total, weights)
            if not slots:
                raise ShapeError(f"{plan.label}: nothing to pay {kind} at stage {stage} for")
            for (paid_for, day, _w), amount in zip(slots, amounts, strict=True):
                rows.append(self._row(paid_for, day, stage, kind, amount, plan.start, end))
        return rows

    def _fee_slots(
        self, plan: YearPlan, kind: str, end: datetime.date
    ) -> list[tuple[Stage, datetime.date, float]]:
        rng, wd = self.rng, self.wd
        slots: list[tuple[Stage, datetime.date, float]] = []
        if kind == "review_panel":
            for s in self.stages:
                if s.number == 3 and s.panel is not None and plan.contains(s.panel):
                    slots.append((s, s.panel + rng.randint(0, 10) * ONE_DAY, rng.uniform(0.8, 1.2)))
                    if rng.random() < 0.4:  # panellists' expenses, claimed a little later
                        slots.append((s, s.panel + rng.randint(12, 25) * ONE_DAY, 0.08))
            if not slots:
                # No panel met in the year: the panellists of a request received in it were
                # paid for their preparation.
                for s in self.stages:
                    if s.number == 3 and plan.contains(s.received):
                        slots.append((s, s.received + rng.randint(10, 20) * ONE_DAY, 1.0))
            return slots
        for s in self.stages:
            if s.number != 2 or s.procedure != "statutory":
                continue
            if s.outcome in SUBSTANTIVE and s.responded and plan.contains(s.responded):
                size = max(20, s.days or 0) if kind == "investigating_officer" else 40
                # The report comes in during the fortnight before the response.
                first = max(s.received, wd.back(s.responded, 10), plan.start)
                last = wd.index_on_or_before(s.responded)
                day = wd.day(rng.randint(min(wd.index(first), last), last))
                slots.append((s, max(day, plan.start), size * rng.uniform(0.8, 1.2)))
            elif plan.contains(s.received) and (s.responded is None or s.responded > end):
                first = wd.add(s.received, 20)
                if first <= end:
                    day = wd.day(rng.randint(wd.index(first), wd.index_on_or_before(end)))
                    slots.append((s, day, 15 * rng.uniform(0.8, 1.2)))
        return slots

    def _compensation_slots(
        self, plan: YearPlan, stage: str, end: datetime.date
    ) -> list[tuple[Stage, datetime.date, float]]:
        number = int(stage)
        answered = [
            s for s in self.stages
            if s.number == number and s.outcome in SUBSTANTIVE and plan.contains(s.responded)
        ]  # fmt: skip
        upheld = [s for s in answered if s.outcome in ("upheld", "partially_upheld")]
        slots: list[tuple[Stage, datetime.date, float]] = []
        for s in upheld or answered:  # a goodwill payment when nothing was upheld
            assert s.responded is not None
            day = s.responded + self.rng.randint(5, 25) * ONE_DAY
            slots.append((s, min(day, end), 1.0))
        return slots

    def _row(
        self,
        stage: Stage,
        day: datetime.date,
        number: str,
        kind: str,
        amount: int,
        start: datetime.date,
        end: datetime.date,
    ) -> Row:
        assert stage.complaint is not None
        reference = stage.complaint.reference
        day = min(max(day, start), end)
        # Another payment of the same kind already on that day: the nearest free day in the year.
        for step in range(400):  # 0, +1, -1, +2, -2, ... days
            moved = day + (step + 1) // 2 * (1 if step % 2 else -1) * ONE_DAY
            if start <= moved <= end and (reference, iso(moved), number, kind) not in self.keys:
                day = moved
                break
        self.keys.add((reference, iso(day), number, kind))
        return (reference, iso(day), number, kind, money(amount))


def _split_by(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """`total` pence shared in proportion to `weights`, to the penny."""
    if not weights:
        return []
    weight_sum = sum(weights)
    parts = [int(total * w / weight_sum) for w in weights]
    parts[rng.randrange(len(parts))] += total - sum(parts)
    return parts
