"""How each kind of record reads in a list: its columns, and a row's cells from its facts."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import TextChoices

from redress.complaints.choices import Finding, MediationOutcome, Outcome
from redress.complaints.choices import PaymentKind as Kind
from redress.core.presenters import count, money, short_date, yes_no
from redress.feedback.models import Answer, ComplimentSource, Question
from redress.ombudsman.models import Decision
from redress.surveys.models import Answer as SurveyAnswer

from .listing import Cell, Column, Formatter, Ref


def _label(choices: type[TextChoices], value: str | None, empty: str = "Not recorded") -> str:
    if value is None or value == "":
        return empty
    try:
        return str(choices(value).label)
    except ValueError:
        return value.replace("_", " ").capitalize()


def _ref(row: dict[str, Any]) -> tuple[Ref, ...]:
    reference = row.get("reference")
    if reference is None:
        return ()
    return (Ref(reference, row.get("complaint_id")),)


def _days(value: int | None) -> str:
    return "–" if value is None else count(value)


def stage_kind(timeliness: bool) -> tuple[str, tuple[Column, ...], Formatter]:
    columns = [
        Column("reference", "Reference"),
        Column("stage", "Stage", numeric=True),
        Column("service", "Service area"),
        Column("received", "Received"),
        Column("responded", "Responded"),
        Column("outcome", "Outcome"),
    ]
    if timeliness:
        columns += [
            Column("taken", "Working days taken", numeric=True),
            Column("applicable_days", "Deadline (working days)", numeric=True),
            Column("in_time", "In time"),
        ]

    def cells(r: dict[str, Any]) -> tuple[Cell, ...]:
        out: list[Cell] = [
            _ref(r),
            str(r["stage"]),
            r.get("service") or "Not recorded",
            short_date(r["received"]),
            short_date(r["responded"], empty="Not yet"),
            _label(Outcome, r["outcome"], empty="Outstanding"),
        ]
        if timeliness:
            out += [_days(r["taken"]), _days(r["applicable_days"])]
            out.append(yes_no(r["in_time_applicable"], empty="–"))
        return tuple(out)

    return "stage record", tuple(columns), cells


def _aspect(r: dict[str, Any]) -> tuple[Cell, ...]:
    return (
        _ref(r),
        str(r["stage"]),
        short_date(r["received"]),
        r["category"] or "Not recorded",
        r["subcategory"] or "–",
        _label(Finding, r["finding"], empty="No finding yet"),
    )


def _mediation(r: dict[str, Any]) -> tuple[Cell, ...]:
    outcome = _label(MediationOutcome, r["outcome"], empty="Pending")
    return (_ref(r), short_date(r["offered"]), short_date(r["held"], empty="Not held"), outcome)


def _enquiry(r: dict[str, Any]) -> tuple[Cell, ...]:
    return (
        r["lgo_reference"] or "–",
        _ref(r),
        short_date(r["received"]),
        short_date(r["decided"], empty="Not yet"),
        _label(Decision, r["decision"], empty="Pending"),
    )


def _payment(r: dict[str, Any]) -> tuple[Cell, ...]:
    stage = "Ombudsman" if r["stage"] == "lgo" else f"Stage {r['stage']}"
    return (
        short_date(r["date"]),
        _ref(r),
        stage,
        _label(Kind, r["kind"]),
        money(Decimal(r["pence"] or 0) / 100),
    )


def _compliment(r: dict[str, Any]) -> tuple[Cell, ...]:
    return (
        short_date(r["received"]),
        r["service"] or "Not recorded",
        _label(ComplimentSource, r["source"]),
        yes_no(r["external"]),
        r["staff_member"] or "–",
        yes_no(r["consent"]),
    )


def _feedback(r: dict[str, Any]) -> tuple[Cell, ...]:
    return (
        short_date(r["received"]),
        r["theme"] or "Not recorded",
        yes_no(r["from_child"]),
        yes_no(r["advocate"]),
        yes_no(r["satisfied"]),
    )


def _answer(r: dict[str, Any]) -> tuple[Cell, ...]:
    return (
        _ref(r),
        short_date(r["complaint_received"]),
        _label(Question, r["question"]),
        _label(Answer, r["answer"], empty="No answer"),
    )


def _survey(r: dict[str, Any]) -> tuple[Cell, ...]:
    """A satisfaction survey; in a table row's list, with its answer to the row's question."""
    if r["answered"] is None:
        answer = "Not answered"
    else:
        answer = _label(SurveyAnswer, r.get("answer"), empty="–") if "answer" in r else "Answered"
    return (
        _ref(r),
        str(r["stage"]),
        r["service"] or "Not recorded",
        short_date(r["sent"]),
        short_date(r["answered"], empty="Not answered"),
        answer,
    )


def _action(r: dict[str, Any]) -> tuple[Cell, ...]:
    return (
        _ref(r),
        r["theme"] or "No theme",
        short_date(r["raised"]),
        short_date(r["due"], empty="No due date"),
        short_date(r["completed"], empty="Not yet"),
    )


def _themed(r: dict[str, Any]) -> tuple[Cell, ...]:
    return (_ref(r), r["theme"] or "Not recorded")


def columns_of(*pairs: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(key, label) for key, label in pairs)


REF = ("reference", "Reference")
# Each kind: the columns that identify its frames, noun, columns, row -> cells, sort columns.
KINDS: list[tuple[set[str], str, tuple[Column, ...], Formatter, list[str]]] = [
    (
        {"stage_id", "category"},
        "reason",
        columns_of(
            REF,
            ("stage", "Stage"),
            ("received", "Received"),
            ("category", "Category"),
            ("subcategory", "Sub-category"),
            ("finding", "Finding"),
        ),
        _aspect,
        ["received", "reference"],
    ),
    (
        {"offered"},
        "mediation",
        columns_of(REF, ("offered", "Offered"), ("held", "Held"), ("outcome", "Outcome")),
        _mediation,
        ["offered", "reference"],
    ),
    (
        {"enquiry_id"},
        "Ombudsman enquiry",
        columns_of(
            ("lgo_reference", "Ombudsman reference"),
            REF,
            ("received", "Received"),
            ("decided", "Decided"),
            ("decision", "Decision"),
        ),
        _enquiry,
        ["received", "lgo_reference"],
    ),
    (
        {"payment_id"},
        "payment",
        columns_of(
            ("date", "Date"), REF, ("stage", "Stage"), ("kind", "Kind"), ("amount", "Amount")
        ),
        _payment,
        ["date", "payment_id"],
    ),
    (
        {"compliment_id"},
        "compliment",
        columns_of(
            ("received", "Received"),
            ("service", "Service area"),
            ("source", "From"),
            ("external", "External"),
            ("staff_member", "Staff member named"),
            ("consent", "Consent to publish the name"),
        ),
        _compliment,
        ["received", "compliment_id"],
    ),
    (
        {"feedback_id"},
        "piece of informal feedback",
        columns_of(
            ("received", "Received"),
            ("theme", "Theme"),
            ("from_child", "From a child"),
            ("advocate", "With an advocate"),
            ("satisfied", "Satisfied"),
        ),
        _feedback,
        ["received", "feedback_id"],
    ),
    (
        {"survey_id"},
        "satisfaction survey",
        columns_of(
            REF,
            ("stage", "Stage"),
            ("service", "Service area"),
            ("sent", "Sent"),
            ("answered", "Answered"),
            ("answer", "Answer"),
        ),
        _survey,
        ["sent", "reference", "stage"],
    ),
    (
        {"question", "answer"},
        "answer",
        columns_of(
            REF, ("received", "Complaint received"), ("question", "Question"), ("answer", "Answer")
        ),
        _answer,
        ["complaint_received", "complaint_id"],
    ),
    (
        {"action_id"},
        "learning action",
        columns_of(
            REF, ("theme", "Theme"), ("raised", "Raised"), ("due", "Due"), ("completed", "Done")
        ),
        _action,
        ["raised", "action_id"],
    ),
    (
        {"complaint_id", "reference", "theme"},
        "complaint",
        columns_of(REF, ("theme", "Theme or category")),
        _themed,
        ["reference", "theme"],
    ),
]
