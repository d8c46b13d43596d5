"""Keyset pagination for long lists (ADR 0015).

A page is found from where the last one ended (its sort value and reference, the "cursor"),
not by counting the rows before it, so page 200 costs what page 1 does: the database walks its
index from the cursor. Numbered links to nearby pages may still use offsets; pages in the
second half of a list are read from its end, so the last page is as quick as the first.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy

TIE_BREAK = "reference"


@dataclass(frozen=True)
class SortKey:
    """A column a list sorts by, with the reference breaking ties in the same direction (so one
    index, walked either way, serves both). Nulls come last whichever the direction."""

    column: str
    parse: Callable[[Any], Any]
    nullable: bool = False

    def ordering(self, *, descending: bool, reverse: bool = False) -> list[OrderBy]:
        """The ORDER BY of the list, or of the list read from its end."""
        down = descending != reverse
        if self.nullable:
            nulls = {"nulls_first": True} if reverse else {"nulls_last": True}
            first = F(self.column).desc(**nulls) if down else F(self.column).asc(**nulls)
        else:
            first = F(self.column).desc() if down else F(self.column).asc()
        tie = F(TIE_BREAK).desc() if down else F(TIE_BREAK).asc()
        return [first, tie]

    def beyond(self, cursor: Cursor, *, descending: bool, reverse: bool = False) -> Q:
        """Rows after the cursor's row in the list's order (before it, when `reverse`)."""
        down = descending != reverse
        past, past_or_at = ("lt", "lte") if down else ("gt", "gte")
        column, value = self.column, cursor.value
        tie = Q(**{f"{TIE_BREAK}__{past}": cursor.reference})
        if value is None:
            # Nulls come last: after a null, only nulls; before one, every other row too.
            after_null = Q(**{f"{column}__isnull": True}) & tie
            return after_null | Q(**{f"{column}__isnull": False}) if reverse else after_null
        # `column >= value` first, so the database reads the index from the cursor on.
        condition = Q(**{f"{column}__{past_or_at}": value}) & (
            Q(**{f"{column}__{past}": value}) | tie
        )
        if self.nullable and not reverse:
            condition |= Q(**{f"{column}__isnull": True})
        return condition


@dataclass(frozen=True)
class Cursor:
    value: Any
    reference: str

    def encode(self) -> str:
        value = self.value.isoformat() if isinstance(self.value, datetime.date) else self.value
        text = json.dumps([value, self.reference], separators=(",", ":"))
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str, key: SortKey) -> Cursor | None:
        """The cursor in a link, or None if it is not one (a mangled link shows page 1)."""
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            value, reference = json.loads(raw)
            if not isinstance(reference, str):
                return None
            return cls(None if value is None else key.parse(value), reference)
        except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
            return None


@dataclass(frozen=True)
class KeysetPage:
    """One page of a list. `number` and `pages` are for "page N of M" and the numbered links;
    `next_cursor` and `previous_cursor` continue from this page's last and first rows."""

    rows: list[Any]
    number: int
    pages: int
    count: int
    next_cursor: Cursor | None
    previous_cursor: Cursor | None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None


SORT_VALUE = "sort_value"


def keyset_page(
    rows: QuerySet[Any],
    *,
    key: SortKey,
    descending: bool,
    count: int,
    size: int,
    number: int = 1,
    after: Cursor | None = None,
    before: Cursor | None = None,
) -> KeysetPage:
    """A page of `rows` (filtered, not yet ordered), `count` long in all. With a cursor, the
    page after (or before) it, which is page `number`; otherwise page `number` by offset."""
    pages = max(1, -(-count // size))
    number = min(max(1, number), pages)
    annotated = rows.annotate(**{SORT_VALUE: F(key.column)})
    forward = key.ordering(descending=descending)
    backward = key.ordering(descending=descending, reverse=True)
    if after is not None:
        found = list(
            annotated.filter(key.beyond(after, descending=descending)).order_by(*forward)[
                : size + 1
            ]
        )
        more_after, more_before = len(found) > size, True
        found = found[:size]
    elif before is not None:
        found = list(
            annotated.filter(key.beyond(before, descending=descending, reverse=True)).order_by(
                *backward
            )[: size + 1]
        )
        more_after, more_before = True, len(found) > size
        found = found[:size][::-1]
    else:
        start = (number - 1) * size
        end = min(start + size, count)
        if start <= count - end:
            found = list(annotated.order_by(*forward)[start : start + size])
        else:
            # In the second half: read from the end, so the last pages are quick too.
            found = list(annotated.order_by(*backward)[count - end : count - start][::-1])
        more_after, more_before = number < pages, number > 1
    if not found:
        return KeysetPage([], number, pages, count, None, None)

    def cursor_of(row: Any) -> Cursor:
        return Cursor(getattr(row, SORT_VALUE), getattr(row, TIE_BREAK))

    return KeysetPage(
        rows=found,
        number=number,
        pages=pages,
        count=count,
        next_cursor=cursor_of(found[-1]) if more_after else None,
        previous_cursor=cursor_of(found[0]) if more_before else None,
    )
