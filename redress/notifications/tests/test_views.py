import pytest

from redress.accounts.models import Reminders
from redress.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_anyone_chooses_their_own_reminders(responding_manager, responding_manager_client):
    page = responding_manager_client.get("/messages/reminders/").content.decode()
    assert "Your reminders" in page
    assert "none is recorded for you" in page

    response = responding_manager_client.post("/messages/reminders/", {"reminders": "none"})
    assert response.status_code == 302
    responding_manager.refresh_from_db()
    assert responding_manager.reminders == Reminders.NONE
    event = AuditEvent.objects.get(action="user.set_reminders")
    assert (event.before, event.after) == ({"reminders": "email"}, {"reminders": "none"})


def test_a_choice_that_is_not_offered_is_refused(responding_manager, responding_manager_client):
    response = responding_manager_client.post("/messages/reminders/", {"reminders": "pigeon"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    responding_manager.refresh_from_db()
    assert responding_manager.reminders == Reminders.EMAIL


def test_no_choice_is_refused_with_the_reason(responding_manager_client):
    response = responding_manager_client.post("/messages/reminders/", {})
    assert "Choose email or no reminders." in response.content.decode()


def test_retry_takes_only_post(manager_client):
    assert manager_client.get("/messages/1/retry/").status_code == 405


def test_the_managers_my_work_counts_the_messages_not_sent(manager_client, officer_client):
    from redress.notifications.models import Kind, Message, State

    Message.objects.create(
        kind=Kind.OTHER, subject="S", body="B", to="x@council.example", state=State.FAILED
    )
    assert "1 message not sent" in manager_client.get("/").content.decode()
    assert "not sent" not in officer_client.get("/").content.decode()
