"""With the database backend (the default outside tests): messages and the daily reminders
are rows for `redress db_worker`."""

import datetime

import pytest
from django_tasks_db.models import DBTaskResult

from redress.notifications import reminders, services, tasks
from redress.notifications.models import Kind, State

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_message_is_queued_for_the_worker_and_a_retry_waits(database_backend, staff, flaky):
    message = services.message_send(kind=Kind.OTHER, subject="Hello", body="Body", recipient=staff)
    queued = DBTaskResult.objects.get()
    assert queued.task_path == tasks.deliver_message.module_path
    assert queued.args_kwargs["args"] == [message.pk]

    flaky(failures=1)
    services.message_deliver(message.pk)  # what the worker runs
    message.refresh_from_db()
    assert (message.state, message.attempts) == (State.QUEUED, 1)
    retry = DBTaskResult.objects.exclude(pk=queued.pk).get()
    assert retry.run_after == message.next_attempt_at


def test_the_daily_task_is_scheduled_once(database_backend, settings):
    settings.REDRESS_REMINDER_TIME = "07:00"
    now = datetime.datetime(2021, 6, 16, 8, 0, tzinfo=datetime.UTC)
    at = reminders.schedule_next(now)
    assert at is not None
    assert (at.date(), at.hour, at.minute) == (datetime.date(2021, 6, 17), 7, 0)
    assert reminders.schedule_next(now) is None  # already waiting
    task = DBTaskResult.objects.get()
    assert task.task_path == tasks.send_reminders.module_path
    assert task.args_kwargs["kwargs"] == {"reschedule": True}


def test_the_immediate_backend_cannot_schedule():
    assert reminders.schedule_next() is None
