"""The core journey works with JavaScript turned off: sign in, filter the list, open a complaint
and move between its sections."""

import pytest

from .support import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_sign_in_filter_and_open_a_complaint_without_javascript(no_js_page, officer, caseload):
    page = no_js_page
    sign_in(page, officer.username)
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")
    page.get_by_role("link", name="Complaints", exact=True).click()
    page.get_by_role("heading", name="Complaints", exact=True).wait_for()

    page.get_by_label("Status", exact=True).select_option("overdue")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("heading", name="Selected filters").wait_for()
    assert "status=overdue" in page.url
    assert page.get_by_role("link", name="CSC-2021-0001").is_visible()
    assert page.get_by_role("link", name="CSC-2021-0003").count() == 0

    # Sorting is a link, so it works without JavaScript, and keeps the filter.
    page.get_by_role("link", name="Reference").click()
    assert "sort=reference" in page.url
    assert "status=overdue" in page.url

    page.get_by_role("link", name="CSC-2021-0001").click()
    page.get_by_role("heading", name="Complaint CSC-2021-0001").wait_for()
    assert page.get_by_text("Meetings were cancelled at short notice.").is_visible()

    page.get_by_role("link", name="Stages").click()
    page.get_by_role("heading", name="Stage 1: local resolution").wait_for()
    # The deadline explanation is a <details>, which opens without JavaScript.
    page.get_by_text("How this deadline was worked out").click()
    assert page.get_by_text("Days skipped, because they are not working days").is_visible()

    page.get_by_role("link", name="Timeline").click()
    page.get_by_role("heading", name="Timeline", exact=True).wait_for()


def test_removing_a_selected_filter_without_javascript(no_js_page, officer, caseload):
    page = no_js_page
    sign_in(page, officer.username)
    page.goto("/complaints/?status=closed")
    assert page.get_by_role("link", name="CSC-2021-0003").is_visible()
    page.get_by_role("link", name="Remove this filter Closed").click()
    page.get_by_role("link", name="CSC-2021-0004").wait_for()
    assert "status" not in page.url
