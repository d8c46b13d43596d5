"""The reports pages under their Content-Security-Policy, in Chromium: the charts still become
interactive (Vega's expressions interpreted, no `new Function`), their tooltips show, and the
browser reports no violation; a narrative's hostile link does nothing (issue 8)."""

import pytest

from redress.core.tests.browser.support import csp_violations, sign_in
from redress.reporting import services
from redress.reporting.periods import financial_year

from .test_reports_pages import charts_ready

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_charts_work_under_the_policy(page, officer, casebook):
    violations = csp_violations(page)
    sign_in(page, officer.username)
    page.goto("/reports/")
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("heading", name="Complaints and compliments annual report 2021-22").wait_for()
    charts_ready(page)
    assert page.locator(".rd-chart__interactive svg").count() > 0
    # A tooltip, styled by report-charts.css since vega-tooltip may not add its own <style>.
    page.locator(
        ".rd-chart__interactive svg path[aria-roledescription='bar'], "
        ".rd-chart__interactive svg .mark-rect path"
    ).first.hover()
    tooltip = page.locator("#vg-tooltip-element.visible")
    tooltip.wait_for()
    assert tooltip.evaluate("e => getComputedStyle(e).position") == "fixed"
    assert violations == []


def test_a_hostile_narrative_link_does_nothing(page, officer, casebook):
    edition = services.edition_create(period=financial_year("2021-22"), service=None, by=officer)
    services.narrative_save(
        edition=edition,
        section="volumes",
        text="Read [this](java&#x73;cript:document.title='owned') or "
        "[that](javascript&colon;alert(1)).",
        by=officer,
    )
    violations = csp_violations(page)
    dialogs: list[str] = []

    def dialog(shown):
        dialogs.append(shown.message)
        shown.dismiss()

    page.on("dialog", dialog)
    sign_in(page, officer.username)
    page.goto(f"/reports/editions/{edition.pk}/preview/")
    page.get_by_text("Read this or that.").wait_for()
    charts_ready(page)
    title = page.title()
    for name in ("this", "that"):
        link = page.locator(".rd-narrative a", has_text=name)
        assert link.get_attribute("href") is None
        link.click()
    assert page.title() == title
    assert dialogs == []
    assert violations == []
