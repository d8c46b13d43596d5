"""Recording a complaint, and correcting one that has started: GOV.UK question pages, a
check-your-answers page and, for a new complaint, a confirmation with its reference.

Nothing is written until the answers are checked and sent: then the services write the people
and the complaint in one transaction. Correcting starts from the check page, showing the
complaint's details with a link to change each, and is refused (showing what changed) when
someone else changed the complaint since it started (optimistic concurrency, ADR 0016).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from redress.complaints.forms.fields import GovukForm
from redress.complaints.forms.record import ChildForm, FindComplainantForm, ReasonForm
from redress.complaints.models import Complaint
from redress.complaints.selectors import clock, stage_views
from redress.complaints.selectors.concurrency import edit_token
from redress.procedures import rules

from . import record_answers
from .access import complaint_or_refuse
from .common import TOKEN_FIELD, by, form_page, posted, require_team
from .record_journey import BY_SLUG, PAGES, Journey, answers_of, new_key, typed
from .record_writes import correct_complaint, record_complaint

TEMPLATE = "complaints/record/{}.html"
RECORDING = "record a complaint"
CORRECTING = "change a complaint's details"
# The question a rule's field (or, for rules that name none, the rule) sends the user back to.
FIELD_PAGES = {
    "received_on": "received",
    "method": "received",
    "reference": "received",
    "name": "complainant-details",
    "email": "complainant-details",
    "phone": "complainant-details",
    "address": "complainant-details",
    "preferred_contact": "complainant-details",
    "complainant_type": "complainant-type",
    "date_of_birth": "children",
    "age_band": "children",
    "on_behalf_of": "on-behalf",
    "advocate": "advocacy",
    "advocate_person": "advocacy",
    "advocate_organisation": "advocacy",
    "service_area": "service",
    "locality": "service",
    "organisation": "service",
    "category": "reasons",
    "subcategory": "reasons",
    "summary": "summary",
    "desired_outcome": "summary",
    "procedure": "procedure",
}
RULE_PAGES = {
    "ReferenceTaken": "received",
    "TermNotForUse": "reasons",
    "DuplicateAspect": "reasons",
    "StageClosed": "reasons",
    "AlreadyResponded": "reasons",
    "AdvocacyProviderNotSet": "advocacy",
    "AdvocacyNoChild": "children",
}


class CheckForm(GovukForm):
    """The check page's button. A rule the services refuse the answers for links back to the
    question that asked for what it is about."""

    def __init__(self, *args: Any, journey: Journey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.journey = journey
        self.links: dict[str, str] = {}

    def add_violation(self, violation: Any) -> None:
        name = type(violation).__name__
        slug = FIELD_PAGES.get(getattr(violation, "field", None) or "") or RULE_PAGES.get(name)
        if name == "DateInFuture":
            slug = "children" if violation.context.get("what") == "birth" else "received"
        if slug in BY_SLUG and BY_SLUG[slug].applies(self.journey):
            self.links[violation.message] = self.journey.url(slug)
        self.add_error(None, violation.message)

    def error_list(self) -> list[dict[str, str]]:
        return [
            {"text": str(e), "href": self.links.get(str(e), "#main-form")}
            for e in self.non_field_errors()
        ]


# -- the pages both journeys share --------------------------------------------------------------


def _render(
    request: HttpRequest, journey: Journey, slug: str, form: Any, **extra: Any
) -> HttpResponse:
    return render(
        request,
        TEMPLATE.format(BY_SLUG[slug].template),
        {
            "form": form,
            "journey": journey,
            "complaint": journey.complaint,
            "back_url": journey.back_url(slug),
            **extra,
        },
    )


def _question(request: HttpRequest, journey: Journey, slug: str) -> HttpResponse:
    page = BY_SLUG.get(slug)
    if page is None:
        raise Http404("There is no such question.")
    if journey.state.get("recorded"):
        return redirect("complaints:record_done", journey.key)
    if not page.applies(journey):
        return redirect(journey.next_url(slug))
    if slug == "children":
        return _children(request, journey)
    if slug == "reasons":
        return _reasons(request, journey)
    if request.method != "POST":
        return _render(request, journey, slug, journey.form(slug, None))
    if slug == "complainant" and request.POST.get("action") == "search":
        return _search(request, journey)
    form = journey.form(slug, request.POST)
    if not form.is_valid():
        return _render(request, journey, slug, form)
    journey.keep(slug, typed(form, request.POST))
    journey.save()
    return redirect(journey.next_url(slug))


def _search(request: HttpRequest, journey: Journey) -> HttpResponse:
    """The people found for the name or email typed, to choose from (nothing is kept yet)."""
    text = request.POST.get("search", "").strip()
    chosen = (journey.answers("complainant") or {}).get("person")
    form = FindComplainantForm(
        initial={"search": text, "person": chosen}, people=journey.people_for(text, chosen)
    )
    return _render(request, journey, "complainant", form, searched=text)


def _children(request: HttpRequest, journey: Journey) -> HttpResponse:
    """The children the complaint is about, added one at a time (each with a button that
    posts back, so it works without JavaScript); Continue adds one typed but not yet added."""
    form = ChildForm()
    if request.method == "POST":
        action = request.POST.get("action", "continue")
        if action.startswith("remove:"):
            gone = action.removeprefix("remove:")
            journey.state["children"] = [c for c in journey.children if c["id"] != gone]
            if (journey.answers("on-behalf") or {}).get("on_behalf_of") == gone:
                journey.state["pages"].pop("on-behalf", None)
            journey.save()
            return redirect(journey.url("children"))
        form = ChildForm(request.POST)
        if form.is_valid() and action == "add" and form.blank:
            form.add_error("name", "Enter the child's name")
        if form.is_valid():
            if not form.blank:
                child = {"id": f"n{secrets.token_hex(4)}", **typed(form, request.POST)}
                journey.state["children"] = [*journey.children, child]
            if action == "add":
                journey.save()
                return redirect(journey.url("children"))
            journey.keep("children", {})
            if not journey.children:
                journey.state["pages"].pop("on-behalf", None)
            journey.save()
            return redirect(journey.next_url("children"))
    children = [(child, record_answers.child_line(journey, child)) for child in journey.children]
    return _render(request, journey, "children", form, children=children)


def _reasons(request: HttpRequest, journey: Journey) -> HttpResponse:
    """The reasons for complaint, added one at a time; a sub-category of another category is
    refused here, at the sub-category, before anything is written."""
    form = ReasonForm(day=journey.day, chosen=journey.reasons)
    if request.method == "POST":
        action = request.POST.get("action", "continue")
        if action.startswith("remove:"):
            gone = action.removeprefix("remove:")
            index = int(gone) if gone.isdigit() else -1
            journey.state["reasons"] = [
                r for i, r in enumerate(journey.state["reasons"]) if i != index
            ]
            journey.save()
            return redirect(journey.url("reasons"))
        form = ReasonForm(request.POST, day=journey.day, chosen=journey.reasons)
        if form.is_valid() and form.blank and (action == "add" or not journey.reasons):
            form.add_error(
                "category",
                "Select the category"
                if action == "add"
                else "Add at least one reason for complaint",
            )
        if form.is_valid():
            if not form.blank:
                category = form.cleaned_data["category"]
                subcategory = form.cleaned_data.get("subcategory")
                pair = [category.pk, subcategory.pk if subcategory else None]
                journey.state["reasons"] = [*journey.state["reasons"], pair]
            if action == "add":
                journey.save()
                return redirect(journey.url("reasons"))
            journey.keep("reasons", {})
            journey.save()
            return redirect(journey.next_url("reasons"))
    reasons = [
        (index, record_answers.reason_label(journey.reason_form(index)))
        for index in range(len(journey.reasons))
    ]
    return _render(request, journey, "reasons", form, reasons=reasons)


def _check_context(journey: Journey, **extra: Any) -> dict[str, Any]:
    if journey.complaint is not None:
        back = reverse("complaints:summary", args=[journey.complaint.pk])
    else:
        back = journey.url(journey.pages()[-1].slug)
    return {
        "journey": journey,
        "back_url": back,
        "complaint": journey.complaint,
        "sections": record_answers.sections(journey),
        "journey_token": journey.state.get("token", ""),
        "token_field": TOKEN_FIELD,
        **extra,
    }


# -- recording a complaint ----------------------------------------------------------------------


def record(request: HttpRequest) -> HttpResponse:
    """Start recording a complaint: a new journey, so another tab's is left alone."""
    require_team(request, RECORDING)
    return redirect("complaints:record_page", new_key(), PAGES[0].slug)


