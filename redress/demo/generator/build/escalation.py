"""Escalation: which stage 1 each stage 2 follows, and which stage 2 each stage 3 follows.

Stage 2s are placed (dates, procedure, outcome) before anyone knows whose complaint they
continue. The published service counts then decide the order of the matching: stage 3s come
first, because their services are published and they need a statutory stage 2 of that service
answered shortly before; then the remaining stage 2 services of the years that publish them are
shared out; then each stage 2 finds a stage 1 of its service and procedure answered a few weeks
before it was received.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict

from ..alloc import ShapeError, take
from ..history import OUTCOME_SHARES
from ..plan import YearPlan, year_of
from ..records import SUBSTANTIVE, Stage
from ..services import SERVICE
from ..shape import AS_OF
from ..workdays import WorkingDays

# How readily a complainant asks for the next stage after each outcome.
ESCALATES = {"not_upheld": 3.0, "partially_upheld": 3.0, "inconclusive": 2.0, "upheld": 1.0}
REQUEST_GAP = (2, 25)  # working days from a response to the request for the next stage
STAGE3_LONGEST = 65  # working days from request to response, at the slowest (30 + 5 + 15 late)


class Escalation:
    def __init__(
        self,
        rng: random.Random,
        wd: WorkingDays,
        plans: list[YearPlan],
        stage1s: list[Stage],
        stage2s: list[Stage],
    ) -> None:
        self.rng, self.wd, self.plans = rng, wd, plans
        self.stage1s, self.stage2s = stage1s, stage2s
        self.capacity = {p.label: p.stage2_services() for p in plans}

    def run(self) -> list[Stage]:
        stage3s = self._stage3s()
        self._share_out_stage2_services()
        self._link_stage2s()
        for stage in stage3s:
            stage.service = stage.complaint.service if stage.complaint else None
        return stage3s

    # -- stage 3 -------------------------------------------------------------------------------

    def _stage3s(self) -> list[Stage]:
        placed = []
        for plan in self.plans:
            pool = Counter(plan.outcomes[3])
            services = plan.figures.stage3_services
            wanted: list[str | None] = (
                [name for name, n in services.items() for _ in range(n)]
                if services
                else [None] * plan.figures.stage3
            )
            window = self._stage3_window(plan, pool)
            # The scarcest services first, while their stage 2s are still free.
            wanted.sort(key=lambda s: len(self._stage3_parents(window, s)) if s else 1_000_000)
            for service in wanted:
                parents = self._stage3_parents(window, service)
                if not parents:
                    raise ShapeError(
                        f"{plan.label}: no statutory stage 2 of {service or 'any service'} was "
                        f"answered in time for a stage 3 request"
                    )
                weights = [ESCALATES[p.outcome] for p in parents]
                parent = self.rng.choices(parents, weights)[0]
                if service is not None and parent.service is None:
                    self._give_service(parent, service)
                placed.append(self._stage3(plan, parent, window, pool))
        return placed

    def _stage3_window(
        self, plan: YearPlan, pool: Counter[str]
    ) -> tuple[datetime.date, datetime.date]:
        first = plan.start + datetime.timedelta(days=150) if plan.index == 0 else plan.start
        last = plan.end
        if (
            not plan.is_open
            and plan.end >= self.wd.back(AS_OF, STAGE3_LONGEST)
            and not pool["outstanding"]
        ):
            # Every stage 3 of this year is answered by AS_OF.
            last = self.wd.back(AS_OF, STAGE3_LONGEST)
        return first, last

    def _stage3_parents(
        self, window: tuple[datetime.date, datetime.date], service: str | None
    ) -> list[Stage]:
        first, last = window
        low, high = REQUEST_GAP
        out = []
        for stage in self.stage2s:
            if (
                stage.procedure != "statutory"
                or stage.outcome not in SUBSTANTIVE
                or stage.responded is None
                or stage.next is not None
            ):
                continue
            if (
                self.wd.add(stage.responded, low) > last
                or self.wd.add(stage.responded, high) < first
            ):
                continue
            if service is not None and not self._can_have(stage, service):
                continue
            out.append(stage)
        return out

    def _can_have(self, stage: Stage, service: str) -> bool:
        if stage.service is not None:
            return stage.service.name == service
        capacity = self.capacity[stage.year]
        return capacity is not None and capacity[service, stage.procedure] > 0

    def _give_service(self, stage: Stage, service: str) -> None:
        capacity = self.capacity[stage.year]
        assert capacity is not None
        capacity[service, stage.procedure] -= 1
        stage.service = SERVICE[service]

    def _stage3(
        self,
        plan: YearPlan,
        parent: Stage,
        window: tuple[datetime.date, datetime.date],
        pool: Counter[str],
    ) -> Stage:
        wd, rng = self.wd, self.rng
        first, last = window
        low, high = REQUEST_GAP
        answered = parent.answered_on
        gaps = [g for g in range(low, high + 1) if first <= wd.add(answered, g) <= last]
        received = wd.add(answered, rng.choice(gaps))
        stage = Stage(number=3, year=year_of(received), procedure="statutory", received=received)
        if plan.is_open:
            shares = OUTCOME_SHARES[3]
            outcome = rng.choices(list(shares), list(shares.values()))[0]
        else:
            outcome = take(rng, +Counter({k: n for k, n in pool.items() if k != "outstanding"}))
            pool[outcome] -= 1
        hold_panel(rng, wd, stage, outcome)
        parent.next = stage
        return stage

    # -- stage 2 -------------------------------------------------------------------------------

    def _share_out_stage2_services(self) -> None:
        for plan in self.plans:
            capacity = self.capacity[plan.label]
            if capacity is None:
                continue
            for procedure in ("statutory", "local"):
                stages = [
                    s for s in self.stage2s
                    if s.year == plan.label and s.procedure == procedure and s.service is None
                ]  # fmt: skip
                names = [n for (n, p), k in capacity.items() if p == procedure for _ in range(k)]
                if len(names) != len(stages):
                    raise ShapeError(
                        f"{plan.label}: {len(stages)} {procedure} stage 2s for "
                        f"{len(names)} published services"
                    )
                self.rng.shuffle(names)
                for stage, name in zip(stages, names, strict=True):
                    self._give_service(stage, name)

    def _link_stage2s(self) -> None:
        by_key: dict[tuple[str, str], list[Stage]] = defaultdict(list)
        for stage in self.stage1s:
            if stage.outcome in SUBSTANTIVE and stage.responded is not None:
                assert stage.service is not None
                by_key[stage.service.name, stage.procedure].append(stage)
                by_key["", stage.procedure].append(stage)
        # Stage 2s whose service is fixed choose first.
        order = sorted(self.stage2s, key=lambda s: (s.service is None, s.received))
        for stage in order:
            key = (stage.service.name if stage.service else "", stage.procedure)
            parent = self._stage1_parent(stage, by_key[key])
            parent.next = stage
            stage.complaint = parent.complaint
            stage.service = parent.service
        for stage in self.stage2s:
            if stage.next is not None:
                stage.next.complaint = stage.complaint

    def _stage1_parent(self, stage: Stage, candidates: list[Stage]) -> Stage:
        wd = self.wd
        low, high = REQUEST_GAP
        free = [c for c in candidates if c.next is None and c.answered_on <= stage.received]
        near = [c for c in free if low <= wd.taken(c.answered_on, stage.received) <= high]
        if near:
            return self.rng.choices(near, [ESCALATES[c.outcome] for c in near])[0]
        if free:
            return max(free, key=lambda c: (c.answered_on, c.received))
        raise ShapeError(
            f"no stage 1 answered by {stage.received} for a {stage.procedure} stage 2 of "
            f"{stage.service.name if stage.service else 'any service'}"
        )


def hold_panel(rng: random.Random, wd: WorkingDays, stage: Stage, outcome: str) -> None:
    """Panel within 30 working days of the request (mostly), the chair's report within 5, the
    authority's response within 15. A stage 3 not answered by AS_OF stays outstanding."""
    if outcome == "withdrawn":
        responded = wd.add(stage.received, rng.randint(3, 20))
        panel = report = None
    else:
        panel = wd.add(
            stage.received, rng.randint(18, 30) if rng.random() < 0.85 else rng.randint(31, 38)
        )
        report = wd.add(panel, rng.randint(2, 5) if rng.random() < 0.9 else rng.randint(6, 8))
        responded = wd.add(
            report, rng.randint(5, 15) if rng.random() < 0.9 else rng.randint(16, 19)
        )
    if responded > AS_OF:
        stage.panel = panel if panel and panel <= AS_OF else None
        stage.panel_report = report if report and report <= AS_OF else None
        return
    stage.panel, stage.panel_report = panel, report
    stage.outcome, stage.responded = outcome, responded
    stage.days = wd.taken(stage.received, responded)
