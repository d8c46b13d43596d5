"""Drill-down: the records behind a figure, or behind one row of a table, of a report named by
its query string: `?from=…&to=…&as_of=…` for the whole authority, with `&service=<name>` for a
service area or `&locality=<name>` for a locality. A locality's figure of the same period a year
before names the report's own period too (`&report_from=…&report_to=…`): its service areas are
those the report chose for its period, which may not be a locality's of the year before."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from redress.complaints.selectors import complaints_listed_note
from redress.core.presenters import any_value, govuk_date
from redress.reporting.forms import LOCALITY, DrillQuery
from redress.reporting.presenters import row_value_rows
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
    query = DrillQuery(request.GET)
    if not query.is_valid():
        return _problem(request, query.problems(), 400)
    try:
        drill: Drill = find(
            period=query.period(),
            as_of=query.cleaned_data["as_of"],
            service=query.cleaned_data["service"] or None,
            locality=query.cleaned_data["locality"] or None,
            report_period=query.report_period(),
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
            "scope_rows": _scope_rows(drill),
            "report_href": _report_href(drill),
            "seen_note": _seen_note(request.user, drill),
        },
    )


def _seen_note(user: Any, drill: Drill) -> str:
    """Which of the records someone outside the complaints team is shown: those of the
    complaints they can see (worded beside the rule, in the scoping selector), and none of the
    kinds not tied to a complaint (compliments, informal feedback), which their list leaves
    out."""
    records = drill.records
    if not any(column.key == "reference" for column in records.columns):
        return (
            f"{records.plural.capitalize()} are not tied to a complaint, so only the complaints "
            "team can list them."
        )
    return complaints_listed_note(user)


def _value_rows(drill: Drill) -> list[dict[str, Any]]:
    if not drill.is_table:
        return [{"key": {"text": "Value"}, "value": {"text": any_value(drill.value)}}]
    return [
        {"key": {"text": column}, "value": {"text": value}}
        for column, value in row_value_rows(drill.figure_id, drill.value)
    ]


def _scope_rows(drill: Drill) -> list[dict[str, Any]]:
    """Whom the report covers and, for a figure of the same period a year before, which
    report it belongs to."""
    rows: list[dict[str, Any]] = []
    if drill.report_period is not None:
        report = drill.report_period
        rows.append(
            {
                "key": {"text": "In the report for"},
                "value": {
                    "text": f"{govuk_date(report.start)} to {govuk_date(report.end)} (this "
                    "figure is its comparison with the same period a year before)"
                },
            }
        )
    if drill.locality:
        areas = ", ".join(drill.scope.area_names)
        rows.append({"key": {"text": "Locality"}, "value": {"text": drill.scope.words}})
        rows.append(
            {
                "key": {"text": "Service areas counted"},
                "value": {
                    "text": f"{areas}: those in the locality at some time during the report's "
                    "period or the same period a year before"
                },
            }
        )
    else:
        rows.append(
            {
                "key": {"text": "Service area"},
                "value": {"text": drill.service or "The whole authority"},
            }
        )
    return rows


def _report_href(drill: Drill) -> str:
    """The reports page showing the report this figure belongs to."""
    report = drill.of_report
    scope = f"{LOCALITY}{drill.locality}" if drill.locality else drill.service or ""
    params = {
        "action": "preview",
        "period": "dates",
        "start-day": report.start.day,
        "start-month": report.start.month,
        "start-year": report.start.year,
        "end-day": report.end.day,
        "end-month": report.end.month,
        "end-year": report.end.year,
        "as_of-day": drill.as_of.day,
        "as_of-month": drill.as_of.month,
        "as_of-year": drill.as_of.year,
        "service": scope,
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
