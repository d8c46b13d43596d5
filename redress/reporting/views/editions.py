"""Report editions: the list, a new edition, an edition's page with its sections, writing one
section's narrative (with a preview of its Markdown), publishing, and the edition's report
in the page or as a download."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from redress.core import clock
from redress.core.presenters import govuk_date
from redress.procedures.rules import RuleViolation
from redress.reporting import services
from redress.reporting.document.sections import SECTION_TITLES
from redress.reporting.forms import (
    FORMAT_LABELS,
    EditionForm,
    NarrativeForm,
    PublishForm,
)
from redress.reporting.models import ReportEdition
from redress.reporting.render import FORMATS
from redress.reporting.render.narrative import to_html
from redress.reporting.selectors import (
    ReportAccess,
    ReportError,
    edition_sections,
    next_steps_draft,
)
from redress.reporting.selectors import editions_visible_to as visible_editions

from .access import by, edition_or_404, require, require_reports
from .common import download, drill_urls, localities_not_offered, report_in_page

# The preview's own heading is an h2, so the narrative's headings start at h3, as they do under
# a section's heading in the report.
PREVIEW_HEADING = 3
TEAM_ONLY = "Only the complaints team (complaints officers and managers) can {what}."
MANAGER_ONLY = "Only a complaints manager can publish a report edition."


def _edition_url(edition: ReportEdition) -> str:
    return reverse("reporting:edition", args=[edition.pk])


def edition_list(request: HttpRequest) -> HttpResponse:
    access = require_reports(request)
    return render(
        request,
        "reporting/editions.html",
        {"editions": list(visible_editions(request.user)), "access": access},
    )


def edition_new(request: HttpRequest) -> HttpResponse:
    access = require_reports(request)
    require(access.edit_editions, TEAM_ONLY.format(what="create a report edition"))
    form = EditionForm(request.POST if request.method == "POST" else None, today=clock.today())
    not_offered = localities_not_offered()
    if request.method == "POST" and form.is_valid():
        try:
            edition = services.edition_create(
                period=form.chosen_period(),
                service=form.chosen_service,
                locality=form.chosen_locality,
                title=form.cleaned_data.get("title", ""),
                by=by(request),
            )
        except ReportError as error:
            form.add_error("service", str(error))
        except RuleViolation as violation:
            form.add_violation(violation)
        else:
            messages.success(request, f"'{edition.title}' created. Write its narrative below.")
            return redirect(_edition_url(edition))
    return render(request, "reporting/edition_new.html", {"form": form, "not_offered": not_offered})


def _downloads(edition: ReportEdition, access: ReportAccess) -> list[dict[str, str]]:
    versions = ["internal", "published"] if access.internal else ["published"]
    base = reverse("reporting:edition_download", args=[edition.pk])
    return [
        {
            "text": FORMAT_LABELS[fmt],
            "version": version,
            "href": f"{base}?format={fmt}&version={version}",
        }
        for version in versions
        for fmt in FORMAT_LABELS
        if fmt in FORMATS
    ]


def edition_page(request: HttpRequest, pk: int) -> HttpResponse:
    access = require_reports(request)
    edition = edition_or_404(request, pk)
    return render(
        request,
        "reporting/edition.html",
        {
            "edition": edition,
            "sections": edition_sections(edition),
            "access": access,
            "downloads": _downloads(edition, access),
            "may_write": access.edit_editions and not edition.is_published,
            "may_publish": access.publish_editions and not edition.is_published,
        },
    )


def edition_section(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    access = require_reports(request)
    edition = edition_or_404(request, pk)
    if section not in SECTION_TITLES:
        raise Http404(f"The report has no section called '{section}'.")
    require(access.edit_editions, TEAM_ONLY.format(what="write a report's narrative"))
    current = next((s for s in edition_sections(edition) if s.spec.key == section), None)
    if current is None:
        # A real section the authority's report profile leaves out (a link from before the
        # profile changed): said plainly on the edition's page.
        messages.error(
            request,
            f"'{SECTION_TITLES[section]}' is not in this authority's report: the setting "
            "report_sections leaves it out, so it has no narrative to write. A complaints "
            "manager can add it (redress config set report_sections …).",
        )
        return redirect(_edition_url(edition) + "#sections")
    saved = current.narrative.text if current.narrative else ""
    posted = request.POST if request.method == "POST" else None
    form = NarrativeForm(posted, initial={"narrative": saved})
    preview = None
    action = request.POST.get("action") if posted is not None else None
    if action in ("leave_out", "put_back"):
        left_out = action == "leave_out"
        try:
            services.narrative_leave_out(
                edition=edition, section=section, left_out=left_out, by=by(request)
            )
        except RuleViolation as violation:
            form.add_violation(violation)
        else:
            title = current.spec.title
            done = "is left out of" if left_out else "is back in"
            messages.success(request, f"'{title}' {done} the report.")
            return redirect(_edition_url(edition) + "#sections")
    elif action == "draft" and section == "next_steps":
        form = NarrativeForm(None, initial={"narrative": next_steps_draft(edition)})
        preview = to_html(form.initial["narrative"], top_heading=PREVIEW_HEADING)
    elif posted is not None and form.is_valid():
        text = form.cleaned_data["narrative"]
        if action == "preview":
            preview = to_html(text, top_heading=PREVIEW_HEADING)
        else:
            try:
                services.narrative_save(edition=edition, section=section, text=text, by=by(request))
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                title = current.spec.title
                messages.success(request, f"The narrative for '{title}' is saved.")
                return redirect(_edition_url(edition) + "#sections")
    elif posted is None and saved:
        preview = to_html(saved, top_heading=PREVIEW_HEADING)
    return render(
        request,
        "reporting/edition_section.html",
        {
            "edition": edition,
            "section": current.spec,
            "narrative": current.narrative,
            "form": form,
            "preview": preview,
            "limit": services.NARRATIVE_LIMIT,
            "left_out": current.left_out,
            "drafts": section == "next_steps",
        },
    )


def edition_publish(request: HttpRequest, pk: int) -> HttpResponse:
    access = require_reports(request)
    edition = edition_or_404(request, pk)
    require(access.publish_editions, MANAGER_ONLY)
    if edition.is_published:
        messages.info(request, f"'{edition.title}' is already published.")
        return redirect(_edition_url(edition))
    posted = request.POST if request.method == "POST" else None
    form = PublishForm(posted, today=clock.today())
    # Finding the empty sections builds the whole published report (seconds at a large
    # authority): once a request. A refusal carries the list the service found.
    unwritten: tuple[str, ...] | None = None
    if posted is not None and form.is_valid():
        try:
            services.edition_publish(
                edition=edition, as_of=form.cleaned_data["as_of"], by=by(request)
            )
        except services.SectionsNotWritten as refusal:
            form.add_violation(refusal)
            unwritten = refusal.unwritten
        except RuleViolation as violation:
            form.add_violation(violation)
        else:
            as_of = govuk_date(form.cleaned_data["as_of"])
            messages.success(
                request, f"'{edition.title}' is published, with figures as at {as_of}."
            )
            return redirect(_edition_url(edition))
    # What publishing today would refuse, said before anyone tries; after a refusal, what it
    # refused (as at the day asked for).
    if unwritten is None:
        unwritten = tuple(services.unwritten_sections(edition, as_of=clock.today()))
    titles = {item.spec.key: item.spec.title for item in edition_sections(edition)}
    return render(
        request,
        "reporting/edition_publish.html",
        {
            "edition": edition,
            "form": form,
            "unwritten": [(titles.get(key, SECTION_TITLES[key]), key) for key in unwritten],
        },
    )


def _version(request: HttpRequest, access: ReportAccess) -> bool:
    """Whether to show the publication version: always for those without the internal one."""
    return not access.internal or request.GET.get("version") == "published"


def edition_preview(request: HttpRequest, pk: int) -> HttpResponse:
    access = require_reports(request)
    edition = edition_or_404(request, pk)
    publish = _version(request, access)
    as_of = edition.as_of or clock.today()
    prepared = services.prepare_report(
        period=edition.period,
        as_of=as_of,
        service=edition.service,
        locality=edition.locality,
        publish=publish,
        edition=edition,
        names=access.names,
    )
    links = drill_urls(
        figures=prepared.figures,
        period=edition.period,
        as_of=as_of,
        service=prepared.service,
        access=access,
        locality=prepared.locality,
    )
    return render(
        request,
        "reporting/edition_preview.html",
        {
            "edition": edition,
            "access": access,
            "published_version": publish,
            "as_of": as_of,
            "report": report_in_page(request, prepared, links),
        },
    )


def edition_download(request: HttpRequest, pk: int) -> HttpResponse:
    access = require_reports(request)
    edition = edition_or_404(request, pk)
    fmt = request.GET.get("format", "pdf")
    if fmt not in FORMATS:
        raise Http404(f"There is no '{fmt}' format. Formats: {', '.join(FORMATS)}.")
    publish = _version(request, access)
    prepared = services.prepare_report(
        period=edition.period,
        as_of=edition.as_of or clock.today(),
        service=edition.service,
        locality=edition.locality,
        publish=publish,
        edition=edition,
        names=access.names,
        document=fmt != "json",
    )
    return download(
        services.render_report(prepared, fmt=fmt, period=edition.period, published=publish)
    )
