"""Putting a stage on hold and resuming it. Field names are the services' argument names, so a
rule that names its field is shown there."""

from __future__ import annotations

from django import forms

from redress.core.clock import today as clock_today

from .fields import DateInputField, GovukForm


class HoldForm(GovukForm):
    date_fields = ("start_on",)

    start_on = DateInputField(label="Date the hold started", initial=clock_today)
    reason = forms.CharField(
        label="Why the stage is on hold",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the stage is on hold"},
    )


class ResumeForm(GovukForm):
    date_fields = ("resumed_on",)

    resumed_on = DateInputField(label="Date the stage resumed", initial=clock_today)
