"""The database's idea of "overdue" and "due soon" must agree with the working-day calendar."""

import datetime

import pytest

from redress.complaints.models import Stage
from redress.complaints.selectors import DUE_SOON_DAYS, clock
from redress.complaints.tests.factories import ComplaintFactory, ExtensionFactory, StageFactory
from redress.procedures.models import ClosureDay, Procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def spread_of_stages(d):
    """Stages received every day from late November to early February (Christmas, New Year and
    weekends in between), under both procedures, some extended, some answered."""
    local = Procedure.objects.get(code="local")
    statutory = Procedure.objects.get(code="statutory")
    day = d("2021-11-20")
    n = 0
    while day <= d("2022-02-04"):
        complaint = ComplaintFactory(
            received_date=day, procedure=local if n % 3 == 0 else statutory
        )
        stage = complaint.stages.get()
        if n % 4 == 1:
            ExtensionFactory(stage=stage, extended_to_days=15)
            ExtensionFactory(stage=stage, extended_to_days=20)
        if n % 7 == 0:
            stage.responded_date = day + datetime.timedelta(days=3)
            stage.outcome = "upheld"
            stage.save()
        if n % 5 == 0:
            StageFactory(complaint=complaint, number=2, received_date=day)
        day += datetime.timedelta(days=1)
        n += 1


def _python_view(c):
    stages = Stage.objects.select_related("complaint").prefetch_related("extensions")
    overdue, due_soon = set(), set()
    for stage in stages:
        if not stage.is_open:
            continue
        days = c.days_left(c.deadlines(stage).applicable_due)
        if days < 0:
            overdue.add(stage.pk)
        elif days <= DUE_SOON_DAYS:
            due_soon.add(stage.pk)
    return overdue, due_soon


@pytest.mark.parametrize(
    "today", ["2021-12-24", "2021-12-29", "2022-01-04", "2022-01-17", "2022-02-07"]
)
def test_database_overdue_and_due_soon_match_the_calendar(spread_of_stages, today, d):
    ClosureDay.objects.create(date=d("2021-12-29"), reason="Christmas closure")
    c = clock(d(today))
    annotated = c.with_deadline_inputs(Stage.objects.all())
    overdue = set(annotated.filter(c.overdue).values_list("pk", flat=True))
    due_soon = set(annotated.filter(c.due_soon).values_list("pk", flat=True))
    expected_overdue, expected_due_soon = _python_view(c)
    assert overdue == expected_overdue
    assert due_soon == expected_due_soon
    assert overdue, "the spread should have something overdue on every date tried"


def test_the_longest_extension_is_the_applicable_timescale(d):
    stage = ComplaintFactory(received_date=d("2021-06-07")).stages.get()
    ExtensionFactory(stage=stage, extended_to_days=20)
    ExtensionFactory(stage=stage, extended_to_days=15)
    c = clock(d("2021-06-07"))
    [row] = c.with_deadline_inputs(Stage.objects.all()).values("applicable_days", "clock_start_on")
    assert row == {"applicable_days": 20, "clock_start_on": d("2021-06-07")}
    stage = Stage.objects.select_related("complaint").prefetch_related("extensions").get()
    assert c.deadlines(stage).applicable_due == d("2021-07-05")


def test_the_stage2_clock_can_start_when_the_statement_is_agreed(d):
    statutory = Procedure.objects.get(code="statutory")
    statutory.stage_rules.filter(stage=2).update(clock_start="statement_agreed")
    complaint = ComplaintFactory()
    StageFactory(
        complaint=complaint,
        number=2,
        received_date=d("2021-08-02"),
        statement_agreed_date=d("2021-08-16"),
    )
    c = clock(d("2021-08-16"))
    rows = c.with_deadline_inputs(Stage.objects.filter(number=2)).values_list(
        "clock_start_on", "applicable_days"
    )
    assert list(rows) == [(d("2021-08-16"), 25)]


def test_stages_come_in_due_date_order(d):
    early = ComplaintFactory(received_date=d("2021-06-01")).stages.get()
    extended = ComplaintFactory(received_date=d("2021-05-20")).stages.get()
    ExtensionFactory(stage=extended, extended_to_days=20)  # due 18 June, after `early`
    late = ComplaintFactory(received_date=d("2021-06-07")).stages.get()
    c = clock(d("2021-06-07"))
    ids = c.in_due_order(c.with_deadline_inputs(Stage.objects.all()), limit=3)
    assert ids == [early.pk, extended.pk, late.pk]
    assert c.in_due_order(c.with_deadline_inputs(Stage.objects.all()), limit=1) == [early.pk]


def test_latest_start_is_the_last_day_whose_deadline_falls_by_the_date(calendar, d):
    c = clock(d("2022-01-10"))
    start = c.latest_start(10, d("2022-01-07"))
    assert calendar.due_date(start, 10) <= d("2022-01-07")
    assert calendar.due_date(start + datetime.timedelta(days=1), 10) > d("2022-01-07")
    # Ten working days back from Friday 7 January 2022 cross Christmas and New Year.
    assert start == d("2021-12-21")
