"""The deterministic demo dataset generator.

`generate()` writes a `redress.import/1` dataset for the fictional Kingsmoor Children's Trust:
by default one whose 2021-22 records reproduce the published counts of the Birmingham
Children's Trust annual report 2021-22 (see `shape.py` for the targets and the readings the
generator follows), with invented earlier years back to 2013-14 for trends; or, given a number
of complaints, a dataset of that size with the same shape, streamed for benchmarks
(`scale.py`). The same arguments always give byte-identical files.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .records import SHEETS, Row
from .writers import XLSX_MAX_ROWS, RowLimitError, open_writer, too_many_rows_message

DEFAULT_SEED = 2122


def generate(
    output: Path, *, complaints: int | None = None, seed: int = DEFAULT_SEED
) -> dict[str, int]:
    """Write the dataset to `output` (an .xlsx path, or a folder for CSV files) and return the
    rows written to each sheet. Raises RowLimitError, before writing anything, when a sheet
    would not fit in a workbook."""
    rows: Iterable[tuple[str, Row]]
    if complaints is None:
        from .build import build_dataset

        data = build_dataset(seed)
        counts = {sheet: len(data.rows(sheet)) for sheet in SHEETS}
        rows = ((sheet, row) for sheet in SHEETS for row in data.rows(sheet))
    else:
        from .scale import scale_rows

        if complaints < 1:
            raise ValueError("the number of complaints must be at least 1")
        counts = {}
        if output.suffix.lower() == ".xlsx":
            counts = count_scale_rows(complaints, seed)
        rows = scale_rows(complaints, seed)
    if output.suffix.lower() == ".xlsx" and (message := too_many_rows_message(counts, output)):
        raise RowLimitError(message)
    writer = open_writer(output)
    try:
        for sheet, row in rows:
            writer.write(sheet, row)
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    return writer.counts


def count_scale_rows(complaints: int, seed: int) -> dict[str, int]:
    """Rows per sheet of the scale mode, counted without writing, as far as it takes to know
    whether a workbook can hold them: not at all when the most rows possible fit, nor when the
    complaints alone overflow."""
    from .scale import most_rows, scale_rows

    counts = dict.fromkeys(SHEETS, 0)
    if complaints + 1 > XLSX_MAX_ROWS:
        counts["complaints"] = complaints
        return counts
    if max(most_rows(complaints).values()) + 1 <= XLSX_MAX_ROWS:
        return counts  # fits whatever the draws
    for sheet, _row in scale_rows(complaints, seed):
        counts[sheet] += 1
    return counts
