"""Staff pages of messages: your reminders (everyone), and the messages not sent with a "try
again" button (the complaints manager)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from redress.accounts.models import User

from . import selectors, services
from .forms import ReminderPreferenceForm
from .models import Message

MANAGERS_ONLY = "Only a complaints manager can see and resend the messages that were not sent."


def _manager(request: HttpRequest) -> User:
    user = cast(User, request.user)
    if not user.configures:
        raise PermissionDenied(MANAGERS_ONLY)
    return user


def preferences(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = ReminderPreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"reminders": user.reminders},
    )
    if request.method == "POST" and form.is_valid():
        services.reminder_preference_set(user=user, reminders=form.cleaned_data["reminders"])
        messages.success(request, "Your reminders are saved")
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


def failed(request: HttpRequest) -> HttpResponse:
    _manager(request)
    return render(
        request,
        "notifications/failed.html",
        {
            "failed": list(selectors.failed_messages()[:200]),
            "count": selectors.failed_count(),
            "retrying": selectors.retrying_count(),
        },
    )


@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    user = _manager(request)
    message = get_object_or_404(Message, pk=pk)
    try:
        services.message_retry(message=message, by=user)
    except services.MessageError as error:
        messages.error(request, str(error))
    else:
        message.refresh_from_db()
        messages.success(request, f"Message {pk}: {message.get_state_display().lower()}")
    return redirect("notifications:failed")
