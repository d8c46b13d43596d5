"""Cell parsers of the redress.import/1 format."""

import datetime
from decimal import Decimal

import pytest

from redress.imports.format import (
    SHEETS,
    CellError,
    amount,
    code,
    date,
    period,
    period_dates,
    stage_number,
    text,
    yes_no,
)


def test_dates_are_iso_and_real():
    assert date("2021-04-01") == datetime.date(2021, 4, 1)
    for bad in ("2021-13-01", "2021-02-30", "01/04/2021", "20210401", "2021-4-1"):
        with pytest.raises(CellError, match=r"^not a date in the form YYYY-MM-DD$"):
            date(bad)


def test_codes_are_case_insensitive():
    parse = code(["online_form", "email"])
    assert parse("Online_Form") == "online_form"
    with pytest.raises(CellError, match=r"^not one of online_form, email$"):
        parse("online form")


def test_yes_no():
    assert (yes_no("YES"), yes_no("no")) == (True, False)
    with pytest.raises(CellError, match=r"^not yes or no$"):
        yes_no("y")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("100", Decimal("100.00")),
        ("0.5", Decimal("0.50")),
        ("1234567890.99", Decimal("1234567890.99")),
    ],
)
def test_money(value, expected):
    assert amount(12)(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("£5", "no symbol or commas"),
        ("5 GBP", "no symbol or commas"),
        ("1,000", "no symbol or commas"),
        ("5.555", "more than two decimal places"),
        ("-5", "must not be negative"),
        ("12345678901", "too large: at most 10 digits before the point"),
    ],
)
def test_bad_money(value, reason):
    with pytest.raises(CellError, match=reason):
        amount(12)(value)


def test_stage_numbers_and_text_lengths():
    assert stage_number("3") == 3
    with pytest.raises(CellError, match=r"^not a stage: 1, 2 or 3$"):
        stage_number("4")
    with pytest.raises(CellError, match=r"^longer than 5 characters$"):
        text(5)("abcdef")


def test_periods_are_financial_years():
    assert period("2021-22") == "2021-22"
    assert period("1999-00") == "1999-00"
    assert period_dates("2021-22") == (datetime.date(2021, 4, 1), datetime.date(2022, 3, 31))
    for bad in ("2021-23", "2021/22", "21-22"):
        with pytest.raises(CellError, match=r"^not a financial year in the form 2021-22$"):
            period(bad)


def test_only_complaints_and_stages_are_required_sheets():
    assert [name for name, sheet in SHEETS.items() if sheet.required] == ["complaints", "stages"]
    assert SHEETS["complaints"].required_names == [
        "reference",
        "received_date",
        "procedure",
        "service_area",
    ]
