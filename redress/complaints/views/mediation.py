"""Mediation, for the complaints team: offering it after a stage's response, the meeting, and
what came of it (escalation to the next stage can be recorded in the same step). Each page is a
form that calls one service."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from redress.complaints import services
from redress.complaints.choices import MediationOutcome
from redress.complaints.forms.mediation import (
    MediationHoldForm,
    MediationOfferForm,
    MediationOutcomeForm,
)
from redress.complaints.models import Complaint, Mediation
from redress.core.presenters import govuk_date

from .access import complaint_or_refuse
from .common import by, form_page, posted, require_team

ACTION_TEMPLATE = "complaints/actions/{}.html"


def _mediation(complaint: Complaint, pk: int) -> Mediation:
    found = next((m for m in complaint.mediations.all() if m.pk == pk), None)
    if found is None:
        raise Http404(f"Complaint {complaint.reference} has no mediation with that address.")
    return found


def _to_stages(pk: int) -> Any:
    return lambda: reverse("complaints:stages", args=[pk])


def offer(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "offer mediation")

    def perform(data: dict[str, Any]) -> str:
        mediation = services.mediation_offer(
            complaint=complaint,
            offered_on=data["offered_on"],
            after_stage=data["after_stage"],
            mediator=data.get("mediator") or "",
            notes=data.get("notes") or "",
            by=by(request),
        )
        return (
            f"Mediation offered on {govuk_date(mediation.offered_date)}, after the stage "
            f"{mediation.after_stage} response"
        )

    return form_page(
        request,
        form=MediationOfferForm(posted(request), complaint=complaint),
        perform=perform,
        done_url=_to_stages(pk),
        template=ACTION_TEMPLATE.format("mediation_offer"),
        context={"complaint": complaint},
        complaint=complaint,
    )


def hold(request: HttpRequest, pk: int, mediation: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "record a mediation meeting")
    found = _mediation(complaint, mediation)

    def perform(data: dict[str, Any]) -> str:
        services.mediation_hold(
            mediation=found,
            held_on=data["held_on"],
            mediator=data.get("mediator") or "",
            by=by(request),
        )
        return f"Mediation meeting held on {govuk_date(data['held_on'])}"

    return form_page(
        request,
        form=MediationHoldForm(posted(request), initial={"mediator": found.mediator}),
        perform=perform,
        done_url=_to_stages(pk),
        template=ACTION_TEMPLATE.format("mediation_hold"),
        context={"complaint": complaint, "mediation": found},
        complaint=complaint,
    )


def outcome(request: HttpRequest, pk: int, mediation: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "record what came of a mediation")
    found = _mediation(complaint, mediation)
    next_stage = (found.after_stage or 0) + 1

    def perform(data: dict[str, Any]) -> str:
        services.mediation_record_outcome(
            mediation=found,
            outcome=data["outcome"],
            escalation_requested_on=data.get("requested_on"),
            late_reason=data.get("late_reason") or "",
            by=by(request),
        )
        label = MediationOutcome(data["outcome"]).label.lower()
        if data.get("requested_on"):
            return f"Mediation outcome recorded: {label}. Stage {next_stage} opened"
        return f"Mediation outcome recorded: {label}"

    return form_page(
        request,
        form=MediationOutcomeForm(posted(request)),
        perform=perform,
        done_url=_to_stages(pk),
        template=ACTION_TEMPLATE.format("mediation_outcome"),
        context={"complaint": complaint, "mediation": found, "next_stage": next_stage},
        complaint=complaint,
    )


def page_links(complaint: Complaint) -> dict[int, dict[str, str]]:
    """For each mediation, the actions the complaint's stages page offers the complaints
    team."""
    links = {}
    for m in complaint.mediations.all():
        own: dict[str, str] = {}
        if m.held_date is None and m.outcome in ("", MediationOutcome.PAUSED):
            own["hold"] = reverse("complaints:mediation_hold", args=[complaint.pk, m.pk])
        if m.outcome in ("", MediationOutcome.PAUSED):
            own["outcome"] = reverse("complaints:mediation_outcome", args=[complaint.pk, m.pk])
        links[m.pk] = own
    return links
