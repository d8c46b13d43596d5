"""Follow my complaint: a single-use link that expires, for the one complaint it was sent for,
asked for with the reference and email address, answering the same whatever was typed; and
asking for the next stage, in time (opened) or late (to triage)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from redress.complaints.state import refresh_complaints
from redress.complaints.tests.factories import ComplaintFactory
from redress.core.models import AuditEvent
from redress.front.models import FollowLink, Submission
from redress.notifications.models import Message
from redress.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat
LINK = re.compile(r"/public/follow/([A-Za-z0-9_-]{20,})/")


@pytest.fixture
def today(settings):
    settings.REDRESS_TODAY = D("2026-12-04")
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.REDRESS_NOTIFICATIONS_CHANNEL = "email"
    return settings.REDRESS_TODAY


def answered(reference: str, email: str, responded: str = "2026-11-27"):
    person = PersonFactory(name="Marcia Example", email=email)
    complaint = ComplaintFactory(
        reference=reference, received_date=D("2026-10-01"), complainant=person
    )
    complaint.stages.update(responded_date=D(responded), outcome="not_upheld")
    refresh_complaints([complaint.pk])
    return complaint


def ask(client: Client, reference: str, email: str):
    return client.post(reverse("front:follow_start"), {"reference": reference, "email": email})


def link_in_latest_message() -> str:
    found = LINK.search(Message.objects.latest("pk").body)
    assert found
    return reverse("front:follow_link", args=[found.group(1)])


def test_asking_for_a_link_answers_the_same_whatever_was_typed(today):
    answered("KCT-2026-0042", "marcia@example.org")
    pages = []
    for reference, email in (
        ("KCT-2026-9999", "marcia@example.org"),  # no such reference
        ("KCT-2026-0042", "someone@example.org"),  # the right reference, a wrong address
        (" kct-2026-0042 ", "Marcia@Example.org"),  # the right pair, as a person types it
    ):
        client = Client()
        response = ask(client, reference, email)
        assert response.status_code == 302
        page = client.get(response.url)
        pages.append((page.status_code, page.content.decode()))
    assert pages[0] == pages[1] == pages[2]
    assert Message.objects.count() == 1  # only the right pair sends, to the address we hold
    assert Message.objects.get().to == "marcia@example.org"


def test_a_link_works_once_and_shows_only_its_complaint(today):
    mine = answered("KCT-2026-0042", "marcia@example.org")
    answered("KCT-2026-0043", "other@example.org")
    ask(Client(), "KCT-2026-0042", "marcia@example.org")
    url = link_in_latest_message()
    client = Client()
    opened = client.get(url)
    assert opened.url == reverse("front:follow_complaint")
    page = client.get(opened.url).content.decode()
    assert mine.reference in page
    assert "KCT-2026-0043" not in page
    assert "Ask for stage 2" in page
    again = Client().get(url)
    assert again.status_code == 404
    assert "This link is not valid" in again.content.decode()
    assert FollowLink.objects.get().token_hash is None
    assert AuditEvent.objects.filter(action="follow.sign_in").count() == 1
    # Without the link, the complaint page asks for one.
    assert Client().get(reverse("front:follow_complaint")).url == reverse("front:follow_start")


def test_a_link_expires(today, settings):
    answered("KCT-2026-0042", "marcia@example.org")
    ask(Client(), "KCT-2026-0042", "marcia@example.org")
    url = link_in_latest_message()
    settings.REDRESS_TODAY = D("2026-12-05")  # the next day: long past its hour
    assert Client().get(url).status_code == 404


def test_an_unknown_link_gets_the_same_answer_as_a_used_one(today):
    unknown = Client().get(reverse("front:follow_link", args=["x" * 43]))
    assert unknown.status_code == 404
    assert "This link is not valid" in unknown.content.decode()


def test_the_rate_limit_holds_for_links(today, settings):
    settings.REDRESS_PUBLIC_PER_HOUR = 2
    client = Client()
    for _ in range(2):
        assert ask(client, "KCT-2026-0001", "a@example.org").status_code == 302
    refused = ask(client, "KCT-2026-0001", "a@example.org")
    assert refused.status_code == 429
    assert "wait an hour" in refused.content.decode()


def signed_in(complaint) -> Client:
    ask(Client(), complaint.reference, complaint.complainant.email)
    client = Client()
    client.get(link_in_latest_message())
    return client


def test_asking_for_the_next_stage_in_time_opens_it(today):
    complaint = answered("KCT-2026-0042", "marcia@example.org")
    client = signed_in(complaint)
    url = reverse("front:follow_next_stage")
    assert "Enter why you are not satisfied" in client.post(url, {"reason": ""}).content.decode()
    done = client.post(url, {"reason": "You did not answer my main point."})
    assert "Stage 2 has started" in done.content.decode()
    stage = complaint.stages.get(number=2)
    assert stage.received_date == D("2026-12-04")
    assert AuditEvent.objects.filter(action="complaint.escalate").exists()
    kept = Submission.objects.get()
    assert (kept.kind, kept.status) == ("next_stage", "next_stage")
    assert kept.answers["reason"] == "You did not answer my main point."


def test_a_late_request_goes_to_triage_with_its_reason(today):
    complaint = answered("KCT-2026-0042", "marcia@example.org", responded="2026-06-01")
    client = signed_in(complaint)
    url = reverse("front:follow_next_stage")
    page = client.get(url).content.decode()
    assert "The time to ask ended on" in page
    refused = client.post(url, {"reason": "Not answered.", "late_reason": ""})
    assert "Enter why you are asking after the time allowed" in refused.content.decode()
    done = client.post(url, {"reason": "Not answered.", "late_reason": "I was in hospital."})
    assert "the complaints team will decide" in done.content.decode()
    assert complaint.stages.count() == 1
    waiting = Submission.objects.get()
    assert (waiting.status, waiting.complaint) == ("waiting", complaint)
    assert waiting.answers["late_reason"] == "I was in hospital."


def test_letters_sent_are_listed_and_another_complaints_letter_is_not_found(today):
    from redress.letters.models import LetterTemplate
    from redress.letters.services import letter_mark_posted, letter_produce

    mine = answered("KCT-2026-0042", "marcia@example.org")
    theirs = answered("KCT-2026-0043", "other@example.org")
    letters = {}
    for complaint in (mine, theirs):
        letter = letter_produce(
            complaint=complaint,
            stage=complaint.stages.get(),
            template=LetterTemplate.objects.get(code="response"),
            recipient_role="complainant",
            subject=f"Our response {complaint.reference}",
            body="Dear complainant,\n\nOur response.",
            by=None,
        )
        letters[complaint.pk] = letter_mark_posted(letter=letter, posted_on=today, by=None)
    client = signed_in(mine)
    page = client.get(reverse("front:follow_complaint")).content.decode()
    assert "Our response KCT-2026-0042" in page
    assert "KCT-2026-0043" not in page
    own = client.get(reverse("front:follow_letter", args=[letters[mine.pk].pk]))
    assert own.status_code == 200
    assert own["Content-Disposition"].startswith("attachment")
    other = client.get(reverse("front:follow_letter", args=[letters[theirs.pk].pk]))
    assert other.status_code == 404


def test_stopping_forgets_the_complaint(today):
    complaint = answered("KCT-2026-0042", "marcia@example.org")
    client = signed_in(complaint)
    assert client.get(reverse("front:follow_complaint")).status_code == 200
    assert client.post(reverse("front:follow_stop")).url == reverse("front:start")
    assert client.get(reverse("front:follow_complaint")).url == reverse("front:follow_start")
