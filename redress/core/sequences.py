"""Sequential keys such as CSC-2021-0042 or P000123, unique even when two people save at once.

The next number is one more than the highest already used; the unique constraint on the field
is what guarantees uniqueness. When two transactions pick the same number, the second insert
fails, and it tries again with a fresh look at what is taken.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, models, transaction
from django.db.models.functions import Cast, Substr

ATTEMPTS = 25


class KeysExhaustedError(RuntimeError):
    """No free key after many attempts: something other than a race is wrong."""


def next_number(queryset: models.QuerySet, *, field: str, stem: str) -> int:
    """One more than the highest number N among values `{stem}N` (N digits only)."""
    pattern = "^" + "".join(c if c.isalnum() else "\\" + c for c in stem) + "[0-9]+$"
    highest = queryset.filter(**{f"{field}__regex": pattern}).aggregate(
        highest=models.Max(Cast(Substr(field, len(stem) + 1), models.BigIntegerField()))
    )["highest"]
    return (highest or 0) + 1


def create_with_next_key[M: models.Model](
    *,
    model: type[M],
    field: str,
    stem: str,
    width: int,
    create: Callable[[str], M],
) -> M:
    """Call `create(key)` with the next free `{stem}{number:0{width}d}`, retrying on a clash.

    `create` must insert the row (and may do more); it runs in a savepoint so a clash undoes
    only that attempt.
    """
    for _ in range(ATTEMPTS):
        key = f"{stem}{next_number(model._default_manager.all(), field=field, stem=stem):0{width}d}"
        try:
            with transaction.atomic():
                return create(key)
        except IntegrityError:
            if not model._default_manager.filter(**{field: key}).exists():
                raise
    raise KeysExhaustedError(f"Could not find a free {model._meta.verbose_name} key after {stem}.")
