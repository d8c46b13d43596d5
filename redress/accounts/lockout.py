"""Throttling sign-in (django-axes): after `AXES_FAILURE_LIMIT` wrong passwords for one
username from one address, that pair is locked out for `AXES_COOLOFF_TIME`, and every attempt
in that time (the right password too) is refused and starts the wait again. A complaints manager
can unlock it sooner in the admin ("Sign-in lock-outs").

The refusal is the sign-in page with a GOV.UK error, answered with 429 Too Many Requests.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from .forms import LoginForm


def wait_text(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour" if hours == 1 else f"{hours} hours"
    return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"


def locked_out_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        "You have entered the wrong password too many times. Wait "
        f"{wait_text(minutes)}, then try again, or ask a complaints manager to unlock your "
        "account."
    )


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the sign-in page again, with the reason and nothing checked."""
    username = str((credentials or {}).get("username") or request.POST.get("username", ""))
    form = LoginForm(request, initial={"username": username})
    response = TemplateResponse(
        request,
        "accounts/login.html",
        {"form": form, "locked_out": locked_out_message(), "username": username},
        status=429,
    )
    return response.render()


def client_ip(request: HttpRequest) -> str | None:
    """AXES_CLIENT_IP_CALLABLE: the address a sign-in came from. Behind
    `REDRESS_TRUSTED_PROXIES` reverse proxies, the address the outermost of them saw (from the
    right of X-Forwarded-For, which a visitor cannot forge past the proxies); otherwise the
    connection's own."""
    proxies = settings.REDRESS_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
