"""Reads of messages."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import FAILED_STATES, Message, State


def failed_messages() -> QuerySet[Message]:
    """Messages not sent (every attempt failed, or the address cannot be used), newest first."""
    return Message.objects.filter(state__in=FAILED_STATES).select_related("complaint", "recipient")


def failed_count() -> int:
    return Message.objects.filter(state__in=FAILED_STATES).count()


def retrying_count() -> int:
    """Messages waiting for another attempt after one failed."""
    return Message.objects.filter(state=State.QUEUED, attempts__gt=0).count()
