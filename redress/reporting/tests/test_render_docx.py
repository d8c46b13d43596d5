"""The Word report: opened again with python-docx, it has the title page, a real contents field,
Heading 1–3 styles, real tables, charts as SVG with a PNG fallback and alt text, narratives in
Word formatting, and page numbers."""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import replace

import docx
import pytest
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as WordParagraph

from redress.reporting.document.model import (
    BulletList,
    Cell,
    ChartBlock,
    Column,
    Markdown,
    Paragraph,
    ReportDocument,
    Section,
    Suppression,
    TableBlock,
    Value,
)
from redress.reporting.figures import FigureSet
from redress.reporting.periods import financial_year
from redress.reporting.render import renderer
from redress.reporting.render.docx.charts import ChartError
from redress.reporting.render.docx.tables import TableShapeError
from redress.reporting.render.widths import text_width

PERIOD = financial_year("2021-22")
AS_OF = datetime.date(2022, 5, 31)
SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
HYPERLINK_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"

SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "data": {"values": [{"quarter": "Q1", "met": 33}, {"quarter": "Q2", "met": 25}]},
    "mark": "bar",
    "encoding": {
        "x": {"field": "quarter", "type": "nominal"},
        "y": {"field": "met", "type": "quantitative"},
    },
    "width": 300,
    "height": 200,
}
QUARTERS = TableBlock(
    "timeliness.stage1.by_quarter",
    "Stage 1 complaints answered in time, by quarter",
    (Column("quarter", "Quarter"), Column("met", "In time", "count")),
    ((Cell("Q1", "Q1"), Cell("33", 33)), (Cell("Q2", "Q2"), Cell("25", 25))),
)
SERVICES = TableBlock(
    "received.by_service",
    "Complaints received by service and stage",
    (
        Column("service", "Service"),
        Column("stage1", "Stage 1", "count"),
        Column("pct", "Percentage", "pct"),
    ),
    (
        (Cell("South Safeguarding", "South Safeguarding"), Cell("34", 34), Cell("9.4%", 9.4)),
        (Cell("Fostering", "Fostering"), Cell("fewer than 5", suppressed=True), Cell("–")),
    ),
    footnote="Services as they were when each complaint was received.",
    total=(Cell("Total"), Cell("38", 38), Cell("10.5%", 10.5)),
)
NARRATIVE = """# Our year

We **listened** to *children* and read the [Ombudsman's guidance](https://www.lgo.org.uk).
A [bad link](javascript:alert(1)) stays text.

1. First step
2. Second step
    - a detail

Then a second list:

1. Alpha
2. Beta

> Nothing about us without us.
"""


def headline() -> Paragraph:
    return Paragraph(
        (
            "Stage 1 complaints rose by ",
            Value("4.3%", "received.stage1.change_pct"),
            " to ",
            Value("362", "received.stage1"),
            ".",
        )
    )


def report(**changes) -> ReportDocument:
    document = ReportDocument(
        title="Annual complaints report 2021-22",
        authority="Birmingham Children's Trust",
        period_label=PERIOD.label,
        period_start=PERIOD.start,
        period_end=PERIOD.end,
        as_of=AS_OF,
        service=None,
        published=True,
        summary=[headline()],
        sections=[
            Section("summary", "Executive summary", blocks=[BulletList((headline(),))]),
            Section(
                "volumes",
                "Volumes and trends",
                narrative=Markdown(NARRATIVE),
                blocks=[
                    Paragraph(("We received ", Value("362", "received.stage1"), " complaints.")),
                    SERVICES,
                ],
            ),
            Section(
                "timeliness",
                "How quickly we respond",
                blocks=[
                    ChartBlock(
                        "timeliness.stage1.by_quarter",
                        "Stage 1 in time by quarter",
                        SPEC,
                        "A bar chart: 33 in time in Q1 and 25 in Q2.",
                        QUARTERS,
                    )
                ],
            ),
            Section("appendix_figures", "Appendix E: the figures", appendix=True),
        ],
        suppressions=[
            Suppression(
                "received.by_service",
                "Complaints received by service and stage",
                "Fostering",
                "Stage 1",
            )
        ],
    )
    return replace(document, **changes)


