"""Turning each sheet's rows into typed records, one cell at a time.

The header says which column is where (any order; x_ columns are custom data). Every cell is
parsed by its column's parser; a cell that cannot be parsed becomes a Problem and the row is
kept (with None in that field) so that checks across rows still see its reference.

A column the header leaves out is blank in every row, except a column added to the format since
files were first written (`Column.kept_when_absent`): `parse_dataset` lists those, so that the
import leaves their stored values alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .format import CUSTOM_PREFIX, SHEETS, CellError, Column, Sheet, is_custom, unsafe_character
from .problems import (
    BadColumnName,
    DuplicateColumn,
    EmptySheet,
    MissingColumn,
    MissingSheet,
    Problem,
    ProblemLog,
    UnknownColumn,
    UnknownSheet,
    Unreadable,
    ValueRequired,
    ValueWithoutColumn,
)
from .progress import ProgressBar, ProgressFactory
from .readers import Dataset, ReadError, SheetSource


@dataclass(frozen=True)
class Layout:
    """Where each column of a sheet is in the file."""

    columns: tuple[tuple[int, int, Column], ...]  # (cell position, field index, column)
    custom: tuple[tuple[int, str], ...]  # (cell position, custom data key)
    width: int  # cells with a header
    kept: tuple[str, ...] = ()  # columns left out whose stored values are kept


def read_layout(sheet: Sheet, header: list[str], log: ProblemLog) -> Layout | None:
    """Check a sheet's header; None when it is unusable (the problems are logged)."""
    columns: list[tuple[int, int, Column]] = []
    custom: list[tuple[int, str]] = []
    seen: set[str] = set()
    names = sheet.names
    width = len(header)
    while width and not header[width - 1].strip():
        width -= 1
    usable = True
    for position, cell in enumerate(header[:width]):
        title = cell.strip()
        if not title:
            continue
        folded = title.casefold()
        if folded in seen:
            log.report(DuplicateColumn, sheet.name, 1, title)
            usable = False
            continue
        seen.add(folded)
        if is_custom(title):
            if (reason := unsafe_character(title, multiline=False)) is not None:
                log.report(BadColumnName, sheet.name, 1, title, reason=reason)
                usable = False
                continue
            custom.append((position, title[len(CUSTOM_PREFIX) :]))
        elif folded in names:
            index = names.index(folded)
            columns.append((position, index, sheet.columns[index]))
        else:
            log.report(UnknownColumn, sheet.name, 1, title)
            usable = False
    for name in sheet.required_names:
        if name not in seen:
            log.report(MissingColumn, sheet.name, None, name)
            usable = False
    if not usable:
        return None
    present = {column.name for _, _, column in columns}
    kept = tuple(c.name for c in sheet.columns if c.kept_when_absent and c.name not in present)
    return Layout(tuple(columns), tuple(custom), width, kept)


def parse_sheet(
    sheet: Sheet, source: SheetSource, layout: Layout, log: ProblemLog, bar: ProgressBar
) -> list[Any]:
    """Every non-blank row of a sheet as `sheet.record` tuples, in file order."""
    records: list[Any] = []
    make = sheet.record._make
    count = len(sheet.columns)
    name = sheet.name
    for line, cells in source.rows():
        if not any(c and not c.isspace() for c in cells):
            continue
        values: list[Any] = [line, *([None] * count), None]
        for position, index, column in layout.columns:
            raw = cells[position].strip() if position < len(cells) else ""
            if not raw:
                if column.required:
                    log.report(ValueRequired, name, line, column.name, "")
                continue
            try:
                values[index + 1] = column.parse(raw)
            except CellError as error:
                log.add(Problem(name, line, column.name, raw, str(error)))
        if layout.custom:
            custom: dict[str, str | None] = {}
            for p, key in layout.custom:
                value = (cells[p].strip() or None) if p < len(cells) else None
                if value is not None and (reason := unsafe_character(value, multiline=True)):
                    log.add(Problem(name, line, CUSTOM_PREFIX + key, value, reason))
                custom[key] = value
            values[-1] = custom
        for position in range(layout.width, len(cells)):
            if cells[position].strip():
                log.report(ValueWithoutColumn, name, line, f"#{position + 1}", cells[position])
                break
        records.append(make(values))
        if len(records) % 1000 == 0:
            bar.update(1000)
    bar.update(len(records) % 1000)
    bar.close()
    return records


def parse_dataset(
    dataset: Dataset, log: ProblemLog, progress: ProgressFactory
) -> tuple[dict[str, list[Any]], dict[str, tuple[str, ...]]]:
    """Parse every sheet of a dataset: its rows by sheet, and by sheet the columns it leaves
    out whose stored values the import keeps. Structural problems (unknown or missing sheets
    and columns) are logged; their sheets are not parsed."""
    for label in dataset.unknown_sheets:
        log.report(UnknownSheet, label, None, known=", ".join(SHEETS))
    for sheet in SHEETS.values():
        if sheet.required and sheet.name not in dataset.sheets:
            log.report(MissingSheet, sheet.name, None, name=sheet.name)
    parsed: dict[str, list[Any]] = {}
    kept: dict[str, tuple[str, ...]] = {}
    for name, sheet in SHEETS.items():
        source = dataset.sheets.get(name)
        if source is None:
            continue
        try:
            header = source.header()
            if not header:
                log.report(EmptySheet, name, None)
                continue
            layout = read_layout(sheet, header, log)
            if layout is None:
                continue
            parsed[name] = parse_sheet(
                sheet, source, layout, log, progress(f"Reading {name}", source.approx_rows())
            )
            if layout.kept:
                kept[name] = layout.kept
        except ReadError as error:
            log.report(Unreadable, error.sheet or name, error.row, error.column, reason=str(error))
    return parsed, kept
