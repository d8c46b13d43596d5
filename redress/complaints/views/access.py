"""Refusals: a role with no complaint pages is told why; a complaint someone may not see is not
found, like one that does not exist."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from redress.complaints.models import Complaint
from redress.complaints.selectors import complaint_for_page, sees_complaints, why_hidden


def require_complaint_pages(request: HttpRequest) -> None:
    if not sees_complaints(request.user):
        raise PermissionDenied(why_hidden(request.user))


def complaint_or_refuse(request: HttpRequest, pk: int) -> Complaint:
    """The complaint with everything its pages show. A complaint the user may not see answers
    404, exactly as one that does not exist, so an address does not tell whether it exists.
    (A role with no complaint pages at all is refused with 403 and the reason, whatever the
    address.)"""
    require_complaint_pages(request)
    complaint = complaint_for_page(user=request.user, pk=pk)
    if complaint is None:
        raise Http404("There is no complaint with that address.")
    return complaint
