"""Follow my complaint: ask for a sign-in link with the reference and email address, use it,
see the complaint (only the one the link was for: it is held in the session, never named in
the address), its letters, and ask for the next stage."""

from __future__ import annotations

import datetime

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from redress.complaints.models import Complaint
from redress.complaints.views.common import posted
from redress.core import clock
from redress.core.presenters import govuk_date
from redress.documents.responses import sandboxed_download
from redress.documents.services import document_open
from redress.letters.models import Letter, RecipientRole

from .. import spam
from ..forms.follow import FollowForm, NextStageForm
from ..presenters import followed_stages
from ..rules import FollowLinkNotValid, TooManySent
from ..services import follow as services
from .journey import public

SESSION_KEY = "front_follow"
SIGNED_IN_MINUTES = 30


@public
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    form = FollowForm(posted(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        if spam.honeypot_filled(request):
            return redirect("front:follow_sent")
        try:
            spam.check_rate(request, "follow")
        except TooManySent as refused:
            form.add_error(None, refused.message)
            status = 429
        else:
            services.follow_request(
                reference=form.cleaned_data["reference"], email=form.cleaned_data["email"]
            )
            return redirect("front:follow_sent")
    return render(
        request,
        "front/follow/start.html",
        {"form": form, "honeypot": spam.HONEYPOT},
        status=status,
    )


@public
@require_http_methods(["GET"])
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "front/follow/sent.html", {"minutes": services.link_minutes()})


@public
@require_http_methods(["GET"])
def link(request: HttpRequest, token: str) -> HttpResponse:
    try:
        complaint = services.follow_use(token)
    except FollowLinkNotValid as refused:
        return render(
            request, "front/follow/not_valid.html", {"message": refused.message}, status=404
        )
    request.session.cycle_key()
    until = clock.now() + datetime.timedelta(minutes=SIGNED_IN_MINUTES)
    request.session[SESSION_KEY] = {"complaint": complaint.pk, "until": until.isoformat()}
    return redirect("front:follow_complaint")


def _followed(request: HttpRequest) -> Complaint | None:
    held = request.session.get(SESSION_KEY)
    if not held or datetime.datetime.fromisoformat(held["until"]) <= clock.now():
        request.session.pop(SESSION_KEY, None)
        return None
    return (
        Complaint.objects.select_related("procedure", "complainant")
        .filter(pk=held["complaint"])
        .first()
    )


def _letters(complaint: Complaint) -> list[Letter]:
    return [
        letter
        for letter in Letter.objects.filter(
            complaint=complaint, recipient_role=RecipientRole.COMPLAINANT
        )
        .select_related("pdf")
        .order_by("produced_at")
        if (letter.message_id or letter.posted_on) and letter.pdf_id
    ]


@public
@require_http_methods(["GET"])
def complaint_page(request: HttpRequest) -> HttpResponse:
    complaint = _followed(request)
    if complaint is None:
        return redirect("front:follow_start")
    window = services.next_stage_window(complaint)
    return render(
        request,
        "front/follow/complaint.html",
        {
            "complaint": complaint,
            "stages": followed_stages(
                complaint.stages.prefetch_related("extensions", "holds").order_by("number"),
                complaint.procedure,
            ),
            "letters": _letters(complaint),
            "next_stage": window[0] if window else None,
            "ask_by": govuk_date(window[1]) if window and window[1] else "",
        },
    )


@public
@require_http_methods(["GET", "POST"])
def next_stage(request: HttpRequest) -> HttpResponse:
    complaint = _followed(request)
    if complaint is None:
        return redirect("front:follow_start")
    window = services.next_stage_window(complaint)
    if window is None:
        return redirect("front:follow_complaint")
    number, ends = window
    late = ends is not None and clock.today() > ends
    form = NextStageForm(posted(request), late=late)
    if request.method == "POST" and form.is_valid():
        outcome, _ = services.follow_ask_next_stage(
            complaint=complaint,
            reason=form.cleaned_data["reason"],
            late_reason=form.cleaned_data.get("late_reason", ""),
        )
        return render(
            request,
            "front/follow/asked.html",
            {"complaint": complaint, "number": number, "opened": outcome == "opened"},
        )
    return render(
        request,
        "front/follow/next_stage.html",
        {
            "complaint": complaint,
            "form": form,
            "number": number,
            "late": late,
            "ask_by": govuk_date(ends) if ends else "",
        },
    )


@public
@require_http_methods(["GET"])
def letter(request: HttpRequest, letter_pk: int) -> FileResponse:
    complaint = _followed(request)
    found = next((x for x in _letters(complaint) if x.pk == letter_pk), None) if complaint else None
    if found is None or found.pdf is None or found.pdf.is_removed:
        raise Http404("No such letter.")
    handle = document_open(document=found.pdf, by=None)
    return sandboxed_download(handle, filename=found.pdf.name, content_type=found.pdf.content_type)


@public
@require_POST
def stop(request: HttpRequest) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    return redirect("front:start")
