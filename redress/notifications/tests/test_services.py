import datetime

import pytest
from django.core import mail

from redress.complaints.tests.factories import ComplaintFactory
from redress.core.models import AuditEvent
from redress.notifications import selectors, services
from redress.notifications.channels import PermanentSendError
from redress.notifications.models import Kind, Message, State

pytestmark = pytest.mark.django_db


def _send(staff, **kwargs):
    return services.message_send(
        kind=Kind.OTHER, subject="Hello", body="The body.", recipient=staff, **kwargs
    )


def test_a_message_is_recorded_and_sent_by_email(staff):
    complaint = ComplaintFactory()
    message = _send(staff, complaint=complaint)

    message.refresh_from_db()
    assert message.state == State.SENT
    assert message.attempts == 1
    assert message.to == "rita@council.example"
    assert [(m.subject, m.to, m.body) for m in mail.outbox] == [
        ("Hello", ["rita@council.example"], "The body.")
    ]
    event = AuditEvent.objects.get(complaint=complaint, action="message.send")
    # The trail names the kind, channel, recipient and state; never the address or the text.
    assert event.after == {
        "kind": "other",
        "channel": "email",
        "recipient": staff.pk,
        "state": "sent",
    }


def test_the_timeline_shows_the_message_and_its_state(staff, manager_client):
    complaint = ComplaintFactory()
    _send(staff, complaint=complaint)

    page = manager_client.get(f"/complaints/{complaint.pk}/timeline/").content.decode()
    assert "Message sent" in page
    assert "Rita Responder" in page
    assert "Sent" in page


def test_a_dedupe_key_sends_once(staff):
    assert _send(staff, dedupe_key="once") is not None
    assert _send(staff, dedupe_key="once") is None
    assert Message.objects.count() == 1
    assert len(mail.outbox) == 1


def test_no_address_is_refused_with_the_reason(staff):
    staff.email = ""
    with pytest.raises(services.MessageError, match="rita has no email address"):
        _send(staff)
    assert not Message.objects.exists()


def test_a_failed_send_waits_and_is_retried(staff, flaky, settings):
    settings.REDRESS_TODAY = None
    channel = flaky(failures=1)
    complaint = ComplaintFactory()
    message = _send(staff, complaint=complaint)

    message.refresh_from_db()
    assert message.state == State.QUEUED
    assert message.attempts == 1
    assert message.last_error == "Connection refused by smtp.council.example"
    wait = message.next_attempt_at - message.updated_at
    assert datetime.timedelta(minutes=4) < wait <= datetime.timedelta(minutes=5)
    # Not yet due: nothing is tried.
    assert services.messages_retry_due(now=message.next_attempt_at - datetime.timedelta(1)) == 0

    assert services.messages_retry_due(now=message.next_attempt_at) == 1
    message.refresh_from_db()
    assert message.state == State.SENT
    assert message.attempts == 2
    assert message.provider_id == f"provider-{message.pk}"
    assert channel.sent == [message.pk]
    actions = list(AuditEvent.objects.filter(complaint=complaint).values_list("action", flat=True))
    assert actions.count("message.send") == 1
    assert "message.fail" not in actions


def test_every_attempt_failing_fails_the_message_for_the_manager(staff, flaky, settings):
    settings.REDRESS_NOTIFICATIONS_ATTEMPTS = 3
    settings.REDRESS_NOTIFICATIONS_RETRY_MINUTES = [5, 30]
    flaky(failures=10)
    complaint = ComplaintFactory()
    message = _send(staff, complaint=complaint)
    message.refresh_from_db()
    first_wait = message.next_attempt_at
    services.messages_retry_due(now=first_wait)
    message.refresh_from_db()
    assert (message.state, message.attempts) == (State.QUEUED, 2)
    services.messages_retry_due(now=message.next_attempt_at)

    message.refresh_from_db()
    assert (message.state, message.attempts) == (State.FAILED, 3)
    assert message.next_attempt_at is None
    assert list(selectors.failed_messages()) == [message]
    assert selectors.failed_count() == 1
    event = AuditEvent.objects.get(complaint=complaint, action="message.fail")
    assert event.after["state"] == "failed"
    assert event.note == "After 3 attempt(s)."


def test_the_backoff_grows():
    assert [services._backoff(n).seconds // 60 for n in (1, 2, 3, 4, 5)] == [5, 30, 120, 480, 480]


def test_a_permanent_failure_is_not_retried(staff, flaky):
    flaky(failures=1, error=PermanentSendError)
    message = _send(staff)
    message.refresh_from_db()
    assert (message.state, message.attempts) == (State.PERMANENT_FAILURE, 1)
    assert services.messages_retry_due(now=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC)) == 0


def test_the_manager_tries_a_failed_message_again(staff, flaky, manager, manager_client):
    flaky(failures=1, error=PermanentSendError)
    complaint = ComplaintFactory()
    message = _send(staff, complaint=complaint)

    page = manager_client.get("/messages/failed/").content.decode()
    assert "1 message not sent" in page
    assert "Connection refused by smtp.council.example" in page

    response = manager_client.post(f"/messages/{message.pk}/retry/")
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.state, message.attempts) == (State.SENT, 1)
    retry = AuditEvent.objects.get(complaint=complaint, action="message.retry")
    assert retry.actor_id == manager.pk
    page = manager_client.get("/messages/failed/").content.decode()
    assert "Every message has been sent." in page


def test_a_message_not_failed_is_not_retried(staff, manager, manager_client):
    message = _send(staff)
    message.refresh_from_db()
    with pytest.raises(services.MessageError, match="has not failed: it is sent"):
        services.message_retry(message=message, by=manager)


def test_only_a_complaints_manager_sees_the_failed_messages(officer_client):
    assert officer_client.get("/messages/failed/").status_code == 403


def test_an_unknown_channel_setting_fails_the_message_with_the_reason(staff, settings):
    settings.REDRESS_NOTIFICATIONS_CHANNEL = "pigeon"
    message = _send(staff)
    message.refresh_from_db()
    assert message.state == State.PERMANENT_FAILURE
    assert "it must be 'email' or 'notify'" in message.last_error


def test_email_cannot_send_a_text_message(staff):
    message = _send(staff, to="07700900123", channel="sms")
    message.refresh_from_db()
    assert message.state == State.PERMANENT_FAILURE
    assert "REDRESS_NOTIFICATIONS_CHANNEL=notify" in message.last_error
