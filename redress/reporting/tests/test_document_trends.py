"""The trend over four years in the report's words and tables (parts/trends.py), on the published
Sandwell report's numbers (Table 1: 263, 270, 213 and 205 stage 1 complaints, 55%, 73%, 63% and
66% upheld or partly upheld; Table 9: "76% … against 84% … 71% … 50%"), and the stage 3 panel
sentence (parts/timeliness.py)."""

from typing import Any

import pytest

from redress.reporting.charts import definitions
from redress.reporting.document.build import build_document
from redress.reporting.document.model import ChartBlock, DrillRef
from redress.reporting.figures import FigureSet, ReportSettings, compute_figures
from redress.reporting.periods import financial_year
from redress.reporting.publish import publish_figures

from .builders import AS_OF, FactsBuilder
from .test_charts import _values
from .test_document_build import paragraphs, table, texts
from .test_figures_trend import sandwell

YEAR = financial_year("2021-22")


def build(figures: FigureSet, facts=None):
    return build_document(
        figures=figures,
        authority="Sandwell Children's Trust",
        service=None,
        narratives={},
        settings=ReportSettings(),
        facts=facts,
    )


@pytest.fixture(scope="module")
def facts(calendar):
    return sandwell(calendar).build(calendar)


@pytest.fixture(scope="module")
def figures(facts):
    return compute_figures(facts=facts, period=YEAR, keep_evidence=True)


@pytest.fixture
def document(db, figures, facts):
    return build(figures, facts)


def test_volumes_say_how_the_four_years_went(document):
    said = paragraphs(document, "volumes")
    assert (
        "Over the last four years, stage 1 complaints went from 263 in 2018-19 to 270 in "
        "2019-20, 213 in 2020-21 and 205 in 2021-22." in said
    )
    # Table 1's 55%, 73%, 63% and 66%.
    assert (
        "The share of them upheld or partly upheld was 54.8% in 2018-19, 73.3% in 2019-20, "
        "62.9% in 2020-21 and 65.9% in 2021-22." in said
    )
    trend = table(document, "trend.stage1.by_year")
    assert trend.caption == "Stage 1 complaints, 2018-19 to 2021-22"
    assert texts(trend) == [
        ["2018-19", "263", "144", "54.8%"],
        ["2019-20", "270", "198", "73.3%"],
        ["2020-21", "213", "134", "62.9%"],
        ["2021-22", "205", "135", "65.9%"],
    ]
    # Each count drills to its year's records.
    assert [row[1].drill for row in trend.rows] == [
        DrillRef("trend.stage1.by_year", i) for i in range(4)
    ]


def test_timeliness_says_how_the_four_years_went(document):
    said = paragraphs(document, "timeliness")
    # Table 9: "76% … a slight decrease in comparison to … 84%, however an improvement compared
    # with … 2019/20 which was 71% and … 2018/19, where just 50%".
    assert (
        "Of the stage 1 complaints received in 2021-22 and answered, 76.1% were answered within "
        "their deadline (extended where agreed), against 84.0% in 2020-21, 71.1% in 2019-20 and "
        "50.2% in 2018-19." in said
    )
    # Over the responses issued, against the longest timescale (20 working days).
    assert (
        "In 2021-22, 88.3% of stage 1 responses were issued within 20 working days, against "
        "92.0% in 2020-21, 85.6% in 2019-20 and 75.3% in 2018-19." in said
    )
    assert (
        "The average response took 8.56 working days, against 7.39 in 2020-21, 9.33 in 2019-20 "
        "and 12.45 in 2018-19." in said
    )
    trend = table(document, "trend.stage1.in_time")
    assert trend.caption == "Stage 1 complaints answered in time, 2018-19 to 2021-22"
    assert [c.label for c in trend.columns] == [
        "Year",
        "Responses issued",
        "Within 20 working days",
        "Average working days",
        "Complaints received and answered",
        "Answered within their deadline",
    ]
    assert texts(trend) == [
        ["2018-19", "263", "75.3%", "12.45", "263", "50.2%"],
        ["2019-20", "270", "85.6%", "9.33", "270", "71.1%"],
        ["2020-21", "213", "92.0%", "7.39", "213", "84.0%"],
        ["2021-22", "205", "88.3%", "8.56", "205", "76.1%"],
    ]
    chart = next(
        b
        for b in document.section("timeliness").blocks
        if isinstance(b, ChartBlock) and b.key == "timeliness.trend"
    )
    assert chart.table is trend
    assert chart.description.endswith("Complaints received: answered in time in 2021-22: 76.1%.")


