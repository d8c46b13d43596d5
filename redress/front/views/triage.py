"""The triage queue: what the public sent, for the complaints team to accept into a procedure,
record as a compliment or informal feedback, open a next stage for, or mark not a complaint."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from redress.complaints.selectors.scoping import may_manage_complaints
from redress.complaints.services.checks import procedure_label
from redress.complaints.views.common import by, form_page, posted
from redress.complaints.views.listing import page_of, pagination
from redress.documents.responses import sandboxed_download
from redress.documents.services import size_text

from .. import answers as contract
from .. import selectors
from ..forms import triage as forms
from ..models import Submission, SubmissionKind
from ..services import triage as services

TEAM_ONLY = (
    "What the public send through the online forms is triaged by the complaints team "
    "(complaints officers and managers)."
)
COMPLAINTS = (SubmissionKind.COMPLAINT, SubmissionKind.CHILD_COMPLAINT)
# Which actions each kind of submission offers: (URL name, link text).
ACTIONS = {
    SubmissionKind.COMPLAINT: [
        ("triage:accept", "Accept into a procedure"),
        ("triage:informal", "Handle as informal feedback"),
        ("triage:decline", "Mark as not a complaint"),
    ],
    SubmissionKind.CHILD_COMPLAINT: [
        ("triage:accept", "Accept into a procedure"),
        ("triage:informal", "Handle as informal feedback"),
        ("triage:decline", "Mark as not a complaint"),
    ],
    SubmissionKind.COMPLIMENT: [
        ("triage:compliment", "Record the compliment"),
        ("triage:decline", "Mark as not a compliment"),
    ],
    SubmissionKind.FEEDBACK: [
        ("triage:informal", "Record as informal feedback"),
        ("triage:decline", "Mark as nothing to record"),
    ],
    SubmissionKind.NEXT_STAGE: [
        ("triage:next_stage", "Open the next stage"),
        ("triage:decline", "Refuse the request"),
    ],
}


def _require_team(request: HttpRequest) -> None:
    if not may_manage_complaints(request.user):
        raise PermissionDenied(TEAM_ONLY)


def _submission(request: HttpRequest, pk: int, *, action: str | None = None) -> Submission:
    _require_team(request)
    submission = selectors.submission_for_page(pk)
    if submission is None:
        raise Http404("No such submission.")
    if action is not None and action not in {
        a for a, _ in ACTIONS[SubmissionKind(submission.kind)]
    }:
        raise Http404(f"{submission.get_kind_display()} cannot be handled that way.")
    return submission


def queue(request: HttpRequest) -> HttpResponse:
    _require_team(request)
    show = "all" if request.GET.get("show") == "all" else "waiting"
    kind = request.GET.get("kind", "")
    kind = kind if kind in SubmissionKind.values else ""
    rows = selectors.triage_queue(show=show, kind=kind)
    page = page_of(request, rows, count=rows.count())
    base = reverse("triage:queue")
    return render(
        request,
        "front/triage/queue.html",
        {
            "page": page,
            "count": page.paginator.count,
            "show": show,
            "kind": kind,
            "kinds": SubmissionKind.choices,
            "pagination": pagination(page, base, request.GET, label="Pages of the queue"),
        },
    )


def record(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    actions = (
        [
            {"text": text, "href": reverse(name, args=[pk])}
            for name, text in ACTIONS[SubmissionKind(submission.kind)]
        ]
        if submission.waiting
        else []
    )
    return render(
        request,
        "front/triage/record.html",
        {
            "submission": submission,
            "rows": selectors.answer_rows(submission),
            "actions": actions,
            "files": [
                {
                    "name": sent.name,
                    "size": size_text(sent.size),
                    "href": reverse(
                        "documents:download", args=[sent.document.complaint_id, sent.document_id]
                    )
                    if sent.document
                    else reverse("triage:file", args=[pk, sent.pk]),
                }
                for sent in submission.files.select_related("document")
            ],
        },
    )


def file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    """A file sent with a submission, served as a document is (`documents.views.download`):
    always a download, never a type a browser would run, never cached, sandboxed."""
    submission = _submission(request, pk)
    sent = selectors.submission_file(submission, file_pk)
    if sent is None:
        raise Http404("The submission has no such file, or it is now one of a complaint's.")
    try:
        handle = services.submission_file_open(sent=sent, by=by(request))
    except FileNotFoundError:
        raise Http404("The file is no longer held.") from None
    return sandboxed_download(handle, filename=sent.name, content_type=sent.content_type)


def _action_page(
    request: HttpRequest,
    submission: Submission,
    *,
    form: Any,
    heading: str,
    button: str,
    perform: Any,
) -> HttpResponse:
    return form_page(
        request,
        form=form,
        perform=perform,
        done_url=lambda: reverse("triage:queue"),
        template="front/triage/action.html",
        context={"submission": submission, "heading": heading, "button": button},
    )


def _service_initial(submission: Submission) -> dict[str, Any]:
    service = submission.answers.get("service_area")
    return {"service_area": service} if service else {}


def accept(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk, action="triage:accept")
    form = forms.AcceptForm(
        posted(request),
        initial=_service_initial(submission),
        day=submission.received_date,
        matches=selectors.complainant_matches(submission),
        advocate_wanted=submission.answers.get("advocate") == contract.ADVOCATE_WANTED,
    )

    def perform(data: dict[str, Any]) -> str:
        complaint = services.submission_accept(
            submission=submission,
            procedure=data["procedure"],
            service_area=data["service_area"],
            locality=data["locality"],
            organisation=data["organisation"],
            aspects=form.aspects(),
            complainant=form.chosen_complainant(),
            refer_advocacy=form.refer_advocacy(),
            by=by(request),
            note=data["note"],
        )
        referred = " They have been referred for advocacy." if form.refer_advocacy() else ""
        return (
            f"Complaint {complaint.reference} recorded in the "
            f"{procedure_label(data['procedure'])}; stage 1 has begun.{referred}"
        )

    return _action_page(
        request,
        submission,
        form=form,
        heading="Accept into a procedure",
        button="Accept the complaint",
        perform=perform,
    )


def _record_as(
    request: HttpRequest,
    pk: int,
    *,
    action: str,
    form_class: type[Any],
    record: Any,
    recorded_as: str,
    heading: str,
    button: str,
) -> HttpResponse:
    """Record a submission as something other than a complaint (informal feedback, a
    compliment): a service area, a note, and the service that records it."""
    submission = _submission(request, pk, action=action)
    form = form_class(posted(request), initial=_service_initial(submission))

    def perform(data: dict[str, Any]) -> str:
        record(
            submission=submission,
            by=by(request),
            service_area=data["service_area"],
            note=data["note"],
        )
        return f"{submission.reference} recorded as {recorded_as}."

    return _action_page(
        request, submission, form=form, heading=heading, button=button, perform=perform
    )


def informal(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_as(
        request,
        pk,
        action="triage:informal",
        form_class=forms.InformalForm,
        record=services.submission_handle_informally,
        recorded_as="informal feedback",
        heading="Handle as informal feedback",
        button="Record as informal feedback",
    )


def compliment(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_as(
        request,
        pk,
        action="triage:compliment",
        form_class=forms.ComplimentForm,
        record=services.submission_record_compliment,
        recorded_as="a compliment",
        heading="Record the compliment",
        button="Record the compliment",
    )


def next_stage(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk, action="triage:next_stage")
    form = forms.NextStageForm(
        posted(request), initial={"late_reason": submission.answers.get("late_reason", "")}
    )

    def perform(data: dict[str, Any]) -> str:
        stage = services.submission_open_next_stage(
            submission=submission, by=by(request), late_reason=data["late_reason"]
        )
        return f"Stage {stage.number} of complaint {stage.complaint.reference} opened."

    return _action_page(
        request,
        submission,
        form=form,
        heading="Open the next stage",
        button="Open the next stage",
        perform=perform,
    )


def decline(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk, action="triage:decline")
    form = forms.DeclineForm(posted(request), kind=submission.kind)

    def perform(data: dict[str, Any]) -> str:
        declined = services.submission_decline(
            submission=submission, by=by(request), reason=data["reason"]
        )
        return f"{declined.reference}: {declined.get_status_display().lower()}."

    heading = dict(ACTIONS[SubmissionKind(submission.kind)])["triage:decline"]
    return _action_page(
        request, submission, form=form, heading=heading, button=heading, perform=perform
    )
