"""Advocacy in Chromium: an officer accepts a child's complaint sent online whose sender asked
for an advocate, referring them as the form proposes; then refers another child from their
complaint's summary. axe finds nothing on each page."""

from __future__ import annotations

import pytest

from redress.complaints.models import Complaint
from redress.complaints.tests.factories import ComplaintFactory
from redress.core import config
from redress.core.tests.browser.support import assert_accessible, sign_in
from redress.front import answers as contract
from redress.front.services.submissions import submission_record
from redress.notifications.models import Kind, Message
from redress.organisations.tests.factories import ServiceAreaFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_officer_refers_children_for_advocacy(page, officer):
    config.set_value("advocacy_provider_name", "Coram Voice", by=None)
    config.set_value("advocacy_provider_email", "referrals@advocacy.example", by=None)
    service = ServiceAreaFactory(name="Children in care")
    sent = submission_record(
        kind="child_complaint",
        answers={
            "service_area": service.pk,
            "about": "My social worker",
            "what_happened": "She never comes.",
            "put_right": "A new worker.",
            "complainant_type": "child_young_person",
            "child_name": "Jade Example",
            "child_age_band": "10-15",
            "contact_method": "text",
            "advocate": contract.ADVOCATE_WANTED,
        },
        phone="07700 900123",
    )
    sign_in(page, officer.username)
    page.goto(f"/triage/{sent.pk}/accept/")
    page.get_by_role("heading", name="Accept into a procedure").wait_for()
    refer = page.get_by_role("group", name="They asked for an advocate.")
    assert refer.get_by_label("Yes").is_checked()
    assert_accessible(page, "accepting a child's complaint with a referral")
    page.get_by_role("group", name="Which procedure applies?").get_by_label("Statutory").check()
    page.get_by_role("button", name="Accept the complaint").click()
    page.get_by_text("They have been referred for advocacy.").wait_for()
    accepted = Complaint.objects.get(reference=sent.reference)
    assert accepted.advocacy_referred_on is not None

    other = ComplaintFactory(complainant__name="Kai Example", complainant_type="care_leaver")
    page.goto(f"/complaints/{other.pk}/")
    page.get_by_role("link", name="Refer for advocacy").click()
    page.get_by_role("heading", name="Refer for advocacy").wait_for()
    assert page.get_by_text("First name: Kai").is_visible()
    assert_accessible(page, "referring a child for advocacy")
    page.get_by_role("button", name="Send the referral").click()
    page.get_by_text("Referred to Coram Voice on").wait_for()
    assert_accessible(page, "the summary after a referral")
    assert Message.objects.filter(kind=Kind.ADVOCACY_REFERRAL).count() == 2
