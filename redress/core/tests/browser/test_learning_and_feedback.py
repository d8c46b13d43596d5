"""The learning and feedback pages in Chromium: axe finds no WCAG 2.2 AA problem, and at 320 px
wide nothing makes the page scroll sideways (WCAG 1.4.10), with and without errors shown."""

import datetime

import pytest
from django.utils import timezone

from .support import assert_accessible, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def records(caseload):
    from redress.complaints.models import LearningAction
    from redress.feedback.tests.factories import (
        ComplimentFactory,
        InformalFeedbackFactory,
        SatisfactionAnswerFactory,
    )

    today = timezone.localdate()
    SatisfactionAnswerFactory(complaint=caseload.closed)
    return {
        "action": LearningAction.objects.get(),
        "compliment": ComplimentFactory(received_date=today - datetime.timedelta(days=3)),
        "feedback": InformalFeedbackFactory(received_date=today - datetime.timedelta(days=3)),
    }


def _pages(records, caseload):
    action = records["action"].pk
    return [
        ("/learning/", "Learning actions"),
        ("/learning/?status=overdue&owner=head", "Learning actions"),
        (f"/learning/{action}/", "Learning action"),
        ("/learning/new/", "Raise a learning action"),
        (f"/learning/complaints/{caseload.escalated.pk}/new/", "Raise a learning action"),
        (f"/learning/{action}/complete/", "Record that the learning action was done"),
        ("/feedback/compliments/", "Compliments"),
        (f"/feedback/compliments/{records['compliment'].pk}/", None),
        ("/feedback/compliments/new/", "Record a compliment"),
        ("/feedback/informal/", "Informal feedback"),
        (f"/feedback/informal/{records['feedback'].pk}/", None),
        ("/feedback/informal/new/", "Record informal feedback"),
        (
            f"/feedback/complaints/{caseload.closed.pk}/closing-the-loop/",
            "Closing-the-loop answers",
        ),
    ]


def _no_sideways_scroll(page, where):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"{where} is {width} px wide at 320 px"


def test_each_page_is_accessible_and_reflows(page, officer, records, caseload):
    sign_in(page, officer.username)
    for url, heading in _pages(records, caseload):
        page.set_viewport_size({"width": 1024, "height": 800})
        page.goto(url)
        if heading:
            page.get_by_role("heading", name=heading, exact=True).first.wait_for()
        assert_accessible(page, url)
        page.set_viewport_size({"width": 320, "height": 640})
        _no_sideways_scroll(page, url)


@pytest.mark.parametrize(
    ("url", "button"),
    [
        ("/learning/new/", "Raise the action"),
        ("/feedback/compliments/new/", "Record the compliment"),
        ("/feedback/informal/new/", "Record the feedback"),
    ],
)
def test_a_form_with_errors(page, officer, records, url, button):
    sign_in(page, officer.username)
    page.goto(url)
    page.get_by_role("button", name=button).click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page, f"{url} with errors")
    page.set_viewport_size({"width": 320, "height": 640})
    _no_sideways_scroll(page, f"{url} with errors")


def test_raise_and_complete_an_action_from_a_complaint(page, officer, caseload):
    sign_in(page, officer.username)
    page.goto(f"/complaints/{caseload.escalated.pk}/payments-and-learning/")
    page.get_by_role("link", name="Raise a learning action").click()
    page.get_by_label("What will be done").fill("Call back within two working days")
    page.get_by_label("Owner").fill("Head of Safeguarding")
    due = timezone.localdate() + datetime.timedelta(days=30)
    group = page.get_by_role("group", name="Due date")
    group.get_by_label("Day").fill(str(due.day))
    group.get_by_label("Month").fill(str(due.month))
    group.get_by_label("Year").fill(str(due.year))
    page.get_by_label("Stage that prompted it").select_option("2")
    page.get_by_label("You said").fill("Nobody called me back")
    page.get_by_role("button", name="Raise the action").click()
    page.get_by_text("Learning action raised").wait_for()
    page.get_by_role("link", name="Call back within two working days").click()
    page.get_by_role("button", name="Record that it was done").click()
    page.get_by_label("Evidence that it was done").fill("Call log for June")
    page.get_by_role("button", name="Record completion").click()
    page.get_by_text("Learning action completed").wait_for()
    assert page.get_by_text("Call log for June").is_visible()
    assert_accessible(page, "a completed learning action")
