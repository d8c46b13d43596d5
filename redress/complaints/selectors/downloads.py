"""The complaints list as rows for a download: exactly the filtered list, in its order, with the
columns the page shows and a few more. No names and no free text: the list shows none, and a
file travels further than a page."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from redress.complaints.choices import ComplainantType, Method, Outcome, StageStatus

from .lists import ComplaintFilters, complaint_list

CHUNK = 2000
# The columns read from the database, then the file's columns made from them.
READ = [
    "reference",
    "received_date",
    "procedure__name",
    "stage_reached",
    "status",
    "due_date",
    "current__outcome",
    "current__received_date",
    "current__acknowledged_date",
    "current__responded_date",
    "service_area__name",
    "locality__name",
    "organisation__name",
    "current__allocated_to__username",
    "current__allocated_to__first_name",
    "current__allocated_to__last_name",
    "current__allocated_to__organisation__name",
    "complainant_type",
    "method",
]
HEADINGS = [
    "Reference",
    "Received",
    "Procedure",
    "Stage reached",
    "Status",
    "Due",
    "Outcome of the current stage",
    "Current stage received",
    "Acknowledged",
    "Responded",
    "Service area",
    "Locality",
    "Organisation",
    "Allocated to",
    "Team",
    "Who complained",
    "How received",
]
OUTCOMES = dict(Outcome.choices)
COMPLAINANT_TYPES = dict(ComplainantType.choices)
METHODS = dict(Method.choices)


def _status(status: str, due: datetime.date | None, today: datetime.date) -> str:
    if status == StageStatus.OPEN and due is not None and due < today:
        return "Overdue"
    return str(StageStatus(status).label) if status in StageStatus.values else status


def _line(r: dict[str, Any], today: datetime.date) -> list[Any]:
    person = "current__allocated_to__"
    allocated = " ".join(n for n in (r[f"{person}first_name"], r[f"{person}last_name"]) if n)
    return [
        r["reference"],
        r["received_date"],
        r["procedure__name"],
        r["stage_reached"],
        _status(r["status"], r["due_date"], today),
        r["due_date"],
        OUTCOMES.get(r["current__outcome"] or "", ""),
        r["current__received_date"],
        r["current__acknowledged_date"],
        r["current__responded_date"],
        r["service_area__name"],
        r["locality__name"] or "",
        r["organisation__name"] or "",
        allocated or r[f"{person}username"] or "",
        r[f"{person}organisation__name"] or "",
        COMPLAINANT_TYPES.get(r["complainant_type"], r["complainant_type"]),
        METHODS.get(r["method"], r["method"]),
    ]


def download_rows(
    *, user: Any, filters: ComplaintFilters, today: datetime.date
) -> Iterator[list[Any]]:
    """The list's rows in its order, values as they are (dates as dates), read in chunks."""
    key = filters.sort_key
    rows = (
        complaint_list(user=user, filters=filters, today=today)
        .order_by(*key.ordering(descending=filters.descending))
        .values_list(*READ)
    )
    for values in rows.iterator(chunk_size=CHUNK):
        yield _line(dict(zip(READ, values, strict=True)), today)
