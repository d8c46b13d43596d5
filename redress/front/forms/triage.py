"""The complaints team's forms for triaging what the public sent."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.complaints.forms import GovukForm
from redress.core import clock
from redress.organisations.models import ServiceArea
from redress.procedures.models import Procedure


def _services(initial: Any = None) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Service area",
        queryset=ServiceArea.objects.effective_on(clock.today()).order_by("name"),
        empty_label="Choose a service area",
        error_messages={
            "required": "Select the service area",
            "invalid_choice": "Select the service area",
        },
    )


class AcceptForm(GovukForm):
    procedure = forms.ModelChoiceField(
        label="Which procedure applies?",
        queryset=Procedure.objects.order_by("name"),
        empty_label=None,
        error_messages={
            "required": "Select the procedure",
            "invalid_choice": "Select the procedure",
        },
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {
            "procedure": self.fields["procedure"],
            "service_area": _services(),
            "note": self.fields["note"],
        }


class InformalForm(GovukForm):
    note = forms.CharField(
        label="Why it is handled informally (optional)", required=False, max_length=2000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        service = _services()
        service.required = False
        service.empty_label = "Not known"
        self.fields = {"service_area": service, "note": self.fields["note"]}


class ComplimentForm(GovukForm):
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"service_area": _services(), "note": self.fields["note"]}


class NextStageForm(GovukForm):
    late_reason = forms.CharField(
        label="Why the late request is accepted",
        max_length=2000,
        error_messages={"required": "Enter why the late request is accepted"},
    )


class DeclineForm(GovukForm):
    reason = forms.CharField(
        label="Why it is not a complaint",
        max_length=2000,
        error_messages={"required": "Enter why it is not a complaint"},
    )
