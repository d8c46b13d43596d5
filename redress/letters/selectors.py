"""Reads for letters: the templates, a complaint's letters, who a letter can go to, and the
merge values for one letter.

`merge_values` is the only thing a template ever sees: a plain dict of strings, one per merge
field in `fields.py`, worked out here from the complaint (never a model object). Deadlines come
from the same clock the complaint's pages use (`complaints.selectors.clock`: the procedure's
stage rule and the working-day calendar), so a letter says exactly what the Stages tab says.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from redress.complaints.choices import AppointmentRole, ComplainantType, Outcome
from redress.complaints.models import Complaint, Stage
from redress.complaints.selectors import clock as complaint_clock
from redress.core import config
from redress.core.presenters import govuk_date, working_days
from redress.people.models import Person

from .fields import NAMES, OMBUDSMAN_DETAILS
from .models import Letter, LetterTemplate, LetterTemplateVersion, RecipientRole


def templates() -> list[LetterTemplate]:
    return list(LetterTemplate.objects.all())


def template_by_code(code: str) -> LetterTemplate | None:
    return LetterTemplate.objects.filter(code=code).first()


def template_versions(template: LetterTemplate) -> list[LetterTemplateVersion]:
    return list(template.versions.select_related("saved_by"))


def templates_for_stage(stage_number: int | None) -> list[LetterTemplate]:
    """The templates for a stage: those for any stage, and those for this one."""
    return [t for t in templates() if t.stage is None or t.stage == stage_number]


def letters_of(complaint: Complaint) -> list[Letter]:
    return list(
        Letter.objects.filter(complaint=complaint).select_related(
            "template", "stage", "word", "pdf", "produced_by", "posted_by", "message"
        )
    )


def letter_of(complaint: Complaint, pk: int) -> Letter | None:
    """The complaint's letter with this id (the complaint already checked as visible)."""
    return (
        Letter.objects.filter(complaint=complaint, pk=pk)
        .select_related("template", "stage", "word", "pdf", "produced_by", "posted_by", "message")
        .first()
    )


@dataclass(frozen=True)
class Recipient:
    role: str
    label: str  # "The complainant: Jordan Smith"
    name: str  # as staff see it ("Name not recorded" when it is not)
    address: str
    email: str
    known_name: str = ""  # as the letter names them: nothing when not recorded


def _child(complaint: Complaint) -> Person | None:
    if complaint.on_behalf_of_id is not None:
        return complaint.on_behalf_of
    if complaint.complainant_type in (
        ComplainantType.CHILD_YOUNG_PERSON,
        ComplainantType.CARE_LEAVER,
    ):
        return complaint.complainant
    return next(iter(complaint.children.all()), None)


# Whom a letter greets when the person's name is not recorded (an import may carry only a key).
UNNAMED = "Sir or Madam"


def _recipient(role: str, person: Person) -> Recipient:
    name = person.name or "Name not recorded"
    return Recipient(
        role=role,
        label=f"{RecipientRole(role).label}: {name}",
        name=name,
        address=person.address,
        email=person.email,
        known_name=person.name,
    )


def recipients(complaint: Complaint) -> list[Recipient]:
    """Who a letter about this complaint can go to: the complainant, the child or young person
    it is about (when that is not the complainant) and the advocate, where recorded."""
    out = []
    if complaint.complainant is not None:
        out.append(_recipient(RecipientRole.COMPLAINANT, complaint.complainant))
    child = _child(complaint)
    if child is not None and child.pk != complaint.complainant_id:
        out.append(_recipient(RecipientRole.CHILD, child))
    if complaint.advocate_person is not None:
        out.append(_recipient(RecipientRole.ADVOCATE, complaint.advocate_person))
    return out


def recipient(complaint: Complaint, role: str) -> Recipient | None:
    return next((r for r in recipients(complaint) if r.role == role), None)


def _days(number: int | None) -> str:
    return "" if number is None else working_days(number)


def _date(value: datetime.date | None) -> str:
    return govuk_date(value, empty="")


def _appointed(stage: Stage | None, role: str) -> str:
    if stage is None:
        return ""
    return next((a.name for a in stage.appointments.all() if a.role == role), "")


def authority_values() -> dict[str, str]:
    """The authority's merge fields and the letterhead, from its settings."""
    return {
        "authority_name": str(config.get("authority_name")),
        "authority_address": ", ".join(address_lines()),
        "complaints_phone": str(config.get("complaints_phone")),
        "complaints_email": str(config.get("complaints_email")),
        "complaints_website": str(config.get("complaints_website")),
    }


def address_lines() -> list[str]:
    text = str(config.get("letter_address"))
    return [line.strip() for line in text.split(",") if line.strip()]


