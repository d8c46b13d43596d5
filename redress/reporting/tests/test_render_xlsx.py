"""The spreadsheet export: opened again with openpyxl, it has a Contents sheet linking to every
sheet, a Figures sheet with every scalar id, value and definition, and one sheet per figure table
holding real numbers and dates with Excel formats; withheld cells are empty with a note."""

from __future__ import annotations

import datetime
import io
import zipfile

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from redress.reporting.document.model import (
    Cell,
    Column,
    ReportDocument,
    Section,
    TableBlock,
)
from redress.reporting.figures import SCALARS, TABLES
from redress.reporting.periods import financial_year
from redress.reporting.publish import publish_figures
from redress.reporting.render import renderer
from redress.reporting.render.xlsx.columns import SheetColumn
from redress.reporting.render.xlsx.names import sheet_names

from .builders import AS_OF, FactsBuilder, compute

PERIOD = financial_year("2021-22")
NORTH, SOUTH = "North Safeguarding", "South Safeguarding"
HEADER_ROW = 8  # title, table id, period, as-of date, status, definition, a blank line


def facts() -> FactsBuilder:
    """Six stage 1s for North (one escalated), two for South, an Ombudsman enquiry, two
    payments, referrals and North's open cases."""
    b = FactsBuilder()
    outcomes = ["upheld", "not_upheld", "not_upheld", "partially_upheld", "withdrawn", None]
    for month, outcome in enumerate(outcomes, start=4):
        ref = b.stage1(
            f"2021-{month:02d}-12",
            responded=f"2021-{month:02d}-20" if outcome else None,
            outcome=outcome,
            service=NORTH,
            locality="North",
        )
    b.stage(ref.complaint_id, number=2, received="2021-10-01")
    for received in ("2021-05-04", "2021-11-15"):
        b.stage1(received, responded="2021-12-01", outcome="upheld", service=SOUTH)
    b.enquiry("2021-06-01", decided="2021-09-01", decision="fault_found", complaint_id=1)
    b.payment("2021-07-01", "1234.56", kind="investigating_officer", stage="2", complaint_id=1)
    b.payment("2021-08-01", "250.00", kind="compensation", stage="1", complaint_id=1)
    b.context_figure("2021-22", "referrals", 300)
    b.context_figure("2021-22", "open_cases", 600, service=NORTH)
    return b


def document(*, published: bool = False) -> ReportDocument:
    outcomes = TableBlock(
        "outcomes", "Outcomes", (Column("outcome", "Outcome"),), ((Cell("Upheld"),),)
    )
    return ReportDocument(
        title="Annual complaints report 2021-22",
        authority="Sandwell Children's Trust",
        period_label=PERIOD.label,
        period_start=PERIOD.start,
        period_end=PERIOD.end,
        as_of=AS_OF,
        service=None,
        published=published,
        sections=[Section("outcomes", "Outcomes", blocks=[outcomes])],
    )


@pytest.fixture(scope="module")
def figures(calendar):
    return compute(facts(), calendar)


@pytest.fixture(scope="module")
def content(figures) -> bytes:
    return renderer("xlsx")(document(), figures)


@pytest.fixture(scope="module")
def book(content) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


@pytest.fixture(scope="module")
def published_book(figures) -> Workbook:
    published = publish_figures(figures, threshold=5)
    return openpyxl.load_workbook(io.BytesIO(renderer("xlsx")(document(published=True), published)))


def row_values(sheet, row: int) -> list:
    return [c.value for c in sheet[row]]


def test_contents_first_then_figures_then_a_sheet_per_table(book, figures):
    assert book.sheetnames[:3] == ["Contents", "Figures", "Outcomes"]
    assert len(book.sheetnames) == 2 + len(figures.tables)
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert len({name.casefold() for name in book.sheetnames}) == len(book.sheetnames)
    tables = {book[name]["B2"].value for name in book.sheetnames[2:]}
    assert tables == set(figures.tables)


def test_the_contents_sheet_describes_the_report_and_links_to_every_sheet(book, figures):
    sheet = book["Contents"]
    assert sheet["A1"].value == "Annual complaints report 2021-22"
    assert row_values(sheet, 2)[:2] == ["Authority", "Sandwell Children's Trust"]
    assert row_values(sheet, 3)[:2] == ["Covers", "The whole authority"]
    assert row_values(sheet, 4)[:2] == ["Period", "2021-22: 1 April 2021 to 31 March 2022"]
    assert row_values(sheet, 5)[:2] == ["Figures as at", datetime.datetime(2022, 5, 31)]
    assert row_values(sheet, 8) == ["Sheet", "What it shows", "Table id", "Rows"]
    assert row_values(sheet, 9) == [
        "Figures",
        "Every figure: its id, value and definition",
        None,
        len(figures.figures),
    ]
    assert row_values(sheet, 10) == ["Outcomes", "Outcomes of complaints by stage", "outcomes", 21]
    listed = [sheet.cell(row, 1) for row in range(9, 9 + len(book.sheetnames) - 1)]
    assert [c.value for c in listed] == book.sheetnames[1:]
    quoted = [n.replace("'", "''") for n in book.sheetnames[1:]]
    assert [c.hyperlink.location for c in listed] == [f"'{n}'!A1" for n in quoted]
    assert "'Children''s themes'!A1" in [c.hyperlink.location for c in listed]


