"""Stage 2, the investigation, for the complaints team: appointing the investigating officer,
the independent person and the adjudicating officer (and taking someone off), agreeing the
statement of complaint, the reasons for complaint carried over from stage 1, and the dates of
the reports and of the adjudication. Each page is a form that calls one service.

The appointments, the reports and the adjudication are offered only where the stage's rule is
an independent investigation (the statutory stage 2); the local procedure's stage 2 is a review
by a manager, and its pages say so instead of showing a form. Agreeing the statement of
complaint and the reasons for complaint stay on every stage 2: the domain brief ties neither to
the investigation (a review also needs the complaint's points agreed), and a procedure may
start its stage 2 clock when the statement is agreed (`StageRule.clock_start`), whichever way
the stage is handled."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from redress.complaints import services
from redress.complaints.choices import AppointmentRole
from redress.complaints.forms.stage2 import (
    STAGE2_ROLES,
    AdjudicationForm,
    AppointForm,
    ConfirmForm,
    ReasonForm,
    RemoveAppointmentForm,
    ReportForm,
    StatementForm,
)
from redress.complaints.models import Appointment, Aspect, Complaint, Stage
from redress.complaints.services.stage2 import (
    has_independent_investigation,
    investigation_refusal,
)
from redress.core.presenters import govuk_date

from .access import complaint_or_refuse
from .common import by, form_page, posted, require_team, stage_of

ACTION_TEMPLATE = "complaints/actions/{}.html"


def _stage2(request: HttpRequest, pk: int, what: str) -> tuple[Complaint, Stage]:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, what)
    return complaint, stage_of(complaint, 2)


def _refused(
    request: HttpRequest, complaint: Complaint, stage: Stage, what: str
) -> HttpResponse | None:
    """The page saying why, when the stage has no independent investigation (so no `what`);
    None when it has one and the form can be shown."""
    refusal = investigation_refusal(stage, what)
    if refusal is None:
        return None
    return render(
        request,
        ACTION_TEMPLATE.format("stage2_refused"),
        {"complaint": complaint, "stage": stage, "refusal": refusal},
    )


def _to_stages(pk: int) -> Callable[[], str]:
    return lambda: reverse("complaints:stages", args=[pk])


def _to_reasons(pk: int) -> Callable[[], str]:
    return lambda: reverse("complaints:stage2_reasons", args=[pk])


def _reason(aspect: Aspect) -> str:
    return (
        f"{aspect.category.name}: {aspect.subcategory.name}"
        if aspect.subcategory
        else (aspect.category.name)
    )


# -- appointments (stage 3's panel uses the same pages) ------------------------------------------


def appoint_page(
    request: HttpRequest,
    complaint: Complaint,
    stage: Stage,
    *,
    roles: Sequence[AppointmentRole],
    heading: str,
) -> HttpResponse:
    form = AppointForm(posted(request), roles=roles)

    def perform(data: dict[str, Any]) -> str:
        appointment = services.stage_appoint(
            stage=stage,
            role=data["role"],
            user=data.get("user"),
            name=data.get("name") or "",
            appointed_on=data["appointed_on"],
            by=by(request),
        )
        role = appointment.get_role_display().lower()
        return f"{appointment.name} appointed {role} to stage {stage.number}"

    return form_page(
        request,
        form=form,
        perform=perform,
        done_url=_to_stages(complaint.pk),
        template=ACTION_TEMPLATE.format("appoint"),
        context={
            "complaint": complaint,
            "stage": stage,
            "heading": heading,
            "appointments": list(stage.appointments.all()),
        },
        complaint=complaint,
    )


def appoint(request: HttpRequest, pk: int) -> HttpResponse:
    complaint, stage = _stage2(request, pk, "appoint people to a stage 2 investigation")
    roles = ", ".join(r.label.lower() for r in STAGE2_ROLES[:-1])
    what = f"{roles} or {STAGE2_ROLES[-1].label.lower()}"
    if (refused := _refused(request, complaint, stage, what)) is not None:
        return refused
    return appoint_page(
        request, complaint, stage, roles=STAGE2_ROLES, heading="Appoint someone to stage 2"
    )


def remove_appointment(
    request: HttpRequest, pk: int, number: int, appointment: int
) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "change who is appointed to a stage")
    stage = stage_of(complaint, number)
    found: Appointment | None = next(
        (a for a in stage.appointments.all() if a.pk == appointment), None
    )
    if found is None:
        raise Http404(f"No one with that address is appointed to stage {number}.")
    role = found.get_role_display().lower()

    def perform(data: dict[str, Any]) -> str:
        services.appointment_remove(appointment=found, by=by(request), reason=data["reason"])
        return f"{found.name} is no longer the {role} at stage {number}"

    return form_page(
        request,
        form=RemoveAppointmentForm(posted(request)),
        perform=perform,
        done_url=_to_stages(pk),
        template=ACTION_TEMPLATE.format("appointment_remove"),
        context={"complaint": complaint, "stage": stage, "appointment": found, "role": role},
        complaint=complaint,
    )


# -- the statement of complaint --------------------------------------------------------------------


def statement(request: HttpRequest, pk: int) -> HttpResponse:
    complaint, stage = _stage2(request, pk, "record the statement of complaint")
    rule = complaint.procedure.stage_rule(2)
    starts_clock = rule.clock_start == "statement_agreed"

    def perform(data: dict[str, Any]) -> str:
        services.stage_agree_statement(stage=stage, agreed_on=data["agreed_on"], by=by(request))
        message = f"Statement of complaint agreed on {govuk_date(data['agreed_on'])}"
        return f"{message}: the stage 2 clock starts then" if starts_clock else message

    return form_page(
        request,
        form=StatementForm(posted(request)),
        perform=perform,
        done_url=_to_stages(pk),
        template=ACTION_TEMPLATE.format("statement"),
        context={
            "complaint": complaint,
            "stage": stage,
            "rule": rule,
            "starts_clock": starts_clock,
        },
        complaint=complaint,
    )


# -- the reasons for complaint ------------------------------------------------------------------


def _to_carry_over(stage: Stage) -> list[Aspect]:
    """The previous stage's reasons this stage does not have yet."""
    previous = next((s for s in stage.complaint.stages.all() if s.number == stage.number - 1), None)
    if previous is None:
        return []
    have = {(a.category_id, a.subcategory_id) for a in stage.aspects.all()}
    return [a for a in previous.aspects.all() if (a.category_id, a.subcategory_id) not in have]


