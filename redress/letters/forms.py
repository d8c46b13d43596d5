"""The forms of the letters pages: a template's text, choosing a letter, its text for this one
letter, and the day it was posted."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from redress.complaints.forms import GovukForm
from redress.complaints.forms.fields import DateInputField
from redress.core.clock import today as clock_today

from .selectors import Recipient


class TemplateForm(GovukForm):
    subject = forms.CharField(
        label="Subject",
        max_length=200,
        strip=False,
        error_messages={
            "required": "Enter the subject",
            "max_length": "The subject must be 200 characters or fewer",
        },
    )
    body = forms.CharField(
        label="Text of the letter",
        strip=False,
        widget=forms.Textarea,
        error_messages={"required": "Enter the text of the letter"},
    )
    note = forms.CharField(
        label="What did you change? (optional)",
        required=False,
        max_length=300,
        error_messages={"max_length": "What you changed must be 300 characters or fewer"},
    )


class ChooseForm(GovukForm):
    """Which letter, for which stage, to whom (a GET form: the choice is in the address)."""

    template = forms.ChoiceField(
        label="Which letter?",
        error_messages={
            "required": "Select which letter to write",
            "invalid_choice": "Select one of the letters listed",
        },
    )
    stage = forms.ChoiceField(
        label="Which stage is it about?",
        error_messages={
            "required": "Select the stage the letter is about",
            "invalid_choice": "Select one of the complaint's stages",
        },
    )
    recipient = forms.ChoiceField(
        label="Who is it to?",
        error_messages={
            "required": "Select who the letter is to",
            "invalid_choice": "Select one of the people listed",
        },
    )

    def __init__(
        self,
        *args: Any,
        templates: list[tuple[str, str]],
        stages: list[int],
        recipients: list[Recipient],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["template"]).choices = templates
        cast(forms.ChoiceField, self.fields["stage"]).choices = [
            (str(n), f"Stage {n}") for n in stages
        ]
        cast(forms.ChoiceField, self.fields["recipient"]).choices = [
            (r.role, r.label) for r in recipients
        ]
        if stages:
            self.fields["stage"].initial = str(stages[-1])
        if recipients:
            self.fields["recipient"].initial = recipients[0].role


class ComposeForm(GovukForm):
    subject = forms.CharField(
        label="Subject",
        max_length=200,
        error_messages={
            "required": "Enter the letter's subject",
            "max_length": "The subject must be 200 characters or fewer",
        },
    )
    body = forms.CharField(
        label="Text of the letter",
        strip=False,
        widget=forms.Textarea,
        error_messages={"required": "Enter the text of the letter"},
    )


class SendForm(GovukForm):
    """Nothing to fill in: the button confirms."""


class PostedForm(GovukForm):
    date_fields = ("posted_on",)

    posted_on = DateInputField(label="Date posted", initial=clock_today)
