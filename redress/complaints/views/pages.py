"""A complaint's pages, one per tab of its sub-navigation: each works without JavaScript."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from redress.complaints import presenters
from redress.complaints.choices import OUTCOMES_EXCLUDED_FROM_TIMELINESS, StageStatus
from redress.complaints.models import Complaint
from redress.complaints.selectors import (
    StageView,
    clock,
    complaint_events,
    may_manage_complaints,
    may_respond,
    payments_total,
    referenced_names,
    related_complaints,
    stage_views,
)
from redress.complaints.selectors.mediation import may_offer as may_offer_mediation
from redress.feedback.selectors import closing_the_loop

from . import allocation as allocation_views
from . import closing as closing_views
from . import findings as findings_views
from . import holds as hold_views
from . import mediation as mediation_views
from . import stage2 as stage2_views
from . import stage3 as stage3_views
from .access import complaint_or_refuse

TABS = [
    ("summary", "Summary"),
    ("stages", "Stages"),
    ("timeline", "Timeline"),
    ("people", "People"),
    ("payments", "Payments and learning"),
    ("documents", "Documents"),
    ("letters", "Letters"),
]
# Tabs whose pages another app serves (with `render_tab`), by their URL's name.
TAB_URLS = {"documents": "documents:list", "letters": "letters:list"}


def _actions(request: HttpRequest, complaint: Complaint, current: StageView | None) -> list:
    """The buttons in the page header: what this user can do next to the current stage."""
    if current is None:
        return []
    stage, number, team = current.stage, current.stage.number, may_manage_complaints(request.user)
    args = [complaint.pk, number]
    buttons = []
    if stage.is_open:
        if team and stage.acknowledged_date is None:
            buttons.append(
                {"text": "Acknowledge", "href": reverse("complaints:acknowledge", args=args)}
            )
        if current.milestones:  # a review panel stage: the authority responds to the report
            if team:
                buttons.append(
                    {
                        "text": "Record the authority's response",
                        "href": reverse("complaints:stage3_respond", args=[complaint.pk]),
                    }
                )
        elif may_respond(request.user, stage) and stage.status != StageStatus.ON_HOLD:
            buttons.append(
                {"text": "Record response", "href": reverse("complaints:respond", args=args)}
            )
        if (
            team
            and current.rule is not None
            and current.rule.extendable
            # not once extended as far as the rule allows: the page could only refuse
            and (
                current.deadlines is None
                or current.deadlines.applicable_days < current.rule.max_days
            )
        ):
            buttons.append(
                {
                    "text": "Extend",
                    "href": reverse("complaints:extend", args=args),
                    "classes": "govuk-button--secondary",
                }
            )
        if (hold_button := hold_views.button(request, complaint, stage)) is not None:
            buttons.append(hold_button)
    elif (
        team
        and stage.outcome not in OUTCOMES_EXCLUDED_FROM_TIMELINESS
        and any(r.stage == number + 1 for r in complaint.procedure.stage_rules.all())
    ):
        buttons.append(
            {
                "text": f"Escalate to stage {number + 1}",
                "href": reverse("complaints:escalate", args=[complaint.pk]),
                "classes": "govuk-button--secondary",
            }
        )
    if team and not stage.is_open and may_offer_mediation(complaint):
        buttons.append(
            {
                "text": "Offer mediation",
                "href": reverse("complaints:mediation_offer", args=[complaint.pk]),
                "classes": "govuk-button--secondary",
            }
        )
    return buttons


def _stage_links(request: HttpRequest, complaint: Complaint, stages: list[StageView]) -> dict:
    """The complaints team's links within each stage (stage 2 and 3 steps, mediation)."""
    if not may_manage_complaints(request.user):
        return {"stages": {}, "mediations": {}}
    return {
        "stages": {
            view.stage.number: {
                **stage2_views.page_links(complaint, view.stage),
                **stage3_views.page_links(complaint, view.stage),
            }
            for view in stages
        },
        "mediations": mediation_views.page_links(complaint),
    }


def _case_links(request: HttpRequest, complaint: Complaint, stages: list[StageView]) -> dict:
    """Each stage's links to allocate it, hold or resume it, record its findings, and close it
    without a response, for whoever may do each."""
    return {
        view.stage.number: {
            **allocation_views.page_links(request, complaint, view.stage),
            **hold_views.page_links(request, complaint, view.stage),
            **findings_views.page_links(request, complaint, view.stage),
            **closing_views.page_links(request, complaint, view.stage),
        }
        for view in stages
    }


def _render(
    request: HttpRequest,
    complaint: Complaint,
    tab: str,
    context: dict[str, Any],
    *,
    template: str | None = None,
) -> HttpResponse:
    now = clock()
    stages = stage_views(complaint, now)
    current = stages[-1] if stages else None
    return render(
        request,
        template or f"complaints/complaint/{tab}.html",
        {
            "complaint": complaint,
            "tab": dict(TABS)[tab],
            "tabs": [
                {
                    "text": label,
                    "href": reverse(TAB_URLS.get(name, f"complaints:{name}"), args=[complaint.pk]),
                    "active": name == tab,
                }
                for name, label in TABS
            ],
            "stages": stages,
            "current": current,
            "current_tag": presenters.deadline_tag(
                current.stage if current else None, current.days_left if current else None
            ),
            "presenters": presenters,
            "today": now.today,
            "actions": _actions(request, complaint, current),
            # The complaints team's links on every tab (one decision, in the selectors).
            "is_team": may_manage_complaints(request.user),
            "links": _stage_links(request, complaint, stages),
            "case_links": _case_links(request, complaint, stages),
            **context,
        },
    )


# A tab served by another app (documents): the complaint's header and sub-navigation around it.
render_tab = _render


def summary(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    loop = closing_the_loop(user=request.user, complaint=complaint)
    related = related_complaints(user=request.user, complaint=complaint)
    context = {"closing_the_loop": loop, "related": related, "survey": None}
    if may_manage_complaints(request.user):
        from redress.surveys.presenters import survey_state  # (surveys builds on complaints)

        context["survey"] = survey_state(complaint)
    return _render(request, complaint, "summary", context)


def stages(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    return _render(request, complaint, "stages", {})


def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    events = complaint_events(complaint)
    stage_numbers = {s.pk: s.number for s in complaint.stages.all()}
    names = referenced_names(events, user=request.user)
    entries = presenters.timeline(events, names, stage_numbers)
    return _render(request, complaint, "timeline", {"entries": entries})


def people(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    return _render(request, complaint, "people", {})


def payments(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    loop = closing_the_loop(user=request.user, complaint=complaint)
    return _render(
        request,
        complaint,
        "payments",
        {"total": payments_total(complaint), "closing_the_loop": loop},
    )
