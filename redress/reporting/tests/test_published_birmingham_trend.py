"""The trend over four years and the stage 3 panels on the demo data (the Birmingham Children's
Trust annual report 2021-22, /work/shared/reference/annual-report-birmingham-2021-22.txt,
reproduced for Kingsmoor Children's Trust): the published two years of each trend ("142 of 265
(53.4%) … (the compliance rate was 63.7% in 2020/21). The average response time was 28.81
working days, which compares with 27.44 working days in 2020/21"; "decreased from 38% in 2020/21
to 35%"; 310 and 362 stage 1 complaints), the years before it as the demo generates them, and
the report's sentences. As in test_published_birmingham, the text's "265" responses is the
table's 266 (reading 3 of redress/demo/generator/shape.py)."""

import pytest

from redress.reporting.figures import compute_figures
from redress.reporting.periods import financial_year

from .builders.published import birmingham_facts, kingsmoor_document, published_fixtures
from .test_document_build import paragraphs

pytestmark = pytest.mark.django_db


facts, years, year, figures, tables = published_fixtures(birmingham_facts)


def test_the_published_years_of_the_trend(year):
    received = {r["year"]: r for r in year.tables["trend.stage1.by_year"]}
    responses = {r["year"]: r for r in year.tables["trend.stage1.responses.by_year"]}
    assert list(received) == list(responses) == ["2018-19", "2019-20", "2020-21", "2021-22"]
    assert (responses["2021-22"]["in_time"], responses["2021-22"]["in_time_pct"]) == (142, 53.4)
    assert responses["2020-21"]["in_time_pct"] == 63.7
    assert responses["2021-22"]["average_working_days"] == 28.81
    assert responses["2020-21"]["average_working_days"] == 27.44
    assert (received["2020-21"]["received"], received["2021-22"]["received"]) == (310, 362)
    assert received["2020-21"]["upheld_or_partially_pct"] == 38.1  # "38%"
    assert received["2021-22"]["upheld_or_partially_pct"] == 34.5  # "35%"
    # The report's "Number of complaints received since 2013/14" counts the same complaints.
    by_year = {r["year"]: r["stage1"] for r in year.tables["received.by_year"]}
    assert all(r["received"] == by_year[label] for label, r in received.items())


def test_each_row_is_its_year_s_figures(facts, year):
    figures = year.figures
    this, last = (
        year.tables["trend.stage1.responses.by_year"][-1],
        year.tables["trend.stage1.responses.by_year"][-2],
    )
    assert (this["in_time_pct"], last["in_time_pct"]) == (
        figures["responses.stage1.within_maximum.pct"],
        figures["responses.stage1.within_maximum.pct.previous"],
    )
    assert (this["average_working_days"], last["average_working_days"]) == (
        figures["responses.stage1.average_working_days"],
        figures["responses.stage1.average_working_days.previous"],
    )
    row = year.tables["trend.stage1.by_year"][-1]
    assert (row["received"], row["upheld_or_partially_pct"], row["in_time_pct"]) == (
        figures["received.stage1"],
        figures["outcome.stage1.upheld_or_partially.pct"],
        figures["timeliness.stage1.within_applicable.pct"],
    )
    for earlier in ("2018-19", "2019-20"):
        then = compute_figures(facts=facts, period=financial_year(earlier)).figures
        row = next(r for r in year.tables["trend.stage1.by_year"] if r["year"] == earlier)
        assert (row["received"], row["upheld_or_partially_pct"], row["in_time_pct"]) == (
            then["received.stage1"],
            then["outcome.stage1.upheld_or_partially.pct"],
            then["timeliness.stage1.within_applicable.pct"],
        )


def test_the_stage3_panels(year):
    """Of the 14 stage 3 requests of 2021-22, 13 panels had met by 31 May 2022, 11 within 30
    working days: the published 84.6%."""
    figures = year.figures
    assert figures["received.stage3"] == 14
    assert figures["timeliness.stage3.panels_held"] == 13
    assert figures["timeliness.stage3.panels_in_time"] == 11
    assert figures["timeliness.stage3.panel_within_30.pct"] == 84.6


def test_the_report_says_it(facts, year):
    document = kingsmoor_document(year, facts=facts)
    volumes = paragraphs(document, "volumes")
    assert (
        "Over the last four years, stage 1 complaints went from 352 in 2018-19 to 377 in "
        "2019-20, 310 in 2020-21 and 362 in 2021-22." in volumes
    )
    assert (
        "The share of them upheld or partly upheld was 36.9% in 2018-19, 37.1% in 2019-20, "
        "38.1% in 2020-21 and 34.5% in 2021-22." in volumes
    )
    timeliness = paragraphs(document, "timeliness")
    assert (
        "Review panels met for 13 of the 14 stage 3 requests received in 2021-22; 11 of them "
        "within 30 working days of the request." in timeliness
    )
    assert (
        "In 2021-22, 53.4% of stage 1 responses were issued within 20 working days, against "
        "63.7% in 2020-21, 68.0% in 2019-20 and 69.4% in 2018-19: the lowest of the four years."
        in timeliness
    )
    assert (
        "The average response took 28.81 working days, against 27.44 in 2020-21, 21.58 in "
        "2019-20 and 20.35 in 2018-19: the slowest of the four years." in timeliness
    )
    assert (
        "Of the stage 1 complaints received in 2021-22 and answered, 51.4% were answered within "
        "their deadline (extended where agreed), against 58.7% in 2020-21, 61.2% in 2019-20 and "
        "62.9% in 2018-19: the lowest of the four years." in timeliness
    )
    # The form fragment is gone.
    assert not any("whose review panel has met" in p for p in timeliness)
