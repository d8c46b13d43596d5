"""The reports pages in Chromium, checked with axe (WCAG 2.0, 2.1 and 2.2, A and AA): the
reports page with a preview, an edition page and its narrative form, and a drill-down page;
and the whole journey without JavaScript."""

import datetime
import re

import pytest

from redress.core.tests.browser.support import assert_accessible, sign_in
from redress.reporting import services
from redress.reporting.document.sections import SECTION_TITLES
from redress.reporting.periods import financial_year


def charts_ready(page):
    """Wait until every chart has become interactive, so axe checks the page people use."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.rd-report [data-rd-spec]')]"
        ".every(graphic => graphic.hidden)"
    )


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_reports_page_and_its_preview(page, officer, casebook):
    sign_in(page, officer.username)
    page.get_by_role("link", name="Reports", exact=True).click()
    page.get_by_role("heading", name="Reports", exact=True).wait_for()
    assert_accessible(page, "the reports page")

    page.get_by_role("button", name="Preview").click()
    page.get_by_role("heading", name="Complaints and compliments annual report 2021-22").wait_for()
    assert page.get_by_text("Preview of the internal version").is_visible()
    charts_ready(page)
    assert_accessible(page, "the reports page with a preview")

    # A number in the report leads to the records behind it.
    page.locator("a[href^='/reports/figures/received.stage1/']").first.click()
    page.get_by_role("heading", name="Stage 1 records received in the period").wait_for()
    assert page.get_by_text("6 stage records, exactly as the figure counted them.").is_visible()
    assert page.get_by_role("link", name="CSC-2021-0006").is_visible()
    assert_accessible(page, "a drill-down page")


def test_the_reports_page_with_errors(page, officer, casebook):
    sign_in(page, officer.username)
    page.goto("/reports/")
    page.get_by_label("Period", exact=True).select_option("dates")
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert page.get_by_role("link", name="Enter the first day of the period").is_visible()
    assert_accessible(page, "the reports page with errors")


def test_an_executive_reads_figures_only(page, executive, casebook):
    sign_in(page, executive.username)
    page.goto("/reports/")
    assert page.get_by_role("group", name="Version").count() == 0
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("heading", name="Complaints and compliments annual report 2021-22").wait_for()
    assert page.locator("a[href^='/reports/figures/'], a[href^='/reports/tables/']").count() == 0
    assert "Joel Davison" not in page.content()
    charts_ready(page)
    assert_accessible(page, "an executive's preview")


def test_an_edition_its_narrative_and_its_preview(page, officer, casebook):
    edition = services.edition_create(period=financial_year("2021-22"), service=None, by=officer)
    sign_in(page, officer.username)
    page.goto(f"/reports/editions/{edition.pk}/")
    page.get_by_role("heading", name="Complaints annual report 2021-22").wait_for()
    assert_accessible(page, "an edition page")

    page.get_by_role("link", name="Write the narrative for Volumes and trends").click()
    page.get_by_role("heading", name="Volumes and trends").wait_for()
    assert_accessible(page, "the narrative form")
    box = page.get_by_label("Narrative for Volumes and trends")
    box.fill("## Why complaints rose\n\nThe service reached **more families**.")
    # The character count (GOV.UK Frontend's script) says how much is left.
    page.get_by_text(re.compile(r"You have 19,9\d\d characters remaining")).wait_for()
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("heading", name="Preview (not saved yet)").wait_for()
    assert page.locator(".rd-narrative strong").inner_text() == "more families"
    assert_accessible(page, "the narrative form with a preview")

    page.get_by_role("button", name="Save the narrative").click()
    page.get_by_text("The narrative for 'Volumes and trends' is saved.").wait_for()
    page.get_by_role("button", name="Preview the report").click()
    page.get_by_text("The service reached").wait_for()
    charts_ready(page)
    assert_accessible(page, "an edition's preview")


def test_publishing_an_edition(page, manager, casebook):
    edition = services.edition_create(period=financial_year("2021-22"), service=None, by=manager)
    # Every empty section written but one, which the manager leaves out.
    empty = services.unwritten_sections(edition, as_of=datetime.date(2022, 5, 31))
    assert empty
    for key in empty[:-1]:
        services.narrative_save(edition=edition, section=key, text="Written.", by=manager)
    title = SECTION_TITLES[empty[-1]]
    sign_in(page, manager.username)
    page.goto(f"/reports/editions/{edition.pk}/")
    page.get_by_role("button", name="Publish this edition").click()
    page.get_by_role("heading", name="Publish this edition").wait_for()
    page.get_by_role("heading", name="Sections with nothing in them").wait_for()
    assert_accessible(page, "the publish page")
    page.get_by_role("button", name="Publish the edition").click()
    page.get_by_text(f"Nothing is written for '{title}'").first.wait_for()
    page.get_by_role("link", name=title, exact=True).click()
    page.get_by_role("button", name="Leave this section out").click()
    page.get_by_text(f"'{title}' is left out of the report.").wait_for()
    page.get_by_role("button", name="Publish this edition").click()
    page.get_by_role("heading", name="Publish this edition").wait_for()
    assert page.get_by_role("heading", name="Sections with nothing in them").count() == 0
    page.get_by_role("button", name="Publish the edition").click()
    page.get_by_text("is published, with figures as at 31 May 2022").wait_for()
    assert page.locator(".govuk-tag", has_text="Published").count() == 1
    assert_accessible(page, "a published edition")


def test_the_reports_journey_without_javascript(no_js_page, officer, casebook):
    page = no_js_page
    sign_in(page, officer.username)
    page.goto("/reports/")
    page.get_by_label("Period", exact=True).select_option("2021-22 Q4: January to March 2022")
    page.get_by_label("Service area").select_option("Fostering")
    page.get_by_role("button", name="Preview").click()
    page.get_by_role(
        "heading", name="Complaints and compliments quarterly report Q4 2021-22: Fostering"
    ).wait_for()
    page.locator("a[href^='/reports/tables/received.by_service/0/']").first.click()
    page.get_by_role(
        "heading", name="Complaints received by service and stage: Fostering"
    ).wait_for()
    assert page.get_by_role("link", name="CSC-2021-0005").is_visible()
    assert page.get_by_role("link", name="CSC-2021-0001").count() == 0

    page.goto("/reports/")
    page.get_by_label("Figures as JSON").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename == "complaints-report-2021-22.json"