def render(document: ReportDocument) -> bytes:
    return renderer("docx")(document, FigureSet(period=PERIOD, as_of=AS_OF))


def open_docx(content: bytes) -> Document:
    return docx.Document(io.BytesIO(content))


@pytest.fixture(scope="module")
def content() -> bytes:
    return render(report())


@pytest.fixture(scope="module")
def word(content) -> Document:
    return open_docx(content)


def texts(word: Document) -> list[str]:
    return [p.text for p in word.paragraphs]


def style_name(paragraph: WordParagraph) -> str:
    return paragraph.style.name if paragraph.style is not None else ""


def styled(word: Document, prefix: str) -> list[tuple[str, str]]:
    return [(style_name(p), p.text) for p in word.paragraphs if style_name(p).startswith(prefix)]


def instructions(element) -> list[str]:
    return [t.text.strip() for t in element.iter(qn("w:instrText"))]


def test_the_title_page_names_the_authority_period_as_of_date_and_status(word):
    assert texts(word)[:6] == [
        "Birmingham Children's Trust",
        "Annual complaints report 2021-22",
        "2021-22: 1 April 2021 to 31 March 2022",
        "Figures as at 31 May 2022",
        "Published report: counts that could identify a child are shown as “fewer than 5”.",
        "",
    ]
    assert word.paragraphs[1].style.name == "Title"


def test_an_internal_report_says_so_and_a_service_report_names_its_service():
    word = open_docx(render(report(published=False, service="South Safeguarding")))
    assert "Covers: South Safeguarding" in texts(word)[:4]
    assert (
        "Internal report, not for publication: it shows every figure, including small counts."
        in texts(word)[:6]
    )
    assert word.core_properties.category == "Internal"


def test_headings_use_the_built_in_heading_styles(word):
    assert styled(word, "Heading") == [
        ("Heading 1", "Executive summary"),
        ("Heading 1", "Volumes and trends"),
        ("Heading 2", "Our year"),
        ("Heading 1", "How quickly we respond"),
        ("Heading 1", "Appendix E: the figures"),
        ("Heading 1", "Annex: figures withheld to protect children"),
    ]


