"""The letters pages as each role sees them: templates edited with a preview by the complaints
manager, letters written, produced, emailed and posted by the complaints team, and a complaint
someone may not see answering 404."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from redress.core.models import AuditEvent
from redress.letters.models import Letter, LetterTemplate

from .helpers import answered_complaint, letterhead

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2022, 1, 10)


@pytest.fixture(autouse=True)
def _today(settings):
    settings.REDRESS_TODAY = TODAY
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.REDRESS_NOTIFICATIONS_CHANNEL = "email"


def test_the_manager_previews_then_saves_a_template(manager_client):
    url = reverse("letter_templates:edit", args=["extension"])
    page = manager_client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "{{ next_stage_request_by }}" in text  # the merge fields are documented
    assert "Dear Ms Jordan Smith," in text  # the preview, with example values
    template = LetterTemplate.objects.get(code="extension")
    body = template.body.replace("I am sorry", "We apologise")
    preview = manager_client.post(
        url, {"subject": template.subject, "body": body, "action": "preview"}
    )
    assert "We apologise, but we need more time" in preview.content.decode()
    assert LetterTemplate.objects.get(code="extension").version == 1
    saved = manager_client.post(
        url, {"subject": template.subject, "body": body, "note": "Softer", "action": "save"}
    )
    assert saved.status_code == 302
    assert LetterTemplate.objects.get(code="extension").version == 2
    history = manager_client.get(reverse("letter_templates:history", args=["extension"]))
    assert "Version 2 (current)" in history.content.decode()
    assert "Softer" in history.content.decode()


def test_an_unknown_field_is_shown_at_the_text_with_its_name(manager_client):
    template = LetterTemplate.objects.get(code="extension")
    page = manager_client.post(
        reverse("letter_templates:edit", args=["extension"]),
        {"subject": template.subject, "body": "Dear {{ recipient }},", "action": "save"},
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "The text, line 1: &#39;recipient&#39; is not a merge field. Did you mean" in text
    assert 'href="#body"' in text
    assert LetterTemplate.objects.get(code="extension").version == 1


def test_an_officer_reads_templates_but_cannot_change_them(officer_client):
    assert officer_client.get(reverse("letter_templates:list")).status_code == 200
    url = reverse("letter_templates:edit", args=["extension"])
    assert officer_client.get(url).status_code == 200
    assert officer_client.post(url, {"subject": "x", "body": "y"}).status_code == 403


def test_an_officer_writes_produces_emails_and_posts_a_letter(officer_client):
    letterhead()
    complaint = answered_complaint()
    choose = officer_client.get(
        reverse("letters:choose", args=[complaint.pk]),
        {"template": "response", "stage": "1", "recipient": "complainant"},
    )
    assert choose.status_code == 302
    compose_url = choose["Location"]
    page = officer_client.get(compose_url)
    text = page.content.decode()
    assert "by 19 January 2022, which is 20 working days" in text
    assert "Kingsmoor House" in text
    produced = officer_client.post(
        compose_url,
        {
            "subject": "Our response to your complaint: KCT-2021-0042",
            "body": "Dear Jordan Smith,\n\nPlease ask for stage 2 by 19 January 2022.",
            "action": "produce",
        },
    )
    letter = Letter.objects.get()
    assert produced["Location"] == reverse("letters:letter", args=[complaint.pk, letter.pk])
    assert letter.edited
    letter_page = officer_client.get(produced["Location"]).content.decode()
    assert letter.word.name in letter_page
    assert letter.pdf.name in letter_page
    assert (
        officer_client.post(reverse("letters:send", args=[complaint.pk, letter.pk])).status_code
        == 302
    )
    assert mail.outbox[-1].to == ["jordan@example.com"]
    posted = officer_client.post(
        reverse("letters:posted", args=[complaint.pk, letter.pk]),
        {"posted_on-day": "10", "posted_on-month": "1", "posted_on-year": "2022"},
    )
    assert posted.status_code == 302
    timeline = officer_client.get(reverse("complaints:timeline", args=[complaint.pk]))
    for title in ("Letter produced", "Letter emailed", "Letter marked as posted"):
        assert title in timeline.content.decode()
    tab = officer_client.get(reverse("letters:list", args=[complaint.pk])).content.decode()
    assert "Posted on 10 January 2022" in tab


def test_preview_shows_the_changed_text_without_producing(officer_client):
    complaint = answered_complaint()
    url = reverse("letters:compose", args=[complaint.pk, "ombudsman"])
    page = officer_client.post(
        url + "?stage=1&recipient=advocate",
        {
            "subject": "About the Ombudsman",
            "body": "Dear Alex,\n\nA changed line.",
            "action": "preview",
        },
    )
    text = page.content.decode()
    assert "A changed line." in text
    assert "Showing your changes" in text
    assert not Letter.objects.exists()


def test_a_letter_for_a_stage_not_reached_is_not_offered(officer_client):
    complaint = answered_complaint()
    page = officer_client.get(
        reverse("letters:choose", args=[complaint.pk]),
        {"template": "panel-invitation", "stage": "1", "recipient": "complainant"},
    )
    # Only the letters for the complaint's stages are offered (stage 3's are not, here).
    assert "Select one of the letters listed" in page.content.decode()


def test_a_complaint_someone_may_not_see_answers_404(investigator, client):
    complaint = answered_complaint()
    client.force_login(investigator)
    for name in ("letters:list", "letters:choose"):
        assert client.get(reverse(name, args=[complaint.pk])).status_code == 404
    assert (
        client.get(reverse("letters:compose", args=[complaint.pk, "response"])).status_code == 404
    )


def test_a_letter_of_another_complaint_answers_404(officer_client, officer):
    from redress.complaints.selectors import complaint_for_page
    from redress.letters import selectors, services

    first = complaint_for_page(user=officer, pk=answered_complaint().pk)
    other = answered_complaint(reference="KCT-2021-0043")
    template = LetterTemplate.objects.get(code="ombudsman")
    letter = services.letter_produce(
        complaint=first,
        stage=first.stages.get(),
        template=template,
        recipient_role="complainant",
        subject="S",
        body="B",
        by=officer,
    )
    assert selectors.letter_of(first, letter.pk) is not None
    url = reverse("letters:letter", args=[other.pk, letter.pk])
    assert officer_client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action="letter.send").exists()
