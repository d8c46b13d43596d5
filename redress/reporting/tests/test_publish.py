"""Publication rules (FIGURES.md, "Publishing"): small counts in tables cut by service, area or
theme are withheld, with the percentages that would give them back; nothing else changes."""

import datetime

import polars as pl
import pytest

from redress.reporting.figures import SCALARS, FigureSet, to_json
from redress.reporting.periods import financial_year
from redress.reporting.publish import (
    CUT_TABLES,
    SmallCount,
    counts_people,
    derived_from,
    publish_figures,
)


def _evidence(n: int) -> pl.DataFrame:
    return pl.DataFrame({"complaint_id": list(range(n))})


def figure_set() -> FigureSet:
    tables = {
        "received.by_service": [
            {"service": "South Safeguarding", "stage1": 34, "stage2": 4, "stage3": 0},
            {"service": "Adoption", "stage1": 5, "stage2": 1, "stage3": 3},
        ],
        "responses.stage1.bands_by_area": [
            {"area": "East", "band": "0-10", "count": 2, "pct": 40.0},
            {"area": "East", "band": "11-20", "count": 3, "pct": 60.0},
            {"area": "TOTAL", "band": "0-10", "count": 2, "pct": 40.0},
            {"area": "TOTAL", "band": "11-20", "count": 3, "pct": 60.0},
        ],
        "ratio.stage1_to_open_cases.by_service": [
            {"service": "Adoption", "complaints": 4, "open_cases": 140, "pct": 2.86},
            {"service": "South Safeguarding", "complaints": 34, "open_cases": 900, "pct": 3.78},
        ],
        "cyp.satisfaction": [
            {"question": "on_time", "yes": 6, "no": 1, "partly": 0, "no_answer": 0},
        ],
        # Not cut by service, area or theme: published as it is.
        "outcomes": [{"stage": 3, "outcome": "upheld", "count": 2, "pct": 14.3}],
    }
    return FigureSet(
        period=financial_year("2021-22"),
        as_of=datetime.date(2022, 5, 31),
        figures={"received.stage3": 3, "cyp.stage1.received": 2},
        tables=tables,
        evidence={"received.stage3": _evidence(3)},
        table_evidence={
            t: {i: _evidence(1) for i in range(len(rows))} for t, rows in tables.items()
        },
    )


def test_counts_from_one_to_threshold_minus_one_are_withheld():
    published = publish_figures(figure_set(), threshold=5)
    south, adoption = published.tables["received.by_service"]
    # 0 identifies no one and 5 is at the threshold: both stay.
    assert south == {"service": "South Safeguarding", "stage1": 34, "stage2": None, "stage3": 0}
    assert adoption == {"service": "Adoption", "stage1": 5, "stage2": None, "stage3": None}
    assert {s for s in published.suppressed if s[0] == "received.by_service"} == {
        ("received.by_service", 0, "stage2"),
        ("received.by_service", 1, "stage2"),
        ("received.by_service", 1, "stage3"),
    }
    assert published.published is True


def test_a_percentage_that_would_reveal_a_withheld_count_goes_with_it():
    published = publish_figures(figure_set(), threshold=5)
    bands = published.tables["responses.stage1.bands_by_area"]
    assert bands[0] == {"area": "East", "band": "0-10", "count": None, "pct": None}
    assert bands[1] == {"area": "East", "band": "11-20", "count": None, "pct": None}
    ratio = published.tables["ratio.stage1_to_open_cases.by_service"]
    # The open cases are not a count of children: they stay, but the complaints and the
    # percentage (which with them gives the complaints back) are withheld.
    assert ratio[0] == {"service": "Adoption", "complaints": None, "open_cases": 140, "pct": None}
    assert ratio[1]["complaints"] == 34
    assert ("ratio.stage1_to_open_cases.by_service", 0, "pct") in published.suppressed


def test_totals_stay_as_computed():
    published = publish_figures(figure_set(), threshold=5)
    bands = published.tables["responses.stage1.bands_by_area"]
    assert bands[2:] == figure_set().tables["responses.stage1.bands_by_area"][2:]
    # Scalars are never recomputed or withheld.
    assert published.figures == {"received.stage3": 3, "cyp.stage1.received": 2}


def test_children_s_own_answers_are_withheld_and_other_tables_are_not():
    published = publish_figures(figure_set(), threshold=5)
    assert published.tables["cyp.satisfaction"] == [
        {"question": "on_time", "yes": 6, "no": None, "partly": 0, "no_answer": 0}
    ]
    assert published.tables["outcomes"] == [
        {"stage": 3, "outcome": "upheld", "count": 2, "pct": 14.3}
    ]


def test_the_figure_set_given_is_not_changed():
    original = figure_set()
    publish_figures(original, threshold=5)
    assert original.tables == figure_set().tables
    assert original.suppressed == set()
    assert original.published is False


