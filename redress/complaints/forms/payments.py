"""Recording a payment on a complaint (a cost or compensation, at a stage or for an Ombudsman
enquiry) and removing one recorded by mistake. The amount is checked by the service, which
says what is wrong with "£12.345" or "abc"."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.complaints.choices import PaymentKind, PaymentStage
from redress.complaints.models import Complaint
from redress.core.clock import today as clock_today
from redress.core.presenters import govuk_date
from redress.ombudsman.models import Enquiry

from .fields import DateInputField, GovukForm


class EnquiryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Enquiry) -> str:
        return f"{obj.lgo_reference}, received {govuk_date(obj.received_date)}"


class PaymentForm(GovukForm):
    date_fields = ("paid_on",)

    paid_on = DateInputField(label="Date paid", initial=clock_today)
    stage = forms.ChoiceField(
        label="Stage the payment belongs to",
        error_messages={
            "required": "Select the stage the payment belongs to",
            "invalid_choice": "Select one of the stages the complaint has reached, or the "
            "Ombudsman",
        },
    )
    enquiry = EnquiryChoiceField(
        label="Ombudsman enquiry",
        required=False,
        queryset=Enquiry.objects.none(),
        empty_label="Not for an Ombudsman enquiry",
        error_messages={"invalid_choice": "Select one of this complaint's Ombudsman enquiries"},
    )
    kind = forms.ChoiceField(
        label="Kind of payment",
        choices=[("", "Choose a kind"), *PaymentKind.choices],
        error_messages={"required": "Select the kind of payment"},
    )
    amount = forms.CharField(
        label="Amount",
        max_length=32,
        error_messages={
            "required": "Enter the amount in pounds and pence, like 250.00",
            "max_length": "Enter the amount in pounds and pence, like 250.00",
        },
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The description must be 300 characters or fewer"},
    )

    def __init__(
        self, *args: Any, complaint: Complaint, enquiry: Enquiry | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        reached = {str(stage.number) for stage in complaint.stages.all()}
        cast(forms.ChoiceField, self.fields["stage"]).choices = [
            (value, label)
            for value, label in PaymentStage.choices
            if value in reached or value == PaymentStage.LGO
        ]
        enquiries = complaint.ombudsman_enquiries.order_by("received_date", "pk")
        if not enquiries.exists():
            del self.fields["enquiry"]
            return
        cast(EnquiryChoiceField, self.fields["enquiry"]).queryset = enquiries
        if enquiry is not None:
            self.initial.update({"stage": PaymentStage.LGO, "enquiry": enquiry.pk})


class RemovePaymentForm(GovukForm):
    reason = forms.CharField(
        label="Why the payment is being removed",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the payment is being removed"},
    )
