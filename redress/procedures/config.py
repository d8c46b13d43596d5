"""The authority settings whose values are the procedures' own records: the closure days
(`ClosureDay`) and when the statutory stage 2 clock starts (its `StageRule`). Registered with
`core.config` when the app is ready, so `redress config` and the admin read and write them
like any other setting."""

from __future__ import annotations

import datetime

from redress.core import config

from .models import ClosureDay, StageRule
from .signals import deadline_rules_changed


def _closure_days() -> dict[datetime.date, str]:
    return {c.date: c.reason for c in ClosureDay.objects.all()}


def _set_closure_days(days: dict[datetime.date, str]) -> None:
    ClosureDay.objects.exclude(date__in=list(days)).delete()
    for day, reason in days.items():
        ClosureDay.objects.update_or_create(date=day, defaults={"reason": reason})
    deadline_rules_changed.send(sender=ClosureDay)


def _statutory_stage2() -> StageRule | None:
    return StageRule.objects.filter(procedure__code="statutory", stage=2).first()


def _stage2_clock_start() -> str:
    rule = _statutory_stage2()
    return rule.clock_start if rule else config.SETTINGS["stage2_clock_start"].default


def _set_stage2_clock_start(value: str) -> None:
    rule = _statutory_stage2()
    if rule is None:
        raise config.SettingError("There is no statutory stage 2 to set the clock start of.")
    StageRule.objects.filter(pk=rule.pk).update(clock_start=value)
    deadline_rules_changed.send(sender=StageRule)


def register() -> None:
    config.keep_elsewhere("closure_days", read=_closure_days, write=_set_closure_days)
    config.keep_elsewhere(
        "stage2_clock_start", read=_stage2_clock_start, write=_set_stage2_clock_start
    )
