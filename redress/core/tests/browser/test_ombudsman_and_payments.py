"""The Ombudsman and payment pages in Chromium: axe finds no WCAG 2.2 AA problem, nothing
scrolls sideways at 320 px (WCAG 1.4.10), and an officer takes an enquiry from the complaint's
page to a remedy complied with and paid, then records and removes a payment."""

import datetime

import pytest
from django.utils import timezone

from .support import assert_accessible, sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def enquiry(caseload):
    from redress.ombudsman.tests.factories import EnquiryFactory, RemedyFactory
    from redress.organisations.tests.factories import OrganisationFactory

    today = timezone.localdate()
    days = datetime.timedelta
    decided = EnquiryFactory(
        lgo_reference="21 002 202",
        complaint=caseload.escalated,
        received_date=today - days(60),
        response_due_date=today - days(32),
        response_sent_date=today - days(33),
        decision="fault_found",
        decision_date=today - days(20),
        recommendations="Apologise and pay £300",
        remedy_due_date=today - days(1),
    )
    RemedyFactory(enquiry=decided, kind="apology", due_date=today - days(1))
    # A trust and its council share the procedure, so the forms ask which handles an enquiry.
    OrganisationFactory(name="Sandwell Children's Trust")
    OrganisationFactory(name="Sandwell Council")
    return decided


def _no_sideways_scroll(page, where):
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"{where} is {width} px wide at 320 px"


def _fill_date(page, legend, day):
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_each_page_is_accessible_and_reflows(page, officer, caseload, enquiry):
    complaint = caseload.escalated.pk
    remedy = enquiry.remedies.get().pk
    payment = caseload.escalated.payments.get().pk
    sign_in(page, officer.username)
    for url, heading in [
        ("/ombudsman/", "Ombudsman enquiries"),
        ("/ombudsman/?decision=pending&response=overdue", "Ombudsman enquiries"),
        (f"/ombudsman/{enquiry.pk}/", "Ombudsman enquiry 21 002 202"),
        ("/ombudsman/new/", "Record an Ombudsman enquiry"),
        (f"/ombudsman/new/complaint/{complaint}/", "Record an Ombudsman enquiry"),
        (f"/ombudsman/{enquiry.pk}/response/", "Record our response"),
        (
            f"/ombudsman/{enquiry.pk}/organisation/",
            "Change the organisation handling the enquiry",
        ),
        (f"/ombudsman/{enquiry.pk}/decision/", "Record the Ombudsman's decision"),
        (f"/ombudsman/{enquiry.pk}/remedies/new/", "Add a remedy"),
        (
            f"/ombudsman/{enquiry.pk}/remedies/{remedy}/complete/",
            "Record that a remedy was complied with",
        ),
        (f"/complaints/{complaint}/payments/new/", "Record a payment"),
        (f"/complaints/{complaint}/payments/{payment}/remove/", "Remove a payment"),
    ]:
        page.set_viewport_size({"width": 1024, "height": 800})
        page.goto(url)
        page.get_by_role("heading", name=heading, exact=True).first.wait_for()
        assert_accessible(page, url)
        page.set_viewport_size({"width": 320, "height": 640})
        _no_sideways_scroll(page, url)


def test_the_payments_table_scrolls_in_its_pane(page, officer, caseload):
    """The tab's other tables are another journey's; the payments table must not be what
    widens the page at 320 px."""
    sign_in(page, officer.username)
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"/complaints/{caseload.escalated.pk}/payments-and-learning/")
    assert_accessible(page, "the payments and learning tab")
    pane = page.get_by_role("region", name="Payments")
    assert pane.evaluate("e => e.getBoundingClientRect().right") <= 320
    assert pane.evaluate("e => e.scrollWidth > e.clientWidth")  # it scrolls instead


def test_a_payment_form_with_errors(page, officer, caseload):
    sign_in(page, officer.username)
    url = f"/complaints/{caseload.escalated.pk}/payments/new/"
    page.goto(url)
    page.get_by_label("Stage 1", exact=True).check()
    page.get_by_label("Kind of payment").select_option("compensation")
    page.get_by_label("Amount", exact=True).fill("£12.345")
    page.get_by_role("button", name="Record the payment").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.get_by_label("Amount", exact=True).input_value() == "£12.345"
    assert_accessible(page, f"{url} with errors")
    page.set_viewport_size({"width": 320, "height": 640})
    _no_sideways_scroll(page, f"{url} with errors")


def test_an_enquiry_from_the_complaint_to_a_paid_remedy(page, officer, caseload):
    today = timezone.localdate()
    sign_in(page, officer.username)
    page.goto(f"/complaints/{caseload.escalated.pk}/")
    page.get_by_role("link", name="Record an Ombudsman enquiry").click()
    page.get_by_label("Ombudsman's reference").fill("21 009 876")
    _fill_date(page, "Date the enquiry was received", today - datetime.timedelta(days=10))
    _fill_date(page, "Date our response is due", today + datetime.timedelta(days=18))
    page.get_by_role("button", name="Record the enquiry").click()
    page.get_by_text("Ombudsman enquiry 21 009 876 recorded").wait_for()

    page.get_by_role("button", name="Record our response").click()
    page.get_by_role("button", name="Record the response").click()
    page.get_by_text("Response to the Ombudsman recorded").wait_for()

    page.get_by_role("button", name="Record the decision").click()
    page.get_by_label("Investigated: fault found").check()
    _fill_date(page, "Date the remedies must be complied with (optional)", today)
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Ombudsman's decision recorded").wait_for()

    page.get_by_role("button", name="Add a remedy").click()
    page.get_by_label("Payment", exact=True).check()
    page.get_by_label("Details (optional)").fill("Pay £300 for the distress caused")
    page.get_by_role("button", name="Add the remedy").click()
    page.get_by_text("Remedy added: payment").wait_for()

    page.get_by_role("link", name="Record compliance").click()
    page.get_by_label("Evidence of compliance").fill("BACS reference 4411")
    page.get_by_label("Amount paid (optional)").fill("300")
    page.get_by_role("button", name="Record compliance").click()
    page.get_by_text("Remedy complied with").first.wait_for()
    assert page.get_by_text("BACS reference 4411").is_visible()
    assert page.get_by_role("cell", name="£300.00").first.is_visible()
    assert_accessible(page, "an enquiry with a remedy complied with")

    page.get_by_role("link", name=caseload.escalated.reference).first.click()
    page.get_by_role("link", name="Payments and learning").click()
    page.get_by_role("link", name="Record a payment").click()
    page.get_by_label("Stage 2", exact=True).check()
    page.get_by_label("Kind of payment").select_option("independent_person")
    page.get_by_label("Amount", exact=True).fill("450.00")
    page.get_by_role("button", name="Record the payment").click()
    page.get_by_text("Payment of £450.00 recorded").wait_for()
    page.get_by_role("link", name="Remove the payment of £450.00").click()
    page.get_by_label("Why the payment is being removed").fill("Recorded on the wrong complaint")
    page.get_by_role("button", name="Remove the payment").click()
    page.get_by_text("Payment of £450.00 on").wait_for()
