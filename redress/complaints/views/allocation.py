"""Allocating a stage to the manager or officer who will respond to it, reallocating it, or
taking it back, for the complaints team."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from redress.complaints import services
from redress.complaints.forms.allocation import AllocateForm
from redress.complaints.models import Complaint, Stage
from redress.complaints.selectors import may_manage_complaints

from .access import complaint_or_refuse
from .common import by, form_page, posted, require_team, stage_of


def allocate(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "allocate a stage")
    stage = stage_of(complaint, number)

    def perform(data: dict[str, Any]) -> str:
        to = data.get("to")
        services.stage_allocate(stage=stage, to=to, by=by(request))
        if to is None:
            return f"Stage {number} is no longer allocated: the complaints team has it"
        return f"Stage {number} allocated to {to.display_name}"

    return form_page(
        request,
        form=AllocateForm(posted(request), initial={"to": stage.allocated_to_id}),
        perform=perform,
        done_url=lambda: reverse("complaints:stages", args=[pk]),
        template="complaints/actions/allocate.html",
        context={"complaint": complaint, "stage": stage},
        complaint=complaint,
    )


def page_links(request: HttpRequest, complaint: Complaint, stage: Stage) -> dict[str, str]:
    """Allocate or reallocate an open stage: the complaints team's."""
    if not stage.is_open or not may_manage_complaints(request.user):
        return {}
    return {"allocate": reverse("complaints:allocate", args=[complaint.pk, stage.number])}
