"""The forms behind the actions on a complaint. Field names are the service's argument names,
so a rule the service names a field for is shown at that field."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.complaints.choices import Finding
from redress.complaints.models import Stage
from redress.complaints.services.stages import RESPONSE_OUTCOMES
from redress.core.clock import today as clock_today

from .fields import DateInputField, GovukForm


def _text_area(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class AcknowledgeForm(GovukForm):
    date_fields = ("acknowledged_on",)

    acknowledged_on = DateInputField(label="Date acknowledged", initial=clock_today)


class ExtendForm(GovukForm):
    date_fields = ("agreed_on",)

    extended_to_days = forms.IntegerField(
        label="New timescale in working days",
        min_value=1,
        max_value=999,
        error_messages={
            "required": "Enter the new timescale in working days",
            "invalid": "Enter the new timescale as a whole number of working days, like 20",
            "min_value": "The new timescale must be at least 1 working day",
            "max_value": "The new timescale must be 999 working days or fewer",
        },
    )
    reason = forms.CharField(
        label="Why the extension was agreed",
        widget=_text_area(),
        error_messages={"required": "Enter why the extension was agreed"},
    )
    agreed_on = DateInputField(label="Date agreed", initial=clock_today)

    def __init__(
        self, *args: Any, stage: int, current_days: int, max_days: int, **kwargs: Any
    ) -> None:
        """`current_days`: the stage's timescale now; `max_days`: the longest its procedure
        allows. A number outside them is refused here, beside the box."""
        super().__init__(*args, **kwargs)
        self.stage, self.current_days, self.max_days = stage, current_days, max_days

    def clean_extended_to_days(self) -> int:
        days = cast(int, self.cleaned_data["extended_to_days"])
        if days > self.max_days:
            raise forms.ValidationError(
                f"Stage {self.stage} can be extended to at most {self.max_days} working days"
            )
        if days <= self.current_days:
            raise forms.ValidationError(
                f"The new timescale must be longer than the current {self.current_days} "
                "working days"
            )
        return days


class RespondForm(GovukForm):
    """The response, its outcome and a finding on each reason for complaint at the stage."""

    date_fields = ("responded_on",)

    responded_on = DateInputField(label="Date of the response", initial=clock_today)
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[(o.value, o.label) for o in RESPONSE_OUTCOMES],
        error_messages={"required": "Select the outcome"},
    )

    def __init__(self, *args: Any, stage: Stage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.aspects = list(
            stage.aspects.select_related("category", "subcategory").order_by("order", "id")
        )
        for aspect in self.aspects:
            self.fields[f"finding_{aspect.pk}"] = forms.ChoiceField(
                label=f"Finding on: {aspect.subcategory or aspect.category}",
                required=False,
                choices=[("", "No finding yet"), *Finding.choices],
                initial=aspect.finding,
            )

    @property
    def finding_fields(self) -> list[str]:
        return [f"finding_{a.pk}" for a in self.aspects]

    def findings(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data.get(f"finding_{a.pk}") or "" for a in self.aspects}


class EscalateForm(GovukForm):
    date_fields = ("requested_on",)

    requested_on = DateInputField(label="Date of the request", initial=clock_today)
    late_reason = forms.CharField(
        label="If the request came late, why it is being accepted",
        required=False,
        widget=_text_area(3),
    )
