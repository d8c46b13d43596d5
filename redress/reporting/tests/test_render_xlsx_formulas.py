"""Formula injection (issue 8, point 5): a service area named like a formula is text in the report
spreadsheet, never a formula Excel would run; numbers stay numbers."""

from __future__ import annotations

import dataclasses
import io

import openpyxl
import pytest

from redress.reporting.render import renderer

from .builders import FactsBuilder, compute
from .test_render_xlsx import document

HOSTILE = "=cmd|' /C calc'!A0"
OTHERS = ("+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)")


@pytest.fixture(scope="module")
def book(calendar):
    b = FactsBuilder()
    for service in (HOSTILE, *OTHERS):
        b.stage1("2021-05-04", responded="2021-05-20", outcome="upheld", service=service)
    for received in ("2020-05-04", "2020-06-04", "2020-07-04", "2020-08-04", "2020-09-04"):
        b.stage1(received, service="Fostering")  # more the year before: a fall, a negative %
    figures = compute(b, calendar)
    report = dataclasses.replace(document(), service=HOSTILE)
    return openpyxl.load_workbook(io.BytesIO(renderer("xlsx")(report, figures)))


def _cells(book):
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_no_cell_of_the_report_spreadsheet_is_a_formula(book):
    assert [c.coordinate for c in _cells(book) if c.data_type == "f"] == []


def test_a_service_named_like_a_formula_is_text_shown_exactly(book):
    sheet = book["Received by service"]
    texts = {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}
    for name in (HOSTILE, *OTHERS):
        cell = texts[name]
        assert (cell.data_type, cell.quotePrefix) == ("s", True), name
    header = book["Contents"]["B3"]  # the report's service, in the header block
    assert (header.value, header.data_type, header.quotePrefix) == (HOSTILE, "s", True)


def test_negative_numbers_stay_numbers(book):
    values = [c for c in _cells(book) if isinstance(c.value, int | float) and c.value < 0]
    assert values, "the fall from the year before gives a negative % change"
    assert {c.data_type for c in values} == {"n"}
    assert not any(c.quotePrefix for c in values)
    # Four stage 1s against five the year before: a fall of 20%, stored as the fraction.
    change = next(
        row[1]
        for row in book["Figures"].iter_rows(min_row=7, max_col=2)
        if row[0].value == "received.stage1.change_pct"
    )
    assert (change.value, change.data_type, change.number_format) == (-0.2, "n", "0.0%")