def test_withheld_rows_lose_their_drill_down_evidence():
    published = publish_figures(figure_set(), threshold=5)
    assert set(published.table_evidence["received.by_service"]) == set()
    assert set(published.table_evidence["ratio.stage1_to_open_cases.by_service"]) == {1}
    assert set(published.table_evidence["responses.stage1.bands_by_area"]) == {2, 3}
    assert set(published.evidence) == {"received.stage3"}


def test_the_threshold_is_the_authority_s():
    published = publish_figures(figure_set(), threshold=3)
    assert published.tables["received.by_service"][0]["stage2"] == 4
    assert published.tables["received.by_service"][1]["stage2"] is None
    assert published.tables["received.by_service"][1]["stage3"] == 3


def test_a_threshold_below_one_is_refused():
    with pytest.raises(ValueError, match="must be 1 or more, not 0"):
        publish_figures(figure_set(), threshold=0)


def test_json_shows_withheld_cells_as_null_with_a_flag():
    document = to_json(publish_figures(figure_set(), threshold=5))
    rows = document["tables"]["received.by_service"]
    assert rows[0] == {
        "service": "South Safeguarding",
        "stage1": 34,
        "stage2": None,
        "stage3": 0,
        "suppressed": True,
    }
    assert "suppressed" not in document["tables"]["outcomes"][0]


def test_the_listed_tables_are_those_cut_by_service_area_or_theme():
    assert {rule.table_id for rule in CUT_TABLES} == {
        "received.by_service",
        "received.by_area",
        "ratio.stage1_to_open_cases.by_service",
        "received.by_service.parts",
        "ratio.stage1_to_open_cases.by_service.parts",
        "responses.stage1.bands_by_area",
        "timeliness.stage1.bands_by_area",
        "themes.stage1",
        "themes.stage1.top5",
        "cyp.themes",
        "informal_feedback.themes",
        "cyp.satisfaction",
        "survey.answers",
        "survey.answers.by_stage",
        "survey.answers.by_service",
    }


def test_the_rule_s_message():
    assert (
        SmallCount.message(5) == "Withheld because it is fewer than 5 and could identify a child."
    )
    assert SmallCount.applies(4, 5)
    assert not SmallCount.applies(True, 5)
    assert not SmallCount.applies(None, 5)


# A report for one locality or service is itself a cut by area or service: its small counts of
# people are withheld wherever they are, in its sentences as in its tables.


def scoped_set() -> FigureSet:
    figures = {
        "received.stage1": 12,
        "received.stage1.previous": 3,
        "received.stage1.change_pct": 300.0,
        "received.stage2": 2,
        "received.stage2.statutory": 2,
        "received.stage3": 0,
        "outcome.stage1.upheld": 1,
        "outcome.stage1.partially_upheld": 6,
        "outcome.stage1.not_upheld": 5,
        "outcome.stage1.upheld.pct": 8.3,
        "outcome.stage1.upheld.pct.previous": 33.3,
        "outcome.stage1.upheld.pct.change_pct": -75.0,
        "outcome.stage1.not_upheld.pct": 41.7,
        "outcome.stage1.upheld_or_partially.pct": 58.3,
        "escalation.stage1_to_stage2.pct": 16.7,
        "responses.stage2.statutory.count": 2,
        "responses.stage2.statutory.average_working_days": 31.5,
        "responses.stage1.count": 11,
        "responses.stage1.within_applicable": 9,
        "responses.stage1.within_applicable.pct": 81.8,
        "responses.stage1.average_working_days": 12.0,
        # Identify no one, however small.
        "compliments.received": 2,
        "actions.total": 3,
        "aspects.stage1.total": 4,
        "context.referrals": 3,
        "compensation.total": 2,
    }
    tables = {
        "outcomes": [
            {"stage": 1, "outcome": "upheld", "count": 1, "pct": 8.3},
            {"stage": 1, "outcome": "not_upheld", "count": 5, "pct": 41.7},
        ],
        "responses.stage1.bands_by_area": [
            {"area": "TOTAL", "band": "0-10", "count": 2, "pct": 18.2},
        ],
        "compliments.by_service": [{"service": "Adoption", "count": 1}],
        "actions.by_theme": [{"theme": "Records", "total": 2, "completed": 1, "overdue": 0}],
    }
    return FigureSet(
        period=financial_year("2021-22"),
        as_of=datetime.date(2022, 5, 31),
        figures=figures,
        tables=tables,
        evidence={"outcome.stage1.upheld": _evidence(1), "received.stage1": _evidence(12)},
    )


def test_an_authority_wide_report_withholds_no_scalar():
    published = publish_figures(scoped_set(), threshold=5)
    assert published.figures == scoped_set().figures
    assert published.suppressed_figures == set()
    assert "suppressed" not in to_json(published)
    assert published.tables["outcomes"] == scoped_set().tables["outcomes"]


