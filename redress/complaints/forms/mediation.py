"""The forms of mediation: the offer, the meeting and what came of it."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.complaints.choices import MediationOutcome
from redress.complaints.models import Complaint
from redress.core.clock import today as clock_today

from .fields import DateInputField, GovukForm


class MediationOfferForm(GovukForm):
    date_fields = ("offered_on",)

    after_stage = forms.TypedChoiceField(
        label="After the response to",
        coerce=int,
        error_messages={
            "required": "Select the stage whose response the complainant is unhappy with"
        },
    )
    offered_on = DateInputField(label="Date mediation was offered", initial=clock_today)
    mediator = forms.CharField(label="Mediator (optional)", required=False, max_length=200)
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, complaint: Complaint, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stages = list(complaint.stages.all())
        answered = [s.number for s in stages if s.responded_date is not None]
        field = cast(forms.TypedChoiceField, self.fields["after_stage"])
        field.choices = [(str(s.number), f"Stage {s.number}") for s in stages]
        if answered:
            field.initial = str(max(answered))


class MediationHoldForm(GovukForm):
    date_fields = ("held_on",)

    held_on = DateInputField(label="Date of the mediation meeting", initial=clock_today)
    mediator = forms.CharField(
        label="Mediator",
        required=False,
        max_length=200,
        help_text="Leave blank to keep the mediator recorded with the offer.",
    )


class MediationOutcomeForm(GovukForm):
    date_fields = ("requested_on",)

    outcome = forms.ChoiceField(
        label="What came of the mediation",
        choices=MediationOutcome.choices,
        error_messages={"required": "Select what came of the mediation"},
    )
    requested_on = DateInputField(
        label="Date the complainant asked for the next stage",
        required=False,
    )
    late_reason = forms.CharField(
        label="If the request came late, why it is being accepted",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("requested_on") and cleaned.get("outcome") != MediationOutcome.ESCALATED:
            self.add_error(
                "requested_on",
                "Leave the date of the request blank unless the complaint is escalated to the "
                "next stage",
            )
        return cleaned
