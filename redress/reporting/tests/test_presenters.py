import datetime
from decimal import Decimal

import pytest

from redress.reporting.document.labels import column_label
from redress.reporting.presenters import (
    figure_heading,
    localities_not_listed,
    row_value_rows,
    row_words,
    table_row_heading,
)


def test_one_locality_not_listed_is_named_in_the_singular():
    assert localities_not_listed(["East"]) == (
        "'East' is not listed: no service area is in that locality, so a report for it would "
        "count nothing. Complaints that record their locality are counted by area in the whole "
        "authority's report."
    )


def test_several_are_quoted_since_a_name_may_hold_a_comma():
    why = localities_not_listed(["East", "North, West & Central"])
    assert why.startswith(
        "'East' and 'North, West & Central' are not listed: no service area is in those "
        "localities, so a report for one would count nothing."
    )


def test_none_needs_no_words():
    assert localities_not_listed([]) == ""


AS_OF = datetime.date(2022, 5, 31)


def test_a_table_row_is_headed_by_its_caption_and_its_labels():
    row = {"stage": 1, "outcome": "partially_upheld", "count": 77, "pct": 21.3}
    assert table_row_heading("outcomes", 1, row) == (
        "Outcomes of complaints by stage: Stage 1, Partially upheld"
    )
    service = {"service": "Children in Care Service", "stage1": 12, "stage2": 1, "stage3": 0}
    assert table_row_heading("received.by_service", 10, service) == (
        "Complaints received by service and stage: Children in Care Service"
    )


@pytest.mark.parametrize(
    ("table_id", "row", "words"),
    [
        (
            "timeliness.stage1.bands_by_area",
            {"area": "TOTAL", "band": "21+", "count": 3},
            ("All areas, 21+ working days"),
        ),
        ("received.stage1.by_month", {"month": "2021-04", "count": 30}, "April 2021"),
        ("mediation.outcomes", {"outcome": "ombudsman", "count": 1}, "Referred to the Ombudsman"),
        (
            "cyp.satisfaction",
            {"question": "taken_seriously", "yes": 5},
            ("Were your concerns taken seriously?"),
        ),
        (
            "survey.answers.by_stage",
            {"stage": 2, "question": "listened", "yes": 1},
            ("Stage 2, Did we listen to you?"),
        ),
        (
            "costs",
            {"kind": "compensation", "stage": "lgo", "amount": Decimal("180.00")},
            ("Compensation or financial remedy, Ombudsman"),
        ),
        (
            "complainant.stage1",
            {"complainant_type": "other_family", "count": 50},
            ("Other family member"),
        ),
        (
            "repeat_complainants.distribution",
            {"complaints": "4+", "people": 2},
            ("4+ stage 1 complaints"),
        ),
        (
            "ratio.stage1_to_open_cases.by_service.parts",
            {
                "part": 2,
                "from": datetime.date(2022, 1, 1),
                "to": datetime.date(2022, 3, 31),
                "service": "North Safeguarding",
                "complaints": 1,
                "open_cases": 50,
                "pct": 2.0,
            },
            "January to March 2022, North Safeguarding",
        ),
    ],
)
def test_a_row_s_naming_values_are_in_the_report_s_words(table_id, row, words):
    assert row_words(table_id, row) == words


def test_a_caption_with_a_colon_takes_a_dash_before_the_row():
    row = {"band": "0-25", "count": 2, "pct": 50.0}
    assert table_row_heading("timeliness.stage2.statutory.bands", 0, row) == (
        "Statutory stage 2 response times: complaints received – 0-25 working days"
    )


def test_a_row_with_a_colon_takes_a_dash_after_the_caption():
    row = {"decision": "premature", "count": 4}
    assert table_row_heading("lgo.decisions", 0, row) == (
        "Ombudsman decisions – Premature: referred back to the authority"
    )


def test_a_row_with_nothing_naming_it_is_its_number_and_a_table_without_a_caption_its_id():
    assert table_row_heading("outcomes", 2, {"count": 3}) == (
        "Outcomes of complaints by stage: row 3"
    )
    assert table_row_heading("no.such.table", 3, {"year": "2021-22", "received": 9}) == (
        "Records behind row 4 of no.such.table"
    )


def test_a_trend_s_row_is_headed_by_its_caption_and_its_columns_by_their_words():
    row = {"year": "2021-22", "responses": 9, "in_time": 6, "in_time_pct": 66.7}
    assert table_row_heading("trend.stage1.responses.by_year", 3, row) == (
        "Stage 1 responses issued and in time, by year: 2021-22"
    )
    assert table_row_heading("trend.stage1.by_year", 0, {"year": "2018-19"}) == (
        "Stage 1 complaints received, upheld and answered in time, by year: 2018-19"
    )
    assert row_value_rows("trend.stage1.responses.by_year", row) == [
        ("Year", "2021-22"),
        ("Responses", "9"),
        ("In time", "6"),
        ("Percentage in time", "66.7"),
    ]
    assert column_label("upheld_or_partially_pct") == "Percentage upheld or partially upheld"
    assert column_label("previous_pct") == "Percentage, previous year"


@pytest.mark.parametrize(
    ("figure_id", "heading"),
    [
        ("received.stage1", "Stage 1 records received in the period"),
        (
            "outcome.stage2.partially_upheld",
            "Stage 2 records received in the period with outcome partially upheld",
        ),
        (
            "lgo.decision.fault_found",
            "Ombudsman decisions made in the period with decision investigated, fault found",
        ),
        ("stage2.active", "Stage 2 records open at any time in the period"),
        # Without the places an average is given to.
        (
            "responses.stage1.average_working_days",
            "Mean working days taken over the stage 1 responses issued in the period",
        ),
        # Its asides in brackets and "number of" left out, its codes in words.
        (
            "timeliness.stage2.statutory.cohort",
            "Statutory stage 2 records in the timeliness cohort",
        ),
        (
            "actions.overdue",
            "Learning actions raised in the period, past their due date and not completed at "
            "31 May 2022",
        ),
        # Part of a figure it names, or of "those" of its family.
        (
            "survey.responses",
            "Of satisfaction surveys sent in the period, those answered by 31 May 2022",
        ),
        (
            "lgo.remedies.on_time",
            "Ombudsman decisions made in the period that set a date to comply with remedies by: "
            "of those, every remedy complied with by that date",
        ),
        # A sum of other figures is not words: its id, as before.
        ("lgo.investigated", "Records behind lgo.investigated"),
        ("no.such.figure", "Records behind no.such.figure"),
    ],
)
def test_a_figure_is_headed_by_its_definition_in_words(figure_id, heading):
    assert figure_heading(figure_id, AS_OF) == heading
