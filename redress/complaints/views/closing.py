"""Closing a stage without a response on its merits, for the complaints team: the complainant
withdrew it, or it is outside the procedure's jurisdiction. Each keeps its reason."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from redress.complaints import services
from redress.complaints.forms.closing import OutsideJurisdictionForm, WithdrawForm
from redress.complaints.models import Complaint, Stage
from redress.complaints.selectors import may_manage_complaints
from redress.core.presenters import govuk_date

from .access import complaint_or_refuse
from .common import by, form_page, posted, require_team, stage_of


def withdraw(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "record that a complaint was withdrawn")
    stage = stage_of(complaint, number)

    def perform(data: dict[str, Any]) -> str:
        services.stage_withdraw(
            stage=stage, withdrawn_on=data["withdrawn_on"], reason=data["reason"], by=by(request)
        )
        return f"Stage {number} withdrawn on {govuk_date(data['withdrawn_on'])}"

    return form_page(
        request,
        form=WithdrawForm(posted(request)),
        perform=perform,
        done_url=lambda: reverse("complaints:stages", args=[pk]),
        template="complaints/actions/withdraw.html",
        context={"complaint": complaint, "stage": stage},
        complaint=complaint,
    )


def outside_jurisdiction(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "record that a complaint is outside jurisdiction")
    stage = stage_of(complaint, number)

    def perform(data: dict[str, Any]) -> str:
        services.stage_close_outside_jurisdiction(
            stage=stage, decided_on=data["decided_on"], reason=data["reason"], by=by(request)
        )
        return f"Stage {number} closed as outside jurisdiction on {govuk_date(data['decided_on'])}"

    return form_page(
        request,
        form=OutsideJurisdictionForm(posted(request)),
        perform=perform,
        done_url=lambda: reverse("complaints:stages", args=[pk]),
        template="complaints/actions/outside_jurisdiction.html",
        context={"complaint": complaint, "stage": stage},
        complaint=complaint,
    )


def page_links(request: HttpRequest, complaint: Complaint, stage: Stage) -> dict[str, str]:
    """Close an open stage as withdrawn or outside jurisdiction: the complaints team's."""
    if not stage.is_open or not may_manage_complaints(request.user):
        return {}
    args = [complaint.pk, stage.number]
    return {
        "withdraw": reverse("complaints:withdraw", args=args),
        "outside_jurisdiction": reverse("complaints:outside_jurisdiction", args=args),
    }
