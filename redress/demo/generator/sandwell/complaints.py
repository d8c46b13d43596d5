"""Stage 1 complaints of the Sandwell-shaped demo authority, year by year: received by quarter,
answered in time or not as Table 8 says, with their theme, outcome, service (service areas until
the restructure, localities after it), complainant and method."""

from __future__ import annotations

import datetime
import itertools
import random
from collections import Counter
from dataclasses import dataclass, field

from ..alloc import ShapeError, apportion
from ..records import Row, iso
from ..workdays import WorkingDays
from . import shape
from .shape import SandwellYear

SUBSTANTIVE_UPHELD = ("upheld", "partially_upheld")


@dataclass(eq=False)
class Stage:
    number: int
    received: datetime.date
    responded: datetime.date | None
    outcome: str
    extended: bool = False
    organisation: str = shape.COUNCIL
    panel: datetime.date | None = None
    panel_report: datetime.date | None = None

    def row(self, reference: str) -> Row:
        return (
            reference, str(self.number), iso(self.received), "", "",
            "yes" if self.extended else "",
            "Complex investigation agreed with the complainant" if self.extended else "",
            iso(self.responded), self.outcome, self.organisation,
            iso(self.panel), iso(self.panel_report),
        )  # fmt: skip


@dataclass(eq=False)
class Complaint:
    year: str
    received: datetime.date
    responded: datetime.date
    extended: bool
    met: bool
    theme: str
    outcome: str = ""
    service: str = ""
    locality: str = ""
    cyp: bool = False
    complainant_type: str = ""
    advocate: str = "none"
    method: str = ""
    person: str = ""
    reference: str = ""
    related_to: Complaint | None = None
    later: list[Stage] = field(default_factory=list)  # stages 2 and 3

    def row(self) -> Row:
        return (
            self.reference, iso(self.received), "statutory", self.method, self.person,
            self.complainant_type, self.advocate, "yes" if self.cyp else "", "",
            shape.AUTHORITY, self.service, self.locality, self.theme,
            f"{self.theme}: the complainant is unhappy with the {self.service}.",
            self.related_to.reference if self.related_to else "",
        )  # fmt: skip

    def stage_rows(self) -> list[Row]:
        first = Stage(
            1, self.received, self.responded, self.outcome, self.extended, shape.AUTHORITY
        )
        return [first.row(self.reference), *(s.row(self.reference) for s in self.later)]


