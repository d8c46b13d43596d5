"""Saving templates, producing letters as Word and PDF on the complaint's documents, emailing
them and marking them posted: each refused with its reason or recorded on the audit trail."""

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.test import override_settings

from redress.complaints.selectors import complaint_for_page
from redress.core.models import AuditEvent
from redress.documents.models import Document
from redress.letters import rules, selectors, services
from redress.letters.models import Letter, LetterTemplate, LetterTemplateVersion
from redress.notifications.models import Message, State

from .helpers import answered_complaint, letterhead

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2022, 1, 10)


@pytest.fixture(autouse=True)
def _today(settings):
    settings.REDRESS_TODAY = TODAY
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.REDRESS_NOTIFICATIONS_CHANNEL = "email"


def _template(code: str) -> LetterTemplate:
    return LetterTemplate.objects.get(code=code)


def _page_complaint(complaint, user):
    return complaint_for_page(user=user, pk=complaint.pk)


def test_the_shipped_templates_are_there_each_at_version_1():
    assert LetterTemplate.objects.count() == 14
    assert LetterTemplateVersion.objects.filter(version=1).count() == 14
    assert set(LetterTemplate.objects.filter(audience="child").values_list("kind", flat=True)) == {
        "acknowledgement",
        "extension",
        "response",
        "panel_invitation",
        "ombudsman",
    }


def test_saving_a_template_keeps_a_version_and_audits_it(manager):
    template = _template("extension")
    services.letter_template_save(
        template=template,
        subject=template.subject,
        body=template.body + "\n\nP.S. {{ reference }}",
        note="Added a postscript",
        by=manager,
    )
    template.refresh_from_db()
    assert template.version == 2
    assert template.versions.get(version=2).note == "Added a postscript"
    event = AuditEvent.objects.get(action="letter_template.save")
    assert event.actor_id == manager.pk
    assert event.after["version"] == 2
    assert event.before["version"] == 1


def test_an_unknown_field_is_refused_naming_it_and_its_line(manager):
    template = _template("extension")
    with pytest.raises(rules.TemplateUnknownField) as refused:
        services.letter_template_save(
            template=template,
            subject=template.subject,
            body="Dear {{ recipient_name }},\n\nYour complaint {{ complaint_reference }}.",
            by=manager,
        )
    assert refused.value.message == (
        "The text, line 3: 'complaint_reference' is not a merge field. Use one of the merge "
        "fields listed on this page."
    )
    assert refused.value.field == "body"
    assert _template("extension").version == 1


def test_a_syntax_error_and_an_escape_are_refused_with_the_line(manager):
    template = _template("extension")
    with pytest.raises(rules.TemplateNotAllowed) as refused:
        services.letter_template_save(
            template=template, subject="{{ reference", body=template.body, by=manager
        )
    assert refused.value.message.startswith("The subject, line 1: the template cannot be read")
    with pytest.raises(rules.TemplateNotAllowed) as refused:
        services.letter_template_save(
            template=template,
            subject=template.subject,
            body="Dear {{ recipient_name }},\n{{ ''.__class__.__mro__ }}",
            by=manager,
        )
    assert "line 2" in refused.value.message
    assert "reaches inside" in refused.value.message
    assert not AuditEvent.objects.filter(action="letter_template.save").exists()


def test_the_response_letter_gives_the_day_to_ask_for_stage_2_to_the_working_day(officer):
    """Answered on Friday 17 December 2021; 20 working days, skipping the weekends and the
    bank holidays of 27 and 28 December 2021 and 3 January 2022: Wednesday 19 January 2022."""
    letterhead()
    complaint = _page_complaint(answered_complaint(), officer)
    stage = complaint.stages.get()
    draft = selectors.letter_draft(
        complaint=complaint,
        stage=stage,
        template=_template("response"),
        recipient=selectors.recipient(complaint, "complainant"),
        officer=officer,
    )
    assert draft.values["next_stage_request_by"] == "19 January 2022"
    assert (
        "please contact the complaints team by 19 January 2022, which is 20 working days "
        "from the date of our response" in draft.body
    )
    assert "Your complaint has been partially upheld." in draft.body
    assert draft.body.startswith("Dear Jordan Smith,")
    assert draft.empty == []


