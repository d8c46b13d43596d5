"""The second demo authority's published numbers: the Sandwell-shaped workbook (Sandwell
Children's Trust annual report 2021-22, /work/shared/reference/annual-report-sandwell-2021-22.txt,
reproduced for the fictional Brackenford Children's Trust by redress.demo.generator.sandwell),
imported into Redress, gives the report's figures for 2021-22 as at 31 May 2022.

Where the report contradicts itself the test asserts the reading of
redress/demo/generator/sandwell/shape.py and says which. The workbook is generated and imported
once per test process, inside a transaction that is rolled back, and its fixtures built as the
Birmingham tests' are (redress/reporting/tests/builders/published.py).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from redress.demo.generator.records import SHEETS
from redress.demo.generator.sandwell import build_rows, shape
from redress.demo.management.commands.demo_setup import SANDWELL_SETTINGS
from redress.reporting.document.build import build_document
from redress.reporting.figures import compute_figures
from redress.reporting.figures.context import ReportSettings
from redress.reporting.periods import financial_year, make_period
from redress.reporting.tests.builders.published import published_fixtures, sandwell_facts

pytestmark = pytest.mark.django_db


# The demo's setting (demo_setup): a stage 2 investigation costs £3,500 (section 6).
facts, years, year, figures, tables = published_fixtures(
    sandwell_facts,
    settings=ReportSettings(stage2_average_cost=Decimal(shape.STAGE2_AVERAGE_COST)),
    keep_evidence=False,
)


def test_stage1_volumes_against_earlier_years(figures, tables):
    """Table 1 and section 3.1: 205 in 2021-22, 213, 270 and 263 before it. "A decrease of 2%
    (8 complaints)": 8 fewer is 3.8% (reading 3)."""
    assert figures["received.stage1"] == 205
    assert figures["received.stage1.previous"] == 213
    assert figures["received.stage1.change_pct"] == -3.8
    by_year = {r["year"]: r["stage1"] for r in tables["received.by_year"]}
    assert by_year == {"2018-19": 263, "2019-20": 270, "2020-21": 213, "2021-22": 205}
    assert len(tables["received.stage1.by_month"]) == 36
    # Stages 2 and 3 (section 7: four stage 2s began in 2021-22, the fifth active one in
    # 2020-21; section 8: two stage 3 requests). Earlier years are invented.
    assert tables["received.by_year"][-2:] == [
        {"year": "2020-21", "stage1": 213, "stage2": 6, "stage3": 0},
        {"year": "2021-22", "stage1": 205, "stage2": 4, "stage3": 2},
    ]


def test_upheld_or_partly_upheld(facts, figures):
    """Table 1: 135 (66%) against 134 (63%), 198 (73%) and 144 (55%); reading 4: "a 3%
    increase" is three points."""
    assert figures["outcome.stage1.upheld"] + figures["outcome.stage1.partially_upheld"] == 135
    assert figures["outcome.stage1.upheld_or_partially.pct"] == 65.9
    assert figures["outcome.stage1.upheld_or_partially.pct.previous"] == 62.9
    earlier = {
        label: compute_figures(facts=facts, period=financial_year(label)).figures
        for label in ("2018-19", "2019-20")
    }
    assert earlier["2019-20"]["outcome.stage1.upheld_or_partially.pct"] == 73.3
    assert earlier["2018-19"]["outcome.stage1.upheld_or_partially.pct"] == 54.8


def test_timeliness_by_quarter_and_year_on_year(facts, figures, tables):
    """Table 8: met 36, 46, 30, 44 and missed 14, 15, 9, 11: 156 of 205, 76% (76.1); section
    4.4: 84% the year before, 71% and 50% earlier (reading 15)."""
    assert tables["timeliness.stage1.by_quarter"] == [
        {"quarter": "Q1", "met": 36, "missed": 14},
        {"quarter": "Q2", "met": 46, "missed": 15},
        {"quarter": "Q3", "met": 30, "missed": 9},
        {"quarter": "Q4", "met": 44, "missed": 11},
    ]
    assert figures["timeliness.stage1.cohort"] == 205
    assert figures["timeliness.stage1.within_applicable"] == 156
    assert figures["timeliness.stage1.within_applicable.pct"] == 76.1
    assert figures["timeliness.stage1.within_applicable.pct.previous"] == 84.0
    earlier = {
        label: compute_figures(facts=facts, period=financial_year(label)).figures
        for label in ("2018-19", "2019-20")
    }
    assert earlier["2019-20"]["timeliness.stage1.within_applicable.pct"] == 71.1
    assert earlier["2018-19"]["timeliness.stage1.within_applicable.pct"] == 50.2


