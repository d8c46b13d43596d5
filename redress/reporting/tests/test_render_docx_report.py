"""The Word report of real documents: built by `build_document` from a small authority's records
(the casebook, through `generate_report`) and from the demo year (the Birmingham 2021-22
report reproduced), it lays out every section, table and chart the document holds."""

from __future__ import annotations

import io

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph

from redress.feedback.models import Compliment
from redress.reporting import services
from redress.reporting.document.model import ChartBlock, ReportDocument, TableBlock, shown_in
from redress.reporting.excerpts.services import excerpt_save
from redress.reporting.periods import financial_year
from redress.reporting.render import renderer
from redress.reporting.render.docx.tables import MARGINS, STRONG_RULE, WHOLE_ROWS
from redress.reporting.render.widths import text_width

from .casebook import AS_OF, build_casebook
from .document_fixtures import demo_year_document

# The demo year's module fixtures import into the test database: these tests run with the
# database tests, before any transactional test empties it (builders/published.py).
pytestmark = pytest.mark.django_db

YEAR = financial_year("2021-22")
SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
MARGIN = MARGINS["left"] + MARGINS["right"]


def open_docx(content: bytes) -> Document:
    return docx.Document(io.BytesIO(content))


def tables_of(document: ReportDocument) -> list[TableBlock]:
    """The tables a printed report lays out (the list of every figure is on screen only)."""
    tables = []
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, TableBlock) and shown_in(block, printed=True):
                tables.append(block)
            elif isinstance(block, ChartBlock) and block.table is not None:
                tables.append(block.table)
    return tables


def charts_of(document: ReportDocument) -> list[ChartBlock]:
    return [b for s in document.sections for b in s.blocks if isinstance(b, ChartBlock)]


