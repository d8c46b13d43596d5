"""The report as a Word document the complaints manager can edit: a title page, a table of
contents field, real headings (Heading 1–3, so the navigation pane and the contents work), the
executive summary as bullets, narratives converted from Markdown, real Word tables with
captions, charts as SVG with a PNG fallback and alt text, and page numbers in the footer.

The content is the HTML report's: the renderer lays out the `ReportDocument` and decides
nothing about the numbers. The same document gives the same bytes.
"""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_BREAK
from docx.shared import Cm
from docx.text.paragraph import Paragraph as WordParagraph

from redress.core.presenters import govuk_date
from redress.reporting.document.model import (
    BulletList,
    Cell,
    ChartBlock,
    Column,
    Markdown,
    Paragraph,
    ReportDocument,
    Section,
    TableBlock,
    shown_in,
)
from redress.reporting.document.sections import SECTION_TITLES
from redress.reporting.figures import FigureSet
from redress.reporting.render.ooxml import fixed_time, repack

from .charts import add_chart
from .fields import add_table_of_contents, close_table_of_contents
from .lists import add_item
from .markdown import add_markdown
from .setup import CONTENT_WIDTH, prepare, status_line
from .tables import add_caption, add_table
from .text import add_runs

__all__ = ["render"]

ANNEX = "annex_suppressions"
SUMMARY = "summary"


def render(document: ReportDocument, figures: FigureSet) -> bytes:
    """The report as a .docx file."""
    return _WordReport(document).build()


class _WordReport:
    def __init__(self, report: ReportDocument) -> None:
        self.report = report
        self.word = docx.Document()
        self.threshold = report.suppression_threshold
        self.headings: list[tuple[int, WordParagraph]] = []
        self.tables = 0
        self.charts = 0

    def build(self) -> bytes:
        prepare(self.word, self.report)
        self._title_page()
        contents = self._contents()
        self._body()
        close_table_of_contents(self.word, contents, self.headings, CONTENT_WIDTH)
        buffer = io.BytesIO()
        self.word.save(buffer)
        return repack(buffer.getvalue(), fixed_time(self.report.as_of))

    # -- the parts of the report ---------------------------------------------------------------

    def _title_page(self) -> None:
        report = self.report
        authority = self.word.add_paragraph(report.authority, style="Subtitle")
        authority.paragraph_format.space_before = Cm(6)
        self.word.add_paragraph(report.title, style="Title")
        if report.service:
            self.word.add_paragraph(f"Covers: {report.service}", style="Subtitle")
        self.word.add_paragraph(
            f"{report.period_label}: {govuk_date(report.period_start)} to "
            f"{govuk_date(report.period_end)}"
        )
        self.word.add_paragraph(f"Figures as at {govuk_date(report.as_of)}")
        status = self.word.add_paragraph().add_run(status_line(report))
        status.bold = True
        self._page_break()

    def _contents(self) -> WordParagraph:
        self.word.add_paragraph("Contents", style="TOC Heading")
        contents = add_table_of_contents(self.word)
        self._page_break()
        return contents

    def _body(self) -> None:
        report = self.report
        keys = {section.key for section in report.sections}
        if report.summary and SUMMARY not in keys:
            # The summary section shows the headlines when there is one; without it they still
            # come first.
            self._heading(1, SECTION_TITLES[SUMMARY])
            self._bullets(BulletList(tuple(report.summary)))
        in_appendices = False
        for section in report.sections:
            if section.appendix and not in_appendices:
                in_appendices = True
                self._page_break()
            self._section(section)
        if report.suppressions and ANNEX not in keys:
            if not in_appendices:
                self._page_break()
            self._section(Section(ANNEX, SECTION_TITLES[ANNEX], appendix=True))

    def _section(self, section: Section) -> None:
        self._heading(1, section.title)
        if section.narrative is not None:
            self._markdown(section.narrative)
        for block in section.blocks:
            if shown_in(block, printed=True):
                self._block(block)
        if section.key == ANNEX and not any(isinstance(b, TableBlock) for b in section.blocks):
            self._suppressions()

    def _suppressions(self) -> None:
        """The annex of withheld counts, when the document lists some but shows no table."""
        if not self.report.suppressions:
            return
        columns = (Column("table", "Table"), Column("row", "Row"), Column("column", "Column"))
        rows = tuple(
            (Cell(s.table_caption), Cell(s.row_label), Cell(s.column_label))
            for s in self.report.suppressions
        )
        self._table(TableBlock(ANNEX, "Counts withheld to protect children", columns, rows))

    # -- blocks --------------------------------------------------------------------------------

    def _block(self, block: object) -> None:
        match block:
            case Paragraph():
                add_runs(self.word.add_paragraph(), block.runs, self.threshold)
            case BulletList():
                self._bullets(block)
            case Markdown():
                self._markdown(block)
            case TableBlock():
                self._table(block)
            case ChartBlock():
                self._chart(block)
            case _:
                raise TypeError(f"The Word report cannot lay out a {type(block).__name__}.")

    def _bullets(self, block: BulletList) -> None:
        for item in block.items:
            add_runs(add_item(self.word, "bullet", 0), item.runs, self.threshold)

    def _markdown(self, block: Markdown) -> None:
        add_markdown(self.word, block.text, on_heading=self._record_heading)

    def _table(self, block: TableBlock) -> None:
        self.tables += 1
        add_table(
            self.word, block, number=self.tables, threshold=self.threshold, width=CONTENT_WIDTH
        )

    def _chart(self, block: ChartBlock) -> None:
        self.charts += 1
        add_caption(self.word, "Figure", self.charts, block.title)
        add_chart(self.word, block, CONTENT_WIDTH)
        if block.table is not None:
            self._table(block.table)

    # -- helpers -------------------------------------------------------------------------------

    def _heading(self, level: int, text: str) -> None:
        self._record_heading(level, self.word.add_heading(text, level))

    def _record_heading(self, level: int, paragraph: WordParagraph) -> None:
        self.headings.append((level, paragraph))

    def _page_break(self) -> None:
        self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
