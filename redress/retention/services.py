"""Writes for retention: placing and lifting legal holds, and anonymising the personal data of
records past their retention period.

Anonymising replaces personal data in place (`personal.PERSONAL_FIELDS`) and never deletes a
row, so every figure reads exactly what it read before: the references, dates, outcomes,
reasons, services and the people's keys (repeat complainants) all stay. The audit trail's
snapshots of those records are anonymised the same way, through the one sanctioned way round
its append-only trigger (`core.append_only.audit_erasure`), and each anonymised record gets an
audit event of its own saying what rule was applied, with no personal data in it.

What the public sent online (redress.front) goes the same way: the submissions that became a
complaint (or asked for its next stage) and its follow links with the complaint; a submission
never made a record on its own once the complaints' period has passed since it was sent. Their
files are the one thing deleted, rows and bytes, as a complaint's documents' bytes are.
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import batched
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import F, Min, Q

from redress.complaints.models import Complaint, Extension, Hold, Mediation, Payment, Stage
from redress.complaints.state import refresh_complaints
from redress.core import audit, clock
from redress.core.append_only import audit_erasure
from redress.core.models import AuditEvent
from redress.documents.models import Document
from redress.documents.services import documents_remove_for_retention, storage
from redress.feedback.models import Compliment, InformalFeedback
from redress.front.models import FollowLink, Submission, SubmissionFile
from redress.letters.models import Letter
from redress.notifications.models import Message
from redress.ombudsman.models import Enquiry, Remedy
from redress.people.ages import age_band
from redress.people.models import Person
from redress.surveys.models import Survey

from . import selectors
from .models import Anonymisation, LegalHold, RecordType
from .personal import NOTE_REMOVED, personal_fields, scrub_snapshot

if TYPE_CHECKING:
    from redress.accounts.models import User

logger = logging.getLogger(__name__)

BATCH = 500
ANONYMISED = "retention.anonymise"
# The dedupe key of the acknowledgement sent to a submission's address (front.services).
ACKNOWLEDGEMENT_KEY = "submission.acknowledge:{}"


# -- the retention run ----------------------------------------------------------------------


@dataclass
class RetentionReport:
    """What a run found (a dry run) or did (an applied run)."""

    as_of: datetime.date
    applied: bool
    policies: dict[str, str]
    complaints: list[str] = field(default_factory=list)  # references
    people: int = 0
    informal_feedback: int = 0
    compliments: int = 0
    submissions: int = 0  # sent online: with their complaints, and those never made a record
    audit_events: int = 0
    held: list[str] = field(default_factory=list)  # references a legal hold keeps back

    @property
    def nothing_to_do(self) -> bool:
        return not (
            self.complaints
            or self.people
            or self.informal_feedback
            or self.compliments
            or self.submissions
        )


def retention_run(
    *,
    as_of: datetime.date,
    apply: bool,
    by: User | None = None,
    batch: int = BATCH,
    progress: Callable[[str], None] | None = None,
) -> RetentionReport:
    """Find (and with `apply`, anonymise) every record past its retention period on `as_of`.

    Each batch is one transaction: a run stopped halfway leaves whole batches anonymised and
    the rest as they were, and running it again carries on (records already anonymised are
    never touched again)."""
    report = RetentionReport(
        as_of=as_of,
        applied=apply,
        policies={t: selectors.policy_text(t) for t in RecordType.values},
    )
    report.held = list(selectors.complaints_held(as_of=as_of).values_list("reference", flat=True))
    due = list(selectors.complaints_due(as_of=as_of).values_list("pk", "reference"))
    report.complaints = [reference for _, reference in due]
    ids = [pk for pk, _ in due]
    feedback = list(selectors.feedback_due(as_of=as_of).values_list("pk", flat=True))
    compliments = list(selectors.compliments_due(as_of=as_of).values_list("pk", flat=True))
    report.informal_feedback, report.compliments = len(feedback), len(compliments)
    submissions = list(selectors.submissions_due(as_of=as_of).values_list("pk", flat=True))
    if not apply:
        # Counted a batch at a time (no IN list of every id), each event and person once.
        released: set[int] = set()
        would_change: set[int] = set()
        due_ids = set(ids)
        for chunk in batched(ids, batch, strict=False):
            newly = set(selectors.people_released(chunk, also_done=due_ids)) - released
            released |= newly
            would_change |= {e.pk for e in _scrubbed(_events(chunk, newly))}
            with_them = selectors.submissions_of(chunk)
            report.submissions += len(with_them)
            would_change |= {e.pk for e in _scrubbed(_events_of(Submission, with_them))}
        report.submissions += len(submissions)
        for model, found in (
            (InformalFeedback, feedback),
            (Compliment, compliments),
            (Submission, submissions),
        ):
            for part in batched(found, batch, strict=False):
                would_change |= {e.pk for e in _scrubbed(_events_of(model, part))}
        report.people, report.audit_events = len(released), len(would_change)
        return report
    for chunk in batched(ids, batch, strict=False):
        people, sent, events = _anonymise_complaints(list(chunk), as_of=as_of, by=by)
        report.people += people
        report.submissions += sent
        report.audit_events += events
        if progress:
            progress(f"Anonymised {len(chunk)} complaints and {people} people.")
    for model, record_type, found in (
        (InformalFeedback, RecordType.INFORMAL_FEEDBACK, feedback),
        (Compliment, RecordType.COMPLIMENT, compliments),
    ):
        for chunk in batched(found, batch, strict=False):
            report.audit_events += _anonymise_records(model, record_type, list(chunk), by=by)
    for chunk in batched(submissions, batch, strict=False):
        sent, events = _anonymise_submissions(list(chunk), by=by)
        report.submissions += sent
        report.audit_events += events
    return report


def _events(complaint_ids: Iterable[int], person_ids: Iterable[int]) -> models.QuerySet:
    """The audit events that can hold these complaints' and people's personal data."""
    person_type = ContentType.objects.get_for_model(Person)
    return AuditEvent.objects.filter(
        Q(complaint_id__in=list(complaint_ids))
        | Q(content_type=person_type, object_id__in=[str(p) for p in person_ids])
    )


# Each complaint's records, by the path from the record to its complaint.
COMPLAINT_RECORDS: tuple[tuple[type[models.Model], tuple[str, ...]], ...] = (
    (Complaint, ("pk",)),
    (Stage, ("complaint_id",)),
    (Hold, ("stage__complaint_id",)),
    (Extension, ("stage__complaint_id",)),
    (Mediation, ("complaint_id",)),
    (Payment, ("complaint_id", "enquiry__complaint_id")),
    (Enquiry, ("complaint_id",)),
    (Remedy, ("enquiry__complaint_id",)),
    (LegalHold, ("complaint_id",)),
    (Document, ("complaint_id",)),
    (Letter, ("complaint_id",)),
    (Message, ("complaint_id",)),
    (Survey, ("complaint_id",)),
    (FollowLink, ("complaint_id",)),
)


def _events_of(model: type[models.Model], ids: Iterable[int]) -> models.QuerySet:
    content_type = ContentType.objects.get_for_model(model)
    return AuditEvent.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in ids]
    )


def _blank(model: type[models.Model], rows: models.QuerySet) -> None:
    values = dict(personal_fields(model))
    if any(f.name == "updated_at" for f in model._meta.concrete_fields):
        values["updated_at"] = clock.now()
    if values:
        rows.update(**values)


def _anonymise_complaints(
    ids: list[int], *, as_of: datetime.date, by: User | None
) -> tuple[int, int, int]:
    """One batch, in one transaction: (people, submissions sent online and audit events
    anonymised)."""
    with transaction.atomic(), audit_erasure():
        # Lock them, then ask again: a legal hold placed since the run began keeps its complaint.
        list(Complaint.objects.select_for_update(of=("self",)).filter(pk__in=ids).values("pk"))
        due = {
            c.pk: c
            for c in selectors.complaints_due(as_of=as_of)
            .filter(pk__in=ids)
            .only("pk", "reference")
        }
        ids = sorted(due)
        if not ids:
            return 0, 0, 0
        people = selectors.people_released(ids, also_done=ids)
        bands = _age_bands(people)
        for model, paths in COMPLAINT_RECORDS:
            where = Q()
            for path in paths:
                where |= Q(**{f"{path}__in": ids})
            _blank(model, model._default_manager.filter(where))
        # Their documents: marked removed, their files deleted once this batch is committed
        # (their names are blanked with the rest, `personal.PERSONAL_FIELDS`).
        documents_remove_for_retention(complaint_ids=ids, by=by)
        policy = selectors.policy_text(RecordType.COMPLAINT)
        sent = selectors.submissions_of(ids)
        submission_events = _forget_submissions(sent, by=by, policy=policy)
        _blank(Person, Person.objects.filter(pk__in=people))
        for band, members in bands.items():
            Person.objects.filter(pk__in=members).update(age_band=band)
        events = _scrub_events(_events(ids, people))
        # A form opened on one of them before now is refused rather than write over it (ADR 0016).
        Complaint.objects.filter(pk__in=ids).update(version=F("version") + 1)
        now = clock.now()
        Anonymisation.objects.bulk_create(
            [
                Anonymisation(
                    record_type=RecordType.COMPLAINT, object_id=pk, anonymised_at=now, policy=policy
                )
                for pk in ids
            ]
            + [
                Anonymisation(
                    record_type=selectors.PERSON, object_id=pk, anonymised_at=now, policy=policy
                )
                for pk in people
            ]
        )
        for pk in ids:
            audit.record(
                action="retention.anonymise",
                obj=due[pk],
                by=by,
                complaint=due[pk],
                note=f"Personal data anonymised under the retention policy ({policy}; "
                f"closed {due[pk].closed_on}).",
            )
        for person in Person.objects.filter(pk__in=people).only("pk"):
            audit.record(
                action="retention.anonymise",
                obj=person,
                by=by,
                note=f"Personal data anonymised under the retention policy ({policy}): "
                "every complaint they were behind is anonymised.",
            )
        # Names are gone: the complaints' stored state (and search text) is worked out again.
        touched = set(ids).union(*selectors.complaints_of_people(people).values())
        refresh_complaints(touched)
        return len(people), len(sent), events + submission_events


def _anonymise_submissions(ids: list[int], *, by: User | None) -> tuple[int, int]:
    """A batch of submissions never made a record, in one transaction: (submissions, audit
    events anonymised)."""
    with transaction.atomic(), audit_erasure():
        list(Submission.objects.select_for_update().filter(pk__in=ids).values("pk"))
        done = selectors.anonymised_ids(selectors.SUBMISSION, ids)
        ids = [pk for pk in ids if pk not in done]
        events = _forget_submissions(ids, by=by, policy=selectors.submission_policy_text())
        return len(ids), events


def _forget_submissions(ids: list[int], *, by: User | None, policy: str) -> int:
    """Inside a batch's transaction: blank these submissions' personal data and the
    acknowledgement sent to their address, delete their files (the rows now, the bytes once
    the batch is committed), anonymise their audit snapshots and notes, and record and audit
    each as anonymised. Returns how many audit events changed."""
    if not ids:
        return 0
    rows = Submission.objects.filter(pk__in=ids)
    keys = [ACKNOWLEDGEMENT_KEY.format(r) for r in rows.values_list("reference", flat=True)]
    _blank(Submission, rows)
    _blank(Message, Message.objects.filter(dedupe_key__in=keys))
    files = SubmissionFile.objects.filter(submission_id__in=ids)
    for stored_name in list(files.values_list("stored_name", flat=True)):
        transaction.on_commit(functools.partial(_delete_file, stored_name), robust=True)
    files.delete()
    events = _scrub_events(_events_of(Submission, ids))
    now = clock.now()
    Anonymisation.objects.bulk_create(
        [
            Anonymisation(
                record_type=selectors.SUBMISSION, object_id=pk, anonymised_at=now, policy=policy
            )
            for pk in ids
        ]
    )
    for submission in rows.only("pk"):
        audit.record(
            action=ANONYMISED,
            obj=submission,
            by=by,
            note=f"Personal data anonymised under the retention policy ({policy}); its files "
            "deleted.",
        )
    return events


def _delete_file(stored_name: str) -> None:
    try:
        storage().delete(stored_name)
    except Exception:  # the row is gone; the bytes are left for an administrator
        logger.exception("Could not delete the bytes of a submission's file %s", stored_name)


def _anonymise_records(
    model: type[models.Model], record_type: str, ids: list[int], *, by: User | None
) -> int:
    """A batch of feedback or compliments, in one transaction: audit events anonymised."""
    with transaction.atomic(), audit_erasure():
        done = selectors.anonymised_ids(record_type, ids)
        ids = [pk for pk in ids if pk not in done]
        if not ids:
            return 0
        _blank(model, model._default_manager.filter(pk__in=ids))
        events = _scrub_events(_events_of(model, ids))
        now = clock.now()
        policy = selectors.policy_text(record_type)
        Anonymisation.objects.bulk_create(
            [
                Anonymisation(
                    record_type=record_type, object_id=pk, anonymised_at=now, policy=policy
                )
                for pk in ids
            ]
        )
        for obj in model._default_manager.filter(pk__in=ids).only("pk"):
            audit.record(
                action="retention.anonymise",
                obj=obj,
                by=by,
                note=f"Personal data anonymised under the retention policy ({policy}).",
            )
        return events


def _scrub_events(events: models.QuerySet) -> int:
    """Anonymise these events' snapshots and notes; returns how many changed."""
    changed = _scrubbed(events)
    AuditEvent.objects.bulk_update(changed, ["before", "after", "note"], batch_size=500)
    return len(changed)


