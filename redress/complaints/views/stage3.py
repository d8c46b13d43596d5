"""Stage 3, the review panel, for the complaints team: appointing its three members and chair,
the day it met, its report with the recommendations, and the authority's response. Each page is
a form that calls one service; the services refuse a date in the future or out of order, so
the stage can always reach its response."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from redress.complaints import services
from redress.complaints.choices import PANEL_ROLES, Outcome
from redress.complaints.forms import RespondForm
from redress.complaints.forms.stage3 import PANEL_ROLES as PANEL_ROLE_CHOICES
from redress.complaints.forms.stage3 import PanelDateForm, PanelReportForm
from redress.complaints.models import Complaint, Stage
from redress.complaints.selectors import StageView, clock, stage_views
from redress.core.presenters import govuk_date
from redress.procedures import rules

from .access import complaint_or_refuse
from .common import by, form_page, posted, require_team, stage_of
from .stage2 import appoint_page

ACTION_TEMPLATE = "complaints/actions/{}.html"


def _stage3(request: HttpRequest, pk: int, what: str) -> tuple[Complaint, Stage]:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, what)
    return complaint, stage_of(complaint, 3)


def _view(complaint: Complaint, stage: Stage) -> StageView:
    """The stage with its deadlines and milestones, as the stages page shows them."""
    return next(v for v in stage_views(complaint, clock()) if v.stage.pk == stage.pk)


def _to_stages(pk: int) -> Any:
    return lambda: reverse("complaints:stages", args=[pk])


def appoint(request: HttpRequest, pk: int) -> HttpResponse:
    complaint, stage = _stage3(request, pk, "appoint the review panel")
    return appoint_page(
        request,
        complaint,
        stage,
        roles=PANEL_ROLE_CHOICES,
        heading="Appoint a member of the review panel",
    )


def panel(request: HttpRequest, pk: int) -> HttpResponse:
    complaint, stage = _stage3(request, pk, "record the review panel")

    def perform(data: dict[str, Any]) -> str:
        services.stage3_record_panel(stage=stage, held_on=data["held_on"], by=by(request))
        return f"The review panel met on {govuk_date(data['held_on'])}"

    return form_page(
        request,
        form=PanelDateForm(posted(request)),
        perform=perform,
        done_url=_to_stages(pk),
        template=ACTION_TEMPLATE.format("stage3_panel"),
        context={
            "complaint": complaint,
            "stage": stage,
            "view": _view(complaint, stage),
            "panel": [a for a in stage.appointments.all() if a.role in PANEL_ROLES],
            "size": rules.PANEL_SIZE,
        },
        complaint=complaint,
    )


def report(request: HttpRequest, pk: int) -> HttpResponse:
    complaint, stage = _stage3(request, pk, "record the review panel's report")

    def perform(data: dict[str, Any]) -> str:
        services.stage3_record_panel_report(
            stage=stage,
            received_on=data["received_on"],
            recommendations=data.get("recommendations") or "",
            by=by(request),
        )
        return f"The panel's report was received on {govuk_date(data['received_on'])}"

    return form_page(
        request,
        form=PanelReportForm(posted(request)),
        perform=perform,
        done_url=_to_stages(pk),
        template=ACTION_TEMPLATE.format("stage3_report"),
        context={"complaint": complaint, "stage": stage, "view": _view(complaint, stage)},
        complaint=complaint,
    )


def respond(request: HttpRequest, pk: int) -> HttpResponse:
    complaint, stage = _stage3(request, pk, "record the authority's response to the panel")
    form = RespondForm(posted(request), stage=stage)

    def perform(data: dict[str, Any]) -> str:
        services.stage_respond(
            stage=stage,
            responded_on=data["responded_on"],
            outcome=data["outcome"],
            findings=form.findings(),
            by=by(request),
        )
        outcome = Outcome(data["outcome"]).label.lower()
        return f"The authority's response to the review panel recorded: {outcome}"

    return form_page(
        request,
        form=form,
        perform=perform,
        done_url=_to_stages(pk),
        template=ACTION_TEMPLATE.format("stage3_respond"),
        context={"complaint": complaint, "stage": stage, "view": _view(complaint, stage)},
        complaint=complaint,
    )


def page_links(complaint: Complaint, stage: Stage) -> dict[str, Any]:
    """The stage 3 actions the complaint's stages page offers the complaints team."""
    if stage.number != 3 or not stage.is_open:
        return {}
    pk = complaint.pk
    panel = [a for a in stage.appointments.all() if a.role in PANEL_ROLES]
    links: dict[str, Any] = {"respond": reverse("complaints:stage3_respond", args=[pk])}
    if stage.panel_date is None:
        links["remove_appointment"] = {
            a.pk: reverse("complaints:appointment_remove", args=[pk, 3, a.pk]) for a in panel
        }
        if len(panel) < rules.PANEL_SIZE:
            links["appoint"] = reverse("complaints:stage3_appoint", args=[pk])
        links["panel"] = reverse("complaints:stage3_panel", args=[pk])
    elif stage.panel_report_date is None:
        links["report"] = reverse("complaints:stage3_report", args=[pk])
    return links
