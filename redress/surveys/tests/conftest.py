import datetime
import re

import pytest

from redress.complaints.services import stage_respond
from redress.complaints.tests.factories import ComplaintFactory
from redress.notifications.models import Message
from redress.people.tests.factories import PersonFactory

LINK = re.compile(r"https://redress\.example/survey/([A-Za-z0-9_-]+)/")
RESPONDED = datetime.date(2021, 6, 18)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Messages are sent as they are queued, to the test outbox; links point at a known site."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.REDRESS_NOTIFICATIONS_CHANNEL = "email"
    settings.REDRESS_SITE_URL = "https://redress.example"
    settings.REDRESS_SURVEY_LINK_DAYS = 28


def token_of(message: Message) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


def latest_token(complaint) -> str:
    return token_of(Message.objects.filter(complaint=complaint).order_by("-pk").first())


def closed_complaint(*, reference: str = "CSC-2021-00001", by=None, **person):
    """A complaint whose stage 1 has just been answered through the service (so the survey was
    offered, if the complainant can be reached)."""
    person.setdefault("email", "jo@example.org")
    complaint = ComplaintFactory(reference=reference, complainant=PersonFactory(**person))
    stage_respond(stage=complaint.stages.get(), responded_on=RESPONDED, outcome="upheld", by=by)
    complaint.refresh_from_db()
    return complaint
