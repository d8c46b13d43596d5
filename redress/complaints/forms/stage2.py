"""The forms of the stage 2 investigation: appointments, the statement of complaint, the
reasons for complaint, the reports and the adjudication. Field names are the services'
argument names, so a rule that names its field is shown there."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.db.models import Q

from redress.accounts.models import User
from redress.complaints.choices import AppointmentRole
from redress.complaints.models import Stage
from redress.core.clock import today as clock_today
from redress.taxonomies.models import Taxonomy, TaxonomyKind, Term

from .fields import DateInputField, GovukForm

STAGE2_ROLES = (
    AppointmentRole.INVESTIGATING_OFFICER,
    AppointmentRole.INDEPENDENT_PERSON,
    AppointmentRole.ADJUDICATOR,
)
REASON_KINDS = (TaxonomyKind.CATEGORIES, TaxonomyKind.THEMES)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name} ({obj.get_role_display().lower()})"


class AppointForm(GovukForm):
    """Someone appointed to a stage: a Redress user, or a name for someone without an
    account."""

    date_fields = ("appointed_on",)

    role = forms.ChoiceField(label="Role", error_messages={"required": "Select the role"})
    user = UserChoiceField(
        label="Their Redress account",
        required=False,
        queryset=User.objects.none(),
        empty_label="They do not use Redress",
    )
    name = forms.CharField(
        label="Their name",
        required=False,
        max_length=200,
        help_text="As the complainant will know them. Leave blank to use their account's name.",
    )
    appointed_on = DateInputField(label="Date appointed", initial=clock_today)

    def __init__(self, *args: Any, roles: Sequence[AppointmentRole], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = [(r.value, r.label) for r in roles]
        cast(UserChoiceField, self.fields["user"]).queryset = User.objects.filter(
            is_active=True
        ).order_by("first_name", "last_name", "username")

    def add_violation(self, violation: Any) -> None:
        """A rule about the person shows at the account chosen, unless a name was typed."""
        data = getattr(self, "cleaned_data", {})
        if (
            getattr(violation, "field", None) == "name"
            and data.get("user")
            and not data.get("name")
        ):
            self.add_error("user", violation.message)
            return
        super().add_violation(violation)


class RemoveAppointmentForm(GovukForm):
    reason = forms.CharField(
        label="Why they are no longer appointed (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StatementForm(GovukForm):
    date_fields = ("agreed_on",)

    agreed_on = DateInputField(label="Date the statement was agreed", initial=clock_today)


class ReportForm(GovukForm):
    date_fields = ("received_on",)

    received_on = DateInputField(label="Date the report was received", initial=clock_today)


class AdjudicationForm(GovukForm):
    date_fields = ("adjudicated_on",)

    adjudicated_on = DateInputField(label="Date of the adjudication", initial=clock_today)


class ConfirmForm(GovukForm):
    """A button that confirms an action with nothing to type."""


class TermChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Term) -> str:
        return f"{obj.parent.name}: {obj.name}" if obj.parent else obj.name


class ReasonForm(GovukForm):
    """A reason for complaint: a category and one of its sub-categories (or a theme). The
    sub-category list holds every category's, so the service's check that it belongs to the
    category chosen is what refuses one from another branch."""

    category = TermChoiceField(
        label="Category",
        queryset=Term.objects.none(),
        empty_label="Choose a category",
        error_messages={"required": "Select the category"},
    )
    subcategory = TermChoiceField(
        label="Sub-category",
        required=False,
        queryset=Term.objects.none(),
        empty_label="None",
    )

    def __init__(self, *args: Any, stage: Stage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        day = stage.complaint.received_date
        taxonomies = Taxonomy.objects.filter(kind__in=REASON_KINDS)
        effective = taxonomies.effective_on(day)
        terms = Term.objects.filter(
            taxonomy__in=effective if effective.exists() else taxonomies
        ).select_related("parent")
        order = ("taxonomy__valid_from", "parent__order", "parent__name", "order", "name")
        cast(TermChoiceField, self.fields["category"]).queryset = terms.filter(
            parent__isnull=True
        ).order_by("taxonomy__valid_from", "order", "name")
        cast(TermChoiceField, self.fields["subcategory"]).queryset = terms.filter(
            ~Q(parent=None)
        ).order_by(*order)
