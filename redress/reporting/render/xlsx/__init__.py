"""The figures as a spreadsheet: a Contents sheet linking to every other sheet, a Figures sheet
with every scalar id, its value and its definition, one sheet per table of the figure set, and
in a published report the annex of what was withheld.

A table the report shows in groups (Appendix B's reasons under their categories) is laid out as
the report lays it out: each group's heading bold on a fill, its total and the table's bold
with a rule above. So is the annex, one line per table under its section's heading.

Each sheet says what it is (title, table id, period, as-of date, definition from the figures
registry). Values are real numbers and dates with Excel formats; a cell withheld from a
published report is empty, shaded, with a note "fewer than N". The same figures give the same
bytes: document properties carry the as-of date, never the time of writing.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.writer.excel import ExcelWriter

from redress.core import presenters
from redress.reporting.document import labels
from redress.reporting.document.model import ChartBlock, ReportDocument, TableBlock
from redress.reporting.figures import SCALARS, TABLES, FigureSet
from redress.reporting.render.ooxml import fixed_time, repack

from .columns import SheetColumn, scalar_column, table_columns
from .names import CONTENTS, FIGURES, sheet_names
from .sheets import (
    BOLD,
    COMMENT_AUTHOR,
    WITHHELD,
    link_to,
    put,
    write_grouped,
    write_header_block,
    write_note,
    write_table,
)

__all__ = ["render"]

NO_ROWS = "No rows for this period."
WITHHELD_NOTE = (
    "Withheld from this published report for one locality or service, since it could identify "
    "a child (a count, or worked from one)"
)
NO_VALUE = "No value: it cannot be computed (e.g. a change from zero)."
ANNEX_TABLE = "suppressions"  # the key of the annex's table of withheld figures
ANNEX_SHEET = "Withheld figures"
GROUPED = "As in the report: each group's rows under its heading, then the group's total."


def render(document: ReportDocument, figures: FigureSet) -> bytes:
    """The figure set as an .xlsx workbook."""
    workbook = Workbook()
    names = sheet_names(_table_order(document, figures))
    grouped = _grouped_tables(document)
    annex = grouped.pop(ANNEX_TABLE, None)
    _contents(workbook.active, document, figures, names, annex)
    _figures(workbook.create_sheet(FIGURES), document, figures)
    for table_id, name in names.items():
        _table(workbook.create_sheet(name), table_id, document, figures, grouped.get(table_id))
    if annex is not None:
        _annex(workbook.create_sheet(ANNEX_SHEET), document, figures, annex)
    when = fixed_time(document.as_of).replace(tzinfo=None)  # openpyxl takes naive UTC
    properties = workbook.properties
    properties.title = f"{document.title}: figures"
    properties.subject = document.period_label
    properties.creator = document.authority
    properties.lastModifiedBy = document.authority
    properties.created = properties.modified = when
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save, which would stamp the time of saving.
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return repack(buffer.getvalue(), fixed_time(document.as_of))


def _table_order(document: ReportDocument, figures: FigureSet) -> list[str]:
    """The tables in the order the report shows them, then any the report leaves out."""
    shown: dict[str, None] = {}
    for section in document.sections:
        for block in section.blocks:
            table = block.table if isinstance(block, ChartBlock) else block
            if not isinstance(table, TableBlock):
                continue
            # A report table shows a figure table under its own key, or points into one.
            drills = (c.drill.table_id for row in table.rows for c in row if c.drill is not None)
            for key in (table.key, *drills):
                if key in figures.tables:
                    shown[key] = None
    return [*shown, *(t for t in figures.tables if t not in shown)]


def _grouped_tables(document: ReportDocument) -> dict[str, TableBlock]:
    """The report's tables shown in groups, by key."""
    return {
        block.key: block
        for section in document.sections
        for block in section.blocks
        if isinstance(block, TableBlock) and block.row_kinds
    }


def _period(document: ReportDocument) -> str:
    return (
        f"{document.period_label}: {presenters.govuk_date(document.period_start)} to "
        f"{presenters.govuk_date(document.period_end)}"
    )


def _status(document: ReportDocument, figures: FigureSet) -> str:
    if figures.published:
        return (
            "Published: counts that could identify a child are withheld (empty cells noted "
            f"“{presenters.fewer_than(document.suppression_threshold)}”)."
        )
    return "Internal: not for publication. Every figure is shown."


def _about(document: ReportDocument, figures: FigureSet) -> list[tuple[str, Any]]:
    return [
        ("Period", _period(document)),
        ("Figures as at", document.as_of),
        ("Status", _status(document, figures)),
    ]


