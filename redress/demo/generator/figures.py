"""The shape of one year's figures, as `shape.py` and `history.py` write them down."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .alloc import Band

ALL = "ALL"  # a response target that is not split by area

STAGE1_BANDS = (Band("0-10", 0, 10), Band("11-20", 11, 20), Band("21+", 21, None, cap=160))
# The open bands stop short of a year of working days, so any response fits within a year.
STATUTORY2_BANDS = (Band("0-25", 0, 25), Band("26-65", 26, 65), Band("66+", 66, None, cap=200))
LOCAL2_BANDS = (Band("0-25", 0, 25), Band("26+", 26, None, cap=120))


@dataclass(frozen=True)
class Responses:
    """Responses issued in a year, withdrawn and outside jurisdiction left out: how many took
    each band of working days (per area, or `ALL`), and their total working days."""

    bands: tuple[Band, ...]
    counts: dict[str, tuple[int, ...]]
    total_days: int | None = None

    @property
    def size(self) -> int:
        return sum(sum(c) for c in self.counts.values())


def pence(pounds: str) -> int:
    return int(Decimal(pounds) * 100)


@dataclass(frozen=True)
class YearFigures:
    """One financial year's figures. Blank (None) fields are filled in by `plan.py` from the
    shares in `history.py`."""

    label: str
    stage1: int
    stage1_statutory: int
    stage2_statutory: int
    stage2_local: int
    stage3: int
    outcomes1: dict[str, int] | None = None  # "outstanding" = no outcome at AS_OF
    outcomes2: dict[str, int] | None = None
    outcomes3: dict[str, int] | None = None
    stage1_services: dict[str, int] | None = None
    stage2_services: dict[str, tuple[int, int]] | None = None
    stage3_services: dict[str, int] | None = None
    stage1_responses: Responses | None = None
    stage2_statutory_responses: Responses | None = None
    stage2_local_responses: Responses | None = None
    reasons: dict[str, dict[str, int]] | None = None
    aspects: int | None = None  # when the reasons are not given one by one
    methods: dict[str, int] | None = None
    complainants: dict[str, int] | None = None
    cyp_advocates: tuple[int, int] | None = None  # (internal, external)
    repeats: dict[int, int] = field(default_factory=dict)  # complaints each -> people
    mediation: dict[str, int] = field(default_factory=dict)  # outcome -> count
    lgo: dict[str, int] = field(default_factory=dict)  # decision ("" = pending) -> count
    lgo_payments: tuple[int, ...] = ()  # pence, one per Ombudsman remedy payment
    # (kind, stage) -> pence, dated in the year; Ombudsman compensation is `lgo_payments`.
    costs: dict[tuple[str, str], int] = field(default_factory=dict)
    compliments: int = 0
    compliments_published: int = 0  # with consent to publish the staff member's name
    feedback: int = 0
    actions: int = 0
    context: dict[str, int] = field(default_factory=dict)
