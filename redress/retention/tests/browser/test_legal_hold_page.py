"""The legal hold page in Chromium: axe finds no WCAG 2.2 AA problem, nothing scrolls sideways at
320 px, and an officer places a hold from the complaint's summary, sees it there, and lifts it."""

import pytest

from redress.core.tests.browser.support import assert_accessible, sign_in
from redress.retention.models import LegalHold
from redress.retention.tests.helpers import closed_complaint

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_officer_places_and_lifts_a_legal_hold(page, officer):
    complaint = closed_complaint("2016-05-02", "2016-06-01")
    sign_in(page, officer.username)
    page.goto(f"/complaints/{complaint.pk}/")
    page.get_by_text("Not on legal hold").wait_for()
    page.get_by_role("link", name="Place a legal hold").click()
    page.get_by_role("heading", name="Place a legal hold", exact=True).wait_for()
    assert_accessible(page, "the legal hold form")
    page.get_by_role("button", name="Place the legal hold").click()  # nothing typed
    page.get_by_role("link", name="Enter why the complaint is on legal hold").wait_for()
    assert_accessible(page, "the legal hold form with its error")
    page.get_by_label("Why the complaint must be kept").fill("Claim issued in the county court")
    page.get_by_role("button", name="Place the legal hold").click()
    page.get_by_text(f"Complaint {complaint.reference} is on legal hold").wait_for()
    page.get_by_text("On legal hold since").wait_for()
    assert_accessible(page, "the summary of a complaint on legal hold")

    page.get_by_role("link", name="Lift the legal hold").click()
    page.get_by_text("Claim issued in the county court").wait_for()
    page.set_viewport_size({"width": 320, "height": 640})
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"the lift page is {width} px wide at 320 px"
    page.set_viewport_size({"width": 1024, "height": 800})
    assert_accessible(page, "the lift form")
    page.get_by_label("Why the hold can be lifted").fill("Claim settled")
    page.get_by_role("button", name="Lift the legal hold").click()
    page.get_by_text(f"The legal hold on complaint {complaint.reference} is lifted").wait_for()
    hold = LegalHold.objects.get()
    assert (hold.in_force, hold.lifted_reason) == (False, "Claim settled")
