"""Learning actions: the list, an action's page, raising one (from a complaint or in general)
and recording that it was done. The complaints team does everything; anyone else who sees
complaints reads the actions on the complaints they may see."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from redress.complaints import presenters, services
from redress.complaints.forms.learning import (
    ActionFilterForm,
    CompleteActionForm,
    RaiseActionForm,
)
from redress.complaints.models import Complaint, LearningAction
from redress.complaints.selectors import may_manage_complaints
from redress.complaints.selectors.learning import (
    ACTION_STATUSES,
    action_counts,
    action_for_page,
    action_list,
)
from redress.core.clock import today as clock_today
from redress.core.presenters import govuk_date

from .access import complaint_or_refuse, require_complaint_pages
from .common import by, form_page, posted, require_team
from .listing import link, page_of, pagination, selected_filter


def action_or_404(request: HttpRequest, pk: int) -> LearningAction:
    """The action, if the user may see it; 404 otherwise, as for a missing one."""
    require_complaint_pages(request)
    action = action_for_page(user=request.user, pk=pk)
    if action is None:
        raise Http404("There is no learning action with that address.")
    return action


def action_list_view(request: HttpRequest) -> HttpResponse:
    require_complaint_pages(request)
    form = ActionFilterForm(request.GET or None)
    filters = form.filters()
    today = clock_today()
    counts = action_counts(user=request.user, filters=filters, today=today)
    rows = action_list(user=request.user, filters=filters, today=today)
    page = page_of(request, rows, count=counts.total)
    base, params = reverse("learning:list"), request.GET
    chosen = []
    if filters.status:
        chosen.append(
            selected_filter(
                "Status",
                ACTION_STATUSES[filters.status],
                link(base, params, drop=("status", "page")),
            )
        )
    if filters.theme:
        chosen.append(
            selected_filter("Theme", filters.theme.name, link(base, params, drop=("theme", "page")))
        )
    if filters.owner:
        chosen.append(
            selected_filter("Owner", filters.owner, link(base, params, drop=("owner", "page")))
        )
    return render(
        request,
        "complaints/learning/list.html",
        {
            "form": form,
            "filters": filters,
            "counts": counts,
            "page": page,
            "rows": [
                {"action": action, "tag": presenters.action_tag(action, today)}
                for action in page.object_list
            ],
            "pagination": pagination(page, base, params, label="Pages of learning actions"),
            "selected": chosen,
            "clear_href": base,
            "status_href": {
                status: link(base, params, drop=("page",), status=status)
                for status in ACTION_STATUSES
            },
            "may_raise": may_manage_complaints(request.user),
        },
    )


def action_page(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_or_404(request, pk)
    return render(
        request,
        "complaints/learning/action.html",
        {
            "action": action,
            "tag": presenters.action_tag(action, clock_today()),
            "may_complete": may_manage_complaints(request.user) and not action.completed_date,
        },
    )


def _raise(request: HttpRequest, complaint: Complaint | None) -> HttpResponse:
    form = RaiseActionForm(posted(request), complaint=complaint)
    raised: dict[str, LearningAction] = {}

    def perform(data: dict[str, Any]) -> str:
        raised["action"] = services.action_raise(
            complaint=form.complaint_of(data),
            stage_number=data.get("stage_number"),
            description=data["description"],
            owner=data["owner"],
            due_on=data["due_on"],
            theme=data.get("theme"),
            you_said=data.get("you_said", ""),
            we_did=data.get("we_did", ""),
            raised_on=data["raised_on"],
            by=by(request),
        )
        return f"Learning action raised, due {govuk_date(data['due_on'])}"

    def done_url() -> str:
        if complaint is not None:
            return reverse("complaints:payments", args=[complaint.pk])
        return reverse("learning:action", args=[raised["action"].pk])

    return form_page(
        request,
        form=form,
        perform=perform,
        done_url=done_url,
        template="complaints/learning/raise.html",
        context={"complaint": complaint},
        complaint=complaint,
    )


def raise_action(request: HttpRequest) -> HttpResponse:
    require_team(request, "raise a learning action")
    return _raise(request, None)


def raise_for_complaint(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "raise a learning action")
    return _raise(request, complaint)


def complete(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_or_404(request, pk)
    require_team(request, "record that a learning action was done")
    form = CompleteActionForm(posted(request), initial={"we_did": action.we_did})

    def perform(data: dict[str, Any]) -> str:
        services.action_complete(
            action=action,
            completed_on=data["completed_on"],
            evidence=data["evidence"],
            we_did=data.get("we_did", ""),
            by=by(request),
        )
        return f"Learning action completed on {govuk_date(data['completed_on'])}"

    return form_page(
        request,
        form=form,
        perform=perform,
        done_url=lambda: reverse("learning:action", args=[action.pk]),
        template="complaints/learning/complete.html",
        context={"action": action},
        complaint=action.complaint,
    )
