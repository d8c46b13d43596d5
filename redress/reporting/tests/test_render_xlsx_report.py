"""The spreadsheet of real reports: a small authority's records (the casebook, through
`generate_report`) and the demo year (the Birmingham 2021-22 report reproduced)."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest

from redress.reporting import services
from redress.reporting.document.model import TableBlock
from redress.reporting.periods import financial_year
from redress.reporting.render import renderer
from redress.reporting.render.xlsx.sheets import GROUP

from .casebook import AS_OF, build_casebook
from .document_fixtures import demo_year_document

# The demo year's module fixtures import into the test database: these tests run with the
# database tests, before any transactional test empties it (builders/published.py).
pytestmark = pytest.mark.django_db

YEAR = financial_year("2021-22")
HEADER_ROW = 8


def figure_values(book) -> dict:
    sheet = book["Figures"]
    return {row[0]: row[1] for row in sheet.iter_rows(min_row=7, max_col=2, values_only=True)}


@pytest.mark.django_db
def test_the_published_casebook_workbook():
    build_casebook()
    output = services.generate_report(period=YEAR, as_of=AS_OF, fmt="xlsx", publish=True)
    assert output.filename == "complaints-report-2021-22-published.xlsx"
    assert output.content_type == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = openpyxl.load_workbook(io.BytesIO(output.content))
    assert book.sheetnames[:2] == ["Contents", "Figures"]
    assert figure_values(book)["received.stage1"] == 6
    assert figure_values(book)["compensation.stage1"] == 250
    sheet = book["Received by service"]
    assert [c.value for c in sheet[HEADER_ROW]] == ["Service", "Stage 1", "Stage 2", "Stage 3"]
    # South had 3 stage 1s and 1 stage 2: fewer than 5, so withheld, with a note.
    south = sheet[HEADER_ROW + 1]
    assert [c.value for c in south] == ["South Safeguarding", None, None, 0]
    note = south[1].comment
    assert note is not None
    assert note.text == "fewer than 5"


@pytest.fixture(scope="module")
def demo_books(django_db_setup, django_db_blocker):
    """The demo year's internal and published workbooks, with the documents they come from."""
    books = {}
    with django_db_blocker.unblock():
        for name, published in (("internal", False), ("published", True)):
            document, figures = demo_year_document(published=published)
            content = renderer("xlsx")(document, figures)
            books[name] = (openpyxl.load_workbook(io.BytesIO(content)), figures, document)
    return books


@pytest.fixture(scope="module")
def demo_book(demo_books):
    """The demo year's internal workbook."""
    book, figures, _ = demo_books["internal"]
    return book, figures


def test_the_demo_year_workbook_has_a_sheet_per_table_in_report_order(demo_book):
    book, figures = demo_book
    assert len(book.sheetnames) == 2 + len(figures.tables)  # no annex in the internal report
    # The report opens with the volumes: the by-year table is among the first sheets.
    assert book.sheetnames.index("Received by year") < book.sheetnames.index("Costs")
    contents = book["Contents"]
    assert contents["B2"].value == "Kingsmoor Children's Trust"


def test_the_demo_year_workbook_holds_the_published_numbers(demo_book):
    book, _ = demo_book
    values = figure_values(book)
    assert values["received.stage1"] == 362
    assert values["received.stage1.change_pct"] == 0.168
    assert values["compensation.total"] == 7089
    # Percentages are fractions shown as percentages: 13.3% of stage 1s upheld is 0.133.
    cells = {row[0].value: row[1] for row in book["Figures"].iter_rows(min_row=7, max_col=2)}
    for figure_id, value in (
        ("outcome.stage1.upheld.pct", 0.133),
        ("outcome.stage3.not_upheld.pct", 0.143),
        ("responses.stage1.within_maximum.pct", 0.534),
        # A previous period's percentage is shown as a percentage too.
        ("escalation.stage1_to_stage2.pct.previous", 0.152),
    ):
        assert (cells[figure_id].value, cells[figure_id].number_format) == (value, "0.0%")
    ratio = cells["ratio.stage1_to_referrals.pct"]
    assert (ratio.value, ratio.number_format) == (0.0232, "0.00%")
    outcomes = book["Outcomes"]
    assert [c.value for c in outcomes[HEADER_ROW + 1]] == [
        "Stage 1",
        "Upheld",
        48,
        0.133,
    ]
    assert [c.number_format for c in outcomes[HEADER_ROW + 1][2:]] == ["#,##0", "0.0%"]
    by_year = book["Received by year"]
    rows = list(by_year.iter_rows(min_row=HEADER_ROW, values_only=True))
    assert rows[0] == ("Year", "Stage 1", "Stage 2", "Stage 3")
    assert rows[-1] == ("2021-22", 362, 50, 14)
    enquiries = book["Ombudsman enquiries"]
    first = enquiries.cell(HEADER_ROW + 1, 2)
    assert isinstance(first.value, datetime.datetime)
    assert first.number_format == "d mmm yyyy"


