"""An officer accepts a complaint sent online with a file, in Chromium: the complainant is
someone already recorded, a reason is chosen, and the file becomes the complaint's document;
axe finds nothing on the submission's page or the accept form (its extra fields included)."""

from __future__ import annotations

import io

import pytest

from redress.complaints.models import Complaint
from redress.core.tests.browser.support import assert_accessible, sign_in
from redress.front.tests.sent import parent_complaint_sent
from redress.organisations.tests.factories import ServiceAreaFactory
from redress.people.services import person_record

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_officer_accepts_a_complaint_from_someone_already_recorded(page, officer):
    service = ServiceAreaFactory(name="Children in need")
    known = person_record(by=None, name="Marcia Example", email="marcia@example.org")
    sent = parent_complaint_sent(
        service,
        email="marcia@example.org",
        files=[("letter.txt", io.BytesIO(b"Dear team, nobody came.\n"))],
    )
    sign_in(page, officer.username)
    page.goto(f"/triage/{sent.pk}/")
    page.get_by_role("heading", name=sent.reference).wait_for()
    assert page.get_by_role("link", name="letter.txt").is_visible()
    assert_accessible(page, "a submission with a file")
    page.get_by_role("link", name="Accept into a procedure").click()
    page.get_by_role("heading", name="Accept into a procedure").wait_for()
    page.get_by_role("group", name="Which procedure applies?").get_by_label("Statutory").check()
    page.get_by_label("Reason for complaint (optional)").select_option(label="Delay")
    page.get_by_role("group", name="Is the complainant someone already recorded?").get_by_label(
        "Yes, Marcia Example"
    ).check()
    assert_accessible(page, "the accept form with a person found")
    page.get_by_role("button", name="Accept the complaint").click()
    page.get_by_text(f"Complaint {sent.reference} recorded").wait_for()
    complaint = Complaint.objects.get()
    assert complaint.complainant == known
    assert complaint.stages.get().aspects.get().category.name == "Delay"
    assert [d.name for d in complaint.documents.all()] == ["letter.txt"]
