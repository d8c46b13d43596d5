"""An officer triages a complaint sent online, in Chromium: from My work to the queue, the
submission, and accepting it into the statutory procedure; axe finds nothing on each page."""

from __future__ import annotations

import pytest

from redress.complaints.models import Complaint
from redress.core.tests.browser.support import assert_accessible, sign_in
from redress.front.tests.sent import parent_complaint_sent
from redress.organisations.tests.factories import ServiceAreaFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_officer_accepts_a_complaint_sent_online(page, officer):
    service = ServiceAreaFactory(name="Children in need")
    sent = parent_complaint_sent(
        service,
        email="marcia@example.org",
    )
    sign_in(page, officer.username)
    page.get_by_role("link", name="1 sent online, waiting for triage").click()
    page.get_by_role("heading", name="1 waiting").wait_for()
    assert_accessible(page, "the triage queue")
    page.get_by_role("link", name=sent.reference).click()
    page.get_by_role("heading", name=sent.reference).wait_for()
    assert page.get_by_text("Nobody came to the review meeting.").is_visible()
    assert_accessible(page, "a submission")
    page.get_by_role("link", name="Accept into a procedure").click()
    page.get_by_role("heading", name="Accept into a procedure").wait_for()
    assert_accessible(page, "accepting it")
    page.get_by_role("group", name="Which procedure applies?").get_by_label("Statutory").check()
    assert page.get_by_label("Service area").input_value() == str(service.pk)
    page.get_by_role("button", name="Accept the complaint").click()
    page.get_by_text(f"Complaint {sent.reference} recorded").wait_for()
    complaint = Complaint.objects.get()
    assert (complaint.reference, complaint.method) == (sent.reference, "online_form")
