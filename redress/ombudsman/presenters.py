"""How Ombudsman enquiries read on the staff pages: where our response, the decision and each
remedy stand, as GOV.UK tags and text."""

from __future__ import annotations

import datetime
from typing import Any

from redress.core.presenters import govuk_date, short_date

from .models import Enquiry, Remedy


def response_tag(enquiry: Enquiry, today: datetime.date) -> dict[str, str]:
    """Our response: sent, overdue, or due on a date."""
    if enquiry.response_sent_date:
        return {
            "text": f"Sent {short_date(enquiry.response_sent_date)}",
            "classes": "govuk-tag--green",
        }
    due = enquiry.response_due_date
    if due is None:
        return {"text": "Not sent", "classes": "govuk-tag--grey"}
    if due < today:
        return {"text": f"Overdue since {short_date(due)}", "classes": "govuk-tag--red"}
    if due == today:
        return {"text": "Due today", "classes": "govuk-tag--yellow"}
    return {"text": f"Due {short_date(due)}", "classes": "govuk-tag--blue"}


def decision_text(enquiry: Enquiry) -> str:
    if not enquiry.decision:
        return "Pending"
    return f"{enquiry.get_decision_display()}, {govuk_date(enquiry.decision_date)}"


def organisation_text(enquiry: Enquiry) -> str:
    """The organisation that handles the enquiry, where several share the procedure."""
    return enquiry.organisation.name if enquiry.organisation else "Not recorded"


def remedy_tag(remedy: Remedy, today: datetime.date) -> dict[str, str]:
    """A remedy: complied with, overdue, or outstanding."""
    if remedy.completed_date:
        return {
            "text": f"Complied with {short_date(remedy.completed_date)}",
            "classes": "govuk-tag--green",
        }
    if remedy.due_date and remedy.due_date < today:
        return {"text": "Overdue", "classes": "govuk-tag--red"}
    return {"text": "Outstanding", "classes": "govuk-tag--blue"}


def remedies_text(row: Any) -> str:
    """For the list, from the counts `enquiry_list` annotates: `2 of 3 outstanding`."""
    if not row.remedy_count:
        return "None"
    if not row.remedies_outstanding:
        return "All complied with"
    overdue = f", {row.remedies_overdue} overdue" if row.remedies_overdue else ""
    return f"{row.remedies_outstanding} of {row.remedy_count} outstanding{overdue}"
