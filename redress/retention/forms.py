"""Placing and lifting a legal hold: why, in the team's words."""

from __future__ import annotations

from django import forms

from redress.complaints.forms import GovukForm


class PlaceLegalHoldForm(GovukForm):
    reason = forms.CharField(
        label="Why the complaint must be kept",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why the complaint is on legal hold",
            "max_length": "Why the complaint is on legal hold must be 2,000 characters or fewer",
        },
    )


class LiftLegalHoldForm(GovukForm):
    reason = forms.CharField(
        label="Why the hold can be lifted",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter why the legal hold can be lifted",
            "max_length": "Why the legal hold can be lifted must be 2,000 characters or fewer",
        },
    )