def test_the_contents_is_a_toc_field_that_word_updates_on_opening(word):
    body = word.element.body
    assert 'TOC \\o "1-3" \\h \\z \\u' in instructions(body)
    begin = next(c for c in body.iter(qn("w:fldChar")) if c.get(qn("w:fldCharType")) == "begin")
    assert begin.get(qn("w:dirty")) == "true"
    update = word.settings.element.find(qn("w:updateFields"))
    assert update is not None
    assert update.get(qn("w:val")) == "true"
    # Until Word updates it, the field shows the headings in order.
    start = texts(word).index("Contents")
    assert word.paragraphs[start].style.name == "TOC Heading"
    entries = word.paragraphs[start + 1 : start + 7]
    headings = [
        "Executive summary",
        "Volumes and trends",
        "Our year",
        "How quickly we respond",
        "Appendix E: the figures",
        "Annex: figures withheld to protect children",
    ]
    # Each entry: the heading, a tab to the right margin, and its page number.
    assert [p.text for p in entries] == [f"{h}\t" for h in headings]
    assert [p.style.name for p in entries] == ["toc 1", "toc 1", "toc 2", "toc 1", "toc 1", "toc 1"]
    assert [p.style.element.styleId for p in entries[1:3]] == ["TOC1", "TOC2"]
    assert round(entries[2].style.paragraph_format.left_indent.cm, 2) == 0.75
    section = word.sections[0]
    for entry in entries:
        stop = entry.paragraph_format.tab_stops[0]
        assert (stop.alignment, stop.leader) == (WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        assert abs(stop.position - (section.page_width - 2 * section.left_margin)) < 1000


def test_each_contents_entry_links_to_its_heading_and_numbers_its_page(word):
    bookmarks = {
        b.get(qn("w:name")): p for p in word.paragraphs for b in p._p.iter(qn("w:bookmarkStart"))
    }
    start = texts(word).index("Contents")
    entries = word.paragraphs[start + 1 : start + 7]
    names = []
    for entry in entries:
        link = entry._p.find(qn("w:hyperlink"))
        name = link.get(qn("w:anchor"))
        names.append(name)
        assert instructions(link) == [f"PAGEREF {name} \\h"]
        heading = bookmarks[name]
        assert heading.style.name.startswith("Heading")
        assert entry.text == f"{heading.text}\t"
        ids = {b.get(qn("w:id")) for b in heading._p.iter(qn("w:bookmarkStart"))}
        assert ids == {b.get(qn("w:id")) for b in heading._p.iter(qn("w:bookmarkEnd"))}
    assert names == [f"_Toc{n}" for n in range(1, 7)]
    # The TOC field ends after the last entry.
    last = entries[-1]._p
    assert last[-1].find(qn("w:fldChar")).get(qn("w:fldCharType")) == "end"


def test_the_footer_numbers_the_pages_and_the_title_page_has_none(word):
    section = word.sections[0]
    assert section.different_first_page_header_footer is True
    assert instructions(section.footer._element) == ["PAGE", "NUMPAGES"]
    assert section.footer.paragraphs[0].text == "Page 1 of 1"
    assert round(section.page_width.cm, 1) == 21.0


def test_the_page_header_names_the_authority_and_the_report_with_its_period_once(word):
    header = word.sections[0].header.paragraphs[0].text
    assert header == "Birmingham Children's Trust — Annual complaints report 2021-22"
    assert header.count("2021-22") == 1


def test_a_title_without_the_period_is_followed_by_it_in_the_header():
    word = open_docx(render(report(title="Complaints report")))
    assert word.sections[0].header.paragraphs[0].text == (
        "Birmingham Children's Trust — Complaints report, 2021-22"
    )


def test_the_summary_is_bullets_with_the_figures_as_text(word):
    bullets = [p.text for p in word.paragraphs if style_name(p) == "List Bullet"]
    assert bullets[0] == "Stage 1 complaints rose by 4.3% to 362."
    assert "We received 362 complaints." in texts(word)


def test_tables_are_word_tables_with_captions_and_repeating_headers(word):
    table = word.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Service", "Stage 1", "Percentage"],
        ["South Safeguarding", "34", "9.4%"],
        ["Fostering", "fewer than 5", "–"],
        ["Total", "38", "10.5%"],
    ]
    header = table.rows[0]._tr
    assert header.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    # Numbers right, words left; the header and the total row bold.
    assert table.cell(1, 1).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.cell(0, 2).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.cell(1, 0).paragraphs[0].alignment is None
    assert all(run.bold for run in table.cell(0, 0).paragraphs[0].runs)
    assert all(run.bold for run in table.cell(3, 1).paragraphs[0].runs)
    assert not any(run.bold for run in table.cell(1, 1).paragraphs[0].runs)
    caption = table._tbl.tblPr.find(qn("w:tblCaption"))
    assert caption.get(qn("w:val")) == "Complaints received by service and stage"
    assert "Table 1: Complaints received by service and stage" in texts(word)
    assert "Services as they were when each complaint was received." in texts(word)
    captions = [p for p in word.paragraphs if p.style.name == "Caption"]
    assert [instructions(p._p) for p in captions] == [
        ["SEQ Table \\* ARABIC"],
        ["SEQ Figure \\* ARABIC"],
        ["SEQ Table \\* ARABIC"],
        ["SEQ Table \\* ARABIC"],
    ]


def borders(element) -> dict[str, str]:
    """The borders a tblBorders / tcBorders element sets: side → "val sz color"."""
    if element is None:
        return {}
    return {
        child.tag.split("}")[1]: " ".join(
            filter(None, (child.get(qn(a)) for a in ("w:val", "w:sz", "w:color")))
        )
        for child in element
    }