def _quarter_days(wd: WorkingDays, start: datetime.date, quarter: int) -> list[datetime.date]:
    first = _add_months(start, 3 * quarter)
    last = _add_months(start, 3 * quarter + 3) - datetime.timedelta(days=1)
    return wd.between(first, last)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    return datetime.date(day.year + month // 12, month % 12 + 1, 1)


def _spread(
    rng: random.Random, table: dict[str, int], weights: dict[str, int], n: int
) -> list[str]:
    """`n` names: `table`'s counts when given, else `weights` apportioned; shuffled."""
    counts = table or dict(zip(weights, apportion(n, list(weights.values())), strict=True))
    if sum(counts.values()) != n:
        raise ShapeError(f"{counts} add up to {sum(counts.values())}, not {n}")
    names = [name for name, k in counts.items() for _ in range(k)]
    rng.shuffle(names)
    return names


def _days(rng: random.Random, met: bool) -> tuple[int, bool]:
    """Working days taken and whether an extension was agreed: in time against the applicable
    deadline (10, or 20 when extended) when `met`."""
    if met:
        return (rng.randint(11, 20), True) if rng.random() < 0.2 else (rng.randint(3, 10), False)
    return (rng.randint(21, 34), True) if rng.random() < 0.35 else (rng.randint(11, 24), False)


def year_complaints(rng: random.Random, wd: WorkingDays, year: SandwellYear) -> list[Complaint]:
    complaints: list[Complaint] = []
    for quarter, (met, missed) in enumerate(year.by_quarter):
        days = _quarter_days(wd, year.start, quarter)
        flags = [True] * met + [False] * missed
        rng.shuffle(flags)
        received = sorted(rng.choice(days) for _ in flags)
        for day, in_time in zip(received, flags, strict=True):
            taken, extended = _days(rng, in_time)
            complaints.append(
                Complaint(year.label, day, wd.add(day, taken), extended, in_time, theme="")
            )
    if len(complaints) != year.stage1:
        raise ShapeError(f"{year.label}: the quarters add up to {len(complaints)}")
    _themes_and_outcomes(rng, year, complaints)
    _services(rng, year, complaints)
    _people(rng, year, complaints)
    return complaints


def _themes_and_outcomes(
    rng: random.Random, year: SandwellYear, complaints: list[Complaint]
) -> None:
    themes = year.themes or dict(
        zip(
            shape.THEMES_2020_21,
            apportion(year.stage1, list(shape.THEMES_2020_21.values())),
            strict=True,
        )
    )
    if sum(themes.values()) != year.stage1:
        raise ShapeError(f"{year.label}: themes add up to {sum(themes.values())}")
    upheld = dict(year.upheld_by_theme)
    others = [t for t in themes if t not in upheld]
    rest = year.upheld_or_partly - sum(upheld.values())
    if rest > sum(themes[t] for t in others):
        raise ShapeError(f"{year.label}: {rest} upheld cannot fit in the other themes")
    upheld.update(zip(others, apportion(rest, [themes[t] for t in others]), strict=True))
    # Each complaint: (theme, upheld or partly?), then which of them are children's.
    slots = [(t, i < upheld[t]) for t, n in themes.items() for i in range(n)]
    rng.shuffle(slots)
    pools: dict[tuple[str, bool], list[int]] = {}
    for index, (complaint, (theme, up)) in enumerate(zip(complaints, slots, strict=True)):
        complaint.theme = theme
        pools.setdefault((theme, up), []).append(index)
    cyp: list[int] = []
    if year.cyp_themes:
        for theme, n in year.cyp_themes.items():
            down = year.cyp_not_upheld_by_theme.get(theme, 0)
            down_pool, up_pool = pools.get((theme, False), []), pools.get((theme, True), [])
            cyp += rng.sample(down_pool, down) + rng.sample(up_pool, n - down)
    else:
        cyp = rng.sample(range(len(complaints)), year.cyp)
    if len(cyp) != year.cyp:
        raise ShapeError(f"{year.label}: {len(cyp)} children's complaints placed, not {year.cyp}")
    for i in cyp:
        complaints[i].cyp = True
    # Fully upheld or partly: the children's as published, the rest at random.
    ups = [i for (_t, up), members in pools.items() if up for i in members]
    cyp_up = sorted(i for i in ups if complaints[i].cyp)
    adult_up = sorted(i for i in ups if not complaints[i].cyp)
    rng.shuffle(cyp_up)
    rng.shuffle(adult_up)
    cyp_upheld = year.cyp_outcomes.get(
        "upheld", round(len(cyp_up) * year.upheld / max(1, len(ups)))
    )
    chosen = set(cyp_up[:cyp_upheld]) | set(adult_up[: year.upheld - cyp_upheld])
    for complaint in complaints:
        complaint.outcome = "not_upheld"
    for i in ups:
        complaints[i].outcome = "upheld" if i in chosen else "partially_upheld"


def _services(rng: random.Random, year: SandwellYear, complaints: list[Complaint]) -> None:
    before = [c for c in complaints if c.received < shape.RESTRUCTURE]
    after = [c for c in complaints if c.received >= shape.RESTRUCTURE]
    published = year.label == shape.PUBLISHED_YEAR
    old = _spread(
        rng,
        shape.STAGE1_BY_OLD_SERVICE if published else {},
        shape.STAGE1_BY_OLD_SERVICE,
        len(before),
    )
    for complaint, name in zip(before, old, strict=True):
        complaint.service = name
    new = _spread(rng, shape.STAGE1_BY_NEW_SERVICE if published else {}, {}, len(after))
    for complaint, name in zip(after, new, strict=True):
        complaint.service = name
        complaint.locality = shape.NEW_SERVICES[name][0]


def _people(rng: random.Random, year: SandwellYear, complaints: list[Complaint]) -> None:
    children = [c for c in complaints if c.cyp]
    adults = [c for c in complaints if not c.cyp]
    for i, child in enumerate(children):
        child.complainant_type = "care_leaver" if i % 4 == 3 else "child_young_person"
    for child in rng.sample(children, year.cyp_with_advocate):
        child.advocate = "external"
        child.method = "advocate"
    adult_types = year.complainants or dict(
        zip(
            shape.PREVIOUS.complainants,
            apportion(len(adults), list(shape.PREVIOUS.complainants.values())),
            strict=True,
        )
    )
    for adult, kind in zip(adults, _spread(rng, adult_types, {}, len(adults)), strict=True):
        adult.complainant_type = kind
    methods = dict(year.methods) or {"advocate": year.cyp_with_advocate}
    if not year.methods:
        others = {k: v for k, v in shape.PREVIOUS.methods.items() if k != "advocate"}
        rest = year.stage1 - year.cyp_with_advocate
        methods.update(zip(others, apportion(rest, list(others.values())), strict=True))
    methods["advocate"] -= year.cyp_with_advocate
    unassigned = [c for c in complaints if not c.method]
    for complaint, method in zip(
        unassigned, _spread(rng, +Counter(methods), {}, len(unassigned)), strict=True
    ):
        complaint.method = method
    # Repeat complainants: parents who complained two or more times in the year.
    parents = sorted(
        (c for c in adults if c.complainant_type == "parent"), key=lambda c: c.received
    )
    pool = rng.sample(parents, sum(k * n for k, n in year.repeats.items()))
    sizes = [k for k, n in sorted(year.repeats.items()) for _ in range(n)]
    for g, k in enumerate(sizes):
        group, pool = sorted(pool[:k], key=lambda c: c.received), pool[k:]
        for complaint in group:
            complaint.person = f"{year.label}-R{g + 1:02d}"
        for earlier, later in itertools.pairwise(group):
            later.related_to = earlier
    for n, complaint in enumerate(c for c in complaints if not c.person):
        complaint.person = f"{year.label}-P{n + 1:03d}"
