"""Sending messages: `message_send` records a message and hands it to the background task that
delivers it (`tasks.deliver_message`); `message_deliver` makes one attempt through the
configured channel and keeps the outcome. A failed attempt is retried with a growing wait
(REDRESS_NOTIFICATIONS_RETRY_MINUTES) until REDRESS_NOTIFICATIONS_ATTEMPTS attempts have failed;
the message is then failed and listed for the complaints manager (`/messages/failed/`), who can
try again.

A message about a complaint is on the complaint's timeline: one audit event when it is sent,
when it is delivered and when it fails for good. The events hold the channel, the kind, the
recipient (a member of staff, by id) and the state, never the address or the text.
"""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

from redress.core import audit, clock

from .channels import MessageChannel, NotifyChannel, PermanentSendError, SendError
from .models import Channel, Message, State

if TYPE_CHECKING:
    from redress.accounts.models import User

log = logging.getLogger(__name__)

# What the timeline shows of a message (the address and the text stay on the message).
SHOWN = ["kind", "channel", "recipient", "state"]
# Notify's statuses (GET /v2/notifications/{id}) that end a message's journey.
NOTIFY_FINAL = {
    "delivered": State.DELIVERED,
    "received": State.DELIVERED,  # a letter Notify has posted
    "permanent-failure": State.PERMANENT_FAILURE,
    "temporary-failure": State.FAILED,
    "technical-failure": State.FAILED,
    "validation-failed": State.PERMANENT_FAILURE,
}


class MessageError(ValueError):
    """A message that cannot be recorded as asked; the text says why."""


def _enqueue(message: Message, *, run_after: datetime.datetime | None = None) -> None:
    from . import tasks  # the task module imports this one

    task = tasks.deliver_message
    if run_after is not None:
        if not task.get_backend().supports_defer:
            # (The immediate backend, in tests and the demo's reminders run: the next
            # `redress reminders` or `messages_retry_due` picks it up.)
            return
        task = task.using(run_after=run_after)
    task.enqueue(message.pk)


def message_send(
    *,
    kind: str,
    subject: str,
    body: str,
    recipient: User | None = None,
    to: str = "",
    channel: str = Channel.EMAIL,
    complaint: Any = None,
    dedupe_key: str | None = None,
    deliver_now: bool = False,
    attachment: Any = None,
) -> Message | None:
    """Record a message and queue it for delivery. `to` defaults to the recipient's email
    address. With a `dedupe_key`, a message already recorded under it is not sent again: the
    answer is then None. `deliver_now` makes the first attempt here rather than in the
    background (`redress reminders`, run by cron, sends and exits). `attachment`, a document of
    the complaint, goes with an email (a file attached; with GOV.UK Notify, a link to it)."""
    if attachment is not None and channel != Channel.EMAIL:
        raise MessageError("Only an email can carry a document.")
    if channel not in Channel.values:
        raise MessageError(f"'{channel}' is not a channel: {', '.join(Channel.values)}.")
    to = (to or (recipient.email if recipient is not None else "")).strip()
    if not to:
        who = recipient.get_username() if recipient is not None else "the message"
        raise MessageError(f"There is no address to send {kind} to: {who} has no email address.")
    if not subject.strip() or not body.strip():
        raise MessageError(f"A {kind} message needs a subject and a body.")
    if dedupe_key is not None and Message.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    try:
        with transaction.atomic():
            message = Message.objects.create(
                kind=kind,
                subject=subject[:200],
                body=body,
                recipient=recipient,
                to=to,
                channel=channel,
                complaint=complaint,
                dedupe_key=dedupe_key,
                attachment=attachment,
            )
    except IntegrityError:
        if dedupe_key is not None and Message.objects.filter(dedupe_key=dedupe_key).exists():
            return None  # another run recorded it meanwhile
        raise
    if deliver_now:
        return message_deliver(message.pk, schedule_retry=False)
    _enqueue(message)
    return message


def _backoff(attempts: int) -> datetime.timedelta:
    waits: list[int] = settings.REDRESS_NOTIFICATIONS_RETRY_MINUTES
    return datetime.timedelta(minutes=waits[min(attempts, len(waits)) - 1])


def _record(message: Message, *, action: str, by: User | None, note: str = "") -> None:
    if message.complaint_id is None:
        return  # a digest or a message about no complaint: no timeline to show it on
    audit.record(
        action=action,
        obj=message,
        by=by,
        after=audit.snapshot(message, SHOWN),
        complaint=message.complaint,
        note=note,
    )


def _channel() -> MessageChannel:
    from .channels import configured_channel

    return configured_channel()


