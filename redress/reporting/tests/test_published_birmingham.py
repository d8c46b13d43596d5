"""The published numbers: the foundation's demo workbook (Birmingham Children's Trust annual
report 2021-22, /work/shared/reference/annual-report-birmingham-2021-22.txt, reproduced for the
fictional Kingsmoor Children's Trust by redress.demo.generator), imported into Redress, gives
the report's figures for 2021-22 as at 31 May 2022: one test per published table or headline.
Appendix A (timeliness) and Appendix B (reasons) are in test_published_birmingham_appendices.

Where the report contradicts itself the test asserts the correct value and says what the
report printed and why it cannot be right (the readings are those of
redress/demo/generator/shape.py). The workbook is generated and imported once per test
process, inside a transaction that is rolled back (builders/published.py).
"""

from decimal import Decimal

import pytest

from redress.reporting.figures.numbers import pct

from .builders.published import birmingham_facts, kingsmoor_document, published_fixtures

# Marked so that it runs before any transactional test flushes the procedures away.
pytestmark = pytest.mark.django_db

YEARS = ("2017-18", "2018-19", "2019-20", "2020-21", "2021-22")


facts, years, year, figures, tables = published_fixtures(birmingham_facts, years=YEARS)


def test_volumes_rose_at_every_stage(figures, tables):
    """Executive summary: "an increase of 16.8% at stage 1 (362 complaints received) … 6.4% at
    stage 2 (50 …) … 40% at stage 3 (14 …)"; section 3: 47 and 10 stage 2s and 3s in 2020-21.

    Section 3 says stage 1 rose "18.4%": wrong. 2020-21 had 310 (confirmed by its "eight
    (2.58%)" children's complaints and its 2.03% ratio to 15,286 referrals), and 362 on 310 is
    16.8%, as the executive summary says."""
    assert figures["received.stage1"] == 362
    assert figures["received.stage1.previous"] == 310
    assert figures["received.stage1.change_pct"] == 16.8
    assert figures["received.stage2"] == 50
    assert figures["received.stage2.previous"] == 47
    assert figures["received.stage2.change_pct"] == 6.4
    assert figures["received.stage3"] == 14
    assert figures["received.stage3.previous"] == 10
    assert figures["received.stage3.change_pct"] == 40.0
    # "Number of complaints received since 2013/14"
    by_year = tables["received.by_year"]
    assert by_year[0]["year"] == "2013-14"
    assert by_year[-2:] == [
        {"year": "2020-21", "stage1": 310, "stage2": 47, "stage3": 10},
        {"year": "2021-22", "stage1": 362, "stage2": 50, "stage3": 14},
    ]
    assert len(tables["received.stage1.by_month"]) == 36
    assert sum(r["count"] for r in tables["received.stage1.by_month"][-12:]) == 362


def test_statutory_and_local_procedures(figures):
    """ "234 complaints (65%) were considered through the statutory complaints procedure, while
    128 complaints (35%) … through the Trust's local complaints procedure." """
    assert figures["received.stage1.statutory"] == 234
    assert figures["received.stage1.local"] == 128
    assert pct(234, 362) == 64.6  # "65%"
    assert pct(128, 362) == 35.4  # "35%"
    # Not published, but fixed by the stage 2 escalation rate (see below): 33 and 17.
    assert (figures["received.stage2.statutory"], figures["received.stage2.local"]) == (33, 17)


def test_ratios_to_referrals_and_family_assessments_over_three_years(years):
    """The table of referrals, family assessments and the ratios of stage 1 complaints to them.

    The report prints 2.41% for 2020-21 family assessments: 310 ÷ 12,830 is 2.416%, so 2.42%."""
    published = {
        "2019-20": (13869, 2.72, 12451, 3.03),
        "2020-21": (15286, 2.03, 12830, 2.42),  # the report: 2.41%
        "2021-22": (15636, 2.32, 11588, 3.12),
    }
    for label, (referrals, to_referrals, assessments, to_assessments) in published.items():
        figures = years[label].figures
        assert figures["context.referrals"] == referrals, label
        assert figures["ratio.stage1_to_referrals.pct"] == to_referrals, label
        assert figures["context.family_assessments"] == assessments, label
        assert figures["ratio.stage1_to_family_assessments.pct"] == to_assessments, label


