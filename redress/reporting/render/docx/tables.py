"""Report tables as real Word tables: a numbered caption, a header row that repeats on every
page, numbers right-aligned, rows that do not split across pages, and the caption as the
table's alt text.

They look as the PDF's do: no vertical lines, a thin grey rule between rows, the header bold
with a dark rule under it and the total bold with one above, in 9 point text. In a grouped
table (Appendix B, the annex) a group's heading is one bold cell across the table, kept with
the rows under it, and the group's total is bold with a dark rule above, kept with the row
above it. Columns are sized to what they hold (`widths`), with autofit off so Word keeps those
widths."""

from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Pt, Twips
from docx.styles.style import BaseStyle
from docx.table import Table, _Cell, _Row

from redress.reporting.document.model import Cell, Column, RowKind, TableBlock

from ..widths import cell_text, column_texts, column_widths
from .fields import add_field

TABLE_STYLE = "Report Table"
EMPTY = "None in this period."
TEXT_SIZE = 9  # points, as in the printed report
RULE_COLOUR = "B1B4B6"  # GOV.UK border grey, between rows
STRONG_RULE_COLOUR = "0B0C0C"  # GOV.UK text colour, under the header and over the total
RULE = 4  # eighths of a point: the thin rule between rows
STRONG_RULE = 12  # under the header and over the total
GROUP_SPACE = 6  # points above a group's heading, as the PDF's padding sets it off
WHOLE_ROWS = 6  # a table of this many rows or fewer is kept on one page, as in the PDF
# Cell margins in twips: none on the left, so a table lines up with the text, as in the PDF.
MARGINS = {"top": 60, "left": 0, "bottom": 60, "right": 160}
EMU_PER_TWIP = 635


class TableShapeError(ValueError):
    """A table row does not have one cell per column."""


def add_caption(document: Document, sequence: str, number: int, text: str) -> None:
    """`Table 3: …` with Word's caption numbering (a SEQ field), kept with what follows."""
    caption = document.add_paragraph(style="Caption")
    caption.add_run(f"{sequence} ")
    add_field(caption, f"SEQ {sequence} \\* ARABIC", str(number))
    caption.add_run(f": {text}")
    caption.paragraph_format.keep_with_next = True


def add_table(
    document: Document, block: TableBlock, *, number: int, threshold: int, width: Emu
) -> Table:
    """The table, `width` wide (the page's text width), after its caption."""
    _check_shape(block)
    add_caption(document, "Table", number, block.caption)
    table = document.add_table(rows=1, cols=len(block.columns))
    table.style = report_table_style(document)
    header = table.rows[0]
    _row_properties(header, header=True)
    for cell, column in zip(header.cells, block.columns, strict=True):
        _write(cell, column.label, column, bold=True)
        _rule(cell, "bottom")
    if not block.rows:
        row = table.add_row()
        _row_properties(row)
        merged = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
        merged.paragraphs[0].add_run(EMPTY).font.size = Pt(TEXT_SIZE)
    rows = []
    for index, cells in enumerate(block.rows):
        kind = block.kind_of_row(index)
        if kind == "group":
            rows.append(_add_group(table, cells[0].text))
        else:
            rows.append(_add_row(table, block.columns, cells, threshold, bold=kind == "subtotal"))
            if kind == "subtotal":
                _strong_top(rows[-1])
    if block.total is not None:
        rows.append(_add_row(table, block.columns, block.total, threshold, bold=True))
        _strong_top(rows[-1])
    _keep_together(
        [header, *rows],
        ["header", *_kinds(block), *(["subtotal"] if block.total else [])],
        whole=len(block.rows) <= WHOLE_ROWS,
    )
    _size(table, block, threshold, total=int(width) // EMU_PER_TWIP)
    _describe(table, block.caption)
    if block.footnote:
        note = document.add_paragraph()
        run = note.add_run(block.footnote)
        run.italic = True
        run.font.size = Pt(9)
    return table


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
) -> _Row:
    row = table.add_row()
    _row_properties(row)
    for word_cell, column, cell in zip(row.cells, columns, cells, strict=True):
        _write(word_cell, cell_text(cell, threshold), column, bold=bold)
    return row


