"""Every staff page, checked with axe in Chromium: WCAG 2.0, 2.1 and 2.2, levels A and AA."""

import pytest

from .support import assert_accessible, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TABS = ["Summary", "Stages", "Timeline", "People", "Payments and learning"]


def test_sign_in_page(page, officer):
    page.goto("/accounts/login/")
    assert_accessible(page, "the sign-in page")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page, "the sign-in page with an error")


def test_home_for_an_officer(page, officer, caseload):
    sign_in(page, officer.username)
    page.get_by_role("heading", name="My work").wait_for()
    assert_accessible(page, "the home page of a complaints officer")
    page.get_by_role("link", name="See the team's work").click()
    page.get_by_role("heading", name="The team's work").wait_for()
    assert_accessible(page, "the team's work")


def test_home_for_an_executive(page, executive, caseload):
    sign_in(page, executive.username)
    page.get_by_role("heading", name="Open complaints").wait_for()
    assert "CSC-2021" not in page.content()
    assert_accessible(page, "the home page of an executive")


def test_complaints_list_with_filters_applied(page, officer, caseload):
    sign_in(page, officer.username)
    page.goto("/complaints/")
    assert_accessible(page, "the complaints list")
    page.get_by_label("Status", exact=True).select_option("open")
    page.get_by_label("Stage reached", exact=True).select_option("1")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_role("heading", name="Selected filters").wait_for()
    assert page.get_by_role("link", name="CSC-2021-0001").is_visible()
    assert page.get_by_role("link", name="CSC-2021-0004").count() == 0
    assert_accessible(page, "the complaints list with filters applied")


def test_complaints_list_with_an_error(page, officer, caseload):
    sign_in(page, officer.username)
    page.goto("/complaints/?received_from-day=31&received_from-month=2&received_from-year=2021")
    page.get_by_text("There is a problem with the filters").wait_for()
    assert_accessible(page, "the complaints list with a filter error")


@pytest.mark.parametrize("tab", TABS)
def test_each_tab_of_a_complaint(page, officer, caseload, tab):
    sign_in(page, officer.username)
    page.goto(f"/complaints/{caseload.escalated.pk}/")
    page.get_by_role("navigation", name="Complaint sections").get_by_role("link", name=tab).click()
    page.get_by_role("heading", name=tab, exact=True).wait_for()
    if tab == "Stages":
        page.get_by_text("How this deadline was worked out").first.click()  # open the details
    assert_accessible(page, f"the {tab} tab of a complaint")


def test_the_refusal_page(page, executive, caseload):
    sign_in(page, executive.username)
    page.goto(f"/complaints/{caseload.overdue.pk}/")
    page.get_by_role("heading", name="You cannot see this page").wait_for()
    assert_accessible(page, "the 403 page")


def test_the_not_found_page(page, officer):
    sign_in(page, officer.username)
    page.goto("/complaints/999999/")
    page.get_by_role("heading", name="Page not found").wait_for()
    assert_accessible(page, "the 404 page")


def test_the_check_finds_real_problems(page):
    """The axe check is not a formality: a page with known faults fails it."""
    page.set_content(
        "<html><head><title>Faulty</title></head><body>"
        "<img src='/x.png'><a href='/'></a><input type='text'></body></html>"
    )
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page, "a faulty page")
    message = str(failure.value)
    assert "html-has-lang" in message
    assert "image-alt" in message
    assert "link-name" in message


FORMS = {
    "acknowledge": lambda c: f"/complaints/{c.overdue.pk}/stages/1/acknowledge/",
    "extend": lambda c: f"/complaints/{c.overdue.pk}/stages/1/extend/",
    "respond": lambda c: f"/complaints/{c.escalated.pk}/stages/2/respond/",
    "escalate": lambda c: f"/complaints/{c.closed.pk}/escalate/",
    "record": lambda c: "/complaints/new/",
}


@pytest.mark.parametrize("name", FORMS)
def test_each_form_blank_and_with_errors(page, officer, caseload, name):
    sign_in(page, officer.username)
    page.goto(FORMS[name](caseload))
    assert_accessible(page, f"the {name} form")
    # Clear the dates filled in with today, so the form comes back with errors.
    for box in page.locator("input.govuk-date-input__input").all():
        box.fill("")
    page.locator("#main-form button[type=submit], #main-form .govuk-button").first.click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert_accessible(page, f"the {name} form with errors")


def test_a_success_banner(page, officer, caseload):
    sign_in(page, officer.username)
    page.goto(FORMS["acknowledge"](caseload))
    page.get_by_role("button", name="Record the acknowledgement").click()
    page.get_by_text("Stage 1 acknowledged on").wait_for()
    assert_accessible(page, "the stages tab with a success banner")
