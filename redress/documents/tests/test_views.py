import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from redress.complaints.tests.factories import AppointmentFactory, ComplaintFactory, StageFactory
from redress.core.models import AuditEvent
from redress.documents import services
from redress.documents.models import Document

from .helpers import EXECUTABLE, LETTER, png

pytestmark = pytest.mark.django_db


def _upload_url(complaint):
    return reverse("documents:upload", args=[complaint.pk])


def _post(client, complaint, name, data, *, kind="complaint_letter", belongs_to="complaint"):
    return client.post(
        _upload_url(complaint),
        {"file": SimpleUploadedFile(name, data), "kind": kind, "belongs_to": belongs_to},
    )


def _document(complaint, data=LETTER, name="letter.pdf", stage=None):
    return services.document_upload(
        complaint=complaint,
        file=io.BytesIO(data),
        name=name,
        kind="complaint_letter",
        stage=stage,
        by=None,
    )


def test_an_officer_uploads_a_letter_and_sees_it_listed(officer_client):
    complaint = ComplaintFactory()
    response = _post(officer_client, complaint, "Letter.pdf", LETTER)
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:list", args=[complaint.pk])
    document = Document.objects.get()
    assert (document.name, document.stage) == ("Letter.pdf", None)
    page = officer_client.get(response["Location"]).content.decode()
    assert "Letter.pdf" in page
    assert reverse("documents:download", args=[complaint.pk, document.pk]) in page
    timeline = officer_client.get(reverse("complaints:timeline", args=[complaint.pk]))
    assert "Document uploaded" in timeline.content.decode()


def _error_shown(response, message):
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    # In the error summary and at the file input.
    assert page.count(message.replace("'", "&#39;")) == 2, page
    assert not Document.objects.exists()


def test_an_executable_renamed_pdf_is_refused_with_a_clear_message(officer_client):
    response = _post(officer_client, ComplaintFactory(), "letter.pdf", EXECUTABLE)
    _error_shown(
        response,
        "The file 'letter.pdf' is a program (a Windows executable), whatever its name says.",
    )


def test_an_oversized_file_is_refused_with_a_clear_message(officer_client, settings):
    settings.REDRESS_DOCUMENT_MAX_MB = 1
    big = LETTER + b"%" * (1024 * 1024)
    response = _post(officer_client, ComplaintFactory(), "big.pdf", big)
    _error_shown(
        response, "The file you chose is larger than 1 MB: a document must be 1 MB or smaller."
    )


