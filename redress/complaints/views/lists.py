"""The complaints list: MOJ filter layout, a sortable table and keyset pagination, all by GET;
and the same list downloaded as CSV or a spreadsheet."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse

from redress.complaints import presenters
from redress.complaints.choices import ComplainantType, Outcome
from redress.complaints.forms import ComplaintFilterForm
from redress.complaints.selectors import (
    DEFAULT_SORT,
    DUE,
    STATUSES,
    WAITING,
    ComplaintFilters,
    Cursor,
    KeysetPage,
    clock,
    complaint_list,
    current_stages,
    keyset_page,
    may_manage_complaints,
    status_counts,
)
from redress.core.presenters import govuk_date

from .access import require_complaint_pages

PAGE_SIZE = 25
# Sortable columns: (sort key, heading). The first sort of a date column is newest first (the
# due date's: soonest first).
SORTABLE = [
    ("reference", "Reference"),
    ("received", "Received"),
    ("procedure", "Procedure"),
    ("stage", "Stage reached"),
    ("service", "Service area"),
    ("due", "Due"),
]
NEWEST_FIRST = {"received"}
# Where the list is in its pages: dropped whenever the filters or the sort change.
POSITION = ("page", "after", "before")


def list_link(params: QueryDict, *, drop: tuple[str, ...] = (), **changes: Any) -> str:
    """The list's address with some query parameters changed or removed."""
    query = params.copy()
    for name in (*drop, *changes):
        query.pop(name, None)
    for name, value in changes.items():
        if value not in (None, ""):
            query[name] = str(value)
    encoded = query.urlencode()
    return reverse("complaints:list") + (f"?{encoded}" if encoded else "")


def _sort_headings(params: QueryDict, current: str) -> list[dict[str, Any]]:
    headings = []
    key, descending = current.lstrip("-"), current.startswith("-")
    for name, label in SORTABLE:
        if name == key:
            next_sort = name if descending else f"-{name}"
            aria = "descending" if descending else "ascending"
        else:
            next_sort = f"-{name}" if name in NEWEST_FIRST else name
            aria = "none"
        headings.append(
            {
                "label": label,
                "href": list_link(params, drop=POSITION, sort=next_sort),
                "aria_sort": aria,
            }
        )
    return headings


def _selected(form: ComplaintFilterForm, filters: ComplaintFilters, params: QueryDict) -> list:
    """The MOJ filter's "selected filters": one category per filter in use, each tag a link
    that removes it."""
    chosen = []

    def add(heading: str, text: str, *names: str) -> None:
        chosen.append(
            {
                "heading": {"text": heading},
                "items": [{"text": text, "href": list_link(params, drop=(*names, *POSITION))}],
            }
        )

    if filters.q:
        add("Search", filters.q, "q")
    if filters.status:
        add("Status", STATUSES[filters.status], "status")
    if filters.allocated_to is not None or filters.unallocated:
        add(
            "Allocated to",
            form.label_of("allocated_to", params.get("allocated_to", "")),
            "allocated_to",
        )
    if filters.team:
        add("Team", filters.team.name, "team")
    if filters.waiting:
        add("Waiting for", WAITING[filters.waiting], "waiting")
    if filters.stage:
        add("Stage reached", f"Stage {filters.stage}", "stage")
    if filters.procedure:
        add("Procedure", filters.procedure.name, "procedure")
    if filters.service_area:
        add("Service area", filters.service_area.name, "service_area")
    if filters.citywide:
        add("Locality", "Citywide (no locality)", "locality")
    elif filters.locality:
        add("Locality", filters.locality.name, "locality")
    if filters.organisation:
        add("Organisation", filters.organisation.name, "organisation")
    if filters.outcome:
        add("Outcome", Outcome(filters.outcome).label, "outcome")
    if filters.complainant_type:
        add("Who complained", ComplainantType(filters.complainant_type).label, "complainant_type")
    if filters.due:
        add("Due", DUE[filters.due], "due")
    for name in ("received_from", "received_to"):
        value = getattr(filters, name)
        if value:
            add(
                str(form.fields[name].label),
                govuk_date(value),
                *(f"{name}-{p}" for p in ("day", "month", "year")),
            )
    return chosen


