"""Closing a stage without a response on its merits: withdrawn, or outside jurisdiction."""

from __future__ import annotations

from django import forms

from redress.core.clock import today as clock_today

from .fields import DateInputField, GovukForm


class WithdrawForm(GovukForm):
    date_fields = ("withdrawn_on",)

    withdrawn_on = DateInputField(label="Date withdrawn", initial=clock_today)
    reason = forms.CharField(
        label="Why the complainant withdrew",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the complainant withdrew"},
    )


class OutsideJurisdictionForm(GovukForm):
    date_fields = ("decided_on",)

    decided_on = DateInputField(label="Date of the decision", initial=clock_today)
    reason = forms.CharField(
        label="Why the complaint is outside jurisdiction",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the complaint is outside jurisdiction"},
    )
