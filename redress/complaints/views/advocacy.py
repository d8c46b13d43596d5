"""Referring the child behind a complaint to the authority's advocacy provider: the complaints
team's."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from redress.complaints import services
from redress.complaints.forms.advocacy import ReferAdvocacyForm
from redress.complaints.services.advocacy import (
    advocacy_child,
    provider_name,
    referral_blocked,
    referral_message,
)
from redress.core import config
from redress.core.clock import today
from redress.core.presenters import govuk_date

from .access import complaint_or_refuse
from .common import by, form_page, posted, require_team


def refer(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = complaint_or_refuse(request, pk)
    require_team(request, "refer a child for advocacy")
    provider = provider_name()

    def perform(data: dict[str, Any]) -> str:
        referred = services.complaint_refer_advocacy(
            complaint=complaint, referred_on=data["referred_on"], by=by(request)
        )
        assert referred.advocacy_referred_on is not None
        return (
            f"Referred to {provider} on {govuk_date(referred.advocacy_referred_on)}: the "
            "referral has been sent"
        )

    child = advocacy_child(complaint)
    blocked = referral_blocked(complaint)
    preview = None
    if blocked is None and child is not None:
        preview = referral_message(complaint, child, referred_on=today())
    return form_page(
        request,
        form=ReferAdvocacyForm(posted(request)),
        perform=perform,
        done_url=lambda: reverse("complaints:summary", args=[pk]),
        template="complaints/actions/advocacy_refer.html",
        context={
            "complaint": complaint,
            "provider": provider,
            "provider_email": str(config.get("advocacy_provider_email")),
            "child": child,
            "preview": preview,
            # Already referred, no child, or nowhere to send it: the page says so, no form.
            "cannot_act": blocked is not None,
        },
        complaint=complaint,
    )
