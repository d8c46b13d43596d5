"""The list of Ombudsman enquiries (filtered and paged by GET) and an enquiry's record."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse

from redress.complaints.views.listing import link, pagination, selected_filter
from redress.core.clock import today as clock_today
from redress.ombudsman import presenters
from redress.ombudsman.forms import EnquiryFilterForm
from redress.ombudsman.models import Decision, Enquiry
from redress.ombudsman.selectors import (
    PENDING,
    REMEDY_FILTERS,
    RESPONSE_FILTERS,
    EnquiryFilters,
    enquiry_list,
    may_manage_enquiries,
)
from redress.ombudsman.services import NO_REMEDY_DECISIONS
from redress.organisations.selectors import organisations_to_choose

from .access import enquiry_or_404, require_enquiry_pages

PAGE_SIZE = 25


def _selected(filters: EnquiryFilters, base: str, params: QueryDict) -> list[dict[str, Any]]:
    """The MOJ filter's selected filters, each a link that removes it."""
    decisions = {PENDING: "Pending", **dict(Decision.choices)}
    return [
        selected_filter(heading, text, link(base, params, drop=(name, "page")))
        for heading, name, text in (
            ("Ombudsman's reference", "reference", filters.reference),
            ("Decision", "decision", decisions.get(filters.decision, "")),
            ("Our response", "response", RESPONSE_FILTERS.get(filters.response, "")),
            ("Remedies", "remedies", REMEDY_FILTERS.get(filters.remedies, "")),
        )
        if text
    ]


def enquiry_list_view(request: HttpRequest) -> HttpResponse:
    require_enquiry_pages(request)
    form = EnquiryFilterForm(request.GET or None)
    filters = form.filters()
    today = clock_today()
    paginator = Paginator(enquiry_list(user=request.user, filters=filters, today=today), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = [
        {
            "enquiry": enquiry,
            "response_tag": presenters.response_tag(enquiry, today),
            "remedies": presenters.remedies_text(enquiry),
        }
        for enquiry in page.object_list
    ]
    base, params = reverse("ombudsman:list"), request.GET
    return render(
        request,
        "ombudsman/list.html",
        {
            "form": form,
            "rows": rows,
            "count": paginator.count,
            "page": page,
            "pagination": pagination(page, base, params, label="Pages of Ombudsman enquiries"),
            "selected": _selected(filters, base, params),
            "clear_href": base,
            "may_record": may_manage_enquiries(request.user),
        },
    )


def _actions(enquiry: Enquiry) -> list[dict[str, str]]:
    """What the complaints team can record next on the enquiry."""
    buttons = []
    if enquiry.response_sent_date is None:
        buttons.append(
            {
                "text": "Record our response",
                "href": reverse("ombudsman:response", args=[enquiry.pk]),
            }
        )
    if not enquiry.decision:
        buttons.append(
            {
                "text": "Record the decision",
                "href": reverse("ombudsman:decide", args=[enquiry.pk]),
                "classes": "govuk-button--secondary",
            }
        )
    elif enquiry.decision not in NO_REMEDY_DECISIONS:
        buttons.append(
            {
                "text": "Add a remedy",
                "href": reverse("ombudsman:remedy_add", args=[enquiry.pk]),
                "classes": "govuk-button--secondary",
            }
        )
    if enquiry.complaint_id is not None:
        buttons.append(
            {
                "text": "Record a payment",
                "href": reverse("complaints:payment_record", args=[enquiry.complaint_id])
                + f"?enquiry={enquiry.pk}",
                "classes": "govuk-button--secondary",
            }
        )
    return buttons


def _organisation_row(enquiry: Enquiry, *, team: bool) -> dict[str, Any] | None:
    """The summary row of the organisation that handles the enquiry, where several share the
    procedure (or one is recorded), with the team's link to change it."""
    offered = organisations_to_choose().exists()
    if not offered and enquiry.organisation is None:
        return None
    row: dict[str, Any] = {
        "key": {"text": "Organisation"},
        "value": {"text": presenters.organisation_text(enquiry)},
    }
    if team and offered:
        change = {
            "href": reverse("ombudsman:organisation", args=[enquiry.pk]),
            "text": "Change",
            "visuallyHiddenText": "the organisation",
        }
        row["actions"] = {"items": [change]}
    return row


def enquiry_view(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = enquiry_or_404(request, pk)
    today = clock_today()
    team = may_manage_enquiries(request.user)
    remedies = [
        {"remedy": remedy, "tag": presenters.remedy_tag(remedy, today)}
        for remedy in enquiry.remedies.all()
    ]
    payments = list(enquiry.payments.all())
    return render(
        request,
        "ombudsman/enquiry.html",
        {
            "enquiry": enquiry,
            "response_tag": presenters.response_tag(enquiry, today),
            "decision": presenters.decision_text(enquiry),
            "organisation_row": _organisation_row(enquiry, team=team),
            "remedies": remedies,
            "payments": payments,
            "payments_total": sum(p.amount for p in payments),
            "team": team,
            "actions": _actions(enquiry) if team else [],
        },
    )
