"""The excerpts of an Ombudsman decision's summary and of a learning action's "we did" in
Chromium, checked with axe: from a report edition's excerpts to the list of the Ombudsman's
decisions and of what was done, writing and approving an excerpt."""

import datetime

import pytest

from redress.complaints.tests.factories import ComplaintFactory, LearningActionFactory
from redress.core.tests.browser.support import assert_accessible, sign_in
from redress.ombudsman.tests.factories import EnquiryFactory
from redress.reporting import services
from redress.reporting.models import ExcerptSource, PublishableExcerpt
from redress.reporting.periods import financial_year

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
D = datetime.date


def test_a_manager_approves_a_decision_s_and_a_we_did_excerpt(page, manager, settings):
    settings.REDRESS_TODAY = D(2022, 6, 10)
    complaint = ComplaintFactory(reference="CSC-2021-00555", received_date=D(2021, 4, 6))
    EnquiryFactory(
        lgo_reference="21 004 512",
        complaint=complaint,
        received_date=D(2021, 5, 3),
        decision="fault_found",
        decision_date=D(2021, 7, 1),
        summary="Letters to the family went unanswered for months.",
    )
    LearningActionFactory(
        complaint=complaint,
        description="Answer letters within ten days.",
        we_did="Letters are now logged and answered within ten days.",
        raised_date=D(2021, 7, 20),
    )
    edition = services.edition_create(period=financial_year("2021-22"), service=None, by=manager)
    sign_in(page, manager.username)
    page.goto(f"/reports/editions/{edition.pk}/excerpts/")
    page.get_by_role("link", name="Ombudsman decisions").click()
    page.get_by_role("heading", name="Ombudsman decisions").wait_for()
    assert page.get_by_role("cell", name="21 004 512", exact=True).is_visible()
    assert_accessible(page, "the edition's Ombudsman decisions")
    page.get_by_role("link", name="Write an excerpt for 21 004 512").click()
    page.get_by_role("heading", name="Excerpt for publication").wait_for()
    page.get_by_label("Excerpt for publication").fill("Letters went unanswered.")
    page.get_by_role("button", name="Approve for publication").click()
    page.get_by_text("The excerpt is approved for publication.").wait_for()

    page.get_by_role("link", name="We did (Appendix D)").click()
    page.get_by_role("heading", name="We did (Appendix D)").wait_for()
    assert_accessible(page, "the edition's we did")
    page.get_by_role("link", name="Write an excerpt for CSC-2021-00555").click()
    page.get_by_text("“We did” of the learning action raised 20 July 2021").wait_for()
    assert_accessible(page, "a we did's excerpt page")
    page.get_by_label("Excerpt for publication").fill("Letters are answered within ten days.")
    page.get_by_role("button", name="Approve for publication").click()
    page.get_by_text("The excerpt is approved for publication.").wait_for()
    assert sorted(
        PublishableExcerpt.objects.filter(approved_at__isnull=False).values_list(
            "source", flat=True
        )
    ) == sorted([ExcerptSource.ENQUIRY, ExcerptSource.WE_DID])
