"""How much of a file `redress import` will read (docs/IMPORT_FORMAT.md, "Limits").

A spreadsheet can claim anything about itself: a 6 KB workbook can declare a million rows by
sixteen thousand columns, and a 1 MB one can unpack to a gigabyte of whitespace. The import
trusts none of it: it counts what it actually reads and stops, naming the limit and the setting
that raises it, as soon as a file goes past one. Each limit is a Django setting of the same name,
read from the environment by redress/settings.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

DEFAULTS = {
    # Every part of a workbook together, once uncompressed. A workbook of 100,000 complaints
    # with their stages and reasons is about 230 MB.
    "REDRESS_IMPORT_MAX_UNCOMPRESSED_MB": 500,
    # How many times larger than its compressed size a part of a workbook may be. Real sheets
    # are 5 to 20 times larger; a "zip bomb" of repeated bytes is about 1,000 times.
    "REDRESS_IMPORT_MAX_COMPRESSION_RATIO": 100,
    # Rows of data in one sheet or CSV file (the header row not counted): Excel's own limit.
    "REDRESS_IMPORT_MAX_ROWS": 1_048_575,
    # Columns of one sheet or CSV file: the format has at most 13, the rest are x_ columns.
    "REDRESS_IMPORT_MAX_COLUMNS": 256,
    # Characters in one cell: Excel's own limit.
    "REDRESS_IMPORT_MAX_CELL_CHARS": 32_767,
}

# A part this small is never a bomb, whatever its ratio (a sheet of one repeated row can
# compress very well).
RATIO_FLOOR_BYTES = 1 << 20


@dataclass(frozen=True)
class Limits:
    max_uncompressed_bytes: int
    max_compression_ratio: int
    max_rows: int
    max_columns: int
    max_cell_chars: int

    @classmethod
    def from_settings(cls) -> Limits:
        def value(name: str) -> int:
            return int(getattr(settings, name, DEFAULTS[name]))

        return cls(
            max_uncompressed_bytes=value("REDRESS_IMPORT_MAX_UNCOMPRESSED_MB") * 1024 * 1024,
            max_compression_ratio=value("REDRESS_IMPORT_MAX_COMPRESSION_RATIO"),
            max_rows=value("REDRESS_IMPORT_MAX_ROWS"),
            max_columns=value("REDRESS_IMPORT_MAX_COLUMNS"),
            max_cell_chars=value("REDRESS_IMPORT_MAX_CELL_CHARS"),
        )

    @property
    def max_uncompressed_mb(self) -> int:
        return self.max_uncompressed_bytes // (1024 * 1024)


def raise_it(setting: str) -> str:
    """How the person importing raises a limit, to end a message that names it."""
    return f"if the file is genuine, set {setting} higher (see docs/IMPORT_FORMAT.md, 'Limits')"


def too_many_rows(limits: Limits) -> str:
    return (
        f"the sheet has more than {limits.max_rows:,} rows, the most an import reads "
        f"(REDRESS_IMPORT_MAX_ROWS): {raise_it('REDRESS_IMPORT_MAX_ROWS')}, or import it in parts"
    )


def too_many_columns(column: int, limits: Limits) -> str:
    return (
        f"a value in column {column:,}, beyond the {limits.max_columns:,} columns an import "
        f"reads (REDRESS_IMPORT_MAX_COLUMNS): {raise_it('REDRESS_IMPORT_MAX_COLUMNS')}"
    )


def cell_too_long(length: int | None, limits: Limits) -> str:
    """`length`: None when the CSV reader stopped at a cell longer than its own limit."""
    if length is None:
        what = f"more than the {limits.max_cell_chars:,} characters an import reads"
    else:
        what = f"{length:,} characters, more than the {limits.max_cell_chars:,} an import reads"
    return (
        f"the cell holds {what} (REDRESS_IMPORT_MAX_CELL_CHARS): "
        f"{raise_it('REDRESS_IMPORT_MAX_CELL_CHARS')}"
    )
