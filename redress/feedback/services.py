"""Compliments, informal feedback, and the closing-the-loop answers children give."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction

from redress.complaints.services.checks import (
    choice,
    lock_complaint,
    not_in_future,
    service_area_in_use,
    term_of_kind,
)
from redress.core import audit
from redress.procedures import rules
from redress.taxonomies.models import TaxonomyKind

from .models import (
    Answer,
    Compliment,
    ComplimentSource,
    InformalFeedback,
    Question,
    SatisfactionAnswer,
)

if TYPE_CHECKING:
    from redress.accounts.models import User
    from redress.complaints.models import Complaint
    from redress.organisations.models import Locality, ServiceArea
    from redress.taxonomies.models import Term


@transaction.atomic
def compliment_record(
    *,
    received_on: datetime.date,
    service_area: ServiceArea,
    by: User | None,
    locality: Locality | None = None,
    staff_member: str = "",
    consent_to_publish: bool = False,
    source: str = "",
    external: bool | None = None,
    text: str = "",
) -> Compliment:
    """Record a compliment for a service (and, where named, a member of staff, who is
    published only with their consent). The locality defaults to the service's."""
    not_in_future(received_on, what="compliment received")
    service_area_in_use(service_area, received_on)
    choice(source, ComplimentSource, what="source", blank=True)
    compliment = Compliment.objects.create(
        received_date=received_on,
        service_area=service_area,
        locality=locality or service_area.locality,
        staff_member=staff_member.strip(),
        consent_to_publish=consent_to_publish and bool(staff_member.strip()),
        source=source,
        external=external,
        text=text.strip(),
    )
    audit.record(
        action="compliment.record", obj=compliment, by=by, after=audit.snapshot(compliment)
    )
    return compliment


@transaction.atomic
def informal_feedback_record(
    *,
    received_on: datetime.date,
    by: User | None,
    from_child: bool = False,
    theme: Term | None = None,
    service_area: ServiceArea | None = None,
    advocate: bool | None = None,
    satisfied: bool | None = None,
    summary: str = "",
) -> InformalFeedback:
    """Record feedback that is not a formal complaint, often a child's, given through an
    advocate; `satisfied` is whether the giver was satisfied with what was done."""
    not_in_future(received_on, what="feedback received")
    if service_area is not None:
        service_area_in_use(service_area, received_on)
    if theme is not None:
        term_of_kind(theme, [TaxonomyKind.THEMES], described="themes")
    feedback = InformalFeedback.objects.create(
        received_date=received_on,
        from_child=from_child,
        theme=theme,
        service_area=service_area,
        advocate=advocate,
        satisfied=satisfied,
        summary=summary.strip(),
    )
    audit.record(
        action="informal_feedback.record", obj=feedback, by=by, after=audit.snapshot(feedback)
    )
    return feedback


@transaction.atomic
def satisfaction_record_answers(
    *, complaint: Complaint, answers: Mapping[str, str], by: User | None
) -> list[SatisfactionAnswer]:
    """Record the closing-the-loop answers (`{question: yes/no/partly/""}`) given once a
    complaint was answered. Answering a question again replaces the earlier answer."""
    complaint = lock_complaint(complaint)
    for question, answer in answers.items():
        choice(question, Question, what="question")
        choice(answer, Answer, what="answer", blank=True)
    if not complaint.stages.filter(responded_date__isnull=False).exists():
        raise rules.ComplaintNotAnswered(reference=complaint.reference)
    existing = {a.question: a for a in complaint.satisfaction_answers.all()}
    before = {q: a.answer for q, a in existing.items() if q in answers}
    saved = []
    for question, answer in answers.items():
        row = existing.get(question)
        if row is None:
            row = SatisfactionAnswer.objects.create(
                complaint=complaint, question=question, answer=answer
            )
        elif row.answer != answer:
            row.answer = answer
            row.save(update_fields=["answer", "updated_at"])
        saved.append(row)
    audit.record(
        action="satisfaction.record_answers",
        obj=complaint,
        by=by,
        before=before,
        after=dict(answers),
        complaint=complaint,
    )
    return saved
