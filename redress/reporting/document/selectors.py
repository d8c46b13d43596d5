"""Reads for the report that are not figures: the procedures' rules, compliment quotes, the
summaries of children's complaints (Appendix C) and learning action descriptions (Appendix D).

Each is scoped like the figures: to the period, to what was recorded by `as_of`, and to a
service's areas when the report is for one service. Each text comes with the names that a
published report must remove from it, and with the excerpt a complaints manager approved for
publication (`excerpt`, None when there is none): the versions of the report that leave the
complaints team print that excerpt, never the record's own text.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from redress.complaints.choices import CYP_COMPLAINANT_TYPES
from redress.complaints.models import Complaint, LearningAction
from redress.feedback.models import Compliment
from redress.organisations.models import ServiceArea
from redress.procedures.models import Procedure
from redress.reporting.models import ExcerptSource, PublishableExcerpt
from redress.reporting.periods import Period


@dataclass(frozen=True)
class StageTimescales:
    stage: int
    name: str
    timescale_days: int
    max_days: int
    clock_start: str
    panel_within_days: int | None
    report_within_days: int | None
    response_within_days: int | None


@dataclass(frozen=True)
class ProcedureRules:
    code: str
    name: str
    description: str
    stages: tuple[StageTimescales, ...]


@dataclass(frozen=True)
class ComplimentQuote:
    text: str
    staff_member: str
    consent: bool
    service: str
    excerpt: str | None = None


@dataclass(frozen=True)
class CaseExample:
    """The summary of a complaint, with the names of the people in it."""

    text: str
    names: tuple[str, ...]
    excerpt: str | None = None


@dataclass(frozen=True)
class LearningExample:
    text: str
    theme: str | None
    names: tuple[str, ...]
    excerpt: str | None = None


def service_area_ids(service: str | None) -> list[int] | None:
    """Every effective-dated version of the named service area (None: the whole authority)."""
    if service is None:
        return None
    return list(ServiceArea.objects.filter(name=service).values_list("id", flat=True))


def procedures() -> list[ProcedureRules]:
    return [
        ProcedureRules(
            code=p.code,
            name=p.name,
            description=p.description,
            stages=tuple(
                StageTimescales(
                    stage=r.stage,
                    name=r.name,
                    timescale_days=r.timescale_days,
                    max_days=r.max_days,
                    clock_start=r.clock_start,
                    panel_within_days=r.panel_within_days,
                    report_within_days=r.report_within_days,
                    response_within_days=r.response_within_days,
                )
                for r in sorted(p.stage_rules.all(), key=lambda r: r.stage)
            ),
        )
        for p in Procedure.objects.prefetch_related("stage_rules")
    ]


def _in(period: Period, as_of: datetime.date) -> tuple[datetime.date, datetime.date]:
    return period.start, min(period.end, as_of)


def approved_excerpts(source: ExcerptSource, ids: Sequence[int]) -> dict[int, str]:
    """The approved, not withdrawn, excerpt of each of these records that has one."""
    key = f"{source.value}_id"
    rows = PublishableExcerpt.objects.filter(
        source=source, withdrawn=False, approved_at__isnull=False, **{f"{key}__in": list(ids)}
    ).values_list(key, "text")
    return {pk: text.strip() for pk, text in rows}


def _approved(source: ExcerptSource) -> QuerySet:
    """The ids of the records of this kind with an approved, not withdrawn, excerpt."""
    return PublishableExcerpt.objects.filter(
        source=source, withdrawn=False, approved_at__isnull=False
    ).values(f"{source.value}_id")


def period_compliments(
    *, period: Period, as_of: datetime.date, areas: Sequence[int] | None
) -> QuerySet[Compliment]:
    """The compliments of the period that say something: the ones a report can quote."""
    qs = Compliment.objects.filter(received_date__range=_in(period, as_of)).exclude(text="")
    if areas is not None:
        qs = qs.filter(service_area_id__in=areas)
    return qs.select_related("service_area")


def compliment_quotes(
    *,
    period: Period,
    as_of: datetime.date,
    areas: Sequence[int] | None,
    limit: int,
    approved_only: bool = False,
) -> list[ComplimentQuote]:
    """The fullest compliments of the period (those with most to say), in date order;
    `approved_only`: the fullest of those with an approved excerpt."""
    qs = period_compliments(period=period, as_of=as_of, areas=areas)
    if approved_only:
        qs = qs.filter(pk__in=_approved(ExcerptSource.COMPLIMENT))
    chosen = sorted(qs, key=lambda c: (-len(c.text), c.received_date, c.pk))[:limit]
    excerpts = approved_excerpts(ExcerptSource.COMPLIMENT, [c.pk for c in chosen])
    return [
        ComplimentQuote(
            text=c.text.strip(),
            staff_member=c.staff_member.strip(),
            consent=c.consent_to_publish,
            service=c.service_area.name,
            excerpt=excerpts.get(c.pk),
        )
        for c in sorted(chosen, key=lambda c: (c.received_date, c.pk))
    ]


def _people(complaint: Complaint) -> tuple[str, ...]:
    people = (complaint.complainant, complaint.on_behalf_of, complaint.advocate_person)
    return tuple(p.name for p in people if p is not None and p.name.strip())


def cyp_complaints(
    *, period: Period, as_of: datetime.date, areas: Sequence[int] | None
) -> QuerySet[Complaint]:
    """The stage 1 complaints children and young people made in the period with a summary
    (the complaints `cyp.stage1.received` counts), oldest first."""
    qs = (
        Complaint.objects.filter(
            stages__number=1,
            stages__received_date__range=_in(period, as_of),
            complainant_type__in=list(CYP_COMPLAINANT_TYPES),
        )
        .exclude(summary="")
        .select_related("complainant", "on_behalf_of", "advocate_person")
        .order_by("stages__received_date", "reference")
    )
    if areas is not None:
        qs = qs.filter(service_area_id__in=areas)
    return qs


def cyp_case_examples(
    *, period: Period, as_of: datetime.date, areas: Sequence[int] | None
) -> list[CaseExample]:
    """Summaries of the stage 1 complaints children and young people made in the period (the
    complaints `cyp.stage1.received` counts), oldest first."""
    complaints = list(cyp_complaints(period=period, as_of=as_of, areas=areas))
    excerpts = approved_excerpts(ExcerptSource.COMPLAINT, [c.pk for c in complaints])
    return [
        CaseExample(text=c.summary.strip(), names=_people(c), excerpt=excerpts.get(c.pk))
        for c in complaints
    ]


def period_actions(
    *, period: Period, as_of: datetime.date, areas: Sequence[int] | None
) -> QuerySet[LearningAction]:
    """Learning actions raised in the period (the actions `actions.total` counts), by theme."""
    qs = (
        LearningAction.objects.filter(raised_date__range=_in(period, as_of))
        .exclude(description="")
        .select_related(
            "theme",
            "complaint__complainant",
            "complaint__on_behalf_of",
            "complaint__advocate_person",
        )
        .order_by("theme__name", "raised_date", "pk")
    )
    if areas is not None:
        qs = qs.filter(Q(complaint__service_area_id__in=areas))
    return qs


def learning_examples(
    *, period: Period, as_of: datetime.date, areas: Sequence[int] | None
) -> list[LearningExample]:
    """Learning actions raised in the period (the actions `actions.total` counts), by theme."""
    actions = list(period_actions(period=period, as_of=as_of, areas=areas))
    excerpts = approved_excerpts(ExcerptSource.LEARNING_ACTION, [a.pk for a in actions])
    return [
        LearningExample(
            text=a.description.strip(),
            theme=a.theme.name if a.theme else None,
            names=_people(a.complaint) if a.complaint else (),
            excerpt=excerpts.get(a.pk),
        )
        for a in actions
    ]
