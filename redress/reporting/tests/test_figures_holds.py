"""Held days in the figures (FIGURES.md, Conventions): working days a stage was on hold are not
working days taken, and its deadlines move later by them, as on the complaint's pages. And a
withdrawal is not a response, so `stage2.completed` leaves withdrawn stages out.

Received Monday 7 June 2021 and answered Monday 28 June: 15 working days after the start. On
hold for 5 of them, it took 10: in time against statutory stage 1's 10."""

import datetime

import pytest

from redress.complaints.services import (
    stage_hold,
    stage_respond,
    stage_resume,
    stage_withdraw,
)
from redress.complaints.tests.factories import ComplaintFactory, StageFactory
from redress.complaints.tests.services.helpers import frozen_today
from redress.reporting.facts import extract_facts

from .builders import FactsBuilder, compute, expect

d = datetime.date.fromisoformat


def held_and_not() -> FactsBuilder:
    b = FactsBuilder()
    b.stage(b.complaint("2021-06-07"), responded="2021-06-28", outcome="upheld", held_days=5)
    b.stage(b.complaint("2021-06-07"), responded="2021-06-28", outcome="upheld")
    return b


def test_held_days_are_not_taken_and_move_the_deadlines(calendar):
    stages = held_and_not().build(calendar).stages.sort("stage_id")
    rows = stages.select(
        "held_days", "taken", "in_time_applicable", "applicable_due", "maximum_due"
    ).rows()
    assert rows == [
        (5, 10, True, d("2021-06-28"), d("2021-07-12")),
        (0, 15, False, d("2021-06-21"), d("2021-07-05")),
    ]


def test_the_timeliness_figures_follow(calendar):
    figures = compute(held_and_not(), calendar)
    expect(
        figures,
        {
            "timeliness.stage1.cohort": 2,
            "timeliness.stage1.within_applicable": 1,
            "timeliness.stage1.within_initial": 1,
            "timeliness.stage1.average_working_days": 12.5,  # (10 + 15) ÷ 2
        },
    )


def test_more_days_held_than_passed_takes_none(calendar):
    b = FactsBuilder()
    b.stage(b.complaint("2021-06-07"), responded="2021-06-08", outcome="upheld", held_days=3)
    assert b.build(calendar).stages["taken"].to_list() == [0]


def test_withdrawn_stage2s_are_not_completed(calendar):
    b = FactsBuilder()
    for outcome in ("upheld", "withdrawn", "outside_jurisdiction"):
        complaint = b.complaint("2021-04-01")
        b.stage(complaint, number=2, received="2021-06-01", responded="2021-06-15", outcome=outcome)
    expect(
        compute(b, calendar),
        {
            "stage2.active": 3,
            # The upheld response and the decision that it is outside jurisdiction: both tell
            # the complainant the authority's answer. The withdrawal does not.
            "stage2.completed": 2,
            "stage2.completed_out_of_time": 0,
            "stage2.completed.average_working_days": 10.0,
        },
    )


@pytest.mark.django_db
def test_extraction_reads_the_days_held(calendar, officer):
    """Through the services: held from Monday 14 to Monday 21 June (5 working days), answered
    on 28 June; another stage 2 withdrawn."""
    with frozen_today(d("2021-07-01")):
        stage = ComplaintFactory(received_date=d("2021-06-07")).stages.get()
        stage_hold(stage=stage, start_on=d("2021-06-14"), reason="Court", by=officer)
        stage_resume(stage=stage, resumed_on=d("2021-06-21"), by=officer)
        stage_respond(stage=stage, responded_on=d("2021-06-28"), outcome="upheld", by=officer)
        first = ComplaintFactory(
            received_date=d("2021-04-01"),
            stage1__responded_date=d("2021-04-15"),
            stage1__outcome="upheld",
        )
        withdrawn = StageFactory(complaint=first, number=2, received_date=d("2021-05-04"))
        stage_withdraw(stage=withdrawn, withdrawn_on=d("2021-06-01"), reason="Moved", by=officer)
    facts = extract_facts(as_of=d("2022-05-31"), calendar=calendar)
    rows = facts.stages.filter(facts.stages["stage_id"] == stage.pk)
    assert rows.select("held_days", "taken", "in_time_applicable", "applicable_due").rows() == [
        (5, 10, True, d("2021-06-28"))
    ]
    withdrawn_row = facts.stages.filter(facts.stages["stage_id"] == withdrawn.pk)
    assert withdrawn_row.select("responded", "outcome").rows() == [(d("2021-06-01"), "withdrawn")]
