"""Refusals with a reason, for the reports pages."""

from __future__ import annotations

from typing import cast

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from redress.accounts.models import User
from redress.reporting.models import ReportEdition
from redress.reporting.selectors import (
    ReportAccess,
    editions_visible_to,
    report_access,
    why_no_drill,
    why_no_reports,
)


def by(request: HttpRequest) -> User:
    """The signed-in user (every page requires one)."""
    return cast(User, request.user)


def require_reports(request: HttpRequest) -> ReportAccess:
    access = report_access(request.user)
    if not access.reports:
        raise PermissionDenied(why_no_reports(request.user))
    return access


def require_drill(request: HttpRequest) -> ReportAccess:
    access = require_reports(request)
    if not access.drill:
        raise PermissionDenied(why_no_drill(request.user))
    return access


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def edition_or_404(request: HttpRequest, pk: int) -> ReportEdition:
    edition = editions_visible_to(request.user).filter(pk=pk).first()
    if edition is None:
        raise Http404("There is no report edition at this address.")
    return edition
