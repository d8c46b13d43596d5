"""The derived columns of the stage facts: the clock (effective start, working days taken, due
dates), timeliness against the initial, applicable and maximum deadlines, the stage 3 panel
measure, and the grouping columns. Working days are those of FIGURES.md: Monday to Friday, not
an England and Wales bank holiday, not an authority closure day."""

import datetime

import polars as pl

from redress.procedures.calendar import WorkingCalendar
from redress.reporting.facts import schema

from .builders import FactsBuilder

d = datetime.date.fromisoformat
CLOCK = [
    "effective_start",
    "taken",
    "initial_due",
    "applicable_due",
    "maximum_due",
    "in_time_initial",
    "in_time_applicable",
    "in_time_maximum",
]


def derived(builder: FactsBuilder, calendar: WorkingCalendar, *columns: str) -> list[dict]:
    return builder.build(calendar).stages.select(*columns).to_dicts()


def test_the_derived_frame_keeps_the_base_columns_and_adds_the_derived_ones(calendar):
    b = FactsBuilder()
    b.stage1("2021-06-07")
    stages = b.build(calendar).stages
    assert stages.columns[: len(schema.STAGE_BASE)] == list(schema.STAGE_BASE)
    assert stages.columns[len(schema.STAGE_BASE) :] == [
        "clock_start",
        "applicable_days",
        "area",
        "cyp",
        "excluded_from_timeliness",
        "quarter",
        "effective_start",
        "taken",
        "initial_due",
        "applicable_due",
        "maximum_due",
        "panel_taken",
        "in_time_applicable",
        "in_time_initial",
        "in_time_maximum",
        "panel_in_time",
    ]
    assert stages.schema["taken"] == pl.Int32
    assert stages.schema["effective_start"] == pl.Date


def test_received_monday_answered_the_next_monday_took_5_working_days(calendar):
    b = FactsBuilder()
    b.stage1("2021-06-07", responded="2021-06-14")
    assert derived(b, calendar, *CLOCK) == [
        {
            "effective_start": d("2021-06-07"),
            "taken": 5,
            # 10 and 20 working days after Monday 7 June 2021: no bank holiday in between.
            "initial_due": d("2021-06-21"),
            "applicable_due": d("2021-06-21"),
            "maximum_due": d("2021-07-05"),
            "in_time_initial": True,
            "in_time_applicable": True,
            "in_time_maximum": True,
        }
    ]


def test_a_weekend_receipt_starts_the_clock_on_monday(calendar):
    b = FactsBuilder()
    # Saturday 5 June 2021: the clock starts on Monday 7 June, so a response on Monday 21 June
    # is the 10th working day, exactly on time.
    b.stage1("2021-06-05", responded="2021-06-21")
    assert derived(b, calendar, "clock_start", *CLOCK) == [
        {
            "clock_start": d("2021-06-05"),
            "effective_start": d("2021-06-07"),
            "taken": 10,
            "initial_due": d("2021-06-21"),
            "applicable_due": d("2021-06-21"),
            "maximum_due": d("2021-07-05"),
            "in_time_initial": True,
            "in_time_applicable": True,
            "in_time_maximum": True,
        }
    ]


def test_a_bank_holiday_receipt_starts_the_clock_on_the_next_working_day(calendar):
    b = FactsBuilder()
    # Good Friday 2 April 2021; Easter Monday 5 April is a bank holiday too, so the clock starts
    # on Tuesday 6 April. Working days to Wednesday 21 April: 7-9, 12-16, 19-21 April = 11.
    b.stage1("2021-04-02", responded="2021-04-21")
    assert derived(b, calendar, *CLOCK) == [
        {
            "effective_start": d("2021-04-06"),
            "taken": 11,
            "initial_due": d("2021-04-20"),
            "applicable_due": d("2021-04-20"),
            # 20 working days: 7-9, 12-16, 19-23, 26-30 April (18), then 4 and 5 May (3 May is
            # a bank holiday).
            "maximum_due": d("2021-05-05"),
            "in_time_initial": False,
            "in_time_applicable": False,
            "in_time_maximum": True,
        }
    ]


def test_christmas_and_new_year_bank_holidays_are_not_working_days(calendar):
    b = FactsBuilder()
    # Friday 24 December 2021 is a working day; 27 and 28 December and 3 January 2022 are the
    # substitute bank holidays. Working days to 7 January: 29-31 December, 4-7 January = 7; the
    # 10th is Wednesday 12 January.
    b.stage1("2021-12-24", responded="2022-01-07")
    assert derived(b, calendar, "effective_start", "taken", "initial_due") == [
        {"effective_start": d("2021-12-24"), "taken": 7, "initial_due": d("2022-01-12")}
    ]


def test_an_authority_closure_day_is_not_a_working_day():
    closed = WorkingCalendar({d("2021-06-08"): "Staff training day"})
    b = FactsBuilder()
    b.stage1("2021-06-07", responded="2021-06-14")
    # Tuesday 8 June is skipped: 9, 10, 11, 14 June = 4 working days.
    assert derived(b, closed, "taken", "initial_due") == [
        {"taken": 4, "initial_due": d("2021-06-22")}
    ]


def test_an_extension_moves_the_applicable_deadline_only(calendar):
    b = FactsBuilder()
    # Extended to 20 working days; answered on the 19th working day (5-30 July 2021).
    b.stage1("2021-07-05", responded="2021-07-30", extended_to=20)
    assert derived(b, calendar, "applicable_days", *CLOCK) == [
        {
            "applicable_days": 20,
            "effective_start": d("2021-07-05"),
            "taken": 19,
            "initial_due": d("2021-07-19"),
            "applicable_due": d("2021-08-02"),
            "maximum_due": d("2021-08-02"),
            "in_time_initial": False,
            "in_time_applicable": True,
            "in_time_maximum": True,
        }
    ]


