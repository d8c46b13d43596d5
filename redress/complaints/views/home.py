"""The home page, "My work": what is allocated to the user and, for the complaints team, what
is overdue or due soon. (At `/`, named `core:home`: see `redress/urls.py`.)"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from redress.complaints import presenters
from redress.complaints.selectors import DUE_SOON_DAYS, clock, my_work, sees_complaints


def home(request: HttpRequest) -> HttpResponse:
    """My work: stages allocated to the user; for the complaints team, every open stage that is
    overdue or due soon; for everyone, open stages counted by stage."""
    work = my_work(user=request.user, clock=clock())
    return render(
        request,
        "complaints/home.html",
        {
            "work": work,
            "sees_complaints": sees_complaints(request.user),
            "due_soon_days": DUE_SOON_DAYS,
            "presenters": presenters,
            "overdue_href": reverse("complaints:list") + "?status=overdue",
            "open_href": reverse("complaints:list") + "?status=open",
        },
    )
