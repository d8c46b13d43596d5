"""What each spreadsheet column holds, and how Excel should show it.

Values stay real numbers and dates, so the sheets can be sorted, summed and charted: counts as
integers, percentages as fractions with a percent format (13.3% is stored as 0.133 and shown to
one decimal, two for ratios), money as pounds with pennies, dates as dates, months as the first
day of the month shown "June 2021". Codes (outcomes, methods, survey questions, an area's TOTAL…)
read as the report's words (`labels.naming_words`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from redress.reporting.document import labels

Kind = Literal["text", "count", "pct", "money", "days", "date", "month"]

COUNT_FORMAT = "#,##0"
MONEY_FORMAT = "£#,##0.00"
DATE_FORMAT = "d mmm yyyy"
LONG_DATE_FORMAT = "d mmmm yyyy"
MONTH_FORMAT = "mmmm yyyy"
MONTH = re.compile(r"(\d{4})-(\d{2})")

# Columns that name things even when their values are numbers (stage 1, 2, 3), or a table has no
# rows to tell: their codes read as the report's words.
TEXT_COLUMNS = frozenset({"outcome", "question", *labels.ROW_CODE_LABELS})
# Left as they are, under a heading that says what they count: a repeat complainant's number of
# stage 1 complaints ("2", "4+" under "Stage 1 complaints", as the report's table has them), where
# the report's words for the row ("2 stage 1 complaints") would say it twice.
BARE_COLUMNS = frozenset({"complaints"})
PERCENT_SUFFIXES = (".pct", "_pct")
DECLARED = re.compile(r"Columns ([a-z0-9_]+(?:, [a-z0-9_]+)*)")


@dataclass(frozen=True)
class SheetColumn:
    key: str
    label: str
    kind: Kind
    places: int = 0  # decimals shown, for percentages and averages
    # The figure table: whose words its codes take (a survey's questions, mediation's outcomes).
    table_id: str = ""

    @property
    def number_format(self) -> str | None:
        match self.kind:
            case "count":
                return COUNT_FORMAT
            case "pct":
                return self._decimals() + "%"
            case "days":
                return self._decimals()
            case "money":
                return MONEY_FORMAT
            case "date":
                return DATE_FORMAT
            case "month":
                return MONTH_FORMAT
            case _:
                return None

    def _decimals(self) -> str:
        return "0." + "0" * self.places if self.places else "0"

    def cell_value(self, value: Any) -> Any:
        """The value as the sheet stores it (None for an empty cell)."""
        if value is None:
            return None
        if self.kind == "pct":
            return fraction(value)
        if self.kind == "month":
            month = MONTH.fullmatch(str(value))
            return datetime.date(int(month[1]), int(month[2]), 1) if month else value
        if self.kind != "text":
            return value
        words = (
            None
            if self.key in BARE_COLUMNS
            else labels.naming_words(self.table_id, self.key, value)
        )
        return str(value) if words is None else words


def fraction(percentage: Any) -> Any:
    """13.3 → 0.133: a figure's percentage as the fraction a `0.0%` cell holds, divided as a
    decimal so it keeps the figure's digits (14.3 / 100 in floats is 0.14300000000000002)."""
    if isinstance(percentage, bool) or not isinstance(percentage, int | float | Decimal):
        return percentage
    return float(Decimal(str(percentage)) / 100)


def table_columns(
    table_id: str, rows: Sequence[Mapping[str, Any]], definition: str = ""
) -> list[SheetColumn]:
    """The columns of a figure table, in the order of its rows' keys; for a table with no rows,
    the columns its definition names ("Columns theme, count: …")."""
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(row))
    if not keys and (declared := DECLARED.match(definition)):
        keys = dict.fromkeys(declared[1].split(", "))
    return [
        _column(table_id, key, [row.get(key) for row in rows], labels.column_label(key))
        for key in keys
    ]


def scalar_column(figure_id: str, value: Any) -> SheetColumn:
    """How a scalar figure is shown on the Figures sheet (a previous value as its figure)."""
    return _column("", figure_id.removesuffix(".previous"), [value], "Value")


def _column(table_id: str, key: str, values: Iterable[Any], label: str) -> SheetColumn:
    present = [v for v in values if v is not None]
    if key == "month" and present and all(MONTH.fullmatch(str(v)) for v in present):
        return SheetColumn(key, label, "month", table_id=table_id)
    if key in TEXT_COLUMNS:
        return SheetColumn(key, label, "text", table_id=table_id)
    if any(isinstance(v, Decimal) for v in present):
        return SheetColumn(key, label, "money")
    if any(isinstance(v, datetime.date) for v in present):
        return SheetColumn(key, label, "date")
    if key == "pct" or key.endswith(PERCENT_SUFFIXES):
        ratio = table_id.startswith("ratio.") or key.startswith("ratio.")
        return SheetColumn(key, label, "pct", max(2 if ratio else 1, _places(present)))
    if "average" in key:
        return SheetColumn(key, label, "days", max(2, _places(present)))
    if any(isinstance(v, float) for v in present):
        return SheetColumn(key, label, "days", max(1, _places(present)))
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return SheetColumn(key, label, "count")
    return SheetColumn(key, label, "text", table_id=table_id)


def places_of(values: Iterable[Any]) -> int:
    """The decimals a column of numbers is shown with: as many as the most precise has."""
    return _places(v for v in values if v is not None)


def _places(values: Iterable[Any]) -> int:
    """The most decimals any of the numbers has (13.3 → 1, 4.29 → 2)."""
    most = 0
    for value in values:
        if isinstance(value, float | Decimal):
            exponent = Decimal(str(value)).normalize().as_tuple().exponent
            if isinstance(exponent, int):
                most = max(most, -exponent)
    return most
