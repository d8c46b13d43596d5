"""The admin site: only for a session verified by a second factor, signed in on Redress's own
sign-in page (one page to throttle, lock and check the second factor on), never its own form."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

NOT_FOR_YOU = (
    "Only complaints managers can use the admin. Ask a complaints manager if you need to change "
    "Redress's configuration."
)


class RedressAdminSite(admin.AdminSite):
    site_header = "Redress administration"
    site_title = "Redress"

    def has_permission(self, request: HttpRequest) -> bool:
        user: Any = request.user
        verified = getattr(user, "is_verified", None)
        return super().has_permission(request) and verified is not None and verified()

    @method_decorator(never_cache)
    @method_decorator(login_not_required)
    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Signed in with the admin: on to it. Signed in without: refused, with the reason.
        Not signed in: Redress's sign-in page, back here afterwards."""
        wanted = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
            wanted = ""
        if self.has_permission(request):
            return redirect(wanted or reverse("admin:index"))
        if request.user.is_authenticated:
            raise PermissionDenied(NOT_FOR_YOU)
        return redirect_to_login(wanted or reverse("admin:index"), reverse("accounts:login"))
