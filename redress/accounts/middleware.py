"""How long a session lasts, and the second factor before anything else.

`SessionLifetimeMiddleware` (after AuthenticationMiddleware, before OTPMiddleware) signs a user
out after `SESSION_COOKIE_AGE` seconds without a request (the idle timeout) or
`REDRESS_SESSION_MAX_AGE` seconds after signing in, however busy. The database drops an idle
session by itself (its expiry moves on whenever the session is saved): this saves it at most once
a minute, so a page costs no write, and checks both limits itself whatever the session store.

`SecondFactorMiddleware` (after OTPMiddleware and LoginRequiredMiddleware) sends a signed-in user
who must give a code and has not yet, to set one up or to enter one, from every page except
those marked with `second_factor_not_required` (signing in and out, the second factor's pages).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from . import second_factor

SIGNED_IN_AT = "redress_signed_in_at"
SEEN_AT = "redress_seen_at"
TOUCH_EVERY = 60  # seconds: how stale the idle clock may get before the session is saved


def second_factor_not_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a view reachable before the second factor is given."""
    view.second_factor_not_required = True  # type: ignore[attr-defined]
    return view


def mark_signed_in(session: Any) -> None:
    now = int(time.time())
    session[SIGNED_IN_AT] = now
    session[SEEN_AT] = now


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if SESSION_KEY in session:
            now = int(time.time())
            signed_in = session.setdefault(SIGNED_IN_AT, now)
            seen = session.get(SEEN_AT, now)
            if (
                now - seen >= settings.SESSION_COOKIE_AGE
                or now - signed_in >= settings.REDRESS_SESSION_MAX_AGE
            ):
                logout(request)  # and on as a visitor: the page sends them to sign in
            elif now - seen >= TOUCH_EVERY or SEEN_AT not in session:
                session[SEEN_AT] = now  # saved at the end, so the stored expiry moves on too
        return self.get_response(request)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if getattr(view, "second_factor_not_required", False):
            return None
        if not second_factor.due(request):
            return None
        page = (
            "accounts:second_factor_verify"
            if second_factor.has_second_factor(request.user)  # type: ignore[arg-type]
            else "accounts:second_factor_setup"
        )
        return redirect_to_login(request.get_full_path(), reverse(page))
