"""A complaint's documents: the Documents tab, uploading, downloading and removing.

Each looks the complaint up through the scoping selector first, so a complaint the person may
not see (and its documents) answers 404 like one that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from redress.complaints.models import Complaint
from redress.complaints.views.access import complaint_or_refuse
from redress.complaints.views.common import by, form_page, posted, require_team
from redress.complaints.views.pages import render_tab

from . import access, presenters, selectors, services, uploads
from .forms import RemoveForm, UploadForm
from .models import Document
from .responses import sandboxed_download
from .rules import DocumentUploadTooLarge

NOT_YOURS = (
    "You can add documents only to the stages allocated to you or that you are appointed to "
    "investigate. Ask the complaints team to add this one."
)


def documents(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    return render_tab(
        request,
        complaint,
        "documents",
        {
            "documents": presenters.rows(selectors.documents_of(complaint)),
            "may_upload": access.may_upload(request.user, complaint),
            "may_remove": access.may_remove(request.user),
        },
        template="documents/tab.html",
    )


def _too_large_message() -> str:
    return DocumentUploadTooLarge(limit=services.size_text(services.max_bytes())).message


@csrf_exempt  # checked by `_upload`, once the size limit is in place (it reads the body)
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    if not access.may_upload(request.user, complaint):
        raise PermissionDenied(NOT_YOURS)
    if request.method == "POST":
        if uploads.too_long(request, services.max_bytes()):
            # Nothing is read or written: the page again, saying why, as 413.
            response = _upload_page(request, complaint, too_large=True, unread=True)
            response.status_code = 413
            return response
        uploads.limit_uploads(request, services.max_bytes())
    return _upload(request, complaint)


@csrf_protect
def _upload(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    if request.method == "POST":
        request.FILES  # noqa: B018 (reads the body, through the size limit, before asking)
    return _upload_page(request, complaint, too_large=uploads.was_too_large(request))


def _upload_page(
    request: HttpRequest, complaint: Complaint, *, too_large: bool, unread: bool = False
) -> HttpResponse:
    form = UploadForm(
        {} if unread else posted(request),
        None if unread else request.FILES,
        stages=access.stages_for_upload(request.user, complaint),
        whole_complaint=access.may_upload_to_complaint(request.user),
        too_large=_too_large_message() if too_large else None,
    )
    if unread:  # nothing was read: the form afresh, with only the reason it was refused
        for name in [n for n in form.errors if n != "file"]:
            del form.errors[name]

    def perform(data: dict[str, Any]) -> str:
        file = data["file"]
        document = services.document_upload(
            complaint=complaint,
            file=file,
            name=file.name,
            kind=data["kind"],
            stage=form.stage(),
            by=by(request),
        )
        return f"{document.name} uploaded"

    return form_page(
        request,
        form=form,
        perform=perform,
        done_url=lambda: reverse("documents:list", args=[complaint.pk]),
        template="documents/upload.html",
        context={"complaint": complaint, "limit": services.size_text(services.max_bytes())},
    )


def _document(complaint: Complaint, document_pk: int) -> Document:
    document = selectors.document_of(complaint, document_pk)
    if document is None or document.is_removed:
        raise Http404("The complaint has no such document.")
    return document


def download(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    """The file, always as a download: never shown in the browser, never a type a browser
    would run (see `presenters.served_type`), never cached."""
    complaint = complaint_or_refuse(request, pk)
    document = _document(complaint, document_pk)
    try:
        handle = services.document_open(document=document, by=by(request))
    except FileNotFoundError:  # a database restored from before the file was deleted
        raise Http404("The document's file is no longer held.") from None
    return sandboxed_download(handle, filename=document.name, content_type=document.content_type)


def remove(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "remove a document")
    document = _document(complaint, document_pk)

    def perform(data: dict[str, Any]) -> str:
        services.document_remove(document=document, reason=data["reason"], by=by(request))
        return f"{document.name} removed"

    return form_page(
        request,
        form=RemoveForm(posted(request)),
        perform=perform,
        done_url=lambda: reverse("documents:list", args=[complaint.pk]),
        template="documents/remove.html",
        context={"complaint": complaint, "document": presenters.row(document)},
    )