def _recording(request: HttpRequest, key: str) -> Journey | None:
    require_team(request, RECORDING)
    return Journey.load(request, key)


def record_page(request: HttpRequest, key: str, page: str) -> HttpResponse:
    journey = _recording(request, key)
    if journey is None:  # a new journey (or one the session no longer holds): from the start
        if page != PAGES[0].slug or Journey.taken(request, key):
            return redirect("complaints:record")
        journey = Journey.start(request, key=key)
    return _question(request, journey, page)


def record_check(request: HttpRequest, key: str) -> HttpResponse:
    journey = _recording(request, key)
    if journey is None:
        return redirect("complaints:record")
    if journey.state.get("recorded"):
        return redirect("complaints:record_done", key)
    unanswered = journey.first_unanswered()
    if unanswered is not None:
        return redirect(journey.url(unanswered.slug))
    journey.state["checking"] = True
    journey.save()
    problems = record_answers.problems(journey)
    form = CheckForm(posted(request), journey=journey)
    if request.method == "POST" and not problems and form.is_valid():
        try:
            with transaction.atomic():
                complaint = record_complaint(journey, by(request))
        except rules.RuleViolation as violation:
            form.add_violation(violation)
        else:
            journey.state = {"kind": "record", "complaint": None, "recorded": complaint.pk}
            journey.save()
            return redirect("complaints:record_done", key)
    return render(
        request,
        TEMPLATE.format("check"),
        _check_context(journey, form=form, problems=problems, edit_token="", changed_meanwhile=[]),
    )


