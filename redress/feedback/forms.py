"""The feedback pages' forms: the lists' filters, recording a compliment or informal feedback,
and a complaint's closing-the-loop answers. Field names are the services' argument names, so a
rule the service names a field for is shown at that field."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.complaints.forms import DateInputField, GovukForm, ServiceAreaChoiceField
from redress.core.clock import today as clock_today
from redress.organisations.models import Locality, ServiceArea
from redress.taxonomies.models import Term

from .models import Answer, ComplimentSource, Question
from .selectors import FeedbackFilters, feedback_themes

# A yes / no question whose answer may not be known: its radios, and the values they stand for.
YES_NO_UNKNOWN = [("yes", "Yes"), ("no", "No"), ("unknown", "Not known")]
YES_NO_VALUES: dict[str, bool | None] = {"yes": True, "no": False, "unknown": None, "": None}
NO_ANSWER = "none"


def _text_area(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _service_areas() -> Any:
    return ServiceArea.objects.order_by("name", "valid_from")


def yes_no_value(value: str | None) -> bool | None:
    return YES_NO_VALUES[value or ""]


class FeedbackFilterForm(GovukForm):
    """The compliments and informal feedback lists' filters, read from the query string."""

    date_fields = ("received_from", "received_to")

    service_area = ServiceAreaChoiceField(
        label="Service area", required=False, queryset=_service_areas(), empty_label="Any"
    )
    from_child = forms.ChoiceField(
        label="From a child or young person",
        required=False,
        choices=[("", "Any"), ("yes", "Yes"), ("no", "No")],
    )
    received_from = DateInputField(label="Received from", required=False)
    received_to = DateInputField(label="Received to", required=False)

    def __init__(self, *args: Any, from_child_filter: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not from_child_filter:
            del self.fields["from_child"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", "Received to must be the same as or after received from")
        return cleaned

    def filters(self) -> FeedbackFilters:
        """The filters to apply: those that were valid (an invalid one is shown as an error
        and left out)."""
        if not self.is_bound:
            return FeedbackFilters()
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return FeedbackFilters(
            service_area=data.get("service_area"),
            received_from=data.get("received_from"),
            received_to=data.get("received_to"),
            from_child=yes_no_value(data.get("from_child")),
        )


class ComplimentForm(GovukForm):
    date_fields = ("received_on",)

    received_on = DateInputField(label="Date received", initial=clock_today)
    service_area = ServiceAreaChoiceField(
        label="Service area",
        queryset=_service_areas(),
        empty_label="Choose a service area",
        error_messages={"required": "Select the service area the compliment is about"},
    )
    locality = forms.ModelChoiceField(
        label="Locality",
        required=False,
        queryset=Locality.objects.order_by("name", "valid_from"),
        empty_label="The service area's own, or citywide",
    )
    staff_member = forms.CharField(
        label="Member of staff complimented",
        required=False,
        max_length=200,
        error_messages={"max_length": "The name must be 200 characters or fewer"},
    )
    consent_to_publish = forms.BooleanField(
        label="They agreed to be named in the published report", required=False
    )
    source = forms.ChoiceField(
        label="Who gave the compliment",
        required=False,
        choices=[("", "Not known"), *ComplimentSource.choices],
    )
    external = forms.ChoiceField(
        label="Did it come from outside the organisation?",
        required=False,
        choices=YES_NO_UNKNOWN,
    )
    # Not `text`, which would hide `GovukForm.text`.
    said = forms.CharField(label="What they said", required=False, widget=_text_area(5))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("consent_to_publish") and not (cleaned.get("staff_member") or "").strip():
            self.add_error(
                "staff_member", "Enter the name of the member of staff who agreed to be named"
            )
        return cleaned


class InformalFeedbackForm(GovukForm):
    date_fields = ("received_on",)

    received_on = DateInputField(label="Date received", initial=clock_today)
    from_child = forms.ChoiceField(
        label="Did it come from a child or young person?",
        choices=[("yes", "Yes"), ("no", "No")],
        error_messages={"required": "Select whether it came from a child or young person"},
    )
    advocate = forms.ChoiceField(
        label="Was it given through an advocate?", required=False, choices=YES_NO_UNKNOWN
    )
    service_area = ServiceAreaChoiceField(
        label="Service area",
        required=False,
        queryset=_service_areas(),
        empty_label="Not about one service",
    )
    theme = forms.ModelChoiceField(
        label="Theme",
        required=False,
        queryset=Term.objects.none(),
        empty_label="No theme",
        error_messages={"invalid_choice": "Select a theme from the list"},
    )
    summary = forms.CharField(label="What they said", required=False, widget=_text_area(5))
    satisfied = forms.ChoiceField(
        label="Were they satisfied with what was done?", required=False, choices=YES_NO_UNKNOWN
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["theme"]).queryset = feedback_themes()


class SatisfactionForm(GovukForm):
    """The seven closing-the-loop questions, each answered yes, no or partly (or not)."""

    def __init__(self, *args: Any, answers: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.existing = answers
        for question in Question:
            self.fields[question.value] = forms.ChoiceField(
                label=question.label,
                required=False,
                choices=[*Answer.choices, (NO_ANSWER, "Not answered")],
                initial=(answers[question.value] or NO_ANSWER)
                if question.value in answers
                else None,
            )

    def answers(self) -> dict[str, str]:
        """The answers to record: each question answered, and each answered before (so an
        answer taken back is recorded as no answer)."""
        given = {
            question: "" if value == NO_ANSWER else value
            for question, value in self.cleaned_data.items()
            if value
        }
        return {
            question: answer
            for question, answer in given.items()
            if answer or question in self.existing
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not self.answers():
            self.add_error(None, "Answer at least one question")
        return cleaned
