"""What a list of records is made of: references, columns, and the rows of one list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Ref:
    """A complaint reference, linked to the complaint's page when complaint_id is set."""

    text: str
    complaint_id: int | None


Cell = str | tuple[Ref, ...]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = False


PLURALS = {"piece of informal feedback": "pieces of informal feedback"}


@dataclass(frozen=True)
class Records:
    noun: str  # what one row is: "stage record", "payment"
    columns: tuple[Column, ...]
    rows: Sequence[tuple[Cell, ...]]
    total: int  # rows behind the figure
    hidden: int  # of those, rows the user may not see (left out of `rows`)

    @property
    def plural(self) -> str:
        if self.noun in PLURALS:
            return PLURALS[self.noun]
        # "enquiry" → "enquiries", but "survey" → "surveys" (a vowel before the y).
        if self.noun.endswith("y") and self.noun[-2:-1] not in set("aeiou"):
            return self.noun[:-1] + "ies"
        return self.noun + "s"


Formatter = Callable[[dict[str, Any]], tuple[Cell, ...]]
