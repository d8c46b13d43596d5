"""The forms of the stage 3 review panel: the day it met, and its report with the
recommendations. Its members are appointed with `AppointForm`, the authority's response is
recorded with `RespondForm`."""

from __future__ import annotations

from django import forms

from redress.complaints.choices import AppointmentRole
from redress.core.clock import today as clock_today

from .fields import DateInputField, GovukForm

PANEL_ROLES = (AppointmentRole.PANEL_CHAIR, AppointmentRole.PANEL_MEMBER)


class PanelDateForm(GovukForm):
    date_fields = ("held_on",)

    held_on = DateInputField(label="Date the panel met", initial=clock_today)


class PanelReportForm(GovukForm):
    date_fields = ("received_on",)

    received_on = DateInputField(label="Date the chair's report was received", initial=clock_today)
    recommendations = forms.CharField(
        label="The panel's recommendations",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
