"""Children and young people: their stage 1 complaints (a child or young person, or a care
leaver, is the complainant), advocacy, outcomes, themes and closing-the-loop answers; and
repeat complainants."""

import pytest

from redress.reporting.figures.outcomes import OUTCOMES

from .builders import FactsBuilder, compute, covers, expect, expect_table


def children() -> FactsBuilder:
    b = FactsBuilder()
    b.stage1(
        "2021-05-04",
        complainant_type="child_young_person",
        advocate="internal",
        theme="Placement",
        outcome="upheld",
    )
    unthemed = b.stage1(
        "2021-06-07", complainant_type="child_young_person", advocate="none", outcome="withdrawn"
    )
    b.aspect(unthemed, "Service Quality", "Poor Communication")
    b.aspect(unthemed, "Service Quality", "Breach of Confidentiality")  # same category: once
    b.aspect(unthemed, "Delay", "Take Action")
    leaver = b.stage1("2021-09-01", complainant_type="care_leaver", advocate="external")
    b.aspect(leaver, "Service Quality", "Unable to Reach Staff")
    # Not children: an advocate complaining, parents, and nobody recorded.
    b.stage1("2021-06-07", complainant_type="advocate", advocate="external")
    for _ in range(2):
        b.stage1("2021-06-07", complainant_type="parent")
    b.stage1("2021-06-07", complainant_type=None)
    # No children's complaints in 2020-21.
    b.stage1("2020-06-01", complainant_type="parent")
    return b


@pytest.fixture(scope="module")
def figures(calendar):
    return compute(children(), calendar)


@covers(
    "cyp.stage1.received",
    "cyp.stage1.received.previous",
    "cyp.stage1.received.change_pct",
    "cyp.stage1.pct",
    "cyp.stage1.with_advocate",
    *(f"cyp.stage1.outcome.{o}" for o in OUTCOMES),
)
def test_childrens_stage1_complaints(figures):
    expect(
        figures,
        {
            "cyp.stage1.received": 3,
            "cyp.stage1.received.previous": 0,
            "cyp.stage1.received.change_pct": None,  # from zero
            "cyp.stage1.pct": 42.9,  # 3 of 7 = 42.857%
            "cyp.stage1.with_advocate": 2,  # internal and external; not "none"
            "cyp.stage1.outcome.upheld": 1,
            "cyp.stage1.outcome.partially_upheld": 0,
            "cyp.stage1.outcome.not_upheld": 0,
            "cyp.stage1.outcome.inconclusive": 0,
            "cyp.stage1.outcome.outside_jurisdiction": 0,
            "cyp.stage1.outcome.withdrawn": 1,
            "cyp.stage1.outcome.outstanding": 1,
        },
    )


@covers(
    "cyp.stage1.advocacy_offered",
    "cyp.stage1.advocacy_offered.previous",
    "cyp.stage1.advocacy_offered.change_pct",
    "cyp.stage1.advocacy_referred",
    "cyp.stage1.advocacy_referred.previous",
    "cyp.stage1.advocacy_referred.change_pct",
)
def test_childrens_advocacy_offers_and_referrals(calendar):
    b = FactsBuilder()
    child = {"complainant_type": "child_young_person"}
    b.stage1("2021-05-04", advocacy_offered=True, advocacy_referred="2021-05-06", **child)
    b.stage1("2021-07-01", advocacy_offered=True, **child)  # offered, not wanted
    b.stage1("2021-08-02", advocacy_offered=False, **child)
    b.stage1("2021-08-03", **child)  # not recorded
    b.stage1("2021-09-01", complainant_type="care_leaver", advocacy_offered=True,
             advocacy_referred="2021-09-01")  # fmt: skip
    # Not a child's complaint: a parent's, offered and referred for the child, is not counted.
    b.stage1("2021-06-07", complainant_type="parent", advocacy_offered=True,
             advocacy_referred="2021-06-08")  # fmt: skip
    # 2020-21: one child offered and referred; the referral is counted in its complaint's year.
    b.stage1("2021-03-30", advocacy_offered=True, advocacy_referred="2021-04-02", **child)
    expect(
        compute(b, calendar),
        {
            "cyp.stage1.advocacy_offered": 3,
            "cyp.stage1.advocacy_offered.previous": 1,
            "cyp.stage1.advocacy_offered.change_pct": 200.0,
            "cyp.stage1.advocacy_referred": 2,
            "cyp.stage1.advocacy_referred.previous": 1,
            "cyp.stage1.advocacy_referred.change_pct": 100.0,
        },
    )


@covers(tables=["cyp.themes"])
def test_childrens_themes_fall_back_to_the_categories_of_their_reasons(figures):
    expect_table(
        figures,
        "cyp.themes",
        [
            # One count per complaint and category: two complaints gave Service Quality.
            {"theme": "Service Quality", "count": 2},
            {"theme": "Delay", "count": 1},
            {"theme": "Placement", "count": 1},
        ],
    )


@covers(tables=["cyp.satisfaction"])
def test_closing_the_loop_answers_for_complaints_received_in_the_year(calendar):
    b = FactsBuilder()
    this_year = b.stage1("2021-06-07", complainant_type="child_young_person").complaint_id
    b.answer(this_year, "rights_understood", "yes")
    b.answer(this_year, "taken_seriously", "no")
    b.answer(this_year, "on_time", "partly")
    b.answer(this_year, "things_improved", None)
    other = b.stage1("2021-07-01", complainant_type="care_leaver").complaint_id
    b.answer(other, "rights_understood", "yes")
    last_year = b.stage1("2021-03-01", complainant_type="child_young_person").complaint_id
    b.answer(last_year, "rights_understood", "no")  # not counted
    figures = compute(b, calendar)

    def row(question, yes=0, no=0, partly=0, no_answer=0):
        return {
            "question": question,
            "yes": yes,
            "no": no,
            "partly": partly,
            "no_answer": no_answer,
        }

    expect_table(
        figures,
        "cyp.satisfaction",
        [
            row("rights_understood", yes=2),
            row("outcome_understood"),
            row("taken_seriously", no=1),
            row("action_taken"),
            row("on_time", partly=1),
            row("things_improved", no_answer=1),
            row("advocacy_aware"),
        ],
    )


def repeats() -> FactsBuilder:
    b = FactsBuilder()
    for person, complaints in {"P1": 2, "P2": 3, "P3": 4, "P4": 5, "P5": 1}.items():
        for _ in range(complaints):
            b.stage1("2021-06-07", complainant=person)
    b.stage1("2020-06-01", complainant="P5")  # the year before: P5 made one this year
    b.stage1("2022-04-04", complainant="P5")  # after the year
    b.stage1("2021-06-07", complainant=None)  # not known: never a repeat
    b.stage1("2021-06-07", complainant=None)
    return b


@covers("repeat_complainants.stage1.people", tables=["repeat_complainants.distribution"])
def test_repeat_complainants_within_the_year(calendar):
    figures = compute(repeats(), calendar)
    expect(figures, {"repeat_complainants.stage1.people": 4})  # P1 P2 P3 P4
    expect_table(
        figures,
        "repeat_complainants.distribution",
        [
            {"complaints": "2", "people": 1},
            {"complaints": "3", "people": 1},
            {"complaints": "4+", "people": 2},
        ],
    )
    # Drill-down reaches every complaint of the repeat complainants: 2 + 3 + 4 + 5.
    assert figures.evidence["repeat_complainants.stage1.people"].height == 14
