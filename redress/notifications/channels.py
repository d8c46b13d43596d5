"""How a message leaves Redress: Django's email backends (the console in the demo, SMTP in
production) or GOV.UK Notify for email, text messages and letters. `REDRESS_NOTIFICATIONS_CHANNEL`
chooses (`email` or `notify`); the service (`services.message_deliver`) calls `send` and keeps
the outcome on the message.
"""

from __future__ import annotations

import io
import logging
import os
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage

from .models import Channel, Message

NOTIFY_KEY_VARIABLE = "REDRESS_NOTIFY_API_KEY"
log = logging.getLogger(__name__)


class SendError(Exception):
    """The message was not sent this time; trying again later may work."""


class PermanentSendError(SendError):
    """The message can never be sent as it is (an address the provider refuses, a channel the
    configured provider lacks): no retry."""


def attachment_of(message: Message) -> tuple[str, bytes, str] | None:
    """The document sent with a message, as (name, bytes, type); None when there is none. Read
    from the documents storage by its stored name (`redress.documents`)."""
    document = message.attachment
    if document is None:
        return None
    if document.removed_at is not None:
        raise PermanentSendError(f"The document '{document.name}' was removed: it cannot be sent.")
    from django.core.files.storage import storages

    try:
        with storages["documents"].open(document.stored_name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError as error:
        raise PermanentSendError(f"The file of '{document.name}' is no longer held.") from error
    except OSError as error:
        raise SendError(f"The document '{document.name}' could not be read: {error}") from error
    return document.name, data, document.content_type


class MessageChannel(Protocol):
    def send(self, message: Message) -> str:
        """Send it; return the provider's id for it ("" when there is none). Raise SendError."""
        ...


class DjangoEmailChannel:
    """Email through Django's configured backend (EMAIL_BACKEND, EMAIL_HOST, ...)."""

    def send(self, message: Message) -> str:
        if message.channel != Channel.EMAIL:
            raise PermanentSendError(
                f"The email channel cannot send a {message.get_channel_display().lower()}: "
                "set REDRESS_NOTIFICATIONS_CHANNEL=notify to send text messages and letters."
            )
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
        )
        if (attached := attachment_of(message)) is not None:
            email.attach(*attached)
        try:
            email.send(fail_silently=False)
        except (OSError, ValueError) as error:  # SMTP and socket errors are OSErrors
            raise SendError(f"{type(error).__name__}: {error}") from error
        return ""


class NotifyChannel:
    """GOV.UK Notify. Each channel has one template in Notify whose content is `((body))` (and,
    for email, subject `((subject))`); its id is in settings (REDRESS_NOTIFY_*_TEMPLATE_ID)."""

    def __init__(self, client: Any = None) -> None:
        if client is None:
            from notifications_python_client.notifications import NotificationsAPIClient

            key = os.environ.get(NOTIFY_KEY_VARIABLE, "")
            if not key:
                raise ImproperlyConfigured(
                    f"REDRESS_NOTIFICATIONS_CHANNEL is 'notify' but {NOTIFY_KEY_VARIABLE} is not "
                    "set: give it the API key from GOV.UK Notify (API integration, API keys)."
                )
            client = NotificationsAPIClient(key)
        self.client = client

    def _template(self, channel: str) -> str:
        template_id: str = settings.REDRESS_NOTIFY_TEMPLATES.get(channel, "")
        if not template_id:
            what = (
                "emails with a document"
                if channel == "email_file"
                else f"{Channel(channel).label.lower()}s"
            )
            raise PermanentSendError(
                f"No GOV.UK Notify template for {what}: set "
                f"REDRESS_NOTIFY_{channel.upper()}_TEMPLATE_ID."
            )
        return template_id

    def send(self, message: Message) -> str:
        from notifications_python_client.errors import HTTPError

        attached = attachment_of(message)
        # An email with a document: a template with ((link_to_file)) as well, whose link Notify
        # makes (the recipient confirms their address before downloading).
        template_id = self._template("email_file" if attached else message.channel)
        personalisation: dict[str, Any] = {"subject": message.subject, "body": message.body}
        if attached is not None:
            from notifications_python_client import prepare_upload

            name, data, _ = attached
            try:
                personalisation["link_to_file"] = prepare_upload(
                    io.BytesIO(data), filename=name, confirm_email_before_download=True
                )
            except ValueError as error:  # larger than Notify's 2 MB
                raise PermanentSendError(f"GOV.UK Notify cannot send '{name}': {error}") from error
        reference = f"redress-message-{message.pk}"
        try:
            if message.channel == Channel.EMAIL:
                response = self.client.send_email_notification(
                    email_address=message.to,
                    template_id=template_id,
                    personalisation=personalisation,
                    reference=reference,
                )
            elif message.channel == Channel.SMS:
                response = self.client.send_sms_notification(
                    phone_number=message.to,
                    template_id=template_id,
                    personalisation={"body": message.body},
                    reference=reference,
                )
            else:
                lines = [line.strip() for line in message.to.splitlines() if line.strip()]
                address = {f"address_line_{n}": line for n, line in enumerate(lines[:7], 1)}
                response = self.client.send_letter_notification(
                    template_id=template_id,
                    personalisation={**address, **personalisation},
                    reference=reference,
                )
        except HTTPError as error:
            # 400 (a bad address or template) and 403 (a bad key) will not mend themselves.
            kind = PermanentSendError if error.status_code in (400, 403) else SendError
            raise kind(f"GOV.UK Notify answered {error.status_code}: {error.message}") from error
        except OSError as error:
            raise SendError(f"GOV.UK Notify could not be reached: {error}") from error
        return str(response.get("id", ""))

    def delivery_status(self, provider_id: str) -> str:
        """Notify's status of a notification: delivered, permanent-failure, sending, ... ("" if
        Notify cannot say now: asked again at the next run)."""
        from notifications_python_client.errors import HTTPError

        try:
            return str(self.client.get_notification_by_id(provider_id).get("status", ""))
        except (HTTPError, OSError) as error:
            log.warning("GOV.UK Notify gave no status for %s: %s", provider_id, error)
            return ""


def configured_channel() -> MessageChannel:
    name = settings.REDRESS_NOTIFICATIONS_CHANNEL
    if name == "notify":
        return NotifyChannel()
    if name == "email":
        return DjangoEmailChannel()
    raise ImproperlyConfigured(
        f"REDRESS_NOTIFICATIONS_CHANNEL is '{name}': it must be 'email' or 'notify'."
    )
