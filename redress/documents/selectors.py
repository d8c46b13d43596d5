"""Reading documents: always through the complaint the reader may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from redress.complaints.models import Complaint
from redress.complaints.selectors.scoping import complaint_ids_visible_to

from .models import Document


def documents_of(complaint: Complaint) -> list[Document]:
    """A complaint's documents, removed ones included (the page says they were removed)."""
    return list(
        Document.objects.filter(complaint=complaint).select_related(
            "stage", "uploaded_by", "removed_by"
        )
    )


def documents_visible_to(user: Any) -> QuerySet[Document]:
    """The documents of the complaints this user may see."""
    return Document.objects.filter(complaint_id__in=complaint_ids_visible_to(user))


def document_of(complaint: Complaint, pk: int) -> Document | None:
    """The complaint's document with this id (the complaint already checked as visible)."""
    return Document.objects.filter(complaint=complaint, pk=pk).select_related("stage").first()
