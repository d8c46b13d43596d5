"""Recording a complaint in Chromium, page by page: axe finds no WCAG 2.2 AA problem on any
question page (blank, answered and with errors), the check-your-answers page or the
confirmation, and at 320 px wide none of them scrolls sideways (WCAG 1.4.10)."""

import pytest

from .support import assert_accessible, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _check(page, where):
    assert_accessible(page, where)
    page.set_viewport_size({"width": 320, "height": 640})
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"{where} is {width} px wide at 320 px"
    page.set_viewport_size({"width": 1024, "height": 800})


def _continue(page):
    page.get_by_role("button", name="Continue").click()


def test_record_a_complaint_page_by_page(page, officer, caseload):
    from redress.complaints.models import Complaint
    from redress.people.tests.factories import PersonFactory

    PersonFactory(name="Sam Returning", email="sam@example.org")
    sign_in(page, officer.username)
    page.goto("/complaints/")
    page.get_by_role("button", name="Record a complaint").or_(
        page.get_by_role("link", name="Record a complaint")
    ).first.click()

    page.get_by_role("heading", name="When and how was the complaint received?").wait_for()
    _check(page, "the received page")
    _continue(page)
    page.get_by_role("heading", name="There is a problem").wait_for()
    _check(page, "the received page with an error")
    page.get_by_label("Email", exact=True).check()
    _continue(page)

    page.get_by_role("heading", name="Who is making the complaint?").wait_for()
    _check(page, "the find-the-complainant page")
    page.get_by_label("Search by name or email address").fill("returning")
    page.get_by_role("button", name="Search").click()
    page.get_by_text("1 person found").wait_for()
    _check(page, "the find-the-complainant page with a person found")
    page.get_by_label("Someone not recorded yet").check()
    _continue(page)

    page.get_by_role("heading", name="The complainant’s details").wait_for()
    page.get_by_label("Letter").check()
    _continue(page)
    page.get_by_role("heading", name="There is a problem").wait_for()
    _check(page, "the complainant's details with errors")
    page.get_by_label("Full name").fill("Pat Newcomer")
    page.get_by_label("Address", exact=True).fill("1 High Street\nKingsmoor")
    _continue(page)

    page.get_by_role("heading", name="Support the complainant needs").wait_for()
    _check(page, "the support page")
    page.get_by_label("If they need an interpreter").fill("Polish")
    _continue(page)

    page.get_by_role("heading", name="Who is making the complaint?").wait_for()
    _check(page, "the complainant type page")
    page.get_by_label("Parent", exact=True).check()
    _continue(page)

    page.get_by_role("heading", name="Which children or young people").wait_for()
    _check(page, "the children page")
    page.get_by_label("Their name").fill("Jo Child")
    page.locator("#date_of_birth-day").fill("3")
    page.locator("#date_of_birth-month").fill("5")
    page.locator("#date_of_birth-year").fill("2012")
    page.get_by_role("button", name="Add this child").click()
    page.get_by_text("Jo Child (born 3 May 2012)").wait_for()
    _check(page, "the children page with a child added")
    _continue(page)

    page.get_by_role("heading", name="Is the complaint made on behalf of").wait_for()
    _check(page, "the on-behalf page")
    page.get_by_label("Jo Child").check()
    _continue(page)

    page.get_by_role("heading", name="Advocacy").wait_for()
    _check(page, "the advocacy page")
    page.get_by_role("group", name="Was the complainant offered an advocate?").get_by_label(
        "Yes"
    ).check()
    page.get_by_label("No advocate").check()
    _continue(page)

    page.get_by_role("heading", name="Which service is the complaint about?").wait_for()
    _check(page, "the service page")
    page.get_by_label("Service area").select_option(label="Fostering")
    _continue(page)

    page.get_by_role("heading", name="Reasons for complaint").wait_for()
    _check(page, "the reasons page")
    page.get_by_label("Category", exact=True).select_option(label="Staff Conduct")
    page.get_by_label("Sub-category").select_option(label="Delay: Make a Decision")
    page.get_by_role("button", name="Add this reason").click()
    page.get_by_text("is not a sub-category of").first.wait_for()
    _check(page, "the reasons page refusing a sub-category of another category")
    page.get_by_label("Sub-category").select_option(label="Staff Conduct: Bias")
    page.get_by_role("button", name="Add this reason").click()
    page.locator("dd.govuk-summary-list__value", has_text="Staff Conduct: Bias").wait_for()
    _check(page, "the reasons page with a reason added")
    _continue(page)

    page.get_by_role("heading", name="About the complaint").wait_for()
    _check(page, "the summary page")
    page.get_by_label("What is the complaint about?").fill("Letters went unanswered.")
    page.get_by_label("What would put things right").fill("An apology.")
    _continue(page)

    page.get_by_role("heading", name="Which procedure applies?").wait_for()
    _check(page, "the procedure page")
    page.get_by_label("Statutory children's procedure").check()
    _continue(page)

    page.get_by_role("heading", name="Check your answers before recording").wait_for()
    _check(page, "the check-your-answers page")
    assert not Complaint.objects.filter(summary="Letters went unanswered.").exists()
    # A change goes back to its question, and from there back to the check page.
    page.get_by_role("link", name="Change what would put things right").click()
    page.get_by_label("What would put things right").fill("An apology and a meeting.")
    _continue(page)
    page.get_by_text("An apology and a meeting.").wait_for()
    page.get_by_role("button", name="Record the complaint").click()

    page.get_by_role("heading", name="Complaint recorded").wait_for()
    _check(page, "the confirmation page")
    complaint = Complaint.objects.get(summary="Letters went unanswered.")
    assert page.locator(".govuk-panel__body strong").inner_text() == complaint.reference
    assert complaint.complainant.name == "Pat Newcomer"
    assert complaint.on_behalf_of.name == "Jo Child"


def test_change_a_complaints_details(page, officer, caseload):
    sign_in(page, officer.username)
    page.goto(f"/complaints/{caseload.overdue.pk}/")
    page.get_by_role("link", name="Change the complaint’s details").click()
    page.get_by_role("heading", name="Check the complaint’s details").wait_for()
    _check(page, "the change-details page")
    page.get_by_role("link", name="Change what it is about").click()
    page.get_by_label("What is the complaint about?").fill("Meetings were cancelled, twice.")
    _continue(page)
    page.get_by_role("button", name="Save the changes").click()
    page.get_by_text("details changed").wait_for()
    assert page.get_by_text("Meetings were cancelled, twice.").is_visible()


def test_adding_and_removing_without_javascript(no_js_page, officer, caseload):
    page = no_js_page
    sign_in(page, officer.username)
    page.goto("/complaints/new/")
    page.get_by_label("Letter", exact=True).check()
    _continue(page)
    page.get_by_label("Someone not recorded yet").check()
    _continue(page)
    page.get_by_label("Full name").fill("Pat Newcomer")
    _continue(page)
    _continue(page)
    page.get_by_label("Child or young person", exact=True).check()
    _continue(page)
    for name in ("Jo Child", "Alex Child"):
        page.get_by_label("Their name").fill(name)
        page.get_by_role("button", name="Add this child").click()
    page.get_by_role("button", name="Remove Jo Child").click()
    page.locator("dd.govuk-summary-list__value", has_text="Alex Child").wait_for()
    assert page.locator("dd.govuk-summary-list__value", has_text="Jo Child").count() == 0
    _continue(page)
    page.get_by_role("heading", name="Is the complaint made on behalf of").wait_for()
