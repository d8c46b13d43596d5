"""A message that carries a document (a letter made from a template): attached to an email
sent by Django's mailer; with GOV.UK Notify, a link Notify makes to the file; refused when
the document was removed."""

import io
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from redress.complaints.tests.factories import ComplaintFactory
from redress.documents import samples
from redress.documents.services import document_upload
from redress.notifications.channels import DjangoEmailChannel, NotifyChannel, PermanentSendError
from redress.notifications.models import Channel, Message
from redress.notifications.services import MessageError, message_send

pytestmark = pytest.mark.django_db
PDF = samples.pdf(["A letter"])


def _message(**kwargs):
    complaint = ComplaintFactory()
    document = document_upload(
        complaint=complaint, file=io.BytesIO(PDF), name="letter.pdf", kind="letter", by=None
    )
    return Message.objects.create(
        complaint=complaint,
        kind="letter",
        subject="Your complaint",
        body="Dear Jordan",
        to="jordan@example.com",
        attachment=document,
        **kwargs,
    )


def test_the_email_channel_attaches_the_document():
    DjangoEmailChannel().send(_message())
    ((name, content, mimetype),) = mail.outbox[-1].attachments
    assert (name, content, mimetype) == ("letter.pdf", PDF, "application/pdf")


def test_notify_links_the_file_with_the_file_template(settings):
    settings.REDRESS_NOTIFY_TEMPLATES = {"email": "plain", "email_file": "with-file"}
    client = mock.Mock()
    client.send_email_notification.return_value = {"id": "n-1"}
    assert NotifyChannel(client=client).send(_message()) == "n-1"
    sent = client.send_email_notification.call_args.kwargs
    assert sent["template_id"] == "with-file"
    link = sent["personalisation"]["link_to_file"]
    assert link["filename"] == "letter.pdf"
    assert link["confirm_email_before_download"] is True


def test_notify_without_a_file_template_says_which_setting(settings):
    settings.REDRESS_NOTIFY_TEMPLATES = {"email": "plain", "email_file": ""}
    with pytest.raises(PermanentSendError, match="REDRESS_NOTIFY_EMAIL_FILE_TEMPLATE_ID"):
        NotifyChannel(client=mock.Mock()).send(_message())


def test_a_removed_document_is_not_sent():
    message = _message()
    message.attachment.removed_at = timezone.now()
    message.attachment.save()
    with pytest.raises(PermanentSendError, match="was removed"):
        DjangoEmailChannel().send(message)


def test_only_an_email_carries_a_document():
    message = _message()
    with pytest.raises(MessageError):
        message_send(
            kind="letter",
            subject="S",
            body="B",
            to="1 High Street",
            channel=Channel.LETTER,
            attachment=message.attachment,
        )
