"""Reporting periods: financial years, quarters, months, arbitrary ranges and the previous
period (the same range one year earlier, FIGURES.md)."""

import datetime

import pytest

from redress.reporting.periods import (
    Period,
    financial_year,
    financial_year_of,
    last_complete_financial_year,
    make_period,
    quarter_of,
)

d = datetime.date.fromisoformat


def test_a_financial_year_runs_from_1_april_to_31_march():
    year = financial_year("2021-22")
    assert (year.start, year.end, year.label) == (d("2021-04-01"), d("2022-03-31"), "2021-22")
    assert financial_year(2021) == year
    assert financial_year(" 2021-22 ") == year
    assert financial_year(1999).label == "1999-00"
    assert year.is_financial_year
    assert year.as_json() == {"label": "2021-22", "start": "2021-04-01", "end": "2022-03-31"}


@pytest.mark.parametrize("label", ["2021", "2021-23", "21-22", "2021/22", "next year", ""])
def test_a_label_that_is_not_a_financial_year_is_refused_by_name(label):
    with pytest.raises(ValueError, match=f"'{label}' is not a financial year such as 2021-22"):
        financial_year(label)


def test_the_previous_period_is_the_same_range_one_year_earlier():
    assert financial_year("2021-22").previous == financial_year("2020-21")
    assert financial_year("2021-22").previous.previous.label == "2019-20"
    quarter = make_period(d("2021-07-01"), d("2021-09-30"))
    assert quarter.previous == Period(d("2020-07-01"), d("2020-09-30"), "2020-21 Q2")
    month = make_period(d("2022-02-01"), d("2022-02-28"))
    assert month.previous == Period(d("2021-02-01"), d("2021-02-28"), "2021-02")


def test_a_previous_period_from_a_leap_day_ends_on_28_february():
    span = make_period(d("2023-03-01"), d("2024-02-29"))
    assert (span.previous.start, span.previous.end) == (d("2022-03-01"), d("2023-02-28"))


def test_quarters_of_a_financial_year_start_in_april():
    quarters = financial_year("2021-22").quarters()
    assert [(q.label, q.start, q.end) for q in quarters] == [
        ("Q1", d("2021-04-01"), d("2021-06-30")),
        ("Q2", d("2021-07-01"), d("2021-09-30")),
        ("Q3", d("2021-10-01"), d("2021-12-31")),
        ("Q4", d("2022-01-01"), d("2022-03-31")),
    ]


def test_months_are_clipped_to_the_period():
    span = make_period(d("2021-04-15"), d("2021-06-10"))
    assert [(m.label, m.start, m.end) for m in span.months()] == [
        ("2021-04", d("2021-04-15"), d("2021-04-30")),
        ("2021-05", d("2021-05-01"), d("2021-05-31")),
        ("2021-06", d("2021-06-01"), d("2021-06-10")),
    ]
    assert len(financial_year("2021-22").months()) == 12


def test_make_period_gives_the_most_natural_label():
    assert make_period(d("2021-04-01"), d("2022-03-31")).label == "2021-22"
    assert make_period(d("2022-01-01"), d("2022-03-31")).label == "2021-22 Q4"
    assert make_period(d("2021-04-01"), d("2021-06-30")).label == "2021-22 Q1"
    assert make_period(d("2021-12-01"), d("2021-12-31")).label == "2021-12"
    assert make_period(d("2021-12-01"), d("2021-12-30")).label == "2021-12-01 to 2021-12-30"
    assert not make_period(d("2021-12-01"), d("2021-12-31")).is_financial_year


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match=r"ends \(2021-03-31\) before it starts \(2021-04-01\)"):
        make_period(d("2021-04-01"), d("2021-03-31"))


def test_a_period_contains_its_first_and_last_days_only():
    year = financial_year("2021-22")
    assert d("2021-04-01") in year
    assert d("2022-03-31") in year
    assert d("2021-03-31") not in year
    assert d("2022-04-01") not in year
    assert "2021-06-01" not in year


def test_the_financial_year_and_quarter_of_a_day():
    assert financial_year_of(d("2022-03-31")).label == "2021-22"
    assert financial_year_of(d("2022-04-01")).label == "2022-23"
    assert [quarter_of(d(f"2021-{m:02d}-15")) for m in (4, 6, 7, 9, 10, 12)] == [
        "Q1",
        "Q1",
        "Q2",
        "Q2",
        "Q3",
        "Q3",
    ]
    assert [quarter_of(d(f"2022-{m:02d}-15")) for m in (1, 3)] == ["Q4", "Q4"]


def test_the_last_complete_financial_year():
    assert last_complete_financial_year(d("2022-05-31")).label == "2021-22"
    assert last_complete_financial_year(d("2022-04-01")).label == "2021-22"
    assert last_complete_financial_year(d("2022-03-31")).label == "2020-21"
