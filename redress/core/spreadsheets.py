"""Text that a spreadsheet would run as a formula, written as inert text: the one rule for
every workbook and CSV file Redress writes (the report spreadsheet, `redress export` and its
rejects files, the complaints list download).

Text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula, so a service area named `=cmd|' /C calc'!A0` could run on the
computer that opens the file (CSV or formula injection). Only text is touched: a negative
number written as a number stays a number.

- In a workbook the cell is written as text (type `s`, never `f`) with Excel's "quote prefix"
  style, so the spreadsheet shows exactly the text and keeps it text even when the cell is
  edited. The value itself is unchanged, so reading the workbook back gives the text as it was.
- In a CSV file, where there are no types, the text gets one leading apostrophe, which
  spreadsheets take as "this is text". Text that already starts with apostrophes followed by
  one of those characters gets one more, so `csv_text_read` (used by `redress import`) gives
  back exactly the text that was written: `=x` is written `'=x`, `'=x` is written `''=x`, and
  `'tis` stays `'tis`.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
APOSTROPHE = "'"


def is_formula_like(value: Any) -> bool:
    """Whether a spreadsheet would read this value as a formula: text starting with one of
    FORMULA_STARTS (numbers, dates and everything else are not)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _escaped_in_csv(text: str) -> bool:
    return text.lstrip(APOSTROPHE).startswith(FORMULA_STARTS)


def csv_text(value: Any) -> Any:
    """A value for a CSV cell: formula-like text (after any apostrophes) with one apostrophe
    in front; anything else unchanged."""
    if isinstance(value, str) and _escaped_in_csv(value):
        return APOSTROPHE + value
    return value


def csv_text_read(text: str) -> str:
    """The text `csv_text` was given, from the text it wrote: one leading apostrophe removed
    when apostrophes are followed by `=`, `+`, `-`, `@`, a tab or a carriage return."""
    if text.startswith(APOSTROPHE) and _escaped_in_csv(text):
        return text[1:]
    return text


def inert_cell(cell: Any) -> Any:
    """Make an openpyxl cell (of an ordinary or a write-only workbook) holding formula-like text
    hold it as text; returns the cell. Other cells are left as they are."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def xlsx_value(worksheet: Any, value: Any) -> Any:
    """A value to append to a write-only worksheet: formula-like text as an inert text cell,
    anything else as it is."""
    if is_formula_like(value):
        return inert_cell(WriteOnlyCell(worksheet, value=value))
    return value
