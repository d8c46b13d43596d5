"""Each year's figures made complete: every count the builder needs, exact and adding up.

`shape.py` and `history.py` give what is published or invented; this module fills the gaps
from the shares in `history.py` (with largest-remainder rounding, so parts add up) and turns
the financial years into dates.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass

from . import history
from .alloc import Band, ShapeError, apportion
from .figures import ALL, Responses, YearFigures
from .services import SERVICE, SERVICES
from .shape import AS_OF, REASONS_2021_22

# Relative volume of complaints by month, April first: quieter in August and December.
MONTH_WEIGHTS = (1.0, 1.0, 1.05, 1.1, 0.8, 1.05, 1.1, 1.1, 0.8, 1.0, 1.0, 1.0)

TRACKS = (1, "statutory", "local")  # stage 1, and stage 2 by procedure


@dataclass
class YearPlan:
    figures: YearFigures
    index: int
    start: datetime.date
    end: datetime.date  # last day with data: 31 March, or AS_OF for the year under way
    stage1_slots: Counter[tuple[str, str]]  # (service, procedure)
    reasons: Counter[tuple[str, str]]  # (category, subcategory) on stage 1s
    outcomes: dict[int, Counter[str]]
    methods: Counter[str]
    complainants: Counter[str]
    cyp_advocates: tuple[int, int]

    @property
    def label(self) -> str:
        return self.figures.label

    @property
    def is_open(self) -> bool:
        return self.end < datetime.date(self.start.year + 1, 3, 31)

    def contains(self, day: datetime.date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def count(self, track: int | str) -> int:
        f = self.figures
        return {1: f.stage1, "statutory": f.stage2_statutory, "local": f.stage2_local}[track]

    def responses(self, track: int | str) -> Responses | None:
        f = self.figures
        return {
            1: f.stage1_responses,
            "statutory": f.stage2_statutory_responses,
            "local": f.stage2_local_responses,
        }[track]

    def response_shares(self, track: int | str, years: int) -> tuple[tuple[Band, ...], list[float]]:
        """Band shares for a year whose responses are not published: from the first year's
        shares to the last year's, a step each year."""
        bands, first, last = history.RESPONSE_SHARES[track]
        t = self.index / max(1, years - 1)
        return bands, [a + (b - a) * t for a, b in zip(first, last, strict=True)]

    def stage2_services(self) -> Counter[tuple[str, str]] | None:
        table = self.figures.stage2_services
        if table is None:
            return None
        out: Counter[tuple[str, str]] = Counter()
        for name, (statutory, local) in table.items():
            out[name, "statutory"] += statutory
            out[name, "local"] += local
        return out


def year_start(label: str) -> datetime.date:
    return datetime.date(int(label[:4]), 4, 1)


def year_of(day: datetime.date) -> str:
    first = day.year if day.month >= 4 else day.year - 1
    return f"{first}-{(first + 1) % 100:02d}"


def make_plans(rng: random.Random) -> list[YearPlan]:
    plans = []
    for index, figures in enumerate(history.YEARS):
        start = year_start(figures.label)
        end = min(datetime.date(start.year + 1, 3, 31), AS_OF)
        plans.append(
            YearPlan(
                figures=figures,
                index=index,
                start=start,
                end=end,
                stage1_slots=_stage1_slots(rng, figures),
                reasons=_reasons(rng, figures),
                outcomes={n: _outcomes(figures, n) for n in (1, 2, 3)},
                methods=_methods(figures),
                complainants=_complainants(figures),
                cyp_advocates=_cyp_advocates(figures),
            )
        )
    return plans


def _stage1_slots(rng: random.Random, f: YearFigures) -> Counter[tuple[str, str]]:
    if f.stage1_services is not None:
        by_service = dict(f.stage1_services)
    else:
        # Earlier years: the 2021-22 mix, each service up to a fifth more or less.
        base = history.YEARS[-2].stage1_services or {}
        names = [s.name for s in SERVICES]
        weights = [base.get(n, 1) * rng.uniform(0.8, 1.2) for n in names]
        by_service = dict(zip(names, apportion(f.stage1, weights), strict=True))
    if sum(by_service.values()) != f.stage1:
        raise ShapeError(f"{f.label}: stage 1 services add up to {sum(by_service.values())}")
    names = list(by_service)
    weights = [by_service[n] * SERVICE[n].statutory_share for n in names]
    statutory = apportion(f.stage1_statutory, weights)
    slots: Counter[tuple[str, str]] = Counter()
    for name, stat in zip(names, statutory, strict=True):
        stat = min(stat, by_service[name])
        slots[name, "statutory"] += stat
        slots[name, "local"] += by_service[name] - stat
    if sum(n for (_s, p), n in slots.items() if p == "statutory") != f.stage1_statutory:
        raise ShapeError(f"{f.label}: cannot place {f.stage1_statutory} statutory stage 1s")
    return +slots


def _reasons(rng: random.Random, f: YearFigures) -> Counter[tuple[str, str]]:
    table = f.reasons or REASONS_2021_22
    pairs = [(cat, sub) for cat, subs in table.items() for sub in subs]
    if f.reasons is not None:
        return Counter({pair: table[pair[0]][pair[1]] for pair in pairs})
    total = f.aspects or round(f.stage1 * history.ASPECTS_PER_COMPLAINT)
    weights = [table[c][s] * rng.uniform(0.7, 1.3) for c, s in pairs]
    return +Counter(dict(zip(pairs, apportion(total, weights), strict=True)))


def _outcomes(f: YearFigures, number: int) -> Counter[str]:
    given = {1: f.outcomes1, 2: f.outcomes2, 3: f.outcomes3}[number]
    total = {1: f.stage1, 2: f.stage2_statutory + f.stage2_local, 3: f.stage3}[number]
    if given is None:
        shares = history.OUTCOME_SHARES[number]
        given = dict(zip(shares, apportion(total, list(shares.values())), strict=True))
    if sum(given.values()) != total:
        raise ShapeError(f"{f.label}: stage {number} outcomes add up to {sum(given.values())}")
    return Counter(given)


def _methods(f: YearFigures) -> Counter[str]:
    if f.methods is not None:
        return Counter(f.methods)
    phone, letter = history.PHONE_AND_LETTER[f.label]
    shares = history.OTHER_METHOD_SHARES
    rest = apportion(f.stage1 - phone - letter, list(shares.values()))
    return Counter({"telephone": phone, "letter": letter, **dict(zip(shares, rest, strict=True))})


def _complainants(f: YearFigures) -> Counter[str]:
    if f.complainants is not None:
        return Counter(f.complainants)
    shares = history.COMPLAINANT_SHARES
    return Counter(dict(zip(shares, apportion(f.stage1, list(shares.values())), strict=True)))


def _cyp_advocates(f: YearFigures) -> tuple[int, int]:
    if f.cyp_advocates is not None:
        return f.cyp_advocates
    complainants = _complainants(f)
    cyp = complainants["child_young_person"] + complainants["care_leaver"]
    supported = round(cyp * history.CYP_ADVOCATE_SHARE)
    return supported - supported // 2, supported // 2


def groups_of(responses: Responses | None) -> list[str]:
    return list(responses.counts) if responses is not None else [ALL]
