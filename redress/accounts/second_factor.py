"""The second factor: a time-based code from an authenticator app (TOTP, django-otp), and
single-use backup codes for when the phone is lost.

Complaints managers and anyone with the admin must use one; anyone else may choose to, and once
they have set one up it is asked for at every sign-in. A session counts as verified once a code
has been accepted in it (`django_otp.login`), until it ends.

Setting up: an unconfirmed device is made with a new secret, shown as a QR code and as text; a
code from the app confirms it, and ten backup codes are made and shown once. Someone who already
has a second factor may set up a new app only in a session verified by one (a backup code, when
the phone is lost), so a stolen password alone never registers a device; a complaints manager can
also reset a user's devices in the admin.
"""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.db import transaction
from django.http import HttpRequest
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.core import audit

from .models import User

AUTHENTICATOR = "Authenticator app"
BACKUP = "Backup codes"
BACKUP_CODES = 10
# The session remembers, from sign-in, whether someone who chose a second factor has one.
ENROLLED_SESSION_KEY = "redress_second_factor"


def required_for(user: Any) -> bool:
    """Whether the user's role or access means a second factor is not optional."""
    return bool(user.is_staff or getattr(user, "configures", False))  # (managers, superusers)


def authenticator_of(user: User, *, confirmed: bool = True) -> TOTPDevice | None:
    return (
        TOTPDevice.objects.devices_for_user(user, confirmed=confirmed).order_by("pk").first()  # type: ignore[attr-defined]
    )


def has_second_factor(user: User) -> bool:
    return bool(user_has_device(user, confirmed=True))


def may_set_up(request: HttpRequest) -> bool:
    """A new authenticator: for someone with no second factor yet, or in a verified session."""
    user: Any = request.user
    return bool(user.is_authenticated and (user.is_verified() or not has_second_factor(user)))


def due(request: HttpRequest) -> bool:
    """Whether this signed-in request must show a code before it goes anywhere."""
    user: Any = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    if required_for(user):
        return True
    enrolled = request.session.get(ENROLLED_SESSION_KEY)
    if enrolled is None:  # a session from before sign-in recorded it
        enrolled = request.session[ENROLLED_SESSION_KEY] = has_second_factor(user)
    return bool(enrolled)


def remember_enrolment(request: HttpRequest, user: User) -> None:
    """At sign-in: whether someone who may choose a second factor has one (asked once)."""
    if not required_for(user):
        request.session[ENROLLED_SESSION_KEY] = has_second_factor(user)


# Setting up ---------------------------------------------------------------------------------


def authenticator_start(*, user: User) -> TOTPDevice:
    """The device being set up: the user's unconfirmed one, or a new one with a new secret."""
    device = authenticator_of(user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as an app asks for it when typed in: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The set-up address as a QR code, as inline SVG (no image request, no script)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, dark="#0b0c0c", light="#ffffff", title="QR code for your authenticator app"
    )
    return svg.replace("<svg ", '<svg role="img" focusable="false" ', 1)


@transaction.atomic
def authenticator_confirm(
    *, request: HttpRequest, device: TOTPDevice, code: str
) -> list[str] | None:
    """Confirm the device with a code from the app: it replaces any earlier app, the session is
    verified by it, and new backup codes are made (returned, to be shown once). None if the
    code is wrong."""
    user: Any = request.user
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if device.confirmed or not may_set_up(request) or not device.verify_token(_digits(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = new_backup_codes(user)
    otp_login(request, device)
    request.session[ENROLLED_SESSION_KEY] = True
    audit.record(
        action="account.second_factor_set_up", obj=user, by=user, after={"device": device.name}
    )
    return codes


@transaction.atomic
def backup_codes_renew(*, request: HttpRequest) -> list[str]:
    """New backup codes for a verified user; the old ones stop working."""
    user: Any = request.user
    codes = new_backup_codes(user)
    audit.record(action="account.backup_codes_renewed", obj=user, by=user)
    return codes


def new_backup_codes(user: User) -> list[str]:
    """Ten new single-use backup codes in place of any the user had."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


# Signing in ---------------------------------------------------------------------------------


def _digits(code: str) -> str:
    return "".join(code.split()).replace("-", "")


@transaction.atomic
def verify(*, request: HttpRequest, code: str) -> bool:
    """Check a code from the app (six digits) or a backup code against the user's confirmed
    devices; verify the session if one accepts it. Each device slows down repeated wrong codes
    (django-otp's throttling), and a code is accepted only once."""
    user: Any = request.user
    code = _digits(code).lower()
    wanted = TOTPDevice if code.isdigit() else StaticDevice
    for device in devices_for_user(user, confirmed=True, for_verify=True):
        if isinstance(device, wanted) and device.verify_token(code):
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                audit.record(action="account.backup_code_used", obj=user, by=user)
            return True
    return False


def throttled(user: User, device: Any = None) -> bool:
    """Whether recent wrong codes mean the user must wait before trying again (for one of
    their devices, or the one being set up)."""
    devices = [device] if device is not None else devices_for_user(user, confirmed=True)
    return any(not d.verify_is_allowed()[0] for d in devices)


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
