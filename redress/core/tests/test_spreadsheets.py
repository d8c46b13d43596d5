"""The one rule for text a spreadsheet would run as a formula (issue 8, point 5)."""

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from redress.core.spreadsheets import (
    FORMULA_STARTS,
    csv_text,
    csv_text_read,
    inert_cell,
    is_formula_like,
    xlsx_value,
)

HOSTILE = "=cmd|' /C calc'!A0"
# Text made mostly of the characters that matter, so the edge cases come up often.
TEXTS = st.text(alphabet=st.sampled_from(["'", "=", "+", "-", "@", "\t", "\r", "a", " ", "1"]))


def test_every_formula_start_is_escaped_in_csv():
    assert [csv_text(s + "x") for s in FORMULA_STARTS] == ["'" + s + "x" for s in FORMULA_STARTS]
    assert csv_text(HOSTILE) == "'" + HOSTILE


def test_other_text_and_every_non_text_value_is_left_alone():
    assert csv_text("Fostering") == "Fostering"
    assert csv_text("'tis") == "'tis"
    assert csv_text("") == ""
    for value in (-5, -1.5, Decimal("-2.50"), datetime.date(2021, 4, 1), None):
        assert csv_text(value) == value
        assert not is_formula_like(value)


def test_apostrophes_before_a_formula_start_get_one_more():
    assert csv_text("'=x") == "''=x"
    assert csv_text_read("''=x") == "'=x"
    assert csv_text_read("'tis") == "'tis"


@given(TEXTS)
def test_reading_back_gives_exactly_the_text_written(text):
    assert csv_text_read(csv_text(text)) == text


@given(TEXTS)
def test_nothing_written_starts_like_a_formula(text):
    assert not csv_text(text).startswith(FORMULA_STARTS)


def test_a_workbook_cell_holds_the_text_as_text():
    sheet = Workbook().active
    cell = inert_cell(sheet.cell(1, 1, HOSTILE))
    assert (cell.value, cell.data_type, cell.quotePrefix) == (HOSTILE, "s", True)
    number = inert_cell(sheet.cell(2, 1, -5))
    assert (number.value, number.data_type, number.quotePrefix) == (-5, "n", False)


def test_a_write_only_cell_too():
    sheet = Workbook(write_only=True).create_sheet("x")
    cell = xlsx_value(sheet, "@SUM(1)")
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("@SUM(1)", "s", True)
    assert xlsx_value(sheet, -5) == -5
    assert xlsx_value(sheet, "Fostering") == "Fostering"