def _table_rows(sheet, first_header: str) -> list[tuple]:
    """The cells of the table whose header row starts with `first_header`, header first."""
    rows = list(sheet.iter_rows())
    start = next(i for i, row in enumerate(rows) if row[0].value == first_header)
    return [tuple(row) for row in rows[start:]]


def _look(row) -> tuple[bool, str | None, str | None]:
    """How a row looks: all bold, its fill colour, its top border's style."""
    fill = row[0].fill.fgColor.rgb if row[0].fill.fill_type == "solid" else None
    return (all(c.font.bold for c in row), fill, row[0].border.top.style)


GROUP_LOOK = (True, f"00{GROUP.fgColor.rgb[-6:]}", None)
TOTAL_LOOK = (True, None, "medium")
PLAIN_LOOK = (False, None, None)


def _grouped_block(document, key: str) -> TableBlock:
    return next(
        b for s in document.sections for b in s.blocks if isinstance(b, TableBlock) and b.key == key
    )


@pytest.mark.parametrize("report", ["internal", "published"])
def test_appendix_b_is_grouped_in_its_sheet_as_in_the_pdf(demo_books, report):
    book, _, document = demo_books[report]
    block = _grouped_block(document, "aspects.stage1.by_subcategory")
    sheet = book["Reasons by sub-category"]
    about = {row[0]: row[1] for row in sheet.iter_rows(max_row=8, max_col=2, values_only=True)}
    assert about["Laid out"].startswith("As in the report: each group's rows under its heading")
    rows = _table_rows(sheet, "Category and sub-category")
    assert [c.value for c in rows[0]] == ["Category and sub-category", "Reasons"]
    body = rows[1:]
    assert len(body) == len(block.rows) + 1  # and the total of all categories
    group_total = 0
    for index, (cells, row) in enumerate(zip(block.rows, body, strict=False)):
        kind = block.kind_of_row(index)
        assert row[0].value == cells[0].text
        if kind == "group":
            assert _look(row) == GROUP_LOOK, row[0].value
            assert row[1].value is None
            group_total = 0
        elif kind == "subtotal":
            assert _look(row) == TOTAL_LOOK, row[0].value
            # Every sub-category's count is shown (reasons identify no one), and they add up.
            assert row[1].value == group_total, row[0].value
        else:
            assert _look(row) == PLAIN_LOOK, row[0].value
            assert isinstance(row[1].value, int)
            group_total += row[1].value
        if kind != "group":
            assert row[1].number_format == "#,##0"
    total = body[-1]
    assert [c.value for c in total] == ["All categories", 1018]
    assert _look(total) == TOTAL_LOOK
    assert total[1].number_format == "#,##0"


def test_the_published_workbook_has_the_annex_grouped_by_section(demo_books):
    book, _, document = demo_books["published"]
    block = _grouped_block(document, "suppressions")
    assert book.sheetnames[-1] == "Withheld figures"
    contents = {row[0]: row for row in book["Contents"].iter_rows(values_only=True)}
    assert contents["Withheld figures"][3] == len(document.suppressions)
    rows = _table_rows(book["Withheld figures"], "Table")
    assert [c.value for c in rows[0]] == ["Table", "What was withheld", "Figures"]
    body = rows[1:]
    assert len(body) == len(block.rows) + 1
    for index, (cells, row) in enumerate(zip(block.rows, body, strict=False)):
        if block.kind_of_row(index) == "group":
            assert _look(row) == GROUP_LOOK, row[0].value
            assert (row[0].value, row[1].value, row[2].value) == (cells[0].text, None, None)
        else:
            assert _look(row) == PLAIN_LOOK, row[0].value
            assert (row[0].value, row[1].value) == (cells[0].text, cells[1].text)
            # The sentence saying what was withheld wraps when it is long.
            assert bool(row[1].alignment.wrap_text) == (len(cells[1].text) > 60)
            assert isinstance(row[2].value, int)
            assert row[2].number_format == "#,##0"
    total = body[-1]
    assert [c.value for c in total] == ["All tables", None, len(document.suppressions)]
    assert _look(total) == TOTAL_LOOK
    assert sum(row[2].value for row in body[:-1] if row[2].value) == total[2].value