def test_services_receiving_most_complaints_at_each_stage(figures, tables):
    """ "The services receiving most stage 1 complaints were: North West Central Child in Care
    (44); Disabled Children's Social Care (37); South Safeguarding (34); East ASTI (28); and
    South Child in Care (28)." Stage 2: Disabled Children's Social Care (10); South
    Safeguarding (7); South ASTI (4); East Child in Care (3); and East Safeguarding (3). Stage
    3: South Safeguarding (3); East Child in Care (3); Disabled Children's Social Care (2); "Six
    other services received one stage 3 complaint." """
    services = tables["received.by_service"]
    assert [(r["service"], r["stage1"]) for r in services[:5]] == [
        ("North West Central Child in Care", 44),
        ("Disabled Children's Social Care", 37),
        ("South Safeguarding", 34),
        ("East ASTI", 28),
        ("South Child in Care", 28),
    ]
    by_stage2 = sorted(services, key=lambda r: -r["stage2"])
    assert [(r["service"], r["stage2"]) for r in by_stage2[:5]] == [
        ("Disabled Children's Social Care", 10),
        ("South Safeguarding", 7),
        ("South ASTI", 4),
        ("East Child in Care", 3),
        ("East Safeguarding", 3),
    ]
    assert by_stage2[5]["stage2"] < 3
    stage3 = {r["service"]: r["stage3"] for r in services if r["stage3"]}
    assert {s: n for s, n in stage3.items() if n > 1} == {
        "South Safeguarding": 3,
        "East Child in Care": 3,
        "Disabled Children's Social Care": 2,
    }
    assert sorted(stage3.values()).count(1) == 6
    # "Complaints received by area and stage": services delivered across the Trust are grouped
    # as Citywide.
    areas = tables["received.by_area"]
    assert [r["area"] for r in areas] == ["Citywide", "East", "North, West & Central", "South"]
    assert [sum(r[f"stage{n}"] for r in areas) for n in (1, 2, 3)] == [362, 50, 14]


def test_escalation_rates(figures):
    """ "The percentage of complaints which escalated from stage 1 to stage 2 decreased to 13.8%
    (from 15.2% in 2020/21) … from stage 2 to stage 3 increased (from 28.6% in 2020/21 to
    42.6%)."

    42.6% cannot be had from 14 stage 3s: 14 of 33 statutory stage 2s (stage 3 follows the
    statutory stage 2 only) is 42.4%, and no whole number of stage 2s gives 42.6% (14 ÷ 32.86).
    2020-21's 28.6% is 10 of 35, as published."""
    assert figures["escalation.stage1_to_stage2.pct"] == 13.8  # 50 ÷ 362
    assert figures["escalation.stage1_to_stage2.pct.previous"] == 15.2  # 47 ÷ 310
    assert figures["escalation.stage2_to_stage3.pct"] == 42.4  # the report: 42.6%
    assert figures["escalation.stage2_to_stage3.pct.previous"] == 28.6


OUTCOMES = {  # stage: (upheld, partially, not upheld, inconclusive, outside jurisdiction,
    #                   withdrawn, outstanding) as printed, "–" as 0.0
    1: (13.3, 21.3, 35.1, 1.9, 11.0, 16.6, 0.8),  # printed 11.1 and 16.5: see below
    2: (2.0, 54.0, 28.0, 0.0, 4.0, 2.0, 10.0),
    3: (0.0, 71.4, 14.3, 7.1, 0.0, 7.1, 0.0),
}


def test_outcomes_of_complaints_by_stage(figures, tables):
    """The outcomes table, and "35% of stage 1 complaints were found to be upheld or partially
    upheld. The figure was 56% at stage 2 and 71% at stage 3"; "decreased from 38% in 2020/21";
    "56% compared with 55.3%"; "71.4% … a significant increase from 20% in 2020/21".

    The table prints 11.1% outside jurisdiction and 16.5% withdrawn at stage 1: no whole number
    of the 362 complaints gives either (40 is 11.0%, 41 is 11.3%; 59 is 16.3%, 60 is 16.6%).
    40 and 60 keep their printed sum, 27.6%. (The text's "55.3% in 2021/22" means 2020/21.)"""
    order = (
        "upheld",
        "partially_upheld",
        "not_upheld",
        "inconclusive",
        "outside_jurisdiction",
        "withdrawn",
        "outstanding",
    )
    for stage, printed in OUTCOMES.items():
        rows = [r for r in tables["outcomes"] if r["stage"] == stage]
        assert [r["outcome"] for r in rows] == list(order)
        assert tuple(r["pct"] for r in rows) == printed, stage
    assert (
        figures["outcome.stage1.outside_jurisdiction"],
        figures["outcome.stage1.withdrawn"],
    ) == (40, 60)
    assert figures["outcome.stage1.upheld_or_partially.pct"] == 34.5  # "35%": 125 of 362
    assert figures["outcome.stage1.upheld_or_partially.pct.previous"] == 38.1  # "38%"
    assert figures["outcome.stage2.upheld_or_partially.pct"] == 56.0
    assert figures["outcome.stage2.upheld_or_partially.pct.previous"] == 55.3
    assert figures["outcome.stage3.upheld_or_partially.pct"] == 71.4
    assert figures["outcome.stage3.upheld_or_partially.pct.previous"] == 20.0