def _add_group(table: Table, text: str) -> _Row:
    """A group's heading: its name, bold, in one cell across the table."""
    row = table.add_row()
    _row_properties(row)
    merged = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
    paragraph = merged.paragraphs[0]
    run = paragraph.add_run(text)
    run.font.size = Pt(TEXT_SIZE)
    run.bold = True
    paragraph.paragraph_format.space_before = Pt(GROUP_SPACE)
    return row


def _strong_top(row: _Row) -> None:
    for cell in row.cells:
        _rule(cell, "top")


def _kinds(block: TableBlock) -> list[RowKind]:
    return [block.kind_of_row(index) for index in range(len(block.rows))]


def _keep_together(rows: list[_Row], kinds: list[str], *, whole: bool) -> None:
    """Word keeps a row on the page of the next when its paragraphs are kept with the next.
    As the PDF does: the header with the first row, and a table that breaks keeps two rows on
    each side (its first with its second, its last but one with its last); a table of a few
    rows is not broken at all; a group's heading stays with its first two rows, and the row
    above a total with the total."""
    last = len(rows) - 1
    for index, row in enumerate(rows[:-1]):
        if (
            whole
            or index in {0, 1, last - 1}
            or kinds[index] == "group"
            or (index > 0 and kinds[index - 1] == "group")
            or kinds[index + 1] == "subtotal"
        ):
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _write(cell: _Cell, text: str, column: Column, *, bold: bool) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    # Set on the run: Normal's size would otherwise win over the table style's.
    run.font.size = Pt(TEXT_SIZE)
    if bold:
        run.bold = True
    if column.numeric:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def report_table_style(document: Document) -> BaseStyle:
    """The light table style (made once per document): rules between rows, none down them."""
    styles = document.styles
    if TABLE_STYLE in [style.name for style in styles]:
        return styles[TABLE_STYLE]
    style = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = styles["Normal Table"]
    element = style.element
    paragraph = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    for name, value in (("w:after", "0"), ("w:line", "240"), ("w:lineRule", "auto")):
        spacing.set(qn(name), value)
    paragraph.append(spacing)
    table = OxmlElement("w:tblPr")
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side in ("bottom", "insideH"):
            borders.append(_border(side, RULE, RULE_COLOUR))
        else:
            borders.append(_border(side, 0, "auto", kind="nil"))
    table.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, twips in MARGINS.items():
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table.append(margins)
    element.append(paragraph)
    element.append(table)
    return style


def _border(side: str, size: int, colour: str, *, kind: str = "single") -> BaseOxmlElement:
    border = OxmlElement(f"w:{side}")
    border.set(qn("w:val"), kind)
    if kind != "nil":
        border.set(qn("w:sz"), str(size))
        border.set(qn("w:space"), "0")
        border.set(qn("w:color"), colour)
    return border


def _rule(cell: _Cell, side: str) -> None:
    """The dark rule under a header cell or over a total cell."""
    properties = cell._tc.get_or_add_tcPr()
    borders = properties.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        # tcBorders comes after the width and span, before shading and alignment.
        properties.insert_element_before(
            borders, "w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText",
            "w:vAlign", "w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge",
            "w:tcPrChange",
        )  # fmt: skip
    borders.append(_border(side, STRONG_RULE, STRONG_RULE_COLOUR))


def _size(table: Table, block: TableBlock, threshold: int, *, total: int) -> None:
    """Column widths from the columns' texts, written to the grid and to every cell (readers
    differ in which they follow), with autofit off so Word keeps them."""
    contents = column_texts(block, threshold)
    widths = column_widths(
        contents, available=total, padding=MARGINS["left"] + MARGINS["right"], size=TEXT_SIZE
    )
    table.autofit = False
    table_width = table._tbl.tblPr.find(qn("w:tblW"))
    table_width.set(qn("w:type"), "dxa")
    table_width.set(qn("w:w"), str(sum(widths)))
    for column, twips in zip(table.columns, widths, strict=True):
        column.width = Twips(twips)
    for row in table.rows:
        cells = row._tr.tc_lst
        start = 0
        for tc in cells:
            span = tc.grid_span
            tc.width = Twips(sum(widths[start : start + span]))
            start += span


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
