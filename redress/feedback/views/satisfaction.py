"""A complaint's closing-the-loop answers, recorded by the complaints team once the complaint
has been responded to."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from redress.complaints.views.access import complaint_or_refuse
from redress.complaints.views.common import by, form_page, posted, require_team
from redress.feedback import services
from redress.feedback.forms import SatisfactionForm


def satisfaction(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "record the closing-the-loop answers")
    existing = {a.question: a.answer for a in complaint.satisfaction_answers.all()}
    form = SatisfactionForm(posted(request), answers=existing)

    def perform(data: dict[str, Any]) -> str:
        services.satisfaction_record_answers(
            complaint=complaint, answers=form.answers(), by=by(request)
        )
        return "Closing-the-loop answers recorded"

    return form_page(
        request,
        form=form,
        perform=perform,
        done_url=lambda: reverse("complaints:payments", args=[complaint.pk]),
        template="feedback/satisfaction.html",
        context={"complaint": complaint},
        complaint=complaint,
    )
