"""`redress export`: every record in the `redress.import/1` format, which imports back unchanged.

Rows are sorted in Python on their own values (ids only break ties between rows that are
otherwise in the same place), so an export reads the same from SQLite and PostgreSQL and an
export of a re-imported export is identical to the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, cast

from redress.complaints.models import (
    Aspect,
    Complaint,
    Extension,
    LearningAction,
    Mediation,
    Payment,
    Stage,
)
from redress.feedback.models import Compliment, InformalFeedback, Question, SatisfactionAnswer
from redress.ombudsman.models import Enquiry, Remedy
from redress.reporting.models import ContextFigure, Measure

from .format import CUSTOM_PREFIX, SHEETS
from .writers import Cell, SheetData

Rows = list[tuple[Any, ...]]


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _number(value: Decimal) -> Decimal | int:
    return int(value) if value == value.to_integral_value() else value


def _s(value: str | None) -> str:
    return value or ""


def _first(row: tuple[Any, ...]) -> Any:
    return row[0]


def _sheet(name: str, rows: Rows) -> SheetData:
    """Rows are (sort key, cells..., custom_data); the header gets the x_ columns that any row
    uses, in name order."""
    rows.sort(key=_first)
    custom = sorted({k for row in rows for k in row[-1]})
    header = [*SHEETS[name].names, *(f"{CUSTOM_PREFIX}{k}" for k in custom)]

    def cells() -> Iterable[Sequence[Cell]]:
        for row in rows:
            data = row[-1]
            yield [*row[1:-1], *(_custom(data.get(k)) for k in custom)]

    return name, header, cells()


def _custom(value: Any) -> str:
    return "" if value is None else str(value)


def export_sheets() -> list[SheetData]:
    """Every sheet of the format, header first even when there are no rows."""
    complaints = Complaint.objects.values_list(
        "reference",
        "received_date",
        "procedure__code",
        "method",
        "complainant__key",
        "complainant_type",
        "advocate",
        "advocacy_offered",
        "advocacy_referred_on",
        "organisation__name",
        "service_area__name",
        "locality__name",
        "theme__name",
        "summary",
        "related_to__reference",
        "custom_data",
    )
    offered = 7  # advocacy_offered's place: a yes or no
    rows: Rows = [
        (
            (c[1], c[0]),
            *("" if v is None else v for v in c[:offered]),
            _yes_no(cast("bool | None", c[offered])),
            *("" if v is None else v for v in c[offered + 1 : -1]),
            c[-1],
        )
        for c in complaints
    ]
    rows.sort(key=_first)
    position = {r[1]: i for i, r in enumerate(rows)}
    sheets = [_sheet("complaints", rows)]
    sheets.append(_stages(position))
    sheets.append(_aspects(position))
    sheets.extend(_others(position))
    return sheets


def _stages(position: dict[str, int]) -> SheetData:
    reasons: dict[int, str] = {}
    extensions = Extension.objects.order_by("stage_id", "created_at", "id")
    for stage_id, reason in extensions.values_list("stage_id", "reason"):
        reasons[stage_id] = reason  # the latest wins
    rows: Rows = []
    for s in Stage.objects.values_list(
        "id",
        "complaint__reference",
        "number",
        "received_date",
        "acknowledged_date",
        "statement_agreed_date",
        "responded_date",
        "outcome",
        "organisation__name",
        "panel_date",
        "panel_report_date",
        "custom_data",
    ):
        pk, reference, number = s[0], s[1], s[2]
        extended = pk in reasons
        rows.append(
            (
                (position[reference], number),
                reference,
                str(number),
                s[3],
                s[4],
                s[5],
                "yes" if extended else "",
                reasons.get(pk, ""),
                s[6],
                s[7],
                _s(s[8]),
                s[9],
                s[10],
                s[11],
            )
        )
    return _sheet("stages", rows)


def _aspects(position: dict[str, int]) -> SheetData:
    rows: Rows = [
        (
            (position[reference], number, order, pk),
            reference,
            str(number),
            category,
            _s(subcategory),
            finding,
            custom,
        )
        for pk, reference, number, order, category, subcategory, finding, custom in (
            Aspect.objects.values_list(
                "id",
                "stage__complaint__reference",
                "stage__number",
                "order",
                "category__name",
                "subcategory__name",
                "finding",
                "custom_data",
            )
        )
    ]
    return _sheet("aspects", rows)


def _others(position: dict[str, int]) -> list[SheetData]:
    mediation = [
        ((position[ref], offered, pk), ref, offered, held, outcome, custom)
        for pk, ref, offered, held, outcome, custom in Mediation.objects.values_list(
            "id", "complaint__reference", "offered_date", "held_date", "outcome", "custom_data"
        )
    ]
    ombudsman = [
        ((e[2], e[0]), e[0], _s(e[1]), *e[2:-2], _s(e[-2]), e[-1])
        for e in Enquiry.objects.values_list(
            "lgo_reference",
            "complaint__reference",
            "received_date",
            "response_sent_date",
            "decision_date",
            "decision",
            "recommendations",
            "remedy_due_date",
            "remedy_completed_date",
            "organisation__name",
            "custom_data",
        )
    ]
    # An enquiry's remedies in the order they were recorded: the order an import matches them
    # in, kind by kind, so that an export imports back into the same database unchanged.
    remedies = [
        (
            (r[2], r[1], r[0]),
            r[1],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8],
        )
        for r in Remedy.objects.values_list(
            "id",
            "enquiry__lgo_reference",
            "enquiry__received_date",
            "kind",
            "description",
            "due_date",
            "completed_date",
            "evidence",
            "custom_data",
        )
    ]
    payments = [
        (
            (date, _s(ref), stage, kind, amount, pk),
            _s(ref),
            date,
            stage,
            kind,
            amount,
            _s(lgo),
            custom,
        )
        for pk, ref, date, stage, kind, amount, lgo, custom in Payment.objects.values_list(
            "id",
            "complaint__reference",
            "date",
            "stage",
            "kind",
            "amount",
            "enquiry__lgo_reference",
            "custom_data",
        )
    ]
    actions = [
        (
            (a[5], _s(a[1]), a[2], a[0]),
            _s(a[1]),
            a[2],
            _s(a[3]),
            a[4],
            a[5],
            a[6],
            a[7],
            "" if a[8] is None else a[8],
            a[9],
            a[10],
            a[11],
        )
        for a in LearningAction.objects.values_list(
            "id",
            "complaint__reference",
            "description",
            "theme__name",
            "owner",
            "raised_date",
            "due_date",
            "completed_date",
            "stage_number",
            "you_said",
            "we_did",
            "custom_data",
        )
    ]
    compliments = [
        (
            (c[1], c[2], c[4], c[8], c[0]),
            c[1],
            c[2],
            _s(c[3]),
            c[4],
            _yes_no(c[5]),
            c[6],
            _yes_no(c[7]),
            c[8],
            c[9],
        )
        for c in Compliment.objects.values_list(
            "id",
            "received_date",
            "service_area__name",
            "locality__name",
            "staff_member",
            "consent_to_publish",
            "source",
            "external",
            "text",
            "custom_data",
        )
    ]
    feedback = [
        (
            (f[1], _s(f[4]), f[7], f[0]),
            f[1],
            _yes_no(f[2]),
            _s(f[3]),
            _s(f[4]),
            _yes_no(f[5]),
            _yes_no(f[6]),
            f[7],
            f[8],
        )
        for f in InformalFeedback.objects.values_list(
            "id",
            "received_date",
            "from_child",
            "theme__name",
            "service_area__name",
            "advocate",
            "satisfied",
            "summary",
            "custom_data",
        )
    ]
    questions = {q: i for i, q in enumerate(Question.values)}
    satisfaction = [
        ((position[ref], questions.get(question, 99), question), ref, question, answer, custom)
        for ref, question, answer, custom in SatisfactionAnswer.objects.values_list(
            "complaint__reference", "question", "answer", "custom_data"
        )
    ]
    measures = {m: i for i, m in enumerate(Measure.values)}
    context = [
        ((period, measures.get(m, 99), _s(area)), period, m, _s(area), _number(value), custom)
        for period, m, area, value, custom in ContextFigure.objects.values_list(
            "period", "measure", "service_area__name", "value", "custom_data"
        )
    ]
    return [
        _sheet("mediation", mediation),
        _sheet("ombudsman", ombudsman),
        _sheet("ombudsman_remedies", remedies),
        _sheet("payments", payments),
        _sheet("actions", actions),
        _sheet("compliments", compliments),
        _sheet("feedback", feedback),
        _sheet("satisfaction", satisfaction),
        _sheet("context", context),
    ]
