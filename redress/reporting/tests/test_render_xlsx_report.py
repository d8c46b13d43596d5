"""The spreadsheet of real reports: a small authority's records (the casebook, through
`generate_report`) and the demo year (the Birmingham 2021-22 report reproduced)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from redress.reporting import services
from redress.reporting.document.build import build_document
from redress.reporting.figures import ReportSettings, compute_figures
from redress.reporting.periods import financial_year
from redress.reporting.render import renderer

from .builders.published import birmingham_facts
from .casebook import AS_OF, build_casebook

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
def demo_book(django_db_setup, django_db_blocker):
    """The demo year's internal workbook."""
    settings = ReportSettings(stage2_average_cost=Decimal("3500.00"), suppression_threshold=5)
    with django_db_blocker.unblock():
        facts = birmingham_facts()
        figures = compute_figures(facts=facts, period=YEAR, settings=settings)
        document = build_document(
            figures=figures,
            authority="Kingsmoor Children's Trust",
            service=None,
            narratives={},
            settings=settings,
            facts=facts,
        )
    content = renderer("xlsx")(document, figures)
    return openpyxl.load_workbook(io.BytesIO(content)), figures


def test_the_demo_year_workbook_has_a_sheet_per_table_in_report_order(demo_book):
    book, figures = demo_book
    assert len(book.sheetnames) == 2 + len(figures.tables)
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
