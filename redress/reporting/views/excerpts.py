"""Publishable excerpts, for complaints managers: the records an edition's report could quote
with the excerpt each has, and one record's page to write, approve or withdraw its excerpt.
The versions of the report that leave the complaints team print only approved excerpts."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from redress.complaints.views.common import form_page, posted
from redress.reporting.excerpts import selectors, services
from redress.reporting.excerpts.forms import ExcerptForm
from redress.reporting.models import ExcerptSource, ReportEdition
from redress.reporting.selectors import editions_visible_to, left_out_sections, report_sections

from .access import by, edition_or_404, require, require_reports

# The lists of the edition's page, in the order of the report.
LISTS = {
    ExcerptSource.COMPLIMENT: "Compliments",
    ExcerptSource.ENQUIRY: "Ombudsman decisions",
    ExcerptSource.COMPLAINT: "Children’s complaints",
    ExcerptSource.LEARNING_ACTION: "Learning actions",
    ExcerptSource.YOU_SAID: "You said",
    ExcerptSource.WE_DID: "We did",
}
# What the second column of each list names the record by.
LABELLED_BY = {ExcerptSource.COMPLIMENT: "Service", ExcerptSource.ENQUIRY: "Ombudsman reference"}
# The appendix that prints each list's excerpts, named with the letter the authority's report
# gives it (setting report_sections, ADR 0028).
PRINTED_IN = {
    ExcerptSource.COMPLAINT: "appendix_voice",
    ExcerptSource.LEARNING_ACTION: "appendix_learning",
    ExcerptSource.YOU_SAID: "appendix_learning",
    ExcerptSource.WE_DID: "appendix_learning",
}


def _lists(edition: ReportEdition) -> dict[ExcerptSource, str]:
    """ "Children’s complaints (Appendix C)": each list named with where the report prints it."""
    letters = {
        s.key: s.letter
        for s in report_sections(left_out=left_out_sections(edition), edition=edition)
    }
    named = {}
    for source, text in LISTS.items():
        letter = letters.get(PRINTED_IN.get(source, ""))
        named[source] = f"{text} (Appendix {letter})" if letter else text
    return named


def edition_excerpts(request: HttpRequest, pk: int) -> HttpResponse:
    require_reports(request)
    edition = edition_or_404(request, pk)
    require(selectors.may_approve_excerpts(request.user), selectors.MANAGERS_ONLY)
    source = selectors.SLUGS.get(request.GET.get("records", ""), ExcerptSource.COMPLIMENT)
    base = reverse("reporting:edition_excerpts", args=[edition.pk])
    lists = _lists(edition)
    return render(
        request,
        "reporting/excerpts.html",
        {
            "edition": edition,
            "source": source,
            "slug": selectors.SLUG_OF[source],
            "lists": [
                {
                    "text": text,
                    "href": f"{base}?records={selectors.SLUG_OF[key]}",
                    "active": key == source,
                }
                for key, text in lists.items()
            ],
            "heading": lists[source],
            "labelled_by": LABELLED_BY.get(source, "Complaint"),
            "candidates": selectors.candidates(edition, source),
        },
    )


def _edition(request: HttpRequest) -> ReportEdition | None:
    """The edition the manager came from (`?edition=`), for the way back."""
    pk = request.GET.get("edition", "")
    if not pk.isdigit():
        return None
    return editions_visible_to(request.user).filter(pk=int(pk)).first()


def excerpt_page(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    require(selectors.may_approve_excerpts(request.user), selectors.MANAGERS_ONLY)
    record = selectors.record_for(kind, pk)
    if record is None:
        raise Http404("There is no such record.")
    source = selectors.SLUGS[kind]
    live = selectors.live_excerpt(record, source)
    edition = _edition(request)
    back = (
        reverse("reporting:edition_excerpts", args=[edition.pk]) + f"?records={kind}"
        if edition is not None
        else reverse("reporting:editions")
    )

    def perform(data: dict[str, Any]) -> str:
        action = request.POST.get("action")
        if action == "withdraw":
            services.excerpt_withdraw(record=record, by=by(request), source=source)
            return "The excerpt is withdrawn: no report outside the complaints team prints it."
        approve = action == "approve"
        services.excerpt_save(
            record=record, text=data["excerpt"], approve=approve, by=by(request), source=source
        )
        if approve:
            return "The excerpt is approved for publication."
        return "The excerpt is saved. It is not published until it is approved."

    return form_page(
        request,
        form=ExcerptForm(posted(request), initial={"excerpt": live.text if live else ""}),
        perform=perform,
        done_url=lambda: back,
        template="reporting/excerpt.html",
        context={
            "record": record,
            "what": selectors.describe(record, source),
            "recorded": selectors.recorded_text(record, source),
            # Nothing recorded (an enquiry without a summary): no list offers the record, and
            # the page says there is nothing to quote rather than offering an excerpt.
            "nothing_to_quote": not selectors.recorded_text(record, source),
            "live": live,
            "withdrawn": selectors.withdrawn_excerpts(record, source),
            "back": back,
            "edition": edition,
        },
    )
