"""The legal hold page of a complaint, for the complaints team: place a hold, or lift the one in
force. One page, one form, one service call (`complaints.views.common.form_page`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from redress.complaints.views.access import complaint_or_refuse
from redress.complaints.views.common import by, form_page, posted, require_team

from . import holds, selectors
from .forms import LiftLegalHoldForm, PlaceLegalHoldForm


def legal_hold(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "place or lift a legal hold")
    current = selectors.legal_hold_in_force(complaint)

    def place(data: dict[str, Any]) -> str:
        holds.legal_hold_place(complaint=complaint, reason=data["reason"], by=by(request))
        return f"Complaint {complaint.reference} is on legal hold"

    def lift(data: dict[str, Any]) -> str:
        holds.legal_hold_lift(complaint=complaint, reason=data["reason"], by=by(request))
        return f"The legal hold on complaint {complaint.reference} is lifted"

    form = (LiftLegalHoldForm if current else PlaceLegalHoldForm)(posted(request))
    return form_page(
        request,
        form=form,
        perform=lift if current else place,
        done_url=lambda: reverse("complaints:summary", args=[pk]),
        template="retention/legal_hold.html",
        context={
            "complaint": complaint,
            "current": current,
            "history": selectors.legal_holds(complaint),
            "anonymised": selectors.is_anonymised(complaint),
        },
        complaint=complaint,
    )
