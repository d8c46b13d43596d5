"""The reports page with a locality chosen, in Chromium, checked with axe (WCAG 2.0, 2.1 and 2.2,
A and AA): a quarter's report for a locality made in a restructure (and the records behind one
of its numbers), a locality that was not in use then, and the same choice without JavaScript."""

import datetime
import json
from pathlib import Path

import pytest

from redress.core.tests.browser.support import assert_accessible, sign_in
from redress.organisations.tests.factories import LocalityFactory, ServiceAreaFactory
from redress.reporting.tests.localities import build_restructure

from .test_reports_pages import charts_ready

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
SCOPE = "Whole authority, locality or service area"
QUARTER = "2021-22 Q4: January to March 2022"
TITLE = "Complaints and compliments quarterly report Q4 2021-22: West locality"


@pytest.fixture
def restructure(casebook):
    return build_restructure(casebook)


def test_a_locality_s_quarter_previewed(page, officer, restructure):
    sign_in(page, officer.username)
    page.goto("/reports/")
    page.get_by_label("Period", exact=True).select_option(QUARTER)
    page.get_by_label(SCOPE).select_option("West (from 1 January 2022)")
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("heading", name=TITLE).wait_for()
    assert page.get_by_label(SCOPE).input_value() == "locality:West"
    assert page.get_by_text("Select a number to see the records behind it.").is_visible()
    report = page.locator(".rd-report")
    assert "in the West locality (its service areas Early Help, Family Hub and Fostering)" in (
        report.inner_text()
    )
    links = page.locator("a[href^='/reports/figures/'], a[href^='/reports/tables/']")
    assert links.count() > 0
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert all("locality=West" in href for href in hrefs)
    charts_ready(page)
    assert_accessible(page, "a locality's quarterly report previewed")
    # A number leads to the locality's records behind it.
    page.locator("a[href^='/reports/figures/received.stage1/']").first.click()
    page.get_by_role("heading", name="Stage 1 records received in the period").wait_for()
    assert page.get_by_text("5 stage records, exactly as the figure counted them.").is_visible()
    assert page.get_by_text("Complaints report 2021-22 Q4: West locality").is_visible()
    assert_accessible(page, "the records behind a locality's figure")


def test_a_locality_not_in_use_then_is_an_error_on_the_field(page, officer, restructure):
    # A locality with a service area of its own (North, with none, is not offered at all).
    ended = datetime.date(2020, 3, 31)
    central = LocalityFactory(name="Central", valid_to=ended)
    ServiceAreaFactory(name="Central Team", locality=central, valid_to=ended)
    sign_in(page, officer.username)
    page.goto("/reports/")
    page.get_by_label("Period", exact=True).select_option(QUARTER)
    page.get_by_label(SCOPE).select_option("Central (until 31 March 2020)")
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    message = "The locality 'Central' was not in use between 1 January 2022 and 31 March 2022"
    page.get_by_role("link", name=message, exact=False).click()
    # The summary's link moves focus to the field in error.
    assert page.evaluate("document.activeElement.id") == "service"
    assert_accessible(page, "the reports page with a locality error")


def test_a_locality_s_report_without_javascript(no_js_page, officer, restructure):
    page = no_js_page
    sign_in(page, officer.username)
    page.goto("/reports/")
    page.get_by_label("Period", exact=True).select_option(QUARTER)
    page.get_by_label(SCOPE).select_option("West (from 1 January 2022)")
    page.get_by_label("Figures as JSON").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename == "complaints-report-2021-22-q4-west-locality.json"
    data = json.loads(Path(download.value.path()).read_text())
    assert data["scope"]["name"] == "West"
    assert data["figures"]["received.stage1"] == 5