def test_tables_have_rules_between_rows_and_none_down_them(word):
    table = word.tables[0]
    assert table.style.name == "Report Table"
    # The table and its style set no vertical line, and no cell adds one.
    style_borders = borders(table.style.element.find(qn("w:tblPr")).find(qn("w:tblBorders")))
    assert style_borders == {
        "top": "nil",
        "left": "nil",
        "bottom": "single 4 B1B4B6",
        "right": "nil",
        "insideH": "single 4 B1B4B6",
        "insideV": "nil",
    }
    assert table._tbl.tblPr.find(qn("w:tblBorders")) is None
    for word_table in word.tables:
        for tc in word_table._tbl.iter(qn("w:tc")):
            cell_borders = borders(tc.tcPr.find(qn("w:tcBorders")))
            assert not {"left", "right", "start", "end", "insideV"} & set(cell_borders)
    # A dark rule under each header cell and over each total cell; body cells have none of
    # their own; no grey fill.
    rows = table.rows
    for cell in rows[0].cells:
        assert borders(cell._tc.tcPr.find(qn("w:tcBorders"))) == {"bottom": "single 12 0B0C0C"}
    for cell in rows[3].cells:
        assert borders(cell._tc.tcPr.find(qn("w:tcBorders"))) == {"top": "single 12 0B0C0C"}
    assert rows[1].cells[0]._tc.tcPr.find(qn("w:tcBorders")) is None
    assert not list(table._tbl.iter(qn("w:shd")))
    # Table text is 9 point, as in the printed report.
    assert {
        run.font.size.pt for row in rows for c in row.cells for run in c.paragraphs[0].runs
    } == {9.0}


def widths(table) -> tuple[list[int], list[list[int]]]:
    """The grid's column widths and each row's cell widths, in twips."""
    grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
    cells = [
        [int(tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for tc in tr.tc_lst]
        for tr in table._tbl.tr_lst
    ]
    return grid, cells


def test_columns_are_sized_to_their_text_with_autofit_off(word):
    section = word.sections[0]
    page_text = (section.page_width - section.left_margin - section.right_margin) // 635
    for table in word.tables:
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        assert table.autofit is False
        grid, cells = widths(table)
        table_width = table._tbl.tblPr.find(qn("w:tblW"))
        assert table_width.get(qn("w:type")) == "dxa"
        assert int(table_width.get(qn("w:w"))) == sum(grid)
        assert abs(sum(grid) - page_text) <= 2  # the page's width, give or take rounding
        for row in cells:
            assert row == grid
    # Service, Stage 1, Percentage: each numeric column just holds its longest text on one
    # line with the cell's margin ("Percentage" in Arial 9 point bold is 5,391/1,000 of 9 points,
    # 970 twips; "fewer than 5" is longer than "Stage 1"), and the names' column has the rest.
    grid, _ = widths(word.tables[0])
    margin = 160
    assert grid[2] == text_width("Percentage", bold=True, size=9) + margin
    assert 970 + margin <= grid[2] < 1.1 * 970 + margin
    assert grid[1] == text_width("fewer than 5", bold=False, size=9) + margin
    assert grid[0] == sum(grid) - grid[1] - grid[2] > 3 * grid[2]


def test_a_table_too_wide_for_its_headers_wraps_them_between_words_never_within_one():
    columns = tuple(
        Column(f"c{n}", f"Stage {n} complaints answered within the timescale", "count")
        for n in range(6)
    )
    row = (Cell("Fostering"), *(Cell("12", 12) for _ in columns))
    table = TableBlock("wide", "Wide", (Column("name", "Name"), *columns), (row,))
    word = open_docx(render(report(sections=[Section("t", "T", blocks=[table])])))
    grid, _ = widths(word.tables[0])
    # Each numeric column as wide as its longest word ("complaints", bold) and no wider.
    assert grid[1:] == [text_width("complaints", bold=True, size=9) + 160] * 6
    assert grid[0] > grid[1]


def test_an_empty_table_message_spans_the_whole_width():
    empty = replace(QUARTERS, rows=())
    word = open_docx(render(report(sections=[Section("t", "Timeliness", blocks=[empty])])))
    grid, cells = widths(word.tables[0])
    assert cells[1] == [sum(grid)]
    assert word.tables[0]._tbl.tr_lst[1].tc_lst[0].grid_span == 2


def test_headings_title_and_captions_are_in_the_body_font_and_colour(word):
    styles = word.styles
    fonts = dict.fromkeys(("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"), "Arial")

    def font_of(element) -> dict[str, str]:
        r_fonts = element.find(qn("w:rPr")).find(qn("w:rFonts"))
        return dict(r_fonts.attrib)

    def colour_of(style) -> dict[str, str]:
        colour = style.element.find(qn("w:rPr")).find(qn("w:color"))
        return dict(colour.attrib)

    body = styles["Normal"]
    expected = {qn(k): v for k, v in fonts.items()}
    assert font_of(body.element) == expected
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert font_of(defaults) == expected
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "TOC Heading"):
        style = styles[name]
        # No theme font (which Word prefers to a named one) and no theme colour left.
        assert font_of(style.element) == expected, name
        assert style.font.name == body.font.name == "Arial"
        assert colour_of(style) == colour_of(body) == {qn("w:val"): "0B0C0C"}, name
    assert colour_of(styles["Caption"]) == colour_of(body)


