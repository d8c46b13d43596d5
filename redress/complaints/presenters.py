"""How complaints read on the staff pages: stage names, deadline tags, and the timeline in words.

Values come in as the selectors read them; what comes out is text (and GOV.UK tag colours)
ready for a template, so the templates hold no rules.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils import timezone

from redress.complaints.choices import Finding, StageStatus
from redress.complaints.models import Aspect, Stage
from redress.core.models import AuditEvent
from redress.core.presenters import (
    days_remaining,
    first_capital,
    govuk_date,
    money,
    working_days,
    yes_no,
)

from .selectors.clock import DUE_SOON_DAYS
from .services.actions import ACTIONS as SERVICE_ACTIONS

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# What each audited action reads as on the timeline. `{stage}` is "stage 2" (or "a stage"),
# `{record}` the kind of record ("extension").
ACTION_TITLES = {
    "complaint.record": "Complaint recorded",
    "complaint.update_details": "Complaint details changed",
    "complaint.link_related": "Linked to an earlier complaint",
    "complaint.escalate": "Escalated to {stage}",
    "complaint.transfer_procedure": "Moved to another procedure",
    "stage.open": "{Stage} opened",
    "stage.allocate": "{Stage} allocated",
    "stage.acknowledge": "{Stage} acknowledged",
    "stage.agree_statement": "Statement of complaint agreed for {stage}",
    "stage.extend": "{Stage} extended",
    "stage.respond": "{Stage} responded to",
    "stage.withdraw": "{Stage} withdrawn",
    "stage.close_outside_jurisdiction": "{Stage} found outside jurisdiction",
    "stage.hold": "{Stage} put on hold",
    "stage.resume": "{Stage} resumed after a hold",
    "stage.correct": "{Stage} corrected by a complaints manager",
    "stage.appoint": "Someone appointed to {stage}",
    "stage.unappoint": "Appointment to {stage} removed",
    "aspect.add": "Reason for complaint added to {stage}",
    "aspect.remove": "Reason for complaint removed from {stage}",
    "aspect.record_finding": "Finding recorded on {stage}",
    "admin.add": "{Record} added in the admin",
    "admin.change": "{Record} corrected in the admin",
    "admin.delete": "{Record} deleted in the admin",
}
# Events whose title says one of their dates, so their list of values does not repeat it:
# "Escalated to stage 2 (requested 3 May 2021)".
TITLE_DATES = {
    "complaint.escalate": ("received_date", "requested"),
    "stage.open": ("received_date", "received"),
}
# Snapshot keys that are bookkeeping, not something a reader wants to see.
HIDDEN_KEYS = frozenset({"custom_data", "extension", "complaint"})
EXTRA_LABELS = {
    "timescale_days": "Timescale",
    "due": "Due date",
    "findings": "Findings",
    "password": "Password",
}
# Fields whose names say less than they mean.
FIELD_LABELS = {
    "io_report_date": "Investigating officer's report",
    "ip_report_date": "Independent person's report",
    "adjudication_date": "Adjudication",
    "panel_recommendations": "Panel's recommendations",
    "lgo_reference": "Ombudsman's reference",
}
NOTHING = "not recorded"


# -- stages and deadlines ------------------------------------------------------------------------


def stage_name(stage: Stage, rule: Any = None) -> str:
    """`Stage 1: local resolution`."""
    return f"Stage {stage.number}: {rule.name.lower()}" if rule else f"Stage {stage.number}"


def deadline_tag(stage: Stage | None, days_left: int | None) -> dict[str, str]:
    """A GOV.UK tag for where a stage stands: red when overdue, yellow when due soon."""
    if stage is None:
        return {"text": "No stage recorded", "classes": "govuk-tag--grey"}
    if not stage.is_open:
        ended = stage.get_outcome_display() if stage.outcome else "Responded"
        return {"text": f"Closed: {ended}", "classes": "govuk-tag--grey"}
    if stage.status == StageStatus.ON_HOLD:  # the clock is stopped: no days count down
        return {"text": "On hold", "classes": "govuk-tag--purple"}
    if days_left is None:
        return {"text": "Open", "classes": "govuk-tag--blue"}
    text = days_remaining(days_left)
    text = first_capital(text)
    if days_left < 0:
        return {"text": text, "classes": "govuk-tag--red"}
    if days_left <= DUE_SOON_DAYS:
        return {"text": text, "classes": "govuk-tag--yellow"}
    return {"text": text, "classes": "govuk-tag--blue"}


def explanation_text(explanation: Any) -> dict[str, list[str]]:
    """Why a deadline falls where it does: the sentences, and the days off it skipped."""
    if explanation is None:
        return {"sentences": [], "skipped": []}
    sentences = [
        line
        for line in explanation.lines()
        if not line.startswith(" ") and line not in ("Days skipped:", "No days skipped.")
    ]
    skipped = [f"{s.date:%A} {govuk_date(s.date)}: {s.reason}" for s in explanation.skipped]
    return {"sentences": sentences, "skipped": skipped}


def action_tag(action: Any, today: datetime.date) -> dict[str, str]:
    """A learning action: done, overdue, or open."""
    if action.completed_date:
        return {"text": f"Done {govuk_date(action.completed_date)}", "classes": "govuk-tag--green"}
    if action.due_date and action.due_date < today:
        return {"text": "Overdue", "classes": "govuk-tag--red"}
    return {"text": "Open", "classes": "govuk-tag--blue"}


def timeliness(deadlines: Any) -> str:
    """`Responded in 9 working days: in time` (against the applicable deadline)."""
    if deadlines is None or deadlines.working_days_taken is None:
        return ""
    verdict = "in time" if deadlines.in_time else "late"
    return f"Took {working_days(deadlines.working_days_taken)}: {verdict}"


# -- the timeline ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    label: str
    before: str | None  # None: a record added, so there was no "before"
    after: str | None  # None: a record deleted


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime.datetime
    when: str
    title: str
    by: str
    changes: list[Change]
    note: str


def moment(value: datetime.datetime) -> str:
    """`8 June 2021 at 2:05pm`, in the authority's time zone."""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    return f"{govuk_date(local.date())} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def _field(model: type[models.Model] | None, key: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(key)
    except Exception:  # a key the service added, not a field
        return None
    return field if isinstance(field, models.Field) else None


