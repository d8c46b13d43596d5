"""Extract the facts once per run: one frame per kind of record, read with one query each.

Values are read with the database cursor (not model instances) and typed by Polars, so a
million stages extract in seconds. Anything dated after `as_of` is treated as not yet recorded:
a response after `as_of` is outstanding, a record received after it does not exist yet.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import polars as pl
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Round

from redress.complaints.models import Aspect, LearningAction, Mediation, Payment, Stage
from redress.feedback.models import Compliment, InformalFeedback, SatisfactionAnswer
from redress.ombudsman.models import Enquiry
from redress.procedures.calendar import WorkingCalendar
from redress.procedures.models import StageRule
from redress.reporting.models import ContextFigure

from . import schema
from .derive import derive_stage_columns
from .frames import Facts


def extract_facts(
    *,
    as_of: datetime.date,
    calendar: WorkingCalendar,
    service_area_ids: Iterable[int] | None = None,
) -> Facts:
    """Every fact frame, as recorded by `as_of`, optionally for some service areas only."""
    areas = list(service_area_ids) if service_area_ids is not None else None
    stages = _frame(_stage_rows(as_of, areas), schema.STAGE_BASE)
    return Facts(
        as_of=as_of,
        stages=derive_stage_columns(stages, calendar),
        aspects=_frame(_aspect_rows(as_of, areas), schema.ASPECT),
        mediations=_frame(_mediation_rows(as_of, areas), schema.MEDIATION),
        enquiries=_frame(_enquiry_rows(as_of, areas), schema.ENQUIRY),
        payments=_frame(_payment_rows(as_of, areas), schema.PAYMENT),
        compliments=_frame(_compliment_rows(as_of, areas), schema.COMPLIMENT),
        feedback=_frame(_feedback_rows(as_of, areas), schema.FEEDBACK),
        satisfaction=_frame(_satisfaction_rows(as_of, areas), schema.SATISFACTION),
        actions=_frame(_action_rows(as_of, areas), schema.ACTION),
        context=_frame(_context_rows(areas), schema.CONTEXT),
        stage_rules=_stage_rules(),
    )


def _scoped(qs: QuerySet, areas: list[int] | None, path: str) -> QuerySet:
    return qs if areas is None else qs.filter(**{f"{path}__in": areas})


def _not_after(field: str, as_of: datetime.date) -> Q:
    """The field is blank or dated on or before as_of."""
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": as_of})


def _recorded(field: str, as_of: datetime.date) -> Case:
    """The date if it was recorded by as_of, otherwise blank."""
    return Case(When(Q(**{f"{field}__lte": as_of}), then=F(field)), default=Value(None))


def _stage_rows(as_of: datetime.date, areas: list[int] | None) -> QuerySet:
    extension = (
        Stage.objects.filter(pk=OuterRef("pk"))
        .filter(_not_after("extensions__agreed_date", as_of))
        .annotate(days=Max("extensions__extended_to_days"))
        .values("days")
    )
    rule = StageRule.objects.filter(
        procedure_id=OuterRef("complaint__procedure_id"), stage=OuterRef("number")
    )
    responded = _recorded("responded_date", as_of)
    qs = (
        Stage.objects.filter(received_date__lte=as_of)
        .annotate(
            responded_by_as_of=responded,
            outcome_by_as_of=Case(
                When(Q(responded_date__gt=as_of), then=Value("")), default=F("outcome")
            ),
            extended_days=Subquery(extension),
            initial_days=Subquery(rule.values("timescale_days")[:1]),
            max_days=Subquery(rule.values("max_days")[:1]),
            clock_rule=Subquery(rule.values("clock_start")[:1]),
            panel_within=Subquery(rule.values("panel_within_days")[:1]),
        )
        .values_list(
            "id",
            "complaint_id",
            "complaint__reference",
            "number",
            "complaint__procedure__code",
            "received_date",
            "complaint__received_date",
            _recorded("acknowledged_date", as_of),
            _recorded("statement_agreed_date", as_of),
            "responded_by_as_of",
            "outcome_by_as_of",
            _recorded("panel_date", as_of),
            _recorded("panel_report_date", as_of),
            "extended_days",
            "initial_days",
            "max_days",
            "clock_rule",
            "panel_within",
            "complaint__service_area_id",
            "complaint__service_area__name",
            "complaint__locality__name",
            "complaint__organisation__name",
            "organisation__name",
            "complaint__method",
            "complaint__complainant_type",
            "complaint__complainant__key",
            "complaint__advocate",
            "complaint__theme__name",
        )
    )
    return _scoped(qs, areas, "complaint__service_area_id")


def _aspect_rows(as_of: datetime.date, areas: list[int] | None) -> QuerySet:
    qs = Aspect.objects.filter(stage__received_date__lte=as_of).values_list(
        "stage_id",
        "stage__complaint_id",
        "stage__complaint__reference",
        "stage__number",
        "stage__received_date",
        "stage__complaint__service_area_id",
        "category__name",
        "subcategory__name",
        "finding",
    )
    return _scoped(qs, areas, "stage__complaint__service_area_id")


def _mediation_rows(as_of: datetime.date, areas: list[int] | None) -> QuerySet:
    qs = Mediation.objects.filter(offered_date__lte=as_of).values_list(
        "complaint_id",
        "complaint__reference",
        "complaint__service_area_id",
        "offered_date",
        _recorded("held_date", as_of),
        "outcome",
    )
    return _scoped(qs, areas, "complaint__service_area_id")


def _enquiry_rows(as_of: datetime.date, areas: list[int] | None) -> QuerySet:
    qs = Enquiry.objects.filter(received_date__lte=as_of).values_list(
        "id",
        "lgo_reference",
        "complaint_id",
        "complaint__service_area_id",
        "received_date",
        _recorded("decision_date", as_of),
        Case(When(Q(decision_date__gt=as_of), then=Value("")), default=F("decision")),
        "remedy_due_date",
        _recorded("remedy_completed_date", as_of),
    )
    return _scoped(qs, areas, "complaint__service_area_id")


def _payment_rows(as_of: datetime.date, areas: list[int] | None) -> QuerySet:
    pence = Cast(Round(F("amount") * 100), output_field=BigIntegerField())
    qs = Payment.objects.filter(date__lte=as_of).values_list(
        "id",
        "complaint_id",
        Coalesce("complaint__service_area_id", "enquiry__complaint__service_area_id"),
        "date",
        "stage",
        "kind",
        pence,
    )
    return _scoped(qs, areas, "complaint__service_area_id")


def _compliment_rows(as_of: datetime.date, areas: list[int] | None) -> QuerySet:
    qs = Compliment.objects.filter(received_date__lte=as_of).values_list(
        "id",
        "received_date",
        "service_area_id",
        "service_area__name",
        "locality__name",
        "staff_member",
        "consent_to_publish",
        "source",
        "external",
        "text",
    )
    return _scoped(qs, areas, "service_area_id")


def _feedback_rows(as_of: datetime.date, areas: list[int] | None) -> QuerySet:
    qs = InformalFeedback.objects.filter(received_date__lte=as_of).values_list(
        "id",
        "received_date",
        "service_area_id",
        "from_child",
        "theme__name",
        "advocate",
        "satisfied",
    )
    return _scoped(qs, areas, "service_area_id")


def _satisfaction_rows(as_of: datetime.date, areas: list[int] | None) -> QuerySet:
    qs = SatisfactionAnswer.objects.filter(complaint__received_date__lte=as_of).values_list(
        "complaint_id",
        "complaint__service_area_id",
        "complaint__received_date",
        "question",
        "answer",
    )
    return _scoped(qs, areas, "complaint__service_area_id")


def _action_rows(as_of: datetime.date, areas: list[int] | None) -> QuerySet:
    qs = LearningAction.objects.filter(raised_date__lte=as_of).values_list(
        "id",
        "complaint_id",
        "complaint__service_area_id",
        "theme__name",
        "raised_date",
        "due_date",
        _recorded("completed_date", as_of),
    )
    return _scoped(qs, areas, "complaint__service_area_id")


def _context_rows(areas: list[int] | None) -> QuerySet:
    qs = ContextFigure.objects.values_list(
        "period",
        "measure",
        "service_area_id",
        "service_area__name",
        Cast("value", output_field=IntegerField()),
    )
    if areas is None:
        return qs
    return qs.filter(Q(service_area_id__in=areas))


def _stage_rules() -> pl.DataFrame:
    rows = StageRule.objects.values_list("procedure__code", "stage", "timescale_days", "max_days")
    return pl.DataFrame(
        list(rows),
        schema={
            "procedure": pl.String(),
            "stage": pl.Int8(),
            "initial_days": pl.Int32(),
            "max_days": pl.Int32(),
        },
        orient="row",
    )


CHUNK = 50_000


def _frame(qs: QuerySet, columns: dict[str, pl.DataType]) -> pl.DataFrame:
    """Run the query with the raw cursor, in chunks, and type the result with the schema."""
    sql, params = qs.query.sql_with_params()
    chunks = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK):
            chunks.append(_typed(rows, columns))
    if not chunks:
        return schema.empty(columns)
    return pl.concat(chunks, how="vertical")


def _typed(rows: list[tuple[Any, ...]], columns: dict[str, pl.DataType]) -> pl.DataFrame:
    # SQLite returns dates as text and booleans as 0/1; PostgreSQL returns date and bool
    # objects. Each column is read as it comes and cast once to the schema's type.
    series = []
    for (name, dtype), values in zip(columns.items(), zip(*rows, strict=True), strict=True):
        if dtype == pl.Date():
            raw = pl.Series(name, values, strict=False)
            column = raw.str.to_date("%Y-%m-%d") if raw.dtype == pl.String else raw.cast(pl.Date)
        elif dtype == pl.String():
            column = pl.Series(name, values, dtype=pl.String).replace("", None)
        else:
            column = pl.Series(name, values, strict=False).cast(dtype)
        series.append(column)
    return pl.DataFrame(series)
