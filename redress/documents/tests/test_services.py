import hashlib
import io

import pytest

from redress.complaints.tests.factories import ComplaintFactory, StageFactory
from redress.core.models import AuditEvent
from redress.documents import rules, services
from redress.documents.models import Document

from .helpers import EXECUTABLE, LETTER

pytestmark = pytest.mark.django_db


def upload(complaint, data=LETTER, name="letter.pdf", **kwargs):
    kwargs.setdefault("kind", "complaint_letter")
    kwargs.setdefault("by", None)
    return services.document_upload(complaint=complaint, file=io.BytesIO(data), name=name, **kwargs)


def test_an_upload_is_kept_under_a_random_name_with_its_checksum_and_audited(officer):
    complaint = ComplaintFactory()
    document = upload(complaint, name="Letter from Jo.pdf", by=officer)
    document.refresh_from_db()
    assert (document.name, document.content_type, document.size) == (
        "Letter from Jo.pdf",
        "application/pdf",
        len(LETTER),
    )
    assert document.sha256 == hashlib.sha256(LETTER).hexdigest()
    assert "Jo" not in document.stored_name
    assert len(document.stored_name) == 40
    with services.storage().open(document.stored_name) as stored:
        assert stored.read() == LETTER
    event = AuditEvent.objects.get(action="document.upload")
    assert (event.complaint_id, event.actor_id) == (complaint.pk, officer.pk)
    assert event.after["name"] == "Letter from Jo.pdf"
    assert event.after["sha256"] == document.sha256


def test_a_refused_upload_writes_nothing():
    complaint = ComplaintFactory()
    with pytest.raises(rules.DocumentTypeNotAllowed):
        upload(complaint, EXECUTABLE, "letter.pdf")
    assert not Document.objects.exists()
    assert not AuditEvent.objects.filter(action="document.upload").exists()


def test_an_upload_past_the_limit_is_refused_naming_its_size_and_the_limit(settings):
    settings.REDRESS_DOCUMENT_MAX_MB = 1
    complaint = ComplaintFactory()
    big = LETTER + b"%" * (1024 * 1024)
    with pytest.raises(rules.DocumentTooLarge) as refused:
        upload(complaint, big, "big.pdf")
    assert refused.value.message == (
        "The file 'big.pdf' is larger than 1 MB: a document must be 1 MB or smaller."
    )
    assert not Document.objects.exists()


def test_a_stage_of_another_complaint_is_refused():
    complaint = ComplaintFactory()
    other = StageFactory(number=2)
    with pytest.raises(rules.DocumentStageOtherComplaint):
        upload(complaint, stage=other)


def test_removing_deletes_the_bytes_and_keeps_the_record(
    officer, django_capture_on_commit_callbacks
):
    document = upload(ComplaintFactory())
    with django_capture_on_commit_callbacks(execute=True):
        services.document_remove(document=document, reason="Wrong complaint", by=officer)
    document.refresh_from_db()
    assert document.is_removed
    assert (document.removed_by, document.removed_reason) == (officer, "Wrong complaint")
    assert not services.storage().exists(document.stored_name)
    event = AuditEvent.objects.get(action="document.remove")
    assert (event.note, event.after["removed_reason"]) == ("Wrong complaint", "Wrong complaint")
    with pytest.raises(rules.DocumentAlreadyRemoved):
        services.document_remove(document=document, reason="Again", by=officer)


def test_a_removal_needs_a_reason(officer):
    document = upload(ComplaintFactory())
    with pytest.raises(rules.RuleViolation, match="reason for removing the document"):
        services.document_remove(document=document, reason="  ", by=officer)


def test_opening_a_document_is_on_the_audit_trail(officer):
    document = upload(ComplaintFactory())
    with services.document_open(document=document, by=officer) as handle:
        assert handle.read() == LETTER
    event = AuditEvent.objects.get(action="document.download")
    assert (event.actor_id, event.complaint_id, event.after) == (
        officer.pk,
        document.complaint_id,
        {"name": "letter.pdf"},
    )