def test_the_headline_leads_with_timeliness_against_the_deadline(year):
    """Section 4.4 leads with the complaints received, each against its deadline: 76% against
    84% (the demo's setting report_timeliness_by). Only the summary is built."""
    document = build_document(
        figures=year,
        authority=shape.AUTHORITY,
        service=None,
        narratives={},
        settings=ReportSettings(
            sections=("summary",),
            reasons_by="theme",
            timeliness_by=SANDWELL_SETTINGS["report_timeliness_by"],
        ),
    )
    assert (
        "76.1% of the 205 stage 1 complaints received in 2021-22 and answered by 31 May 2022 "
        "were answered within the deadline (extended where agreed), against 84.0% in 2020-21: "
        "fewer in time, which is worse."
    ) in [p.plain.split(" The average")[0] for p in document.summary]


def test_stage2_average_against_the_year_before(facts, year):
    """Section 7.1: "The average number of days to respond to a Stage 2 complaint was 74 days
    … a further improvement in comparison to the previous reporting year, where the average
    Stage 2 complaint was completed within 93 days" (reading 10)."""
    figures = year.figures
    assert figures["stage2.completed.average_working_days"] == 74
    assert figures["stage2.completed.average_working_days.previous"] == 93
    assert figures["stage2.completed.average_working_days.change_pct"] == -20.4
    document = build_document(
        figures=year,
        authority=shape.AUTHORITY,
        service=None,
        narratives={},
        settings=ReportSettings(sections=("timeliness",), reasons_by="theme"),
        facts=facts,
    )
    said = [b.plain for b in document.section("timeliness").blocks if hasattr(b, "plain")]
    assert any(
        p.endswith(
            "3 were completed in it, 3 of them after their deadline, taking 74.00 working days "
            "on average, against 93.00 in 2020-21: quicker, which is better."
        )
        for p in said
    ), [p for p in said if "stage 2" in p]


def test_the_procedure_describes_only_what_the_authority_uses(facts, year):
    """Section 2: every complaint is statutory, so the local procedure is not described; the
    trust offers mediation (section 6), by a senior manager rather than an independent
    mediator, so mediation is described without saying who mediates."""
    document = build_document(
        figures=year,
        authority=shape.AUTHORITY,
        service=None,
        narratives={},
        settings=ReportSettings(sections=("procedure",), reasons_by="theme"),
        facts=facts,
    )
    said = [b.plain for b in document.section("procedure").blocks if hasattr(b, "plain")]
    assert said[0].startswith("Statutory children's procedure.")
    assert not any("Local complaints procedure" in p for p in said)
    assert any(p.startswith("Mediation: where a complainant is unhappy") for p in said)
    assert not any("independent mediator" in p for p in said)


def test_four_year_trend_tables_1_and_9(tables):
    """Tables 1 and 9 as one trend: received, upheld or partly upheld, and in time against the
    deadline (extended where agreed), 2018-19 to 2021-22 (readings 14 and 15)."""
    trend = [
        (r["year"], r["received"], r["upheld_or_partially"], r["upheld_or_partially_pct"],
         r["in_time_pct"])
        for r in tables["trend.stage1.by_year"]
    ]  # fmt: skip
    assert trend == [
        ("2018-19", 263, 144, 54.8, 50.2),
        ("2019-20", 270, 198, 73.3, 71.1),
        ("2020-21", 213, 134, 62.9, 84.0),
        ("2021-22", 205, 135, 65.9, 76.1),
    ]


def test_themes_and_the_top_five_against_last_year(tables):
    """Table 16 (every theme's count) and Table 17 (the top five upheld or partly upheld,
    against 2020-21's); reading 5: Actions / Conduct of Worker 33, not 30."""
    assert {r["theme"]: r["count"] for r in tables["themes.stage1"]} == shape.THEMES_2021_22
    top5 = {
        r["theme"]: (r["count"], r["upheld_or_partially"], r["previous_upheld_or_partially"])
        for r in tables["themes.stage1.top5"]
    }
    assert top5 == {
        "Actions / Conduct of Worker": (56, 33, 36),
        "Decision Making": (35, 16, 17),
        "Financial Assistance": (19, 7, 11),
        "Quality of Service": (19, 8, 10),  # 2020-21 not in its top five: invented
        "Poor Communication": (17, 12, 13),
    }


def test_childrens_complaints(figures, tables):
    """Section 5.2 and Table 12: 28 complaints (40 the year before), 11 upheld, 11 partly, 6
    not upheld, 10 supported by an advocate; reading 2: 14 of the other 18 answered."""
    assert figures["cyp.stage1.received"] == 28
    assert figures["cyp.stage1.received.previous"] == 40
    assert figures["cyp.stage1.received.change_pct"] == -30.0  # "30% (12 complaints) less"
    assert figures["cyp.stage1.with_advocate"] == 10
    assert figures["cyp.stage1.outcome.upheld"] == 11
    assert figures["cyp.stage1.outcome.partially_upheld"] == 11
    assert figures["cyp.stage1.outcome.not_upheld"] == 6
    assert {r["theme"]: r["count"] for r in tables["cyp.themes"]} == shape.CYP_THEMES_2021_22
    answered = {r["question"]: r for r in tables["cyp.satisfaction"]}
    assert answered["taken_seriously"]["yes"] == 14
    assert answered["taken_seriously"]["no_answer"] == 4


