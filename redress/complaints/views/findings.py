"""The finding on each reason for complaint at a stage, recorded before (or apart from) the
response: by the complaints team, the manager the stage is allocated to, or an investigating
officer appointed to it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from redress.complaints import services
from redress.complaints.forms.findings import FindingsForm
from redress.complaints.models import Complaint, Stage
from redress.complaints.selectors.scoping import may_record_findings

from .access import complaint_or_refuse
from .common import by, form_page, posted, stage_of


def findings(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    stage = stage_of(complaint, number)
    if not may_record_findings(request.user, stage):
        raise PermissionDenied(
            "Only the complaints team, the manager the stage is allocated to, or an "
            "investigating officer appointed to it can record its findings."
        )
    form = FindingsForm(posted(request), aspects=list(stage.aspects.all()))

    def perform(data: dict[str, Any]) -> str:
        changed = form.changed_findings()
        for aspect, finding in changed:
            services.aspect_record_finding(aspect=aspect, finding=finding, by=by(request))
        if not changed:
            return f"No finding at stage {number} changed"
        return f"Findings at stage {number} recorded"

    return form_page(
        request,
        form=form,
        perform=perform,
        done_url=lambda: reverse("complaints:stages", args=[pk]),
        template="complaints/actions/findings.html",
        context={"complaint": complaint, "stage": stage},
        complaint=complaint,
    )


def page_links(request: HttpRequest, complaint: Complaint, stage: Stage) -> dict[str, str]:
    """Record the findings on an open stage's reasons: whoever may (`may_record_findings`)."""
    if not stage.is_open or not stage.aspects.all() or not may_record_findings(request.user, stage):
        return {}
    return {"findings": reverse("complaints:findings", args=[complaint.pk, stage.number])}
