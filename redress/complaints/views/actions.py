"""The actions on a complaint: each a GOV.UK form that calls one service. A rule the service
enforces comes back as a form error; success redirects (POST-redirect-GET) to the complaint
with a notification banner."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from redress.complaints import services
from redress.complaints.choices import Outcome
from redress.complaints.forms import (
    AcknowledgeForm,
    EscalateForm,
    ExtendForm,
    RespondForm,
)
from redress.complaints.selectors import may_respond
from redress.complaints.services.checks import current_days
from redress.complaints.services.stages import extension_refusal
from redress.core.presenters import govuk_date, working_days

from .access import complaint_or_refuse
from .common import by, form_page, posted, require_team, stage_of


def acknowledge(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "acknowledge a complaint")
    stage = stage_of(complaint, number)

    def perform(data: dict[str, Any]) -> str:
        services.stage_acknowledge(
            stage=stage, acknowledged_on=data["acknowledged_on"], by=by(request)
        )
        return f"Stage {number} acknowledged on {govuk_date(data['acknowledged_on'])}"

    return form_page(
        request,
        form=AcknowledgeForm(posted(request)),
        perform=perform,
        done_url=lambda: reverse("complaints:stages", args=[pk]),
        template="complaints/actions/acknowledge.html",
        context={"complaint": complaint, "stage": stage},
        complaint=complaint,
    )


def extend(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "extend a deadline")
    stage = stage_of(complaint, number)
    rule = complaint.procedure.stage_rule(number)
    context = {"complaint": complaint, "stage": stage, "rule": rule}
    refusal = extension_refusal(stage)
    if refusal is not None:  # no form that could only be refused: say why instead
        return render(
            request, "complaints/actions/extend_refused.html", {**context, "refusal": refusal}
        )
    current = current_days(stage, rule)

    def perform(data: dict[str, Any]) -> str:
        services.stage_extend(
            stage=stage,
            extended_to_days=data["extended_to_days"],
            reason=data["reason"],
            agreed_on=data["agreed_on"],
            by=by(request),
        )
        return f"Stage {number} extended to {working_days(data['extended_to_days'])}"

    return form_page(
        request,
        form=ExtendForm(
            posted(request), stage=number, current_days=current, max_days=rule.max_days
        ),
        perform=perform,
        done_url=lambda: reverse("complaints:stages", args=[pk]),
        template="complaints/actions/extend.html",
        context={**context, "current_days": current},
        complaint=complaint,
    )


def respond(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    stage = stage_of(complaint, number)
    if not may_respond(request.user, stage):
        raise PermissionDenied(
            "Only the complaints team, or the manager the stage is allocated to, can record "
            "its response."
        )
    form = RespondForm(posted(request), stage=stage)

    def perform(data: dict[str, Any]) -> str:
        services.stage_respond(
            stage=stage,
            responded_on=data["responded_on"],
            outcome=data["outcome"],
            findings=form.findings(),
            by=by(request),
        )
        outcome = Outcome(data["outcome"]).label
        return f"Stage {number} response recorded: {outcome.lower()}"

    return form_page(
        request,
        form=form,
        perform=perform,
        done_url=lambda: reverse("complaints:stages", args=[pk]),
        template="complaints/actions/respond.html",
        context={"complaint": complaint, "stage": stage},
        complaint=complaint,
    )


def escalate(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "escalate a complaint")
    stages = list(complaint.stages.all())
    next_number = (stages[-1].number + 1) if stages else 1

    def perform(data: dict[str, Any]) -> str:
        stage = services.complaint_escalate(
            complaint=complaint,
            requested_on=data["requested_on"],
            late_reason=data.get("late_reason", ""),
            by=by(request),
        )
        return f"Complaint {complaint.reference} escalated to stage {stage.number}"

    return form_page(
        request,
        form=EscalateForm(posted(request)),
        perform=perform,
        done_url=lambda: reverse("complaints:stages", args=[pk]),
        template="complaints/actions/escalate.html",
        context={"complaint": complaint, "next_number": next_number},
        complaint=complaint,
    )
