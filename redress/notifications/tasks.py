"""The background tasks of messages and reminders (django.tasks; `redress db_worker` runs
them with the database backend)."""

from __future__ import annotations

import datetime

from django.tasks import task

from . import services


@task
def deliver_message(message_id: int) -> None:
    services.message_deliver(message_id)


@task
def send_reminders(day: str | None = None, *, reschedule: bool = False) -> None:
    """Send the reminders of `day` (ISO date; default today) and retry what is due. With
    `reschedule`, queue itself again for the next day at REDRESS_REMINDER_TIME: how the
    database worker keeps reminders going without cron (`redress reminders --schedule`)."""
    from . import reminders

    on = datetime.date.fromisoformat(day) if day else None
    reminders.reminders_run(day=on)
    if reschedule:
        reminders.schedule_next()