def test_a_response_on_the_day_or_over_the_weekend_takes_no_working_days(calendar):
    b = FactsBuilder()
    b.stage1("2021-06-07", responded="2021-06-07")
    b.stage1("2021-06-05", responded="2021-06-06")  # received Saturday, answered Sunday
    assert derived(b, calendar, "taken", "in_time_initial") == [
        {"taken": 0, "in_time_initial": True},
        {"taken": 0, "in_time_initial": True},
    ]


def test_an_outstanding_stage_has_no_working_days_taken_and_no_in_time_flag(calendar):
    b = FactsBuilder()
    b.stage1("2021-06-07")
    assert derived(b, calendar, "taken", "initial_due", *CLOCK[-3:]) == [
        {
            "taken": None,
            "initial_due": d("2021-06-21"),
            "in_time_initial": None,
            "in_time_applicable": None,
            "in_time_maximum": None,
        }
    ]


def test_the_procedures_timescales_apply_local_20_statutory_stage2_25_to_65(calendar):
    b = FactsBuilder()
    local = b.stage1("2022-01-10", responded="2022-01-24", procedure="local")
    statutory = b.complaint("2021-08-02")
    b.stage(statutory, number=2, received="2021-09-01", responded="2021-11-30", extended_to=65)
    rows = derived(b, calendar, "initial_days", "applicable_days", "max_days", "taken", *CLOCK[-3:])
    assert rows == [
        # Local stage 1: one timescale of 20 working days; 10 taken.
        {
            "initial_days": 20,
            "applicable_days": 20,
            "max_days": 20,
            "taken": 10,
            "in_time_initial": True,
            "in_time_applicable": True,
            "in_time_maximum": True,
        },
        # Statutory stage 2 extended to 65; 64 working days from 1 September to 30 November
        # 2021 (21 in September, 21 in October, 22 in November).
        {
            "initial_days": 25,
            "applicable_days": 65,
            "max_days": 65,
            "taken": 64,
            "in_time_initial": False,
            "in_time_applicable": True,
            "in_time_maximum": True,
        },
    ]
    assert local.stage_id == 1


def test_the_stage2_clock_can_start_when_the_statement_is_agreed(calendar):
    b = FactsBuilder()
    complaint = b.complaint("2021-05-04")
    b.stage(
        complaint,
        number=2,
        received="2021-05-04",
        statement_agreed="2021-05-11",
        responded="2021-06-08",
        clock_start_rule="statement_agreed",
    )
    # Without an agreed statement the clock starts when the request is received.
    b.stage(complaint, number=3, received="2021-07-01", clock_start_rule="statement_agreed")
    assert derived(b, calendar, "clock_start", "effective_start", "taken") == [
        # 12 May to 8 June 2021 less the Spring bank holiday on 31 May: 19 working days.
        {"clock_start": d("2021-05-11"), "effective_start": d("2021-05-11"), "taken": 19},
        {"clock_start": d("2021-07-01"), "effective_start": d("2021-07-01"), "taken": None},
    ]


def test_stage3_is_measured_against_50_days_and_its_panel_against_30(calendar):
    b = FactsBuilder()
    complaint = b.complaint("2021-01-04")
    b.stage(complaint, number=3, received="2021-07-01", panel="2021-08-05", responded="2021-09-02")
    b.stage(b.complaint("2021-01-04"), number=3, received="2021-11-01", panel="2021-12-20")
    rows = derived(
        b,
        calendar,
        "initial_days",
        "max_days",
        "taken",
        "in_time_maximum",
        "panel_taken",
        "panel_in_time",
    )
    assert rows == [
        # Panel 25 working days after the request (2 July to 5 August 2021); the response 44
        # (the Summer bank holiday on 30 August is skipped).
        {
            "initial_days": 50,
            "max_days": 50,
            "taken": 44,
            "in_time_maximum": True,
            "panel_taken": 25,
            "panel_in_time": True,
        },
        # Panel 35 working days after the request: later than 30.
        {
            "initial_days": 50,
            "max_days": 50,
            "taken": None,
            "in_time_maximum": None,
            "panel_taken": 35,
            "panel_in_time": False,
        },
    ]


def test_area_is_the_locality_or_citywide(calendar):
    b = FactsBuilder()
    b.stage1("2021-06-07", locality="South")
    b.stage1("2021-06-07", locality=None)
    assert derived(b, calendar, "area") == [{"area": "South"}, {"area": "Citywide"}]


def test_children_young_people_and_care_leavers_are_cyp(calendar):
    b = FactsBuilder()
    for kind in ("child_young_person", "care_leaver", "advocate", "parent", None):
        b.stage1("2021-06-07", complainant_type=kind)
    assert b.build(calendar).stages["cyp"].to_list() == [True, True, False, False, False]


def test_withdrawn_and_outside_jurisdiction_stages_are_excluded_from_timeliness(calendar):
    b = FactsBuilder()
    for outcome in ("withdrawn", "outside_jurisdiction", "upheld", "not_upheld", None):
        b.stage1("2021-06-07", outcome=outcome)
    excluded = b.build(calendar).stages["excluded_from_timeliness"].to_list()
    assert excluded == [True, True, False, False, False]


def test_the_quarter_is_the_financial_quarter_of_receipt(calendar):
    b = FactsBuilder()
    for received in (
        "2021-04-01",
        "2021-06-30",
        "2021-07-01",
        "2021-12-31",
        "2022-01-01",
        "2022-03-31",
    ):
        b.stage1(received)
    quarters = b.build(calendar).stages["quarter"].to_list()
    assert quarters == ["Q1", "Q1", "Q2", "Q3", "Q4", "Q4"]
