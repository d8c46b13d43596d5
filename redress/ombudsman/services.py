"""Ombudsman (LGSCO) enquiries: recording one, its decision, and the remedies asked for."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from redress.complaints.choices import PaymentKind, PaymentStage
from redress.complaints.services.checks import choice, not_before, not_in_future, required_text
from redress.complaints.services.payments import payment_record
from redress.complaints.state import complaint_changed
from redress.core import audit
from redress.procedures import rules

from .models import Decision, Enquiry, Remedy, RemedyKind

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.complaints.models import Complaint
    from redress.organisations.models import Organisation

# Decisions that ask the authority for nothing.
NO_REMEDY_DECISIONS = frozenset({Decision.NO_FAULT, Decision.OUTSIDE_JURISDICTION})
ENQUIRY_FIELDS = [
    "lgo_reference",
    "complaint",
    "organisation",
    "received_date",
    "response_due_date",
    "response_sent_date",
    "summary",
    "decision_date",
    "decision",
    "recommendations",
    "remedy_due_date",
    "remedy_completed_date",
]


def _lock(enquiry: Enquiry) -> Enquiry:
    return Enquiry.objects.select_for_update().get(pk=enquiry.pk)


@transaction.atomic
def enquiry_record(
    *,
    lgo_reference: str,
    received_on: datetime.date,
    by: User | None,
    complaint: Complaint | None = None,
    response_due_on: datetime.date | None = None,
    summary: str = "",
    organisation: Organisation | None = None,
) -> Enquiry:
    """Record an enquiry the Ombudsman made about a complaint (the complaint may be unknown,
    e.g. when the complainant went straight to the Ombudsman), the date the Ombudsman asked for
    our response by and, where several organisations share the procedure, the one that
    handles it."""
    lgo_reference = required_text(lgo_reference, what="Ombudsman's reference")
    if Enquiry.objects.filter(lgo_reference=lgo_reference).exists():
        raise rules.EnquiryReferenceTaken(what="an Ombudsman enquiry", reference=lgo_reference)
    not_in_future(received_on, what="enquiry received")
    if response_due_on is not None and response_due_on < received_on:
        raise rules.EnquiryResponseDueBeforeReceived(due=response_due_on, received=received_on)
    enquiry = Enquiry.objects.create(
        lgo_reference=lgo_reference,
        received_date=received_on,
        complaint=complaint,
        organisation=organisation,
        response_due_date=response_due_on,
        summary=summary.strip(),
    )
    audit.record(
        action="enquiry.record",
        obj=enquiry,
        by=by,
        after=audit.snapshot(enquiry, ENQUIRY_FIELDS),
        complaint=complaint,
    )
    complaint_changed(complaint)
    return enquiry


@transaction.atomic
def enquiry_record_response(
    *, enquiry: Enquiry, sent_on: datetime.date, by: User | None
) -> Enquiry:
    """Record the day the authority sent its response to the Ombudsman's enquiry."""
    enquiry = _lock(enquiry)
    if enquiry.response_sent_date is not None:
        raise rules.AlreadyRecorded(
            what="response to the Ombudsman", date=enquiry.response_sent_date
        )
    if sent_on < enquiry.received_date:
        raise rules.EnquiryResponseBeforeReceived(sent=sent_on, received=enquiry.received_date)
    not_in_future(sent_on, what="response sent")
    audit.save_changes(
        enquiry,
        {"response_sent_date": sent_on},
        action="enquiry.record_response",
        by=by,
        complaint=enquiry.complaint,
    )
    complaint_changed(enquiry.complaint_id)
    return enquiry


@transaction.atomic
def enquiry_change_organisation(
    *, enquiry: Enquiry, organisation: Organisation | None, by: User | None
) -> Enquiry:
    """Record which of the organisations sharing the procedure handles the enquiry (None: not
    recorded)."""
    enquiry = _lock(enquiry)
    if enquiry.organisation_id == (organisation.pk if organisation is not None else None):
        if organisation is None:
            raise rules.OrganisationAlreadyNotRecorded()
        raise rules.OrganisationAlreadyRecorded(organisation=organisation.name)
    audit.save_changes(
        enquiry,
        {"organisation": organisation},
        action="enquiry.change_organisation",
        by=by,
        complaint=enquiry.complaint,
    )
    complaint_changed(enquiry.complaint_id)
    return enquiry


