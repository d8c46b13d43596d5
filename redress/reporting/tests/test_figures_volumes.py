"""Volumes: received by stage and procedure, escalation, rates against referrals, assessments
and open cases, and the by-year, by-month, by-service and by-area tables."""

import polars as pl
import pytest

from redress.reporting.periods import financial_year, make_period

from .builders import FactsBuilder, compute, covers, day, expect, expect_table

NORTH, SOUTH, FOSTERING = "North Safeguarding", "South Safeguarding", "Fostering"


def volumes() -> FactsBuilder:
    """Eight stage 1s in 2021-22 (five statutory, three local, on its first and last days and on
    a bank holiday, a Saturday and Christmas Day), four in 2020-21, one in 2019-20 and one just
    after the year; stage 2s and a stage 3 across the boundary."""
    b = FactsBuilder()
    b.stage1("2019-05-01", service=FOSTERING)
    # 2020-21: four stage 1s, two statutory stage 2s, no stage 3.
    for received in ("2020-04-01", "2020-09-15", "2021-01-10"):
        first = b.stage1(received, service=FOSTERING)
    b.stage(first.complaint_id, number=2, received="2021-02-01")
    last_year = b.stage1("2021-03-31", service=SOUTH, locality="South")
    b.stage(b.stage1("2020-07-01", service=FOSTERING).complaint_id, number=2, received="2020-10-01")
    # 2021-22.
    first = b.stage1("2021-04-01", service=NORTH, locality="North")
    b.stage(first.complaint_id, number=2, received="2021-05-10")
    b.stage(first.complaint_id, number=3, received="2021-08-02")
    b.stage1("2021-05-03", service=FOSTERING)  # Early May bank holiday
    local = b.stage1("2021-06-05", service=SOUTH, locality="South", procedure="local")
    b.stage(local.complaint_id, number=2, received="2021-07-05")
    b.stage1("2021-07-20", service=NORTH, locality="North")
    b.stage1("2021-10-11", service=FOSTERING, procedure="local")
    b.stage1("2021-12-25", service=SOUTH, locality="South")
    b.stage1("2022-02-14", service=FOSTERING, procedure="local")
    b.stage1("2022-03-31", service=NORTH, locality="North")
    # A stage 2 of a 2020-21 complaint is counted in the year its request was received.
    b.stage(last_year.complaint_id, number=2, received="2021-04-20")
    # 2022-23: not in the year.
    b.stage1("2022-04-01", service=NORTH, locality="North")
    b.context_figure("2021-22", "referrals", 300)
    b.context_figure("2021-22", "family_assessments", 6400)
    b.context_figure("2020-21", "referrals", 250)
    b.context_figure("2021-22", "open_cases", 2400, service=NORTH)
    b.context_figure("2021-22", "open_cases", 16, service=SOUTH)
    b.context_figure("2020-21", "open_cases", 40, service=FOSTERING)
    return b


@pytest.fixture(scope="module")
def figures(calendar):
    return compute(volumes(), calendar)


@covers(
    "received.stage1",
    "received.stage1.previous",
    "received.stage1.change_pct",
    "received.stage2",
    "received.stage2.previous",
    "received.stage2.change_pct",
    "received.stage3",
    "received.stage3.previous",
    "received.stage3.change_pct",
    "received.stage1.statutory",
    "received.stage1.local",
    "received.stage2.statutory",
    "received.stage2.local",
)
def test_received_by_stage_and_procedure_with_the_previous_year(figures):
    expect(
        figures,
        {
            # 1 April 2021 and 31 March 2022 are in the year; 31 March 2021 and 1 April 2022 not.
            "received.stage1": 8,
            "received.stage1.previous": 5,
            "received.stage1.change_pct": 60.0,  # (8 − 5) ÷ 5
            "received.stage2": 3,
            "received.stage2.previous": 2,
            "received.stage2.change_pct": 50.0,
            "received.stage3": 1,
            "received.stage3.previous": 0,
            "received.stage3.change_pct": None,  # no % change from zero
            "received.stage1.statutory": 5,
            "received.stage1.local": 3,
            "received.stage2.statutory": 2,
            "received.stage2.local": 1,
        },
    )


