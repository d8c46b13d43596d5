"""The finding on each reason for complaint at a stage."""

from __future__ import annotations

from typing import Any

from django import forms

from redress.complaints.choices import Finding
from redress.complaints.models import Aspect

from .fields import GovukForm


class FindingsForm(GovukForm):
    """A choice of finding for each reason (blank: no finding yet), named `finding_<id>`."""

    def __init__(self, *args: Any, aspects: list[Aspect], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.aspects = aspects
        for aspect in aspects:
            self.fields[f"finding_{aspect.pk}"] = forms.ChoiceField(
                label=f"Finding on: {aspect.subcategory or aspect.category}",
                required=False,
                choices=[("", "No finding yet"), *Finding.choices],
                initial=aspect.finding,
            )

    @property
    def finding_fields(self) -> list[str]:
        return [f"finding_{a.pk}" for a in self.aspects]

    def changed_findings(self) -> list[tuple[Aspect, str]]:
        """Each reason whose finding the form changes, with its new finding."""
        return [
            (a, self.cleaned_data.get(f"finding_{a.pk}") or "")
            for a in self.aspects
            if (self.cleaned_data.get(f"finding_{a.pk}") or "") != a.finding
        ]
