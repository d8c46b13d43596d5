"""Putting a stage on hold and resuming it, for the complaints team. While a stage is on hold
its clock is stopped; when it resumes, every deadline moves by the working days it was held."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from redress.complaints import services
from redress.complaints.choices import StageStatus
from redress.complaints.forms.holds import HoldForm, ResumeForm
from redress.complaints.models import Complaint, Hold, Stage
from redress.complaints.selectors import may_manage_complaints
from redress.core.presenters import govuk_date

from .access import complaint_or_refuse
from .common import by, form_page, posted, require_team, stage_of


def _running(stage: Stage) -> Hold | None:
    return next((h for h in stage.holds.all() if h.end_date is None), None)


def hold(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "put a stage on hold")
    stage = stage_of(complaint, number)

    def perform(data: dict[str, Any]) -> str:
        services.stage_hold(
            stage=stage, start_on=data["start_on"], reason=data["reason"], by=by(request)
        )
        return (
            f"Stage {number} on hold from {govuk_date(data['start_on'])}: its clock has "
            "stopped until it resumes"
        )

    return form_page(
        request,
        form=HoldForm(posted(request)),
        perform=perform,
        done_url=lambda: reverse("complaints:stages", args=[pk]),
        template="complaints/actions/hold.html",
        context={"complaint": complaint, "stage": stage, "running": _running(stage)},
        complaint=complaint,
    )


def resume(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "resume a stage on hold")
    stage = stage_of(complaint, number)

    def perform(data: dict[str, Any]) -> str:
        ended = services.stage_resume(stage=stage, resumed_on=data["resumed_on"], by=by(request))
        return (
            f"Stage {number} resumed on {govuk_date(ended.end_date)}: its deadlines move by the "
            "working days it was on hold"
        )

    return form_page(
        request,
        form=ResumeForm(posted(request)),
        perform=perform,
        done_url=lambda: reverse("complaints:stages", args=[pk]),
        template="complaints/actions/resume.html",
        context={"complaint": complaint, "stage": stage, "running": _running(stage)},
        complaint=complaint,
    )


def page_links(request: HttpRequest, complaint: Complaint, stage: Stage) -> dict[str, str]:
    """Put an open stage on hold, or resume it: the complaints team's."""
    if not stage.is_open or not may_manage_complaints(request.user):
        return {}
    args = [complaint.pk, stage.number]
    if stage.status == StageStatus.ON_HOLD:
        return {"resume": reverse("complaints:resume", args=args)}
    return {"hold": reverse("complaints:hold", args=args)}


def button(request: HttpRequest, complaint: Complaint, stage: Stage) -> dict[str, str] | None:
    """The page header's button: "Resume" while on hold, else "Put on hold"."""
    links = page_links(request, complaint, stage)
    if "resume" in links:
        return {"text": f"Resume stage {stage.number}", "href": links["resume"]}
    if "hold" in links:
        return {
            "text": "Put on hold",
            "href": links["hold"],
            "classes": "govuk-button--secondary",
        }
    return None
