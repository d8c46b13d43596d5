"""Following a complaint: asking for a link, and asking for the next stage."""

from __future__ import annotations

from django import forms

from redress.complaints.forms import GovukForm


class FollowForm(GovukForm):
    reference = forms.CharField(
        label="Your complaint’s reference",
        max_length=64,
        error_messages={"required": "Enter your complaint’s reference"},
    )
    email = forms.EmailField(
        label="Your email address",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )


class NextStageForm(GovukForm):
    reason = forms.CharField(
        label="Why are you not satisfied with the response?",
        max_length=5000,
        error_messages={"required": "Enter why you are not satisfied with the response"},
    )
    late_reason = forms.CharField(
        label="Why are you asking now?",
        required=False,
        max_length=2000,
    )

    def __init__(self, *args, late: bool = False, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.late = late
        if late:
            self.fields["late_reason"].required = True
            self.fields["late_reason"].error_messages["required"] = (
                "Enter why you are asking after the time allowed"
            )
        else:
            del self.fields["late_reason"]
