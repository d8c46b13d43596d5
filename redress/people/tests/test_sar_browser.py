"""The subject access page in Chromium: reached from a complaint's People tab, accessible (axe),
no wider than a phone, and its button downloads the ZIP."""

import io
import zipfile
from pathlib import Path

import pytest

from redress.complaints.tests.factories import ComplaintFactory
from redress.core.tests.browser.support import assert_accessible, sign_in
from redress.people.tests.factories import PersonFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_from_the_people_tab_to_the_download(page, officer):
    complainant = PersonFactory(name="Alice Subject", key="S000201")
    complaint = ComplaintFactory(reference="KCT-2021-00201", complainant=complainant)
    complaint.children.set([PersonFactory(name="Bobby Subject", key="S000202")])
    page.set_viewport_size({"width": 320, "height": 720})
    sign_in(page, officer.username)
    page.goto(f"/complaints/{complaint.pk}/people/")
    page.get_by_role("link", name="Subject access export for Alice Subject").click()
    page.get_by_role("heading", name="Subject access export for Alice Subject").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page, "the subject access page")
    with page.expect_download() as download:
        page.get_by_role("button", name="Subject access export").click()
    assert download.value.suggested_filename.startswith("subject-access-S000201-")
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    redactions = archive.read("redactions.csv").decode("utf-8-sig")
    assert "Bobby Subject" in redactions
