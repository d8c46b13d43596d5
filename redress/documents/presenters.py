"""Documents as the pages show them, and the type a download is served as."""

from __future__ import annotations

from dataclasses import dataclass

from redress.complaints.presenters import moment
from redress.core.presenters import first_capital

from .content import BY_CONTENT_TYPE
from .models import Document
from .services import size_text

# A download is served as its detected type only when that is a kind Redress accepts (none a
# browser runs: no HTML, no SVG, no script); anything else as bytes to save.
SAFE_TYPES = frozenset(BY_CONTENT_TYPE) - {"text/html", "image/svg+xml"}
BYTES = "application/octet-stream"


def served_type(content_type: str) -> str:
    return content_type if content_type in SAFE_TYPES else BYTES


def type_label(content_type: str) -> str:
    kind = BY_CONTENT_TYPE.get(content_type)
    if kind is None:
        return content_type
    label = kind.label.split(" ", 1)[1]  # "a PDF document" -> "PDF document"
    return first_capital(label)


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    pk: int
    name: str
    kind: str
    belongs_to: str
    type: str
    size: str
    uploaded: str
    uploaded_by: str
    removed: str | None
    removed_reason: str


def row(document: Document) -> DocumentRow:
    removed = None
    if document.removed_at is not None:
        who = document.removed_by.display_name if document.removed_by else "Redress"
        removed = f"Removed {moment(document.removed_at)} by {who}"
    return DocumentRow(
        document=document,
        pk=document.pk,
        name=document.name or "Name removed under the retention policy",
        kind=document.get_kind_display(),
        belongs_to=f"Stage {document.stage.number}" if document.stage else "The complaint",
        type=type_label(document.content_type),
        size=size_text(document.size),
        uploaded=moment(document.uploaded_at),
        uploaded_by=document.uploaded_by.display_name if document.uploaded_by else "Redress",
        removed=removed,
        removed_reason=document.removed_reason,
    )


def rows(documents: list[Document]) -> list[DocumentRow]:
    return [row(d) for d in documents]
