"""Excerpts for publication in Chromium, checked with axe: from a report edition to the list
of the compliments its report quotes, writing an excerpt, approving it and withdrawing it."""

import pytest

from redress.core.tests.browser.support import assert_accessible, sign_in
from redress.reporting import services
from redress.reporting.models import PublishableExcerpt
from redress.reporting.periods import financial_year

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_manager_approves_then_withdraws_an_excerpt(page, manager, casebook):
    edition = services.edition_create(period=financial_year("2021-22"), service=None, by=manager)
    sign_in(page, manager.username)
    page.goto(f"/reports/editions/{edition.pk}/")
    page.get_by_role("link", name="Write and approve excerpts for publication").click()
    page.get_by_role("heading", name="Excerpts for publication").wait_for()
    assert_accessible(page, "the edition's excerpts")

    page.get_by_role("link", name="Write an excerpt for Fostering").first.click()
    page.get_by_role("heading", name="Excerpt for publication").wait_for()
    assert_accessible(page, "an excerpt's page")
    page.get_by_role("button", name="Approve for publication").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert page.get_by_role("link", name="Write the excerpt that may be published").is_visible()
    assert_accessible(page, "an excerpt's page with an error")

    page.get_by_label("Excerpt for publication").fill("A family thanked their social worker.")
    page.get_by_role("button", name="Approve for publication").click()
    page.get_by_text("The excerpt is approved for publication.").wait_for()
    assert page.get_by_role("cell", name="A family thanked their social worker.").is_visible()

    page.get_by_role("link", name="Change or withdraw").first.click()
    page.get_by_role("heading", name="Withdraw the excerpt").wait_for()
    assert_accessible(page, "an approved excerpt's page")
    page.get_by_role("button", name="Withdraw the excerpt").click()
    page.get_by_text("The excerpt is withdrawn").wait_for()
    assert PublishableExcerpt.objects.get().withdrawn
