"""Informal feedback: the list, one piece's page, and recording it (the complaints team's).
Participation and advocacy workers read the feedback children and young people gave."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from redress.complaints.views.common import by, form_page, posted
from redress.complaints.views.listing import page_of, pagination
from redress.feedback import services
from redress.feedback.forms import FeedbackFilterForm, InformalFeedbackForm, yes_no_value
from redress.feedback.models import InformalFeedback
from redress.feedback.selectors import (
    informal_feedback_for_page,
    informal_feedback_list,
    may_record_feedback,
    sees_only_childrens_feedback,
)

from .access import require_informal_feedback, require_recorder
from .lists import selected


def informal_list_view(request: HttpRequest) -> HttpResponse:
    require_informal_feedback(request)
    children_only = sees_only_childrens_feedback(request.user)
    form = FeedbackFilterForm(request.GET or None, from_child_filter=not children_only)
    filters = form.filters()
    rows = informal_feedback_list(user=request.user, filters=filters)
    page = page_of(request, rows, count=rows.count())
    base, params = reverse("feedback:informal_list"), request.GET
    return render(
        request,
        "feedback/informal/list.html",
        {
            "form": form,
            "page": page,
            "count": page.paginator.count,
            "pagination": pagination(page, base, params, label="Pages of informal feedback"),
            "selected": selected(form, filters, base, params),
            "clear_href": base,
            "children_only": children_only,
            "header_items": [
                {"text": "Record informal feedback", "href": reverse("feedback:informal_record")}
            ]
            if may_record_feedback(request.user)
            else [],
        },
    )


def informal_page(request: HttpRequest, pk: int) -> HttpResponse:
    require_informal_feedback(request)
    feedback = informal_feedback_for_page(user=request.user, pk=pk)
    if feedback is None:
        raise Http404("There is no informal feedback with that address.")
    return render(request, "feedback/informal/feedback.html", {"feedback": feedback})


def informal_record(request: HttpRequest) -> HttpResponse:
    require_recorder(request)
    recorded: dict[str, InformalFeedback] = {}

    def perform(data: dict[str, Any]) -> str:
        recorded["feedback"] = services.informal_feedback_record(
            received_on=data["received_on"],
            from_child=data["from_child"] == "yes",
            theme=data.get("theme"),
            service_area=data.get("service_area"),
            advocate=yes_no_value(data.get("advocate")),
            satisfied=yes_no_value(data.get("satisfied")),
            summary=data.get("summary", ""),
            by=by(request),
        )
        return "Informal feedback recorded"

    return form_page(
        request,
        form=InformalFeedbackForm(posted(request)),
        perform=perform,
        done_url=lambda: reverse("feedback:informal", args=[recorded["feedback"].pk]),
        template="feedback/informal/record.html",
        context={},
    )
