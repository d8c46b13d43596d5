"""What signing in records in the session: when (for the session's lifetime) and whether a
second factor is due."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from . import second_factor
from .middleware import mark_signed_in
from .models import User


@receiver(user_logged_in, dispatch_uid="redress.accounts.signed_in")
def signed_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    mark_signed_in(request.session)
    second_factor.remember_enrolment(request, user)
