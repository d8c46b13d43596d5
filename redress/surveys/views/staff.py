"""The complaints team's side: send (or send again) a complaint's survey, and record that the
complainant does not want surveys. Each looks the complaint up through the scoping selector
first, so a complaint someone may not see answers 404 like a missing one."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from redress.complaints.views.access import complaint_or_refuse
from redress.complaints.views.common import by, form_page, posted, require_team

from .. import presenters, services
from ..forms import OptOutForm, SendForm


def send(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "send the satisfaction survey")
    form = SendForm(posted(request))

    def perform(data: dict[str, Any]) -> str:
        services.survey_offer(complaint=complaint, by=by(request), resend=True)
        return f"Satisfaction survey sent to the complainant of {complaint.reference}"

    return form_page(
        request,
        form=form,
        perform=perform,
        done_url=lambda: reverse("complaints:summary", args=[complaint.pk]),
        template="surveys/send.html",
        context={"complaint": complaint, "survey": presenters.survey_state(complaint)},
        complaint=complaint,
    )


def opt_out(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "record whether the complainant wants satisfaction surveys")
    person = complaint.complainant
    if person is None:
        raise Http404("No complainant is recorded on this complaint.")
    wants = "no" if services.opted_out(person) else "yes"
    form = OptOutForm(posted(request), initial={"wants": wants})

    def perform(data: dict[str, Any]) -> str:
        services.survey_opt_out(
            person=person, by=by(request), complaint=complaint, opt_out=data["wants"] == "no"
        )
        return (
            "The complainant will not be sent satisfaction surveys"
            if data["wants"] == "no"
            else "The complainant will be sent satisfaction surveys"
        )

    return form_page(
        request,
        form=form,
        perform=perform,
        done_url=lambda: reverse("complaints:summary", args=[complaint.pk]),
        template="surveys/opt_out.html",
        context={"complaint": complaint},
        complaint=complaint,
    )