def test_a_scoped_report_withholds_small_counts_of_people_and_what_gives_them_back():
    published = publish_figures(scoped_set(), threshold=5, scoped=True)
    assert published.suppressed_figures == {
        "received.stage1.previous",  # 3 last year
        "received.stage1.change_pct",  # 300% of 3 gives the 12 back... and 12 gives the 3
        "received.stage2",
        "received.stage2.statutory",
        "outcome.stage1.upheld",
        "outcome.stage1.upheld.pct",  # 8.3% of the published 12 is 1
        "outcome.stage1.upheld.pct.previous",  # 33.3% of last year's withheld 3
        "outcome.stage1.upheld.pct.change_pct",
        "outcome.stage1.upheld_or_partially.pct",  # with the 6 partially upheld, gives the 1
        "escalation.stage1_to_stage2.pct",
        "responses.stage2.statutory.count",
        "responses.stage2.statutory.average_working_days",  # an average over 2 responses
    }
    for figure_id in published.suppressed_figures:
        assert published.figures[figure_id] is None
    # 0 identifies no one; 5 and more are published; so is what is worked from them.
    assert published.figures["received.stage3"] == 0
    assert published.figures["outcome.stage1.not_upheld.pct"] == 41.7
    assert published.figures["responses.stage1.average_working_days"] == 12.0
    assert published.figures["responses.stage1.within_applicable.pct"] == 81.8
    # Money, learning actions, reasons, compliments and context values stay however small.
    for figure_id in (
        "compliments.received",
        "actions.total",
        "aspects.stage1.total",
        "context.referrals",
        "compensation.total",
    ):
        assert published.figures[figure_id] == scoped_set().figures[figure_id]
    # A withheld count loses its drill-down.
    assert set(published.evidence) == {"received.stage1"}


def test_a_scoped_report_withholds_small_counts_in_every_table_of_people():
    published = publish_figures(scoped_set(), threshold=5, scoped=True)
    assert published.tables["outcomes"] == [
        {"stage": 1, "outcome": "upheld", "count": None, "pct": None},
        {"stage": 1, "outcome": "not_upheld", "count": 5, "pct": 41.7},
    ]
    # The TOTAL row is the whole report, which is itself a cut by area.
    assert published.tables["responses.stage1.bands_by_area"][0]["count"] is None
    assert published.tables["compliments.by_service"] == [{"service": "Adoption", "count": 1}]
    assert published.tables["actions.by_theme"] == scoped_set().tables["actions.by_theme"]


def test_json_shows_a_withheld_scalar_as_null_with_a_flag():
    document = to_json(publish_figures(scoped_set(), threshold=5, scoped=True))
    assert document["figures"]["received.stage2"] is None
    assert document["suppressed"]["received.stage2"] is True
    assert "received.stage1" not in document["suppressed"]
    assert list(document) == ["schema", "period", "as_of", "figures", "suppressed", "tables"]


def test_the_scalar_threshold_is_the_authority_s():
    published = publish_figures(scoped_set(), threshold=3, scoped=True)
    assert published.figures["received.stage2"] is None
    assert published.figures["received.stage1.previous"] == 3


def test_every_scalar_is_a_count_of_people_worked_from_them_or_one_that_identifies_no_one():
    """A new figure must be placed: a `Counted` is withheld unless it identifies no one, and a
    percentage or average must say what it is worked from."""
    unplaced = []
    for figure_id, spec in SCALARS.items():
        if counts_people(figure_id) or derived_from(figure_id) is not None:
            continue
        if spec.group in {"money", "learning", "reasons"} or figure_id.startswith(
            ("compliments.", "context.", "lgo.remedy_payments")
        ):
            continue
        unplaced.append(figure_id)
    assert unplaced == []
    for figure_id in SCALARS:
        derived = derived_from(figure_id)
        if derived is not None:
            for count in (*derived.counts, *([derived.base] if derived.base else [])):
                assert count in SCALARS, (figure_id, count)


def test_a_scoped_report_withholds_the_list_of_ombudsman_enquiries_with_their_number():
    listed = [
        {"enquiry": "Enquiry 1", "received_date": datetime.date(2021, 11, 1), "decision": None},
        {"enquiry": "Enquiry 2", "received_date": datetime.date(2022, 1, 4), "decision": None},
    ]
    figures = FigureSet(
        period=financial_year("2021-22"),
        as_of=datetime.date(2022, 5, 31),
        figures={"lgo.enquiries": 2},
        tables={"lgo.enquiries": listed},
        table_evidence={"lgo.enquiries": {0: _evidence(1), 1: _evidence(1)}},
    )
    published = publish_figures(figures, threshold=5, scoped=True)
    assert published.tables["lgo.enquiries"] == []
    assert "lgo.enquiries" not in published.table_evidence
    # The whole authority's list is published, as its number is.
    assert publish_figures(figures, threshold=5).tables["lgo.enquiries"] == listed
