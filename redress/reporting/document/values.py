"""Numbers as the report shows them: each one formatted by the presenters and tied to the figure
(or table row) it comes from, so the web report can link it to the records behind it.

`FigureView` wraps a `FigureSet` for the document builder: `view.value("received.stage1")` is a
`Value` reading "362"; `view.cell("received.by_service", 0, "stage1")` is a table `Cell` with its
drill-down reference, or "fewer than 5" when publication withheld it.

A published report for one locality or service withholds scalars too (publish.py). The builders
read such a figure through `raw` as a `Withheld`: something (neither none, nor zero, nor one)
that prints as "fewer than 5" and cannot be computed with, so that no sentence says "none" of a
withheld count and none works anything out from it; a withheld percentage, average or change
reads as None (not worked out: nothing is said of it). `value` shows either as "fewer than 5"
(a percentage or average as "withheld").
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from typing import Any, Literal

from redress.core import presenters
from redress.reporting.figures import FigureSet
from redress.reporting.publish import counts_people

from .labels import TABLE_CAPTIONS
from .model import Cell, Column, DrillRef, Paragraph, Run, TableBlock, Value

# "count" counts records (its cells drill down to them); "number" is any other whole number.
Kind = Literal["count", "number", "pct", "ratio", "money", "days", "text", "date"]


def fmt(value: Any, kind: Kind) -> str:
    """Format a raw figure value for the report."""
    match kind:
        case "count" | "number":
            return presenters.count(value)
        case "pct":
            return presenters.percent(value)
        case "ratio":
            return presenters.percent(value, places=2)
        case "money":
            return presenters.money(value)
        case "days":
            return presenters.number(value)
        case "date":
            return presenters.short_date(value) if isinstance(value, datetime.date) else "–"
        case _:
            return "–" if value is None else str(value)


COLUMN_KIND: dict[Kind, str] = {
    "count": "count",
    "number": "count",
    "pct": "pct",
    "ratio": "pct",
    "money": "money",
    "days": "days",
    "text": "text",
    "date": "date",
}


def column(key: str, label: str, kind: Kind = "text") -> Column:
    return Column(key, label, COLUMN_KIND[kind])  # type: ignore[arg-type]


def label_of(raw: Any) -> str:
    return "Not recorded" if raw is None else str(raw)


def text_cell(text: str) -> Cell:
    return Cell(text=text, value=text)


def para(*runs: Run | None) -> Paragraph:
    """A paragraph from runs; None runs are dropped (handy for optional clauses). A withheld
    value opening it opens its sentence: "Fewer than 5 stage 1 complaints were received"."""
    kept = [r for r in runs if r is not None]
    if kept and isinstance(kept[0], Value) and kept[0].suppressed:
        first = kept[0]
        kept[0] = replace(first, text=presenters.first_capital(first.text))
    return Paragraph(tuple(kept))


class Withheld:
    """A scalar withheld from the published report, as `FigureView.raw` gives it: true, equal
    to nothing (not 0, not 1, not itself), and never ordered or added (TypeError)."""

    __slots__ = ("threshold",)

    def __init__(self, threshold: int) -> None:
        self.threshold = threshold

    def __bool__(self) -> bool:
        return True

    def __eq__(self, other: object) -> bool:
        return False

    def __ne__(self, other: object) -> bool:
        return True

    __hash__ = object.__hash__

    def __str__(self) -> str:
        return presenters.fewer_than(self.threshold)

    def __format__(self, spec: str) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"Withheld({self.threshold})"


def withheld_text(kind: Kind, threshold: int) -> str:
    """A withheld scalar in words: a count "fewer than 5", anything worked from one "withheld"."""
    return presenters.fewer_than(threshold) if kind in ("count", "number") else "withheld"


class FigureView:
    def __init__(self, figures: FigureSet, threshold: int) -> None:
        self.figures = figures
        self.threshold = threshold

    @property
    def published(self) -> bool:
        return self.figures.published

    # -- scalars -------------------------------------------------------------------------------

    def raw(self, figure_id: str) -> Any:
        """The figure's value; a withheld count as a `Withheld`, and a withheld percentage,
        average or change as None, as if it could not be worked out (nothing is compared or
        said of it)."""
        if figure_id in self.figures.suppressed_figures:
            return Withheld(self.threshold) if counts_people(_own(figure_id)) else None
        return self.figures.figures.get(figure_id)

    def withheld(self, *figure_ids: str) -> bool:
        """Any of the figures is withheld from this published report."""
        return any(f in self.figures.suppressed_figures for f in figure_ids)

    def has(self, *figure_ids: str) -> bool:
        """Every one of the figures has a value (not null, and computed in this run), withheld
        or not."""
        return all(self.raw(f) is not None for f in figure_ids)

    def value(self, figure_id: str, kind: Kind = "count", *, start: bool = False) -> Value:
        """The figure formatted; withheld, "fewer than 5" ("Fewer than 5" to `start` a
        sentence)."""
        if self.withheld(figure_id):
            text = withheld_text(kind, self.threshold)
            return Value(presenters.first_capital(text) if start else text, suppressed=True)
        return Value(fmt(self.raw(figure_id), kind), figure_id)

    def scalar_cell(self, figure_id: str, kind: Kind = "count") -> Cell:
        """A table cell showing a scalar figure."""
        if self.withheld(figure_id):
            return Cell(text=presenters.fewer_than(self.threshold), suppressed=True)
        raw = self.raw(figure_id)
        return Cell(text=fmt(raw, kind), value=_plain(raw), figure_id=figure_id)

    def magnitude(self, figure_id: str, kind: Kind = "pct") -> Value:
        """The size of a change without its sign ("fell by 48.3%")."""
        if self.withheld(figure_id):
            return Value(withheld_text(kind, self.threshold), suppressed=True)
        raw = self.raw(figure_id)
        return Value(fmt(abs(raw) if raw is not None else None, kind), figure_id)

    # -- tables --------------------------------------------------------------------------------

    def rows(self, table_id: str) -> list[dict[str, Any]]:
        return self.figures.tables.get(table_id, [])

    def suppressed(self, table_id: str, row: int, column_key: str) -> bool:
        return (table_id, row, column_key) in self.figures.suppressed

    def _drill(self, table_id: str, row: int) -> DrillRef | None:
        return (
            DrillRef(table_id, row)
            if row in self.figures.table_evidence.get(table_id, {})
            else None
        )

    def cell(self, table_id: str, row: int, column_key: str, kind: Kind = "count") -> Cell:
        """A cell of a figure table; counting cells carry the row's drill-down reference."""
        if self.suppressed(table_id, row, column_key):
            return Cell(text=presenters.fewer_than(self.threshold), suppressed=True)
        raw = self.rows(table_id)[row][column_key]
        drill = self._drill(table_id, row) if kind == "count" else None
        return Cell(text=fmt(raw, kind), value=_plain(raw), drill=drill)

    def row_value(self, table_id: str, row: int, column_key: str, kind: Kind = "count") -> Value:
        """A number from a table row, for a sentence."""
        if self.suppressed(table_id, row, column_key):
            return Value(presenters.fewer_than(self.threshold), suppressed=True)
        raw = self.rows(table_id)[row][column_key]
        return Value(fmt(raw, kind), drill=self._drill(table_id, row))

    def table(
        self,
        table_id: str,
        columns: Iterable[tuple[str, str, Kind]],
        *,
        labels: dict[str, dict[Any, str]] | None = None,
        footnote: str | None = None,
        indices: Iterable[int] | None = None,
        caption: str | None = None,
    ) -> TableBlock:
        """A figure table as it stands: one report row per figure row (or per row of
        `indices`: a part of the table, each cell still the table's own, so its drill-down and
        anything withheld are the table's). `labels` maps a text column's codes to words."""
        spec = list(columns)
        rows = self.rows(table_id)
        body = []
        for i in range(len(rows)) if indices is None else indices:
            row = rows[i]
            cells = []
            for column_key, _, kind in spec:
                if kind == "text":
                    words = (labels or {}).get(column_key) or {}
                    raw = row[column_key]
                    cells.append(text_cell(words.get(raw) or label_of(raw)))
                else:
                    cells.append(self.cell(table_id, i, column_key, kind))
            body.append(tuple(cells))
        return TableBlock(
            key=table_id,
            caption=caption or TABLE_CAPTIONS.get(table_id, table_id),
            columns=tuple(column(k, label, kind) for k, label, kind in spec),
            rows=tuple(body),
            footnote=footnote,
        )


def _own(figure_id: str) -> str:
    return figure_id.removesuffix(".previous")


def _plain(raw: Any) -> Any:
    # Spreadsheets keep Decimal money and dates; everything else as it is.
    return (
        raw
        if isinstance(raw, (int, float, Decimal, str, datetime.date)) or raw is None
        else str(raw)
    )