def test_how_complaints_are_made(years, tables):
    """ "The majority of stage 1 complaints (approximately 80%) were submitted via email or by an
    online complaint form. For the second consecutive year, the number of complaints made by
    telephone increased, while complaints made by post … decreased for the fourth consecutive
    year." """
    methods = {r["method"]: r for r in tables["method.stage1"]}
    assert methods["email"]["count"] + methods["online_form"]["count"] == 290
    assert pct(290, 362) == 80.1
    counts = {
        label: {r["method"]: r["count"] for r in years[label].tables["method.stage1"]}
        for label in YEARS
    }
    telephone = [counts[label]["telephone"] for label in YEARS[1:]]
    assert telephone == [22, 18, 24, 31]  # down, then up two years running
    letters = [counts[label]["letter"] for label in YEARS]
    assert letters == [30, 24, 19, 13, 9]  # down four years running


def test_who_is_complaining(years, tables):
    """ "Approximately 75% of all stage 1 complaints received were made by parents or other
    family members, a decrease of 2% compared with 2020/21." """

    def family(label):
        rows = {
            r["complainant_type"]: r["count"] for r in years[label].tables["complainant.stage1"]
        }
        return rows["parent"] + rows["other_family"]

    assert family("2021-22") == 272
    assert pct(272, 362) == 75.1
    assert family("2020-21") == 239
    assert pct(239, 310) == 77.1  # 2.0 points more
    assert [r["complainant_type"] for r in tables["complainant.stage1"]][:2] == [
        "parent",
        "other_family",
    ]


def test_complaints_from_children_and_young_people(years, figures):
    """ "22 of the stage 1 complaints received were made by children, young people or care
    leavers …, which equates to 5.99% of all stage 1 complaints … an increase from 2020/21 which
    saw eight (2.58%)". The executive summary says "approximately 6%".

    22 of 362 is 6.08%: "5.99%" is a slip; to one place it is 6.1%. 2020-21's 8 of 310 is 2.58%
    to two places, as printed: 2.6% to one."""
    assert figures["cyp.stage1.received"] == 22
    assert figures["cyp.stage1.pct"] == 6.1
    assert pct(22, 362, places=2) == 6.08
    assert figures["cyp.stage1.received.previous"] == 8
    assert years["2020-21"].figures["cyp.stage1.pct"] == 2.6
    assert pct(8, 310, places=2) == 2.58
    assert figures["cyp.stage1.received.change_pct"] == 175.0


def test_mediation(figures, tables):
    """ "There were seven mediation meetings held during 2021/22. Of these seven mediations, three
    complaints were successfully resolved, with four complaints escalating to the stage 2." """
    assert figures["mediation.held"] == 7
    assert figures["mediation.outcome.resolved"] == 3
    assert figures["mediation.outcome.escalated"] == 4
    # Two more were offered and declined (not in the report).
    assert figures["mediation.offered"] == 9
    assert {r["outcome"]: r["count"] for r in tables["mediation.outcomes"]}["declined"] == 2


def test_the_ombudsman(figures, tables):
    """ "23 complainants contacted the Ombudsman's office during 2021/22, an increase of 10
    compared with 2020/21. Four complaints were referred back to the Trust as premature, while
    the Ombudsman declined to investigate 13 complaints. Six complaints were investigated, and
    fault was identified in three cases": three with fault found, two without, and one
    ("Complaint 6 … Investigation Ongoing") with no decision by 31 May 2022. The remedies paid
    were £200, £400 and £750."""
    assert figures["lgo.enquiries"] == 23
    assert figures["lgo.enquiries.previous"] == 13
    assert figures["lgo.decision.premature"] == 4
    assert figures["lgo.decision.not_investigated"] == 13
    assert figures["lgo.decision.fault_found"] == 3
    assert figures["lgo.decision.no_fault"] == 2
    assert figures["lgo.decision.pending"] == 1
    assert figures["lgo.investigated"] == 5  # decided; the sixth is the pending one
    assert figures["lgo.remedy_payments"] == Decimal("1350.00")
    assert len(tables["lgo.enquiries"]) == 23
    assert sum(r["count"] for r in tables["lgo.decisions"]) == 23