def reasons(request: HttpRequest, pk: int) -> HttpResponse:
    complaint, stage = _stage2(request, pk, "change the reasons for complaint")
    form = ReasonForm(posted(request), stage=stage)

    def perform(data: dict[str, Any]) -> str:
        aspect = services.aspect_add(
            stage=stage,
            category=data["category"],
            subcategory=data.get("subcategory"),
            by=by(request),
        )
        return f"Reason added to stage 2: {_reason(aspect)}"

    return form_page(
        request,
        form=form,
        perform=perform,
        done_url=_to_reasons(pk),
        template=ACTION_TEMPLATE.format("reasons"),
        context={
            "complaint": complaint,
            "stage": stage,
            "aspects": [(a, _reason(a)) for a in stage.aspects.all()],
            "to_carry_over": [_reason(a) for a in _to_carry_over(stage)],
        },
        complaint=complaint,
    )


def carry_over_reasons(request: HttpRequest, pk: int) -> HttpResponse:
    complaint, stage = _stage2(request, pk, "change the reasons for complaint")

    def perform(data: dict[str, Any]) -> str:
        carried = services.stage_carry_over_reasons(stage=stage, by=by(request))
        count = len(carried)
        return f"{count} reason{'' if count == 1 else 's'} carried over from stage 1"

    return form_page(
        request,
        form=ConfirmForm(posted(request)),
        perform=perform,
        done_url=_to_reasons(pk),
        template=ACTION_TEMPLATE.format("reasons_carry_over"),
        context={
            "complaint": complaint,
            "stage": stage,
            "to_carry_over": [_reason(a) for a in _to_carry_over(stage)],
        },
        complaint=complaint,
    )


