"""Writing the optional sheets: mediation, ombudsman, ombudsman_remedies, payments, actions,
compliments, feedback, satisfaction and context. Each is a Spec (how rows match records) and a
row-to-values map."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from redress.complaints.models import LearningAction, Mediation, Payment
from redress.feedback.models import Compliment, InformalFeedback, SatisfactionAnswer
from redress.ombudsman.models import Enquiry, Remedy
from redress.reporting.models import ContextFigure

from ..lookups import ref_id
from .context import ApplyContext
from .sync import Item, Spec

Values = Callable[[ApplyContext, Any], dict[str, Any]]


def _mediation(ctx: ApplyContext, r: Any) -> dict[str, Any]:
    return {
        "complaint_id": ctx.complaint_id(r.reference),
        "offered_date": r.offered_date,
        "held_date": r.held_date,
        "outcome": r.outcome or "",
    }


def _ombudsman(ctx: ApplyContext, r: Any) -> dict[str, Any]:
    return {
        "lgo_reference": r.lgo_reference,
        "complaint_id": ctx.complaint_id(r.reference),
        "received_date": r.received_date,
        "response_sent_date": r.response_sent_date,
        "decision_date": r.decision_date,
        "decision": r.decision or "",
        "recommendations": r.recommendations or "",
        "remedy_due_date": r.remedy_due_date,
        "remedy_completed_date": r.remedy_completed_date,
        "organisation_id": ref_id(r.organisation),
    }


def _remedy(ctx: ApplyContext, r: Any) -> dict[str, Any]:
    return {
        "enquiry_id": ctx.enquiry_id(r.lgo_reference),
        "kind": r.kind,
        "description": r.description or "",
        "due_date": r.due_date,
        "completed_date": r.completed_date,
        "evidence": r.evidence or "",
    }


def _payment(ctx: ApplyContext, r: Any) -> dict[str, Any]:
    return {
        "complaint_id": ctx.complaint_id(r.reference),
        "date": r.date,
        "stage": r.stage,
        "kind": r.kind,
        "amount": r.amount,
        "enquiry_id": ctx.enquiry_id(r.lgo_reference),
    }


def _action(ctx: ApplyContext, r: Any) -> dict[str, Any]:
    return {
        "complaint_id": ctx.complaint_id(r.reference),
        "description": r.description,
        "theme_id": ref_id(r.theme),
        "owner": r.owner or "",
        "raised_date": r.raised_date,
        "due_date": r.due_date,
        "completed_date": r.completed_date,
        "stage_number": r.stage,
        "you_said": r.you_said or "",
        "we_did": r.we_did or "",
    }


def _compliment(ctx: ApplyContext, r: Any) -> dict[str, Any]:
    return {
        "received_date": r.received_date,
        "service_area_id": ref_id(r.service_area),
        "locality_id": ref_id(r.locality),
        "staff_member": r.staff_member or "",
        "consent_to_publish": bool(r.consent_to_publish),
        "source": r.source or "",
        "external": r.external,
        "text": r.text or "",
    }


def _feedback(ctx: ApplyContext, r: Any) -> dict[str, Any]:
    return {
        "received_date": r.received_date,
        "from_child": bool(r.from_child),
        "theme_id": ref_id(r.theme),
        "service_area_id": ref_id(r.service_area),
        "advocate": r.advocate,
        "satisfied": r.satisfied,
        "summary": r.summary or "",
    }


def _satisfaction(ctx: ApplyContext, r: Any) -> dict[str, Any]:
    return {
        "complaint_id": ctx.complaint_id(r.reference),
        "question": r.question,
        "answer": r.answer or "",
    }


def _context(ctx: ApplyContext, r: Any) -> dict[str, Any]:
    return {
        "period": r.period,
        "measure": r.measure,
        "service_area_id": ref_id(r.service_area),
        "value": r.value,
    }


WRITERS: dict[str, tuple[Spec, Values]] = {
    spec.sheet: (spec, values)
    for spec, values in [
        (
            Spec(
                "mediation",
                Mediation,
                fields=("complaint_id", "offered_date", "held_date", "outcome"),
                key=("complaint_id", "offered_date"),
                scope="complaint_id",
            ),
            _mediation,
        ),
        (
            Spec(
                "ombudsman",
                Enquiry,
                fields=(
                    "lgo_reference",
                    "complaint_id",
                    "received_date",
                    "response_sent_date",
                    "decision_date",
                    "decision",
                    "recommendations",
                    "remedy_due_date",
                    "remedy_completed_date",
                    "organisation_id",
                ),
                key=("lgo_reference",),
                scope="lgo_reference",
                unique=True,
            ),
            _ombudsman,
        ),
        (
            # An enquiry's remedies are matched kind by kind, in the order they were recorded.
            Spec(
                "ombudsman_remedies",
                Remedy,
                fields=(
                    "enquiry_id",
                    "kind",
                    "description",
                    "due_date",
                    "completed_date",
                    "evidence",
                ),
                key=("enquiry_id", "kind"),
                scope="enquiry_id",
            ),
            _remedy,
        ),
        (
            Spec(
                "payments",
                Payment,
                fields=("complaint_id", "date", "stage", "kind", "amount", "enquiry_id"),
                key=("complaint_id", "date", "stage", "kind"),
                scope="complaint_id",
            ),
            _payment,
        ),
        (
            Spec(
                "actions",
                LearningAction,
                fields=(
                    "complaint_id",
                    "description",
                    "theme_id",
                    "owner",
                    "raised_date",
                    "due_date",
                    "completed_date",
                    "stage_number",
                    "you_said",
                    "we_did",
                ),
                key=("complaint_id", "raised_date", "description"),
                scope="complaint_id",
            ),
            _action,
        ),
        (
            Spec(
                "compliments",
                Compliment,
                fields=(
                    "received_date",
                    "service_area_id",
                    "locality_id",
                    "staff_member",
                    "consent_to_publish",
                    "source",
                    "external",
                    "text",
                ),
                key=("received_date", "service_area_id", "staff_member", "text"),
                scope="received_date",
            ),
            _compliment,
        ),
        (
            Spec(
                "feedback",
                InformalFeedback,
                fields=(
                    "received_date",
                    "from_child",
                    "theme_id",
                    "service_area_id",
                    "advocate",
                    "satisfied",
                    "summary",
                ),
                key=("received_date", "service_area_id", "summary"),
                scope="received_date",
            ),
            _feedback,
        ),
        (
            Spec(
                "satisfaction",
                SatisfactionAnswer,
                fields=("complaint_id", "question", "answer"),
                key=("complaint_id", "question"),
                scope="complaint_id",
                unique=True,
            ),
            _satisfaction,
        ),
        (
            Spec(
                "context",
                ContextFigure,
                fields=("period", "measure", "service_area_id", "value"),
                key=("period", "measure", "service_area_id"),
                scope="period",
                unique=True,
            ),
            _context,
        ),
    ]
}


# Columns added after the format was first published whose field has another name (the others
# fill the field of their own name).
ADDED_FIELDS = {
    ("actions", "stage"): "stage_number",
    ("ombudsman", "organisation"): "organisation_id",
    ("payments", "lgo_reference"): "enquiry_id",
}


def store_sheet(ctx: ApplyContext, sheet: str, rows: list[Any]) -> None:
    spec, values = WRITERS[sheet]
    kept = ctx.kept.get(sheet)
    if kept:
        # A file from before these columns were in the format: new records get them blank,
        # existing ones keep what Redress holds (e.g. a response recorded on the staff pages).
        fields = tuple(ADDED_FIELDS.get((sheet, c), c) for c in kept)
        spec = replace(spec, create_only=(*spec.create_only, *fields))

    def item(r: Any) -> Item:
        row_values = values(ctx, r)
        complaint = row_values.get("complaint_id")
        if sheet == "ombudsman_remedies":
            complaint = ctx.enquiry_ids[r.lgo_reference][1]
        return Item(row_values, r.custom, complaint)

    # Records of a complaint created by this import cannot exist yet: no need to look.
    skip = ctx.new_complaints if spec.scope == "complaint_id" else ()
    ids = ctx.store(spec, map(item, rows), len(rows), skip=skip)
    if sheet == "ombudsman":
        # The remedies and payments that follow find their enquiry by its LGSCO reference.
        for r, pk in zip(rows, ids, strict=True):
            ctx.enquiry_ids[r.lgo_reference] = (pk, ctx.complaint_id(r.reference))