def _contents(
    sheet: Any,
    document: ReportDocument,
    figures: FigureSet,
    names: dict[str, str],
    annex: TableBlock | None,
) -> None:
    sheet.title = CONTENTS
    first = write_header_block(
        sheet,
        document.title,
        [
            ("Authority", document.authority),
            ("Covers", document.service or "The whole authority"),
            *_about(document, figures),
        ],
    )
    columns = [
        SheetColumn("sheet", "Sheet", "text"),
        SheetColumn("shows", "What it shows", "text"),
        SheetColumn("id", "Table id", "text"),
        SheetColumn("rows", "Rows", "count"),
    ]
    rows: list[list[Any]] = [
        [FIGURES, "Every figure: its id, value and definition", "", len(figures.figures)]
    ]
    for table_id, name in names.items():
        caption = labels.TABLE_CAPTIONS.get(table_id, table_id)
        rows.append([name, caption, table_id, len(figures.tables[table_id])])
    if annex is not None:
        rows.append([ANNEX_SHEET, annex.caption, "", len(document.suppressions)])
    write_table(sheet, first, columns, rows)
    for offset, row in enumerate(rows, start=1):
        link_to(sheet.cell(first + offset, 1), row[0])


def _figures(sheet: Any, document: ReportDocument, figures: FigureSet) -> None:
    first = write_header_block(
        sheet, "Every figure, with its definition", _about(document, figures)
    )
    put(sheet, first, 1, "Figure id").font = BOLD
    put(sheet, first, 2, "Value").font = BOLD
    put(sheet, first, 3, "Definition").font = BOLD
    put(sheet, first, 4, "Note").font = BOLD
    sheet.freeze_panes = sheet.cell(first + 1, 1).coordinate
    for offset, (figure_id, value) in enumerate(figures.figures.items(), start=1):
        row = first + offset
        put(sheet, row, 1, figure_id)
        column = scalar_column(figure_id, value)
        cell = put(sheet, row, 2, column.cell_value(value))
        if value is not None and (fmt := column.number_format) is not None:
            cell.number_format = fmt
        put(sheet, row, 3, definition(figure_id))
        if figure_id in figures.suppressed_figures:
            # Withheld from a published report for one locality or service, as a table's cell
            # is: empty, shaded, and "fewer than 5".
            withheld = presenters.fewer_than(document.suppression_threshold)
            cell.comment = Comment(withheld, COMMENT_AUTHOR, width=120, height=30)
            cell.fill = WITHHELD
            put(sheet, row, 4, f"{WITHHELD_NOTE}: {withheld}.")
        elif value is None:
            put(sheet, row, 4, NO_VALUE)
    widest = max([len(k) for k in figures.figures] or [10])
    sheet.column_dimensions["A"].width = min(60, max(14, widest + 2))
    sheet.column_dimensions["B"].width = 16
    sheet.column_dimensions["C"].width = 100
    sheet.column_dimensions["D"].width = 40


def definition(figure_id: str) -> str:
    """The registry's definition of a scalar id, including the `.previous` and `.change_pct`
    ids derived from it."""
    if figure_id in SCALARS:
        return SCALARS[figure_id].definition
    for suffix, words in (
        (".previous", "The previous period's value of {base}: {definition}"),
        (".change_pct", "% change in {base} from the previous period: {definition}"),
    ):
        base = figure_id.removesuffix(suffix)
        if base != figure_id and base in SCALARS:
            return words.format(base=base, definition=SCALARS[base].definition)
    return ""


def _table(
    sheet: Any,
    table_id: str,
    document: ReportDocument,
    figures: FigureSet,
    grouped: TableBlock | None = None,
) -> None:
    spec = TABLES.get(table_id)
    meaning = spec.definition if spec is not None else ""
    rows = figures.tables[table_id]
    first = write_header_block(
        sheet,
        labels.TABLE_CAPTIONS.get(table_id, table_id),
        [
            ("Table id", table_id),
            *_about(document, figures),
            ("Definition", meaning),
            *([("Laid out", GROUPED)] if grouped is not None and rows else []),
        ],
    )
    if grouped is not None and rows:
        write_grouped(sheet, first, grouped, threshold=document.suppression_threshold)
        return
    columns = table_columns(table_id, rows, meaning)
    keys = [c.key for c in columns]
    withheld = {
        (r, keys.index(column))
        for (t, r, column) in figures.suppressed
        if t == table_id and column in keys
    }
    write_table(
        sheet,
        first,
        columns,
        [[row.get(key) for key in keys] for row in rows],
        withheld=withheld,
        threshold=document.suppression_threshold,
    )
    if not rows:
        write_note(sheet, first + 1, NO_ROWS)


def _annex(sheet: Any, document: ReportDocument, figures: FigureSet, annex: TableBlock) -> None:
    """What publication withheld: one line per table, under the heading of its section."""
    first = write_header_block(sheet, annex.caption, _about(document, figures))
    write_grouped(sheet, first, annex, threshold=document.suppression_threshold)
