"""The public forms' pages: a start page, one question a page, check your answers, and the
confirmation with the reference. No account: the answers wait in the visitor's session until
they send them. Every page works without JavaScript and keeps what was typed when it shows
errors; a filled-in honeypot gets the same confirmation and nothing is kept; one address may
send REDRESS_PUBLIC_PER_HOUR forms an hour."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from redress.accounts.middleware import second_factor_not_required
from redress.complaints.views.common import posted
from redress.documents.services import max_bytes, size_text
from redress.procedures.rules import RuleViolation

from .. import spam
from ..journeys import JOURNEYS, Journey
from ..rules import TooManyFiles, TooManySent
from ..services.submissions import submission_acknowledge, submission_record

SESSION_KEY = "front_journeys"
MAX_FILES = 5
SENT_KEY = "front_sent"


def public(view: Any) -> Any:
    return login_not_required(second_factor_not_required(view))


def _journey(name: str) -> Journey:
    journey = JOURNEYS.get(name)
    if journey is None:
        raise Http404
    return journey


def _answers(request: HttpRequest, journey: Journey) -> dict[str, Any]:
    return dict(request.session.get(SESSION_KEY, {}).get(journey.name, {}))


def _save(request: HttpRequest, journey: Journey, answers: dict[str, Any]) -> None:
    journeys = dict(request.session.get(SESSION_KEY, {}))
    journeys[journey.name] = answers
    request.session[SESSION_KEY] = journeys


def _forget(request: HttpRequest, journey: Journey) -> None:
    journeys = dict(request.session.get(SESSION_KEY, {}))
    journeys.pop(journey.name, None)
    request.session[SESSION_KEY] = journeys


def _url(journey: Journey, part: str, slug: str | None = None) -> str:
    if slug is None:
        return reverse(f"front:{journey.name}_{part}")
    return reverse(f"front:{journey.name}_{part}", args=[slug])


@public
@require_http_methods(["GET"])
def start(request: HttpRequest, journey: str) -> HttpResponse:
    chosen = _journey(journey)
    first = chosen.pages[0]
    return render(
        request,
        "front/journey/start.html",
        {"journey": chosen, "start_href": _url(chosen, "question", first.slug)},
    )


@public
@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, journey: str, slug: str) -> HttpResponse:
    chosen = _journey(journey)
    page = chosen.page(slug)
    if page is None:
        raise Http404
    answers = _answers(request, chosen)
    form = page.form(posted(request), initial=page.form.initial_from(answers))
    if request.method == "POST" and form.is_valid():
        answers.update(form.answers())
        _save(request, chosen, answers)
        if "check" in request.GET:
            return redirect(_url(chosen, "check"))
        following = chosen.next_after(slug, answers)
        return redirect(
            _url(chosen, "question", following.slug) if following else _url(chosen, "check")
        )
    previous = chosen.previous_before(slug, answers)
    back = (
        _url(chosen, "check")
        if "check" in request.GET
        else _url(chosen, "question", previous.slug)
        if previous
        else _url(chosen, "start")
    )
    return render(
        request,
        "front/journey/question.html",
        {"journey": chosen, "form": form, "back_href": back, "honeypot": spam.HONEYPOT},
    )


def _summary(journey: Journey, answers: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for page in journey.applicable(answers):
        form = page.form()
        for name, field in form.fields.items():
            rows.append(
                {
                    "key": str(field.label).removesuffix(" (optional)"),
                    "value": form.display(name, answers.get(name, "")),
                    "href": _url(journey, "question", page.slug) + "?check",
                }
            )
    return rows


def _check_page(
    request: HttpRequest,
    journey: Journey,
    answers: dict[str, Any],
    *,
    problem: str = "",
    rate_limited: bool = False,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "front/journey/check.html",
        {
            "journey": journey,
            "rows": _summary(journey, answers),
            "problem": problem,
            "rate_limited": rate_limited,
            "max_size": size_text(max_bytes()),
            "back_href": _url(journey, "question", journey.applicable(answers)[-1].slug),
            "honeypot": spam.HONEYPOT,
        },
        status=status,
    )


@public
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, journey: str) -> HttpResponse:
    chosen = _journey(journey)
    answers = _answers(request, chosen)
    missing = chosen.first_unanswered(answers)
    if missing is not None:
        return redirect(_url(chosen, "question", missing.slug))
    if request.method != "POST":
        return _check_page(request, chosen, answers)
    if spam.honeypot_filled(request):
        _forget(request, chosen)
        request.session[SENT_KEY] = {chosen.name: ""}
        return redirect(_url(chosen, "done"))
    try:
        spam.check_rate(request, "submit")
    except TooManySent as refused:
        return _check_page(
            request, chosen, answers, problem=refused.message, rate_limited=True, status=429
        )
    complete = chosen.complete(answers)
    contact = {key: str(complete.pop(key, "") or "") for key in ("name", "email", "phone")}
    if not contact["name"]:
        contact["name"] = str(complete.get("child_name", ""))
    files = request.FILES.getlist("files") if chosen.files else []
    try:
        if len(files) > MAX_FILES:
            raise TooManyFiles(most=MAX_FILES)
        submission = submission_record(
            kind=chosen.kind,
            answers=complete,
            name=contact["name"],
            email=contact["email"],
            phone=contact["phone"],
            files=[(f.name or "file", f) for f in files],
        )
    except RuleViolation as refused:  # a file refused: nothing is kept, the answers wait
        return _check_page(request, chosen, answers, problem=refused.message, status=400)
    submission_acknowledge(submission)
    _forget(request, chosen)
    request.session[SENT_KEY] = {chosen.name: submission.reference}
    return redirect(_url(chosen, "done"))


@public
@require_http_methods(["GET"])
def done(request: HttpRequest, journey: str) -> HttpResponse:
    chosen = _journey(journey)
    sent = request.session.get(SENT_KEY, {})
    if chosen.name not in sent:
        return redirect(_url(chosen, "start"))
    return render(
        request, "front/journey/done.html", {"journey": chosen, "reference": sent[chosen.name]}
    )
