"""Who may do what on the Ombudsman pages. Someone who may see an enquiry's complaint sees the
enquiry; an enquiry they may not see answers 404, like one that does not exist. Roles with no
complaint pages (executives) are refused with the reason; only the complaints team records."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from redress.complaints.views.access import require_complaint_pages
from redress.ombudsman.models import Enquiry
from redress.ombudsman.selectors import enquiry_for_page, may_manage_enquiries

TEAM_ONLY = (
    "Only the complaints team (complaints officers and managers) can record Ombudsman "
    "enquiries and their progress."
)


def require_enquiry_pages(request: HttpRequest) -> None:
    require_complaint_pages(request)


def require_team(request: HttpRequest) -> None:
    require_complaint_pages(request)
    if not may_manage_enquiries(request.user):
        raise PermissionDenied(TEAM_ONLY)


def enquiry_or_404(request: HttpRequest, pk: int) -> Enquiry:
    require_complaint_pages(request)
    enquiry = enquiry_for_page(user=request.user, pk=pk)
    if enquiry is None:
        raise Http404("There is no Ombudsman enquiry with that address.")
    return enquiry