def field_label(model: type[models.Model] | None, key: str) -> str:
    if key in FIELD_LABELS:
        return FIELD_LABELS[key]
    field = _field(model, key)
    label = str(field.verbose_name) if field is not None else EXTRA_LABELS.get(key, key)
    label = label.replace("_", " ")
    return first_capital(label)


def field_value(model: type[models.Model] | None, key: str, value: Any, names: dict) -> str:
    """One value of a snapshot, in words."""
    if value is None or value == "" or value == {}:
        return NOTHING
    field = _field(model, key)
    if key == "findings" and isinstance(value, dict):
        return "; ".join(
            f"{names.get((Aspect, int(pk)), 'a reason')}: {_choice(Finding, finding)}"
            for pk, finding in value.items()
        )
    if key == "timescale_days":
        return working_days(int(value))
    if field is not None and field.is_relation and field.related_model is not None:
        if isinstance(value, list):  # a many-to-many field: its records' names
            related = field.related_model
            return (
                "; ".join(names.get((related, v), f"record {v} (since removed)") for v in value)
                or NOTHING
            )
        return names.get((field.related_model, value), f"record {value} (since removed)")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(field, models.DecimalField) and key == "amount":
        try:
            return money(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    if isinstance(value, str) and ISO_DATE.match(value):
        return govuk_date(datetime.date.fromisoformat(value))
    if isinstance(field, models.DateTimeField) and isinstance(value, str):
        return moment(datetime.datetime.fromisoformat(value))
    return str(value)


def _choice(choices: type[models.TextChoices], value: str) -> str:
    return str(dict(choices.choices).get(value, value or NOTHING))


def _shown(model: type[models.Model] | None, key: str) -> bool:
    """Whether a snapshot key is worth a line: not bookkeeping, and not state the services
    derive and store (a stage's status and due date: non-editable fields)."""
    if key in HIDDEN_KEYS:
        return False
    field = _field(model, key)
    return field is None or field.editable


def _empty(value: Any) -> bool:
    return value in (None, "", {})


def _changes(event: AuditEvent, model: type[models.Model] | None, names: dict) -> list[Change]:
    """Each value changed (before → after), and each value given to a record added.

    A key only `after` has is a value given (an escalation's new stage: its organisation, not
    "not recorded → …"); a key only `before` has is context the service kept (the stage
    escalated from), not a value that became "not recorded"."""
    before, after = event.before or {}, event.after or {}
    in_title = TITLE_DATES.get(event.action, ("",))[0]

    def value(snapshot: dict[str, Any], key: str) -> str:
        return field_value(model, key, snapshot.get(key), names)

    def given(key: str) -> bool:  # a value a new record was given, worth a line
        return not _empty(after.get(key)) and not (model is Stage and key == "number")

    changes = []
    for key in {**before, **after}:
        if not _shown(model, key) or key == in_title:
            continue
        if event.before is None:  # added: the values it was given
            if given(key):
                changes.append(Change(field_label(model, key), None, value(after, key)))
        elif event.after is None:  # deleted: what it held
            if not _empty(before.get(key)):
                changes.append(Change(field_label(model, key), value(before, key), None))
        elif key not in before:
            if given(key):
                changes.append(Change(field_label(model, key), None, value(after, key)))
        elif key in after and before[key] != after[key]:
            changes.append(Change(field_label(model, key), value(before, key), value(after, key)))
    return changes


def _stage_number(event: AuditEvent, model: Any, stage_numbers: dict[int, int]) -> int | None:
    snapshot = {**(event.before or {}), **(event.after or {})}
    if model is Stage:
        return stage_numbers.get(int(event.object_id)) or snapshot.get("number")
    stage_id = snapshot.get("stage")
    return stage_numbers.get(stage_id) if isinstance(stage_id, int) else None


def event_title(event: AuditEvent, model: Any, stage_number: int | None) -> str:
    stage = f"stage {stage_number}" if stage_number else "a stage"
    record = str(model._meta.verbose_name) if model is not None else "record"
    if model is Stage and stage_number:
        record = stage
    if event.action in ACTION_TITLES:  # our wording, which names the stage
        title = ACTION_TITLES[event.action].format(
            stage=stage,
            Stage=first_capital(stage),
            record=record,
            Record=record.capitalize(),
        )
    else:  # the services' list covers every other action; one neither knows is said plainly
        title = SERVICE_ACTIONS.get(event.action) or event.action.replace(".", " ").replace(
            "_", " "
        )
    if event.action in TITLE_DATES:
        key, word = TITLE_DATES[event.action]
        day = (event.after or {}).get(key)
        if isinstance(day, str) and ISO_DATE.match(day):
            title += f" ({word} {govuk_date(datetime.date.fromisoformat(day))})"
    return first_capital(title)


def timeline(
    events: list[AuditEvent], names: dict, stage_numbers: dict[int, int]
) -> list[TimelineEntry]:
    """Audit events as timeline entries: who, when, what, and each change before → after."""
    entries = []
    for event in events:
        model = event.content_type.model_class()
        entries.append(
            TimelineEntry(
                at=event.at,
                when=moment(event.at),
                title=event_title(event, model, _stage_number(event, model, stage_numbers)),
                by=event.actor_label,
                changes=_changes(event, model, names),
                note=event.note,
            )
        )
    return entries