@covers(
    "escalation.stage1_to_stage2.pct",
    "escalation.stage1_to_stage2.pct.previous",
    "escalation.stage1_to_stage2.pct.change_pct",
    "escalation.stage2_to_stage3.pct",
    "escalation.stage2_to_stage3.pct.previous",
    "escalation.stage2_to_stage3.pct.change_pct",
)
def test_escalation_rates(figures):
    expect(
        figures,
        {
            "escalation.stage1_to_stage2.pct": 37.5,  # 3 ÷ 8
            "escalation.stage1_to_stage2.pct.previous": 40.0,  # 2 ÷ 5
            "escalation.stage1_to_stage2.pct.change_pct": -6.3,  # (37.5 − 40) ÷ 40 = −6.25
            # Stage 3 against statutory stage 2s only: 1 ÷ 2 (the local stage 2 is left out).
            "escalation.stage2_to_stage3.pct": 50.0,
            "escalation.stage2_to_stage3.pct.previous": 0.0,
            "escalation.stage2_to_stage3.pct.change_pct": None,
        },
    )


def test_an_escalation_rate_with_no_stages_below_is_null(calendar):
    b = FactsBuilder()
    complaint = b.complaint("2020-06-01", procedure="local")
    b.stage(complaint, number=2, received="2021-06-01")
    figures = compute(b, calendar)
    assert figures.figures["escalation.stage1_to_stage2.pct"] is None  # no stage 1 in the year
    assert figures.figures["escalation.stage2_to_stage3.pct"] is None  # no statutory stage 2


def test_the_change_of_a_rate_is_worked_from_the_exact_counts(calendar):
    b = FactsBuilder()
    # This year 1 of 3 (33.3%), last year 1 of 6 (16.7%). From the exact ratios the rate
    # doubled: +100.0%. From the rounded ones it would be (33.3 − 16.7) ÷ 16.7 = +99.4%.
    for received in ("2021-05-04", "2021-05-05", "2021-05-06"):
        last = b.stage1(received)
    b.stage(last.complaint_id, number=2, received="2021-08-02")
    for received in (
        "2020-05-04",
        "2020-05-05",
        "2020-05-06",
        "2020-05-07",
        "2020-05-08",
        "2020-05-11",
    ):
        last = b.stage1(received)
    b.stage(last.complaint_id, number=2, received="2020-08-03")
    figures = compute(b, calendar)
    assert figures.figures["escalation.stage1_to_stage2.pct"] == 33.3
    assert figures.figures["escalation.stage1_to_stage2.pct.previous"] == 16.7
    assert figures.figures["escalation.stage1_to_stage2.pct.change_pct"] == 100.0


@covers(
    "context.referrals",
    "context.family_assessments",
    "ratio.stage1_to_referrals.pct",
    "ratio.stage1_to_family_assessments.pct",
)
def test_rates_against_referrals_and_assessments_to_two_places(figures, calendar):
    expect(
        figures,
        {
            "context.referrals": 300,
            "context.family_assessments": 6400,
            "ratio.stage1_to_referrals.pct": 2.67,  # 8 ÷ 300 = 2.666…%
            "ratio.stage1_to_family_assessments.pct": 0.13,  # 8 ÷ 6,400 = 0.125%: half away
        },
    )
    # 2020-21 has referrals but no family assessments recorded.
    earlier = compute(volumes(), calendar, "2020-21")
    expect(
        earlier,
        {
            "context.referrals": 250,
            "ratio.stage1_to_referrals.pct": 2.0,  # 5 ÷ 250
            "context.family_assessments": None,
            "ratio.stage1_to_family_assessments.pct": None,
        },
    )


