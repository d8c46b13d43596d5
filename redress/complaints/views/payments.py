"""Payments on a complaint: record one (a cost or compensation, at a stage or for an Ombudsman
enquiry), and remove one recorded by mistake, saying why. The complaints team's work."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from redress.complaints import services
from redress.complaints.forms.payments import PaymentForm, RemovePaymentForm
from redress.complaints.models import Complaint, Payment
from redress.core.presenters import govuk_date, money
from redress.ombudsman.models import Enquiry

from .access import complaint_or_refuse
from .common import by, form_page, posted, require_team


def _enquiry_asked_for(request: HttpRequest, complaint: Complaint) -> Enquiry | None:
    """The enquiry whose page the form was opened from (`?enquiry=`), if it is this
    complaint's."""
    wanted = request.GET.get("enquiry", "")
    if not wanted.isdigit():
        return None
    for enquiry in complaint.ombudsman_enquiries.all():
        if enquiry.pk == int(wanted):
            return enquiry
    return None


def record(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "record a payment")
    opened_from = _enquiry_asked_for(request, complaint)

    def perform(data: dict[str, Any]) -> str:
        payment = services.payment_record(
            complaint=complaint,
            paid_on=data["paid_on"],
            stage=data["stage"],
            kind=data["kind"],
            amount=data["amount"],
            enquiry=data.get("enquiry"),
            description=data.get("description", ""),
            by=by(request),
        )
        return f"Payment of {money(payment.amount)} recorded"

    def done_url() -> str:
        if opened_from is not None:
            return reverse("ombudsman:enquiry", args=[opened_from.pk])
        return reverse("complaints:payments", args=[pk])

    return form_page(
        request,
        form=PaymentForm(posted(request), complaint=complaint, enquiry=opened_from),
        perform=perform,
        done_url=done_url,
        template="complaints/actions/payment_record.html",
        context={"complaint": complaint, "opened_from": opened_from},
        complaint=complaint,
    )


def _payment_of(complaint: Complaint, payment_pk: int) -> Payment:
    for payment in complaint.payments.all():
        if payment.pk == payment_pk:
            return payment
    raise Http404("The complaint has no such payment.")


def remove(request: HttpRequest, pk: int, payment_pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "remove a payment")
    payment = _payment_of(complaint, payment_pk)

    def perform(data: dict[str, Any]) -> str:
        services.payment_remove(payment=payment, reason=data["reason"], by=by(request))
        return f"Payment of {money(payment.amount)} on {govuk_date(payment.date)} removed"

    return form_page(
        request,
        form=RemovePaymentForm(posted(request)),
        perform=perform,
        done_url=lambda: reverse("complaints:payments", args=[pk]),
        template="complaints/actions/payment_remove.html",
        context={"complaint": complaint, "payment": payment},
        complaint=complaint,
    )
