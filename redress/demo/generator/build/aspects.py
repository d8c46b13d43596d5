"""Reasons for complaint (aspects) and their findings.

Each stage 1 gets 1 to 6 reasons and never the same sub-category name twice (not even under
two categories). A year's reasons are dealt out largest group first to the complaints with the
most room left, which always succeeds when the counts allow it at all.
"""

from __future__ import annotations

import random
from collections import defaultdict

from ..alloc import ShapeError, counts_between
from ..plan import YearPlan
from ..records import Complaint, Stage

PER_COMPLAINT = {1: 0.15, 2: 0.26, 3: 0.27, 4: 0.17, 5: 0.10, 6: 0.05}
MOST = max(PER_COMPLAINT)


def assign_aspects(rng: random.Random, plans: list[YearPlan], complaints: list[Complaint]) -> None:
    by_year: dict[str, list[Complaint]] = defaultdict(list)
    for complaint in complaints:
        by_year[complaint.stage1.year].append(complaint)
    for plan in plans:
        _deal(rng, plan, by_year[plan.label])
    for complaint in complaints:
        for stage in complaint.stages:
            if stage.number > 1:
                _carry_forward(rng, stage, complaint.stages[stage.number - 2])


def _deal(rng: random.Random, plan: YearPlan, year: list[Complaint]) -> None:
    total = sum(plan.reasons.values())
    room = counts_between(rng, len(year), total, 1, MOST, PER_COMPLAINT)
    by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (category, subcategory), n in plan.reasons.items():
        by_name[subcategory].extend([(category, subcategory)] * n)
    dealt: list[list[tuple[str, str]]] = [[] for _ in year]
    names = sorted(by_name, key=lambda name: (-len(by_name[name]), name))
    for name in names:
        tokens = by_name[name]
        rng.shuffle(tokens)
        ties = [rng.random() for _ in year]
        open_ = [i for i in range(len(year)) if room[i] and all(s != name for _c, s in dealt[i])]
        if len(open_) < len(tokens):
            raise ShapeError(f"{plan.label}: cannot give {len(tokens)} complaints '{name}'")
        open_.sort(key=lambda i: (-room[i], ties[i]))
        for i, token in zip(open_, tokens, strict=False):
            dealt[i].append(token)
            room[i] -= 1
    for complaint, reasons in zip(year, dealt, strict=True):
        rng.shuffle(reasons)
        findings = findings_for(rng, complaint.stage1.outcome, len(reasons))
        complaint.stage1.aspects = [(c, s, f) for (c, s), f in zip(reasons, findings, strict=True)]


def _carry_forward(rng: random.Random, stage: Stage, previous: Stage) -> None:
    """A stage 2 or 3 looks again at some of the reasons of the stage before."""
    if not previous.aspects:
        return
    kept = rng.sample(previous.aspects, rng.randint(1, min(3, len(previous.aspects))))
    findings = findings_for(rng, stage.outcome, len(kept))
    stage.aspects = [(c, s, f) for (c, s, _old), f in zip(kept, findings, strict=True)]


def findings_for(rng: random.Random, outcome: str, n: int) -> list[str]:
    """Findings that agree with the stage's outcome: all upheld, all not upheld, or (partly
    upheld) at least one upheld in some part and at least one not upheld."""
    if outcome in ("upheld", "not_upheld"):
        return [outcome] * n
    if outcome != "partially_upheld":
        return [""] * n
    if n == 1:
        return ["partially_upheld"]
    found = [rng.choice(("upheld", "partially_upheld", "not_upheld")) for _ in range(n)]
    found[0] = rng.choice(("upheld", "partially_upheld"))
    found[1] = "not_upheld"
    rng.shuffle(found)
    return found