def test_a_withheld_value_reads_fewer_than_the_threshold_whatever_its_text():
    table = replace(SERVICES, rows=((Cell("Adoption"), Cell("", suppressed=True), Cell("–")),))
    word = open_docx(
        render(
            report(
                suppression_threshold=10,
                sections=[Section("volumes", "Volumes", blocks=[table])],
                suppressions=[],
            )
        )
    )
    assert word.tables[0].cell(1, 1).text == "fewer than 10"


def test_the_chart_is_an_svg_with_a_png_fallback_alt_text_and_its_data_table(content, word):
    package = zipfile.ZipFile(io.BytesIO(content))
    media = sorted(n for n in package.namelist() if n.startswith("word/media/"))
    assert media == ["word/media/image1.png", "word/media/image1.svg"]
    assert package.read("word/media/image1.svg").startswith(b"<svg")
    assert package.read("word/media/image1.png").startswith(b"\x89PNG")
    assert "image/svg+xml" in package.read("[Content_Types].xml").decode()

    inline = word.inline_shapes[0]._inline
    assert inline.docPr.get("descr") == "A bar chart: 33 in time in Q1 and 25 in Q2."
    assert inline.docPr.get("title") == "Stage 1 in time by quarter"
    blip = inline.xpath(".//a:blip")[0]
    svg_blip = next(blip.iter(SVG_BLIP))
    parts = word.part.related_parts
    assert parts[blip.get(qn("r:embed"))].partname == "/word/media/image1.png"
    assert parts[svg_blip.get(qn("r:embed"))].partname == "/word/media/image1.svg"
    assert parts[svg_blip.get(qn("r:embed"))].content_type == "image/svg+xml"
    # The picture fits the page, in the SVG's proportions.
    assert 0 < inline.extent.cx <= word.sections[0].page_width - 2 * word.sections[0].left_margin

    position = texts(word).index("Figure 1: Stage 1 in time by quarter")
    assert texts(word)[position + 2] == "Table 2: Stage 1 complaints answered in time, by quarter"
    assert [c.text for c in word.tables[1].rows[1].cells] == ["Q1", "33"]


def test_narrative_markdown_becomes_word_formatting(word):
    paragraphs = word.paragraphs
    index = texts(word).index(
        "We listened to children and read the Ombudsman's guidance. A bad link stays text."
    )
    runs = {run.text: run for run in paragraphs[index].runs}
    assert runs["listened"].bold is True
    assert runs["children"].italic is True
    links = paragraphs[index]._p.findall(qn("w:hyperlink"))
    assert len(links) == 1
    rel = word.part.rels[links[0].get(qn("r:id"))]
    assert (rel.reltype, rel.target_ref, rel.is_external) == (
        HYPERLINK_RT,
        "https://www.lgo.org.uk",
        True,
    )
    assert [(p.style.name, p.text) for p in paragraphs[index + 1 : index + 7]] == [
        ("List Number", "First step"),
        ("List Number", "Second step"),
        ("List Bullet 2", "a detail"),
        ("Normal", "Then a second list:"),
        ("List Number", "Alpha"),
        ("List Number", "Beta"),
    ]
    assert ("Quote", "Nothing about us without us.") in [(p.style.name, p.text) for p in paragraphs]


