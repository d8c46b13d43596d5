"""Checks that services of several apps share (complaints, organisations, people, the
Ombudsman, feedback): dates not in the future or out of order, codes from a list, text that
must be given. Each raises the named rule of `procedures.rules`, whose docstring is what the
user reads. They live here, beside the rules, so that an app below `complaints` (such as
`organisations`) can use them without importing it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import models

from redress.core.clock import today
from redress.core.presenters import govuk_date

from . import rules


def not_in_future(value: datetime.date, *, what: str) -> None:
    if value > today():
        raise rules.DateInFuture(what=what, date=value)


def not_before(
    value: datetime.date, *, what: str, earlier: str, earlier_date: datetime.date | None
) -> None:
    if earlier_date is not None and value < earlier_date:
        raise rules.DateBefore(what=what, date=value, earlier=earlier, earlier_date=earlier_date)


def choice(value: str, choices: type[models.TextChoices], *, what: str, blank: bool = False) -> str:
    """The value if it is one of the codes (or blank, when allowed)."""
    if value == "" and blank:
        return value
    if value not in choices.values:
        raise rules.NotAChoice(value=value, what=what, choices=", ".join(choices.values))
    return value


def required_text(value: str, *, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise rules.RequiredValueMissing(what=what)
    return value


def period_text(start: datetime.date | None, end: datetime.date | None) -> str:
    """`from 1 April 2021 to 9 January 2022`, for an effective-dated record."""
    if start and end:
        return f"from {govuk_date(start)} to {govuk_date(end)}"
    if start:
        return f"from {govuk_date(start)}"
    if end:
        return f"until {govuk_date(end)}"
    return "at all times"


def choices_text(values: Iterable[Any]) -> str:
    return ", ".join(str(v) for v in values)
