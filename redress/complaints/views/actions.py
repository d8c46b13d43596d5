"""The actions on a complaint: each a GOV.UK form that calls one service. A rule the service
enforces comes back as a form error; success redirects (POST-redirect-GET) to the complaint
with a notification banner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from redress.accounts.models import User
from redress.complaints import services
from redress.complaints.choices import Outcome
from redress.complaints.forms import (
    AcknowledgeForm,
    EscalateForm,
    ExtendForm,
    GovukForm,
    RecordComplaintForm,
    RespondForm,
)
from redress.complaints.models import Complaint, Stage
from redress.complaints.selectors import may_manage_complaints, may_respond
from redress.core.presenters import govuk_date, working_days
from redress.people.services import person_record
from redress.procedures import rules

from .access import complaint_or_refuse, require_complaint_pages

TEAM_ONLY = "Only the complaints team (complaints officers and managers) can {what}."


def _require_team(request: HttpRequest, what: str) -> None:
    require_complaint_pages(request)
    if not may_manage_complaints(request.user):
        raise PermissionDenied(TEAM_ONLY.format(what=what))


def _by(request: HttpRequest) -> User:
    """The signed-in user (every page requires one)."""
    return cast(User, request.user)


def _posted(request: HttpRequest) -> Any:
    """The POSTed data (even when empty, so an empty form is checked), else None."""
    return request.POST if request.method == "POST" else None


def _stage(complaint: Complaint, number: int) -> Stage:
    for stage in complaint.stages.all():
        if stage.number == number:
            return stage
    raise Http404(f"Complaint {complaint.reference} has no stage {number}.")


def _form_page(
    request: HttpRequest,
    *,
    form: GovukForm,
    perform: Callable[[dict[str, Any]], str],
    done_url: Callable[[], str],
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Show the form; on a valid POST call the service, and either redirect with its success
    message or show the rule it broke as an error."""
    if request.method == "POST" and form.is_valid():
        try:
            # One transaction, so an action that calls two services (a new complainant, then
            # their complaint) leaves nothing behind when the second refuses.
            with transaction.atomic():
                message = perform(form.cleaned_data)
        except rules.RuleViolation as violation:
            form.add_violation(violation)
        else:
            messages.success(request, message)
            return redirect(done_url())
    return render(request, template, {"form": form, **context})


def acknowledge(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    _require_team(request, "acknowledge a complaint")
    stage = _stage(complaint, number)

    def perform(data: dict[str, Any]) -> str:
        services.stage_acknowledge(
            stage=stage, acknowledged_on=data["acknowledged_on"], by=_by(request)
        )
        return f"Stage {number} acknowledged on {govuk_date(data['acknowledged_on'])}"

    return _form_page(
        request,
        form=AcknowledgeForm(_posted(request)),
        perform=perform,
        done_url=lambda: reverse("complaints:stages", args=[pk]),
        template="complaints/actions/acknowledge.html",
        context={"complaint": complaint, "stage": stage},
    )


def extend(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    _require_team(request, "extend a deadline")
    stage = _stage(complaint, number)
    rule = complaint.procedure.stage_rule(number)

    def perform(data: dict[str, Any]) -> str:
        services.stage_extend(
            stage=stage,
            extended_to_days=data["extended_to_days"],
            reason=data["reason"],
            agreed_on=data["agreed_on"],
            by=_by(request),
        )
        return f"Stage {number} extended to {working_days(data['extended_to_days'])}"

    return _form_page(
        request,
        form=ExtendForm(_posted(request)),
        perform=perform,
        done_url=lambda: reverse("complaints:stages", args=[pk]),
        template="complaints/actions/extend.html",
        context={"complaint": complaint, "stage": stage, "rule": rule},
    )


def respond(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    stage = _stage(complaint, number)
    if not may_respond(request.user, stage):
        raise PermissionDenied(
            "Only the complaints team, or the manager the stage is allocated to, can record "
            "its response."
        )
    form = RespondForm(_posted(request), stage=stage)

    def perform(data: dict[str, Any]) -> str:
        services.stage_respond(
            stage=stage,
            responded_on=data["responded_on"],
            outcome=data["outcome"],
            findings=form.findings(),
            by=_by(request),
        )
        outcome = Outcome(data["outcome"]).label
        return f"Stage {number} response recorded: {outcome.lower()}"

    return _form_page(
        request,
        form=form,
        perform=perform,
        done_url=lambda: reverse("complaints:stages", args=[pk]),
        template="complaints/actions/respond.html",
        context={"complaint": complaint, "stage": stage},
    )


def escalate(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    _require_team(request, "escalate a complaint")
    stages = list(complaint.stages.all())
    next_number = (stages[-1].number + 1) if stages else 1

    def perform(data: dict[str, Any]) -> str:
        stage = services.complaint_escalate(
            complaint=complaint,
            requested_on=data["requested_on"],
            late_reason=data.get("late_reason", ""),
            by=_by(request),
        )
        return f"Complaint {complaint.reference} escalated to stage {stage.number}"

    return _form_page(
        request,
        form=EscalateForm(_posted(request)),
        perform=perform,
        done_url=lambda: reverse("complaints:stages", args=[pk]),
        template="complaints/actions/escalate.html",
        context={"complaint": complaint, "next_number": next_number},
    )


def record(request: HttpRequest) -> HttpResponse:
    _require_team(request, "record a complaint")
    created: dict[str, Complaint] = {}

    def perform(data: dict[str, Any]) -> str:
        complainant = None
        if data.get("complainant_name") or data.get("complainant_email"):
            complainant = person_record(
                name=data.get("complainant_name", ""),
                email=data.get("complainant_email", ""),
                by=_by(request),
            )
        reason = data.get("reason")
        created["complaint"] = services.complaint_record(
            received_on=data["received_on"],
            procedure=data["procedure"],
            service_area=data["service_area"],
            locality=data.get("locality"),
            method=data.get("method", ""),
            complainant=complainant,
            complainant_type=data.get("complainant_type", ""),
            advocate=data.get("advocate", ""),
            summary=data.get("summary", ""),
            reference=(data.get("reference") or "").strip() or None,
            aspects=[(reason.parent, reason)] if reason else [],
            by=_by(request),
        )
        return f"Complaint {created['complaint'].reference} recorded"

    return _form_page(
        request,
        form=RecordComplaintForm(_posted(request)),
        perform=perform,
        done_url=lambda: reverse("complaints:summary", args=[created["complaint"].pk]),
        template="complaints/actions/record.html",
        context={},
    )
