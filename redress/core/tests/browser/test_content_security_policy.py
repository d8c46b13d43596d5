"""The staff pages under their Content-Security-Policy, in Chromium: GOV.UK Frontend's scripts
start from files (no inline script), its components work, and the browser reports no violation
on any page visited, the admin's included (issue 8)."""

import pytest

from .support import csp_violations, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_pages_start_their_scripts_without_a_violation(page, manager, caseload):
    violations = csp_violations(page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    response = page.goto("/accounts/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"
    classes = page.evaluate("document.body.className").split()
    assert {"js-enabled", "govuk-frontend-supported"} <= set(classes)
    # GOV.UK Frontend's error summary moves focus to itself once initialised.
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("There is a problem").wait_for()
    page.wait_for_function(
        "document.activeElement && document.activeElement.matches('.govuk-error-summary')"
    )

    manager.is_staff = True  # the admin too (its own scripts, from files)
    manager.save()
    sign_in(page, manager.username)
    for url in (
        "/",
        "/complaints/",
        f"/complaints/{caseload.escalated.pk}/",
        f"/complaints/{caseload.escalated.pk}/stages/",
        "/ombudsman/",
        "/learning/",
        "/admin/",
        "/admin/organisations/servicearea/",
        "/admin/organisations/servicearea/add/",
    ):
        page.goto(url)  # returns at the load event: every script has run
        assert page.url.endswith(url), f"{url}: sent to {page.url}"
    page.evaluate("0")  # a round trip, so the last page's console messages are in
    assert violations == []
    assert errors == []