def record_done(request: HttpRequest, key: str) -> HttpResponse:
    journey = _recording(request, key)
    if journey is None or not journey.state.get("recorded"):
        return redirect("complaints:record")
    complaint = complaint_or_refuse(request, journey.state["recorded"])
    first = next(iter(stage_views(complaint, clock())), None)
    return render(
        request, TEMPLATE.format("confirmation"), {"complaint": complaint, "first": first}
    )


# -- correcting a complaint ---------------------------------------------------------------------


def _correcting(request: HttpRequest, pk: int) -> Complaint:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, CORRECTING)
    return complaint


def change_details(request: HttpRequest, pk: int) -> HttpResponse:
    """Start correcting a complaint: its details as answers, on the check page, with the
    complaint's version as it stands now (a change made by someone else from here on is
    shown when this one is saved)."""
    complaint = _correcting(request, pk)
    state = {**answers_of(complaint), "token": edit_token(complaint).text}
    journey = Journey.start(request, complaint=complaint, state=state)
    journey.save()
    return redirect(journey.check_url())


def change_details_page(request: HttpRequest, pk: int, key: str, page: str) -> HttpResponse:
    complaint = _correcting(request, pk)
    journey = Journey.load(request, key, complaint)
    if journey is None:
        return redirect("complaints:change_details", pk)
    return _question(request, journey, page)


def change_details_check(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    complaint = _correcting(request, pk)
    journey = Journey.load(request, key, complaint)
    if journey is None:
        return redirect("complaints:change_details", pk)
    problems = record_answers.problems(journey)
    form = CheckForm(posted(request) if not problems else None, journey=journey)

    def perform(data: dict[str, Any]) -> str:
        changed = any(journey.changed(page.slug) for page in journey.pages())
        correct_complaint(journey, complaint, by(request))
        journey.forget()
        if not changed:
            return f"Nothing was changed on complaint {complaint.reference}"
        return f"Complaint {complaint.reference}: details changed"

    return form_page(
        request,
        form=form,
        perform=perform,
        done_url=lambda: reverse("complaints:summary", args=[pk]),
        template=TEMPLATE.format("check"),
        context=_check_context(journey, problems=problems),
        complaint=complaint,
    )