def _page_number(params: QueryDict) -> int:
    value = params.get("page", "")
    return int(value) if value.isdigit() else 1


def _pagination(page: KeysetPage, params: QueryDict) -> dict[str, Any] | None:
    """GOV.UK pagination: previous and next continue from this page's first and last rows
    (keyset); the numbered links nearby go by offset."""
    if page.pages <= 1:
        return None
    numbers = sorted(
        {1, page.pages, *range(max(1, page.number - 2), min(page.pages, page.number + 2) + 1)}
    )
    items: list[dict[str, Any]] = []
    for index, number in enumerate(numbers):
        if index and number - numbers[index - 1] > 1:
            items.append({"ellipsis": True})
        items.append(
            {
                "number": number,
                "href": list_link(params, drop=POSITION, page=number if number > 1 else None),
                "current": number == page.number,
            }
        )
    previous = None
    if page.previous_cursor is not None:
        previous = {
            "href": list_link(params, drop=POSITION)
            if page.number <= 2
            else list_link(
                params, drop=POSITION, before=page.previous_cursor.encode(), page=page.number - 1
            )
        }
    following = None
    if page.next_cursor is not None:
        following = {
            "href": list_link(
                params, drop=POSITION, after=page.next_cursor.encode(), page=page.number + 1
            )
        }
    return {
        "items": items,
        "previous": previous,
        "next": following,
        "landmarkLabel": "Pages of complaints",
    }


def complaint_list_view(request: HttpRequest) -> HttpResponse:
    require_complaint_pages(request)
    form = ComplaintFilterForm(request.GET or None)
    filters = form.filters()
    now = clock()
    params = request.GET
    counts = status_counts(user=request.user, filters=filters, today=now.today)
    key = filters.sort_key
    page = keyset_page(
        complaint_list(user=request.user, filters=filters, today=now.today),
        key=key,
        descending=filters.descending,
        count=counts.listed,
        size=PAGE_SIZE,
        number=_page_number(params),
        after=Cursor.decode(params["after"], key) if params.get("after") else None,
        before=Cursor.decode(params["before"], key) if params.get("before") else None,
    )
    stages = current_stages(page.rows)
    # One reverse for the page's 25 links (each costs a tenth of a millisecond).
    summary = reverse("complaints:summary", args=[0]).removesuffix("0/")
    rows = []
    for complaint in page.rows:
        stage = stages.get(complaint.pk)
        days_left = now.days_left(complaint.due_date) if complaint.due_date else None
        rows.append(
            {
                "complaint": complaint,
                "href": f"{summary}{complaint.pk}/",
                "stage": stage,
                "tag": presenters.deadline_tag(stage, days_left),
            }
        )
    may_download = may_manage_complaints(request.user)
    return render(
        request,
        "complaints/list.html",
        {
            "form": form,
            "filters": filters,
            "rows": rows,
            "page": page,
            "pagination": _pagination(page, params),
            "counts": counts,
            "sort_headings": _sort_headings(params, filters.sort or DEFAULT_SORT),
            "selected": _selected(form, filters, params),
            "clear_href": reverse("complaints:list"),
            "may_record": may_manage_complaints(request.user),
            "downloads": {kind: _download_link(params, kind) for kind in ("csv", "xlsx")}
            if may_download and counts.listed
            else None,
            "status_href": {
                status: list_link(params, drop=(*POSITION, "status"), status=status)
                for status in ("", "open", "on_hold", "overdue", "closed")
            },
        },
    )


def _download_link(params: QueryDict, kind: str) -> str:
    query = params.copy()
    for name in (*POSITION, "format"):
        query.pop(name, None)
    query["format"] = kind
    return reverse("complaints:download") + f"?{query.urlencode()}"