def merge_values(
    *,
    complaint: Complaint,
    stage: Stage | None,
    recipient: Recipient,
    officer: Any,
    today: datetime.date | None = None,
) -> dict[str, str]:
    """Every merge field's value for a letter about `complaint` at `stage` to `recipient`,
    written by `officer`, as text ("" where the complaint has no value yet). `complaint` comes
    from `complaint_for_page` (its stages, people, extensions and appointments prefetched)."""
    now = complaint_clock(today)
    values = dict.fromkeys(NAMES, "")
    values.update(authority_values())
    values.update(OMBUDSMAN_DETAILS)
    child = _child(complaint)
    values.update(
        {
            "letter_date": _date(now.today),
            "reference": complaint.reference,
            "recipient_name": recipient.known_name or UNNAMED,
            # No officer (the demo's letters, made by the system): signed by the team.
            "officer_name": officer.display_name if officer else "The complaints team",
            "officer_role": officer.get_role_display() if officer else "Complaints and feedback",
            "officer_email": (officer.email if officer else "") or values["complaints_email"],
            "complainant_name": complaint.complainant.name if complaint.complainant else "",
            "child_name": child.name if child else "",
            "advocate_name": complaint.advocate_person.name if complaint.advocate_person else "",
            "summary": complaint.summary,
        }
    )
    if stage is None:
        return values
    rule = now.rule(stage)
    deadlines = now.deadlines(stage)
    values.update(
        {
            "stage": str(stage.number),
            "stage_name": rule.name if rule else "",
            "received_date": _date(stage.received_date),
            "responded_date": _date(stage.responded_date),
            "outcome": Outcome(stage.outcome).label.lower() if stage.outcome else "",
            "investigating_officer": _appointed(stage, AppointmentRole.INVESTIGATING_OFFICER),
            "independent_person": _appointed(stage, AppointmentRole.INDEPENDENT_PERSON),
            "panel_chair": _appointed(stage, AppointmentRole.PANEL_CHAIR),
            "panel_date": _date(stage.panel_date),
        }
    )
    if deadlines is not None:
        # "Due" as first given: the initial timescale; an extension gives the new date.
        values["response_days"] = _days(deadlines.initial_days)
        values["response_due"] = _date(deadlines.initial_due)
        values["panel_due"] = _date(deadlines.panel_due)
        if deadlines.extended:
            extension = max(stage.extensions.all(), key=lambda e: e.extended_to_days)
            values["extension_days"] = _days(deadlines.applicable_days)
            values["extension_due"] = _date(deadlines.applicable_due)
            values["extension_reason"] = extension.reason.strip().rstrip(".")
    next_rule = next(
        (r for r in complaint.procedure.stage_rules.all() if r.stage == stage.number + 1), None
    )
    if next_rule is not None:
        values["next_stage"] = str(next_rule.stage)
        values["next_stage_name"] = next_rule.name
        window = rule.next_stage_request_days if rule else None
        values["next_stage_request_days"] = _days(window)
        if window is not None and stage.responded_date is not None:
            # As the escalation service counts it: the window'th working day after the response.
            values["next_stage_request_by"] = _date(
                now.calendar.due_date(stage.responded_date, window)
            )
    return values


@dataclass(frozen=True)
class Draft:
    """A template filled in for one letter: what the officer previews and may edit."""

    subject: str
    body: str
    empty: list[str]  # merge fields printed with no value (see `empty_fields`)
    values: dict[str, str]


def letter_draft(
    *,
    complaint: Complaint,
    stage: Stage | None,
    template: LetterTemplate,
    recipient: Recipient,
    officer: Any,
) -> Draft:
    """The template rendered in the sandbox with this complaint's merge values."""
    from .sandbox import render

    values = merge_values(complaint=complaint, stage=stage, recipient=recipient, officer=officer)
    return Draft(
        subject=" ".join(render(template.subject, values).split()),
        body=render(template.body, values),
        empty=sorted(
            set(empty_fields(template.subject, values)) | set(empty_fields(template.body, values))
        ),
        values=values,
    )


def example_draft(*, subject: str, body: str) -> Draft:
    """A template (already checked) filled in with every merge field's example value: the
    preview on the template's edit page."""
    from .fields import EXAMPLES
    from .sandbox import render

    return Draft(
        subject=" ".join(render(subject, EXAMPLES).split()),
        body=render(body, EXAMPLES),
        empty=[],
        values=dict(EXAMPLES),
    )


def empty_fields(source: str, values: dict[str, str]) -> list[str]:
    """The merge fields a template prints that have no value for this letter, outside an `if`
    that tests them (the preview warns: the officer edits the text, or records what is missing
    first)."""
    from .sandbox import fields_shown_unguarded

    return sorted(name for name in fields_shown_unguarded(source) if not values.get(name))