def test_a_table_sheet_says_what_it_is_above_a_bold_frozen_header(book):
    sheet = book["Received by service"]
    assert [row_values(sheet, r)[:2] for r in range(1, 7)] == [
        ["Complaints received by service and stage", None],
        ["Table id", "received.by_service"],
        ["Period", "2021-22: 1 April 2021 to 31 March 2022"],
        ["Figures as at", datetime.datetime(2022, 5, 31)],
        ["Status", "Internal: not for publication. Every figure is shown."],
        ["Definition", TABLES["received.by_service"].definition],
    ]
    assert sheet["B4"].number_format == "d mmmm yyyy"
    assert row_values(sheet, HEADER_ROW) == ["Service", "Stage 1", "Stage 2", "Stage 3"]
    assert all(c.font.bold for c in sheet[HEADER_ROW])
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert row_values(sheet, HEADER_ROW + 1) == [NORTH, 6, 1, 0]
    assert row_values(sheet, HEADER_ROW + 2) == [SOUTH, 2, 0, 0]
    assert sheet.column_dimensions["A"].width == len(NORTH) + 2


def test_counts_and_percentages_are_numbers_with_formats_and_codes_read_as_words(book):
    sheet = book["Outcomes"]
    assert row_values(sheet, HEADER_ROW) == ["Stage", "Outcome", "Number", "Percentage"]
    first = sheet[HEADER_ROW + 1]
    # 3 of 8 upheld: the figure 37.5 is stored as the fraction and shown as 37.5%.
    assert [c.value for c in first] == ["Stage 1", "Upheld", 3, 0.375]
    assert isinstance(first[2].value, int)
    assert [c.number_format for c in first[2:]] == ["#,##0", "0.0%"]
    # Stage 3 received nothing: its percentages cannot be computed and the cells stay empty.
    assert row_values(sheet, HEADER_ROW + 15) == ["Stage 3", "Upheld", 0, None]


def test_rows_are_named_in_the_report_s_words(book):
    """As the report and its annex name them: an area table's TOTAL row "All areas", each
    survey's questions in its own words (the closing-the-loop questions share a code, not the
    words); a month is a date, so the sheet sorts and charts by it, shown "June 2021"."""
    areas = book["Stage 1 times by area"]
    assert row_values(areas, HEADER_ROW + 7) == ["All areas", "0-10 working days", 4, 0.667]
    survey = book["Survey answers"]
    assert [survey.cell(HEADER_ROW + r, 1).value for r in (1, 2)] == [
        "Did we listen to you?",
        "Did you understand the outcome of your complaint?",
    ]
    months = book["Stage 1 by month"]
    june = next(r for r in months.iter_rows() if r[0].value == datetime.datetime(2021, 6, 1))
    assert (june[0].number_format, june[1].value) == ("mmmm yyyy", 1)
    assert months.column_dimensions["A"].width >= len("September 2021") + 2
    # A repeat complainant's number of complaints stays as the report's table has it, under a
    # heading that says what it counts.
    repeat = book["Repeat complainants"]
    assert row_values(repeat, HEADER_ROW) == ["Stage 1 complaints", "People"]
    assert [repeat.cell(HEADER_ROW + r, 1).value for r in (1, 2, 3)] == ["2", "3", "4+"]


def test_ratios_keep_two_decimal_places(book):
    sheet = book["Stage 1 to open cases"]
    cell = sheet.cell(HEADER_ROW + 1, 4)
    # 6 complaints to 600 open cases: 1.00%.
    assert (cell.value, cell.number_format) == (0.01, "0.00%")


def test_a_percentage_is_the_figure_over_100_with_the_figure_s_digits():
    column = SheetColumn("pct", "Percentage", "pct", 1)
    assert column.number_format == "0.0%"
    # 14.3 / 100 in floats is 0.14300000000000002.
    assert [column.cell_value(v) for v in (13.3, 14.3, 66.7, 100.0, 0, -20.0)] == [
        0.133,
        0.143,
        0.667,
        1.0,
        0.0,
        -0.2,
    ]
    assert column.cell_value(None) is None
    assert SheetColumn("pct", "Percentage", "pct", 2).number_format == "0.00%"
    assert SheetColumn("average", "Average", "days", 2).number_format == "0.00"


def test_money_is_pounds_and_pennies_with_a_pound_format(book):
    sheet = book["Costs"]
    assert row_values(sheet, HEADER_ROW) == ["Kind", "Stage", "Amount", "Previous year"]
    row = sheet[HEADER_ROW + 1]
    assert [c.value for c in row] == ["Investigating officer", "Stage 2", 1234.56, 0]
    assert [c.number_format for c in row[2:]] == ["£#,##0.00", "£#,##0.00"]
    assert row_values(sheet, HEADER_ROW + 5)[:3] == [
        "Compensation or financial remedy",
        "Stage 1",
        250,
    ]


