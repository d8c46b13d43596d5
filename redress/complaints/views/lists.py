"""The complaints list: MOJ filter layout, a sortable table and pagination, all by GET."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse

from redress.complaints import presenters
from redress.complaints.choices import ComplainantType
from redress.complaints.forms import ComplaintFilterForm
from redress.complaints.selectors import (
    DEFAULT_SORT,
    STATUSES,
    ComplaintFilters,
    clock,
    complaint_list,
    complaint_rows,
    may_manage_complaints,
    status_counts,
)
from redress.core.presenters import govuk_date

from .access import require_complaint_pages

PAGE_SIZE = 25
# Sortable columns: (sort key, heading). The first sort of a date column is newest first.
SORTABLE = [
    ("reference", "Reference"),
    ("received", "Received"),
    ("procedure", "Procedure"),
    ("stage", "Stage reached"),
    ("service", "Service area"),
]
NEWEST_FIRST = {"received"}


def _with(params: QueryDict, *, drop: tuple[str, ...] = (), **changes: Any) -> str:
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
                "href": _with(params, drop=("page",), sort=next_sort),
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
                "items": [{"text": text, "href": _with(params, drop=(*names, "page"))}],
            }
        )

    if filters.reference:
        add("Reference", filters.reference, "reference")
    if filters.status:
        add("Status", STATUSES[filters.status], "status")
    if filters.procedure:
        add("Procedure", filters.procedure.name, "procedure")
    if filters.stage:
        add("Stage reached", f"Stage {filters.stage}", "stage")
    if filters.service_area:
        add("Service area", filters.service_area.name, "service_area")
    if filters.citywide:
        add("Locality", "Citywide (no locality)", "locality")
    elif filters.locality:
        add("Locality", filters.locality.name, "locality")
    if filters.complainant_type:
        add("Who complained", ComplainantType(filters.complainant_type).label, "complainant_type")
    for name, value in (
        ("received_from", filters.received_from),
        ("received_to", filters.received_to),
    ):
        if value:
            add(
                str(form.fields[name].label),
                govuk_date(value),
                *(f"{name}-{p}" for p in ("day", "month", "year")),
            )
    return chosen


def _pagination(page: Any, params: QueryDict) -> dict[str, Any] | None:
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return None
    items: list[dict[str, Any]] = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append(
                {
                    "number": number,
                    "href": _with(params, page=number),
                    "current": number == page.number,
                }
            )
    return {
        "items": items,
        "previous": {"href": _with(params, page=page.previous_page_number())}
        if page.has_previous()
        else None,
        "next": {"href": _with(params, page=page.next_page_number())} if page.has_next() else None,
        "landmarkLabel": "Pages of complaints",
    }


def complaint_list_view(request: HttpRequest) -> HttpResponse:
    require_complaint_pages(request)
    form = ComplaintFilterForm(request.GET or None)
    filters = form.filters()
    now = clock()
    paginator = Paginator(complaint_list(user=request.user, filters=filters, clock=now), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    rows = [
        {"row": row, "tag": presenters.deadline_tag(row.current, row.days_left)}
        for row in complaint_rows(page.object_list, now)
    ]
    params = request.GET
    return render(
        request,
        "complaints/list.html",
        {
            "form": form,
            "filters": filters,
            "rows": rows,
            "page": page,
            "pagination": _pagination(page, params),
            "counts": status_counts(user=request.user, filters=filters, clock=now),
            "sort_headings": _sort_headings(params, filters.sort or DEFAULT_SORT),
            "selected": _selected(form, filters, params),
            "clear_href": reverse("complaints:list"),
            "may_record": may_manage_complaints(request.user),
            "status_href": {
                status: _with(params, drop=("page",), status=status)
                for status in ("", "open", "overdue", "closed")
            },
        },
    )
