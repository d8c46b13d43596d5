"""The rejects file of `redress import --partial`: each rejected row with its original values
and a `reason` column, in the form of the input (a workbook, or a folder of CSVs)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

from .format import SHEETS
from .problems import ProblemLog
from .readers import Dataset
from .writers import Cell, SheetData, write_folder, write_workbook

REASON = "reason"


def default_rejects_path(dataset: Dataset) -> Path:
    """Next to the input: `history-rejects.xlsx` for `history.xlsx`, `history-rejects/` for a
    folder `history/`."""
    if dataset.kind == "xlsx":
        return dataset.path.with_name(f"{dataset.path.stem}-rejects.xlsx")
    return dataset.path.with_name(f"{dataset.path.name}-rejects")


def write_rejects(dataset: Dataset, log: ProblemLog, path: Path) -> dict[str, int]:
    """Re-read the rejected rows from the input (so nothing is held for rows that import) and
    write them with their reasons; returns the rows written per sheet."""
    by_sheet: dict[str, dict[int, list[str]]] = defaultdict(dict)
    for (sheet, row), details in log.reasons().items():
        by_sheet[sheet][row] = details
    sheets: list[SheetData] = []
    for name in SHEETS:
        rejected = by_sheet.get(name)
        if not rejected:
            continue
        source = dataset.sheets[name]
        header = source.header()
        width = len(header)
        while width and not header[width - 1].strip():
            width -= 1
        sheets.append((name, [*header[:width], REASON], _rows(source.rows(), rejected, width)))
    if dataset.kind == "xlsx":
        return write_workbook(path, sheets)
    for name in SHEETS:  # a previous run's rejects must not linger beside this run's
        (path / f"{name}.csv").unlink(missing_ok=True)
    return write_folder(path, sheets)


def _rows(
    rows: Iterator[tuple[int, list[str]]], rejected: dict[int, list[str]], width: int
) -> Iterator[Sequence[Cell]]:
    for line, cells in rows:
        details = rejected.get(line)
        if details is not None:
            padded = cells[:width] + [""] * (width - len(cells))
            yield [*padded, f"row {line}: " + "; ".join(details)]
