"""GOV.UK Notify, with its client mocked: no network."""

from unittest import mock

import pytest
import requests
from django.core.exceptions import ImproperlyConfigured
from notifications_python_client.errors import HTTPError

from redress.notifications import services
from redress.notifications.channels import (
    NotifyChannel,
    PermanentSendError,
    SendError,
    configured_channel,
)
from redress.notifications.models import Channel, Kind, Message, State

pytestmark = pytest.mark.django_db

TEMPLATES = {"email": "tmpl-email", "sms": "tmpl-sms", "letter": "tmpl-letter"}


@pytest.fixture
def client(settings):
    settings.REDRESS_NOTIFY_TEMPLATES = TEMPLATES
    fake = mock.Mock()
    fake.send_email_notification.return_value = {"id": "notify-1"}
    fake.send_sms_notification.return_value = {"id": "notify-2"}
    fake.send_letter_notification.return_value = {"id": "notify-3"}
    return fake


def _message(channel=Channel.EMAIL, to="rita@council.example"):
    return Message.objects.create(
        kind=Kind.OTHER, subject="Subject", body="Body", to=to, channel=channel
    )


def _http_error(status: int) -> HTTPError:
    response = requests.Response()
    response.status_code = status
    response._content = b'{"errors": [{"message": "email_address Not a valid email address"}]}'
    return HTTPError(response)


def test_email_goes_through_the_email_template(client):
    message = _message()
    assert NotifyChannel(client).send(message) == "notify-1"
    client.send_email_notification.assert_called_once_with(
        email_address="rita@council.example",
        template_id="tmpl-email",
        personalisation={"subject": "Subject", "body": "Body"},
        reference=f"redress-message-{message.pk}",
    )


def test_a_text_message_and_a_letter(client):
    assert NotifyChannel(client).send(_message(Channel.SMS, "07700900123")) == "notify-2"
    assert client.send_sms_notification.call_args.kwargs["phone_number"] == "07700900123"
    letter = _message(Channel.LETTER, "Ms A Person\n1 High Street\nKingsmoor\nKM1 1AA")
    assert NotifyChannel(client).send(letter) == "notify-3"
    personalisation = client.send_letter_notification.call_args.kwargs["personalisation"]
    assert personalisation == {
        "address_line_1": "Ms A Person",
        "address_line_2": "1 High Street",
        "address_line_3": "Kingsmoor",
        "address_line_4": "KM1 1AA",
        "subject": "Subject",
        "body": "Body",
    }


def test_a_refused_address_is_a_permanent_failure(client):
    client.send_email_notification.side_effect = _http_error(400)
    with pytest.raises(PermanentSendError, match=r"GOV\.UK Notify answered 400"):
        NotifyChannel(client).send(_message())


def test_a_server_error_is_worth_retrying(client):
    client.send_email_notification.side_effect = _http_error(503)
    with pytest.raises(SendError) as raised:
        NotifyChannel(client).send(_message())
    assert not isinstance(raised.value, PermanentSendError)


def test_a_channel_without_a_template_is_named(client, settings):
    settings.REDRESS_NOTIFY_TEMPLATES = {"email": "tmpl-email", "sms": "", "letter": ""}
    with pytest.raises(PermanentSendError, match="REDRESS_NOTIFY_SMS_TEMPLATE_ID"):
        NotifyChannel(client).send(_message(Channel.SMS, "07700900123"))


def test_notify_needs_its_key(settings, monkeypatch):
    settings.REDRESS_NOTIFICATIONS_CHANNEL = "notify"
    monkeypatch.delenv("REDRESS_NOTIFY_API_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="REDRESS_NOTIFY_API_KEY is not set"):
        configured_channel()


def test_a_message_sent_through_notify_and_its_delivery(client, settings, monkeypatch):
    settings.REDRESS_NOTIFICATIONS_CHANNEL = "notify"
    monkeypatch.setattr("redress.notifications.channels.NotifyChannel.__init__", _with(client))
    message = services.message_send(
        kind=Kind.OTHER, subject="Subject", body="Body", to="rita@council.example"
    )
    message.refresh_from_db()
    assert (message.state, message.provider_id) == (State.SENT, "notify-1")

    client.get_notification_by_id.return_value = {"status": "sending"}
    assert services.messages_check_delivery() == 0
    client.get_notification_by_id.side_effect = _http_error(503)
    assert services.messages_check_delivery() == 0  # asked again next time
    client.get_notification_by_id.side_effect = None
    client.get_notification_by_id.return_value = {"status": "delivered"}
    assert services.messages_check_delivery() == 1
    client.get_notification_by_id.assert_called_with("notify-1")
    message.refresh_from_db()
    assert message.state == State.DELIVERED
    assert message.delivered_at is not None


def _with(client):
    def init(self, _client=None):
        self.client = client

    return init
