"""The documents pages in Chromium: axe finds no WCAG 2.2 AA problem; an officer is told why a
program renamed .pdf is refused, uploads a letter, sees it on the Documents tab and downloads
it; the upload works with JavaScript off too."""

from pathlib import Path

import pytest

from redress.complaints.tests.factories import ComplaintFactory
from redress.core.models import AuditEvent
from redress.core.tests.browser.support import assert_accessible, sign_in
from redress.documents.models import Document
from redress.documents.tests.helpers import EXECUTABLE, LETTER

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_officer_uploads_and_downloads_a_letter(page, officer, tmp_path: Path):
    complaint = ComplaintFactory()
    program = tmp_path / "letter.pdf"
    program.write_bytes(EXECUTABLE)
    letter = tmp_path / "Letter from the complainant.pdf"
    letter.write_bytes(LETTER)
    sign_in(page, officer.username)
    page.goto(f"/complaints/{complaint.pk}/")
    page.get_by_role("link", name="Documents").click()
    page.get_by_text("No documents have been uploaded.").wait_for()
    assert_accessible(page, "the Documents tab, empty")
    page.get_by_role("link", name="Upload a document").click()
    page.get_by_role("heading", name="Upload a document").wait_for()
    assert_accessible(page, "the upload form")

    page.get_by_label("File").set_input_files(str(program))
    page.get_by_label("Complaint letter").check()
    page.get_by_label("The complaint as a whole").check()
    page.get_by_role("button", name="Upload the document").click()
    page.get_by_role(
        "link", name="The file 'letter.pdf' is a program (a Windows executable)", exact=False
    ).wait_for()
    assert_accessible(page, "the upload form with its error")
    assert not Document.objects.exists()

    page.get_by_label("File").set_input_files(str(letter))
    page.get_by_role("button", name="Upload the document").click()
    page.get_by_text("Letter from the complainant.pdf uploaded").wait_for()
    assert_accessible(page, "the Documents tab with a document")
    with page.expect_download() as download:
        page.get_by_role("link", name="Letter from the complainant.pdf (download").click()
    saved = tmp_path / "downloaded.pdf"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "Letter from the complainant.pdf"
    assert saved.read_bytes() == LETTER
    actions = list(AuditEvent.objects.filter(complaint_id=complaint.pk).values_list("action"))
    assert ("document.upload",) in actions
    assert ("document.download",) in actions

    page.goto(f"/complaints/{complaint.pk}/timeline/")
    page.get_by_text("Document uploaded").wait_for()
    page.get_by_text("Document downloaded").wait_for()


def test_an_upload_without_javascript(no_js_page, officer, tmp_path: Path):
    complaint = ComplaintFactory()
    letter = tmp_path / "notes.txt"
    letter.write_text("Notes of the meeting with the family.\n")
    sign_in(no_js_page, officer.username)
    no_js_page.goto(f"/complaints/{complaint.pk}/documents/upload/")
    no_js_page.get_by_label("File").set_input_files(str(letter))
    no_js_page.get_by_label("Other").check()
    no_js_page.get_by_label("The complaint as a whole").check()
    no_js_page.get_by_role("button", name="Upload the document").click()
    no_js_page.get_by_text("notes.txt uploaded").wait_for()
    assert Document.objects.get().content_type == "text/plain"
