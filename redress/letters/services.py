"""Writes for letters: saving a template (checked in the sandbox, versioned, audited), producing
a letter as Word and PDF saved on the complaint's documents, emailing it through the
notifications service, and marking it posted. Each is one transaction with its audit event; a
letter's events are on the complaint's timeline.
"""

from __future__ import annotations

import datetime
import io
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from redress.core import audit, clock
from redress.core.presenters import govuk_date
from redress.documents.models import DocumentKind
from redress.documents.services import document_upload
from redress.notifications.models import FAILED_STATES, Kind
from redress.notifications.services import message_send

from . import render, rules, sandbox, selectors
from .defaults import DEFAULTS
from .models import Letter, LetterKind, LetterTemplate, LetterTemplateVersion, RecipientRole

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.complaints.models import Complaint, Stage

SUBJECT_LIMIT = 200
BODY_LIMIT = 20_000
PARTS = {"subject": "The subject", "body": "The text"}


def _checked(source: str, *, part: str, limit: int) -> str:
    """A template part as saved: not empty, not too long, and passing the sandbox's check."""
    source = source.replace("\r\n", "\n").strip()
    label = PARTS[part]
    if not source:
        raise rules.TemplateTextEmpty(part_lower=label.lower(), field=part)
    if len(source) > limit:
        raise rules.TemplateTooLong(part=label, limit=f"{limit:,}", length=len(source), field=part)
    try:
        sandbox.check(source)
    except sandbox.TemplateRefusedError as refused:
        problem = refused.problem
        if problem.field is not None:
            raise rules.TemplateUnknownField(
                part=label,
                line=problem.line,
                name=problem.field,
                suggestion=sandbox._suggestion(problem.field),
                field=part,
            ) from None
        raise rules.TemplateNotAllowed(part=label, problem=problem.text(), field=part) from None
    return source


@transaction.atomic
def letter_template_save(
    *, template: LetterTemplate, subject: str, body: str, note: str = "", by: User | None
) -> LetterTemplate:
    """Save a template's new text as its next version. Refused, naming the line and the field,
    when it names something that is not a merge field or uses anything else a letter may not
    (`sandbox.check`); refused when nothing changed."""
    subject = _checked(subject, part="subject", limit=SUBJECT_LIMIT)
    body = _checked(body, part="body", limit=BODY_LIMIT)
    template = LetterTemplate.objects.select_for_update().get(pk=template.pk)
    if subject == template.subject and body == template.body:
        raise rules.TemplateUnchanged(version=template.version)
    audit.save_changes(
        template,
        {"subject": subject, "body": body, "version": template.version + 1},
        action="letter_template.save",
        by=by,
        note=note.strip(),
    )
    LetterTemplateVersion.objects.create(
        template=template,
        version=template.version,
        subject=subject,
        body=body,
        note=note.strip()[:300],
        saved_by=by,
        saved_at=clock.now(),
    )
    return template


def letter_templates_seed(*, by: User | None = None) -> int:
    """Add any shipped template the authority does not have yet (version 1, the shipped
    text); a template it has, edited or not, is left alone. Returns how many were added."""
    added = 0
    for order, default in enumerate(DEFAULTS):
        if LetterTemplate.objects.filter(code=default.code).exists():
            continue
        with transaction.atomic():
            template = LetterTemplate.objects.create(
                code=default.code,
                name=default.name,
                kind=default.kind,
                stage=default.stage,
                audience=default.audience,
                use=default.use,
                subject=default.subject,
                body=default.body,
                version=1,
                order=order,
            )
            LetterTemplateVersion.objects.create(
                template=template,
                version=1,
                subject=default.subject,
                body=default.body,
                note="The text Redress ships.",
                saved_by=by,
                saved_at=clock.now(),
            )
            audit.record(
                action="letter_template.add", obj=template, by=by, after={"code": template.code}
            )
        added += 1
    return added


def letter_layout(
    *, reference: str, recipient: selectors.Recipient, subject: str, body: str
) -> render.LetterLayout:
    """A letter laid out on the authority's letterhead (its settings), dated today."""
    authority = selectors.authority_values()
    contacts = tuple(
        text
        for text in (
            f"Telephone: {authority['complaints_phone']}" if authority["complaints_phone"] else "",
            f"Email: {authority['complaints_email']}" if authority["complaints_email"] else "",
            authority["complaints_website"],
        )
        if text
    )
    return render.LetterLayout(
        authority_name=authority["authority_name"],
        address_lines=tuple(selectors.address_lines()),
        contact_lines=contacts,
        recipient_name=recipient.known_name,
        recipient_address_lines=tuple(
            line.strip()
            for line in recipient.address.replace(",", "\n").splitlines()
            if line.strip()
        ),
        date=govuk_date(clock.today()),
        reference=reference,
        subject=subject,
        paragraphs=render.paragraphs(body),
    )


