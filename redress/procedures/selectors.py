"""Reads of procedure configuration and the calendar."""

from __future__ import annotations

import datetime
from functools import lru_cache

from .calendar import WorkingCalendar
from .models import ClosureDay, Procedure, StageRule


@lru_cache(maxsize=8)
def _calendar_for(closures: tuple[tuple[datetime.date, str], ...]) -> WorkingCalendar:
    return WorkingCalendar(dict(closures))


def working_calendar() -> WorkingCalendar:
    """The calendar with the authority's current closure days (built once per set of them)."""
    closures = tuple(ClosureDay.objects.order_by("date").values_list("date", "reason"))
    return _calendar_for(closures)


def stage_rules_by_key() -> dict[tuple[int, int], StageRule]:
    """Every stage rule, by (procedure id, stage number)."""
    return {(r.procedure_id, r.stage): r for r in StageRule.objects.all()}


def procedures_with_rules() -> list[Procedure]:
    return list(Procedure.objects.prefetch_related("stage_rules"))


def stage_rule(*, procedure_code: str, stage: int) -> StageRule:
    return StageRule.objects.select_related("procedure").get(
        procedure__code=procedure_code, stage=stage
    )
