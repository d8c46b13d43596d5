"""The reports page: choose a period, whom the report covers (the whole authority, a locality or
a service area), the version and format; preview the report in the page (every figure linked to
its records) or download it. A GET form, so a report has an address that can be bookmarked or
sent to a colleague."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from redress.core import clock
from redress.reporting.forms import FORMAT_LABELS, SCOPE_HINT, ReportForm
from redress.reporting.selectors import ReportError
from redress.reporting.services import prepare_report, render_report

from .access import require_reports
from .common import download, drill_urls, localities_not_offered, report_in_page

ACTIONS = {"preview", "download"}


def reports_page(request: HttpRequest) -> HttpResponse:
    access = require_reports(request)
    action = request.GET.get("action")
    bound = action in ACTIONS
    form = ReportForm(request.GET if bound else None, today=clock.today(), internal=access.internal)
    # A locality no service area was ever in is not listed; an address naming one is still
    # answered with the reason (report_scope's).
    not_offered = localities_not_offered()
    context = {
        "form": form,
        "access": access,
        "preview": None,
        "links": False,
        "format_labels": FORMAT_LABELS,
        "scope_hint": f"{SCOPE_HINT} {not_offered.why}".strip(),
        "not_offered": not_offered,
    }
    if bound and form.is_valid():
        period = form.chosen_period()
        fmt = form.cleaned_data["fmt"]
        try:
            prepared = prepare_report(
                period=period,
                as_of=form.chosen_as_of,
                service=form.chosen_service,
                locality=form.chosen_locality,
                publish=form.publish,
                names=access.names,
                document=action == "preview" or fmt != "json",
            )
        except ReportError as error:
            form.add_error("service", str(error))
        else:
            if action == "download":
                return download(
                    render_report(prepared, fmt=fmt, period=period, published=form.publish)
                )
            links = drill_urls(
                figures=prepared.figures,
                period=period,
                as_of=form.chosen_as_of,
                service=prepared.service,
                access=access,
                locality=prepared.locality,
            )
            context["links"] = links is not None
            context["preview"] = report_in_page(request, prepared, links)
            context["prepared"] = prepared
            context["period"] = period
    return render(request, "reporting/reports.html", context)
