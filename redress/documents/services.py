"""Uploading, downloading and removing documents: each one on the audit trail, and so on the
complaint's timeline.

The bytes go to the `documents` storage under a random name; the record keeps the cleaned name
the person gave and the type found in the content. Removing deletes the bytes (a child's
records should not linger in a file store) once the removal is committed, and keeps the record
marked removed, with who, when and why.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import secrets
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import transaction

from redress.core import audit, clock
from redress.procedures.checks import choice, required_text

from . import content, rules
from .models import Document, DocumentKind

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.complaints.models import Complaint, Stage

logger = logging.getLogger(__name__)
SHOWN = ["kind", "name", "stage", "content_type", "size", "sha256"]
RETENTION_REASON = "Removed under the retention policy."


def storage() -> Storage:
    return storages["documents"]


def max_bytes() -> int:
    return int(settings.REDRESS_DOCUMENT_MAX_MB) * 1024 * 1024


def size_text(size: int) -> str:
    """`2.4 MB`, `18 KB`, `120 bytes`."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
    if size >= 1024:
        return f"{round(size / 1024)} KB"
    return f"{size} bytes"


def _read(file: IO[bytes], *, name: str) -> bytes:
    """The whole file, refusing one past the limit without reading more than a byte beyond it."""
    limit = max_bytes()
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(limit + 1)
    if len(data) > limit:
        size = getattr(file, "size", None)
        shown = size_text(size) if size else ""
        if not shown or shown == size_text(limit):  # "21 MB", but never "20 MB: … 20 MB"
            shown = f"larger than {size_text(limit)}"
        raise rules.DocumentTooLarge(name=name, size=shown, limit=size_text(limit))
    return data


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks every upload does, with what its record keeps."""

    name: str  # cleaned
    content_type: str  # read from the content
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def file_check(file: IO[bytes], *, name: str) -> CheckedFile:
    """The checks of every file Redress keeps (a document, a file sent through the public
    pages): the name cleaned (one with folders in it is refused), the size against
    REDRESS_DOCUMENT_MAX_MB, the type read from the content (PDF, Word, images, plain text,
    email) whatever the name says."""
    data = _read(file, name=content.clean_name(name))
    cleaned, found = content.check(raw_name=name, content=data)
    return CheckedFile(cleaned, found.content_type, data)


def bytes_store(data: bytes) -> str:
    """Keep the bytes in the documents storage under a random name; returns the name it holds
    them under. Should the caller's transaction fail, they are an orphan that no record names:
    never served, and removed with the storage's housekeeping."""
    return storage().save(secrets.token_hex(20), ContentFile(data))


@transaction.atomic
def document_upload(
    *,
    complaint: Complaint,
    file: IO[bytes],
    name: str,
    kind: str,
    by: User | None,
    stage: Stage | None = None,
) -> Document:
    """Keep a document on a complaint, or on one of its stages. The name is cleaned (a name
    with folders in it is refused), the size checked against REDRESS_DOCUMENT_MAX_MB and the
    type read from the content (PDF, Word, images, plain text, email), whatever the name says."""
    choice(kind, DocumentKind, what="kind of document")
    if stage is not None and stage.complaint_id != complaint.pk:
        raise rules.DocumentStageOtherComplaint(stage=stage.number, reference=complaint.reference)
    checked = file_check(file, name=name)
    document = Document.objects.create(
        complaint=complaint,
        stage=stage,
        kind=kind,
        name=checked.name,
        stored_name=bytes_store(checked.data),
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=by,
        uploaded_at=clock.now(),
    )
    audit.record(
        action="document.upload",
        obj=document,
        by=by,
        after=audit.snapshot(document, SHOWN),
        complaint=complaint,
    )
    return document


def document_open(*, document: Document, by: User | None) -> IO[bytes]:
    """The document's bytes, for someone the view has let see its complaint; the download is
    on the audit trail."""
    if document.is_removed:
        raise rules.DocumentAlreadyRemoved(name=document.name)
    handle = storage().open(document.stored_name, "rb")
    with transaction.atomic():
        audit.record(
            action="document.download",
            obj=document,
            by=by,
            after={"name": document.name},
            complaint=document.complaint,
        )
    return handle


@transaction.atomic
def document_remove(*, document: Document, reason: str, by: User | None) -> Document:
    """Remove a document (uploaded by mistake, or not to be kept), saying why: its bytes are
    deleted once the removal is committed; the record stays, marked removed."""
    reason = required_text(reason, what="reason for removing the document")
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_removed:
        raise rules.DocumentAlreadyRemoved(name=document.name)
    audit.save_changes(
        document,
        {"removed_at": clock.now(), "removed_by": by, "removed_reason": reason},
        action="document.remove",
        by=by,
        complaint=document.complaint,
        note=reason,
        shown=["name", "removed_reason"],
    )
    stored_name = document.stored_name
    transaction.on_commit(lambda: bytes_delete(stored_name), robust=True)
    return document


def bytes_delete(stored_name: str) -> None:
    try:
        storage().delete(stored_name)
    except Exception:  # the record says removed; the bytes are left for an administrator
        logger.exception("Could not delete the bytes of removed document %s", stored_name)


def documents_remove_for_retention(*, complaint_ids: list[int], by: User | None) -> int:
    """The documents of complaints anonymised under the retention policy (called inside its
    batch's transaction, which audits each complaint): marked removed, and every file of
    theirs deleted once the batch is committed. Returns how many were still held."""
    documents = Document.objects.filter(complaint_id__in=complaint_ids)
    stored_names = list(documents.values_list("stored_name", flat=True))
    held = documents.filter(removed_at__isnull=True).update(
        removed_at=clock.now(),
        removed_by=by,
        removed_reason=RETENTION_REASON,
        updated_at=clock.now(),
    )
    for stored_name in stored_names:
        transaction.on_commit(functools.partial(bytes_delete, stored_name), robust=True)
    return held
