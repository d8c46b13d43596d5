"""Trends: stage 1 over the report's year and the three before it, as the published Sandwell
report shows them (/work/shared/reference/annual-report-sandwell-2021-22.txt, Table 1: stage 1
complaints received and upheld or partly upheld, 2018/19 to 2021/22; Table 9: the % answered
within timescale, "76% … 84% … 71% … 50%"). Each row is that year's own figures, so the report
year's row is its headline figures."""

import datetime

import pytest

from redress.reporting.figures import compute_figures
from redress.reporting.periods import financial_year, make_period

from .builders import FactsBuilder, compute, covers, expect_table

# Sandwell, Table 1 and Table 9: received, upheld or partly upheld, and answered within the
# timescale. The report prints whole percentages; the in-time counts are the nearest whole
# numbers that give them (156 of 205 is Table 8's total).
SANDWELL = {
    "2018-19": (263, 144, 132),  # 55% upheld; "just 50%" in time (132 of 263 is 50.2%)
    "2019-20": (270, 198, 192),  # 73%; 71%
    "2020-21": (213, 134, 179),  # 63%; 84%
    "2021-22": (205, 135, 156),  # 66%; 76%
}


def sandwell(calendar) -> FactsBuilder:
    """Each year's stage 1 complaints, all answered within the year: the in-time ones after 5
    working days (within the statutory 10), the late ones alternately after 15 (late, but
    within the maximum of 20) and after 25 (beyond it)."""
    b = FactsBuilder()
    for label, (count, upheld, in_time) in SANDWELL.items():
        start = financial_year(label).start + datetime.timedelta(days=14)
        for i in range(count):
            received = start + datetime.timedelta(days=i % 200)
            late = i - in_time
            taken = 5 if late < 0 else (15 if late % 2 == 0 else 25)
            outcome = ("upheld" if i % 2 else "partially_upheld") if i < upheld else "not_upheld"
            b.stage1(received, responded=calendar.due_date(received, taken), outcome=outcome)
    return b


@pytest.fixture(scope="module")
def built(calendar):
    return sandwell(calendar).build(calendar)


@pytest.fixture(scope="module")
def figures(built):
    return compute_figures(facts=built, period=financial_year("2021-22"), keep_evidence=True)


@covers(tables=["trend.stage1.by_year"])
def test_received_upheld_and_in_time_over_four_years(figures):
    # Averages worked by hand: 2018-19 has 131 late, 66 after 15 and 65 after 25 working days:
    # (132 × 5 + 66 × 15 + 65 × 25) ÷ 263 = 3,275 ÷ 263 = 12.45. 2019-20: 2,520 ÷ 270 = 9.33;
    # 2020-21: 1,575 ÷ 213 = 7.39; 2021-22: (780 + 25 × 15 + 24 × 25) ÷ 205 = 8.56.
    expect_table(
        figures,
        "trend.stage1.by_year",
        [
            row("2018-19", 263, 144, 54.8, 263, 132, 50.2, 12.45),
            row("2019-20", 270, 198, 73.3, 270, 192, 71.1, 9.33),
            row("2020-21", 213, 134, 62.9, 213, 179, 84.0, 7.39),
            row("2021-22", 205, 135, 65.9, 205, 156, 76.1, 8.56),
        ],
    )


def row(year, received, upheld, upheld_pct, answered, in_time, in_time_pct, average):
    return {
        "year": year,
        "received": received,
        "upheld_or_partially": upheld,
        "upheld_or_partially_pct": upheld_pct,
        "answered": answered,
        "in_time": in_time,
        "in_time_pct": in_time_pct,
        "average_working_days": average,
    }


def responses(year, count, in_time, in_time_pct, average):
    return {
        "year": year,
        "responses": count,
        "in_time": in_time,
        "in_time_pct": in_time_pct,
        "average_working_days": average,
    }


@covers(tables=["trend.stage1.responses.by_year"])
def test_responses_in_time_against_the_maximum_over_four_years(figures):
    # Against the maximum of 20 working days the late ones after 15 days are in time: 2018-19
    # 132 + 66 = 198 of 263; 2019-20 192 + 39; 2020-21 179 + 17; 2021-22 156 + 25.
    expect_table(
        figures,
        "trend.stage1.responses.by_year",
        [
            responses("2018-19", 263, 198, 75.3, 12.45),
            responses("2019-20", 270, 231, 85.6, 9.33),
            responses("2020-21", 213, 196, 92.0, 7.39),
            responses("2021-22", 205, 181, 88.3, 8.56),
        ],
    )


