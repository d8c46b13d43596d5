"""What a list of records is made of: references, columns, and the rows of one list."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from redress.core import presenters


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
        return PLURALS.get(self.noun) or presenters.plural_noun(self.noun)


Formatter = Callable[[dict[str, Any]], tuple[Cell, ...]]
