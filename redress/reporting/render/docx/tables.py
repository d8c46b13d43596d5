"""Report tables as real Word tables: a numbered caption, a header row that repeats on every
page, numbers right-aligned, rows that do not split across pages, and the caption as the
table's alt text."""

from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table, _Cell, _Row

from redress.reporting.document.model import Cell, Column, TableBlock

from .fields import add_field
from .text import suppressed_text

TABLE_STYLE = "Table Grid"
EMPTY = "None in this period."
HEADER_FILL = "F3F2F1"  # GOV.UK light grey


class TableShapeError(ValueError):
    """A table row does not have one cell per column."""


def add_caption(document: Document, sequence: str, number: int, text: str) -> None:
    """`Table 3: …` with Word's caption numbering (a SEQ field), kept with what follows."""
    caption = document.add_paragraph(style="Caption")
    caption.add_run(f"{sequence} ")
    add_field(caption, f"SEQ {sequence} \\* ARABIC", str(number))
    caption.add_run(f": {text}")
    caption.paragraph_format.keep_with_next = True


def add_table(document: Document, block: TableBlock, *, number: int, threshold: int) -> Table:
    _check_shape(block)
    add_caption(document, "Table", number, block.caption)
    table = document.add_table(rows=1, cols=len(block.columns))
    table.style = document.styles[TABLE_STYLE]
    header = table.rows[0]
    _row_properties(header, header=True)
    for cell, column in zip(header.cells, block.columns, strict=True):
        _write(cell, column.label, column, bold=True)
        _shade(cell)
    if not block.rows:
        row = table.add_row()
        _row_properties(row)
        merged = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
        merged.paragraphs[0].add_run(EMPTY)
    for cells in block.rows:
        _add_row(table, block.columns, cells, threshold, bold=False)
    if block.total is not None:
        _add_row(table, block.columns, block.total, threshold, bold=True)
    _describe(table, block.caption)
    if block.footnote:
        note = document.add_paragraph()
        run = note.add_run(block.footnote)
        run.italic = True
        run.font.size = Pt(9)
    return table


def cell_text(cell: Cell, threshold: int) -> str:
    return suppressed_text(threshold) if cell.suppressed else cell.text


def _check_shape(block: TableBlock) -> None:
    width = len(block.columns)
    rows = [*block.rows, *([block.total] if block.total is not None else [])]
    for index, cells in enumerate(rows, start=1):
        if len(cells) != width:
            what = "the total row" if index > len(block.rows) else f"row {index}"
            raise TableShapeError(
                f"Table '{block.key}' ({block.caption}): {what} has {len(cells)} cells "
                f"but the table has {width} columns."
            )


def _add_row(
    table: Table,
    columns: tuple[Column, ...],
    cells: tuple[Cell, ...],
    threshold: int,
    *,
    bold: bool,
) -> None:
    row = table.add_row()
    _row_properties(row)
    for word_cell, column, cell in zip(row.cells, columns, cells, strict=True):
        _write(word_cell, cell_text(cell, threshold), column, bold=bold)


def _write(cell: _Cell, text: str, column: Column, *, bold: bool) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if column.numeric:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _shade(cell: _Cell) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), HEADER_FILL)
    cell._tc.get_or_add_tcPr().append(shading)


def _row_properties(row: _Row, *, header: bool = False) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        # Repeats the header row at the top of each page the table runs onto.
        properties.append(OxmlElement("w:tblHeader"))


def _describe(table: Table, caption: str) -> None:
    """The caption as the table's alt text (Word's Table Properties → Alt Text → Title)."""
    element = OxmlElement("w:tblCaption")
    element.set(qn("w:val"), caption)
    table._tbl.tblPr.append(element)
