"""Reads for the report that are not figures: the procedures' rules, compliment quotes, the
Ombudsman's decisions case by case, the summaries of children's complaints (Appendix C) and
learning actions with their "you said, we did" (Appendix D).

Each is scoped like the figures: to the period, to what was recorded by `as_of`, and to a
service's areas when the report is for one service. Each text comes with the names that a
published report must remove from it, and with the excerpt a complaints manager approved for
publication (`excerpt`, None when there is none): the versions of the report that leave the
complaints team print that excerpt, never the record's own text.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.db.models.functions import Length

from redress.complaints.choices import CYP_COMPLAINANT_TYPES, PaymentKind, PaymentStage
from redress.complaints.models import Complaint, LearningAction, Payment
from redress.feedback.models import Compliment
from redress.ombudsman.models import Enquiry, Remedy
from redress.organisations.models import ServiceArea
from redress.procedures.models import Procedure
from redress.reporting.models import EXCERPT_RECORDS, ExcerptSource, PublishableExcerpt
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


@dataclass(frozen=True)
class RemedyDone:
    """One remedy the Ombudsman asked for, as it stood on the report's `as_of`."""

    kind: str  # a RemedyKind value
    due: datetime.date | None
    completed: datetime.date | None  # None: not complied with by as_of


@dataclass(frozen=True)
class OmbudsmanCase:
    """An Ombudsman decision made in the period, with what the authority was asked to do."""

    lgo_reference: str
    complaint_reference: str | None
    decision: str  # a Decision value
    decided: datetime.date
    remedies: tuple[RemedyDone, ...]
    # The date the decision set for every remedy, and when the last was done (by as_of): what
    # an enquiry recorded without its remedies one by one still says.
    remedy_due: datetime.date | None
    remedy_completed: datetime.date | None
    recommended: bool  # recommendations were recorded (their words are the team's only)
    paid: Decimal  # compensation paid on the enquiry by as_of
    summary: str  # the enquiry's own summary: the complaints team's version only
    names: tuple[str, ...]
    excerpt: str | None = None


@dataclass(frozen=True)
class YouSaidWeDid:
    """A learning action raised in the period: what the complaint told us and what changed,
    with what prompted it and where it stands on `as_of`."""

    complaint_reference: str | None
    stage: int | None  # the stage whose response prompted it
    ombudsman: bool  # prompted by an Ombudsman decision (see `you_said_we_did`)
    theme: str | None
    description: str
    you_said: str
    we_did: str
    raised: datetime.date
    due: datetime.date | None
    completed: datetime.date | None  # None: not completed by as_of
    names: tuple[str, ...]
    you_said_excerpt: str | None = None
    we_did_excerpt: str | None = None
    excerpt: str | None = None  # of the description


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
    key = f"{EXCERPT_RECORDS[source]}_id"
    rows = PublishableExcerpt.objects.filter(
        source=source, withdrawn=False, approved_at__isnull=False, **{f"{key}__in": list(ids)}
    ).values_list(key, "text")
    return {pk: text.strip() for pk, text in rows}


def _approved(source: ExcerptSource) -> QuerySet:
    """The ids of the records of this kind with an approved, not withdrawn, excerpt."""
    return PublishableExcerpt.objects.filter(
        source=source, withdrawn=False, approved_at__isnull=False
    ).values(f"{EXCERPT_RECORDS[source]}_id")


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
    # Chosen by the database: a large authority's year has thousands of compliments.
    chosen = list(qs.order_by(Length("text").desc(), "received_date", "pk")[:limit])
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


def _recorded(day: datetime.date | None, as_of: datetime.date) -> datetime.date | None:
    """A date recorded by `as_of`, or None: a report as of a day knows nothing later."""
    return day if day is not None and day <= as_of else None


def decided_enquiries(
    *, period: Period, as_of: datetime.date, areas: Sequence[int] | None
) -> QuerySet[Enquiry]:
    """Ombudsman enquiries decided in the period (the decisions `lgo.decision.*` count), in the
    order they were decided."""
    qs = Enquiry.objects.filter(decision_date__range=_in(period, as_of)).exclude(decision="")
    if areas is not None:
        qs = qs.filter(complaint__service_area_id__in=areas)
    return qs.select_related(
        "complaint__complainant", "complaint__on_behalf_of", "complaint__advocate_person"
    ).order_by("decision_date", "lgo_reference")


