"""The public side's start page: the forms there are, and following a complaint."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from redress.accounts.middleware import second_factor_not_required

# (URL name, link text, hint), in the order shown; a form not yet served is not listed.
FORMS = (
    (
        "front:complaint_start",
        "Make a complaint",
        "About a service or a worker, for yourself or for a child.",
    ),
    (
        "front:child_start",
        "I am a child or young person and I want to complain",
        "A short form in plain words. We can find someone to help you.",
    ),
    ("front:compliment_start", "Say thank you", "Tell us about a team or a worker who helped."),
    (
        "front:feedback_start",
        "I am a child or young person and I want to tell you something",
        "Tell us what is good or what could be better. It is not a complaint.",
    ),
)


def _href(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@login_not_required
@second_factor_not_required
def start(request: HttpRequest) -> HttpResponse:
    links = [
        {"href": href, "text": text, "hint": hint}
        for name, text, hint in FORMS
        if (href := _href(name)) is not None
    ]
    return render(
        request, "front/start.html", {"links": links, "follow_href": _href("front:follow_start")}
    )
