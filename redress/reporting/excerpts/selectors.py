"""Reads for the excerpt pages: who may write and approve excerpts, the record an excerpt is
of, and the records a report edition could quote, each with its live excerpt."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from redress.complaints.models import Complaint, LearningAction
from redress.core import clock
from redress.feedback.models import Compliment
from redress.reporting.document import selectors as document
from redress.reporting.models import (
    EXCERPT_FIELDS,
    ExcerptSource,
    PublishableExcerpt,
    ReportEdition,
)
from redress.reporting.selectors.access import report_access

MANAGERS_ONLY = (
    "Only a complaints manager can write, approve or withdraw an excerpt for publication."
)

Record = Compliment | Complaint | LearningAction
MODELS: dict[ExcerptSource, type[Model]] = {
    ExcerptSource.COMPLIMENT: Compliment,
    ExcerptSource.COMPLAINT: Complaint,
    ExcerptSource.LEARNING_ACTION: LearningAction,
}

# How the pages' addresses name each kind of record: /reports/excerpts/compliments/12/.
SLUGS: dict[str, ExcerptSource] = {
    "compliments": ExcerptSource.COMPLIMENT,
    "complaints": ExcerptSource.COMPLAINT,
    "learning-actions": ExcerptSource.LEARNING_ACTION,
}
SLUG_OF = {source: slug for slug, source in SLUGS.items()}


def may_approve_excerpts(user: Any) -> bool:
    """Complaints managers (and superusers) decide what leaves the team, as they publish."""
    return report_access(user).publish_editions


def source_of(record: Record) -> ExcerptSource:
    return next(source for source, model in MODELS.items() if isinstance(record, model))


def record_for(slug: str, pk: int) -> Record | None:
    """The record of the kind an address names (`compliments`, `complaints`,
    `learning-actions`), or None."""
    if slug not in SLUGS:
        return None
    source = SLUGS[slug]
    related = {
        ExcerptSource.COMPLIMENT: ("service_area",),
        ExcerptSource.COMPLAINT: ("service_area",),
        ExcerptSource.LEARNING_ACTION: ("complaint", "theme"),
    }[source]
    found = MODELS[source]._default_manager.select_related(*related).filter(pk=pk).first()
    return found  # type: ignore[return-value]


def recorded_text(record: Record) -> str:
    """The record's own free text: what the complaints team reads, never the public."""
    return str(getattr(record, EXCERPT_FIELDS[source_of(record)])).strip()


def describe(record: Record) -> str:
    """`Compliment for Fostering, received 4 May 2021`: how the pages and the audit name it."""
    from redress.core.presenters import govuk_date

    match record:
        case Compliment():
            return (
                f"Compliment for {record.service_area.name}, received "
                f"{govuk_date(record.received_date)}"
            )
        case Complaint():
            return f"Complaint {record.reference}"
        case _:
            about = f" (complaint {record.complaint.reference})" if record.complaint else ""
            return f"Learning action raised {govuk_date(record.raised_date)}{about}"


def live_excerpt(record: Record) -> PublishableExcerpt | None:
    """The record's excerpt that is not withdrawn (approved or not yet), if it has one."""
    source = source_of(record)
    return (
        PublishableExcerpt.objects.filter(source=source, withdrawn=False, **{source.value: record})
        .select_related("written_by", "approved_by")
        .first()
    )


def withdrawn_excerpts(record: Record) -> list[PublishableExcerpt]:
    source = source_of(record)
    return list(
        PublishableExcerpt.objects.filter(source=source, withdrawn=True, **{source.value: record})
        .select_related("written_by", "approved_by", "withdrawn_by")
        .order_by("-withdrawn_at", "-pk")
    )


@dataclass(frozen=True)
class Candidate:
    """A record a report edition could quote, and its live excerpt."""

    source: ExcerptSource
    pk: int
    when: datetime.date
    label: str  # the service, or the complaint's reference
    text: str
    excerpt: PublishableExcerpt | None


def edition_as_of(edition: ReportEdition) -> datetime.date:
    return edition.as_of or clock.today()


def candidates(edition: ReportEdition, source: ExcerptSource) -> list[Candidate]:
    """The records of this kind the edition's report could quote, as the report chooses them
    (the period's compliments with words, children's stage 1 complaints, learning actions), in
    date order."""
    scope: dict[str, Any] = {
        "period": edition.period,
        "as_of": edition_as_of(edition),
        "areas": document.service_area_ids(edition.service),
    }
    records: list[Record]
    if source == ExcerptSource.COMPLIMENT:
        records = list(document.period_compliments(**scope).order_by("received_date", "pk"))
    elif source == ExcerptSource.COMPLAINT:
        records = list(document.cyp_complaints(**scope))
    else:
        records = list(document.period_actions(**scope).order_by("raised_date", "pk"))
    live = {
        e.record_id: e
        for e in PublishableExcerpt.objects.filter(
            source=source, withdrawn=False, **{f"{source.value}__in": [r.pk for r in records]}
        )
    }
    return [
        Candidate(
            source=source,
            pk=r.pk,
            when=_when(r),
            label=_label(r),
            text=recorded_text(r),
            excerpt=live.get(r.pk),
        )
        for r in records
    ]


def _when(record: Record) -> datetime.date:
    match record:
        case Compliment() | Complaint():
            return record.received_date
        case _:
            return record.raised_date


def _label(record: Record) -> str:
    match record:
        case Compliment():
            return record.service_area.name
        case Complaint():
            return record.reference
        case _:
            return record.complaint.reference if record.complaint else "No complaint"