def ombudsman_cases(
    *, period: Period, as_of: datetime.date, areas: Sequence[int] | None
) -> list[OmbudsmanCase]:
    """Each Ombudsman decision made in the period, oldest first, with its remedies and the
    compensation paid on it as they stood on `as_of`, the enquiry's summary and its approved
    excerpt."""
    enquiries = list(
        decided_enquiries(period=period, as_of=as_of, areas=areas).prefetch_related(
            Prefetch("remedies", queryset=Remedy.objects.order_by("due_date", "pk"))
        )
    )
    ids = [e.pk for e in enquiries]
    paid: dict[int, Decimal] = defaultdict(Decimal)
    for enquiry_id, amount in Payment.objects.filter(
        enquiry_id__in=ids,
        stage=PaymentStage.LGO,
        kind=PaymentKind.COMPENSATION,
        date__lte=as_of,
    ).values_list("enquiry_id", "amount"):
        paid[enquiry_id] += amount
    excerpts = approved_excerpts(ExcerptSource.ENQUIRY, ids)
    return [
        OmbudsmanCase(
            lgo_reference=e.lgo_reference,
            complaint_reference=e.complaint.reference if e.complaint else None,
            decision=e.decision,
            decided=e.decision_date,  # type: ignore[arg-type]  # decided: the query says so
            remedies=tuple(
                RemedyDone(
                    kind=r.kind, due=r.due_date, completed=_recorded(r.completed_date, as_of)
                )
                for r in e.remedies.all()
            ),
            remedy_due=e.remedy_due_date,
            remedy_completed=_recorded(e.remedy_completed_date, as_of),
            recommended=bool(e.recommendations.strip()),
            paid=paid[e.pk],
            summary=e.summary.strip(),
            names=_people(e.complaint) if e.complaint else (),
            excerpt=excerpts.get(e.pk),
        )
        for e in enquiries
    ]


def you_said_we_did(
    *, period: Period, as_of: datetime.date, areas: Sequence[int] | None
) -> list[YouSaidWeDid]:
    """Learning actions raised in the period (the actions `actions.total` counts), by theme,
    with what prompted them. An action records the stage whose response prompted it; one with
    no stage, whose complaint had an Ombudsman decision by the day it was raised, was prompted
    by the Ombudsman (the only stage after the authority's own)."""
    actions = list(
        period_actions(period=period, as_of=as_of, areas=areas).prefetch_related(
            Prefetch(
                "complaint__ombudsman_enquiries",
                queryset=Enquiry.objects.exclude(decision="").only("complaint_id", "decision_date"),
            )
        )
    )
    ids = [a.pk for a in actions]
    said = approved_excerpts(ExcerptSource.YOU_SAID, ids)
    did = approved_excerpts(ExcerptSource.WE_DID, ids)
    described = approved_excerpts(ExcerptSource.LEARNING_ACTION, ids)

    def ombudsman(action: LearningAction) -> bool:
        if action.stage_number is not None or action.complaint is None:
            return False
        return any(
            e.decision_date is not None and e.decision_date <= action.raised_date
            for e in action.complaint.ombudsman_enquiries.all()
        )

    return [
        YouSaidWeDid(
            complaint_reference=a.complaint.reference if a.complaint else None,
            stage=a.stage_number,
            ombudsman=ombudsman(a),
            theme=a.theme.name if a.theme else None,
            description=a.description.strip(),
            you_said=a.you_said.strip(),
            we_did=a.we_did.strip(),
            raised=a.raised_date,
            due=a.due_date,
            completed=_recorded(a.completed_date, as_of),
            names=_people(a.complaint) if a.complaint else (),
            you_said_excerpt=said.get(a.pk),
            we_did_excerpt=did.get(a.pk),
            excerpt=described.get(a.pk),
        )
        for a in actions
    ]
