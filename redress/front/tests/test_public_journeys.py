"""The public complaint forms as a person fills them in, through Django's test client: one
question a page, check your answers, the confirmation with the reference, the acknowledgement;
errors that keep what was typed; the honeypot and the rate limit."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from redress.front import answers as contract
from redress.front.models import Submission
from redress.notifications.models import Message
from redress.organisations.tests.factories import ServiceAreaFactory

pytestmark = pytest.mark.django_db

COMPLAINT_PAGES: list[tuple[str, dict[str, Any]]] = [
    ("service", {"service_area": "SERVICE", "about": "The Riverside team"}),
    ("what-happened", {"what_happened": "Nobody came to the review meeting."}),
    ("put-right", {"put_right": "A new date for the meeting."}),
    ("for-a-child", {"on_behalf": "yes"}),
    ("who-you-are", {"complainant_type": "parent"}),
    (
        "the-child",
        {
            "child_name": "Theo Example",
            "child_dob-day": "17",
            "child_dob-month": "5",
            "child_dob-year": "2014",
            "child_age_band": "",
            "child_views": "He wants to know who his worker is.",
        },
    ),
    (
        "contact",
        {
            "name": "Marcia Example",
            "email": "marcia@example.org",
            "phone": "",
            "address": "",
            "contact_method": "email",
        },
    ),
    (
        "support",
        {"advocate": contract.ADVOCATE_WANTED, "interpreter": "Polish", "support": ""},
    ),
]

CHILD_PAGES: list[tuple[str, dict[str, Any]]] = [
    ("about", {"about": "My foster home"}),
    ("what-happened", {"what_happened": "I was moved and nobody asked me."}),
    ("better", {"put_right": "Someone to listen to me."}),
    ("you", {"child_name": "Kayla Example", "child_age_band": "10-15"}),
    ("contact", {"contact_method": "text", "phone": "07700 900456", "email": ""}),
    ("advocate", {"advocate": contract.ADVOCATE_WANTED, "advocate_name": ""}),
]


COMPLIMENT_PAGES: list[tuple[str, dict[str, Any]]] = [
    ("who", {"service_area": "SERVICE", "staff_member": "Asha"}),
    ("what", {"what": "Asha visited every week and always called back."}),
    ("sharing", {"consent_to_share": "yes"}),
    ("you", {"source": "foster_carer", "name": "Graham Example", "email": ""}),
]

FEEDBACK_PAGES: list[tuple[str, dict[str, Any]]] = [
    ("about", {"about": "Meetings about me"}),
    ("what", {"what": "My meetings are in class time."}),
    ("better", {"better": "Have them after school."}),
    ("questions", {"taken_seriously": "partly", "advocacy_aware": "no", "advocate": "yes"}),
]


@pytest.fixture
def service(settings):
    settings.REDRESS_TODAY = datetime.date(2026, 12, 4)
    return ServiceAreaFactory(name="Children in need")


def fill(client: Client, journey: str, pages, service=None) -> None:
    for slug, data in pages:
        data = {k: (str(service.pk) if v == "SERVICE" else v) for k, v in data.items()}
        response = client.post(reverse(f"front:{journey}_question", args=[slug]), data)
        assert response.status_code == 302, (slug, response.content.decode()[:3000])


def test_a_parent_makes_a_complaint_for_a_child(service):
    client = Client()
    start = client.get(reverse("front:complaint_start"))
    assert "Start now" in start.content.decode()
    fill(client, "complaint", COMPLAINT_PAGES, service)

    check = client.get(reverse("front:complaint_check"))
    html = check.content.decode()
    assert check.status_code == 200
    for shown in ("Children in need", "Theo Example", "17 May 2014", "Parent", "Polish"):
        assert shown in html
    assert "Sign out" not in html
    assert "/complaints/" not in html

    sent = client.post(reverse("front:complaint_check"), {"website": ""})
    assert sent.url == reverse("front:complaint_done")
    done = client.get(sent.url).content.decode()
    submission = Submission.objects.get()
    assert submission.reference in done
    assert re.fullmatch(r"[A-Z]+-2026-W0001", submission.reference)
    assert (submission.kind, submission.status) == ("complaint", "waiting")
    assert (submission.name, submission.email) == ("Marcia Example", "marcia@example.org")
    answers = submission.answers
    assert answers["service_area"] == service.pk
    assert answers["on_behalf"] is True
    assert answers["child_dob"] == "2014-05-17"
    assert answers["advocate"] == contract.ADVOCATE_WANTED
    assert "name" not in answers
    assert "email" not in answers
    message = Message.objects.get()
    assert message.to == "marcia@example.org"
    assert submission.reference in message.body
    assert "Nobody came" not in message.body  # nothing of what was sent
    # The journey is forgotten: the check page starts again.
    assert client.get(reverse("front:complaint_check")).status_code == 302


def test_a_page_with_errors_keeps_what_was_typed_and_says_what_is_wrong(service):
    client = Client()
    url = reverse("front:complaint_question", args=["contact"])
    page = client.post(url, {"name": "Marcia Example", "contact_method": "email", "email": ""})
    html = page.content.decode()
    assert page.status_code == 200
    assert "There is a problem" in html
    assert "Enter your email address, so we can email you" in html
    assert 'value="Marcia Example"' in html
    assert Submission.objects.count() == 0


def test_not_for_a_child_skips_the_child_pages_and_change_returns_to_check(service):
    client = Client()
    pages = [p for p in COMPLAINT_PAGES if p[0] not in ("who-you-are", "the-child")]
    pages[3] = ("for-a-child", {"on_behalf": "no"})
    fill(client, "complaint", pages, service)
    html = client.get(reverse("front:complaint_check")).content.decode()
    assert "Theo Example" not in html
    change = reverse("front:complaint_question", args=["put-right"]) + "?check"
    assert change in html
    back = client.post(change, {"put_right": "An apology."})
    assert back.url == reverse("front:complaint_check")
    client.post(reverse("front:complaint_check"), {"website": ""})
    answers = Submission.objects.get().answers
    assert answers["on_behalf"] is False
    assert answers["put_right"] == "An apology."
    assert "child_name" not in answers


def test_a_filled_honeypot_is_thanked_and_nothing_kept(service):
    client = Client()
    fill(client, "complaint", COMPLAINT_PAGES, service)
    sent = client.post(reverse("front:complaint_check"), {"website": "http://spam.example"})
    assert sent.status_code == 302
    assert "Sent" in client.get(sent.url).content.decode()
    assert Submission.objects.count() == 0
    assert Message.objects.count() == 0


def test_the_rate_limit_holds_and_keeps_the_answers(service, settings):
    settings.REDRESS_PUBLIC_PER_HOUR = 2
    client = Client()
    for _ in range(2):
        fill(client, "complaint", COMPLAINT_PAGES, service)
        assert client.post(reverse("front:complaint_check"), {}).status_code == 302
    fill(client, "complaint", COMPLAINT_PAGES, service)
    refused = client.post(reverse("front:complaint_check"), {})
    assert refused.status_code == 429
    assert "wait an hour" in refused.content.decode()
    assert Submission.objects.count() == 2
    # What they typed is still there to send later.
    assert "Theo Example" in client.get(reverse("front:complaint_check")).content.decode()
    # Another address is not held back by this one's.
    other = Client(REMOTE_ADDR="192.0.2.7")
    fill(other, "complaint", COMPLAINT_PAGES, service)
    assert other.post(reverse("front:complaint_check"), {}).status_code == 302


def test_a_child_complains_in_plain_words_and_asks_for_an_advocate(service):
    client = Client()
    fill(client, "child", CHILD_PAGES)
    client.post(reverse("front:child_check"), {})
    submission = Submission.objects.get()
    assert submission.kind == "child_complaint"
    assert (submission.name, submission.phone) == ("Kayla Example", "07700 900456")
    answers = submission.answers
    assert answers["complainant_type"] == "child_young_person"
    assert answers["on_behalf"] is False
    assert answers["advocate"] == contract.ADVOCATE_WANTED
    assert answers["child_age_band"] == "10-15"
    assert answers["service_area"] is None
    assert Message.objects.count() == 0  # no email address: the team gets in touch as asked


def test_the_check_page_sends_back_to_the_first_unanswered_page(service):
    client = Client()
    fill(client, "complaint", COMPLAINT_PAGES[:2], service)
    response = client.get(reverse("front:complaint_check"))
    assert response.url == reverse("front:complaint_question", args=["put-right"])


def test_a_compliment_with_consent_to_name_the_worker(service):
    client = Client()
    fill(client, "compliment", COMPLIMENT_PAGES, service)
    client.post(reverse("front:compliment_check"), {})
    submission = Submission.objects.get()
    assert submission.kind == "compliment"
    assert submission.name == "Graham Example"
    assert submission.answers == {
        "service_area": service.pk,
        "staff_member": "Asha",
        "what": "Asha visited every week and always called back.",
        "consent_to_share": True,
        "source": "foster_carer",
    }


def test_a_child_tells_us_something_with_the_closing_the_loop_questions(service):
    client = Client()
    fill(client, "feedback", FEEDBACK_PAGES)
    html = client.get(reverse("front:feedback_check")).content.decode()
    assert "Do you feel we listen to you?" in html
    assert "A bit" in html
    client.post(reverse("front:feedback_check"), {})
    submission = Submission.objects.get()
    assert submission.kind == "feedback"
    assert submission.name == ""
    assert submission.answers["loop"] == {"taken_seriously": "partly", "advocacy_aware": "no"}
    assert submission.answers["advocate"] is True
    assert "taken_seriously" not in submission.answers


def test_files_sent_with_a_complaint_are_checked_as_documents_are(service, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from redress.documents import samples
    from redress.front.models import SubmissionFile

    client = Client()
    fill(client, "complaint", COMPLAINT_PAGES, service)
    # A program dressed as a PDF: refused, naming the file; nothing kept; the answers wait.
    fake = SimpleUploadedFile("letter.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    refused = client.post(reverse("front:complaint_check"), {"files": [fake]})
    assert refused.status_code == 400
    assert "letter.pdf" in refused.content.decode()
    assert Submission.objects.count() == 0
    assert SubmissionFile.objects.count() == 0
    letter = SimpleUploadedFile("letter.pdf", samples.pdf(["Our letter"]))
    sent = client.post(reverse("front:complaint_check"), {"files": [letter]})
    assert sent.status_code == 302
    kept = SubmissionFile.objects.get()
    assert (kept.name, kept.content_type) == ("letter.pdf", "application/pdf")
    assert kept.submission == Submission.objects.get()