@transaction.atomic
def letter_produce(
    *,
    complaint: Complaint,
    stage: Stage | None,
    template: LetterTemplate,
    recipient_role: str,
    subject: str,
    body: str,
    by: User | None,
) -> Letter:
    """Produce a letter: its text (the template filled in for this complaint, or as the
    officer edited it for this one letter) as Word and PDF on the authority's letterhead, both
    saved on the complaint's documents, and the letter recorded on its timeline."""
    if stage is not None and stage.complaint_id != complaint.pk:
        raise rules.LetterStageOtherComplaint(stage=stage.number, reference=complaint.reference)
    rules.check_template_stage(template, stage.number if stage else None)
    recipient = selectors.recipient(complaint, recipient_role)
    if recipient is None:
        who = RecipientRole(recipient_role).label.removeprefix("The ").lower()
        raise rules.LetterNoRecipient(reference=complaint.reference, who=who, field="recipient")
    subject = " ".join(subject.split())[:SUBJECT_LIMIT]
    body = body.replace("\r\n", "\n").strip()
    if not subject:
        raise rules.TemplateTextEmpty(part_lower="the subject", field="subject")
    if not body:
        raise rules.TemplateTextEmpty(part_lower="the text of the letter", field="body")
    if len(body) > BODY_LIMIT:
        raise rules.TemplateTooLong(
            part="The text", limit=f"{BODY_LIMIT:,}", length=len(body), field="body"
        )
    draft = selectors.letter_draft(
        complaint=complaint, stage=stage, template=template, recipient=recipient, officer=by
    )
    layout = letter_layout(
        reference=complaint.reference, recipient=recipient, subject=subject, body=body
    )
    kind = (
        DocumentKind.RESPONSE_LETTER
        if template.kind == LetterKind.RESPONSE
        else (DocumentKind.LETTER)
    )
    name = f"{complaint.reference} {template.code} {clock.today().isoformat()}"
    word = document_upload(
        complaint=complaint,
        stage=stage,
        file=io.BytesIO(render.word(layout)),
        name=f"{name}.docx",
        kind=kind,
        by=by,
    )
    pdf = document_upload(
        complaint=complaint,
        stage=stage,
        file=io.BytesIO(render.pdf(layout)),
        name=f"{name}.pdf",
        kind=kind,
        by=by,
    )
    letter = Letter.objects.create(
        complaint=complaint,
        stage=stage,
        template=template,
        template_version=template.version,
        edited=(subject, body) != (draft.subject, draft.body),
        recipient_role=recipient.role,
        recipient_name=recipient.name,
        recipient_address=recipient.address,
        recipient_email=recipient.email,
        subject=subject,
        body=body,
        word=word,
        pdf=pdf,
        produced_by=by,
        produced_at=clock.now(),
    )
    audit.record(
        action="letter.produce",
        obj=letter,
        by=by,
        after=audit.snapshot(
            letter, ["template", "template_version", "edited", "recipient_role", "stage"]
        ),
        complaint=complaint,
    )
    return letter


def _email_body(letter: Letter) -> str:
    return (
        f"{letter.body}\n\n"
        f"This letter is attached as a PDF ({letter.pdf.name if letter.pdf else 'letter'})."
    )


@transaction.atomic
def letter_send(*, letter: Letter, by: User | None) -> Letter:
    """Email a produced letter to its recipient through the notifications service: the text in
    the email and the PDF attached. The message's delivery state is on the timeline; a letter
    whose email failed can be sent again."""
    # (Locked alone: PostgreSQL cannot lock the nullable side of the outer joins.)
    letter = (
        Letter.objects.select_for_update(of=("self",))
        .select_related("pdf", "message")
        .get(pk=letter.pk)
    )
    if letter.message is not None and letter.message.state not in FAILED_STATES:
        sent = letter.message.sent_at or letter.message.created_at
        raise rules.LetterAlreadySent(sent=timezone.localdate(sent))
    if not letter.recipient_email:
        raise rules.LetterNoEmailAddress(name=letter.recipient_name)
    if letter.pdf is None or letter.pdf.is_removed:
        raise rules.LetterDocumentRemoved()
    message = message_send(
        kind=Kind.LETTER,
        subject=letter.subject,
        body=_email_body(letter),
        to=letter.recipient_email,
        complaint=letter.complaint,
        attachment=letter.pdf,
    )
    audit.save_changes(
        letter,
        {"message": message},
        action="letter.send",
        by=by,
        complaint=letter.complaint,
        shown=["message", "recipient_role"],
    )
    return letter


@transaction.atomic
def letter_mark_posted(*, letter: Letter, posted_on: datetime.date, by: User | None) -> Letter:
    """Record that a produced letter was posted, and on what day."""
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if letter.posted_on is not None:
        raise rules.LetterAlreadyPosted(posted=letter.posted_on)
    produced = timezone.localdate(letter.produced_at)
    if posted_on > clock.today():
        raise rules.LetterPostedInFuture(field="posted_on")
    if posted_on < produced:
        raise rules.LetterPostedBeforeProduced(produced=produced, field="posted_on")
    audit.save_changes(
        letter,
        {"posted_on": posted_on, "posted_by": by},
        action="letter.post",
        by=by,
        complaint=letter.complaint,
        shown=["posted_on", "recipient_role"],
    )
    return letter