def remove_reason(request: HttpRequest, pk: int, aspect: int) -> HttpResponse:
    complaint, stage = _stage2(request, pk, "change the reasons for complaint")
    found = next((a for a in stage.aspects.all() if a.pk == aspect), None)
    if found is None:
        raise Http404("Stage 2 has no reason for complaint with that address.")
    label = _reason(found)

    def perform(data: dict[str, Any]) -> str:
        services.aspect_remove(aspect=found, by=by(request))
        return f"Reason removed from stage 2: {label}"

    return form_page(
        request,
        form=ConfirmForm(posted(request)),
        perform=perform,
        done_url=_to_reasons(pk),
        template=ACTION_TEMPLATE.format("reason_remove"),
        context={"complaint": complaint, "stage": stage, "reason": label},
        complaint=complaint,
    )


# -- the reports and the adjudication --------------------------------------------------------------


def _report_page(
    request: HttpRequest,
    pk: int,
    *,
    role: AppointmentRole,
    record: Callable[..., Stage],
) -> HttpResponse:
    who = role.label.lower()
    complaint, stage = _stage2(request, pk, f"record the {who}'s report")
    if (refused := _refused(request, complaint, stage, f"{who}'s report")) is not None:
        return refused

    def perform(data: dict[str, Any]) -> str:
        record(stage=stage, received_on=data["received_on"], by=by(request))
        return f"The {who}'s report was received on {govuk_date(data['received_on'])}"

    return form_page(
        request,
        form=ReportForm(posted(request)),
        perform=perform,
        done_url=_to_stages(pk),
        template=ACTION_TEMPLATE.format("stage2_report"),
        context={
            "complaint": complaint,
            "stage": stage,
            "who": who,
            "appointed": [a for a in stage.appointments.all() if a.role == role],
        },
        complaint=complaint,
    )


def io_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_page(
        request,
        pk,
        role=AppointmentRole.INVESTIGATING_OFFICER,
        record=services.stage2_record_io_report,
    )


def ip_report(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_page(
        request,
        pk,
        role=AppointmentRole.INDEPENDENT_PERSON,
        record=services.stage2_record_ip_report,
    )


def adjudication(request: HttpRequest, pk: int) -> HttpResponse:
    complaint, stage = _stage2(request, pk, "record the adjudication")
    if (refused := _refused(request, complaint, stage, "adjudication")) is not None:
        return refused

    def perform(data: dict[str, Any]) -> str:
        services.stage2_record_adjudication(
            stage=stage, adjudicated_on=data["adjudicated_on"], by=by(request)
        )
        return f"Adjudication recorded on {govuk_date(data['adjudicated_on'])}"

    return form_page(
        request,
        form=AdjudicationForm(posted(request)),
        perform=perform,
        done_url=_to_stages(pk),
        template=ACTION_TEMPLATE.format("adjudication"),
        context={"complaint": complaint, "stage": stage},
        complaint=complaint,
    )


# -- what the stages page links to --------------------------------------------------------------


def page_links(complaint: Complaint, stage: Stage) -> dict[str, Any]:
    """The stage 2 actions the complaint's stages page offers the complaints team: the
    statement and the reasons on every stage 2, the appointments, reports and adjudication only
    on an independent investigation. Anyone already appointed can be taken off either way
    (a record imported from before, say)."""
    if stage.number != 2 or not stage.is_open:
        return {}
    pk = complaint.pk
    links: dict[str, Any] = {
        "reasons": reverse("complaints:stage2_reasons", args=[pk]),
        "remove_appointment": {
            a.pk: reverse("complaints:appointment_remove", args=[pk, 2, a.pk])
            for a in stage.appointments.all()
        },
    }
    if stage.statement_agreed_date is None:
        links["statement"] = reverse("complaints:stage2_statement", args=[pk])
    if not has_independent_investigation(stage):
        return links
    links["appoint"] = reverse("complaints:stage2_appoint", args=[pk])
    if stage.io_report_date is None:
        links["io_report"] = reverse("complaints:stage2_io_report", args=[pk])
    if stage.ip_report_date is None:
        links["ip_report"] = reverse("complaints:stage2_ip_report", args=[pk])
    if stage.adjudication_date is None:
        links["adjudication"] = reverse("complaints:stage2_adjudication", args=[pk])
    return links
