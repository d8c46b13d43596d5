"""Reads for the Ombudsman pages: who sees which enquiries, the filtered list, and one enquiry
with its remedies and payments.

Someone sees an enquiry when they may see its complaint (`complaints_visible_to`); an enquiry
recorded without a complaint is the complaints team's alone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from redress.complaints.models import Payment
from redress.complaints.selectors import (
    complaints_visible_to,
    may_manage_complaints,
    sees_complaints,
    sees_every_complaint,
)

from .models import Decision, Enquiry, Remedy

PENDING = "pending"
# The "our response" filter: (code, label).
RESPONSE_FILTERS = {
    "awaiting": "Not sent yet",
    "overdue": "Not sent, past its due date",
    "sent": "Sent",
}
REMEDY_FILTERS = {
    "outstanding": "Remedies outstanding",
    "overdue": "Remedies overdue",
    "complied": "All remedies complied with",
}


def enquiries_visible_to(user: Any) -> QuerySet[Enquiry]:
    if sees_every_complaint(user):
        return Enquiry.objects.all()
    if not sees_complaints(user):
        return Enquiry.objects.none()
    return Enquiry.objects.filter(complaint__in=complaints_visible_to(user))


def may_manage_enquiries(user: Any) -> bool:
    """Record enquiries, our response, the decision and the remedies: the complaints team."""
    return may_manage_complaints(user)


@dataclass(frozen=True)
class EnquiryFilters:
    reference: str = ""
    decision: str = ""  # a Decision, or PENDING
    response: str = ""  # a key of RESPONSE_FILTERS
    remedies: str = ""  # a key of REMEDY_FILTERS


def enquiry_list(*, user: Any, filters: EnquiryFilters, today: datetime.date) -> QuerySet[Enquiry]:
    """The enquiries the user may see that match the filters, newest first, each with its
    complaint and the number of its remedies not yet complied with."""
    enquiries = enquiries_visible_to(user)
    if filters.reference:
        enquiries = enquiries.filter(lgo_reference__icontains=filters.reference.strip())
    if filters.decision == PENDING:
        enquiries = enquiries.filter(decision="")
    elif filters.decision:
        enquiries = enquiries.filter(decision=filters.decision)
    if filters.response == "awaiting":
        enquiries = enquiries.filter(response_sent_date__isnull=True)
    elif filters.response == "overdue":
        enquiries = enquiries.filter(response_sent_date__isnull=True, response_due_date__lt=today)
    elif filters.response == "sent":
        enquiries = enquiries.filter(response_sent_date__isnull=False)
    outstanding = Q(remedies__completed_date__isnull=True)
    enquiries = enquiries.annotate(
        remedy_count=Count("remedies", distinct=True),
        remedies_outstanding=Count("remedies", filter=Q(outstanding), distinct=True),
        remedies_overdue=Count(
            "remedies", filter=outstanding & Q(remedies__due_date__lt=today), distinct=True
        ),
    )
    if filters.remedies == "outstanding":
        enquiries = enquiries.filter(remedies_outstanding__gt=0)
    elif filters.remedies == "overdue":
        enquiries = enquiries.filter(remedies_overdue__gt=0)
    elif filters.remedies == "complied":
        enquiries = enquiries.filter(remedy_count__gt=0, remedies_outstanding=0)
    return enquiries.select_related("complaint").order_by("-received_date", "-pk")


def enquiry_for_page(*, user: Any, pk: int) -> Enquiry | None:
    """The enquiry with its complaint, remedies and payments, if the user may see it."""
    return (
        enquiries_visible_to(user)
        .select_related("complaint", "organisation")
        .prefetch_related(
            Prefetch("remedies", queryset=Remedy.objects.order_by("due_date", "id")),
            Prefetch("payments", queryset=Payment.objects.order_by("date", "id")),
        )
        .filter(pk=pk)
        .first()
    )


def decision_choices() -> list[tuple[str, str]]:
    return [(PENDING, "Pending (no decision yet)"), *Decision.choices]
