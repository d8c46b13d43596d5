"""Writing sheets as a workbook or a folder of CSVs, for exports and rejects files.

Cells are text, dates, Decimals or whole numbers. A CSV holds their text (dates YYYY-MM-DD,
money with two decimals); a workbook holds dates as dates and amounts as numbers, formatted the
same way, so `redress import` reads either back to the same values.

Text a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return)
is written inert, by the rule of `redress.core.spreadsheets`: in a workbook as a text cell, in a
CSV with one leading apostrophe, which `redress import` takes off again (IMPORT_FORMAT.md).
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from redress.core.spreadsheets import csv_text, xlsx_value

Cell = str | datetime.date | Decimal | int | None
SheetData = tuple[str, Sequence[str], Iterable[Sequence[Cell]]]


def text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)  # numbers, dates and money are never escaped
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return str(value)


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([text(h) for h in header])  # a rejects file repeats the input's
        for row in rows:
            writer.writerow([text(v) for v in row])
            count += 1
    return count


def write_folder(folder: Path, sheets: Iterable[SheetData]) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    return {name: write_csv(folder / f"{name}.csv", header, rows) for name, header, rows in sheets}


def write_workbook(path: Path, sheets: Iterable[SheetData]) -> dict[str, int]:
    workbook = Workbook(write_only=True)
    counts = {}
    for name, header, rows in sheets:
        worksheet = workbook.create_sheet(title=name)
        worksheet.append([_cell(worksheet, h) for h in header])
        count = 0
        for row in rows:
            worksheet.append([_cell(worksheet, v) for v in row])
            count += 1
        counts[name] = count
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return counts


def _cell(worksheet: Any, value: Cell) -> Any:
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(worksheet, value=cast(Any, value))
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(worksheet, value=float(value))
        cell.number_format = "0.00"
        return cell
    # Text, never a formula: a summary that starts with "=" stays a summary.
    return xlsx_value(worksheet, value)
