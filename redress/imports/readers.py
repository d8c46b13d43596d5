"""Reading a dataset: one `.xlsx` workbook or a folder of `.csv` files, as rows of cell text.

Both forms read the same way: each sheet gives its header and then (row number, cells), where
the row number is the one a spreadsheet user sees (the header is row 1) and every cell is text.
Workbooks are read row by row from their XML (xlsx.py) and CSV files are streamed, so memory
stays flat however large the file. Both stop at the limits of limits.py: rows, columns and
characters in a cell are counted as they are read, never taken from what a file says of itself.
"""

from __future__ import annotations

import csv
import hashlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from openpyxl import DEFUSEDXML, load_workbook

from redress.core.spreadsheets import csv_text_read

from .errors import NotADatasetError, ReadError
from .format import SHEETS
from .limits import Limits, cell_too_long, too_many_columns, too_many_rows
from .xlsx import cell_text, check_package, check_zip_directory, sheet_rows

__all__ = ["Dataset", "NotADatasetError", "ReadError", "SheetSource", "cell_text", "open_dataset"]


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
    limits: Limits = field(default_factory=Limits.from_settings)
    _workbook: Any = None
    _file: IO[bytes] | None = None

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
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> Dataset:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, source: SheetSource, *, with_header: bool) -> Iterator[tuple[int, list[str]]]:
        if self.kind == "xlsx":
            rows = sheet_rows(
                self._workbook, self._workbook[source.label], self.limits, source.name
            )
            return _header_or_rest(rows, with_header)
        return _csv_rows(self.path / source.label, source.name, with_header, self.limits)

    def _approx_rows(self, source: SheetSource) -> int | None:
        if self.kind == "xlsx":
            # Only for the progress bar: the size a sheet declares is never used to read it.
            worksheet = self._workbook[source.label]
            if not worksheet.max_row:
                return None
            return min(max(worksheet.max_row - 1, 0), self.limits.max_rows)
        with (self.path / source.label).open("rb") as fh:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
        return max(lines - 1, 0)


def open_dataset(path: Path, limits: Limits | None = None) -> Dataset:
    """Open a workbook or a folder of CSVs. Raises NotADatasetError when the path is neither,
    and ReadError, naming the workbook (or the sheet), when a workbook is damaged, unsafe or
    beyond the limits."""
    limits = limits or Limits.from_settings()
    if path.is_dir():
        dataset = Dataset(path=path, kind="folder", limits=limits)
        for file in _csv_files(path):
            _add_sheet(dataset, file.stem, file.name)
        return dataset
    if not path.exists():
        raise NotADatasetError(f"{path} does not exist")
    if path.suffix.lower() != ".xlsx":
        raise NotADatasetError(f"{path} is neither an .xlsx workbook nor a folder of .csv files")
    if not DEFUSEDXML:
        # openpyxl parses the workbook's own parts with defusedxml only when it is installed and
        # OPENPYXL_DEFUSEDXML is not "False".
        raise NotADatasetError(
            "workbooks are read only with defusedxml: install it, and unset OPENPYXL_DEFUSEDXML"
        )
    # One open file for the checks and the reading, so what is read is what was checked.
    fh = path.open("rb")
    try:
        check_zip_directory(fh, path.name)
        try:
            archive = zipfile.ZipFile(fh)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise ReadError(
                f"cannot be read as an .xlsx workbook: it is not a complete zip file ({error})",
                sheet=path.name,
            ) from None
        with archive:
            check_package(archive, limits, path.name)
        fh.seek(0)
        try:
            workbook = load_workbook(fh, read_only=True, data_only=True)
        except Exception as error:  # whatever a damaged workbook makes fail, it is named
            raise ReadError(
                f"cannot be read as an .xlsx workbook ({type(error).__name__}: {error})",
                sheet=path.name,
            ) from None
    except BaseException:
        fh.close()
        raise
    dataset = Dataset(path=path, kind="xlsx", limits=limits, _workbook=workbook, _file=fh)
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


def _csv_rows(
    path: Path, sheet: str, with_header: bool, limits: Limits
) -> Iterator[tuple[int, list[str]]]:
    max_line = limits.max_rows + 1  # and the header
    max_columns, max_chars = limits.max_columns, limits.max_cell_chars
    # The csv module stops at a cell longer than its own limit (131,072 characters unless
    # raised); it is raised, never lowered, to ours, which is checked below.
    if csv.field_size_limit() < max_chars:
        csv.field_size_limit(max_chars)
    header: list[str] = []
    # utf-8-sig: Excel writes a byte-order mark at the start of "CSV UTF-8" files.
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        line = 0
        try:
            for line, cells in enumerate(reader, start=1):
                if line > max_line:
                    raise ReadError(too_many_rows(limits), sheet=sheet, row=line)
                if len(cells) > max_columns and any(cells[max_columns:]):
                    column = max(i for i, c in enumerate(cells) if c) + 1
                    raise ReadError(
                        too_many_columns(column, limits), sheet=sheet, row=line,
                        column=f"#{column}",
                    )  # fmt: skip
                if cells and max(map(len, cells)) > max_chars:
                    position = next(i for i, c in enumerate(cells) if len(c) > max_chars)
                    raise ReadError(
                        cell_too_long(len(cells[position]), limits), sheet=sheet, row=line,
                        column=_column_name(header, position),
                    )  # fmt: skip
                if line == 1:
                    header = cells
                    if not with_header:
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
            # The row being read when it failed: the one after the last row read.
            if "field larger than field limit" in str(error):
                raise ReadError(cell_too_long(None, limits), sheet=sheet, row=line + 1) from None
            raise ReadError(
                f"the CSV cannot be read ({error})", sheet=sheet, row=line + 1
            ) from None


def _header_or_rest(
    rows: Iterator[tuple[int, list[str]]], with_header: bool
) -> Iterator[tuple[int, list[str]]]:
    """The header (row 1, or nothing when the sheet does not start with one), or every other
    row."""
    for line, cells in rows:
        if with_header:
            if line == 1:
                yield line, cells
            return
        if line != 1:
            yield line, cells


def _column_name(header: list[str], position: int) -> str:
    title = header[position].strip() if position < len(header) else ""
    return title or f"#{position + 1}"
