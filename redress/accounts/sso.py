"""Single sign-on with an OpenID Connect provider (Microsoft Entra ID, or any other), through
mozilla-django-oidc, when the OIDC_* settings are given (see the README's "Signing in").

The provider says who someone is and which groups they are in; `OIDC_GROUP_ROLES` maps groups to
Redress roles. Someone in no mapped group gets no access (a page says why), and their role is
read again at every sign-in, so a change of group changes what they may do. Accounts made this
way have no password: they sign in only through the provider. A complaints manager still gives
a code from an authenticator app (the second factor is Redress's, whatever the provider asked).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

import jwt
import requests
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from redress.core import audit

from .middleware import second_factor_not_required
from .models import Role, User

logger = logging.getLogger(__name__)
# Where a user is in several mapped groups, the first of these roles wins.
PRECEDENCE = list(Role)


def role_for(groups: Any, mapping: dict[str, str]) -> Role | None:
    """The role the provider's groups give, or None."""
    if isinstance(groups, str):
        groups = [groups]
    roles = {mapping[str(g)] for g in groups or () if str(g) in mapping}
    return next((role for role in PRECEDENCE if role in roles), None)


class NotInAMappedGroup(SuspiciousOperation):
    """Your account is not in a group that gives access to Redress."""


class SingleSignOnBackend(OIDCAuthenticationBackend):
    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        """The provider's answer, or None (the callback then says signing in did not work)
        when it is refused, forged, expired or unreachable."""
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwt.InvalidTokenError, requests.RequestException) as error:
            logger.warning("Single sign-on refused: %s", error)
            return None

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        audience = payload.get("aud")
        if self.OIDC_RP_CLIENT_ID not in (
            [audience] if isinstance(audience, str) else audience or []
        ):
            raise SuspiciousOperation("The ID token was issued to another client.")
        return super().get_or_create_user(access_token, id_token, payload)

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        # The ID token's claims (Entra ID puts the groups there), then the userinfo endpoint's.
        return {**payload, **super().get_userinfo(access_token, id_token, payload)}

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get(settings.OIDC_USERNAME_CLAIM))

    def get_username(self, claims: dict[str, Any]) -> str:
        return str(claims[settings.OIDC_USERNAME_CLAIM])[:150]

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return self.UserModel.objects.filter(username=self.get_username(claims))

    def _role(self, claims: dict[str, Any]) -> Role:
        role = role_for(claims.get(settings.OIDC_GROUPS_CLAIM), settings.OIDC_GROUP_ROLES)
        if role is None:
            self.request.redress_sso_refused = True  # type: ignore[attr-defined]
            raise NotInAMappedGroup(f"no mapped group for {self.get_username(claims)}")
        return role

    @staticmethod
    def _details(claims: dict[str, Any], role: Role) -> dict[str, Any]:
        return {
            "first_name": str(claims.get("given_name", ""))[:150],
            "last_name": str(claims.get("family_name", ""))[:150],
            "email": str(claims.get("email", ""))[:254],
            "role": role,
        }

    @transaction.atomic
    def create_user(self, claims: dict[str, Any]) -> User:
        details = self._details(claims, self._role(claims))
        user = User(username=self.get_username(claims), **details)
        user.set_unusable_password()
        user.save()
        audit.record(
            action="account.created_by_sign_on",
            obj=user,
            by=None,
            after={k: str(v) for k, v in details.items()},
        )
        return user

    @transaction.atomic
    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        details = self._details(claims, self._role(claims))
        if details["role"] != Role.COMPLAINTS_MANAGER and not user.is_superuser:
            details["is_staff"] = False  # only complaints managers may use the admin
        changed = {k: v for k, v in details.items() if getattr(user, k) != v}
        if changed:
            before = audit.snapshot(user, changed)
            for name, value in changed.items():
                setattr(user, name, value)
            user.save(update_fields=list(changed))
            audit.record(
                action="account.updated_by_sign_on",
                obj=user,
                by=None,
                before=before,
                after=audit.snapshot(user, changed),
            )
        return user


def _when_configured(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The provider's pages exist only when single sign-on is configured (else: not found)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.REDRESS_SSO:
            raise Http404("Single sign-on is not set up.")
        return view(request, *args, **kwargs)

    return login_not_required(second_factor_not_required(wrapper))


class _Callback(OIDCAuthenticationCallbackView):
    def login_failure(self) -> HttpResponse:
        refused = getattr(self.request, "redress_sso_refused", False)
        return render(
            self.request,
            "accounts/sso_refused.html",
            {"refused": refused, "sso_name": settings.OIDC_PROVIDER_NAME},
            status=403,
        )


start = _when_configured(OIDCAuthenticationRequestView.as_view())
callback = _when_configured(_Callback.as_view())