def test_each_numbered_list_starts_again_at_one(word):
    numbered = [p for p in word.paragraphs if p.style.name == "List Number"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]
    assert ids[0] == ids[1] != ids[2] == ids[3]
    numbering = word.part.numbering_part.element
    for num_id in (ids[0], ids[2]):
        num = numbering.num_having_numId(num_id)
        start = num.find(qn("w:lvlOverride")).find(qn("w:startOverride"))
        assert start.get(qn("w:val")) == "1"


def test_the_annex_lists_the_withheld_counts_when_the_document_has_no_annex(word):
    assert [c.text for c in word.tables[-1].rows[1].cells] == [
        "Complaints received by service and stage",
        "Fostering",
        "Stage 1",
    ]


def test_headlines_come_first_when_there_is_no_summary_section():
    document = report(sections=[Section("volumes", "Volumes", blocks=[])], suppressions=[])
    word = open_docx(render(document))
    assert styled(word, "Heading") == [("Heading 1", "Executive summary"), ("Heading 1", "Volumes")]
    assert [p.text for p in word.paragraphs if style_name(p) == "List Bullet"] == [
        "Stage 1 complaints rose by 4.3% to 362."
    ]


def test_an_empty_table_says_there_is_nothing_to_show():
    empty = replace(QUARTERS, rows=())
    word = open_docx(render(report(sections=[Section("t", "Timeliness", blocks=[empty])])))
    assert [c.text for c in word.tables[0].rows[1].cells] == ["None in this period."] * 2


def test_document_properties_name_the_report_and_the_authority(word):
    properties = word.core_properties
    assert properties.title == "Annual complaints report 2021-22"
    assert properties.author == "Birmingham Children's Trust"
    assert properties.category == "Published"
    assert properties.created == datetime.datetime(2022, 5, 31, tzinfo=datetime.UTC)
    assert properties.language == "en-GB"


def test_the_same_report_gives_the_same_bytes(content):
    assert render(report()) == content


def test_a_row_of_the_wrong_width_is_refused_with_the_table_named():
    bad = replace(SERVICES, rows=((Cell("South"), Cell("34", 34)),), total=None)
    with pytest.raises(TableShapeError) as error:
        render(report(sections=[Section("volumes", "Volumes", blocks=[bad])]))
    assert str(error.value) == (
        "Table 'received.by_service' (Complaints received by service and stage): row 1 has 2 "
        "cells but the table has 3 columns."
    )


def test_a_chart_that_cannot_be_drawn_is_refused_with_the_chart_named():
    broken = ChartBlock(
        "broken", "Broken chart", {"mark": "nonsense", "data": {"values": []}}, "None"
    )
    with pytest.raises(ChartError, match=r"^The chart 'broken' \(Broken chart\) could not be"):
        render(report(sections=[Section("volumes", "Volumes", blocks=[broken])]))


def test_a_column_of_names_beside_one_of_sentences_is_not_squeezed_to_a_word_a_line():
    sentence = "Counts (Stage 1, Stage 2, Stage 3) for 19 services, among them " * 3
    columns = (Column("table", "Table"), Column("what", "What"), Column("n", "Figures", "count"))
    rows = tuple(
        (Cell(name), Cell(sentence), Cell("3", 3))
        for name in ("Complaints received by area and stage", "Informal feedback by theme")
    )
    table = TableBlock("annex", "Withheld", columns, rows)
    word = open_docx(render(report(sections=[Section("t", "T", blocks=[table])])))
    grid, _ = widths(word.tables[0])
    # Shared in proportion to their longest lines, the names would get a sixth of the room; they
    # get a quarter (half of an even share), and the sentences the rest.
    room = sum(grid) - grid[2]
    assert grid[0] == room // 4
    assert grid[1] == room - grid[0]