@covers(tables=["received.by_year"])
def test_received_by_year_lists_every_year_with_data_up_to_the_period(figures, calendar):
    expect_table(
        figures,
        "received.by_year",
        [
            {"year": "2019-20", "stage1": 1, "stage2": 0, "stage3": 0},
            {"year": "2020-21", "stage1": 5, "stage2": 2, "stage3": 0},
            {"year": "2021-22", "stage1": 8, "stage2": 3, "stage3": 1},
        ],
    )
    # Each row's records are exactly the year's, made when the drill-down asks for them.
    for row, records in figures.table_evidence["received.by_year"].items():
        year = financial_year(figures.tables["received.by_year"][row]["year"])
        counts = figures.tables["received.by_year"][row]
        assert isinstance(records, pl.DataFrame)
        assert records["received"].is_between(year.start, year.end).all()
        assert records.height == counts["stage1"] + counts["stage2"] + counts["stage3"]
    # A quarter's table ends with the quarter: its year holds only what came by its end.
    quarter = compute(volumes(), calendar, make_period(day("2021-04-01"), day("2021-06-30")))
    assert quarter.tables["received.by_year"][-1] == {
        "year": "2021-22",
        "stage1": 3,
        "stage2": 2,
        "stage3": 0,
    }
    assert quarter.table_evidence["received.by_year"][2]["received"].max() <= day("2021-06-30")
    # A year with no records at all is not listed.
    b = FactsBuilder()
    b.stage1("2018-06-01")
    b.stage1("2021-06-01")
    years = compute(b, calendar).tables["received.by_year"]
    assert [row["year"] for row in years] == ["2018-19", "2021-22"]


@covers(tables=["received.stage1.by_month"])
def test_received_by_month_over_the_period_and_the_two_before_it(figures, calendar):
    months = {
        "2019-05": 1,
        "2020-04": 1,
        "2020-07": 1,
        "2020-09": 1,
        "2021-01": 1,
        "2021-03": 1,
        "2021-04": 1,
        "2021-05": 1,
        "2021-06": 1,
        "2021-07": 1,
        "2021-10": 1,
        "2021-12": 1,
        "2022-02": 1,
        "2022-03": 1,
    }
    every_month = [
        m.label for year in ("2019-20", "2020-21", "2021-22") for m in financial_year(year).months()
    ]
    expect_table(
        figures,
        "received.stage1.by_month",
        [{"month": month, "count": months.get(month, 0)} for month in every_month],
    )
    assert len(figures.tables["received.stage1.by_month"]) == 36
    # A quarter is compared with the same quarter of the two years before.
    quarter = compute(volumes(), calendar, make_period(day("2021-04-01"), day("2021-06-30")))
    assert quarter.tables["received.stage1.by_month"] == [
        {"month": "2019-04", "count": 0},
        {"month": "2019-05", "count": 1},
        {"month": "2019-06", "count": 0},
        {"month": "2020-04", "count": 1},
        {"month": "2020-05", "count": 0},
        {"month": "2020-06", "count": 0},
        {"month": "2021-04", "count": 1},
        {"month": "2021-05", "count": 1},
        {"month": "2021-06", "count": 1},
    ]


@covers(tables=["received.by_service", "received.by_area"])
def test_received_by_service_most_stage1_first_and_by_area(figures):
    expect_table(
        figures,
        "received.by_service",
        [
            # North and Fostering both have 3 stage 1s: North, with a stage 2, comes first.
            {"service": NORTH, "stage1": 3, "stage2": 1, "stage3": 1},
            {"service": FOSTERING, "stage1": 3, "stage2": 0, "stage3": 0},
            {"service": SOUTH, "stage1": 2, "stage2": 2, "stage3": 0},
        ],
    )
    expect_table(
        figures,
        "received.by_area",
        [
            {"area": "Citywide", "stage1": 3, "stage2": 0, "stage3": 0},
            {"area": "North", "stage1": 3, "stage2": 1, "stage3": 1},
            {"area": "South", "stage1": 2, "stage2": 2, "stage3": 0},
        ],
    )
    # Drill-down: each row's records are the ones it counted.
    north = figures.table_evidence["received.by_service"][0]
    assert sorted(north["received"].to_list()) == [
        day("2021-04-01"),
        day("2021-05-10"),
        day("2021-07-20"),
        day("2021-08-02"),
        day("2022-03-31"),
    ]


@covers(tables=["ratio.stage1_to_open_cases.by_service"])
def test_stage1_against_open_cases_for_services_with_a_figure(figures):
    expect_table(
        figures,
        "ratio.stage1_to_open_cases.by_service",
        [
            {"service": NORTH, "complaints": 3, "open_cases": 2400, "pct": 0.13},  # 0.125%
            {"service": SOUTH, "complaints": 2, "open_cases": 16, "pct": 12.5},
        ],
    )