def test_informal_feedback_from_children(figures, tables):
    """Section 5.4 and Table 13: 12 contacts (25 the year before, reading 8), 10 satisfied."""
    assert figures["informal_feedback.received"] == 12
    assert figures["informal_feedback.received.previous"] == 25
    assert figures["informal_feedback.received.change_pct"] == -52.0  # "a 52% decrease"
    assert figures["informal_feedback.cyp"] == 12
    assert figures["informal_feedback.cyp.satisfied"] == 10
    themes = {r["theme"]: r["count"] for r in tables["informal_feedback.themes"]}
    assert themes == shape.FEEDBACK_THEMES_2021_22


def test_repeat_complainants_and_compliments(figures):
    """Section 4.3: 25 people made two or more stage 1 complaints; section 12: 203
    compliments, 58 from outside the trust."""
    assert figures["repeat_complainants.stage1.people"] == 25
    assert figures["compliments.received"] == 203
    assert figures["compliments.external"] == 58


def test_mediation_stage2_stage3_and_ombudsman(facts, figures, tables):
    """Sections 6 to 9 (readings 9 to 12)."""
    assert figures["mediation.offered"] == 18
    assert figures["mediation.held"] == 17
    assert {r["outcome"]: r["count"] for r in tables["mediation.outcomes"] if r["count"]} == (
        shape.MEDIATION
    )
    assert figures["mediation.estimated_saving"] == 52500
    assert figures["received.stage2"] == 4
    assert figures["stage2.active"] == 5
    assert figures["stage2.completed"] == 3
    assert figures["stage2.completed_out_of_time"] == 3
    assert figures["stage2.completed.average_working_days"] == 74
    before = compute_figures(facts=facts, period=financial_year("2020-21")).figures
    assert before["stage2.completed.average_working_days"] == 93
    assert figures["received.stage3"] == 2
    assert figures["lgo.enquiries"] == 5
    assert figures["lgo.decision.fault_found"] == 2
    assert figures["lgo.decision.premature"] == 1
    assert figures["lgo.decision.closed_after_initial_enquiries"] == 1
    assert figures["lgo.decision.not_investigated"] == 1
    assert figures["lgo.remedy_payments"] == 180
    enquiries = [(r["received_date"], r["decision"]) for r in tables["lgo.enquiries"]]
    assert enquiries == [(received, d) for _n, received, d, _on in shape.OMBUDSMAN]


def test_service_areas_then_localities(facts, tables):
    """Section 4.1: service areas from April to December 2021, localities from January 2022;
    Children in Care Service 2.9% of its open cases, Kelsall and Oakditch (Sandwell's
    "Smethwick and Oldbury") 2.8%, the two highest of January–March."""
    spring = compute_figures(
        facts=facts, period=make_period(datetime.date(2022, 1, 1), datetime.date(2022, 3, 31))
    ).tables
    areas = {r["area"]: r["stage1"] for r in spring["received.by_area"]}
    assert areas == {
        "Citywide": 15,
        "Kelsall and Oakditch": 14,
        "Brackenford Central": 11,
        "Tolbury and Wedmore": 9,
        "Rowan Heath": 6,
    }
    before = compute_figures(
        facts=facts, period=make_period(datetime.date(2021, 4, 1), datetime.date(2021, 12, 31))
    ).tables
    assert [r["area"] for r in before["received.by_area"]] == ["Citywide"]
    assert {r["service"]: r["stage1"] for r in before["received.by_service"]} == (
        shape.STAGE1_BY_OLD_SERVICE
    )
    ratios = {r["service"]: r["pct"] for r in tables["ratio.stage1_to_open_cases.by_service"]}
    assert ratios["Children in Care Service"] == 2.9
    assert ratios["Kelsall and Oakditch Locality"] == 2.8
    new = [ratios[name] for name in shape.NEW_SERVICES]
    assert sorted(new, reverse=True)[:2] == [2.9, 2.8]


def test_trust_handles_stage1_and_the_council_the_rest():
    """Section 1: the trust answers stage 1; the council manages stages 2 and 3 (the import
    format's `organisation` column on complaints and stages)."""
    rows = build_rows()
    column = SHEETS["stages"].index("organisation")
    by_stage = {(row[1], row[column]) for row in rows["stages"]}
    assert by_stage == {("1", shape.AUTHORITY), ("2", shape.COUNCIL), ("3", shape.COUNCIL)}
    column = SHEETS["complaints"].index("organisation")
    assert {row[column] for row in rows["complaints"]} == {shape.AUTHORITY}