def test_complaint_costs(figures, tables):
    """Section 6 and its table: investigation costs up 73.2% to £143,177.96 (from £82,669.81);
    compensation "reduced by 51.7%, with a total of £7,089.00 paid (compared with £13,699.49 in
    2020/21)"; total payments £150,266.96 and £96,369.29.

    Two slips. Compensation in 2020-21 was £13,699.48: the table's lines add up to it, and the
    printed total £96,369.29 is £82,669.81 + £13,699.48. And £7,089.00 is 51.7% *of*
    £13,699.48: the fall is 48.3%."""
    pounds = Decimal
    rows = {(r["kind"], r["stage"]): (r["amount"], r["previous"]) for r in tables["costs"]}
    assert rows == {
        ("investigating_officer", "2"): (pounds("90399.00"), pounds("57818.31")),
        ("independent_person", "2"): (pounds("24783.50"), pounds("18600.50")),
        ("review_panel", "3"): (pounds("27995.46"), pounds("6251.00")),
        ("other_cost", "any"): (pounds("0.00"), pounds("0.00")),
        ("compensation", "1"): (pounds("1400.00"), pounds("3674.48")),
        ("compensation", "2"): (pounds("3739.00"), pounds("6550.00")),
        ("compensation", "3"): (pounds("600.00"), pounds("0.00")),  # "–" in 2020-21
        ("compensation", "lgo"): (pounds("1350.00"), pounds("3475.00")),
    }
    assert figures["costs.investigation.total"] == pounds("143177.96")
    assert figures["costs.investigation.total.previous"] == pounds("82669.81")
    assert figures["costs.investigation.total.change_pct"] == 73.2
    assert figures["compensation.total"] == pounds("7089.00")
    assert figures["compensation.total.previous"] == pounds("13699.48")  # printed .49
    assert figures["compensation.total.change_pct"] == -48.3  # printed "51.7%" lower
    assert pct(708900, 1369948) == 51.7  # what the report printed: a share, not a fall
    assert figures["payments.total"] == pounds("150266.96")
    assert figures["payments.total.previous"] == pounds("96369.29")
    assert figures["compensation.lgo"] == pounds("1350.00")


def test_compliments(figures):
    """ "52 compliments were recorded during 2021/22, a decrease of approximately 38.1% compared
    with the previous year" (84)."""
    assert figures["compliments.received"] == 52
    assert figures["compliments.received.previous"] == 84
    assert figures["compliments.received.change_pct"] == -38.1


def test_the_year_before_beside_this_one(figures, tables):
    """Section 3's comparisons with 2020-21, as figures: "142 of 265 (53.4%) … (the compliance
    rate was 63.7% in 2020/21). The average response time was 28.81 working days, which compares
    with 27.44 working days in 2020/21"; statutory stage 2 "87.48 working days (compared with
    64.09 …)", none within 25 "(compared with six complaints …)", six of 32 being 18.8%; local
    stage 2 64% against 50%. Reading 6: the local average is 29.93; the text's "32.80" is
    2020-21's. The stage 1 outcome shares of 2020-21 are the demo's (45, 73 and 102 of 310;
    the report gives only their sum, 38%), and so are its methods and complainants (the report
    describes them only in words)."""
    expected = {
        "responses.stage1.within_maximum.pct": (53.4, 63.7, -16.2),
        "responses.stage1.average_working_days": (28.81, 27.44, 5.0),
        "responses.stage2.statutory.within_initial.pct": (0.0, 18.8, -100.0),
        "responses.stage2.statutory.within_maximum.pct": (30.3, 62.5, -51.5),
        "responses.stage2.statutory.average_working_days": (87.48, 64.09, 36.5),
        "responses.stage2.local.within_applicable.pct": (64.3, 50.0, 28.6),
        "responses.stage2.local.average_working_days": (29.93, 32.8, -8.8),  # −8.75
        "outcome.stage1.upheld.pct": (13.3, 14.5, -8.7),  # 48 of 362 against 45 of 310
        "outcome.stage1.partially_upheld.pct": (21.3, 23.5, -9.7),
        "outcome.stage1.not_upheld.pct": (35.1, 32.9, 6.6),
    }
    assert {
        figure_id: (
            figures[figure_id],
            figures[f"{figure_id}.previous"],
            figures[f"{figure_id}.change_pct"],
        )
        for figure_id in expected
    } == expected
    methods = {r["method"]: (r["count"], r["previous"]) for r in tables["method.stage1"]}
    assert methods["telephone"] == (31, 24)  # "the number made by telephone increased"
    assert methods["letter"] == (9, 13)  # "by post … decreased"
    family = [
        (r["count"], r["previous"])
        for r in tables["complainant.stage1"]
        if r["complainant_type"] in ("parent", "other_family")
    ]
    assert [sum(pair) for pair in zip(*family, strict=True)] == [272, 239]  # 75.1% and 77.1%
    categories = {r["category"]: r["previous"] for r in tables["aspects.stage1.by_category"]}
    assert sum(categories.values()) == 839  # "compared with 839 in 2020/21"