def test_a_request_declaring_a_huge_body_is_refused_before_it_is_read(officer_client, settings):
    settings.REDRESS_DOCUMENT_MAX_MB = 1
    complaint = ComplaintFactory()
    response = officer_client.generic(
        "POST",
        _upload_url(complaint),
        b"never read",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(5 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "a document must be 1 MB or smaller" in response.content.decode()


def test_a_file_named_with_a_path_is_refused_with_a_clear_message(officer_client):
    # Django keeps only the last part of an uploaded file's name ("passwd"); the service
    # refuses the whole path itself (test_content.py).
    response = _post(officer_client, ComplaintFactory(), "../../etc/passwd", b"root:x:0:0::/:\n")
    _error_shown(response, "The file name 'passwd' has no ending such as .pdf")


def test_nothing_chosen_is_named(officer_client):
    response = officer_client.post(_upload_url(ComplaintFactory()), {"kind": "other"})
    page = response.content.decode()
    assert "Choose a file to upload" in page
    assert "Select what the document belongs to" in page


def test_a_download_is_an_attachment_of_its_detected_type_never_cached(officer_client):
    complaint = ComplaintFactory()
    document = _document(complaint)
    response = officer_client.get(reverse("documents:download", args=[complaint.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == LETTER
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="letter.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert AuditEvent.objects.filter(action="document.download").count() == 1


def test_a_document_of_one_complaint_is_never_served_to_someone_who_cannot_see_it(
    responding_manager_client,
    responding_manager,
    investigator_client,
    investigator,
    executive_client,
):
    theirs = ComplaintFactory()
    stage = StageFactory(complaint=theirs, number=2, allocated_to=responding_manager)
    AppointmentFactory(stage=stage, user=investigator)
    other = ComplaintFactory()
    secret = _document(other, name="secret.pdf")
    mine = _document(theirs, png(), "photo.png")
    for client in (responding_manager_client, investigator_client):
        # Their complaint's document: served.
        ok = client.get(reverse("documents:download", args=[theirs.pk, mine.pk]))
        assert ok.status_code == 200
        # Another complaint's: not found, by its own address or through theirs.
        for pk in (other.pk, theirs.pk):
            url = reverse("documents:download", args=[pk, secret.pk])
            assert client.get(url).status_code == 404
        assert client.get(reverse("documents:list", args=[other.pk])).status_code == 404
    assert (
        executive_client.get(reverse("documents:download", args=[other.pk, secret.pk])).status_code
        == 403
    )
    served = AuditEvent.objects.filter(action="document.download", object_id=str(secret.pk))
    assert not served.exists()


def test_a_removed_document_is_not_served(officer_client, officer):
    complaint = ComplaintFactory()
    document = _document(complaint)
    services.document_remove(document=document, reason="Duplicate", by=officer)
    url = reverse("documents:download", args=[complaint.pk, document.pk])
    assert officer_client.get(url).status_code == 404
    page = officer_client.get(reverse("documents:list", args=[complaint.pk])).content.decode()
    assert "Removed documents" in page
    assert "Duplicate" in page


def test_html_is_never_served_as_html():
    from redress.documents.presenters import served_type

    assert served_type("text/html") == "application/octet-stream"
    assert served_type("image/svg+xml") == "application/octet-stream"
    assert served_type("text/plain") == "text/plain"


def test_a_responding_manager_uploads_only_to_their_stage(
    responding_manager_client, responding_manager
):
    complaint = ComplaintFactory()
    stage = StageFactory(complaint=complaint, number=2, allocated_to=responding_manager)
    page = responding_manager_client.get(_upload_url(complaint)).content.decode()
    assert "Stage 2" in page
    assert "The complaint as a whole" not in page
    refused = _post(responding_manager_client, complaint, "a.pdf", LETTER, belongs_to="complaint")
    assert "Select the complaint or one of the stages listed" in refused.content.decode()
    done = _post(responding_manager_client, complaint, "a.pdf", LETTER, belongs_to="2")
    assert done.status_code == 302
    assert Document.objects.get().stage == stage
    remove = reverse("documents:remove", args=[complaint.pk, Document.objects.get().pk])
    assert responding_manager_client.get(remove).status_code == 403


def test_an_officer_removes_a_document_saying_why(officer_client):
    complaint = ComplaintFactory()
    document = _document(complaint)
    url = reverse("documents:remove", args=[complaint.pk, document.pk])
    assert (
        "Enter why the document is being removed"
        in officer_client.post(url, {"reason": ""}).content.decode()
    )
    assert officer_client.post(url, {"reason": "Wrong complaint"}).status_code == 302
    document.refresh_from_db()
    assert document.removed_reason == "Wrong complaint"


def test_the_documents_tab_is_current_in_the_complaint_sub_navigation(officer_client):
    complaint = ComplaintFactory()
    url = reverse("documents:list", args=[complaint.pk])
    page = officer_client.get(url).content.decode()
    assert 'class="moj-sub-navigation"' in page
    assert page.count('aria-current="page"') == 1
    assert f'aria-current="page" href="{url}"' in page
    summary = officer_client.get(reverse("complaints:summary", args=[complaint.pk]))
    assert f'href="{url}"' in summary.content.decode()


def test_a_hidden_complaint_s_documents_answer_exactly_as_a_missing_one(investigator_client):
    hidden = investigator_client.get(reverse("documents:list", args=[ComplaintFactory().pk]))
    missing = investigator_client.get(reverse("documents:list", args=[99999]))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
