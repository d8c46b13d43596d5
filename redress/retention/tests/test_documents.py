"""Retention removes a complaint's documents with the rest of its personal data."""

import io

import pytest

from redress.core.models import AuditEvent
from redress.documents import samples
from redress.documents.services import document_open, document_upload, storage
from redress.retention import services

from .helpers import closed_complaint, d

pytestmark = pytest.mark.django_db


def test_an_anonymised_complaint_keeps_no_document(manager, django_capture_on_commit_callbacks):
    old = closed_complaint("2016-05-02", "2016-06-01")
    recent = closed_complaint("2022-05-04", "2022-06-01")
    letter = samples.pdf(["Letter from Jo Bloggs"])
    documents = [
        document_upload(
            complaint=complaint,
            file=io.BytesIO(letter),
            name="Letter from Jo Bloggs.pdf",
            kind="complaint_letter",
            by=manager,
        )
        for complaint in (old, recent)
    ]
    document_open(document=documents[0], by=manager).close()
    with django_capture_on_commit_callbacks(execute=True):
        services.retention_run(as_of=d("2028-01-10"), apply=True)
    gone, kept = documents
    gone.refresh_from_db()
    kept.refresh_from_db()
    assert (gone.name, gone.removed_reason) == ("", "Removed under the retention policy.")
    assert gone.is_removed
    assert not storage().exists(gone.stored_name)
    # The other complaint's document, not yet due, is untouched.
    assert (kept.name, kept.is_removed) == ("Letter from Jo Bloggs.pdf", False)
    assert storage().exists(kept.stored_name)
    trail = str(list(AuditEvent.objects.filter(complaint_id=old.pk).values("before", "after")))
    assert "Bloggs" not in trail
    assert "document.upload" in set(
        AuditEvent.objects.filter(complaint_id=old.pk).values_list("action", flat=True)
    )
