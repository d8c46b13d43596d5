"""Publication rules (FIGURES.md, "Publishing"): small counts in tables cut by service, area or
theme are withheld, with the percentages that would give them back; nothing else changes."""

import datetime

import polars as pl
import pytest

from redress.reporting.figures import FigureSet, to_json
from redress.reporting.periods import financial_year
from redress.reporting.publish import CUT_TABLES, SmallCount, publish_figures


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
