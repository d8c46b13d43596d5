"""Allocation, holds, findings, withdrawal and outside jurisdiction in Chromium: axe finds no
WCAG 2.2 AA problem on their pages, nothing scrolls sideways at 320 px, and an officer puts a
stage on hold from the complaint's stages page, resumes it and reads why its deadline moved."""

import datetime

import pytest
from django.utils import timezone

from .support import assert_accessible, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_each_page_is_accessible_and_reflows(page, officer, caseload):
    from redress.complaints.tests.factories import AspectFactory

    complaint = caseload.due_soon
    AspectFactory(stage=complaint.stages.get())
    sign_in(page, officer.username)
    base = f"/complaints/{complaint.pk}/stages/1"
    for url, heading in [
        (f"{base}/allocate/", "Allocate stage 1"),
        (f"{base}/hold/", "Put stage 1 on hold"),
        (f"{base}/resume/", "Resume stage 1"),
        (f"{base}/findings/", "Findings at stage 1"),
        (f"{base}/withdraw/", "Record that stage 1 was withdrawn"),
        (f"{base}/outside-jurisdiction/", "Record that stage 1 is outside jurisdiction"),
    ]:
        page.set_viewport_size({"width": 1024, "height": 800})
        page.goto(url)
        page.get_by_role("heading", name=heading, exact=True).wait_for()
        assert_accessible(page, url)
        page.set_viewport_size({"width": 320, "height": 640})
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 320, f"{url} is {width} px wide at 320 px"


def test_an_officer_holds_and_resumes_a_stage(page, officer, caseload):
    complaint = caseload.due_soon  # received 9 days ago
    today = timezone.localdate()
    sign_in(page, officer.username)
    page.goto(f"/complaints/{complaint.pk}/stages/")
    page.get_by_role("link", name="Put on hold").first.click()
    page.get_by_role("button", name="Put on hold").click()  # nothing typed: the errors
    page.get_by_role("link", name="Enter why the stage is on hold").wait_for()
    assert_accessible(page, "the hold form with its errors")
    _fill_date(page, "Date the hold started", today - datetime.timedelta(days=7))
    page.get_by_label("Why the stage is on hold").fill("Court proceedings")
    page.get_by_role("button", name="Put on hold").click()
    page.get_by_text("its clock has stopped until it resumes").wait_for()
    page.get_by_text("On hold since").wait_for()
    assert_accessible(page, "the stages page of a stage on hold")

    page.get_by_role("link", name="Resume stage 1").first.click()
    page.get_by_role("button", name="Resume the stage").click()
    page.get_by_text("its deadlines move by the working days it was on hold").wait_for()
    page.get_by_text("How this deadline was worked out").first.click()
    page.get_by_text("The stage was on hold for").first.wait_for()
    assert_accessible(page, "the stages page after a hold")