def message_deliver(
    message_id: int, *, channel: MessageChannel | None = None, schedule_retry: bool = True
) -> Message | None:
    """One attempt to send a queued message (None if there is no such message). Sent: the state
    is sent. Failed: it waits for the next attempt (a task queued for then, with
    `schedule_retry`; else the next `messages_retry_due` makes it), or, when it cannot be sent
    or every attempt has failed, it is failed for good."""
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.state != State.QUEUED:
            return message
        now = clock.now()
        message.attempts += 1
        try:
            message.provider_id = (channel or _channel()).send(message)
        except ImproperlyConfigured as error:  # shown on the failed list until put right
            message.last_error = str(error)
            message.state = State.PERMANENT_FAILURE
            message.save()
            _record(message, action="message.fail", by=None, note="Not configured.")
            return message
        except SendError as error:
            message.last_error = str(error)[:2000]
            final = (
                isinstance(error, PermanentSendError)
                or message.attempts >= settings.REDRESS_NOTIFICATIONS_ATTEMPTS
            )
            if final:
                message.state = (
                    State.PERMANENT_FAILURE
                    if isinstance(error, PermanentSendError)
                    else State.FAILED
                )
                message.next_attempt_at = None
                message.save()
                _record(
                    message,
                    action="message.fail",
                    by=None,
                    note=f"After {message.attempts} attempt(s).",
                )
                log.warning("Message %s not sent: %s", message.pk, error)
                return message
            # Real time, not the demonstration's pinned day: a retry waits minutes.
            message.next_attempt_at = timezone.now() + _backoff(message.attempts)
            message.save()
            retry_at = message.next_attempt_at
        else:
            message.state = State.SENT
            message.sent_at = now
            message.last_error = ""
            message.next_attempt_at = None
            message.save()
            _record(message, action="message.send", by=None)
            return message
    if schedule_retry:
        _enqueue(message, run_after=retry_at)
    return message


@transaction.atomic
def message_retry(*, message: Message, by: User) -> Message:
    """A complaints manager's "try again" for a failed message: it is queued with its attempts
    counted afresh."""
    if message.state not in (State.FAILED, State.PERMANENT_FAILURE):
        state = message.get_state_display().lower()
        raise MessageError(f"Message {message.pk} has not failed: it is {state}.")
    message.state = State.QUEUED
    message.attempts = 0
    message.next_attempt_at = None
    message.save()
    _record(message, action="message.retry", by=by)
    _enqueue(message)
    return message


def messages_retry_due(*, now: datetime.datetime | None = None, inline: bool = False) -> int:
    """Try again every message whose next attempt is due (a backend that cannot defer a task,
    or a cron run, leaves them to this): here with `inline`, else queued; returns how many."""
    now = now or timezone.now()
    due = list(
        Message.objects.filter(state=State.QUEUED, next_attempt_at__lte=now).values_list(
            "pk", flat=True
        )
    )
    from . import tasks

    for pk in due:
        if inline:
            message_deliver(pk, schedule_retry=False)
        else:
            tasks.deliver_message.enqueue(pk)
    return len(due)


def messages_check_delivery(*, channel: NotifyChannel | None = None, days: int = 7) -> int:
    """With GOV.UK Notify: ask it what became of the messages sent in the last `days` days and
    keep the answer (delivered, or failed); returns how many changed."""
    if channel is None:
        if settings.REDRESS_NOTIFICATIONS_CHANNEL != "notify":
            return 0
        channel = NotifyChannel()
    since = clock.now() - datetime.timedelta(days=days)
    changed = 0
    for message in Message.objects.filter(state=State.SENT, sent_at__gte=since).exclude(
        provider_id=""
    ):
        status = channel.delivery_status(message.provider_id)
        if status not in NOTIFY_FINAL:
            continue  # still on its way
        with transaction.atomic():
            message.state = NOTIFY_FINAL[status]
            if message.state == State.DELIVERED:
                message.delivered_at = clock.now()
            else:
                message.last_error = f"GOV.UK Notify: {status}"
            message.save()
            _record(
                message,
                action="message.deliver" if message.state == State.DELIVERED else "message.fail",
                by=None,
            )
        changed += 1
    return changed


@transaction.atomic
def reminder_preference_set(*, user: User, reminders: str) -> None:
    """Someone's choice for their own reminders: by email, or none."""
    from redress.accounts.models import Reminders

    if reminders not in Reminders.values:
        raise MessageError(f"'{reminders}' is not a choice: {', '.join(Reminders.values)}.")
    before = audit.snapshot(user, ["reminders"])
    user.reminders = reminders
    user.save(update_fields=["reminders"])  # (a user has no updated_at for save_changes)
    audit.record(
        action="user.set_reminders",
        obj=user,
        by=user,
        before=before,
        after=audit.snapshot(user, ["reminders"]),
    )
