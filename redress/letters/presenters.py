"""Letters and templates as the pages show them."""

from __future__ import annotations

from dataclasses import dataclass

from redress.complaints.presenters import moment
from redress.core.presenters import govuk_date

from . import render, selectors
from .models import Letter, LetterTemplate, LetterTemplateVersion

EXAMPLE_RECIPIENT = selectors.Recipient(
    role="complainant",
    label="The complainant: Ms Jordan Smith",
    name="Ms Jordan Smith",
    address="12 Example Road\nKingsmoor\nKM2 3BB",
    email="jordan@example.com",
)


@dataclass(frozen=True)
class TemplateRow:
    code: str
    name: str
    use: str
    for_stage: str
    audience: str
    version: str
    updated: str


def template_row(template: LetterTemplate) -> TemplateRow:
    return TemplateRow(
        code=template.code,
        name=template.name,
        use=template.use,
        for_stage=f"Stage {template.stage}" if template.stage else "Any stage",
        audience=template.get_audience_display(),
        version=f"Version {template.version}",
        updated=moment(template.updated_at),
    )


def template_rows(templates: list[LetterTemplate]) -> list[TemplateRow]:
    return [template_row(t) for t in templates]


@dataclass(frozen=True)
class VersionRow:
    version: int
    saved: str
    saved_by: str
    note: str
    subject: str
    body: str


def version_rows(versions: list[LetterTemplateVersion]) -> list[VersionRow]:
    return [
        VersionRow(
            version=v.version,
            saved=moment(v.saved_at),
            saved_by=v.saved_by.display_name if v.saved_by else "Redress",
            note=v.note,
            subject=v.subject,
            body=v.body,
        )
        for v in versions
    ]


def layout(
    *, draft_subject: str, draft_body: str, recipient: selectors.Recipient, reference: str
) -> render.LetterLayout:
    """A letter as it will print, for the pages' preview (the same layout Word and PDF use)."""
    from .services import letter_layout

    return letter_layout(
        reference=reference, recipient=recipient, subject=draft_subject, body=draft_body
    )


def preview(draft: selectors.Draft) -> render.LetterLayout:
    """A template filled in with the example values, laid out as a letter."""
    return layout(
        draft_subject=draft.subject,
        draft_body=draft.body,
        recipient=EXAMPLE_RECIPIENT,
        reference=draft.values.get("reference", ""),
    )


@dataclass(frozen=True)
class LetterRow:
    letter: Letter
    pk: int
    subject: str
    template: str
    stage: str
    recipient: str
    produced: str
    produced_by: str
    sent: str
    posted: str
    edited: bool


def _sent(letter: Letter) -> str:
    if letter.message is None:
        return "Not emailed"
    state = letter.message.get_state_display()
    return f"Emailed to {letter.recipient_email}: {state[:1].lower() + state[1:]}"


def letter_row(letter: Letter) -> LetterRow:
    return LetterRow(
        letter=letter,
        pk=letter.pk,
        subject=letter.subject,
        template=f"{letter.template.name} (version {letter.template_version})",
        stage=f"Stage {letter.stage.number}" if letter.stage else "The complaint",
        recipient=f"{letter.get_recipient_role_display()}: {letter.recipient_name}",
        produced=moment(letter.produced_at),
        produced_by=letter.produced_by.display_name if letter.produced_by else "Redress",
        sent=_sent(letter),
        posted=(
            f"Posted on {govuk_date(letter.posted_on)}"
            + (f" (recorded by {letter.posted_by.display_name})" if letter.posted_by else "")
            if letter.posted_on
            else "Not marked as posted"
        ),
        edited=letter.edited,
    )


def letter_rows(letters: list[Letter]) -> list[LetterRow]:
    return [letter_row(letter) for letter in letters]
