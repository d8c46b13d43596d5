"""The documents held on the person's complaints (letters, reports, emails), for the export:
their list as a table, and where each file goes in the ZIP. Removed documents are listed (their
files are no longer held) so the list says everything Redress recorded."""

from __future__ import annotations

import re

from redress.documents.models import Document
from redress.documents.presenters import type_label

from .tables import Table, make_table, who

FOLDER = "documents"


def documents_of(complaint_ids: list[int]) -> list[Document]:
    return list(
        Document.objects.filter(complaint__in=complaint_ids)
        .select_related("complaint", "stage", "uploaded_by", "removed_by")
        .order_by("complaint__received_date", "complaint__reference", "uploaded_at", "pk")
    )


def zip_path(document: Document) -> str:
    """`documents/KCT-2021-00001/12-Letter.pdf`: the name is already cleaned when uploaded;
    the id keeps two of the same name apart."""
    reference = re.sub(r"[^A-Za-z0-9_.-]", "-", document.complaint.reference).strip(".-")
    return f"{FOLDER}/{reference or document.complaint_id}/{document.pk}-{document.name}"


def documents_table(documents: list[Document]) -> Table:
    return make_table(
        "documents",
        "Documents on the complaints",
        [
            ("complaint", "Complaint"),
            ("stage", "Stage"),
            ("kind", "Kind"),
            ("name", "File name"),
            ("type", "Type"),
            ("size", "Size in bytes"),
            ("sha256", "SHA-256 checksum"),
            ("uploaded_by", "Uploaded by"),
            ("uploaded_at", "Uploaded"),
            ("removed_by", "Removed by"),
            ("removed_at", "Removed"),
            ("removed_reason", "Why removed"),
            ("file", "File in this export"),
        ],
        [
            {
                "record": f"{d.complaint.reference} document {d.pk}",
                "complaint": d.complaint.reference,
                "stage": d.stage.number if d.stage else None,
                "kind": d.get_kind_display(),
                "name": d.name,
                "type": type_label(d.content_type),
                "size": d.size,
                "sha256": d.sha256,
                "uploaded_by": who(d.uploaded_by),
                "uploaded_at": d.uploaded_at,
                "removed_by": who(d.removed_by),
                "removed_at": d.removed_at,
                "removed_reason": d.removed_reason,
                "file": "" if d.is_removed else zip_path(d),
            }
            for d in documents
        ],
    )
