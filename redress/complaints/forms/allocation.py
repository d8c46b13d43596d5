"""Allocating a stage to the person who will respond to it."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q

from redress.accounts.models import User
from redress.complaints.selectors.scoping import RESPONDING_ROLES

from .fields import GovukForm


class ResponderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.get_role_display().lower()})"


class AllocateForm(GovukForm):
    """`to` is the service's argument: blank takes the stage back to the complaints team."""

    to = ResponderChoiceField(
        label="Allocate to",
        required=False,
        queryset=User.objects.none(),
        empty_label="No one: the complaints team keeps it",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ResponderChoiceField, self.fields["to"]).queryset = User.objects.filter(
            Q(role__in=RESPONDING_ROLES) | Q(is_superuser=True), is_active=True
        ).order_by("first_name", "last_name", "username")
