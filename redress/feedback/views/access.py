"""Who may use the feedback pages (the decisions are `feedback.selectors`'): a refusal says
why, and a record the user may not see answers 404, as a missing one does."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from redress.feedback.selectors import (
    CHILDREN_ONLY,
    TEAM_ONLY,
    may_record_feedback,
    sees_compliments,
    sees_informal_feedback,
)


def require_compliments(request: HttpRequest) -> None:
    if not sees_compliments(request.user):
        raise PermissionDenied(TEAM_ONLY)


def require_informal_feedback(request: HttpRequest) -> None:
    if not sees_informal_feedback(request.user):
        raise PermissionDenied(CHILDREN_ONLY)


def require_recorder(request: HttpRequest) -> None:
    if not may_record_feedback(request.user):
        raise PermissionDenied(TEAM_ONLY)
