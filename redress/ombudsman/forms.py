"""The Ombudsman pages' forms: the list's filters, and one form per step of an enquiry. Field
names are the service's argument names, so a rule the service names a field for is shown at
that field."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.complaints.forms import DateInputField, GovukForm
from redress.complaints.models import Complaint
from redress.core.clock import today as clock_today
from redress.organisations.models import Organisation
from redress.organisations.selectors import organisations_to_choose

from .models import Decision, Remedy, RemedyKind
from .selectors import REMEDY_FILTERS, RESPONSE_FILTERS, EnquiryFilters, decision_choices


def _text_area(rows: int = 4) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class EnquiryFilterForm(GovukForm):
    reference = forms.CharField(label="Ombudsman's reference", required=False, max_length=64)
    decision = forms.ChoiceField(label="Decision", required=False)
    response = forms.ChoiceField(
        label="Our response",
        required=False,
        choices=[("", "Any"), *RESPONSE_FILTERS.items()],
    )
    remedies = forms.ChoiceField(
        label="Remedies", required=False, choices=[("", "Any"), *REMEDY_FILTERS.items()]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["decision"]).choices = [
            ("", "Any"),
            *decision_choices(),
        ]

    def filters(self) -> EnquiryFilters:
        """What to filter on: a filter with an unknown value is left out (and shown as an
        error)."""
        if not self.is_bound:
            return EnquiryFilters()
        self.is_valid()
        data = self.cleaned_data
        return EnquiryFilters(
            reference=data.get("reference") or "",
            decision=data.get("decision") or "",
            response=data.get("response") or "",
            remedies=data.get("remedies") or "",
        )


class ComplaintReferenceField(forms.ModelChoiceField):
    """A complaint typed as its reference."""

    widget = forms.TextInput

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Complaint):
            return value.reference
        return value

    def to_python(self, value: Any) -> Complaint | None:
        value = (value or "").strip()
        return super().to_python(value) if value else None


class OrganisationField(forms.ModelChoiceField):
    """Which of the organisations sharing the procedure (a trust and its council) handles the
    enquiry. Forms offer it only where there are several (`offer_organisations`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Organisation.objects.none(),
            required=False,
            empty_label="Not recorded",
            help_text="Where several organisations share the complaints procedure, the one "
            "that handles this enquiry",
            error_messages={
                "invalid_choice": "Select the organisation that handles the enquiry from the "
                "list, or Not recorded"
            },
            **kwargs,
        )


def offer_organisations(form: forms.Form) -> None:
    """Offer the organisations in the form's `organisation` field, or leave the field out when
    there is only one organisation (then there is nothing to choose)."""
    choices = organisations_to_choose()
    if choices.exists():
        cast(OrganisationField, form.fields["organisation"]).queryset = choices
    else:
        del form.fields["organisation"]


class RecordEnquiryForm(GovukForm):
    date_fields = ("received_on", "response_due_on")

    lgo_reference = forms.CharField(
        label="Ombudsman's reference",
        max_length=64,
        help_text="As on the Ombudsman's letter, for example 21 001 234",
        error_messages={
            "required": "Enter the Ombudsman's reference",
            "max_length": "The Ombudsman's reference must be 64 characters or fewer",
        },
    )
    complaint = ComplaintReferenceField(
        label="Complaint reference (optional)",
        required=False,
        queryset=Complaint.objects.all(),
        to_field_name="reference",
        help_text="Leave blank if the complaint did not come to us first",
        error_messages={
            "invalid_choice": "There is no complaint with that reference: check it, or leave "
            "it blank"
        },
    )
    received_on = DateInputField(label="Date the enquiry was received", initial=clock_today)
    response_due_on = DateInputField(label="Date our response is due", required=False)
    organisation = OrganisationField(label="Organisation (optional)")
    summary = forms.CharField(
        label="Summary (optional)",
        required=False,
        widget=_text_area(3),
        help_text="A short summary with no names, for the annual report",
    )

    def __init__(self, *args: Any, complaint: Complaint | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if complaint is not None:
            # Recorded from the complaint's own page: the complaint is not asked for.
            del self.fields["complaint"]
        offer_organisations(self)


class EnquiryOrganisationForm(GovukForm):
    organisation = OrganisationField(label="Organisation")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_organisations(self)
        self.offered = "organisation" in self.fields

    def is_valid(self) -> bool:
        # With nothing to choose, a post saves nothing (rather than clearing the organisation).
        return self.offered and super().is_valid()


class ResponseForm(GovukForm):
    date_fields = ("sent_on",)

    sent_on = DateInputField(label="Date our response was sent", initial=clock_today)


class DecideForm(GovukForm):
    date_fields = ("decided_on", "remedy_due_on")

    decision = forms.ChoiceField(
        label="The Ombudsman's decision",
        choices=Decision.choices,
        error_messages={"required": "Select the Ombudsman's decision"},
    )
    decided_on = DateInputField(label="Date of the decision", initial=clock_today)
    recommendations = forms.CharField(
        label="Recommendations (optional)", required=False, widget=_text_area(5)
    )
    remedy_due_on = DateInputField(
        label="Date the remedies must be complied with (optional)", required=False
    )


class RemedyAddForm(GovukForm):
    date_fields = ("due_on",)

    kind = forms.ChoiceField(
        label="What the Ombudsman asked for",
        choices=RemedyKind.choices,
        error_messages={"required": "Select what the Ombudsman asked for"},
    )
    description = forms.CharField(label="Details (optional)", required=False, widget=_text_area())
    due_on = DateInputField(label="Date it is due (optional)", required=False)


class RemedyCompleteForm(GovukForm):
    date_fields = ("completed_on",)

    completed_on = DateInputField(label="Date it was complied with", initial=clock_today)
    evidence = forms.CharField(
        label="Evidence of compliance",
        widget=_text_area(),
        error_messages={"required": "Enter the evidence the remedy was complied with"},
    )
    amount = forms.CharField(
        label="Amount paid (optional)",
        required=False,
        max_length=32,
        help_text="In pounds and pence, for example 250.00. Recorded as a compensation payment "
        "at the Ombudsman stage",
        error_messages={"max_length": "Enter the amount in pounds and pence, like 250.00"},
    )

    def __init__(self, *args: Any, remedy: Remedy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if remedy.kind != RemedyKind.PAYMENT:
            del self.fields["amount"]
