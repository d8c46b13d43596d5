"""Reading a dataset: one `.xlsx` workbook or a folder of `.csv` files, as rows of cell text.

Both forms read the same way: each sheet gives its header and then (row number, cells), where
the row number is the one a spreadsheet user sees (the header is row 1) and every cell is text.
Workbooks are read with openpyxl in read-only mode and CSV files are streamed, so memory stays
flat however large the file.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from redress.core.spreadsheets import csv_text_read

from .format import SHEETS


class ReadError(Exception):
    """The file or folder cannot be read at all; the message says why."""

    def __init__(self, message: str, *, sheet: str = "", row: int | None = None) -> None:
        super().__init__(message)
        self.sheet = sheet
        self.row = row


@dataclass
class SheetSource:
    """One sheet of the input. `rows()` can be called again to re-read (for the rejects file)."""

    name: str
    label: str
    dataset: Dataset

    def header(self) -> list[str]:
        for _line, cells in self.dataset._rows(self, with_header=True):
            return cells
        return []

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        return self.dataset._rows(self, with_header=False)

    def approx_rows(self) -> int | None:
        return self.dataset._approx_rows(self)


@dataclass
class Dataset:
    path: Path
    kind: str  # "xlsx" or "folder"
    sheets: dict[str, SheetSource] = field(default_factory=dict)
    unknown_sheets: list[str] = field(default_factory=list)
    _workbook: Any = None

    @property
    def name(self) -> str:
        return self.path.name

    def checksum(self) -> str:
        """sha256 of the workbook; for a folder, of its CSV files in name order (each file's
        name, a NUL byte, then its bytes), so renaming a sheet changes it too."""
        digest = hashlib.sha256()
        files = [self.path] if self.kind == "xlsx" else _csv_files(self.path)
        for path in files:
            if self.kind == "folder":
                digest.update(path.name.encode() + b"\0")
            with path.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    digest.update(chunk)
        return digest.hexdigest()

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.close()
            self._workbook = None

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, source: SheetSource, *, with_header: bool) -> Iterator[tuple[int, list[str]]]:
        if self.kind == "xlsx":
            return _xlsx_rows(self._workbook[source.label], with_header)
        return _csv_rows(self.path / source.label, source.name, with_header)

    def _approx_rows(self, source: SheetSource) -> int | None:
        if self.kind == "xlsx":
            worksheet = self._workbook[source.label]
            return max(worksheet.max_row - 1, 0) if worksheet.max_row else None
        with (self.path / source.label).open("rb") as fh:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
        return max(lines - 1, 0)


def open_dataset(path: Path) -> Dataset:
    """Open a workbook or a folder of CSVs; raises ReadError when it is neither."""
    if path.is_dir():
        dataset = Dataset(path=path, kind="folder")
        for file in _csv_files(path):
            _add_sheet(dataset, file.stem, file.name)
        return dataset
    if not path.exists():
        raise ReadError(f"{path} does not exist")
    if path.suffix.lower() != ".xlsx":
        raise ReadError(f"{path} is neither an .xlsx workbook nor a folder of .csv files")
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as error:
        raise ReadError(f"{path} cannot be read as an .xlsx workbook ({error})") from None
    dataset = Dataset(path=path, kind="xlsx", _workbook=workbook)
    for title in workbook.sheetnames:
        _add_sheet(dataset, title, title)
    return dataset


def _add_sheet(dataset: Dataset, title: str, label: str) -> None:
    name = title.strip().casefold()
    if name in SHEETS and name not in dataset.sheets:
        dataset.sheets[name] = SheetSource(name=name, label=label, dataset=dataset)
    else:
        dataset.unknown_sheets.append(label)


def _csv_files(folder: Path) -> list[Path]:
    return sorted(
        (p for p in folder.iterdir() if p.suffix.lower() == ".csv" and not p.name.startswith(".")),
        key=lambda p: p.name,
    )


def _csv_rows(path: Path, sheet: str, with_header: bool) -> Iterator[tuple[int, list[str]]]:
    # utf-8-sig: Excel writes a byte-order mark at the start of "CSV UTF-8" files.
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        line = 0
        try:
            for line, cells in enumerate(reader, start=1):
                if line == 1 and not with_header:
                    continue
                # Less the apostrophe `redress export` put before text starting with =, +, -, @
                yield line, [csv_text_read(c) for c in cells]
                if with_header:
                    return
        except UnicodeDecodeError:
            # Decoding runs ahead of the rows in blocks, so the row is not known.
            raise ReadError(
                "the file is not UTF-8 text; save it as 'CSV UTF-8'", sheet=sheet
            ) from None
        except csv.Error as error:
            raise ReadError(f"the CSV cannot be read ({error})", sheet=sheet, row=line) from None


def _xlsx_rows(worksheet: Any, with_header: bool) -> Iterator[tuple[int, list[str]]]:
    for line, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
        if line == 1 and not with_header:
            continue
        yield line, [cell_text(v) for v in values]
        if with_header:
            return


def cell_text(value: Any) -> str:
    """A workbook cell as the text a CSV would hold: dates as YYYY-MM-DD, whole numbers without
    a decimal point, booleans as yes/no."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (int, Decimal)):
        return str(value)
    return str(value)
