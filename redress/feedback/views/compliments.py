"""Compliments: the list, one compliment's page, and recording one (the complaints team's)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from redress.complaints.views.common import by, form_page, posted
from redress.complaints.views.listing import page_of, pagination
from redress.feedback import services
from redress.feedback.forms import ComplimentForm, FeedbackFilterForm, yes_no_value
from redress.feedback.models import Compliment
from redress.feedback.selectors import compliment_for_page, compliment_list
from redress.organisations.models import ServiceArea

from .access import require_compliments, require_recorder
from .lists import selected


def compliment_list_view(request: HttpRequest) -> HttpResponse:
    require_compliments(request)
    form = FeedbackFilterForm(request.GET or None)
    filters = form.filters()
    rows = compliment_list(filters=filters)
    page = page_of(request, rows, count=rows.count())
    base, params = reverse("feedback:compliment_list"), request.GET
    return render(
        request,
        "feedback/compliments/list.html",
        {
            "form": form,
            "page": page,
            "count": page.paginator.count,
            "pagination": pagination(page, base, params, label="Pages of compliments"),
            "selected": selected(form, filters, base, params),
            "clear_href": base,
            "header_items": [
                {"text": "Record a compliment", "href": reverse("feedback:compliment_record")}
            ],
        },
    )


def compliment_page(request: HttpRequest, pk: int) -> HttpResponse:
    require_compliments(request)
    compliment = compliment_for_page(pk=pk)
    if compliment is None:
        raise Http404("There is no compliment with that address.")
    return render(request, "feedback/compliments/compliment.html", {"compliment": compliment})


def compliment_record(request: HttpRequest) -> HttpResponse:
    require_recorder(request)
    recorded: dict[str, Compliment] = {}

    def perform(data: dict[str, Any]) -> str:
        area: ServiceArea = data["service_area"]
        recorded["compliment"] = services.compliment_record(
            received_on=data["received_on"],
            service_area=area,
            locality=data.get("locality"),
            staff_member=data.get("staff_member", ""),
            consent_to_publish=bool(data.get("consent_to_publish")),
            source=data.get("source", ""),
            external=yes_no_value(data.get("external")),
            text=data.get("said", ""),
            by=by(request),
        )
        return f"Compliment for {area.name} recorded"

    return form_page(
        request,
        form=ComplimentForm(posted(request)),
        perform=perform,
        done_url=lambda: reverse("feedback:compliment", args=[recorded["compliment"].pk]),
        template="feedback/compliments/record.html",
        context={},
    )
