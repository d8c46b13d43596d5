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
from redress.ombudsman.models import Enquiry
from redress.reporting.document import selectors as document
from redress.reporting.models import (
    EXCERPT_FIELDS,
    EXCERPT_RECORDS,
    ExcerptSource,
    PublishableExcerpt,
    ReportEdition,
)
from redress.reporting.selectors.access import report_access
from redress.reporting.selectors.editions import edition_areas

MANAGERS_ONLY = (
    "Only a complaints manager can write, approve or withdraw an excerpt for publication."
)

Record = Compliment | Complaint | LearningAction | Enquiry
# The first kind of each model is the one its records' excerpts are of unless a kind is given
# (a learning action's description, rather than its "you said" or "we did").
MODELS: dict[ExcerptSource, type[Model]] = {
    ExcerptSource.COMPLIMENT: Compliment,
    ExcerptSource.COMPLAINT: Complaint,
    ExcerptSource.LEARNING_ACTION: LearningAction,
    ExcerptSource.YOU_SAID: LearningAction,
    ExcerptSource.WE_DID: LearningAction,
    ExcerptSource.ENQUIRY: Enquiry,
}

# How the pages' addresses name each kind of text: /reports/excerpts/compliments/12/,
# /reports/excerpts/you-said/40/ (the "you said" of learning action 40).
SLUGS: dict[str, ExcerptSource] = {
    "compliments": ExcerptSource.COMPLIMENT,
    "complaints": ExcerptSource.COMPLAINT,
    "learning-actions": ExcerptSource.LEARNING_ACTION,
    "you-said": ExcerptSource.YOU_SAID,
    "we-did": ExcerptSource.WE_DID,
    "ombudsman-enquiries": ExcerptSource.ENQUIRY,
}
SLUG_OF = {source: slug for slug, source in SLUGS.items()}


def may_approve_excerpts(user: Any) -> bool:
    """Complaints managers (and superusers) decide what leaves the team, as they publish."""
    return report_access(user).publish_editions


def source_of(record: Record, source: ExcerptSource | None = None) -> ExcerptSource:
    """The kind of excerpt meant: `source` when given (it must be of this record's model),
    otherwise the record's first kind."""
    if source is not None:
        if not isinstance(record, MODELS[source]):
            raise ValueError(
                f"“{source.label}” excerpts are written from "
                f"{MODELS[source]._meta.verbose_name_plural}, not from "
                f"{type(record)._meta.verbose_name_plural}."
            )
        return source
    return next(source for source, model in MODELS.items() if isinstance(record, model))


def record_for(slug: str, pk: int) -> Record | None:
    """The record of the kind an address names (`compliments`, `complaints`,
    `learning-actions`, `you-said`, `we-did`, `ombudsman-enquiries`), or None."""
    if slug not in SLUGS:
        return None
    model = MODELS[SLUGS[slug]]
    related: dict[type[Model], tuple[str, ...]] = {
        Compliment: ("service_area",),
        Complaint: ("service_area",),
        LearningAction: ("complaint", "theme"),
        Enquiry: ("complaint",),
    }
    found = model._default_manager.select_related(*related[model]).filter(pk=pk).first()
    return found  # type: ignore[return-value]


def recorded_text(record: Record, source: ExcerptSource | None = None) -> str:
    """The record's own free text: what the complaints team reads, never the public."""
    return str(getattr(record, EXCERPT_FIELDS[source_of(record, source)])).strip()


def describe(record: Record, source: ExcerptSource | None = None) -> str:
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
        case Enquiry():
            about = f" (complaint {record.complaint.reference})" if record.complaint else ""
            return f"Ombudsman enquiry {record.lgo_reference}{about}"
        case _:
            about = f" (complaint {record.complaint.reference})" if record.complaint else ""
            text = {
                ExcerptSource.YOU_SAID: "“You said” of the learning action",
                ExcerptSource.WE_DID: "“We did” of the learning action",
            }.get(source_of(record, source), "Learning action")
            return f"{text} raised {govuk_date(record.raised_date)}{about}"


def _of(record: Record, source: ExcerptSource | None) -> dict[str, Any]:
    """The filter for the excerpts of this kind of this record."""
    source = source_of(record, source)
    return {"source": source, EXCERPT_RECORDS[source]: record}


def live_excerpt(record: Record, source: ExcerptSource | None = None) -> PublishableExcerpt | None:
    """The record's excerpt that is not withdrawn (approved or not yet), if it has one."""
    return (
        PublishableExcerpt.objects.filter(withdrawn=False, **_of(record, source))
        .select_related("written_by", "approved_by")
        .first()
    )


def withdrawn_excerpts(
    record: Record, source: ExcerptSource | None = None
) -> list[PublishableExcerpt]:
    return list(
        PublishableExcerpt.objects.filter(withdrawn=True, **_of(record, source))
        .select_related("written_by", "approved_by", "withdrawn_by")
        .order_by("-withdrawn_at", "-pk")
    )


@dataclass(frozen=True)
class Candidate:
    """A record a report edition could quote, and its live excerpt."""

    source: ExcerptSource
    pk: int
    when: datetime.date
    label: str  # the service, the complaint's reference, or the Ombudsman's
    text: str
    excerpt: PublishableExcerpt | None


def edition_as_of(edition: ReportEdition) -> datetime.date:
    return edition.as_of or clock.today()


def candidates(edition: ReportEdition, source: ExcerptSource) -> list[Candidate]:
    """The records of this kind the edition's report could quote, as the report chooses them
    (the period's compliments with words, children's stage 1 complaints, learning actions and
    the "you said" and "we did" of those that have them, the Ombudsman's decisions with a
    summary), in date order."""
    scope: dict[str, Any] = {
        "period": edition.period,
        "as_of": edition_as_of(edition),
        # A locality's edition: the service areas its report counts.
        "areas": edition_areas(edition)
        if edition.locality
        else document.service_area_ids(edition.service),
    }
    records: list[Record]
    if source == ExcerptSource.COMPLIMENT:
        records = list(document.period_compliments(**scope).order_by("received_date", "pk"))
    elif source == ExcerptSource.COMPLAINT:
        records = list(document.cyp_complaints(**scope))
    elif source == ExcerptSource.ENQUIRY:
        records = list(document.decided_enquiries(**scope).exclude(summary=""))
    else:
        actions = document.period_actions(**scope).order_by("raised_date", "pk")
        if source != ExcerptSource.LEARNING_ACTION:
            actions = actions.exclude(**{EXCERPT_FIELDS[source]: ""})
        records = list(actions)
    live = {
        e.record_id: e
        for e in PublishableExcerpt.objects.filter(
            source=source,
            withdrawn=False,
            **{f"{EXCERPT_RECORDS[source]}__in": [r.pk for r in records]},
        )
    }
    return [
        Candidate(
            source=source,
            pk=r.pk,
            when=_when(r),
            label=_label(r),
            text=recorded_text(r, source),
            excerpt=live.get(r.pk),
        )
        for r in records
    ]


def _when(record: Record) -> datetime.date:
    match record:
        case Compliment() | Complaint():
            return record.received_date
        case Enquiry():
            return record.decision_date or record.received_date
        case _:
            return record.raised_date


def _label(record: Record) -> str:
    match record:
        case Compliment():
            return record.service_area.name
        case Complaint():
            return record.reference
        case Enquiry():
            return record.lgo_reference
        case _:
            return record.complaint.reference if record.complaint else "No complaint"
