"""The dates around a stage's response: acknowledgement, the agreed statement of a statutory
stage 2, and extensions (only where the procedure allows one: statutory stages 1 and 2)."""

from __future__ import annotations

import datetime
import random

from ..records import Complaint, Stage
from ..shape import AS_OF
from ..texts import EXTENSION_REASONS
from ..workdays import WorkingDays

# Share of statutory stages extended, by working days taken: stage 1s that needed more than 10
# days mostly were, stage 2s that needed more than 25 nearly always.
EXTENDED_SHARE = {(1, "11-20"): 0.7, (1, "21+"): 0.3, (2, "26+"): 0.8}


def add_details(rng: random.Random, wd: WorkingDays, complaints: list[Complaint]) -> None:
    for complaint in complaints:
        for stage in complaint.stages:
            _acknowledge(rng, wd, stage)
            if stage.number == 2 and stage.procedure == "statutory":
                stage.statement_agreed = _before_end(wd, stage, rng.randint(5, 12))
            _extend(rng, wd, stage)


def _before_end(wd: WorkingDays, stage: Stage, days: int) -> datetime.date:
    """`days` working days after receipt, but never after the response or AS_OF."""
    day = wd.add(stage.received, days)
    return min(day, stage.responded or AS_OF, AS_OF)


def _acknowledge(rng: random.Random, wd: WorkingDays, stage: Stage) -> None:
    limit = 2 if stage.procedure == "statutory" else 3
    days = rng.randint(1, limit) if rng.random() < 0.9 else rng.randint(limit + 1, limit + 4)
    stage.acknowledged = max(stage.received, _before_end(wd, stage, days))


def _extend(rng: random.Random, wd: WorkingDays, stage: Stage) -> None:
    if stage.procedure != "statutory" or stage.number == 3:
        return
    if stage.outcome in ("withdrawn", "outside_jurisdiction"):
        return
    days = stage.days if stage.days is not None else wd.taken(stage.received, AS_OF)
    if stage.number == 1:
        band = "11-20" if 11 <= days <= 20 else "21+" if days > 20 else ""
    else:
        band = "26+" if days > 25 else ""
    share = EXTENDED_SHARE.get((stage.number, band), 0.0)
    if rng.random() < share:
        stage.extension_reason = rng.choice(EXTENSION_REASONS[stage.number])
