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


def panels_of_35_working_days() -> FactsBuilder:
    """Two stage 3 requests of Monday 1 November 2021 whose panels met on 20 December, 35
    working days later; one of them was on hold for 5 of those days."""
    b = FactsBuilder()
    for held_days in (5, 0):
        b.stage(
            b.complaint("2021-01-04"),
            number=3,
            received="2021-11-01",
            panel="2021-12-20",
            held_days=held_days,
        )
    return b


def test_held_days_move_the_panels_deadline_too(calendar):
    """30 working days to the panel, 5 more for the days on hold: the held one met in time."""
    stages = panels_of_35_working_days().build(calendar).stages.sort("stage_id")
    assert stages.select("held_days", "panel_taken", "panel_in_time").rows() == [
        (5, 30, True),
        (0, 35, False),
    ]
    expect(
        compute(panels_of_35_working_days(), calendar),
        {"timeliness.stage3.panel_within_30.pct": 50.0},
    )


@pytest.mark.django_db
def test_a_report_counts_the_days_held_by_its_as_of_date(calendar, officer):
    """Three stages received on Monday 7 June 2021 (statutory stage 1: 10 working days, due
    21 June) put on hold on Monday 14 June: one resumed on Monday 21 June, one still on hold,
    one put on hold only after the report's date. Read as at Thursday 17 June, the first two had
    been on hold for 4 working days (14 to 17 June), not the 5 the first one was held in all."""
    stages = {}
    with frozen_today(d("2021-06-10")):
        for name in ("resumed later", "still on hold", "held later"):
            stages[name] = ComplaintFactory(received_date=d("2021-06-07")).stages.get()
    with frozen_today(d("2021-06-14")):
        for name in ("resumed later", "still on hold"):
            stage_hold(stage=stages[name], start_on=d("2021-06-14"), reason="Court", by=officer)
    with frozen_today(d("2021-06-21")):
        stage_resume(stage=stages["resumed later"], resumed_on=d("2021-06-21"), by=officer)
        stage_hold(stage=stages["held later"], start_on=d("2021-06-18"), reason="Court", by=officer)

    facts = extract_facts(as_of=d("2021-06-17"), calendar=calendar).stages
    by_name = {
        name: facts.filter(facts["stage_id"] == stage.pk)
        .select("held_days", "responded", "applicable_due", "maximum_due")
        .row(0)
        for name, stage in stages.items()
    }
    # 10 + 4 working days from 7 June: 25 June; the maximum (20 + 4) 9 July.
    assert by_name == {
        "resumed later": (4, None, d("2021-06-25"), d("2021-07-09")),
        "still on hold": (4, None, d("2021-06-25"), d("2021-07-09")),
        "held later": (0, None, d("2021-06-21"), d("2021-07-05")),
    }
    # Read later, the hold that ended counts in full, and the running one up to the day read.
    facts = extract_facts(as_of=d("2021-06-22"), calendar=calendar).stages
    held = dict(facts.select("stage_id", "held_days").rows())
    assert [held[stages[name].pk] for name in stages] == [5, 7, 3]
