"""Refusals with a reason: a page someone may not see says why, rather than just "forbidden"."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from redress.complaints.models import Complaint
from redress.complaints.selectors import complaint_for_page, sees_complaints, why_hidden


def require_complaint_pages(request: HttpRequest) -> None:
    if not sees_complaints(request.user):
        raise PermissionDenied(why_hidden(request.user))


def complaint_or_refuse(request: HttpRequest, pk: int) -> Complaint:
    """The complaint with everything its pages show; 403 with the reason when the user may not
    see it, 404 when there is no such complaint."""
    require_complaint_pages(request)
    complaint = complaint_for_page(user=request.user, pk=pk)
    if complaint is not None:
        return complaint
    if Complaint.objects.filter(pk=pk).exists():
        raise PermissionDenied(why_hidden(request.user))
    raise Http404("There is no complaint with that address.")
