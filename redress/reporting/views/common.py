"""What the reports pages share: the report in the page (with its drill-down links) and the
report as a download."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.middleware.csp import get_nonce
from django.urls import reverse
from markupsafe import Markup

from redress.reporting.figures import FigureSet
from redress.reporting.forms import LOCALITY
from redress.reporting.periods import Period
from redress.reporting.presenters import localities_not_listed
from redress.reporting.selectors import ReportAccess, drill_target
from redress.reporting.selectors.reports import localities_without_service_areas
from redress.reporting.services import PreparedReport, ReportOutput

DrillUrl = Callable[[str, int | None], str | None]


def report_query(
    period: Period,
    as_of: datetime.date,
    service: str | None,
    locality: str | None = None,
    report_period: Period | None = None,
) -> str:
    """The query string naming a report: `?from=…&to=…&as_of=…`, then `&service=…` or
    `&locality=…`. A locality's figure of the same period a year before also names the report's
    period (`&report_from=…&report_to=…`), whose service areas the report counted."""
    params = {"from": period.start.isoformat(), "to": period.end.isoformat()}
    params["as_of"] = as_of.isoformat()
    if locality:
        params["locality"] = locality
        if report_period is not None and report_period != period:
            params["report_from"] = report_period.start.isoformat()
            params["report_to"] = report_period.end.isoformat()
    elif service:
        params["service"] = service
    return "?" + urlencode(params)


@dataclass(frozen=True)
class NotOffered:
    """The scope choices of localities a report can never be made for, and why they are not
    listed. They stay valid choices, so an address naming one is answered with the reason
    (report_scope's); they are only left out of the list."""

    values: frozenset[str] = frozenset()
    why: str = ""

    def listed(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The select's items without these (one already chosen stays, to show its error)."""
        return [i for i in items if i["value"] not in self.values or i.get("selected")]


def localities_not_offered() -> NotOffered:
    missing = localities_without_service_areas()
    if not missing:
        return NotOffered()
    why = localities_not_listed(missing)
    return NotOffered(frozenset(f"{LOCALITY}{name}" for name in missing), why)


def drill_urls(
    *,
    figures: FigureSet,
    period: Period,
    as_of: datetime.date,
    service: str | None,
    access: ReportAccess,
    locality: str | None = None,
) -> DrillUrl | None:
    """Where each figure and table row of the report (of the whole authority, a service area or
    a locality) links to (None: no links at all)."""
    if not access.drill:
        return None
    counted = set(figures.evidence)
    rows = {table: set(evidence) for table, evidence in figures.table_evidence.items()}

    def url(figure_id: str, row: int | None) -> str | None:
        if row is not None:
            if row not in rows.get(figure_id, ()):
                return None
            address = reverse("reporting:table", args=[figure_id, row])
            return address + report_query(period, as_of, service, locality)
        target = drill_target(figure_id, counted)
        if target is None:
            return None
        counted_id, previous = target
        shown = period.previous if previous else period
        query = report_query(shown, as_of, service, locality, report_period=period)
        return reverse("reporting:figure", args=[counted_id]) + query

    return url


def report_in_page(
    request: HttpRequest, prepared: PreparedReport, drill_url: DrillUrl | None
) -> Markup:
    """The report's body for a staff page, as the HTML renderer lays it out; its chart scripts
    carry the response's Content-Security-Policy nonce."""
    from redress.reporting.render.html import render_fragment

    assert prepared.document is not None
    nonce = get_nonce(request)
    html = render_fragment(
        prepared.document,
        prepared.figures,
        drill_url=drill_url,
        nonce=str(nonce) if nonce is not None else None,
    )
    return Markup(html)  # noqa: S704 - the renderer escapes every value it writes


def download(output: ReportOutput) -> HttpResponse:
    response = HttpResponse(output.content, content_type=output.content_type)
    response["Content-Disposition"] = f'attachment; filename="{output.filename}"'
    return response