def test_the_extension_notice_gives_the_new_date_and_reason(officer):
    complaint = _page_complaint(answered_complaint(), officer)
    draft = selectors.letter_draft(
        complaint=complaint,
        stage=complaint.stages.get(),
        template=_template("extension"),
        recipient=selectors.recipient(complaint, "complainant"),
        officer=officer,
    )
    # 10 working days after Monday 6 December 2021: 20 December; 20 (past the three bank
    # holidays): 6 January 2022.
    assert "receive our response by 20 December 2021" in draft.body
    assert "You will now receive our response by 6 January 2022" in draft.body
    assert "This is because we need to speak to staff who are away." in draft.body


def test_letters_go_to_the_complainant_the_child_or_the_advocate(officer):
    complaint = _page_complaint(answered_complaint(), officer)
    assert [r.role for r in selectors.recipients(complaint)] == [
        "complainant",
        "child",
        "advocate",
    ]
    assert selectors.recipient(complaint, "child").name == "Sam Smith"


def _produce(complaint, officer, code="response", **changes):
    stage = complaint.stages.get()
    template = _template(code)
    recipient = selectors.recipient(complaint, "complainant")
    draft = selectors.letter_draft(
        complaint=complaint, stage=stage, template=template, recipient=recipient, officer=officer
    )
    return services.letter_produce(
        complaint=complaint,
        stage=stage,
        template=template,
        recipient_role="complainant",
        subject=changes.get("subject", draft.subject),
        body=changes.get("body", draft.body),
        by=officer,
    )


def test_a_produced_letter_is_saved_as_word_and_pdf_documents_and_audited(officer):
    letterhead()
    complaint = _page_complaint(answered_complaint(), officer)
    letter = _produce(complaint, officer)
    assert letter.edited is False
    word, pdf = letter.word, letter.pdf
    assert word.kind == pdf.kind == "response_letter"
    assert word.content_type.endswith("wordprocessingml.document")
    assert pdf.content_type == "application/pdf"
    assert word.name == "KCT-2021-0042 response 2022-01-10.docx"
    assert Document.objects.filter(complaint=complaint).count() == 2
    with services_storage_open(word) as handle:
        xml = zipfile.ZipFile(io.BytesIO(handle.read())).read("word/document.xml").decode()
    assert "Kingsmoor Children&apos;s Trust" in xml or "Kingsmoor Children's Trust" in xml
    assert "Kingsmoor House" in xml
    assert "19 January 2022" in xml
    assert "10 January 2022" in xml
    with services_storage_open(pdf) as handle:
        assert handle.read(5) == b"%PDF-"
    actions = list(
        AuditEvent.objects.filter(complaint_id=complaint.pk).values_list("action", flat=True)
    )
    assert actions.count("document.upload") == 2
    assert "letter.produce" in actions


def services_storage_open(document):
    from redress.documents.services import storage

    return storage().open(document.stored_name, "rb")


def test_an_edited_letter_is_marked_edited_and_keeps_its_text(officer):
    complaint = _page_complaint(answered_complaint(), officer)
    letter = _produce(
        complaint, officer, code="ombudsman", body="Dear Jordan,\n\n{{ not a field }}"
    )
    assert letter.edited is True
    assert letter.body == "Dear Jordan,\n\n{{ not a field }}"  # plain text: never rendered


def test_a_template_for_another_stage_is_refused(officer):
    complaint = _page_complaint(answered_complaint(), officer)
    with pytest.raises(rules.LetterTemplateWrongStage):
        _produce(complaint, officer, code="panel-invitation")


