"""Writing the sheets: a header block saying what the sheet is, then a table with a bold, frozen
header row, real numbers with number formats, and sensible column widths.

Every cell is written through `put`, so text a spreadsheet would run as a formula (a service
area named `=cmd|' /C calc'!A0`) is a text cell, never a formula (`redress.core.spreadsheets`)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from redress.core import presenters
from redress.core.spreadsheets import inert_cell

from .columns import LONG_DATE_FORMAT, SheetColumn

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
LINK = Font(color="1D70B8", underline="single")
WITHHELD = PatternFill("solid", fgColor="F3F2F1")
MIN_WIDTH, MAX_WIDTH = 8, 60
COMMENT_AUTHOR = "Redress"

Block = Sequence[tuple[str, Any]]


def put(sheet: Worksheet, row: int, column: int, value: Any = None) -> Any:
    """The cell at (row, column) holding `value`: text is always text, never a formula."""
    return inert_cell(sheet.cell(row, column, value))


def write_header_block(sheet: Worksheet, title: str, lines: Block) -> int:
    """The title in A1 and `label: value` lines under it; returns the next free row."""
    put(sheet, 1, 1, title).font = TITLE
    row = 2
    for label, value in lines:
        put(sheet, row, 1, label).font = BOLD
        cell = put(sheet, row, 2, value)
        if isinstance(value, datetime.date):
            cell.number_format = LONG_DATE_FORMAT
            cell.alignment = Alignment(horizontal="left")
        row += 1
    return row + 1  # a blank line before the table


def write_table(
    sheet: Worksheet,
    first_row: int,
    columns: Sequence[SheetColumn],
    rows: Sequence[Sequence[Any]],
    *,
    withheld: set[tuple[int, int]] | None = None,
    threshold: int = 5,
) -> None:
    """A header row at `first_row`, frozen with everything above it, and the rows below.
    `withheld` holds (row, column) indexes of cells suppressed for publication: they are left
    empty, shaded, with a note saying "fewer than N"."""
    for index, column in enumerate(columns, start=1):
        cell = put(sheet, first_row, index, column.label)
        cell.font = BOLD
        if column.kind != "text":
            cell.alignment = Alignment(horizontal="right", wrap_text=True)
    sheet.freeze_panes = sheet.cell(first_row + 1, 1).coordinate
    note = presenters.fewer_than(threshold)
    for r, values in enumerate(rows):
        for c, (column, value) in enumerate(zip(columns, values, strict=True)):
            cell = put(sheet, first_row + 1 + r, c + 1, column.cell_value(value))
            if (fmt := column.number_format) is not None:
                cell.number_format = fmt
            if withheld and (r, c) in withheld:
                cell.comment = Comment(note, COMMENT_AUTHOR, width=120, height=30)
                cell.fill = WITHHELD
    _widths(sheet, first_row, columns, rows)


def write_note(sheet: Worksheet, row: int, text: str) -> None:
    put(sheet, row, 1, text).font = Font(italic=True)


def link_to(cell: Any, sheet_name: str) -> None:
    """Makes the cell a link to the top of another sheet of the workbook."""
    quoted = sheet_name.replace("'", "''")  # as Excel quotes a name in a reference
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!A1")
    cell.font = LINK


def _widths(
    sheet: Worksheet, header_row: int, columns: Sequence[SheetColumn], rows: Sequence[Sequence[Any]]
) -> None:
    for index, column in enumerate(columns):
        texts = [column.label, *(_shown(column, row[index]) for row in rows)]
        # The labels of the header block sit in column A too.
        if index == 0:
            texts += [str(sheet.cell(r, 1).value or "") for r in range(2, header_row)]
        width = max(len(t) for t in texts) + 2
        sheet.column_dimensions[get_column_letter(index + 1)].width = max(
            MIN_WIDTH, min(MAX_WIDTH, width)
        )


def _shown(column: SheetColumn, value: Any) -> str:
    """Roughly what Excel shows, to size the column."""
    if column.kind == "pct":  # the figure's percentage, before it becomes a fraction
        return presenters.percent(value, column.places, empty="")
    value = column.cell_value(value)
    match column.kind:
        case "count":
            return presenters.count(value, empty="")
        case "money":
            return presenters.money(value, empty="")
        case "days":
            return presenters.number(value, column.places, empty="")
        case "date":
            return presenters.short_date(value, empty="")
        case _:
            return "" if value is None else str(value)
