import pytest

from redress.accounts.models import Role, User
from redress.notifications.channels import SendError


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Tasks run as they are queued, as in the suite's settings (`make test`)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.REDRESS_NOTIFICATIONS_CHANNEL = "email"
    settings.REDRESS_SITE_URL = "https://redress.example"


@pytest.fixture
def staff(db):
    return User.objects.create_user(
        username="rita",
        email="rita@council.example",
        first_name="Rita",
        last_name="Responder",
        role=Role.RESPONDING_MANAGER,
    )


@pytest.fixture
def boss(db):
    return User.objects.create_user(
        username="morgan",
        email="morgan@council.example",
        first_name="Morgan",
        last_name="Manager",
        role=Role.COMPLAINTS_MANAGER,
    )


class FlakyChannel:
    """Fails the first `failures` sends, then sends."""

    def __init__(self, failures: int, error: type[SendError] = SendError) -> None:
        self.failures = failures
        self.error = error
        self.sent: list[int] = []

    def send(self, message):
        if self.failures > 0:
            self.failures -= 1
            raise self.error("Connection refused by smtp.council.example")
        self.sent.append(message.pk)
        return f"provider-{message.pk}"


@pytest.fixture
def flaky(monkeypatch):
    def make(failures: int, error: type[SendError] = SendError) -> FlakyChannel:
        channel = FlakyChannel(failures, error)
        monkeypatch.setattr("redress.notifications.services._channel", lambda: channel)
        return channel

    return make
