"""Which fields of which records hold personal data, and what they become when anonymised.

The figures read none of these (`redress.reporting.facts.extract` reads references, dates,
outcomes, categories, ids and a person's `key`, never a name or free text), which is why
anonymising them leaves every figure as it was. A person's `key`, `age_band` and
`preferred_contact` stay: the key counts repeat complainants, and the other two identify no one.

A complaint's documents (redress.documents) are removed with it: their files deleted once the
batch is committed, their records kept, marked removed, with their names blanked here. So are
the submissions sent online that became the complaint or ask for its next stage, and its
follow links; a submission never made a record is anonymised on its own, years after it was
sent, as long as it is no longer waiting for triage.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from redress.complaints.models import Complaint, Extension, Hold, Mediation, Payment, Stage
from redress.documents.models import Document
from redress.documents.services import RETENTION_REASON
from redress.feedback.models import Compliment, InformalFeedback
from redress.front.models import FollowLink, Submission
from redress.letters.models import Letter
from redress.notifications.models import Message
from redress.ombudsman.models import Enquiry, Remedy
from redress.people.models import Person
from redress.surveys.models import Survey

from .models import LegalHold

# model -> the personal fields, each with the value that replaces it.
PERSONAL_FIELDS: dict[type[models.Model], dict[str, Any]] = {
    Person: {
        "name": "",
        "email": "",
        "phone": "",
        "address": "",
        "date_of_birth": None,
        "accessibility_needs": "",
        "interpreter": "",
        "notes": "",
    },
    Complaint: {"summary": "", "desired_outcome": "", "custom_data": {}},
    Stage: {"panel_recommendations": "", "closed_reason": "", "custom_data": {}},
    Hold: {"reason": "Removed under the retention policy."},
    Extension: {"reason": ""},
    Mediation: {"notes": "", "custom_data": {}},
    Payment: {"description": "", "custom_data": {}},
    Enquiry: {"summary": "", "recommendations": "", "custom_data": {}},
    Remedy: {"description": "", "evidence": "", "custom_data": {}},
    InformalFeedback: {"summary": "", "custom_data": {}},
    Compliment: {"text": "", "staff_member": "", "custom_data": {}},
    LegalHold: {"reason": "Removed under the retention policy.", "lifted_reason": ""},
    Document: {"name": "", "removed_reason": RETENTION_REASON},
    # A letter and the message that sent it hold the recipient's name and address and the
    # letter's text; a survey's answers are figures, its comment is free text.
    Letter: {
        "recipient_name": "",
        "recipient_address": "",
        "recipient_email": "",
        "subject": "",
        "body": "",
    },
    Message: {"to": "", "subject": "", "body": "", "last_error": ""},
    Survey: {"comment": ""},
    # What the public sent online (redress.front): who sent it, how to reach them, their
    # answers and the officer's note on it; a follow link's address (and any token left).
    # Its reference, kind, status and dates stay. Its files are deleted, rows and bytes.
    Submission: {"name": "", "email": "", "phone": "", "answers": {}, "triage_note": ""},
    FollowLink: {"email": "", "token_hash": None},
}

# An audit event's note can quote what was typed (a hold's or an extension's reason).
NOTE_REMOVED = "Note removed under the retention policy."


def personal_fields(model: type[models.Model]) -> dict[str, Any]:
    return PERSONAL_FIELDS.get(model, {})


def scrub_snapshot(model: type[models.Model], data: Any) -> Any:
    """An audit snapshot (before or after) with the model's personal fields replaced."""
    fields = personal_fields(model)
    if not isinstance(data, dict) or not fields:
        return data
    return {key: (_json(fields[key]) if key in fields else value) for key, value in data.items()}


def _json(value: Any) -> Any:
    return dict(value) if isinstance(value, dict) else value