def test_the_report_says_how_this_year_compares_with_the_last(facts, year):
    """The demo year's report in words: "53.4% …, against 63.7% the year before: fewer in time";
    more working days taken is worse; a higher or lower share upheld is neither."""
    from .test_document_build import paragraphs

    document = kingsmoor_document(year, facts=facts)
    assert [p.plain for p in document.summary][4] == (
        "53.4% of the 266 stage 1 responses issued in 2021-22 were within 20 working days, "
        "against 63.7% in 2020-21: fewer in time, which is worse. The average response took "
        "28.81 working days, against 27.44 in 2020-21: slower, which is worse."
    )
    timeliness = paragraphs(document, "timeliness")
    assert timeliness[1] == (
        "142 (53.4%) of 266 stage 1 responses were issued within 20 working days, the longest "
        "the procedure allows, against 63.7% in 2020-21: fewer in time, which is worse. 124 "
        "(46.6%) met their applicable deadline (the initial timescale, or the extended one where "
        "an extension was agreed), and 88 (33.1%) the initial timescale. The average response "
        "time was 28.81 working days, against 27.44 in 2020-21: slower, which is worse."
    )
    assert timeliness[2] == (
        "Of the 33 statutory stage 2 responses, none were issued within the initial 25 working "
        "days, against 18.8% in 2020-21: fewer in time, which is worse. 10 (30.3%) were issued "
        "within 65 working days, against 62.5% in 2020-21: fewer in time, which is worse. The "
        "average response time was 87.48 working days, against 64.09 in 2020-21: slower, which "
        "is worse."
    )
    assert timeliness[3] == (
        "Of the 14 local stage 2 responses, 9 (64.3%) were issued within the deadline, against "
        "50.0% in 2020-21: more in time, which is better. The average response time was 29.93 "
        "working days, against 32.80 in 2020-21: quicker, which is better."
    )
    assert (
        "Compared with 2020-21, a lower share of stage 1 complaints was upheld (13.3%, against "
        "14.5%), a lower share partially upheld (21.3%, against 23.5%) and a higher share not "
        "upheld (35.1%, against 32.9%)." in paragraphs(document, "outcomes")
    )
    assert paragraphs(document, "methods")[0] == (
        "Most stage 1 complaints were made by email (51.9%, against 51.6% in 2020-21) and "
        "online form (28.2%, against 27.1%)."
    )
    assert paragraphs(document, "complainants")[0] == (
        "The largest groups making stage 1 complaints were: parent (61.3%, against 63.5% in "
        "2020-21) and other family member (13.8%, against 13.5%)."
    )


def test_the_ombudsman_in_words(facts, year):
    """As Birmingham's section 4: "23 complainants contacted the Ombudsman's office during
    2021/22, an increase of 10 compared with 2020/21"; more than ten enquiries are listed in the
    spreadsheet, not one by one in print (ADR 0033; the cases themselves are
    test_ombudsman_case_summaries')."""
    from .test_document_build import paragraphs

    document = kingsmoor_document(year, facts=facts)
    words = paragraphs(document, "ombudsman")
    assert words[0] == (
        "In 2021-22, 23 complainants contacted the Ombudsman, compared with 13 in 2020-21."
    )
    assert (
        "The 23 enquiries received in 2021-22 are listed one by one, with when each was received "
        "and what was decided, in this report's spreadsheet."
    ) in words
    assert "lgo.enquiries" not in [
        b.key for b in document.section("ombudsman").blocks if hasattr(b, "key")
    ]
