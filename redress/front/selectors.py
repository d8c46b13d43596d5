"""Reads of the front door for the complaints team: the triage queue."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from redress.people.models import Person
from redress.people.selectors import people_matching

from .models import Submission, SubmissionFile, SubmissionKind, SubmissionStatus

MATCHES_SHOWN = 5


def waiting_count() -> int:
    return Submission.objects.filter(status=SubmissionStatus.WAITING).count()


def triage_queue(*, show: str = "waiting", kind: str = "") -> QuerySet[Submission]:
    """Waiting submissions oldest first (the queue), or every one newest first."""
    rows: QuerySet[Submission] = Submission.objects.select_related("complaint", "triaged_by")
    if kind:
        rows = rows.filter(kind=kind)
    if show == "waiting":
        return rows.filter(status=SubmissionStatus.WAITING).order_by("submitted_at", "pk")
    return rows.order_by("-submitted_at", "-pk")


def submission_for_page(pk: int) -> Submission | None:
    return (
        Submission.objects.select_related("complaint", "triaged_by", "compliment")
        .filter(pk=pk)
        .first()
    )


def complainant_matches(submission: Submission) -> list[Person]:
    """People already recorded who may be the complainant: the same email address first, then
    the same name (every word of it). A child's own complaint names the child."""
    name = (
        submission.answers.get("child_name", "")
        if submission.kind == SubmissionKind.CHILD_COMPLAINT
        else submission.name
    )
    found: dict[int, Person] = {}
    if submission.email:
        for person in people_matching(submission.email, limit=MATCHES_SHOWN):
            if person.email.lower() == submission.email.lower():
                found.setdefault(person.pk, person)
    if name.strip():
        for person in people_matching(name, limit=MATCHES_SHOWN):
            found.setdefault(person.pk, person)
    return list(found.values())[:MATCHES_SHOWN]


def submission_file(submission: Submission, file_pk: int) -> SubmissionFile | None:
    """A file sent with the submission, while it is still held (not yet made a document)."""
    return submission.files.filter(pk=file_pk, document__isnull=True).first()


def answer_rows(submission: Submission) -> list[dict[str, Any]]:
    """What was sent, as the public form asked it: each page's questions and the answers
    given (the form's own wording), then who sent it."""
    from .journeys import JOURNEYS

    answers = submission.answers | submission.answers.get("loop", {})
    rows: list[dict[str, Any]] = []
    journey = next((j for j in JOURNEYS.values() if j.kind == submission.kind), None)
    if journey is not None:
        for page in journey.applicable(answers):
            form = page.form()
            for name, field in form.fields.items():
                if name in ("name", "email", "phone"):
                    continue
                value = answers.get(name, "")
                rows.append(
                    {
                        "key": str(field.label).removesuffix(" (optional)"),
                        "value": form.display(name, value),
                    }
                )
    else:
        for name, value in answers.items():
            if isinstance(value, dict):
                value = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in value.items())
            elif isinstance(value, bool):
                value = "Yes" if value else "No"
            rows.append(
                {
                    "key": name.replace("_", " ").capitalize(),
                    "value": str(value) if value not in ("", None) else "Not given",
                }
            )
    for key, value in (
        ("Name", submission.name),
        ("Email", submission.email),
        ("Phone", submission.phone),
    ):
        rows.append({"key": key, "value": value or "Not given"})
    return rows
