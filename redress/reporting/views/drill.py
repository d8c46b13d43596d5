"""Drill-down: the records behind a figure, or behind one row of a table, of a report named by
its query string (`?from=…&to=…&as_of=…&service=…`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from redress.core.presenters import any_value
from redress.reporting.forms import DrillQueryForm
from redress.reporting.selectors import (
    Drill,
    NoRecordsError,
    ReportError,
    UnknownFigureError,
    WithheldError,
    figure_drill,
    table_drill,
)

from .access import require_drill

PAGE_SIZE = 100


def _problem(
    request: HttpRequest, problems: list[str], status: int, *, withheld: bool = False
) -> HttpResponse:
    context = {"problems": problems, "withheld": withheld}
    return render(request, "reporting/drill_problem.html", context, status=status)


def _page(request: HttpRequest, find: Any) -> HttpResponse:
    access = require_drill(request)
    query = DrillQueryForm(request.GET)
    if not query.is_valid():
        return _problem(request, query.problems(), 400)
    try:
        drill: Drill = find(
            period=query.period(),
            as_of=query.cleaned_data["as_of"],
            service=query.cleaned_data["service"] or None,
            user=request.user,
        )
    except WithheldError as error:
        return _problem(request, [str(error)], 403, withheld=True)
    except (UnknownFigureError, NoRecordsError) as error:
        return _problem(request, [str(error)], 404)
    except ReportError as error:
        return _problem(request, [str(error)], 400)
    paginator = Paginator(drill.records.rows, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "reporting/drill.html",
        {
            "drill": drill,
            "access": access,
            "page": page,
            "pagination": _pagination(request, page),
            "value_rows": _value_rows(drill),
            "report_href": _report_href(drill),
        },
    )


def _value_rows(drill: Drill) -> list[dict[str, Any]]:
    if not drill.is_table:
        return [{"key": {"text": "Value"}, "value": {"text": any_value(drill.value)}}]
    return [
        {
            "key": {"text": column.replace("_", " ").capitalize()},
            "value": {"text": any_value(value)},
        }
        for column, value in drill.value.items()
    ]


def _report_href(drill: Drill) -> str:
    """The reports page showing the report this figure belongs to."""
    params = {
        "action": "preview",
        "period": "dates",
        "start-day": drill.period.start.day,
        "start-month": drill.period.start.month,
        "start-year": drill.period.start.year,
        "end-day": drill.period.end.day,
        "end-month": drill.period.end.month,
        "end-year": drill.period.end.year,
        "as_of-day": drill.as_of.day,
        "as_of-month": drill.as_of.month,
        "as_of-year": drill.as_of.year,
        "service": drill.service or "",
    }
    return reverse("reporting:reports") + "?" + urlencode(params)


def _pagination(request: HttpRequest, page: Any) -> dict[str, Any] | None:
    paginator = page.paginator
    if paginator.num_pages <= 1:
        return None

    def href(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return "?" + query.urlencode()

    items: list[dict[str, Any]] = []
    for number in paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1):
        if number == paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "href": href(number), "current": number == page.number})
    return {
        "items": items,
        "previous": {"href": href(page.previous_page_number())} if page.has_previous() else None,
        "next": {"href": href(page.next_page_number())} if page.has_next() else None,
        "landmarkLabel": "Pages of records",
    }


def figure_records(request: HttpRequest, figure_id: str) -> HttpResponse:
    return _page(request, lambda **kw: figure_drill(figure_id=figure_id, **kw))


def table_records(request: HttpRequest, table_id: str, row: int) -> HttpResponse:
    return _page(request, lambda **kw: table_drill(table_id=table_id, row=row, **kw))
