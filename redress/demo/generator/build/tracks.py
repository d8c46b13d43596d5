"""Stage 1s and stage 2s, year by year: when each was received and when it was answered.

The published timeliness counts responses *issued* in a year (reading 4 in `shape.py`), so a
year's responses are its own receipts answered in time plus some of the previous year's
receipts answered late. Years are therefore placed newest first: each year fixes how many of
its responses must come from the year before, and creates those stages as that year's
receipts (received late enough that their working days straddle the year end). The older year
then fills its remaining receipts around them.

Responses are counted by *group*: the area for stage 1 in 2021-22 (Appendix A), the whole
authority in other years, and the procedure for stage 2. Within a year, receipts get their
dates first (by month); the working days taken, drawn to hit the published bands and total
exactly, are then matched to receipts latest first, so a March complaint never gets a
response that falls after March.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ..alloc import Band, ShapeError, apportion, band_values, sample_weighted, take
from ..figures import ALL, Responses
from ..history import CARRIED_OVER_SHARE, OPEN_YEAR_CARRIED_IN, OUTCOME_SHARES
from ..plan import MONTH_WEIGHTS, YearPlan, groups_of
from ..records import CLOSED_EARLY, SUBSTANTIVE, Stage
from ..services import SERVICE
from ..shape import AS_OF
from ..workdays import WorkingDays

type Slot = tuple[str | None, str]  # (service, procedure); stage 2 services come later

# Working days a withdrawn or outside-jurisdiction stage stays open before it is closed.
CLOSE_EARLY_DAYS = {"withdrawn": (1, 30), "outside_jurisdiction": (1, 10)}
FLOOR = {1: 1, "statutory": 10, "local": 5}  # fewest working days a response takes


@dataclass
class Pool:
    """What is left to hand out for one stage of one year: (service, procedure) slots and
    outcomes. Stages created by the following year draw from it first."""

    slots: Counter[Slot]
    outcomes: Counter[str]

    def take_slot(self, rng: random.Random, fits: Callable[[Slot], bool] | None = None) -> Slot:
        candidates = Counter(
            {s: n for s, n in self.slots.items() if n > 0 and (fits is None or fits(s))}
        )
        if not candidates:
            raise ShapeError("no receipt left to place")
        slot = take(rng, candidates)
        self.slots[slot] -= 1
        return slot

    def take_outcome(self, rng: random.Random, kinds: tuple[str, ...]) -> str:
        pool = Counter({k: self.outcomes[k] for k in kinds if self.outcomes[k] > 0})
        if not pool:
            raise ShapeError(f"no outcome of {', '.join(kinds)} left")
        outcome = take(rng, pool)
        self.outcomes[outcome] -= 1
        return outcome


@dataclass(frozen=True)
class Group:
    name: str
    track: int | str  # 1, "statutory" or "local": what the responses are published for
    responses: Responses | None
    key: str  # the row of `responses`

    @property
    def target(self) -> int | None:
        return sum(self.responses.counts[self.key]) if self.responses else None


class StageBuilder:
    """Places every stage 1 (number 1) or every stage 2 (number 2) of every year."""

    def __init__(
        self,
        rng: random.Random,
        wd: WorkingDays,
        plans: list[YearPlan],
        pools: dict[str, Pool],
        number: int,
    ) -> None:
        self.rng, self.wd, self.plans, self.pools, self.number = rng, wd, plans, pools, number
        self.tracks: tuple[int | str, ...] = (1,) if number == 1 else ("statutory", "local")
        self.carried: dict[str, list[Stage]] = defaultdict(list)

    def build(self) -> list[Stage]:
        placed: list[Stage] = []
        for plan in reversed(self.plans):
            placed.extend(self._year(plan))
        return placed

    def groups(self, plan: YearPlan) -> list[Group]:
        out = []
        for track in self.tracks:
            responses = plan.responses(track)
            for key in groups_of(responses):
                name = key if track == 1 else str(track)
                out.append(Group(name, track, responses, key))
        return out

    def group_of(self, groups: list[Group], stage: Stage) -> str:
        if self.number == 2:
            return stage.procedure
        return ALL if groups[0].key == ALL else stage.group

    def fits(self, group: str) -> Callable[[Slot], bool]:
        def check(slot: Slot) -> bool:
            service, procedure = slot
            if self.number == 2:
                return procedure == group
            return group == ALL or (service is not None and SERVICE[service].area == group)

        return check

    # -- one year ------------------------------------------------------------------------------

    def _year(self, plan: YearPlan) -> list[Stage]:
        pool = self.pools[plan.label]
        carried = self.carried[plan.label]
        total = sum(plan.count(t) for t in self.tracks)
        dates = self._receipt_dates(plan, total - len(carried), carried)
        new = [self._new_stage(plan, pool, day) for day in dates]
        if plan.is_open:
            self._open_year(plan, new)
            return carried + new
        groups = self.groups(plan)
        outstanding = self._outstanding(pool, new)
        by_group: dict[str, list[Stage]] = {g.name: [] for g in groups}
        for stage in new:
            if stage not in outstanding:
                by_group[self.group_of(groups, stage)].append(stage)
        self._close_early(plan, pool, groups, by_group)
        for group in groups:
            answered = [s for s in by_group[group.name] if not s.outcome]
            for stage in answered:
                stage.outcome = pool.take_outcome(self.rng, SUBSTANTIVE)
            by_group[group.name] = answered
        durations = self._durations(plan, groups, by_group)
        for group in groups:
            self._respond(plan, group, by_group[group.name], durations[group.name])
        return carried + new

    def _new_stage(self, plan: YearPlan, pool: Pool, day: datetime.date) -> Stage:
        service, procedure = pool.take_slot(self.rng)
        return Stage(
            number=self.number,
            year=plan.label,
            procedure=procedure,
            received=day,
            service=SERVICE[service] if service else None,
        )

    def _outstanding(self, pool: Pool, new: list[Stage]) -> list[Stage]:
        """Stages still unanswered at AS_OF: among the latest received."""
        wanted = pool.outcomes["outstanding"]
        if not wanted:
            return []
        latest = sorted(new, key=lambda s: s.received, reverse=True)[: max(3 * wanted, wanted + 4)]
        pool.outcomes["outstanding"] = 0
        return self.rng.sample(latest, wanted)

    def _close_early(
        self, plan: YearPlan, pool: Pool, groups: list[Group], by_group: dict[str, list[Stage]]
    ) -> None:
        total = sum(pool.outcomes[k] for k in CLOSED_EARLY)
        sizes = {g.name: len(by_group[g.name]) for g in groups}
        # A group cannot answer more in the year than its published responses allow.
        floors = {
            g.name: max(0, sizes[g.name] - g.target) if g.target is not None else 0 for g in groups
        }
        spare = total - sum(floors.values())
        if spare < 0:
            raise ShapeError(
                f"{plan.label}: stage {self.number} needs {sum(floors.values())} withdrawn or "
                f"outside-jurisdiction stages to leave the published responses, but has {total}"
            )
        room = [sizes[g.name] - floors[g.name] for g in groups]
        extra = apportion(spare, room) if sum(room) else [0] * len(room)
        for group, more in zip(groups, extra, strict=True):
            for stage in self.rng.sample(by_group[group.name], floors[group.name] + more):
                stage.outcome = pool.take_outcome(self.rng, CLOSED_EARLY)
                low, high = CLOSE_EARLY_DAYS[stage.outcome]
                self._answer(stage, self.rng.randint(low, high))

    def _durations(
        self, plan: YearPlan, groups: list[Group], answered: dict[str, list[Stage]]
    ) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        published = {id(g.responses): g.responses for g in groups if g.responses is not None}
        for responses in published.values():
            mine = [g for g in groups if g.responses is responses]
            flat = [
                (band, n)
                for g in mine
                for band, n in zip(responses.bands, responses.counts[g.key], strict=True)
            ]
            values = band_values(self.rng, flat, responses.total_days, floor=FLOOR[mine[0].track])
            width = len(responses.bands)
            for i, g in enumerate(mine):
                out[g.name] = [v for vs in values[i * width : (i + 1) * width] for v in vs]
        for g in groups:
            if g.responses is None:
                size = len(answered[g.name]) + self._carried_in_count(plan, g.track)
                bands, shares = plan.response_shares(g.track, len(self.plans))
                values = band_values(
                    self.rng,
                    list(zip(bands, apportion(size, shares), strict=True)),
                    floor=FLOOR[g.track],
                )
                out[g.name] = [v for vs in values for v in vs]
        return out

    def _carried_in_count(self, plan: YearPlan, track: int | str) -> int:
        if plan.index == 0:
            return 0
        previous = self.plans[plan.index - 1]
        return round(CARRIED_OVER_SHARE[track] * previous.count(track))

    def _respond(
        self, plan: YearPlan, group: Group, stages: list[Stage], durations: list[int]
    ) -> None:
        carried_in = len(durations) - len(stages)
        if carried_in < 0:
            raise ShapeError(
                f"{plan.label}: {len(stages)} stage {self.number} responses in {group.name} but "
                f"only {len(durations)} are published"
            )
        if carried_in and plan.index == 0:
            raise ShapeError(f"{plan.label}: responses need receipts from before the first year")
        # Stages answered after a year end took longer, on the whole; one too long to be
        # received and answered within this year must have been received in the last.
        room = self.wd.index_on_or_before(plan.end) - self.wd.index(self._earliest(plan))
        must = [i for i, d in enumerate(durations) if d > room]
        if len(must) > carried_in:
            raise ShapeError(
                f"{plan.label}: {len(must)} stage {self.number} responses in {group.name} take "
                f"longer than the year, but only {carried_in} can come from the year before"
            )
        others = [i for i in range(len(durations)) if i not in must]
        extra = sample_weighted(
            self.rng, others, [durations[i] for i in others], carried_in - len(must)
        )
        late = set(must) | set(extra)
        for i in sorted(late):
            self._carry_in(plan, group.name, durations[i])
        self._match(plan, stages, [d for i, d in enumerate(durations) if i not in late])

    def _match(self, plan: YearPlan, stages: list[Stage], durations: list[int]) -> None:
        remaining = sorted(durations)
        wd, rng = self.wd, self.rng
        for stage in sorted(stages, key=lambda s: s.received, reverse=True):
            limit = wd.taken(stage.received, plan.end)
            fits = sum(1 for d in remaining if d <= limit)
            if fits:
                days = remaining.pop(rng.randrange(fits))
            else:
                # Nothing short enough for so late a receipt: receive it earlier instead.
                days = remaining.pop(0)
                earliest = wd.index(self._earliest(plan))
                latest = wd.index_on_or_before(plan.end) - days
                if latest < earliest:
                    raise ShapeError(f"{plan.label}: a response of {days} working days cannot fit")
                stage.received = wd.day(rng.randint(earliest, latest))
            self._answer(stage, days)

    def _carry_in(self, plan: YearPlan, group: str, days: int) -> None:
        """A stage received in the previous year and answered `days` working days later, in
        this one."""
        previous = self.plans[plan.index - 1]
        wd = self.wd
        first = wd.index(plan.start)
        last = wd.index_on_or_before(min(plan.end, AS_OF))
        low = max(0, days - (first - wd.index(self._earliest(previous))))
        high = min(days - 1, last - first)
        if days < 1 or low > high:
            raise ShapeError(f"{plan.label}: cannot carry in a response of {days} working days")
        responded = first + self.rng.randint(low, high)
        pool = self.pools[previous.label]
        service, procedure = pool.take_slot(self.rng, self.fits(group))
        stage = Stage(
            number=self.number,
            year=previous.label,
            procedure=procedure,
            received=wd.day(responded - days),
            service=SERVICE[service] if service else None,
            outcome=pool.take_outcome(self.rng, SUBSTANTIVE),
        )
        self._answer(stage, days)
        self.carried[previous.label].append(stage)

    def _answer(self, stage: Stage, days: int) -> None:
        stage.days = days
        stage.responded = self.wd.add(stage.received, days)

    # -- the year under way at AS_OF --------------------------------------------------------------

    def _open_year(self, plan: YearPlan, new: list[Stage]) -> None:
        rng = self.rng
        shares = OUTCOME_SHARES[self.number]
        closed_early = sum(shares[k] for k in CLOSED_EARLY)
        for track in self.tracks:
            bands, band_shares = plan.response_shares(track, len(self.plans))
            group = ALL if track == 1 else str(track)
            for _ in range(OPEN_YEAR_CARRIED_IN[track]):
                self._carry_in(plan, group, self._draw_days(bands, band_shares, minimum=2))
        for stage in new:
            track = 1 if self.number == 1 else stage.procedure
            bands, band_shares = plan.response_shares(track, len(self.plans))
            if rng.random() < closed_early:
                kind = rng.choices(CLOSED_EARLY, [shares[k] for k in CLOSED_EARLY])[0]
                days = rng.randint(*CLOSE_EARLY_DAYS[kind])
            else:
                kind = rng.choices(SUBSTANTIVE, [shares[k] for k in SUBSTANTIVE])[0]
                days = self._draw_days(bands, band_shares, minimum=FLOOR[track])
            if self.wd.add(stage.received, days) <= AS_OF:
                stage.outcome = kind
                self._answer(stage, days)

    def _draw_days(self, bands: tuple[Band, ...], shares: list[float], minimum: int) -> int:
        band = self.rng.choices(bands, shares)[0]
        return band_values(self.rng, [(band, 1)], floor=minimum)[0][0]

    # -- receipt dates ---------------------------------------------------------------------------

    def _earliest(self, plan: YearPlan) -> datetime.date:
        # In the first year a stage 2 needs a stage 1 answered before it.
        if plan.index == 0 and self.number == 2:
            return plan.start + datetime.timedelta(days=70)
        return plan.start

    def _receipt_dates(self, plan: YearPlan, n: int, carried: list[Stage]) -> list[datetime.date]:
        if n < 0:
            raise ShapeError(
                f"{plan.label}: more stage {self.number}s answered late than were received"
            )
        already = [s.received for s in carried]
        return receipt_dates(self.rng, self.wd, self._earliest(plan), plan.end, n, already)


def receipt_dates(
    rng: random.Random,
    wd: WorkingDays,
    start: datetime.date,
    end: datetime.date,
    n: int,
    already: list[datetime.date] | None = None,
) -> list[datetime.date]:
    """`n` receipt dates from `start` to `end`, by month as MONTH_WEIGHTS says, less what
    `already` fills. Weekends and bank holidays get a few (emails and online forms)."""
    already = already or []
    months: list[list[datetime.date]] = []
    day = start
    while day <= end:
        if not months or months[-1][0].month != day.month:
            months.append([])
        months[-1].append(day)
        day += datetime.timedelta(days=1)
    weights = [MONTH_WEIGHTS[(m[0].month - 4) % 12] * len(m) for m in months]
    target = apportion(n + len(already), weights)
    filled = Counter((d.year, d.month) for d in already)
    room = [max(0, t - filled[m[0].year, m[0].month]) for t, m in zip(target, months, strict=True)]
    counts = apportion(n, room if sum(room) else weights)
    out = []
    for days, count in zip(months, counts, strict=True):
        day_weights = [1.0 if wd.is_working(d) else 0.12 for d in days]
        out.extend(rng.choices(days, day_weights, k=count))
    return sorted(out)