@transaction.atomic
def enquiry_decide(
    *,
    enquiry: Enquiry,
    decision: str,
    decided_on: datetime.date,
    by: User | None,
    recommendations: str = "",
    remedy_due_on: datetime.date | None = None,
) -> Enquiry:
    """Record the Ombudsman's decision, with any recommendations and the date the remedies
    must be complied with."""
    enquiry = _lock(enquiry)
    choice(decision, Decision, what="Ombudsman decision")
    if enquiry.decision:
        raise rules.AlreadyRecorded(what="Ombudsman's decision", date=enquiry.decision_date)
    not_before(
        decided_on,
        what="decision",
        earlier="date the enquiry was received",
        earlier_date=enquiry.received_date,
    )
    not_in_future(decided_on, what="decision")
    if remedy_due_on is not None:
        if decision in NO_REMEDY_DECISIONS:
            raise rules.RemedyNotExpected(
                reference=enquiry.lgo_reference, decision=Decision(decision).label
            )
        if remedy_due_on < decided_on:
            raise rules.RemedyDueBeforeDecision(due=remedy_due_on, decided=decided_on)
    audit.save_changes(
        enquiry,
        {
            "decision": decision,
            "decision_date": decided_on,
            "recommendations": recommendations.strip(),
            "remedy_due_date": remedy_due_on,
        },
        action="enquiry.decide",
        by=by,
        complaint=enquiry.complaint,
        shown=ENQUIRY_FIELDS,
    )
    complaint_changed(enquiry.complaint_id)
    return enquiry


@transaction.atomic
def remedy_add(
    *,
    enquiry: Enquiry,
    kind: str,
    by: User | None,
    description: str = "",
    due_on: datetime.date | None = None,
) -> Remedy:
    """Record one thing the Ombudsman asked the authority to do. Its due date defaults to the
    enquiry's remedy due date."""
    enquiry = _lock(enquiry)
    choice(kind, RemedyKind, what="remedy")
    if not enquiry.decision:
        raise rules.RemedyBeforeDecision(reference=enquiry.lgo_reference)
    if enquiry.decision in NO_REMEDY_DECISIONS:
        raise rules.RemedyNotExpected(
            reference=enquiry.lgo_reference, decision=Decision(enquiry.decision).label
        )
    due_on = due_on or enquiry.remedy_due_date
    if due_on is not None:
        not_before(due_on, what="due", earlier="decision", earlier_date=enquiry.decision_date)
    remedy = Remedy.objects.create(
        enquiry=enquiry, kind=kind, description=description.strip(), due_date=due_on
    )
    audit.record(
        action="remedy.add",
        obj=remedy,
        by=by,
        after=audit.snapshot(remedy),
        complaint=enquiry.complaint,
    )
    complaint_changed(enquiry.complaint_id)
    return remedy


@transaction.atomic
def remedy_complete(
    *,
    remedy: Remedy,
    completed_on: datetime.date,
    evidence: str,
    by: User | None,
    amount_paid: Decimal | str | None = None,
) -> Remedy:
    """Record that a remedy was complied with, and the evidence. A payment remedy can record
    the amount paid, which becomes an Ombudsman-stage compensation payment. When the last
    remedy of the enquiry is done, the enquiry records the day it was fully complied with."""
    remedy = Remedy.objects.select_for_update().select_related("enquiry").get(pk=remedy.pk)
    enquiry = _lock(remedy.enquiry)
    if remedy.completed_date is not None:
        raise rules.AlreadyRecorded(what="compliance with this remedy", date=remedy.completed_date)
    evidence = required_text(evidence, what="evidence the remedy was complied with")
    not_before(
        completed_on, what="completed", earlier="decision", earlier_date=enquiry.decision_date
    )
    not_in_future(completed_on, what="completed")
    before = audit.snapshot(remedy)
    remedy.completed_date = completed_on
    remedy.evidence = evidence
    remedy.save(update_fields=["completed_date", "evidence", "updated_at"])
    audit.record(
        action="remedy.complete",
        obj=remedy,
        by=by,
        before=before,
        after=audit.snapshot(remedy),
        complaint=enquiry.complaint,
    )
    if amount_paid is not None:
        payment_record(
            paid_on=completed_on,
            stage=PaymentStage.LGO,
            kind=PaymentKind.COMPENSATION,
            amount=amount_paid,
            by=by,
            complaint=enquiry.complaint,
            enquiry=enquiry,
            description=f"Ombudsman remedy: {remedy.get_kind_display()}",
        )
    if not enquiry.remedies.filter(completed_date__isnull=True).exists():
        last = max(r.completed_date for r in enquiry.remedies.all() if r.completed_date)
        enquiry_before = audit.snapshot(enquiry, ["remedy_completed_date"])
        enquiry.remedy_completed_date = last
        enquiry.save(update_fields=["remedy_completed_date", "updated_at"])
        audit.record(
            action="enquiry.remedies_complete",
            obj=enquiry,
            by=by,
            before=enquiry_before,
            after=audit.snapshot(enquiry, ["remedy_completed_date"]),
            complaint=enquiry.complaint,
        )
    complaint_changed(enquiry.complaint_id)
    return remedy
