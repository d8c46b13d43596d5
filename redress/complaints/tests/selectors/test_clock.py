"""The stored due dates, which lists filter and count on (ADR 0015), must agree with the
working-day calendar's deadlines, also after closure days change."""

import datetime

import pytest
from django.db.models import F

from redress.complaints.models import Complaint, Stage
from redress.complaints.selectors import DUE_SOON_DAYS, clock
from redress.complaints.selectors.lists import overdue
from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import ComplaintFactory, ExtensionFactory, StageFactory
from redress.core import config
from redress.procedures.models import Procedure

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
    refresh_complaints(Complaint.objects.values_list("pk", flat=True))


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
def test_stored_overdue_and_due_soon_match_the_calendar(spread_of_stages, today, d):
    # Through the setting, as the admin and `redress config` do: the stored due dates move.
    config.set_value("closure_days", "2021-12-29=Christmas closure", by=None)
    c = clock(d(today))
    stored = Stage.objects.filter(status="open")
    overdue_ids = set(stored.filter(due_date__lt=c.today).values_list("pk", flat=True))
    due_soon = set(
        stored.filter(due_date__gte=c.today, due_date__lte=c.due_soon_by).values_list(
            "pk", flat=True
        )
    )
    expected_overdue, expected_due_soon = _python_view(c)
    assert overdue_ids == expected_overdue
    assert due_soon == expected_due_soon
    assert overdue_ids, "the spread should have something overdue on every date tried"
    # A complaint is overdue when its current stage is.
    current = Stage.objects.filter(pk__in=overdue_ids, complaint__stage_reached=F("number"))
    assert set(Complaint.objects.filter(overdue(c.today)).values_list("pk", flat=True)) == set(
        current.values_list("complaint_id", flat=True)
    )


def test_the_longest_extension_is_the_applicable_timescale(d):
    stage = ComplaintFactory(received_date=d("2021-06-07")).stages.get()
    ExtensionFactory(stage=stage, extended_to_days=20)
    ExtensionFactory(stage=stage, extended_to_days=15)
    c = clock(d("2021-06-07"))
    stage = Stage.objects.select_related("complaint").prefetch_related("extensions").get()
    assert c.deadlines(stage).applicable_due == d("2021-07-05")
    assert stage.due_date == d("2021-07-05")


def test_the_stage2_clock_can_start_when_the_statement_is_agreed(d):
    statutory = Procedure.objects.get(code="statutory")
    statutory.stage_rules.filter(stage=2).update(clock_start="statement_agreed")
    complaint = ComplaintFactory()
    stage = StageFactory(
        complaint=complaint,
        number=2,
        received_date=d("2021-08-02"),
        statement_agreed_date=d("2021-08-16"),
    )
    c = clock(d("2021-08-16"))
    # 25 working days from the statement (over the August bank holiday), not from the request.
    assert c.deadlines(stage).applicable_due == d("2021-09-21")
    stage.refresh_from_db()
    assert stage.due_date == d("2021-09-21")


def test_days_left_counts_working_days_and_is_negative_once_passed(d):
    c = clock(d("2021-06-21"))  # a Monday
    assert c.days_left(d("2021-06-21")) == 0
    assert c.days_left(d("2021-06-28")) == 5
    assert c.days_left(d("2021-06-18")) == -1
    # Saturday, just after a Friday deadline: overdue, though no working day has passed.
    assert clock(d("2021-06-19")).days_left(d("2021-06-18")) == -1


def test_the_stage_rules_are_read_only_when_a_deadline_is_worked_out(d, django_assert_num_queries):
    with django_assert_num_queries(1):  # the closure days
        c = clock(d("2021-06-21"))
    with django_assert_num_queries(1):
        assert c.rules
    with django_assert_num_queries(0):
        assert c.rules
