"""Retention reaches a complaint's correspondence (its letters, the messages sent about it and
its satisfaction survey's comment), and a subject access export shows them."""

import pytest
from django.db.models import Q

from redress.core.models import AuditEvent
from redress.letters.models import Letter, LetterTemplate
from redress.letters.services import letter_produce
from redress.notifications.models import Message
from redress.notifications.services import message_send
from redress.people.sar.material import subject_access_material
from redress.retention import services
from redress.surveys.models import Survey

from .helpers import closed_complaint, d

pytestmark = pytest.mark.django_db
WRITTEN = "Dear Jo Bloggs, about your son at 1 High Street"


def _correspondence(complaint, manager):
    letter = letter_produce(
        complaint=complaint,
        stage=complaint.stages.get(),
        template=LetterTemplate.objects.get(code="response"),
        recipient_role="complainant",
        subject="Your complaint, Jo Bloggs",
        body=WRITTEN,
        by=manager,
    )
    message = message_send(
        kind="other",
        subject="Your complaint, Jo Bloggs",
        body=WRITTEN,
        to="jo@example.org",
        complaint=complaint,
    )
    survey = Survey.objects.create(
        complaint=complaint,
        stage_number=1,
        service_area=complaint.service_area,
        channel="email",
        sent_on=d("2016-06-02"),
        last_sent_at=letter.produced_at,
        expires_at=letter.produced_at,
        answered_at=letter.produced_at,
        listened="yes",
        comment="Jo Bloggs: the social worker, Ms Smith, never rang back.",
    )
    return letter, message, survey


def test_retention_blanks_letters_messages_and_survey_comments(manager):
    old = closed_complaint("2016-05-02", "2016-06-01")
    recent = closed_complaint("2022-05-04", "2022-06-01")
    (letter, message, survey), kept = (
        _correspondence(old, manager),
        _correspondence(recent, manager),
    )
    services.retention_run(as_of=d("2028-01-10"), apply=True)
    for record in (letter, message, survey):
        record.refresh_from_db()
    assert (letter.recipient_name, letter.recipient_address, letter.subject, letter.body) == (
        "",
        "",
        "",
        "",
    )
    assert (message.to, message.subject, message.body) == ("", "", "")
    assert survey.comment == ""
    assert survey.listened == "yes"  # an answer is a figure, not personal data
    # Nothing of it is left in their audit snapshots either.
    trail = AuditEvent.objects.filter(
        Q(complaint_id=old.pk) | Q(object_id__in=[str(letter.pk), str(survey.pk)])
    ).values("before", "after", "note")
    assert "Bloggs" not in str(list(trail))
    # The complaint not yet due keeps its correspondence.
    kept_letter, kept_message, kept_survey = (r.__class__.objects.get(pk=r.pk) for r in kept)
    assert WRITTEN in kept_letter.body
    assert kept_message.body == WRITTEN
    assert "Ms Smith" in kept_survey.comment


def test_subject_access_shows_letters_messages_and_surveys(manager):
    complaint = closed_complaint("2022-05-04", "2022-06-01")
    letter, message, survey = _correspondence(complaint, manager)
    material = subject_access_material(person=complaint.complainant)
    tables = {table.name: table for table in material.tables}
    (letter_row,) = tables["letters"].rows
    assert letter_row["body"] == WRITTEN
    assert letter_row["recipient"].startswith("Jo Bloggs")
    (message_row,) = tables["messages"].rows
    assert (message_row["to"], message_row["body"]) == ("jo@example.org", WRITTEN)
    (survey_row,) = tables["satisfaction_surveys"].rows
    assert survey_row["comment"] == survey.comment
    assert survey_row["listened"] == "Yes"
    assert Letter.objects.filter(pk=letter.pk).exists()
    assert Message.objects.filter(pk=message.pk).exists()