def style_name(paragraph: WordParagraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def section_headings(word: Document) -> list[str]:
    return [p.text for p in word.paragraphs if style_name(p) == "Heading 1"]


def full_text(word: Document) -> str:
    cells = (c.text for t in word.tables for row in t.rows for c in row.cells)
    return "\n".join([*(p.text for p in word.paragraphs), *cells])


def assert_lays_out(word: Document, document: ReportDocument) -> None:
    """Every section as a Heading 1, every table as a Word table with the same cells, every
    chart as an SVG picture with its description as alt text."""
    assert section_headings(word) == [s.title for s in document.sections]
    tables = tables_of(document)
    assert len(word.tables) == len(tables)
    for block, table in zip(tables, word.tables, strict=True):
        header = [c.text for c in table.rows[0].cells]
        assert header == [c.label for c in block.columns], block.key
        if block.rows:
            expected = [
                f"fewer than {document.suppression_threshold}" if c.suppressed else c.text
                for c in block.rows[0]
            ]
            if block.kind_of_row(0) == "group":  # one cell across the table
                expected = [block.rows[0][0].text] * len(block.columns)
            assert [c.text for c in table.rows[1].cells] == expected, block.key
    charts = charts_of(document)
    assert [s._inline.docPr.get("descr") for s in word.inline_shapes] == [
        c.description for c in charts
    ]
    assert all(next(s._inline.iter(SVG_BLIP), None) is not None for s in word.inline_shapes)


@pytest.mark.django_db
class TestTheCasebookReport:
    def test_the_internal_report_lays_out_the_whole_document(self):
        build_casebook()
        prepared = services.prepare_report(period=YEAR, as_of=AS_OF)
        output = services.generate_report(period=YEAR, as_of=AS_OF, fmt="docx")
        assert output.filename == "complaints-report-2021-22.docx"
        assert output.content_type == (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        word = open_docx(output.content)
        assert prepared.document is not None
        assert_lays_out(word, prepared.document)
        assert word.core_properties.category == "Internal"
        # The list of every figure stays on screen; the printed report says where it is.
        assert "is in the web version of this report" in full_text(word)
        # The internal report shows small counts, and names as recorded.
        assert "fewer than" not in full_text(word)
        assert "Ellen Connolly" in full_text(word)

    def test_the_published_report_withholds_small_counts_and_unconsented_names(self, manager):
        build_casebook()
        # Only approved excerpts are quoted: approve one of each compliment, as it was recorded.
        for compliment in Compliment.objects.exclude(text=""):
            excerpt_save(record=compliment, text=compliment.text, approve=True, by=manager)
        prepared = services.prepare_report(period=YEAR, as_of=AS_OF, publish=True)
        output = services.generate_report(period=YEAR, as_of=AS_OF, fmt="docx", publish=True)
        word = open_docx(output.content)
        assert prepared.document is not None
        assert_lays_out(word, prepared.document)
        assert word.core_properties.category == "Published"
        by_service = next(
            t
            for t in word.tables
            if [c.text for c in t.rows[0].cells][:2] == ["Service", "Stage 1"]
        )
        assert [c.text for c in by_service.rows[1].cells][:2] == [
            "South Safeguarding",
            "fewer than 5",
        ]
        text = full_text(word)
        assert "Ellen Connolly" not in text
        assert "Joel Davison" in text


@pytest.fixture(scope="module")
def demo_document(django_db_setup, django_db_blocker):
    """The demo year's published report, as the reports page would make it."""
    with django_db_blocker.unblock():
        return demo_year_document(
            published=True, narratives={"summary": "We **listened** to children this year."}
        )


def test_the_demo_year_report_lays_out_every_section_table_and_chart(demo_document):
    document, figures = demo_document
    word = open_docx(renderer("docx")(document, figures))
    assert_lays_out(word, document)
    bullets = [p.text for p in word.paragraphs if style_name(p) == "List Bullet"]
    assert bullets[0] == "Stage 1 complaints rose by 16.8% to 362."
    assert "We listened to children this year." in [p.text for p in word.paragraphs]
    assert len(word.inline_shapes) == len(charts_of(document)) > 5
    assert "fewer than 5" in full_text(word)
    header = word.sections[0].header.paragraphs[0].text
    assert header == f"Kingsmoor Children's Trust — {document.title}"
    assert header.count("2021-22") == 1


def grid_of(table) -> list[int]:
    return [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]


def test_the_demo_year_tables_are_sized_so_that_no_word_breaks(demo_document):
    document, figures = demo_document
    word = open_docx(renderer("docx")(document, figures))
    outcomes = next(t for t in word.tables if t.rows[0].cells[0].text == "Outcome")
    texts = [row.cells[0].text for row in outcomes.rows]
    assert "Inconclusive" in texts
    grid = grid_of(outcomes)
    # The outcomes' names are wider than any count or percentage column, and hold the longest
    # name on one line.
    assert all(grid[0] > width for width in grid[1:])
    assert grid[0] >= max(text_width(t, bold=False, size=9) for t in texts[1:]) + MARGIN
    for block, table in zip(tables_of(document), word.tables, strict=True):
        assert table.autofit is False, block.key
        grid = grid_of(table)
        # A group's heading spans the table (its words wrap across every column); a bold row
        # (the header, a total) is measured bold.
        rows = [row for row in table.rows if _span(row) == 1]
        for index, width in enumerate(grid):
            words = [(w, all(_bold(row))) for row in rows for w in row.cells[index].text.split()]
            longest = max((text_width(w, bold=b, size=9) for w, b in words), default=0)
            assert width >= longest + MARGIN, (block.key, index)


def _bold(row) -> list[bool]:
    """Whether each cell's text is all bold."""
    runs = [[run.bold for p in cell.paragraphs for run in p.runs] for cell in row.cells]
    return [bool(bolds) and all(bolds) for bolds in runs]


def _top_rule(row) -> list[int | None]:
    """The width of each cell's own top border (eighths of a point), or None."""
    sizes = []
    for tc in row._tr.tc_lst:
        top = tc.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}/{qn('w:top')}")
        sizes.append(None if top is None else int(top.get(qn("w:sz"))))
    return sizes


def _span(row) -> int:
    """How many grid columns the row's first cell spans."""
    return row._tr.tc_lst[0].grid_span


def _assert_grouped(block: TableBlock, table) -> None:
    """Each group's heading one bold cell across the table, kept with the next row; ordinary
    rows plain; each group's total, and the table's, bold under a dark rule."""
    width = len(block.columns)
    kinds = [block.kind_of_row(i) for i in range(len(block.rows))]
    assert "group" in kinds, block.key
    rows = table.rows[1:]
    assert len(rows) == len(block.rows) + (block.total is not None)
    for kind, cells, row in zip(kinds, block.rows, rows, strict=False):
        where = (block.key, cells[0].text)
        if kind == "group":
            assert _span(row) == width, where
            assert row.cells[0].text == cells[0].text
            assert _bold(row) == [True] * width, where
            assert row.cells[0].paragraphs[0].paragraph_format.keep_with_next, where
        elif kind == "subtotal":
            assert _bold(row) == [True] * width, where
            assert _top_rule(row) == [STRONG_RULE] * width, where
        else:
            assert _span(row) == 1, where
            assert not any(_bold(row)), where
            assert _top_rule(row) == [None] * width, where
    if block.total is not None:
        assert rows[-1].cells[0].text == block.total[0].text
        assert _bold(rows[-1]) == [True] * width
        assert _top_rule(rows[-1]) == [STRONG_RULE] * width


def test_the_demo_year_appendix_b_and_annex_are_grouped_as_in_the_pdf(demo_document):
    document, figures = demo_document
    word = open_docx(renderer("docx")(document, figures))
    tables = dict(zip((b.key for b in tables_of(document)), word.tables, strict=True))
    appendix_b = next(
        b for b in document.section("appendix_reasons").blocks if isinstance(b, TableBlock)
    )
    assert appendix_b.total is not None
    _assert_grouped(appendix_b, tables[appendix_b.key])
    # "Service Quality" heads its rows once, and its total closes them.
    texts = [row.cells[0].text for row in tables[appendix_b.key].rows]
    assert texts.count("Service Quality") == 1
    assert texts.index("Service Quality") < texts.index("Total: Service Quality")
    annex = next(
        b for b in document.section("annex_suppressions").blocks if isinstance(b, TableBlock)
    )
    _assert_grouped(annex, tables[annex.key])


def _kept_with_next(row) -> bool:
    return all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs)


def test_the_demo_year_tables_break_as_the_pdf_does(demo_document):
    """A table of a few rows stays on one page; a longer one keeps two rows on each side of a
    page break, and its header with its first row."""
    document, figures = demo_document
    word = open_docx(renderer("docx")(document, figures))
    short = long = 0
    for block, table in zip(tables_of(document), word.tables, strict=True):
        kept = [_kept_with_next(row) for row in table.rows]
        assert not kept[-1], block.key
        if not block.rows:
            continue
        if len(block.rows) <= WHOLE_ROWS:
            short += 1
            assert all(kept[:-1]), block.key
        elif not block.row_kinds:
            long += 1
            assert kept[:2] == [True, True], block.key  # header, first row
            assert kept[-2], block.key  # the last but one, with the last
            assert not any(kept[2:-2]), block.key  # free to break between the others
    assert short > 5
    assert long > 5
