"""Spam protection without puzzles: a honeypot field no person fills in, and a limit on how many
forms one address sends in an hour (REDRESS_PUBLIC_PER_HOUR).

The address is kept only as a keyed hash (HMAC with the secret key), for a day.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest

from redress.accounts.lockout import client_ip
from redress.core import clock

from .models import PublicAttempt
from .rules import TooManySent

# The honeypot's field name: a word a form-filling robot fills in and a person never sees (it is
# hidden from sight and from screen readers, and out of the tab order).
HONEYPOT = "website"
WINDOW = datetime.timedelta(hours=1)
KEPT = datetime.timedelta(days=1)


def honeypot_filled(request: HttpRequest) -> bool:
    """Whether the form came back with the honeypot filled in: a robot's. Treat it as sent
    (show the same confirmation) and keep nothing."""
    return request.method == "POST" and bool(request.POST.get(HONEYPOT, "").strip())


def address_hash(request: HttpRequest) -> str:
    address = client_ip(request) or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def limit() -> int:
    return int(settings.REDRESS_PUBLIC_PER_HOUR)


def check_rate(request: HttpRequest, action: str) -> None:
    """Refuse (TooManySent) when this address has done `action` REDRESS_PUBLIC_PER_HOUR times
    in the last hour; otherwise count this one. Call it just before saving what was sent."""
    now = clock.now()
    PublicAttempt.objects.filter(at__lt=now - KEPT).delete()
    key = address_hash(request)
    recent = PublicAttempt.objects.filter(action=action, address_hash=key, at__gte=now - WINDOW)
    if recent.count() >= limit():
        raise TooManySent()
    PublicAttempt.objects.create(action=action, address_hash=key, at=now)