def _scrubbed(events: models.QuerySet) -> list[AuditEvent]:
    """The events that hold personal data, with their personal fields replaced (in memory
    only): the values in snapshots, and notes, which can quote what was typed (a hold's or an
    extension's reason)."""
    models_by_type: dict[int, Any] = {}
    changed = []
    for event in events.only("pk", "action", "content_type_id", "before", "after", "note"):
        if event.content_type_id not in models_by_type:
            models_by_type[event.content_type_id] = ContentType.objects.get_for_id(
                event.content_type_id
            ).model_class()
        model = models_by_type[event.content_type_id]
        before = scrub_snapshot(model, event.before)
        after = scrub_snapshot(model, event.after)
        note = NOTE_REMOVED if event.note and event.action != ANONYMISED else event.note
        if (before, after, note) != (event.before, event.after, event.note):
            event.before, event.after, event.note = before, after, note
            changed.append(event)
    return changed


def _age_bands(person_ids: list[int]) -> dict[str, list[int]]:
    """Age band -> people: for the children and young people a complaint was about whose date
    of birth is known but band is not, their band at the first such complaint, so the age they
    were stays known once the date goes. (Adults keep no band: "18 to 25" means a care leaver.)"""
    out: dict[str, list[int]] = {}
    rows = (
        Person.objects.filter(pk__in=person_ids, date_of_birth__isnull=False, age_band="")
        .annotate(
            first_about=Min("complaints_about__received_date"),
            first_for=Min("complaints_on_behalf__received_date"),
        )
        .values_list("pk", "date_of_birth", "first_about", "first_for")
    )
    for pk, born, *firsts in rows:
        dates = [d for d in firsts if d is not None]
        band = age_band(born, min(dates)) if dates and born else None
        if band is not None:
            out.setdefault(band, []).append(pk)
    return out
