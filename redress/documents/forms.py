"""Uploading a document and removing one."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from redress.complaints.forms import GovukForm
from redress.complaints.models import Stage

from .models import DocumentKind

WHOLE_COMPLAINT = "complaint"


class UploadForm(GovukForm):
    # Empty files are the service's to refuse, with the file named.
    file = forms.FileField(label="File", required=False, allow_empty_file=True)
    kind = forms.ChoiceField(
        label="What kind of document is it?",
        choices=DocumentKind.choices,
        error_messages={
            "required": "Select what kind of document it is",
            "invalid_choice": "Select one of the kinds of document listed",
        },
    )
    belongs_to = forms.ChoiceField(
        label="What does it belong to?",
        error_messages={
            "required": "Select what the document belongs to",
            "invalid_choice": "Select the complaint or one of the stages listed",
        },
    )

    def __init__(
        self,
        *args: Any,
        stages: list[Stage],
        whole_complaint: bool,
        too_large: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.stages = {str(s.number): s for s in stages}
        self.too_large = too_large
        choices = [(WHOLE_COMPLAINT, "The complaint as a whole")] if whole_complaint else []
        choices += [(number, f"Stage {number}") for number in self.stages]
        cast(forms.ChoiceField, self.fields["belongs_to"]).choices = choices
        if len(choices) == 1:
            self.fields["belongs_to"].initial = choices[0][0]

    def clean_file(self) -> Any:
        if self.too_large:
            raise ValidationError(self.too_large)
        file = self.cleaned_data.get("file")
        if not file:
            raise ValidationError("Choose a file to upload")
        return file

    def stage(self) -> Stage | None:
        return self.stages.get(self.cleaned_data["belongs_to"])


class RemoveForm(GovukForm):
    reason = forms.CharField(
        label="Why are you removing it?",
        max_length=2000,
        error_messages={
            "required": "Enter why the document is being removed",
            "max_length": "Why the document is being removed must be 2,000 characters or fewer",
        },
    )