def test_the_highest_lowest_quickest_and_slowest_of_the_years_are_said(db, calendar):
    """2021-22 worst of three years on every measure: each sentence says so."""
    b = FactsBuilder()
    for label, taken in (("2019-20", 5), ("2020-21", 8), ("2021-22", 25)):
        received = financial_year(label).start.replace(day=12)
        b.stage1(received, responded=calendar.due_date(received, taken), outcome="upheld")
    facts = b.build(calendar)
    said = paragraphs(build(compute_figures(facts=facts, period=YEAR), facts), "timeliness")
    assert (
        "In 2021-22, 0.0% of stage 1 responses were issued within 20 working days, against "
        "100.0% in 2020-21 and 100.0% in 2019-20: the lowest of the three years." in said
    )
    assert (
        "The average response took 25.00 working days, against 8.00 in 2020-21 and 5.00 in "
        "2019-20: the slowest of the three years." in said
    )
    assert (
        "Of the stage 1 complaints received in 2021-22 and answered, 0.0% were answered within "
        "their deadline (extended where agreed), against 100.0% in 2020-21 and 100.0% in "
        "2019-20: the lowest of the three years." in said
    )


def test_a_year_with_none_says_none_and_two_years_give_a_table_but_no_sentence(db, calendar):
    b = FactsBuilder()
    b.stage1("2019-06-03", responded="2019-06-10", outcome="upheld")
    b.stage1("2021-06-07", responded="2021-06-14", outcome="not_upheld")
    b.stage1("2021-06-08", responded="2021-06-15", outcome="not_upheld")
    facts = b.build(calendar)
    document = build(compute_figures(facts=facts, period=YEAR), facts)
    # 2020-21 had none, between two years that had some.
    assert (
        "Over the last three years, stage 1 complaints went from 1 in 2019-20 to none in "
        "2020-21 and 2 in 2021-22." in paragraphs(document, "volumes")
    )
    # No share of nothing: 2020-21 is left out of the shares.
    assert (
        "The share of them upheld or partly upheld was 100.0% in 2019-20 and 0.0% in 2021-22."
        in paragraphs(document, "volumes")
    )
    assert texts(table(document, "trend.stage1.in_time"))[1] == [
        "2020-21",
        "0",
        "–",
        "–",
        "0",
        "–",
    ]

    b = FactsBuilder()
    b.stage1("2020-06-01", responded="2020-06-08", outcome="upheld")
    b.stage1("2021-06-07", responded="2021-06-14", outcome="not_upheld")
    facts = b.build(calendar)
    document = build(compute_figures(facts=facts, period=YEAR), facts)
    # Two years: the comparison with last year already says it; the table shows both.
    assert not any("Over the last" in p for p in paragraphs(document, "volumes"))
    assert not any("were answered within their" in p for p in paragraphs(document, "timeliness"))
    assert texts(table(document, "trend.stage1.by_year")) == [
        ["2020-21", "1", "1", "100.0%"],
        ["2021-22", "1", "0", "0.0%"],
    ]

    b = FactsBuilder()
    b.stage1("2021-06-07", responded="2021-06-14", outcome="not_upheld")
    facts = b.build(calendar)
    document = build(compute_figures(facts=facts, period=YEAR), facts)
    with pytest.raises(AssertionError, match=r"No table trend\.stage1\.by_year"):
        table(document, "trend.stage1.by_year")


def test_a_published_report_keeps_the_trend_s_small_counts(db, calendar):
    """Whole-authority counts by year identify no one: not withheld, however small."""
    b = FactsBuilder()
    for label in ("2018-19", "2019-20", "2020-21", "2021-22"):
        received = financial_year(label).start.replace(day=14)
        b.stage1(received, responded=calendar.due_date(received, 5), outcome="upheld")
    facts = b.build(calendar)
    published = publish_figures(compute_figures(facts=facts, period=YEAR), threshold=5)
    assert not {t for t, _, _ in published.suppressed} & {
        "trend.stage1.by_year",
        "trend.stage1.responses.by_year",
    }
    document = build(published, facts)
    assert texts(table(document, "trend.stage1.by_year"))[0] == ["2018-19", "1", "1", "100.0%"]
    assert (
        "Over the last four years, stage 1 complaints went from 1 in 2018-19 to 1 in 2019-20, "
        "1 in 2020-21 and 1 in 2021-22." in paragraphs(document, "volumes")
    )


