"""Signing in with the second factor in tests: a confirmed authenticator for a user, the code
it shows now, and a test client's session marked as verified by it."""

from __future__ import annotations

import time
from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from redress.accounts import second_factor
from redress.accounts.models import User


def authenticator_for(user: User) -> TOTPDevice:
    """The user's confirmed authenticator app, made if they have none."""
    device = second_factor.authenticator_of(user)
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=second_factor.AUTHENTICATOR, confirmed=True
        )
    return device


def code_for(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the app shows now: the next time step when this one was used already (a code
    is accepted once, and the step after is within the tolerance)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    if totp.t() <= device.last_t:
        totp.time = totp.time + device.step * (device.last_t + 1 - totp.t())
    return f"{totp.token():0{device.digits}d}"


def pass_second_factor(client: Client, user: Any) -> None:
    """Mark the client's session as verified by the user's authenticator (as a code would)."""
    device = authenticator_for(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
