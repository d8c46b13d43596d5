"""What Redress's management commands share."""

from __future__ import annotations

import datetime

from django.core.management.base import CommandError


def date_option(option: str, text: str) -> datetime.date:
    """A command's date option (`--as-of 2022-05-31`), or a CommandError naming the option."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option} '{text}' is not a date in the form YYYY-MM-DD.") from None