def test_the_in_time_chart_is_valid_labelled_and_described():
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema import core as vega_lite

    from redress.reporting.charts import to_svg

    rows: list[dict[str, Any]] = [
        {"measure": "Responses within 20 working days", "year": "2020-21", "pct": 63.7},
        {"measure": "Responses within 20 working days", "year": "2021-22", "pct": 53.4},
        {"measure": "Complaints received: answered in time", "year": "2020-21", "pct": None},
        {"measure": "Complaints received: answered in time", "year": "2021-22", "pct": 51.4},
    ]
    chart = definitions.in_time_by_year(rows)
    validate_jsonschema(chart.spec, vega_lite.load_schema())
    svg = to_svg(chart.spec)
    for row in _values(chart.spec):
        assert f">{row['label']}<" in svg, row
    assert chart.description == (
        "Bar charts of the percentage of stage 1 complaints answered in time, by year. "
        "Responses within 20 working days in 2020-21: 63.7%; Responses within 20 working days "
        "in 2021-22: 53.4%; Complaints received: answered in time in 2021-22: 51.4%."
    )
    assert definitions.in_time_by_year([]).empty


# -- The stage 3 panels ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("requests", "held", "in_time", "sentence"),
    [
        (
            14,
            13,
            11,
            "Review panels met for 13 of the 14 stage 3 requests received in 2021-22; 11 of them "
            "within 30 working days of the request.",
        ),
        (
            3,
            3,
            3,
            "Review panels met for all 3 stage 3 requests received in 2021-22; all of them "
            "within 30 working days of the request.",
        ),
        (
            3,
            2,
            0,
            "Review panels met for 2 of the 3 stage 3 requests received in 2021-22; none of "
            "them within 30 working days of the request.",
        ),
        (
            4,
            1,
            1,
            "A review panel met for 1 of the 4 stage 3 requests received in 2021-22, within 30 "
            "working days of the request.",
        ),
        (
            1,
            1,
            0,
            "A review panel met for the stage 3 request received in 2021-22, but not within 30 "
            "working days of the request.",
        ),
        (
            1,
            0,
            0,
            "No review panel had met by 31 May 2022 for the stage 3 request received in 2021-22.",
        ),
        (
            2,
            0,
            0,
            "No review panel had met by 31 May 2022 for any of the 2 stage 3 requests received "
            "in 2021-22.",
        ),
    ],
)
def test_the_stage3_panels_in_a_sentence(db, requests, held, in_time, sentence):
    figures = FigureSet(
        period=YEAR,
        as_of=AS_OF,
        figures={
            "received.stage3": requests,
            "timeliness.stage3.panels_held": held,
            "timeliness.stage3.panels_in_time": in_time,
        },
    )
    said = [p for p in paragraphs(build(figures), "timeliness") if "panel" in p]
    assert said == [sentence]


def test_no_stage3_requests_no_panel_sentence(db):
    figures = FigureSet(
        period=YEAR,
        as_of=AS_OF,
        figures={
            "received.stage3": 0,
            "timeliness.stage3.panels_held": 0,
            "timeliness.stage3.panels_in_time": 0,
        },
    )
    assert not [p for p in paragraphs(build(figures), "timeliness") if "panel" in p]


def test_no_responses_this_year_no_timeliness_trend_sentence(db, calendar):
    b = FactsBuilder()
    b.stage1("2019-06-03", responded="2019-06-10", outcome="upheld")
    b.stage1("2020-06-01", responded="2020-06-08", outcome="upheld")
    b.stage1("2022-03-01")  # still outstanding at as_of
    facts = b.build(calendar)
    document = build(compute_figures(facts=facts, period=YEAR), facts)
    said = paragraphs(document, "timeliness")
    assert not any("of stage 1 responses were issued" in p for p in said)
    assert not any("answered within their deadline" in p for p in said)
    assert texts(table(document, "trend.stage1.in_time"))[-1] == [
        "2021-22",
        "0",
        "–",
        "–",
        "0",
        "–",
    ]
