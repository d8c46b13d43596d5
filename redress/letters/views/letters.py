"""A complaint's letters: the Letters tab, choosing a letter, previewing and editing its text,
producing it as Word and PDF, and sending it by email or marking it posted.

Each looks the complaint up through the scoping selector first, so a complaint the person may
not see (and its letters) answers 404 like one that does not exist. Every step works without
JavaScript: choosing is a GET form, and "Preview" and "Produce" are two buttons of one form.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from redress.complaints.models import Complaint, Stage
from redress.complaints.views.access import complaint_or_refuse
from redress.complaints.views.common import by, form_page, posted, stage_of
from redress.complaints.views.pages import render_tab
from redress.notifications.models import FAILED_STATES
from redress.procedures.rules import RuleViolation

from .. import access, presenters, rules, selectors, services
from .. import render as render_text
from ..forms import ChooseForm, ComposeForm, PostedForm, SendForm
from ..models import Letter, LetterTemplate

TEAM_ONLY = (
    "Only the complaints team (complaints officers and managers) can write, send or post letters."
)


def _require_writer(request: HttpRequest) -> None:
    if not access.may_write_letters(request.user):
        raise PermissionDenied(TEAM_ONLY)


def letters(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    return render_tab(
        request,
        complaint,
        "letters",
        {
            "letters": presenters.letter_rows(selectors.letters_of(complaint)),
            "may_write": access.may_write_letters(request.user),
            "may_read_templates": access.may_read_templates(request.user),
        },
        template="letters/tab.html",
    )


def _stage_numbers(complaint: Complaint) -> list[int]:
    return [s.number for s in complaint.stages.all()]


def _template_choices(stage_numbers: list[int]) -> list[tuple[str, str]]:
    return [
        (t.code, t.name)
        for t in selectors.templates()
        if t.stage is None or t.stage in stage_numbers
    ]


def _choose_form(request: HttpRequest, complaint: Complaint, data: Any) -> ChooseForm:
    stage_numbers = _stage_numbers(complaint)
    return ChooseForm(
        data,
        templates=_template_choices(stage_numbers),
        stages=stage_numbers,
        recipients=selectors.recipients(complaint),
    )


def choose(request: HttpRequest, pk: int) -> HttpResponse:
    """Which letter, about which stage, to whom: a GET form, so going back keeps the choice."""
    complaint = complaint_or_refuse(request, pk)
    _require_writer(request)
    form = _choose_form(request, complaint, request.GET or None)
    if form.is_bound and form.is_valid():
        template = selectors.template_by_code(form.cleaned_data["template"])
        assert template is not None
        stage = int(form.cleaned_data["stage"])
        try:
            rules.check_template_stage(template, stage)
        except RuleViolation as violation:
            form.add_error("template", str(violation))
        else:
            query = urlencode({"stage": stage, "recipient": form.cleaned_data["recipient"]})
            return redirect(f"{reverse('letters:compose', args=[pk, template.code])}?{query}")
    templates = {t.code: t for t in selectors.templates()}
    return render(
        request,
        "letters/choose.html",
        {
            "complaint": complaint,
            "form": form,
            "template_hints": {code: presenters.template_row(t) for code, t in templates.items()},
        },
    )


def _compose_choice(
    request: HttpRequest, complaint: Complaint, code: str
) -> tuple[LetterTemplate, Stage, selectors.Recipient]:
    """The template, stage and recipient the address names (the latest stage and the first
    person, when it does not say); a choice that does not fit goes back to choosing."""
    template = selectors.template_by_code(code)
    if template is None:
        raise Http404("There is no letter template with that address.")
    numbers = _stage_numbers(complaint)
    if not numbers:
        raise Http404(f"Complaint {complaint.reference} has no stage to write about.")
    wanted = request.GET.get("stage") or str(template.stage or numbers[-1])
    stage = stage_of(complaint, int(wanted) if wanted.isdigit() else -1)
    people = selectors.recipients(complaint)
    role = request.GET.get("recipient") or (people[0].role if people else "")
    recipient = selectors.recipient(complaint, role)
    if recipient is None:
        raise Http404(f"Complaint {complaint.reference} names no one to write to as '{role}'.")
    return template, stage, recipient


def compose(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """The letter filled in for this complaint, to read and, for this one letter, to change;
    "Preview" shows the changed text as it will print; "Produce" makes the Word and PDF."""
    complaint = complaint_or_refuse(request, pk)
    _require_writer(request)
    template, stage, recipient = _compose_choice(request, complaint, code)
    if template.stage is not None and template.stage != stage.number:
        query = urlencode({"template": template.code, "stage": stage.number})
        return redirect(f"{reverse('letters:choose', args=[pk])}?{query}")
    try:
        draft = selectors.letter_draft(
            complaint=complaint,
            stage=stage,
            template=template,
            recipient=recipient,
            officer=request.user,
        )
    except Exception as error:  # a template saved before a field was withdrawn, say
        from ..sandbox import TemplateRefusedError

        if not isinstance(error, TemplateRefusedError):
            raise
        raise PermissionDenied(
            f"The template '{template.name}' cannot be used as it is ({error}): ask a "
            "complaints manager to correct it."
        ) from None
    form = ComposeForm(posted(request), initial={"subject": draft.subject, "body": draft.body})
    subject, body = draft.subject, draft.body
    if request.method == "POST" and form.is_valid():
        subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
        if request.POST.get("action") == "produce":
            try:
                with transaction.atomic():
                    letter = services.letter_produce(
                        complaint=complaint,
                        stage=stage,
                        template=template,
                        recipient_role=recipient.role,
                        subject=subject,
                        body=body,
                        by=by(request),
                    )
            except RuleViolation as violation:
                form.add_violation(violation)
            else:
                messages.success(request, f"{letter.subject}: Word and PDF produced")
                return redirect("letters:letter", complaint.pk, letter.pk)
    elif request.method == "POST":
        subject = request.POST.get("subject", "")
        body = request.POST.get("body", "")
    return render(
        request,
        "letters/compose.html",
        {
            "complaint": complaint,
            "template": template,
            "stage": stage,
            "recipient": recipient,
            "form": form,
            "empty": draft.empty,
            "edited": request.method == "POST" and (subject, body) != (draft.subject, draft.body),
            "preview": presenters.layout(
                draft_subject=" ".join(subject.split()),
                draft_body=body,
                recipient=recipient,
                reference=complaint.reference,
            ),
            "query": urlencode({"stage": stage.number, "recipient": recipient.role}),
        },
    )


def _letter(complaint: Complaint, letter_pk: int) -> Letter:
    letter = selectors.letter_of(complaint, letter_pk)
    if letter is None:
        raise Http404("The complaint has no such letter.")
    return letter


def letter(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    found = _letter(complaint, letter_pk)
    return render(
        request,
        "letters/letter.html",
        {
            "complaint": complaint,
            "letter": presenters.letter_row(found),
            "word": found.word if found.word and not found.word.is_removed else None,
            "pdf": found.pdf if found.pdf and not found.pdf.is_removed else None,
            "may_write": access.may_write_letters(request.user),
            "may_send": found.message is None or found.message.state in FAILED_STATES,
            "paragraphs": render_text.paragraphs(found.body),
            "email": found.recipient_email,
        },
    )


def send(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    _require_writer(request)
    found = _letter(complaint, letter_pk)

    def perform(data: dict[str, Any]) -> str:
        services.letter_send(letter=found, by=by(request))
        return f"The letter is being emailed to {found.recipient_email}"

    return form_page(
        request,
        form=SendForm(posted(request)),
        perform=perform,
        done_url=lambda: reverse("letters:letter", args=[complaint.pk, found.pk]),
        template="letters/send.html",
        context={"complaint": complaint, "letter": presenters.letter_row(found), "found": found},
    )


def mark_posted(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    _require_writer(request)
    found = _letter(complaint, letter_pk)

    def perform(data: dict[str, Any]) -> str:
        services.letter_mark_posted(letter=found, posted_on=data["posted_on"], by=by(request))
        return "The letter is marked as posted"

    return form_page(
        request,
        form=PostedForm(posted(request)),
        perform=perform,
        done_url=lambda: reverse("letters:letter", args=[complaint.pk, found.pk]),
        template="letters/posted.html",
        context={"complaint": complaint, "letter": presenters.letter_row(found)},
    )