def test_dates_are_dates(book):
    sheet = book["Ombudsman enquiries"]
    row = sheet[HEADER_ROW + 1]
    assert [c.value for c in row] == [
        "Enquiry 1",
        datetime.datetime(2021, 6, 1),
        "Investigated: fault found",
    ]
    assert row[1].number_format == "d mmm yyyy"


def test_a_table_with_no_rows_keeps_its_columns_and_says_so(book):
    sheet = book["Themes"]
    assert row_values(sheet, HEADER_ROW) == ["Theme", "Number", "Upheld or partially upheld"]
    assert sheet.cell(HEADER_ROW + 1, 1).value == "No rows for this period."


def test_the_figures_sheet_lists_every_scalar_with_its_value_and_definition(book, figures):
    sheet = book["Figures"]
    assert row_values(sheet, 6) == ["Figure id", "Value", "Definition", "Note"]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=7, max_row=6 + len(figures.figures))}
    assert list(rows) == list(figures.figures)
    received = rows["received.stage1"]
    assert [c.value for c in received[:3]] == [
        "received.stage1",
        8,
        SCALARS["received.stage1"].definition,
    ]
    assert received[1].number_format == "#,##0"
    assert SCALARS["received.stage1"].definition == "stage 1 records received in the period"
    ratio = rows["ratio.stage1_to_referrals.pct"][1]
    assert (ratio.value, ratio.number_format) == (0.0267, "0.00%")
    upheld = rows["outcome.stage1.upheld.pct"][1]
    assert (upheld.value, upheld.number_format) == (0.375, "0.0%")
    money = rows["costs.stage2.investigating_officer"][1]
    assert (money.value, money.number_format) == (1234.56, "£#,##0.00")
    average = rows["timeliness.stage1.average_working_days"][1]
    assert (average.value, average.number_format) == (30.5, "0.00")
    previous = rows["received.stage1.previous"]
    assert previous[1].value == 0
    assert previous[2].value == (
        "The previous period's value of received.stage1: stage 1 records received in the period"
    )
    change = rows["received.stage1.change_pct"]
    assert change[1].value is None
    assert change[2].value.startswith("% change in received.stage1 from the previous period")
    assert change[3].value == "No value: it cannot be computed (e.g. a change from zero)."


def test_a_published_workbook_leaves_withheld_cells_empty_with_a_note(published_book, book):
    sheet = published_book["Received by service"]
    assert row_values(sheet, 5)[1] == (
        "Published: counts that could identify a child are withheld (empty cells noted "
        "“fewer than 5”)."
    )
    assert row_values(sheet, HEADER_ROW + 2) == [SOUTH, None, 0, 0]
    withheld = sheet.cell(HEADER_ROW + 2, 2)
    assert withheld.comment.text == "fewer than 5"
    assert withheld.fill.fgColor.rgb.endswith("F3F2F1")
    assert sheet.cell(HEADER_ROW + 2, 3).comment is None
    # The internal workbook shows the count.
    assert book["Received by service"].cell(HEADER_ROW + 2, 2).value == 2


def test_a_withheld_percentage_is_empty_with_a_note(published_book, book):
    # North's 4 stage 1s answered in 0-10 working days: the count and the 100% that gives it
    # back are withheld; the internal workbook shows them.
    row = HEADER_ROW + 4
    published = published_book["Stage 1 times by area"]
    assert row_values(published, row) == ["North", "0-10 working days", None, None]
    assert published.cell(row, 4).comment.text == "fewer than 5"
    assert row_values(book["Stage 1 times by area"], row) == ["North", "0-10 working days", 4, 1]


def test_the_same_figures_give_the_same_bytes(content, figures):
    assert renderer("xlsx")(document(), figures) == content
    package = zipfile.ZipFile(io.BytesIO(content))
    assert {i.date_time for i in package.infolist()} == {(2022, 5, 31, 0, 0, 0)}
    assert b"2022-05-31T00:00:00Z" in package.read("docProps/core.xml")


def test_workbook_properties_name_the_authority(book):
    assert book.properties.creator == "Sandwell Children's Trust"
    assert book.properties.title == "Annual complaints report 2021-22: figures"


def test_sheet_names_are_short_unique_and_safe():
    names = sheet_names(
        [
            "outcomes",
            "complaints.by_team_and_month_and_whatever_else",
            "complaints.by_team_and_month_and_whatever_other",
            "contents",
            "odd/name[1]",
        ]
    )
    assert names == {
        "outcomes": "Outcomes",
        "complaints.by_team_and_month_and_whatever_else": "Complaints by team and month an",
        "complaints.by_team_and_month_and_whatever_other": "Complaints by team and mont (2)",
        "contents": "Contents (2)",
        "odd/name[1]": "Odd-name-1-",
    }


def test_last_years_columns_have_headings_in_words():
    from redress.reporting.document.labels import column_label

    assert column_label("previous") == "Previous year"
    assert column_label("previous_pct") == "Percentage, previous year"
