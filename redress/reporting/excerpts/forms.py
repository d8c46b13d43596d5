"""The form of an excerpt's page: the words that may be published."""

from __future__ import annotations

from django import forms

from redress.complaints.forms import GovukForm

from .services import EXCERPT_LIMIT


class ExcerptForm(GovukForm):
    excerpt = forms.CharField(
        label="Excerpt for publication",
        required=False,  # the service says what is missing, as for a withdrawal
        max_length=EXCERPT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": f"The excerpt must be {EXCERPT_LIMIT:,} characters or fewer",
        },
    )