def test_every_row_is_that_year_s_own_headline_figures(built, figures):
    """The report year's row equals its headline figures, and each earlier row the figures of
    a report for that year."""
    for row_, answers in zip(
        figures.tables["trend.stage1.by_year"],
        figures.tables["trend.stage1.responses.by_year"],
        strict=True,
    ):
        label = row_["year"]
        year = (
            figures
            if label == "2021-22"
            else compute_figures(facts=built, period=financial_year(label))
        ).figures
        assert row_ == {
            "year": label,
            "received": year["received.stage1"],
            "upheld_or_partially": year["outcome.stage1.upheld"]
            + year["outcome.stage1.partially_upheld"],
            "upheld_or_partially_pct": year["outcome.stage1.upheld_or_partially.pct"],
            "answered": year["timeliness.stage1.cohort"],
            "in_time": year["timeliness.stage1.within_applicable"],
            "in_time_pct": year["timeliness.stage1.within_applicable.pct"],
            "average_working_days": year["timeliness.stage1.average_working_days"],
        }
        assert answers == {
            "year": label,
            "responses": year["responses.stage1.count"],
            "in_time": year["responses.stage1.within_maximum"],
            "in_time_pct": year["responses.stage1.within_maximum.pct"],
            "average_working_days": year["responses.stage1.average_working_days"],
        }
    # The year before is the headline's comparison too.
    assert (
        figures.tables["trend.stage1.by_year"][-2]["in_time_pct"]
        == figures.figures["timeliness.stage1.within_applicable.pct.previous"]
    )


def test_each_row_counts_its_records_for_drill_down(figures):
    evidence = figures.table_evidence["trend.stage1.by_year"]
    assert [frame.height for frame in evidence.values()] == [263, 270, 213, 205]
    assert evidence[3]["received"].min() >= datetime.date(2021, 4, 1)
    answers = figures.table_evidence["trend.stage1.responses.by_year"]
    assert [frame.height for frame in answers.values()] == [263, 270, 213, 205]


def test_years_before_the_records_begin_are_left_out_and_other_stages_ignored(calendar):
    b = FactsBuilder()
    # 2020-21: one complaint, answered in 2021-22 (received one year, a response of the next).
    late = b.stage1("2021-03-15", responded="2021-04-12", outcome="upheld")
    b.stage(late.complaint_id, number=2, received="2021-05-04", responded="2021-06-08")
    # 2021-22: one answered in time, one withdrawn (received, but neither answered nor a
    # response), one outstanding; and one of 2022-23, after the year.
    b.stage1("2021-06-07", responded="2021-06-14", outcome="not_upheld")
    b.stage1("2021-08-02", responded="2021-08-05", outcome="withdrawn")
    b.stage1("2022-03-01")
    b.stage1("2022-04-04", responded="2022-04-11", outcome="upheld")
    figures = compute(b, calendar)
    # 2018-19 and 2019-20 had no records: they are not years of none.
    assert figures.tables["trend.stage1.by_year"] == [
        # j of test_figures_timeliness: 18 working days, late against 10.
        row("2020-21", 1, 1, 100.0, 1, 0, 0.0, 18.0),
        row("2021-22", 3, 0, 0.0, 1, 1, 100.0, 5.0),
    ]
    # The response to the March 2021 complaint is one of 2021-22's; 2020-21 had none, so the
    # responses begin in 2021-22.
    assert figures.tables["trend.stage1.responses.by_year"] == [
        responses("2021-22", 2, 2, 100.0, 11.5),
    ]
    # Nothing at all: no rows.
    empty = compute(FactsBuilder(), calendar)
    assert empty.tables["trend.stage1.by_year"] == []
    assert empty.tables["trend.stage1.responses.by_year"] == []


def test_a_quarter_s_trend_is_the_same_quarter_of_earlier_years(built):
    quarter = make_period(datetime.date(2021, 4, 1), datetime.date(2021, 6, 30))
    figures = compute_figures(facts=built, period=quarter)
    rows = figures.tables["trend.stage1.by_year"]
    assert [r["year"] for r in rows] == ["2018-19 Q1", "2019-20 Q1", "2020-21 Q1", "2021-22 Q1"]
    assert rows[-1]["received"] == figures.figures["received.stage1"]
    assert rows[-1]["in_time_pct"] == figures.figures["timeliness.stage1.within_applicable.pct"]
