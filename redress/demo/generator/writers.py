"""Writing a dataset as one `.xlsx` workbook or as a folder of `.csv` files.

Both take rows one at a time (so the scale mode never holds a dataset in memory) and write to
temporary files that replace the real ones only when everything was written: a failed run
leaves no half-written file behind.

The same rows give the same bytes: the workbook's document properties and every zip entry
carry one fixed timestamp instead of the time of writing.
"""

from __future__ import annotations

import csv
import datetime
import os
import shutil
import zipfile
from collections.abc import Buffer
from pathlib import Path
from typing import IO, Protocol

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from .records import SHEETS, Row, full_row
from .shape import AUTHORITY

XLSX_MAX_ROWS = 1_048_576  # rows in an Excel sheet, the header included
# UTC, without a zone attached: the form openpyxl writes into the document properties.
FIXED_TIME = datetime.datetime(2022, 5, 31, tzinfo=datetime.UTC).replace(tzinfo=None)


class RowLimitError(ValueError):
    """A sheet would hold more rows than an .xlsx workbook allows."""


def too_many_rows_message(counts: dict[str, int], path: Path) -> str | None:
    over = {s: n for s, n in counts.items() if n + 1 > XLSX_MAX_ROWS}
    if not over:
        return None
    sheet, n = max(over.items(), key=lambda item: item[1])
    folder = path.with_suffix("")
    return (
        f"An .xlsx sheet holds at most {XLSX_MAX_ROWS:,} rows (header included), but the "
        f"'{sheet}' sheet would have {n + 1:,}. Write a folder of CSV files instead, e.g. "
        f"--output {folder}/"
    )


class DatasetWriter(Protocol):
    counts: dict[str, int]

    def write(self, sheet: str, row: Row) -> None: ...
    def commit(self) -> None: ...
    def abort(self) -> None: ...


def open_writer(path: Path, *, authority: str = AUTHORITY) -> DatasetWriter:
    if path.suffix.lower() == ".xlsx":
        return XlsxWriter(path, authority=authority)
    return CsvWriter(path)


class CsvWriter:
    """A folder with one UTF-8 CSV file per sheet, named after it, with a header row."""

    def __init__(self, folder: Path) -> None:
        if folder.exists() and not folder.is_dir():
            raise FileExistsError(f"{folder} exists and is not a folder")
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.counts = dict.fromkeys(SHEETS, 0)
        self._files: dict[str, IO[str]] = {}
        self._writers = {}
        for sheet, columns in SHEETS.items():
            handle = self._temporary(sheet).open("w", encoding="utf-8", newline="")
            self._files[sheet] = handle
            self._writers[sheet] = csv.writer(handle)
            self._writers[sheet].writerow(columns)

    def _temporary(self, sheet: str) -> Path:
        return self.folder / f".{sheet}.csv.partial"

    def write(self, sheet: str, row: Row) -> None:
        self._writers[sheet].writerow(full_row(sheet, row))
        self.counts[sheet] += 1

    def commit(self) -> None:
        for handle in self._files.values():
            handle.close()
        for sheet in SHEETS:
            os.replace(self._temporary(sheet), self.folder / f"{sheet}.csv")

    def abort(self) -> None:
        for sheet, handle in self._files.items():
            handle.close()
            self._temporary(sheet).unlink(missing_ok=True)


class XlsxWriter:
    """One workbook, a sheet per sheet of the format, written in openpyxl's write-only mode.
    Every cell is text, exactly as the CSV form holds it; blanks are empty cells."""

    def __init__(self, path: Path, *, authority: str = AUTHORITY) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.counts = dict.fromkeys(SHEETS, 0)
        self._workbook = Workbook(write_only=True)
        properties = self._workbook.properties
        properties.creator = "Redress demo generator"
        properties.title = f"{authority}: demo dataset (redress.import/1)"
        properties.created = properties.modified = FIXED_TIME
        self._sheets = {}
        for sheet, columns in SHEETS.items():
            worksheet = self._workbook.create_sheet(sheet)
            worksheet.append(list(columns))
            self._sheets[sheet] = worksheet

    @property
    def _temporary(self) -> Path:
        return self.path.with_name(f".{self.path.name}.partial")

    def write(self, sheet: str, row: Row) -> None:
        if self.counts[sheet] + 2 > XLSX_MAX_ROWS:
            raise RowLimitError(too_many_rows_message({sheet: self.counts[sheet] + 1}, self.path))
        self._sheets[sheet].append([value or None for value in full_row(sheet, row)])
        self.counts[sheet] += 1

    def commit(self) -> None:
        # openpyxl's own save stamps the time of saving into the properties and the zip
        # entries; writing through ExcelWriter with a fixed-time archive keeps them fixed.
        with _FixedTimeZip(self._temporary, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            ExcelWriter(self._workbook, archive).write_data()
        os.replace(self._temporary, self.path)

    def abort(self) -> None:
        self._temporary.unlink(missing_ok=True)


class _FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose entries all carry FIXED_TIME."""

    def _info(self, name: str, size: int = 0) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        info.file_size = size
        return info

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: Buffer | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = zinfo_or_arcname if isinstance(zinfo_or_arcname, str) else zinfo_or_arcname.filename
        super().writestr(self._info(name), data if isinstance(data, str) else bytes(data))

    def write(
        self,
        filename: str | os.PathLike[str],
        arcname: str | os.PathLike[str] | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        info = self._info(str(arcname or filename), os.path.getsize(filename))
        with open(filename, "rb") as source, self.open(info, "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)