def test_sending_emails_the_letter_with_the_pdf_attached_and_audits_it(officer):
    complaint = _page_complaint(answered_complaint(), officer)
    letter = _produce(complaint, officer)
    services.letter_send(letter=letter, by=officer)
    letter.refresh_from_db()
    assert letter.message.state == State.SENT
    assert letter.message.attachment == letter.pdf
    sent = mail.outbox[-1]
    assert sent.to == ["jordan@example.com"]
    assert sent.subject == "Our response to your complaint: KCT-2021-0042"
    assert "19 January 2022" in sent.body
    ((name, content, mimetype),) = sent.attachments
    assert name == letter.pdf.name
    assert mimetype == "application/pdf"
    assert content.startswith(b"%PDF-")
    actions = set(
        AuditEvent.objects.filter(complaint_id=complaint.pk).values_list("action", flat=True)
    )
    assert {"letter.send", "message.send"} <= actions
    with pytest.raises(rules.LetterAlreadySent):
        services.letter_send(letter=letter, by=officer)


def test_a_letter_whose_email_failed_can_be_sent_again(officer):
    complaint = _page_complaint(answered_complaint(), officer)
    letter = _produce(complaint, officer)
    letter = services.letter_send(letter=letter, by=officer)
    Message.objects.filter(pk=letter.message_id).update(state=State.FAILED)
    services.letter_send(letter=Letter.objects.get(pk=letter.pk), by=officer)
    assert Message.objects.filter(kind="letter").count() == 2


def test_a_recipient_without_an_email_address_is_refused(officer):
    complaint = answered_complaint()
    complaint.complainant.email = ""
    complaint.complainant.save()
    letter = _produce(_page_complaint(complaint, officer), officer)
    with pytest.raises(rules.LetterNoEmailAddress) as refused:
        services.letter_send(letter=letter, by=officer)
    assert "We have no email address for Jordan Smith" in refused.value.message


def test_marking_posted_is_checked_and_audited(officer):
    complaint = _page_complaint(answered_complaint(), officer)
    letter = _produce(complaint, officer)
    with pytest.raises(rules.LetterPostedInFuture):
        services.letter_mark_posted(letter=letter, posted_on=TODAY.replace(day=11), by=officer)
    with pytest.raises(rules.LetterPostedBeforeProduced):
        services.letter_mark_posted(letter=letter, posted_on=TODAY.replace(day=7), by=officer)
    services.letter_mark_posted(letter=letter, posted_on=TODAY, by=officer)
    letter.refresh_from_db()
    assert letter.posted_on == TODAY
    assert letter.posted_by == officer
    event = AuditEvent.objects.get(action="letter.post")
    assert event.complaint_id == complaint.pk
    assert event.after["posted_on"] == "2022-01-10"
    with pytest.raises(rules.LetterAlreadyPosted):
        services.letter_mark_posted(letter=letter, posted_on=TODAY, by=officer)


@override_settings(REDRESS_NOTIFICATIONS_CHANNEL="email")
def test_seeding_adds_only_what_is_missing():
    LetterTemplate.objects.filter(code="ombudsman-child").delete()
    assert services.letter_templates_seed() == 1
    assert services.letter_templates_seed() == 0


def test_a_recipient_whose_name_is_not_recorded_is_greeted_sir_or_madam(officer):
    complaint = _page_complaint(answered_complaint(), officer)
    complaint.complainant.name = ""
    complaint.complainant.save()
    recipient = selectors.recipient(complaint, "complainant")
    assert recipient.label == "The complainant: Name not recorded"
    draft = selectors.letter_draft(
        complaint=complaint,
        stage=complaint.stages.get(),
        template=_template("response"),
        recipient=recipient,
        officer=officer,
    )
    assert draft.body.startswith("Dear Sir or Madam,")
    assert "Name not recorded" not in draft.body
    layout = services.letter_layout(
        reference=complaint.reference, recipient=recipient, subject="Ours", body=draft.body
    )
    assert layout.recipient_name == ""  # the address block starts with the address
    assert _produce(complaint, officer).recipient_name == "Name not recorded"
