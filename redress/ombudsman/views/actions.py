"""The steps of an Ombudsman enquiry, each a GOV.UK form that calls one service: record the
enquiry, our response, the decision, a remedy and its compliance. A broken rule comes back as a
form error; success redirects to the enquiry. When the enquiry is on a complaint, the form
carries the complaint's version (`form_page`), so a save after someone else changed the
complaint is refused."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from redress.complaints.views.access import complaint_or_refuse
from redress.complaints.views.common import by, form_page, posted
from redress.core.presenters import govuk_date
from redress.ombudsman import services
from redress.ombudsman.forms import (
    DecideForm,
    EnquiryOrganisationForm,
    RecordEnquiryForm,
    RemedyAddForm,
    RemedyCompleteForm,
    ResponseForm,
)
from redress.ombudsman.models import Decision, Enquiry, Remedy, RemedyKind

from .access import enquiry_or_404, require_team


def _record(request: HttpRequest, complaint_pk: int | None) -> HttpResponse:
    complaint = complaint_or_refuse(request, complaint_pk) if complaint_pk is not None else None
    require_team(request)
    created: dict[str, Enquiry] = {}

    def perform(data: dict[str, Any]) -> str:
        created["enquiry"] = services.enquiry_record(
            lgo_reference=data["lgo_reference"],
            received_on=data["received_on"],
            response_due_on=data.get("response_due_on"),
            summary=data.get("summary", ""),
            complaint=complaint or data.get("complaint"),
            organisation=data.get("organisation"),
            by=by(request),
        )
        return f"Ombudsman enquiry {created['enquiry'].lgo_reference} recorded"

    return form_page(
        request,
        form=RecordEnquiryForm(posted(request), complaint=complaint),
        perform=perform,
        done_url=lambda: reverse("ombudsman:enquiry", args=[created["enquiry"].pk]),
        template="ombudsman/actions/record.html",
        context={"complaint": complaint},
        complaint=complaint,
    )


def record(request: HttpRequest) -> HttpResponse:
    return _record(request, None)


def record_for_complaint(request: HttpRequest, pk: int) -> HttpResponse:
    return _record(request, pk)


def _step(
    request: HttpRequest,
    enquiry: Enquiry,
    *,
    form: Any,
    perform: Any,
    template: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    return form_page(
        request,
        form=form,
        perform=perform,
        done_url=lambda: reverse("ombudsman:enquiry", args=[enquiry.pk]),
        template=template,
        context={"enquiry": enquiry, "complaint": enquiry.complaint, **(context or {})},
        complaint=enquiry.complaint,
    )


def response(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = enquiry_or_404(request, pk)
    require_team(request)

    def perform(data: dict[str, Any]) -> str:
        services.enquiry_record_response(enquiry=enquiry, sent_on=data["sent_on"], by=by(request))
        return f"Response to the Ombudsman recorded as sent on {govuk_date(data['sent_on'])}"

    return _step(
        request,
        enquiry,
        form=ResponseForm(posted(request)),
        perform=perform,
        template="ombudsman/actions/response.html",
    )


def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    """Which of the organisations sharing the procedure handles the enquiry. With only one
    organisation the page says there is nothing to choose, and offers no form."""
    enquiry = enquiry_or_404(request, pk)
    require_team(request)
    form = EnquiryOrganisationForm(
        posted(request), initial={"organisation": enquiry.organisation_id}
    )

    def perform(data: dict[str, Any]) -> str:
        chosen = data.get("organisation")
        services.enquiry_change_organisation(enquiry=enquiry, organisation=chosen, by=by(request))
        if chosen is None:
            return "The enquiry's organisation is now not recorded"
        return f"The enquiry's organisation is now {chosen.name}"

    return _step(
        request,
        enquiry,
        form=form,
        perform=perform,
        template="ombudsman/actions/organisation.html",
        context={"cannot_act": not form.offered},
    )


def decide(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = enquiry_or_404(request, pk)
    require_team(request)

    def perform(data: dict[str, Any]) -> str:
        services.enquiry_decide(
            enquiry=enquiry,
            decision=data["decision"],
            decided_on=data["decided_on"],
            recommendations=data.get("recommendations", ""),
            remedy_due_on=data.get("remedy_due_on"),
            by=by(request),
        )
        return f"Ombudsman's decision recorded: {Decision(data['decision']).label.lower()}"

    return _step(
        request,
        enquiry,
        form=DecideForm(posted(request)),
        perform=perform,
        template="ombudsman/actions/decide.html",
    )


def remedy_add(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = enquiry_or_404(request, pk)
    require_team(request)

    def perform(data: dict[str, Any]) -> str:
        remedy = services.remedy_add(
            enquiry=enquiry,
            kind=data["kind"],
            description=data.get("description", ""),
            due_on=data.get("due_on"),
            by=by(request),
        )
        return f"Remedy added: {RemedyKind(remedy.kind).label.lower()}"

    return _step(
        request,
        enquiry,
        form=RemedyAddForm(posted(request)),
        perform=perform,
        template="ombudsman/actions/remedy_add.html",
    )


def _remedy_of(enquiry: Enquiry, remedy_pk: int) -> Remedy:
    for remedy in enquiry.remedies.all():
        if remedy.pk == remedy_pk:
            return remedy
    raise Http404("The enquiry has no such remedy.")


def remedy_complete(request: HttpRequest, pk: int, remedy_pk: int) -> HttpResponse:
    enquiry = enquiry_or_404(request, pk)
    require_team(request)
    remedy = _remedy_of(enquiry, remedy_pk)

    def perform(data: dict[str, Any]) -> str:
        services.remedy_complete(
            remedy=remedy,
            completed_on=data["completed_on"],
            evidence=data["evidence"],
            amount_paid=data.get("amount") or None,
            by=by(request),
        )
        return f"Remedy complied with on {govuk_date(data['completed_on'])}"

    return _step(
        request,
        enquiry,
        form=RemedyCompleteForm(posted(request), remedy=remedy),
        perform=perform,
        template="ombudsman/actions/remedy_complete.html",
        context={"remedy": remedy},
    )
