"""My work (the home page) and the team's work: counts of what waits, what is due and what is
overdue, each a link to the list behind it. (My work is at `/`, named `core:home`: see
`redress/urls.py`.) Executives see the service's counts only, with no links."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from redress.complaints import presenters
from redress.complaints.selectors import (
    UNALLOCATED,
    CaseCounts,
    OtherCounts,
    clock,
    may_manage_complaints,
    my_work,
    sees_complaints,
    sees_every_complaint,
    team_work,
)
from redress.front.selectors import waiting_count
from redress.notifications.selectors import failed_count


def _href(base: str, **params: Any) -> str:
    query = {k: str(v) for k, v in params.items() if v not in (None, "")}
    return base + (f"?{urlencode(query)}" if query else "")


# Each count's filter on the complaints list (`case_links`).
CASE_FILTERS = {
    "open": "status=open",
    "on_hold": "status=on_hold",
    "awaiting_acknowledgement": "waiting=acknowledgement",
    "due_today": "due=today",
    "due_this_week": "due=this_week",
    "overdue": "status=overdue",
    "waiting_appointments": "waiting=appointments",
    "waiting_statement": "waiting=statement",
}


def case_links(**scope: Any) -> dict[str, str]:
    """For each of `CaseCounts`' counts, the complaints list that shows them (within `scope`,
    e.g. one person's), sorted by due date. The scope is encoded once for all eight (the
    team's page makes them for every team)."""
    base = reverse("complaints:list")
    rest = urlencode({"sort": "due"} | {k: str(v) for k, v in scope.items() if v not in (None, "")})
    return {name: f"{base}?{condition}&{rest}" for name, condition in CASE_FILTERS.items()}


def other_links(owner: str = "") -> dict[str, str]:
    """For each of `OtherCounts`' counts, the Ombudsman or learning list that shows them."""
    enquiries, learning = reverse("ombudsman:list"), reverse("learning:list")
    return {
        "responses_awaited": _href(enquiries, response="awaiting"),
        "responses_overdue": _href(enquiries, response="overdue"),
        "remedies_outstanding": _href(enquiries, remedies="outstanding"),
        "remedies_overdue": _href(enquiries, remedies="overdue"),
        "learning_overdue": _href(learning, status="overdue", owner=owner),
    }


CASE_LABELS = {
    "open": "open",
    "awaiting_acknowledgement": "awaiting acknowledgement",
    "due_today": "due today",
    "due_this_week": "due later this week",
    "overdue": "overdue",
    "on_hold": "on hold",
    "waiting_appointments": "stage 2 waiting for appointments",
    "waiting_statement": "stage 2 waiting for the statement of complaint",
}
OTHER_LABELS = {
    "responses_awaited": "Ombudsman enquiries waiting for our response",
    "responses_overdue": "of them past the date asked for",
    "remedies_outstanding": "Ombudsman enquiries with remedies outstanding",
    "remedies_overdue": "with remedies overdue",
    "learning_overdue": "learning actions overdue",
}


# The team page's table columns: (count, heading).
PERSON_COLUMNS = {
    "open": "Open",
    "awaiting_acknowledgement": "Awaiting acknowledgement",
    "due_today": "Due today",
    "due_this_week": "Due later this week",
    "overdue": "Overdue",
    "on_hold": "On hold",
}


def figures(
    counts: CaseCounts | OtherCounts, labels: dict[str, str], links: dict[str, str] | None
) -> list[dict[str, Any]]:
    """The counts as the page lists them: number, words, and the list behind it (if shown)."""
    return [
        {
            "count": getattr(counts, name),
            "label": label,
            "href": links[name] if links else None,
        }
        for name, label in labels.items()
    ]


def home(request: HttpRequest) -> HttpResponse:
    """My work: the user's open complaints by what they wait for, the first of them due, and
    their Ombudsman and learning work. Executives see the service's counts only."""
    user: Any = request.user
    now = clock()
    if not sees_complaints(user):
        team = team_work(user=user, today=now.today)
        return render(
            request,
            "complaints/home.html",
            {
                "counts_only": True,
                "cases": figures(team.counts, CASE_LABELS, None),
                "other": figures(team.other, OTHER_LABELS, None),
            },
        )
    work = my_work(user=user, clock=now)
    mine = case_links(allocated_to=user.pk)
    return render(
        request,
        "complaints/home.html",
        {
            "counts_only": False,
            "work": work,
            "cases": figures(work.counts, CASE_LABELS, mine),
            "other": figures(work.other, OTHER_LABELS, other_links(user.display_name)),
            "presenters": presenters,
            "all_mine_href": mine["open"],
            "team_href": reverse("complaints:team") if sees_every_complaint(user) else None,
            # The complaints manager's: messages every attempt failed to send.
            "messages_not_sent": failed_count() if user.configures else 0,
            # The complaints team's: what the public sent, waiting for triage.
            "waiting_triage": waiting_count() if may_manage_complaints(user) else 0,
        },
    )


NO_TEAM = "none"


def _row(name: str, counts: CaseCounts, links: dict[str, str] | None, **extra: Any) -> dict:
    return {"name": name, "cells": figures(counts, PERSON_COLUMNS, links), **extra}


def team(request: HttpRequest) -> HttpResponse:
    """The team's work, for the complaints team: every open complaint by team (the allocated
    person's organisation), by person within a team (`?team=`) and by stage, each count a link
    to the list. Executives see the counts only."""
    user: Any = request.user
    everyone = sees_every_complaint(user)
    if sees_complaints(user) and not everyone:
        raise PermissionDenied(
            "The team's work is for the complaints team (complaints officers and managers). "
            "Your home page shows your own work."
        )
    work = team_work(user=user, today=clock().today)
    here = reverse("complaints:team")
    teams = [
        _row(
            t.name,
            t.counts,
            case_links(team=t.team_id) if everyone and t.team_id else None,
            href=_href(here, team=t.team_id or NO_TEAM) if everyone else None,
            people=t.people,
        )
        for t in work.teams
    ]
    if work.unallocated.open:
        teams.insert(
            0,
            _row(
                "Not allocated",
                work.unallocated,
                case_links(allocated_to=UNALLOCATED) if everyone else None,
            ),
        )
    # A team's people (`?team=none`: those with no organisation).
    chosen = request.GET.get("team", "")
    team_id = int(chosen) if chosen.isdigit() else None
    members = [
        _row(p.name, p.counts, case_links(allocated_to=p.user_id))
        for p in (work.people_of(team_id) if everyone and chosen else [])
    ]
    chosen_name = next((t.name for t in work.teams if t.team_id == team_id), "No team")
    stages = [
        _row(
            f"Stage {number}",
            counts,
            case_links(stage=number) if everyone else None,
        )
        for number, counts in work.by_stage.items()
    ]
    return render(
        request,
        "complaints/team.html",
        {
            "counts_only": not everyone,
            "cases": figures(work.counts, CASE_LABELS, case_links() if everyone else None),
            "other": figures(work.other, OTHER_LABELS, other_links() if everyone else None),
            "columns": list(PERSON_COLUMNS.values()),
            "teams": teams,
            "members": members,
            "chosen_team": chosen_name if chosen else None,
            "all_teams_href": here,
            "stages": stages,
        },
    )
