"""Writing the sheets: a header block saying what the sheet is, then a table with a bold, frozen
header row, real numbers with number formats, and sensible column widths.

Every cell is written through `put`, so text a spreadsheet would run as a formula (a service
area named `=cmd|' /C calc'!A0`) is a text cell, never a formula (`redress.core.spreadsheets`)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from redress.core import presenters
from redress.core.spreadsheets import inert_cell
from redress.reporting.document.model import Cell, TableBlock

from .columns import LONG_DATE_FORMAT, SheetColumn, places_of

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
LINK = Font(color="1D70B8", underline="single")
WITHHELD = PatternFill("solid", fgColor="F3F2F1")
# A group's heading row in a grouped table: GOV.UK's light blue, apart from the withheld grey.
GROUP = PatternFill("solid", fgColor="D2E2F1")
# Over a total, as the printed report's dark rule.
TOTAL_RULE = Border(top=Side(style="medium", color="0B0C0C"))
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


def write_grouped(
    sheet: Worksheet, first_row: int, block: TableBlock, *, threshold: int = 5
) -> int:
    """A report table laid out as the printed report lays it out (Appendix B, the annex): each
    group's heading row bold on a fill, each group's total and the table's total bold with a
    rule above; numbers stay numbers with their formats. Returns the number of rows written."""
    rows = [(block.kind_of_row(index), cells) for index, cells in enumerate(block.rows)] + (
        [("total", block.total)] if block.total is not None else []
    )
    columns = [
        SheetColumn(
            column.key,
            column.label,
            column.kind,
            _places(
                column.kind, [_value(cells[i], column.kind) for k, cells in rows if k != "group"]
            ),
            table_id=block.key,
        )
        for i, column in enumerate(block.columns)
    ]
    values = [
        [None if kind == "group" and i else _value(cell, column.kind)
         for i, (cell, column) in enumerate(zip(cells, columns, strict=True))]
        for kind, cells in rows
    ]  # fmt: skip
    withheld = {
        (r, c)
        for r, (_, cells) in enumerate(rows)
        for c, cell in enumerate(cells)
        if cell.suppressed
    }
    write_table(sheet, first_row, columns, values, withheld=withheld, threshold=threshold)
    for r, (kind, _) in enumerate(rows):
        for c, column in enumerate(columns, start=1):
            cell = sheet.cell(first_row + 1 + r, c)
            # Text longer than the widest column wraps (the annex's sentences).
            if column.kind == "text" and len(str(cell.value or "")) > MAX_WIDTH:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if kind == "row":
            continue
        for c in range(1, len(columns) + 1):
            cell = sheet.cell(first_row + 1 + r, c)
            cell.font = BOLD
            if kind == "group":
                cell.fill = GROUP
            else:
                cell.border = TOTAL_RULE
    return len(rows)


def _places(kind: str, values: list[Any]) -> int:
    """Decimals for a percentage or a number of days: at least one, as many as the figures
    have."""
    return max(1, places_of(values)) if kind in {"pct", "days"} else 0


def _value(cell: Cell, kind: str) -> Any:
    """What a report cell holds as a value: its raw value, or for a count shown only as text
    (a total the document formats without keeping the number) the number it shows."""
    if cell.suppressed:
        return None
    if cell.value is not None or kind != "count":
        return cell.value if cell.value != "" else None
    digits = cell.text.replace(",", "")
    return int(digits) if digits.isdigit() else None


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
        case "month":
            return f"{value:%B %Y}" if isinstance(value, datetime.date) else str(value)
        case _:
            return "" if value is None else str(value)
