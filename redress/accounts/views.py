"""Signing in: the password page, and the second factor's pages (set up an authenticator app,
enter a code, backup codes, and an overview where anyone may choose to use one)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import second_factor
from .forms import CodeForm, LoginForm
from .middleware import second_factor_not_required

# The backup codes just made, kept in the session only until they are shown.
NEW_CODES = "redress_new_backup_codes"
WRONG_CODE = "The code is not right: enter the code your app shows now, or a backup code"
WRONG_SETUP_CODE = "The code is not right: enter the 6-digit code your app shows now"
TOO_MANY = "You have entered too many wrong codes. Wait a minute, then try again"


@method_decorator(second_factor_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sso_name"] = settings.OIDC_PROVIDER_NAME if settings.REDRESS_SSO else ""
        return context


def next_url(request: HttpRequest) -> str:
    """Where to go once the code is given: `next` if it is on this site, else home."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("core:home")


def _with_next(name: str, request: HttpRequest) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url(request)})}"


def _reason(user: Any) -> str:
    if user.is_staff or user.is_superuser:
        return "you can use the admin"
    if second_factor.required_for(user):
        return "you are a complaints manager"
    return ""


@second_factor_not_required
@require_http_methods(["GET", "POST"])
def set_up(request: HttpRequest) -> HttpResponse:
    if not second_factor.may_set_up(request):
        return redirect(_with_next("accounts:second_factor_verify", request))
    user: Any = request.user
    device = second_factor.authenticator_start(user=user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if second_factor.throttled(user, device):
            form.add_error("code", TOO_MANY)
        elif codes := second_factor.authenticator_confirm(
            request=request, device=device, code=form.cleaned_data["code"]
        ):
            request.session[NEW_CODES] = codes
            return redirect(_with_next("accounts:backup_codes", request))
        else:
            form.add_error("code", WRONG_SETUP_CODE)
    context = {
        "form": form,
        "qr_code": second_factor.qr_code_svg(device),
        "secret": second_factor.secret_text(device),
        "reason": _reason(user),
        "replacing": second_factor.authenticator_of(user) is not None,
        "next": next_url(request),
    }
    return render(request, "accounts/second_factor/set_up.html", context)


@second_factor_not_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.is_verified():
        return redirect(next_url(request))
    if not second_factor.has_second_factor(user):
        return redirect(_with_next("accounts:second_factor_setup", request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if second_factor.throttled(user):
            form.add_error("code", TOO_MANY)
        elif second_factor.verify(request=request, code=form.cleaned_data["code"]):
            request.session.cycle_key()  # a new session id for the stronger sign-in
            return redirect(next_url(request))
        else:
            form.add_error("code", WRONG_CODE)
    return render(
        request, "accounts/second_factor/verify.html", {"form": form, "next": next_url(request)}
    )


@require_http_methods(["GET", "POST"])
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The backup codes just made, shown once; POST makes new ones."""
    user: Any = request.user
    if request.method == "POST":
        if not (user.is_verified() and second_factor.has_second_factor(user)):
            raise PermissionDenied("Set up an authenticator app before making backup codes.")
        request.session[NEW_CODES] = second_factor.backup_codes_renew(request=request)
        return redirect(_with_next("accounts:backup_codes", request))
    codes = request.session.pop(NEW_CODES, None)
    if codes is None:  # already shown: they are never shown twice
        return redirect("accounts:second_factor")
    return render(
        request,
        "accounts/second_factor/backup_codes.html",
        {"codes": codes, "next": next_url(request)},
    )


def overview(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    context = {
        "has_authenticator": second_factor.authenticator_of(user) is not None,
        "verified": user.is_verified(),
        "reason": _reason(user),
        "backup_codes_left": second_factor.backup_codes_left(user),
    }
    return render(request, "accounts/second_factor/overview.html", context)
